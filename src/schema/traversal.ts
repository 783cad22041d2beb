/**
 * Root fields that walk the graph: neighbourhoods, paths, outcome chains, drivers and the
 * timeline. Resolvers only translate arguments and turn ids into records; the traversals,
 * their limits and their errors live in src/graph/traversal.ts.
 */
import type { Snapshot } from '../graph/snapshot.js';
import {
  type Chain,
  type ChainArgs,
  drivers,
  type GraphPath,
  neighborhood,
  outcomeChains,
  type PathArgs,
  paths,
  type Subgraph,
  shortestPath,
  type TimelineEntry,
  timeline,
} from '../graph/traversal.js';
import { TRAVERSAL_LIMITS as L } from '../graph/traversal-limits.js';
import { CHAIN_RELATIONS } from '../model/ontology.js';
import type { EntityRecord } from '../model/records.js';
import { builder } from './builder.js';
import { OutcomeRef } from './entity.js';
import { AssertionEnum, DatePrecisionEnum, DirectionEnum, EntityKindEnum, RelationTypeEnum } from './enums.js';
import { DocumentRef, EntityRef, PartialDateRef, RelationRef } from './refs.js';

// Ids come from the snapshot's own graph, so a miss would be a bug, not a client error.
function entity(snapshot: Snapshot, id: string): EntityRecord {
  const e = snapshot.getEntity(id);
  if (!e) throw new Error(`traversal returned unknown entity ${id}`);
  return e;
}

function relation(snapshot: Snapshot, id: string) {
  const r = snapshot.getRelation(id);
  if (!r) throw new Error(`traversal returned unknown relation ${id}`);
  return r;
}

/** GraphQL gives null for an omitted list; the traversal functions take undefined. */
const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

const SubgraphRef = builder.objectRef<Subgraph>('Subgraph').implement({
  description: 'Entities around some seeds and the relations between them.',
  fields: (t) => ({
    nodes: t.field({
      nullable: false,
      type: [EntityRef],
      description: 'Seeds first, then by hop distance, then by id.',
      complexity: { field: 1, multiplier: 50 },
      resolve: (s, _a, { snapshot }) =>
        s.nodes.filter((id) => snapshot.getEntity(id)).map((id) => entity(snapshot, id)),
    }),
    documents: t.field({
      nullable: false,
      type: [DocumentRef],
      description: 'Source documents reached; only when relationTypes includes MENTIONS.',
      resolve: (s, _a, { snapshot }) =>
        s.nodes.filter((id) => !snapshot.getEntity(id)).flatMap((id) => snapshot.getDocument(id) ?? []),
    }),
    edges: t.field({
      nullable: false,
      type: [RelationRef],
      description: 'Relations of the followed types between returned nodes, by id.',
      complexity: { field: 1, multiplier: 100 },
      resolve: (s, _a, { snapshot }) => s.edges.map((id) => relation(snapshot, id)),
    }),
    truncated: t.exposeBoolean('truncated', {
      nullable: false,
      description: 'True when limit left out entities within reach.',
    }),
  }),
});

interface Hop {
  readonly from: string;
  readonly to: string;
  readonly relations: readonly string[];
}

const PathHopRef = builder.objectRef<Hop>('PathHop').implement({
  description:
    'One step of a path between two entities, with every followed relation that joins them (e.g. the same link recorded from several documents), each with its evidence.',
  fields: (t) => ({
    from: t.field({ nullable: false, type: EntityRef, resolve: (h, _a, { snapshot }) => entity(snapshot, h.from) }),
    to: t.field({ nullable: false, type: EntityRef, resolve: (h, _a, { snapshot }) => entity(snapshot, h.to) }),
    relations: t.field({
      nullable: false,
      type: [RelationRef],
      description: 'By id; at least one.',
      resolve: (h, _a, { snapshot }) => h.relations.map((id) => relation(snapshot, id)),
    }),
  }),
});

const PathRef = builder.objectRef<GraphPath>('Path').implement({
  description:
    'A walk between entities over entity hops: hops[i] joins nodes[i] and nodes[i + 1] with all the followed relations between them; edges[i] is the first of those (by id).',
  fields: (t) => ({
    length: t.int({ nullable: false, description: 'Number of hops.', resolve: (p) => p.hops.length }),
    hops: t.field({
      nullable: false,
      type: [PathHopRef],
      resolve: (p) =>
        p.hops.map((relations, i) => ({ from: p.nodes[i] as string, to: p.nodes[i + 1] as string, relations })),
    }),
    nodes: t.field({
      nullable: false,
      type: [EntityRef],
      resolve: (p, _a, { snapshot }) => p.nodes.map((id) => entity(snapshot, id)),
    }),
    edges: t.field({
      nullable: false,
      type: [RelationRef],
      description: 'One relation per hop (the first by id); hops has all of them.',
      resolve: (p, _a, { snapshot }) => p.edges.map((id) => relation(snapshot, id)),
    }),
  }),
});

const ASSERTIONS_HELP =
  'Follow only relations with these assertions (default: all), e.g. [STATED] for links the text states.';

