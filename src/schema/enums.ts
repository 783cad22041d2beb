/** GraphQL enums, each generated from the ontology or the model so they cannot drift. */
import { type MatchType, SEARCH_FIELDS } from '../graph/search.js';
import type { DatePrecision } from '../model/dates.js';
import {
  ASSERTIONS,
  type Assertion,
  CAMPAIGN_TYPES,
  DIRECTIONS,
  ENTITY_KINDS,
  type EntityKind,
  EVIDENCE_CONTEXTS,
  type EvidenceContext,
  ORGAN_LEVELS,
  QUALIFIERS,
  RELATION_TYPES,
  type RelationType,
  SCOPE_LEVELS,
  SESSION_TYPES,
} from '../model/ontology.js';
import { builder } from './builder.js';

const described = <T extends string>(spec: Record<T, { description: string }>) =>
  Object.fromEntries(
    Object.entries<{ description: string }>(spec).map(([k, v]) => [k, { description: v.description }]),
  ) as Record<T, { description: string }>;

/** For specs that map a name straight to its description. */
const describedBy = <T extends string>(spec: Record<T, string>) =>
  Object.fromEntries(Object.entries<string>(spec).map(([k, d]) => [k, { description: d }])) as Record<
    T,
    { description: string }
  >;

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'The kinds of entity the graph holds.',
  values: described<EntityKind>(ENTITY_KINDS),
});

export const RelationTypeEnum = builder.enumType('RelationType', {
  description: 'Relation types; which kinds each may join is in the README ontology table.',
  values: described<RelationType>(RELATION_TYPES),
});

export const AssertionEnum = builder.enumType('Assertion', {
  description: 'How firmly the text backs a relation.',
  values: describedBy<Assertion>(ASSERTIONS),
});

export const EvidenceContextEnum = builder.enumType('EvidenceContext', {
  description: 'Where in its document a quote stands.',
  values: describedBy<EvidenceContext>(EVIDENCE_CONTEXTS),
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which way to follow relations from an entity.',
  values: {
    OUT: { description: 'From the entity to others (it is the source).' },
    IN: { description: 'From others to the entity (it is the target).' },
    BOTH: { description: 'Either way.' },
  } as const,
});

export const DatePrecisionEnum = builder.enumType('DatePrecision', {
  values: ['YEAR', 'MONTH', 'DAY'] as const satisfies readonly DatePrecision[],
});

export const SessionTypeEnum = builder.enumType('SessionType', { values: SESSION_TYPES });
export const CampaignTypeEnum = builder.enumType('CampaignType', { values: CAMPAIGN_TYPES });
export const OrganLevelEnum = builder.enumType('OrganLevel', { values: ORGAN_LEVELS });
export const QualifierEnum = builder.enumType('Qualifier', {
  description: 'How the text qualifies a figure ("more than", "nearly", "a total of" ...).',
  values: QUALIFIERS,
});
export const ScopeLevelEnum = builder.enumType('ScopeLevel', { values: SCOPE_LEVELS });
export const ChangeDirectionEnum = builder.enumType('ChangeDirection', { values: DIRECTIONS });
export const MatchedOnEnum = builder.enumType('MatchedOn', {
  description: 'The field of an entity a search hit matched in.',
  values: SEARCH_FIELDS,
});
export const SearchFieldEnum = builder.enumType('SearchField', {
  description: 'A field of an entity that search looks in.',
  values: SEARCH_FIELDS,
});
export const MatchTypeEnum = builder.enumType('MatchType', {
  description: 'How a search hit matched, best first.',
  values: ['EXACT', 'PREFIX', 'WORD', 'SUBSTRING', 'FUZZY'] as const satisfies readonly MatchType[],
});
