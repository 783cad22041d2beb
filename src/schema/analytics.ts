/**
 * Whole-graph analytics as GraphQL: counts, centrality rankings and communities, plus each
 * entity's community. Computing and caching live in src/graph/analytics.ts; resolvers here
 * only turn ids into records.
 */
import {
  ANALYTICS_LIMITS,
  type CentralityMeasure,
  type CentralityScore,
  type Community,
  centrality,
  communities,
  communityOf,
  type GraphStats,
  stats,
  whenAnalyticsReady,
} from '../graph/analytics.js';
import type { Snapshot } from '../graph/snapshot.js';
import type { EntityKind, RelationType } from '../model/ontology.js';
import type { EntityRecord } from '../model/records.js';
import { builder } from './builder.js';
import { EntityKindEnum, RelationTypeEnum } from './enums.js';
import { checkCount, LIMITS } from './limits.js';
import { windowArgs, windowOf } from './paging.js';
import { DocumentRef, EntityRef } from './refs.js';

// Ids come from the snapshot's own graph, so a miss would be a bug, not a client error.
function entity(snapshot: Snapshot, id: string): EntityRecord {
  const e = snapshot.getEntity(id);
  if (!e) throw new Error(`analytics returned unknown entity ${id}`);
  return e;
}

const CentralityMeasureEnum = builder.enumType('CentralityMeasure', {
  description:
    'How central an entity is in the graph of curated relations (source documents and MENTIONS left out, relations taken either way).',
  values: {
    DEGREE: { description: 'Distinct neighbours, divided by the number of other entities.' },
    PAGERANK: { description: 'PageRank, each link weighted by the number of relations it stands for.' },
    BETWEENNESS: { description: 'Share of shortest paths between other entities that pass through it (normalised).' },
  } satisfies Record<CentralityMeasure, { description: string }>,
});

const KindCountRef = builder.objectRef<{ kind: EntityKind; count: number }>('KindCount').implement({
  description: 'How many entities of one kind.',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, nullable: false, resolve: (k) => k.kind }),
    count: t.exposeInt('count', { nullable: false }),
  }),
});

const RelationTypeCountRef = builder.objectRef<{ type: string; count: number }>('RelationTypeCount').implement({
  description: 'How many relations of one type (MENTIONS included).',
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, nullable: false, resolve: (r) => r.type as RelationType }),
    count: t.exposeInt('count', { nullable: false }),
  }),
});

const DocumentCountRef = builder.objectRef<{ document: string; entityCount: number }>('DocumentCount').implement({
  description: 'A source document and how many entities it is quoted for.',
  fields: (t) => ({
    document: t.field({
      type: DocumentRef,
      nullable: false,
      resolve: (d, _a, { snapshot }) => {
        const doc = snapshot.getDocument(d.document);
        if (!doc) throw new Error(`stats returned unknown document ${d.document}`);
        return doc;
      },
    }),
    entityCount: t.exposeInt('entityCount', { nullable: false }),
  }),
});

const GraphStatsRef = builder.objectRef<GraphStats>('GraphStats').implement({
  description: 'Counts over the whole snapshot, computed once per snapshot.',
  fields: (t) => ({
    kinds: t.field({
      type: [KindCountRef],
      nullable: false,
      description: 'Entities per kind, in ontology order (kinds with none included).',
      resolve: (s) => s.kinds,
    }),
    relationTypes: t.field({
      type: [RelationTypeCountRef],
      nullable: false,
      description: 'Relations per type present, by type.',
      resolve: (s) => s.relationTypes,
    }),
    documents: t.field({
      type: [DocumentCountRef],
      nullable: false,
      description: `Source documents by id, each with the number of entities quoted from it; ${LIMITS.defaultListSize} at a time unless \`limit\` says otherwise.`,
      args: { ...windowArgs },
      resolve: (s, args) => windowOf(args, s.documents),
    }),
  }),
});