const OutcomeChainRef = builder.objectRef<Chain>('OutcomeChain').implement({
  description: 'An outcome reached along responsibility relations, with the chain that reaches it.',
  fields: (t) => ({
    outcome: t.field({
      nullable: false,
      type: OutcomeRef,
      resolve: (c, _a, { snapshot }) => entity(snapshot, c.entity),
    }),
    path: t.field({
      nullable: false,
      type: PathRef,
      description: 'From the starting entity to the outcome.',
      resolve: (c) => c.path,
    }),
  }),
});

const DriverRef = builder.objectRef<Chain>('Driver').implement({
  description: 'An organ, session, reform or campaign that leads to an outcome, with the chain.',
  fields: (t) => ({
    entity: t.field({ nullable: false, type: EntityRef, resolve: (c, _a, { snapshot }) => entity(snapshot, c.entity) }),
    path: t.field({
      nullable: false,
      type: PathRef,
      description: 'From the driver to the outcome.',
      resolve: (c) => c.path,
    }),
  }),
});

const TimelineDateFieldEnum = builder.enumType('TimelineDateField', {
  description: 'Which field placed an entity on the timeline.',
  values: {
    DATE: { description: 'The date of the entity (a session, a document, a reform).' },
    START: { description: 'The start of the entity (a campaign).' },
    YEAR: { description: 'The year an outcome figure describes.' },
    PERIOD_END: { description: 'The end of the period an outcome figure covers.' },
  } as const,
});

const TimelineEntryRef = builder.objectRef<TimelineEntry>('TimelineEntry').implement({
  description: 'A dated entity, at the precision the source gives.',
  fields: (t) => ({
    entity: t.field({ nullable: false, type: EntityRef, resolve: (e) => e.record }),
    date: t.field({ nullable: false, type: PartialDateRef, resolve: (e) => e.date }),
    dateField: t.field({ nullable: false, type: TimelineDateFieldEnum, resolve: (e) => e.field }),
    withinWindow: t.exposeBoolean('withinWindow', {
      nullable: false,
      description:
        'True when the date lies wholly inside [from, to]; false when it is less specific than the window and only overlaps it (a date of 2023 against from = to = 2023-01-08). Always true without from and to.',
    }),
  }),
});

/** Generated from the ontology so the description cannot drift from what chains follow. */
const chainTypes = (flow: 'forward' | 'backward') =>
  [...CHAIN_RELATIONS]
    .filter(([, f]) => f === flow)
    .map(([type]) => type)
    .join(', ');
const CHAIN_KINDS_HELP = `Chains follow ${chainTypes('forward')} from source to target, and ${chainTypes('backward')} from target to source.`;

type QueryFieldBuilder = Parameters<Parameters<typeof builder.queryFields>[0]>[0];

/** paths and shortestPath follow the same relations between the same two entities. */
const pathFilterArgs = (t: QueryFieldBuilder) => ({
  relationTypes: t.arg({
    type: [RelationTypeEnum],
    description: 'Follow only these (default: all but MENTIONS, which paths refuse).',
  }),
  assertions: t.arg({ type: [AssertionEnum], description: ASSERTIONS_HELP }),
  directed: t.arg.boolean({
    defaultValue: true,
    description: 'Follow relations only from source to target; false follows them either way.',
  }),
});
const pathFilters = (args: {
  from: string | number;
  to: string | number;
  relationTypes?: PathArgs['relationTypes'] | null;
  assertions?: PathArgs['assertions'] | null;
  directed?: boolean | null;
}): PathArgs => ({
  from: String(args.from),
  to: String(args.to),
  relationTypes: optional(args.relationTypes),
  assertions: optional(args.assertions),
  directed: optional(args.directed),
});

/** outcomeChains and drivers take the same bounds after their anchor, cost and pass them alike. */
const chainArgs = (t: QueryFieldBuilder) => ({
  maxDepth: t.arg.int({ defaultValue: L.defaultChainDepth }),
  first: t.arg.int({ defaultValue: L.maxPaths }),
  assertions: t.arg({ type: [AssertionEnum], description: ASSERTIONS_HELP }),
});
const chainCost = (args: { first?: number | null }) => ({ field: 20, multiplier: args.first ?? L.maxPaths });
const chainOptions = (args: {
  maxDepth?: number | null;
  first?: number | null;
  assertions?: ChainArgs['assertions'] | null;
}): ChainArgs => ({
  maxDepth: optional(args.maxDepth),
  limit: optional(args.first),
  assertions: optional(args.assertions),
});

