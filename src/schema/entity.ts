/** The Entity interface, one object type per kind, and the root fields that fetch entities. */
import { requireEntity } from '../graph/arguments.js';
import { type EntityWhere, filterEntities } from '../graph/filters.js';
import type { Snapshot } from '../graph/snapshot.js';
import { ENTITY_KINDS, type EntityKind } from '../model/ontology.js';
import type { EntityRecord, OutcomeFields } from '../model/records.js';
import { builder } from './builder.js';
import {
  CampaignTypeEnum,
  ChangeDirectionEnum,
  EntityKindEnum,
  OrganLevelEnum,
  QualifierEnum,
  ScopeLevelEnum,
  SessionTypeEnum,
} from './enums.js';
import { pageOf } from './paging.js';
import { DocumentRef, EntityRef, EvidenceRef, PartialDateRef } from './refs.js';

builder.interfaceType(EntityRef, {
  description: 'Anything the sources state: an organ, session, reform, campaign, outcome, person, law or document.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (e) => ENTITY_KINDS[e.kind].typeName,
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, resolve: (e) => e.kind }),
    name: t.exposeString('name'),
    aliases: t.exposeStringList('aliases'),
    nameZh: t.exposeString('nameZh', {
      nullable: true,
      description: 'Standard Chinese name. Curator knowledge: not stated by the English sources.',
    }),
    description: t.exposeString('description', { nullable: true }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'Curator note: ambiguities, resolved relative dates.',
    }),
    date: t.field({ type: PartialDateRef, nullable: true, resolve: (e) => e.date }),
    start: t.field({ type: PartialDateRef, nullable: true, resolve: (e) => e.start }),
    end: t.field({ type: PartialDateRef, nullable: true, resolve: (e) => e.end }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'Verbatim quotes backing this entity.',
      resolve: (e) => e.evidence,
    }),
    documents: t.field({
      type: [DocumentRef],
      description: 'Source documents that mention this entity.',
      resolve: (e, _a, { snapshot }) => documentsOf(snapshot, e),
    }),
    file: t.exposeString('file', { description: 'The graph-data file that defines it.' }),
  }),
});

function documentsOf(snapshot: Snapshot, e: EntityRecord) {
  const ids = [...new Set(e.evidence.map((ev) => ev.document))];
  return ids.map((id) => snapshot.getDocument(id)).filter((d) => d !== undefined);
}

/** Defines the object type for one kind, a Relay node that implements Entity. */
type EntityObjectRef = ReturnType<typeof builder.objectRef<EntityRecord>>;
type EntityFields = Parameters<typeof builder.objectFields<EntityObjectRef>>[1];

function entityType(kind: EntityKind, fields: EntityFields = () => ({})) {
  const ref: EntityObjectRef = builder.objectRef<EntityRecord>(ENTITY_KINDS[kind].typeName);
  builder.node(ref, {
    description: ENTITY_KINDS[kind].description,
    interfaces: [EntityRef],
    isTypeOf: (v) => (v as EntityRecord).kind === kind,
    id: { resolve: (e) => e.id },
    loadOne: (id, { snapshot }) => {
      const e = snapshot.getEntity(id);
      return e?.kind === kind ? e : null;
    },
    fields,
  });
  return ref;
}

export const OrganRef = entityType('ORGAN', (t) => ({
  level: t.field({ type: OrganLevelEnum, nullable: true, resolve: (e) => e.level }),
}));

export const SessionRef = entityType('PLENARY_SESSION', (t) => ({
  sessionType: t.field({ type: SessionTypeEnum, resolve: (e) => e.sessionType ?? 'MEETING' }),
  ordinal: t.exposeInt('ordinal', {
    nullable: true,
    description: 'Ordinal of the session itself (3 for the Third Plenary Session).',
  }),
  bodyOrdinal: t.exposeInt('bodyOrdinal', {
    nullable: true,
    description: 'Ordinal of the body (18 for the 18th Central Committee).',
  }),
  series: t.exposeString('series', { nullable: true, description: 'Sessions of one series are chained by FOLLOWS.' }),
}));

/** For packages and plans: the count the text states beside the items the graph links to them. */
const itemCountFields: EntityFields = (t) => ({
  statedCount: t.int({
    nullable: true,
    description:
      'How many items the text says this package or plan has ("26 measures"); null when it states no count. Compare linkedItemCount.',
    resolve: (e) => e.statedCount?.count ?? null,
  }),
  statedCountFigure: t.string({
    nullable: true,
    description: 'The count as the text words it, e.g. ""10+5+8" reform measures".',
    resolve: (e) => e.statedCount?.figure ?? null,
  }),
  linkedItemCount: t.int({
    description: 'Items linked to this whole by PART_OF (those the texts name as entities).',
    resolve: (e, _a, { snapshot }) => snapshot.relationsOf(e.id, 'IN', ['PART_OF']).length,
  }),
});

