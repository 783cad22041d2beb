/**
 * Whole-graph analytics: counts, centrality rankings and Louvain communities. A snapshot never
 * changes, so each result is computed once per snapshot (on first use) and cached in a
 * WeakMap that lets old snapshots go after a reload. The algorithms are graphology's own
 * packages, run on a view of the entity graph without source documents and MENTIONS edges:
 * a document "links" everything it mentions, which would swamp every measure.
 */

import { Worker } from 'node:worker_threads';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { BadInputError } from '../model/errors.js';
import { CURATED_RELATION_TYPES, ENTITY_KIND_NAMES, type EntityKind, RELATION_TYPE_NAMES } from '../model/ontology.js';
import {
  ASSERTION_COUNT,
  adjacencyOf,
  compareIds,
  RELATION_CODES,
  relationCode,
  SOURCE_KIND_CODE,
} from './adjacency.js';
import type { AnalyticsResult } from './analytics-worker-thread.js';
import { checkInt } from './arguments.js';
import {
  buildEntityView,
  cjsDefault,
  degreeScores,
  type EntityView,
  type EntityViewInput,
  louvainCommunities,
} from './entity-view.js';
import type { Snapshot } from './snapshot.js';
import { workerEntry } from './worker-entry.js';

const betweenness = cjsDefault(betweennessModule);
const pagerank = cjsDefault(pagerankModule);

export { COMMUNITY_SEED } from './entity-view.js';

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

interface Analytics {
  stats?: GraphStats;
  view?: EntityView;
  /** While a worker computes the degree ranking and communities (prepareAnalytics). */
  pending?: Promise<void>;
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
 * The entity view (entity-view.ts) of a snapshot: undirected, because centrality here is about
 * how connected an entity is, not which way its relations point.
 */
export function entityView(snapshot: Snapshot): EntityView {
  const a = analyticsOf(snapshot);
  a.view ??= buildEntityView(entityViewInput(snapshot));
  return a.view;
}

/**
 * The view's entities and curated entity-to-entity relations, read from the adjacency, whose
 * relations are ranked in id order already (sorting 500k relation records here with
 * localeCompare made the first centrality call at 100k entities take minutes).
 */
function entityViewInput(snapshot: Snapshot): EntityViewInput {
  const { source, target, code, kind, nodeIds } = adjacencyOf(snapshot);
  // Entities keep their order among the adjacency's nodes (documents are merged in between).
  const index = new Int32Array(nodeIds.length).fill(-1);
  const ids: string[] = [];
  for (let rank = 0; rank < nodeIds.length; rank++) {
    if (kind[rank] === SOURCE_KIND_CODE) continue;
    index[rank] = ids.length;
    ids.push(nodeIds[rank] as string);
  }
  const curated = curatedCodes();
  const kept: number[] = [];
  for (let r = 0; r < code.length; r++) {
    const s = source[r] as number;
    const t = target[r] as number;
    if (curated[code[r] as number] === 1 && s !== t && index[s] !== -1 && index[t] !== -1) kept.push(r);
  }
  const from = new Int32Array(kept.length);
  const to = new Int32Array(kept.length);
  kept.forEach((r, i) => {
    from[i] = index[source[r] as number] as number;
    to[i] = index[target[r] as number] as number;
  });
  return { ids, source: from, target: to };
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
  let scores: ArrayLike<number>;
  if (measure === 'DEGREE') scores = degreeScores(view);
  else {
    const byId = computeScores(view, measure);
    scores = view.mapNodes((id) => byId[id] as number);
  }
  const ranked = rank(view.nodes(), scores);
  a.rankings.set(measure, ranked);
  return ranked;
}

/**
 * Highest score first; `ids` are in id order, so a tie keeps that order by position, without
 * comparing ids (at 100k entities most degrees tie).
 */
function rank(ids: readonly string[], scores: ArrayLike<number>): CentralityScore[] {
  return Array.from(ids, (entity, i) => ({ entity, score: scores[i] as number, i }))
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .map((s, i) => ({ entity: s.entity, score: s.score, rank: i + 1 }));
}

function computeScores(view: EntityView, measure: 'PAGERANK' | 'BETWEENNESS') {
  if (view.order < 2) return Object.fromEntries(view.mapNodes((n) => [n, 0]));
  return measure === 'PAGERANK'
    ? pagerank(view, { getEdgeWeight: 'weight' })
    : betweenness(view, { getEdgeWeight: null, normalized: true });
}

/**
 * Computes what the default centrality and communities calls read (degree ranking, Louvain
 * communities) in a worker thread, so that no request pays for them (at 100k entities Louvain
 * alone takes seconds of CPU, a minute on a loaded machine) and the thread answering requests
 * stays free meanwhile: `serve` starts it once listening. A request for them arriving before it
 * ends waits for it (whenAnalyticsReady); should the worker fail, they are computed on demand
 * as before. The worker builds the same view from the same arrays, so the same answers.
 */
export function prepareAnalytics(snapshot: Snapshot): Promise<void> {
  const a = analyticsOf(snapshot);
  if (a.rankings.has('DEGREE') && a.communities) return Promise.resolve();
  a.pending ??= (async () => {
    const input = entityViewInput(snapshot);
    const { degree, community } = await computeOffThread(input);
    if (!a.rankings.has('DEGREE')) a.rankings.set('DEGREE', rank(input.ids, degree));
    a.communities ??= groupCommunities(snapshot, input.ids, community);
  })().finally(() => {
    a.pending = undefined;
  });
  return a.pending;
}

/** The warm-up's promise while it runs (then wait for it rather than compute a second time), else undefined. */
export function whenAnalyticsReady(snapshot: Snapshot): Promise<void> | undefined {
  return analyticsOf(snapshot).pending?.catch(() => undefined);
}

function computeOffThread(input: EntityViewInput): Promise<AnalyticsResult> {
  const { entry, eval: isEval } = workerEntry(import.meta.url, './analytics-worker-thread');
  const worker = new Worker(entry, { eval: isEval });
  // Never what keeps a process alive: a CLI that ends meanwhile just ends.
  worker.unref();
  return new Promise<AnalyticsResult>((resolve, reject) => {
    worker.once('message', (result: AnalyticsResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the analytics worker exited (${code}) without an answer`)));
    worker.postMessage(input);
  });
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
  if (!a.communities) {
    const view = entityView(snapshot);
    a.communities = groupCommunities(snapshot, view.nodes(), louvainCommunities(view));
  }
  return a.communities;
}

/** Louvain's communities (one number per entity, in id order), renumbered by size so ids do not depend on Louvain's. */
function groupCommunities(snapshot: Snapshot, ids: readonly string[], raw: Int32Array) {
  const groups = new Map<number, string[]>();
  ids.forEach((id, i) => {
    const c = raw[i] as number;
    const members = groups.get(c);
    if (members) members.push(id);
    else groups.set(c, [id]);
  });
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