builder.queryFields((t) => ({
  neighborhood: t.field({
    nullable: false,
    type: SubgraphRef,
    description: `Every entity within depth hops (at most ${L.maxDepth}) of the seeds, following only the given relation types and direction, at most limit (≤ ${L.maxNodes}) nodes. Source documents and MENTIONS are left out unless relationTypes names MENTIONS.`,
    args: {
      ids: t.arg.idList({ required: true, description: `Seed entities (at most ${L.maxSeeds}); always returned.` }),
      depth: t.arg.int({ defaultValue: L.defaultDepth }),
      direction: t.arg({ type: DirectionEnum, defaultValue: 'BOTH' }),
      relationTypes: t.arg({ type: [RelationTypeEnum], description: 'Follow only these (default: all but MENTIONS).' }),
      assertions: t.arg({ type: [AssertionEnum], description: ASSERTIONS_HELP }),
      kinds: t.arg({
        type: [EntityKindEnum],
        description: 'Return only these kinds besides the seeds; others are still passed through.',
      }),
      limit: t.arg.int({ defaultValue: L.defaultNodes }),
    },
    complexity: (args) => ({ field: 10 * (1 + (args.depth ?? L.defaultDepth)), multiplier: 1 }),
    // The cost reads depth only: the fast path need not re-estimate a request per seed id.
    extensions: { costArgs: ['depth'] },
    resolve: (_r, args, { snapshot }) =>
      neighborhood(snapshot, {
        ids: args.ids.map(String),
        depth: optional(args.depth),
        direction: optional(args.direction),
        relationTypes: optional(args.relationTypes),
        assertions: optional(args.assertions),
        kinds: optional(args.kinds),
        limit: optional(args.limit),
      }),
  }),
  paths: t.field({
    nullable: false,
    type: [PathRef],
    description: `Simple paths (no entity twice) of at most maxLength (≤ ${L.maxPathLength}) hops between two entities, shortest first, then by the ids along them. Parallel relations between two entities (e.g. one per document) are one hop, so first counts distinct entity paths (at most ${L.maxPaths}).`,
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: true }),
      maxLength: t.arg.int({ defaultValue: L.defaultPathLength }),
      ...pathFilterArgs(t),
      first: t.arg.int({ defaultValue: L.defaultPaths }),
    },
    complexity: (args) => ({
      field: 20 * (args.maxLength ?? L.defaultPathLength),
      multiplier: args.first ?? L.defaultPaths,
    }),
    resolve: (_r, args, { snapshot }) =>
      paths(snapshot, {
        ...pathFilters(args),
        maxLength: optional(args.maxLength),
        limit: optional(args.first),
      }),
  }),
  shortestPath: t.field({
    type: PathRef,
    nullable: true,
    description: 'One shortest path between two entities, or null when they are not connected that way.',
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: true }),
      ...pathFilterArgs(t),
    },
    complexity: 20,
    resolve: (_r, args, { snapshot }) => shortestPath(snapshot, pathFilters(args)),
  }),
  outcomeChains: t.field({
    nullable: false,
    type: [OutcomeChainRef],
    description: `Every outcome an organ, session, reform or campaign leads to within maxDepth (≤ ${L.maxChainDepth}) relations, each with one shortest chain; shortest first. ${CHAIN_KINDS_HELP}`,
    args: { from: t.arg.id({ required: true }), ...chainArgs(t) },
    complexity: chainCost,
    resolve: (_r, args, { snapshot }) => outcomeChains(snapshot, String(args.from), chainOptions(args)),
  }),
  drivers: t.field({
    nullable: false,
    type: [DriverRef],
    description: `The organs, sessions, reforms and campaigns that lead to an outcome within maxDepth (≤ ${L.maxChainDepth}) relations, each with one shortest chain; nearest first. ${CHAIN_KINDS_HELP}`,
    args: { outcome: t.arg.id({ required: true }), ...chainArgs(t) },
    complexity: chainCost,
    resolve: (_r, args, { snapshot }) => drivers(snapshot, String(args.outcome), chainOptions(args)),
  }),
  timeline: t.field({
    nullable: false,
    type: [TimelineEntryRef],
    description:
      'Dated entities whose date overlaps [from, to], dates kept at their precision. Entries whose date lies inside the window come first, then those less specific than the window that only overlap it (withinWindow: false); each group in date order, a coarser date before a finer one on the same first day. minPrecision keeps only dates at least that precise. An entity is placed by its date, else its start, else (outcomes) the year or the end of the period its figure covers.',
    args: {
      from: t.arg.string({
        description: 'Partial ISO date (2015, 2015-05, 2015-05-29); keeps entities whose date overlaps from it on.',
      }),
      to: t.arg.string({ description: 'Partial ISO date; keeps entities whose date overlaps up to it.' }),
      kinds: t.arg({ type: [EntityKindEnum] }),
      involving: t.arg.id({ description: 'Only this entity and those one relation (other than MENTIONS) away.' }),
      minPrecision: t.arg({
        type: DatePrecisionEnum,
        description: 'Only dates at least this precise: DAY keeps days, MONTH months and days, YEAR everything.',
      }),
      limit: t.arg.int({ defaultValue: L.maxNodes, description: `At most ${L.maxNodes}.` }),
    },
    complexity: (args) => ({ field: 10, multiplier: args.limit ?? L.maxNodes }),
    resolve: (_r, args, { snapshot }) =>
      timeline(snapshot, {
        from: optional(args.from),
        to: optional(args.to),
        kinds: optional(args.kinds),
        involving: args.involving === null || args.involving === undefined ? undefined : String(args.involving),
        minPrecision: optional(args.minPrecision),
        limit: optional(args.limit),
      }),
  }),
}));