export const ReformRef = entityType('REFORM', itemCountFields);

export const CampaignRef = entityType('CAMPAIGN', (t) => ({
  campaignType: t.field({ type: CampaignTypeEnum, nullable: true, resolve: (e) => e.campaignType }),
  ...itemCountFields(t),
}));

const BaselineRef = builder.objectRef<NonNullable<OutcomeFields['baseline']>>('Baseline').implement({
  description: 'The earlier point a figure is compared with.',
  fields: (t) => ({
    value: t.exposeFloat('value', { nullable: true }),
    year: t.field({ type: PartialDateRef, nullable: true, resolve: (b) => b.year }),
    figure: t.exposeString('figure', { nullable: true }),
  }),
});

const PeriodRef = builder.objectRef<NonNullable<OutcomeFields['period']>>('Period').implement({
  description: 'The span a figure covers; an open start means "until then, since the text does not say".',
  fields: (t) => ({
    start: t.field({ type: PartialDateRef, nullable: true, resolve: (p) => p.start }),
    end: t.field({ type: PartialDateRef, nullable: true, resolve: (p) => p.end }),
  }),
});

const ScopeRef = builder.objectRef<NonNullable<OutcomeFields['scope']>>('Scope').implement({
  fields: (t) => ({
    level: t.field({ type: ScopeLevelEnum, resolve: (s) => s.level }),
    place: t.exposeString('place', { nullable: true }),
  }),
});

const outcome = (e: EntityRecord): OutcomeFields => e.outcome ?? { metric: 'unknown' };

export const OutcomeRef = entityType('OUTCOME', (t) => ({
  metric: t.string({
    description: 'Series key: outcomes with the same metric form one series.',
    resolve: (e) => outcome(e).metric,
  }),
  value: t.float({ nullable: true, resolve: (e) => outcome(e).value }),
  unit: t.string({ nullable: true, resolve: (e) => outcome(e).unit }),
  qualifier: t.field({ type: QualifierEnum, nullable: true, resolve: (e) => outcome(e).qualifier }),
  figure: t.string({
    nullable: true,
    description: 'The figure as the text words it.',
    resolve: (e) => outcome(e).figure,
  }),
  year: t.field({
    type: PartialDateRef,
    nullable: true,
    description: 'The year the figure describes (not when it was published).',
    resolve: (e) => outcome(e).year,
  }),
  period: t.field({ type: PeriodRef, nullable: true, resolve: (e) => outcome(e).period }),
  baseline: t.field({ type: BaselineRef, nullable: true, resolve: (e) => outcome(e).baseline }),
  direction: t.field({
    type: ChangeDirectionEnum,
    nullable: true,
    description: 'Set when the value is a change against the baseline.',
    resolve: (e) => outcome(e).direction,
  }),
  scope: t.field({ type: ScopeRef, nullable: true, resolve: (e) => outcome(e).scope }),
}));

export const PersonRef = entityType('PERSON', (t) => ({
  position: t.exposeString('position', { nullable: true, description: 'The position the text states.' }),
}));

export const LawRef = entityType('LAW', itemCountFields);
export const OfficialDocumentRef = entityType('DOCUMENT', itemCountFields);

/**
 * Declared here for `entities(where:)` and implemented in filters.ts, which needs the kind
 * types above: Pothos's circular-reference pattern, so neither file imports the other back.
 */
export const EntityWhereRef = builder.inputRef<EntityWhere>('EntityWhere');

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    // Nullable so one unknown id does not null the rest of a multi-field query.
    nullable: true,
    description: 'One entity by id, e.g. "organ/ministry-of-public-security". Unknown ids are a NOT_FOUND error.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { snapshot }) => requireEntity(snapshot, String(id)),
  }),
  entities: t.connection({
    type: EntityRef,
    description: 'All entities, or those of one kind, filtered by where, ordered by id.',
    args: {
      kind: t.arg({ type: EntityKindEnum }),
      where: t.arg({ type: EntityWhereRef, description: 'Conditions that must all hold; combines with kind.' }),
    },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? args.last ?? 20 }),
    resolve: (_r, args, { snapshot }) =>
      pageOf(args, filterEntities(snapshot, args.where ?? {}, args.kind ?? undefined)),
  }),
}));
