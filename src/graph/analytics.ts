/**
 * Whole-graph analytics: counts, centrality rankings and Louvain communities. A snapshot never
 * changes, so each result is computed once per snapshot (on first use) and cached in a
 * WeakMap that lets old snapshots go after a reload. The algorithms are graphology's own
 * packages, run on a view of the entity graph without source documents and MENTIONS edges:
 * a document "links" everything it mentions, which would swamp every measure.
 */

import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { degreeCentrality } from 'graphology-metrics/centrality/degree.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { BadInputError } from '../model/errors.js';
import { CURATED_RELATION_TYPES, ENTITY_KIND_NAMES, type EntityKind, RELATION_TYPE_NAMES } from '../model/ontology.js';
import { mulberry32 } from '../model/prng.js';
import {
  ASSERTION_COUNT,
  adjacencyOf,
  compareIds,
  RELATION_CODES,
  relationCode,
  SOURCE_KIND_CODE,
} from './adjacency.js';
import { checkInt } from './arguments.js';
import type { Snapshot } from './snapshot.js';

/**
 * These packages are CommonJS (`module.exports = fn`) typed as `export default fn`: Node hands
 * over the function itself, some loaders a namespace holding it. Take it whichever way it came.
 */
function cjsDefault<T>(mod: { default: T }): T {
  const candidate: unknown = mod;
  return typeof candidate === 'function' ? (candidate as T) : mod.default;
}
const louvain = cjsDefault(louvainModule);
const betweenness = cjsDefault(betweennessModule);
const pagerank = cjsDefault(pagerankModule);

export type CentralityMeasure = 'DEGREE' | 'PAGERANK' | 'BETWEENNESS';

export interface GraphStats {
  readonly kinds: readonly { readonly kind: EntityKind; readonly count: number }[];
  readonly relationTypes: readonly { readonly type: string; readonly count: number }[];
  /** Source documents by id, with how many entities each is quoted for. */
  readonly documents: readonly { readonly document: string; readonly entityCount: number }[];
}

export interface CentralityScore {
  readonly entity: string;
  readonly score: number;
  /** 1 for the highest score; ties share no rank, they are ordered by id. */
  readonly rank: number;
}

export interface Community {
  /** 0 for the largest community, then by decreasing size, ties by smallest member id. */
  readonly id: number;
  /** Entity ids, by id. */
  readonly members: readonly string[];
  readonly kinds: readonly { readonly kind: EntityKind; readonly count: number }[];
}

export const ANALYTICS_LIMITS = { maxCentralityResults: 100, defaultCentralityResults: 10 } as const;

/** Seed of Louvain's random choices: same data, same communities. */
export const COMMUNITY_SEED = 42;

type EntityView = UndirectedGraph<Record<string, never>, { weight: number }>;

interface Analytics {
  stats?: GraphStats;
  view?: EntityView;
  rankings: Map<CentralityMeasure, readonly CentralityScore[]>;
  communities?: { list: readonly Community[]; byEntity: ReadonlyMap<string, number> };
}

const cache = new WeakMap<Snapshot, Analytics>();

function analyticsOf(snapshot: Snapshot): Analytics {
  let a = cache.get(snapshot);
  if (!a) {
    a = { rankings: new Map() };
    cache.set(snapshot, a);
  }
  return a;
}

// ---------------------------------------------------------------------------------------
// Counts

export function stats(snapshot: Snapshot): GraphStats {
  const a = analyticsOf(snapshot);
  a.stats ??= computeStats(snapshot);
  return a.stats;
}

function computeStats(snapshot: Snapshot): GraphStats {
  const { kinds, relations } = snapshot.counts();
  return {
    kinds: ENTITY_KIND_NAMES.map((kind) => ({ kind, count: kinds[kind] ?? 0 })),
    relationTypes: Object.entries(relations)
      .map(([type, count]) => ({ type, count }))
      .sort((x, y) => compareIds(x.type, y.type)),
    documents: snapshot
      .documents()
      .map((d) => ({ document: d.id, entityCount: snapshot.entitiesMentionedIn(d.id).length }))
      .sort((x, y) => compareIds(x.document, y.document)),
  };
}

// ---------------------------------------------------------------------------------------
// The entity view

/**
 * Every entity (isolated ones too, so each gets a community), joined by an undirected edge
 * wherever curated relations join two entities; `weight` counts those relations. Undirected,
 * because centrality here is about how connected an entity is, not which way its relations
 * point. Nodes and edges go in by id so the algorithms' iteration order is stable: read from
 * the adjacency, whose relations are ranked in id order already (sorting 500k relation ids
 * here made the first centrality or communities call at 100k entities take minutes).
 */
export function entityView(snapshot: Snapshot): EntityView {
  const a = analyticsOf(snapshot);
  if (a.view) return a.view;
  const view = new UndirectedGraph<Record<string, never>, { weight: number }>({ allowSelfLoops: false });
  for (const e of snapshot.entities()) view.addNode(e.id);
  const adjacency = adjacencyOf(snapshot);
  const curated = curatedCodes();
  const { source, target, code, kind, nodeIds } = adjacency;
  for (let r = 0; r < code.length; r++) {
    if (curated[code[r] as number] !== 1) continue;
    const s = source[r] as number;
    const t = target[r] as number;
    if (s === t || kind[s] === SOURCE_KIND_CODE || kind[t] === SOURCE_KIND_CODE) continue;
    view.updateEdge(nodeIds[s] as string, nodeIds[t] as string, (attrs) => ({ weight: (attrs.weight ?? 0) + 1 }));
  }
  a.view = view;
  return view;
}

