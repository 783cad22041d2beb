/**
 * The one definition of what the graph may hold. The loader validates against it, the
 * GraphQL enums are generated from it and the README table is printed from it.
 */

export const ENTITY_KINDS = {
  ORGAN: {
    prefix: 'organ',
    typeName: 'Organ',
    description: 'A Party or state body, a ministry and its bureaus, or a local public security organ or unit.',
  },
  PLENARY_SESSION: {
    prefix: 'session',
    typeName: 'PlenarySession',
    description:
      'A party congress, a plenary session of the Central Committee, a Political Bureau collective study, a national work conference, press conference or meeting.',
  },
  REFORM: {
    prefix: 'reform',
    typeName: 'Reform',
    description: 'A reform, a system being built, or a package of measures.',
  },
  CAMPAIGN: {
    prefix: 'campaign',
    typeName: 'Campaign',
    description: 'A special campaign or operation, an action plan, or a demonstration-city activity.',
  },
  OUTCOME: {
    prefix: 'outcome',
    typeName: 'Outcome',
    description: 'A reported result: a count or percentage with its year or period, baseline and scope.',
  },
  PERSON: {
    prefix: 'person',
    typeName: 'Person',
    description: 'A person who speaks, reports or leads, with the position the text gives.',
  },
  LAW: {
    prefix: 'law',
    typeName: 'Law',
    description: 'A law or regulation.',
  },
  DOCUMENT: {
    prefix: 'document',
    typeName: 'OfficialDocument',
    description:
      'A written instrument named in a source: a notice, opinion, plan text or instruction (not a source document itself).',
  },
} as const;

export type EntityKind = keyof typeof ENTITY_KINDS;
export const ENTITY_KIND_NAMES = Object.keys(ENTITY_KINDS) as EntityKind[];

/** Source documents are nodes too (kind SOURCE), linked to what they mention. */
export const SOURCE_KIND = 'SOURCE' as const;
export const SOURCE_PREFIX = 'source';
export type NodeKind = EntityKind | typeof SOURCE_KIND;

/**
 * How a relation type takes part in reform-to-outcome chains: `forward` when responsibility
 * flows from source to target (a session PROPOSED a reform), `backward` when it flows from
 * target to source (a campaign IMPLEMENTS a reform, so the reform drives the campaign).
 */
export type ChainDirection = 'forward' | 'backward';

interface RelationSpec {
  readonly description: string;
  readonly from: readonly NodeKind[];
  readonly to: readonly NodeKind[];
  /** Source and target must be of the same kind. */
  readonly sameKind?: boolean;
  readonly chain?: ChainDirection;
  /** Computed by the loader, never written in graph-data. */
  readonly derived?: boolean;
}

const ALL_ENTITY_KINDS = ENTITY_KIND_NAMES;

