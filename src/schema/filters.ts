/**
 * The `EntityWhere` and `OutcomeWhere` filters and one root Relay connection per kind. The
 * filtering itself, its validation and its errors live in src/graph/filters.ts.
 */
import { filterEntities, type OutcomeWhere } from '../graph/filters.js';
import { builder } from './builder.js';
import {
  CampaignRef,
  EntityWhereRef,
  LawRef,
  OfficialDocumentRef,
  OrganRef,
  OutcomeRef,
  PersonRef,
  ReformRef,
  SessionRef,
} from './entity.js';
import { EntityKindEnum } from './enums.js';
import { pageOf } from './paging.js';

type InputFieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

/** Fields every entity filter has; OutcomeWhere repeats them, as GraphQL inputs cannot inherit. */
const entityWhereFields = (t: InputFieldBuilder) => ({
  kind: t.field({ type: EntityKindEnum, description: 'Only this kind.' }),
  kinds: t.field({ type: [EntityKindEnum], description: 'Only these kinds (empty: all).' }),
  nameContains: t.string({
    description: 'Case-insensitive part of the name, an alias or the Chinese name.',
  }),
  dateFrom: t.string({
    description:
      'Partial ISO date (2015, 2015-05, 2015-05-29): keeps entities whose stated dates (date, start, end; for outcomes also year and period) reach it or later. Undated entities are left out; an open end is not assumed to run on.',
  }),
  dateTo: t.string({ description: 'Partial ISO date: keeps entities whose stated dates begin by its last day.' }),
  document: t.id({
    description: 'Only entities quoted in this source document (bare id or source/<id>). Unknown: NOT_FOUND.',
  }),
  involving: t.id({
    description:
      'Only entities one relation (other than MENTIONS) away from this one, itself excluded. Unknown: NOT_FOUND.',
  }),
});

EntityWhereRef.implement({
  description: 'Conditions on entities; all given conditions must hold. Results stay ordered by id.',
  fields: (t) => entityWhereFields(t),
});

const OutcomeWhereRef = builder.inputRef<OutcomeWhere>('OutcomeWhere').implement({
  description: 'EntityWhere plus conditions on the figure an outcome reports.',
  fields: (t) => ({
    ...entityWhereFields(t),
    metric: t.string({ description: 'Series key, e.g. public-sense-of-security.' }),
    unit: t.string({ description: 'Unit, case-insensitive, e.g. percent.' }),
    yearFrom: t.int({ description: 'The year or period the figure describes reaches this year or later.' }),
    yearTo: t.int({ description: 'The year or period the figure describes begins by this year.' }),
    valueMin: t.float({ description: 'Value at least this (outcomes without a value are left out).' }),
    valueMax: t.float({ description: 'Value at most this.' }),
  }),
});

const KIND_FIELDS = [
  ['organs', 'ORGAN', OrganRef, 'Organs'],
  ['sessions', 'PLENARY_SESSION', SessionRef, 'Plenary sessions, congresses, studies, conferences and meetings'],
  ['reforms', 'REFORM', ReformRef, 'Reforms'],
  ['campaigns', 'CAMPAIGN', CampaignRef, 'Campaigns and action plans'],
  ['people', 'PERSON', PersonRef, 'People'],
  ['laws', 'LAW', LawRef, 'Laws and regulations'],
  ['officialDocuments', 'DOCUMENT', OfficialDocumentRef, 'Official documents named in the sources'],
] as const;

// Filtering walks every entity of the kind once; the page size is what the client pays for.
const connectionCost = (args: { first?: number | null; last?: number | null }) => ({
  field: 5,
  multiplier: args.first ?? args.last ?? 20,
});

builder.queryFields((t) => ({
  ...Object.fromEntries(
    KIND_FIELDS.map(([field, kind, ref, what]) => [
      field,
      t.connection({
        type: ref,
        description: `${what}, filtered by where, ordered by id. A kind in where narrows further (a different kind gives nothing).`,
        args: { where: t.arg({ type: EntityWhereRef }) },
        complexity: connectionCost,
        resolve: (_r, args, { snapshot }) => pageOf(args, filterEntities(snapshot, args.where ?? {}, kind)),
      }),
    ]),
  ),
  outcomes: t.connection({
    type: OutcomeRef,
    description: 'Reported outcomes, filtered by where (including metric, unit, year and value), ordered by id.',
    args: { where: t.arg({ type: OutcomeWhereRef }) },
    complexity: connectionCost,
    resolve: (_r, args, { snapshot }) => pageOf(args, filterEntities(snapshot, args.where ?? {}, 'OUTCOME')),
  }),
}));