/** Per relation code (adjacency.ts), 1 where its type is curated. */
function curatedCodes(): Uint8Array {
  const curated = new Uint8Array(RELATION_CODES);
  for (const type of CURATED_RELATION_TYPES) {
    const typeCode = RELATION_TYPE_NAMES.indexOf(type);
    for (let assertion = 0; assertion < ASSERTION_COUNT; assertion++) curated[relationCode(typeCode, assertion)] = 1;
  }
  return curated;
}

// ---------------------------------------------------------------------------------------
// Centrality

export interface CentralityArgs {
  readonly kind?: EntityKind;
  readonly measure?: CentralityMeasure;
  readonly first?: number;
}

/**
 * The highest scoring entities by one measure, ties broken by id. Scores are computed over the
 * whole entity graph; `kind` only picks whom to rank, so ranks are within that kind.
 * DEGREE counts distinct neighbours (normalised by n - 1), PAGERANK weighs an edge by how many
 * relations it stands for, BETWEENNESS counts shortest paths (normalised) ignoring weights.
 */
export function centrality(snapshot: Snapshot, args: CentralityArgs = {}): CentralityScore[] {
  const first = args.first ?? ANALYTICS_LIMITS.defaultCentralityResults;
  checkInt('first', first, 0, ANALYTICS_LIMITS.maxCentralityResults);
  const measure = args.measure ?? 'DEGREE';
  if (measure !== 'DEGREE' && measure !== 'PAGERANK' && measure !== 'BETWEENNESS') {
    throw new BadInputError(`measure must be DEGREE, PAGERANK or BETWEENNESS, got "${measure}"`, {
      argument: 'measure',
    });
  }
  const ranked = ranking(snapshot, measure);
  const kind = args.kind;
  const picked = kind ? ranked.filter((s) => snapshot.getEntity(s.entity)?.kind === kind) : ranked;
  return picked.slice(0, first).map((s, i) => ({ ...s, rank: i + 1 }));
}

function ranking(snapshot: Snapshot, measure: CentralityMeasure): readonly CentralityScore[] {
  const a = analyticsOf(snapshot);
  const cached = a.rankings.get(measure);
  if (cached) return cached;
  const view = entityView(snapshot);
  const scores = computeScores(view, measure);
  // The view holds the entities in id order, so a tie keeps that order by position, without
  // comparing ids (at 100k entities most degrees tie).
  const ranked = view
    .mapNodes((entity, _attrs) => ({ entity, score: scores[entity] as number }))
    .map((s, i) => ({ ...s, i }))
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .map((s, i) => ({ entity: s.entity, score: s.score, rank: i + 1 }));
  a.rankings.set(measure, ranked);
  return ranked;
}

function computeScores(view: EntityView, measure: CentralityMeasure) {
  if (view.order < 2) return Object.fromEntries(view.mapNodes((n) => [n, 0]));
  switch (measure) {
    case 'DEGREE':
      return degreeCentrality(view);
    case 'PAGERANK':
      return pagerank(view, { getEdgeWeight: 'weight' });
    case 'BETWEENNESS':
      return betweenness(view, { getEdgeWeight: null, normalized: true });
  }
}

/**
 * Computes what the default centrality and communities calls read (the entity view, degree
 * ranking, Louvain communities), so the first such request does not pay for them: `serve` calls
 * it once listening. Synchronous like the calls themselves, so a request arriving meanwhile
 * waits for it and then reads the same cache: never a partial answer.
 */
export function prepareAnalytics(snapshot: Snapshot): void {
  ranking(snapshot, 'DEGREE');
  communityData(snapshot);
}

// ---------------------------------------------------------------------------------------
// Communities

export function communities(snapshot: Snapshot): readonly Community[] {
  return communityData(snapshot).list;
}

/** The community id of an entity, or null for an id that is not an entity. */
export function communityOf(snapshot: Snapshot, id: string): number | null {
  return communityData(snapshot).byEntity.get(id) ?? null;
}

function communityData(snapshot: Snapshot) {
  const a = analyticsOf(snapshot);
  a.communities ??= computeCommunities(snapshot);
  return a.communities;
}

/** Louvain on the weighted entity view, renumbered by size so ids do not depend on Louvain's. */
function computeCommunities(snapshot: Snapshot) {
  const view = entityView(snapshot);
  // Without edges there is nothing to optimise: every entity is its own community.
  const raw: Record<string, number> =
    view.size === 0
      ? Object.fromEntries(view.nodes().map((n, i) => [n, i]))
      : louvain(view, { getEdgeWeight: 'weight', rng: mulberry32(COMMUNITY_SEED) });
  const groups = new Map<number, string[]>();
  for (const id of view.nodes()) {
    const c = raw[id] ?? -1;
    const members = groups.get(c);
    if (members) members.push(id);
    else groups.set(c, [id]);
  }
  const sorted = [...groups.values()]
    .map((members) => members.sort(compareIds))
    .sort((x, y) => y.length - x.length || compareIds(x[0] ?? '', y[0] ?? ''));
  const byEntity = new Map<string, number>();
  const list = sorted.map((members, id): Community => {
    for (const m of members) byEntity.set(m, id);
    return { id, members, kinds: kindCounts(snapshot, members) };
  });
  return { list, byEntity };
}

function kindCounts(snapshot: Snapshot, members: readonly string[]) {
  const counts = new Map<EntityKind, number>();
  for (const m of members) {
    const kind = snapshot.getEntity(m)?.kind;
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return ENTITY_KIND_NAMES.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}