export const RELATION_TYPES = {
  LAUNCHED: {
    description: 'An organ or person launched, organised or deployed a campaign or reform (it starts with them).',
    from: ['ORGAN', 'PERSON'],
    to: ['CAMPAIGN', 'REFORM'],
    chain: 'forward',
  },
  HELD: {
    description: 'An organ held or convened a session, conference or meeting.',
    from: ['ORGAN'],
    to: ['PLENARY_SESSION'],
    chain: 'forward',
  },
  PROPOSED: {
    description:
      'A session, organ or person first put forward a reform, campaign, law or requirement: the text presents it as new there.',
    from: ['PLENARY_SESSION', 'ORGAN', 'PERSON'],
    to: ['REFORM', 'CAMPAIGN', 'LAW', 'DOCUMENT'],
    chain: 'forward',
  },
  PROMOTED: {
    description:
      'A session, organ or person pushed forward, deepened or called for carrying out a reform, campaign, law or plan that already existed (it did not first propose it).',
    from: ['PLENARY_SESSION', 'ORGAN', 'PERSON'],
    to: ['REFORM', 'CAMPAIGN', 'LAW', 'DOCUMENT'],
    chain: 'forward',
  },
  ISSUED: {
    description: 'An organ or person issued a plan, campaign, reform, document or regulation under its own name.',
    from: ['ORGAN', 'PERSON'],
    to: ['CAMPAIGN', 'REFORM', 'DOCUMENT', 'LAW'],
    chain: 'forward',
  },
  CONTRIBUTED_TO_DRAFTING: {
    description:
      'An organ or person took part in drafting or formulating a law or document that another body enacted or issued.',
    from: ['ORGAN', 'PERSON'],
    to: ['LAW', 'DOCUMENT'],
    chain: 'forward',
  },
  ENACTED: {
    description: 'A legislature, rule-making organ or session adopted or revised a law or regulation.',
    from: ['ORGAN', 'PLENARY_SESSION'],
    to: ['LAW'],
    chain: 'forward',
  },
  IMPLEMENTS: {
    description:
      'A campaign, reform, law or document carries out a reform, a session’s decisions, a law or a document.',
    from: ['CAMPAIGN', 'REFORM', 'LAW', 'DOCUMENT'],
    to: ['REFORM', 'PLENARY_SESSION', 'LAW', 'DOCUMENT'],
    chain: 'backward',
  },
  PRODUCED: {
    description: 'A campaign, reform or law produced a reported outcome.',
    from: ['CAMPAIGN', 'REFORM', 'LAW'],
    to: ['OUTCOME'],
    chain: 'forward',
  },
  PARTICIPATED_IN: {
    description: 'An organ took part in a campaign, reform or session.',
    from: ['ORGAN'],
    to: ['CAMPAIGN', 'REFORM', 'PLENARY_SESSION'],
  },
  LEADS: {
    description:
      'An organ leads or directs another organ, a campaign or a reform (leadership over it, not headship of it).',
    from: ['ORGAN'],
    to: ['ORGAN', 'CAMPAIGN', 'REFORM'],
    chain: 'forward',
  },
  HEADS: {
    description:
      'A person holds the top post of an organ or of a campaign: minister, director, general secretary, chief of a crackdown (the role says which).',
    from: ['PERSON'],
    to: ['ORGAN', 'CAMPAIGN'],
    chain: 'forward',
  },
  MEMBER_OF: {
    description: 'A person holds a position in an organ other than its head (the role says which).',
    from: ['PERSON'],
    to: ['ORGAN'],
  },
  PART_OF: {
    description:
      'A component of a larger whole of the same kind: a bureau of a ministry, a measure of a package, a sub-campaign.',
    from: ALL_ENTITY_KINDS,
    to: ALL_ENTITY_KINDS,
    sameKind: true,
    chain: 'backward',
  },
  BUILT: {
    description: 'An organ built or set up an organ or unit (a centre, a station), or a reform task establishes one.',
    from: ['ORGAN', 'REFORM'],
    to: ['ORGAN'],
    chain: 'forward',
  },
  RELIES_ON: {
    description:
      'An organ, reform or campaign relies on an organ or reform (a platform, a centre) that the text does not make part of it.',
    from: ['ORGAN', 'REFORM', 'CAMPAIGN'],
    to: ['ORGAN', 'REFORM'],
  },
  REPORTED: {
    description: 'A person or organ reported an outcome or announced a campaign or reform.',
    from: ['PERSON', 'ORGAN'],
    to: ['OUTCOME', 'CAMPAIGN', 'REFORM'],
  },
  SPOKE_AT: {
    description: 'A person spoke at, or gave instructions at, a session or meeting.',
    from: ['PERSON'],
    to: ['PLENARY_SESSION'],
  },
  FOLLOWS: {
    description: 'A session follows the previous session of the same series.',
    from: ['PLENARY_SESSION'],
    to: ['PLENARY_SESSION'],
  },
  MENTIONS: {
    description: 'A source document mentions an entity (derived from evidence quotes).',
    from: [SOURCE_KIND],
    to: ALL_ENTITY_KINDS,
    derived: true,
  },
} as const satisfies Record<string, RelationSpec>;