const CentralityScoreRef = builder.objectRef<CentralityScore>('CentralityScore').implement({
  description: 'An entity, its centrality score and its rank (1 is the most central; ties ordered by id).',
  fields: (t) => ({
    entity: t.field({
      type: EntityRef,
      nullable: false,
      resolve: (s, _a, { snapshot }) => entity(snapshot, s.entity),
    }),
    score: t.exposeFloat('score', { nullable: false }),
    rank: t.exposeInt('rank', { nullable: false }),
  }),
});

const CommunityRef = builder.objectRef<Community>('Community').implement({
  description: 'A group of entities more connected to each other than to the rest (Louvain, seeded).',
  fields: (t) => ({
    id: t.exposeInt('id', {
      nullable: false,
      description: '0 for the largest community, then by decreasing size, ties by smallest member id.',
    }),
    size: t.int({ nullable: false, resolve: (c) => c.members.length }),
    members: t.field({
      type: [EntityRef],
      nullable: false,
      description: 'Members by id; the first `first` of them (all when omitted).',
      args: { first: t.arg.int() },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? 50 }),
      resolve: (c, args, { snapshot }) => {
        // No upper bound: omitting first already returns every member.
        checkCount('first', args.first, Number.MAX_SAFE_INTEGER);
        const members = args.first == null ? c.members : c.members.slice(0, args.first);
        return members.map((id) => entity(snapshot, id));
      },
    }),
    kinds: t.field({
      type: [KindCountRef],
      nullable: false,
      description: 'Kinds present among the members, in ontology order, with their counts.',
      resolve: (c) => c.kinds,
    }),
  }),
});

/** Answers once serve's analytics warm-up is over, if it is still running (else at once). */
function afterWarmUp<T>(snapshot: Snapshot, answer: () => T): T | Promise<T> {
  const pending = whenAnalyticsReady(snapshot);
  return pending ? pending.then(answer) : answer();
}

builder.interfaceFields(EntityRef, (t) => ({
  community: t.int({
    nullable: true,
    description: 'Id of the community (see Query.communities) this entity belongs to.',
    complexity: 2,
    resolve: (e, _a, { snapshot }) => afterWarmUp(snapshot, () => communityOf(snapshot, e.id)),
  }),
}));

builder.queryFields((t) => ({
  stats: t.field({
    type: GraphStatsRef,
    nullable: false,
    description: 'Counts of entities per kind, relations per type and entities per source document.',
    complexity: 5,
    resolve: (_r, _a, { snapshot }) => stats(snapshot),
  }),
  centrality: t.field({
    type: [CentralityScoreRef],
    nullable: false,
    description: `The most central entities by a measure, over the graph of curated relations; kind picks whom to rank (ranks are within it). first is at most ${ANALYTICS_LIMITS.maxCentralityResults}.`,
    args: {
      kind: t.arg({ type: EntityKindEnum }),
      measure: t.arg({ type: CentralityMeasureEnum, defaultValue: 'DEGREE' }),
      first: t.arg.int({ defaultValue: ANALYTICS_LIMITS.defaultCentralityResults }),
    },
    complexity: (args) => ({
      field: 20,
      multiplier: args.first ?? ANALYTICS_LIMITS.defaultCentralityResults,
    }),
    resolve: (_r, args, { snapshot }) =>
      afterWarmUp(snapshot, () =>
        centrality(snapshot, {
          kind: args.kind ?? undefined,
          measure: args.measure ?? undefined,
          first: args.first ?? undefined,
        }),
      ),
  }),
  communities: t.field({
    type: [CommunityRef],
    nullable: false,
    description: `Louvain communities of the graph of curated relations, largest first; every entity is in exactly one. ${LIMITS.defaultListSize} at a time unless \`limit\` says otherwise.`,
    args: { ...windowArgs },
    complexity: { field: 20, multiplier: 20 },
    resolve: (_r, args, { snapshot }) => afterWarmUp(snapshot, () => windowOf(args, communities(snapshot))),
  }),
}));