export type RelationType = keyof typeof RELATION_TYPES;
export const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as RelationType[];
export const CURATED_RELATION_TYPES = RELATION_TYPE_NAMES.filter((t) => !(RELATION_TYPES[t] as RelationSpec).derived);

export function relationSpec(type: RelationType): RelationSpec {
  return RELATION_TYPES[type];
}

/** Relation types that carry responsibility or causation, with the direction it flows. */
export const CHAIN_RELATIONS: ReadonlyMap<RelationType, ChainDirection> = new Map(
  RELATION_TYPE_NAMES.flatMap((t) => {
    const chain = (RELATION_TYPES[t] as RelationSpec).chain;
    return chain ? [[t, chain] as const] : [];
  }),
);

/** Why a relation of `type` may not join `from` to `to`, or null when it may. */
export function ontologyViolation(type: RelationType, from: NodeKind, to: NodeKind): string | null {
  const spec = relationSpec(type);
  if (!spec.from.includes(from) || !spec.to.includes(to)) {
    return `${type} joins ${spec.from.join('|')} to ${spec.to.join('|')}, not ${from} to ${to}`;
  }
  if (spec.sameKind && from !== to) {
    return `${type} joins entities of the same kind, not ${from} to ${to}`;
  }
  return null;
}

/**
 * How firmly the text backs a relation. Every curated relation states one; MENTIONS, which
 * the loader derives from quotes, counts as STATED.
 */
export const ASSERTIONS = {
  STATED: 'The quoted text says it: the sentence names both ends (or unmistakable references to them) and the link.',
  IMPLIED_BY_CONTEXT:
    'The text implies it without saying it in one sentence: a reader draws it from the paragraph, section, heading, list, byline or caption around the quote.',
  CURATOR_INFERENCE:
    'The curator’s reading: knowledge outside the text (the structure of the state, the identity of a body the text leaves unnamed) or a link the text supports only loosely.',
} as const;
export type Assertion = keyof typeof ASSERTIONS;
export const ASSERTION_NAMES = Object.keys(ASSERTIONS) as Assertion[];

/**
 * Where in its document a quote stands. Derived from the document's structure by
 * src/graph/evidence-context.ts (the rule is in graph-data/README.md), or stated on the
 * evidence item where the structure does not show it.
 */
export const EVIDENCE_CONTEXTS = {
  HEADLINE: 'The title of the document, or its subtitle line.',
  BODY: 'The running text.',
  CAPTION: 'A photo caption: it often names a local unit and a date of its own.',
  BYLINE: 'Who wrote or published it, and when: reporter lines, author notes, source and date lines.',
} as const;
export type EvidenceContext = keyof typeof EVIDENCE_CONTEXTS;
export const EVIDENCE_CONTEXT_NAMES = Object.keys(EVIDENCE_CONTEXTS) as EvidenceContext[];

export const SESSION_TYPES = [
  'NATIONAL_CONGRESS',
  'PLENARY_SESSION',
  'COLLECTIVE_STUDY',
  'WORK_CONFERENCE',
  'PRESS_CONFERENCE',
  'MEETING',
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const CAMPAIGN_TYPES = [
  'SPECIAL_CAMPAIGN',
  'SPECIAL_OPERATION',
  'ACTION_PLAN',
  'DEMONSTRATION',
  'OTHER',
] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const ORGAN_LEVELS = ['CENTRAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'GRASSROOTS', 'NATIONWIDE'] as const;
export type OrganLevel = (typeof ORGAN_LEVELS)[number];

/** How the text qualifies a figure: "more than 6,000", "nearly 300000", "a total of 5026". */
export const QUALIFIERS = [
  'EXACT',
  'A_TOTAL_OF',
  'MORE_THAN',
  'NEARLY',
  'ABOUT',
  'AVERAGE',
  'AT_LEAST',
  'LESS_THAN',
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const SCOPE_LEVELS = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'LOCAL', 'UNSPECIFIED'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export const DIRECTIONS = ['INCREASE', 'DECREASE'] as const;
export type ChangeDirection = (typeof DIRECTIONS)[number];
