/**
 * Traversals over a snapshot: neighbourhoods, simple and shortest paths, responsibility
 * chains and timelines. Pure functions of (snapshot, arguments) that answer with ids, so the
 * GraphQL layer only turns ids into records. The algorithms are graphology's own packages;
 * this module builds the filtered graphs they run on and checks arguments against
 * TRAVERSAL_LIMITS, throwing the domain errors the API maps to stable codes.
 */

import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology';
import { bidirectional, singleSource } from 'graphology-shortest-path';
import { allSimpleEdgeGroupPaths } from 'graphology-simple-path';
import { bfsFromNode } from 'graphology-traversal';
import {
  comparePartialDates,
  type DatePrecision,
  dateBounds,
  type PartialDate,
  parsePartialDate,
} from '../model/dates.js';
import { BadInputError, LimitExceededError } from '../model/errors.js';
import {
  type Assertion,
  CHAIN_RELATIONS,
  CURATED_RELATION_TYPES,
  type EntityKind,
  type RelationType,
} from '../model/ontology.js';
import type { EntityRecord, RelationRecord } from '../model/records.js';
import { checkInt, requireEntity } from './arguments.js';
import { assertionKey } from './relation-filter.js';
import type { Direction, Snapshot } from './snapshot.js';
import { TRAVERSAL_LIMITS as L } from './traversal-limits.js';

/**
 * A walk through the graph over entity hops: `hops[i]` holds every followed relation joining
 * `nodes[i]` and `nodes[i + 1]` (parallel relations, e.g. one per document, stay one hop), by
 * id; `edges[i]` is the first of them, for clients that draw one line per hop.
 */
export interface GraphPath {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  readonly hops: readonly (readonly string[])[];
}

export interface Subgraph {
  /** Seeds first, then by hop distance, then by id. */
  readonly nodes: readonly string[];
  /** Followed relations between the returned nodes, by id. */
  readonly edges: readonly string[];
  /** True when `limit` left out nodes that are within reach. */
  readonly truncated: boolean;
}

/** An entity at the far end of a responsibility chain, with the chain itself. */
export interface Chain {
  readonly entity: string;
  readonly path: GraphPath;
}

export type TimelineDateField = 'DATE' | 'START' | 'YEAR' | 'PERIOD_END';

export interface TimelineEntry {
  readonly entity: string;
  readonly date: PartialDate;
  /** Which field the date comes from, since an outcome's year is not an event's date. */
  readonly field: TimelineDateField;
  /**
   * True when the date lies wholly inside the window [from, to]; false when it is less
   * specific than the window and only overlaps it (a date of "2023" against a day of 2023).
   * Always true without a window.
   */
  readonly withinWindow: boolean;
}

// ---------------------------------------------------------------------------------------
// Argument checks

function requireKind(e: EntityRecord, kinds: ReadonlySet<EntityKind>, argument: string): void {
  if (!kinds.has(e.kind)) {
    throw new BadInputError(`${argument} must be a ${[...kinds].join(', ')}; "${e.id}" is a ${e.kind}`, {
      argument,
      id: e.id,
    });
  }
}

/** No list, or an empty one, means every curated type: MENTIONS only when asked for by name. */
function relationTypeSet(types: readonly RelationType[] | undefined): ReadonlySet<RelationType> {
  return new Set(types && types.length > 0 ? types : CURATED_RELATION_TYPES);
}

/** Paths are between entities: a path through a document would link any two things it mentions. */
function pathTypeSet(types: readonly RelationType[] | undefined): ReadonlySet<RelationType> {
  if (types?.includes('MENTIONS')) {
    throw new BadInputError(
      'paths follow relations between entities; MENTIONS links documents and is only followed by neighborhood',
      {
        argument: 'relationTypes',
      },
    );
  }
  return relationTypeSet(types);
}

const compareIds = (a: string, b: string) => a.localeCompare(b);

function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareIds(a[i] as string, b[i] as string);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Shortest first, then by the ids along the way, so answers never depend on insertion order. */
function comparePaths(a: GraphPath, b: GraphPath): number {
  return a.hops.length - b.hops.length || compareLists(a.nodes, b.nodes) || compareLists(a.edges, b.edges);
}

/** A path from its node list and, per hop, the relations joining the two nodes. */
function pathOf(nodes: readonly string[], hops: readonly (readonly string[])[]): GraphPath {
  const sorted = hops.map((group) => [...group].sort(compareIds));
  return { nodes, hops: sorted, edges: sorted.map((group) => group[0] as string) };
}

// ---------------------------------------------------------------------------------------
// Filtered views: small graphology copies the library algorithms run on unchanged

type View = MultiDirectedGraph | MultiUndirectedGraph;

/** Views are rebuilt per snapshot only; a snapshot never changes, so they never go stale. */
const viewCache = new WeakMap<Snapshot, Map<string, View>>();
const MAX_CACHED_VIEWS = 64;

function cachedView<V extends View>(snapshot: Snapshot, key: string, build: () => V): V {
  let views = viewCache.get(snapshot);
  if (!views) {
    views = new Map();
    viewCache.set(snapshot, views);
  }
  const hit = views.get(key);
  if (hit) return hit as V;
  const view = build();
  // Keys are combinations of relation types, so a client could mint many: keep the newest.
  if (views.size >= MAX_CACHED_VIEWS) views.delete(views.keys().next().value as string);
  views.set(key, view);
  return view;
}

const relationsById = new WeakMap<Snapshot, readonly RelationRecord[]>();

/**
 * Relations by id, so views (and so the library's visiting order) are deterministic. Sorted
 * once per snapshot: at 100k entities the sort was half of building each view.
 */
function sortedRelations(snapshot: Snapshot): readonly RelationRecord[] {
  let sorted = relationsById.get(snapshot);
  if (!sorted) {
    sorted = snapshot.graph.mapEdges((_key, r) => r).sort((a, b) => compareIds(a.id, b.id));
    relationsById.set(snapshot, sorted);
  }
  return sorted;
}

/**
 * Builds the default traversal views now rather than on the first query that needs one: at
 * 100k entities a view takes seconds, which that first request would spend and time out on.
 */
export function prepareTraversal(snapshot: Snapshot): void {
  relationView(snapshot, relationTypeSet(undefined), true);
  relationView(snapshot, pathTypeSet(undefined), false);
}

/** Followed assertions: null (all) unless some are named. */
type Assertions = readonly Assertion[] | null;

/**
 * The graph restricted to some relation types, directed or not, edges keyed by relation id.
 * Source documents join only when MENTIONS is followed: otherwise they are not reachable.
 */
function relationView(
  snapshot: Snapshot,
  types: ReadonlySet<RelationType>,
  directed: boolean,
  assertions: Assertions = null,
): View {
  const key = `${directed ? 'directed' : 'undirected'}:${[...types].sort().join(',')}${assertionSuffix(assertions)}`;
  const kept = assertions && new Set(assertions);
  return cachedView(snapshot, key, () => {
    const view: View = directed ? new MultiDirectedGraph() : new MultiUndirectedGraph();
    for (const e of snapshot.entities()) view.addNode(e.id);
    if (types.has('MENTIONS')) {
      for (const d of [...snapshot.documents()].sort((a, b) => compareIds(a.nodeId, b.nodeId))) view.addNode(d.nodeId);
    }
    for (const r of sortedRelations(snapshot)) {
      if (types.has(r.type) && (!kept || kept.has(r.assertion))) view.addEdgeWithKey(r.id, r.source, r.target);
    }
    return view;
  });
}

/**
 * Chain relations oriented the way responsibility flows (CHAIN_RELATIONS: `forward` keeps
 * source→target, `backward` turns it round), or the reverse of that for drivers.
 */
function chainView(snapshot: Snapshot, reversed: boolean, assertions: Assertions = null): MultiDirectedGraph {
  const kept = assertions && new Set(assertions);
  return cachedView(snapshot, `${reversed ? 'chain:reversed' : 'chain'}${assertionSuffix(assertions)}`, () => {
    const view = new MultiDirectedGraph();
    for (const e of snapshot.entities()) view.addNode(e.id);
    for (const r of sortedRelations(snapshot)) {
      const flow = CHAIN_RELATIONS.get(r.type);
      if (!flow || (kept && !kept.has(r.assertion))) continue;
      const [cause, effect] = flow === 'forward' ? [r.source, r.target] : [r.target, r.source];
      if (reversed) view.addDirectedEdgeWithKey(r.id, effect, cause);
      else view.addDirectedEdgeWithKey(r.id, cause, effect);
    }
    return view;
  });
}

const assertionSuffix = (assertions: Assertions) => (assertions ? `|${assertions.join(',')}` : '');

/** The path along a node list: per hop, every relation of the view joining the two nodes. */
function pathFromNodes(view: View, nodes: readonly string[]): GraphPath {
  const hops = nodes.slice(1).map((next, i) => {
    const group = view.outboundEdges(nodes[i] as string, next);
    if (group.length === 0) throw new Error(`no edge between ${nodes[i]} and ${next} in view`);
    return group;
  });
  return pathOf(nodes, hops);
}

// ---------------------------------------------------------------------------------------
// Neighbourhood

export interface NeighborhoodArgs {
  readonly ids: readonly string[];
  readonly depth?: number;
  readonly direction?: Direction;
  readonly relationTypes?: readonly RelationType[];
  /** Follow only relations with these assertions (none or empty: all). */
  readonly assertions?: readonly Assertion[];
  /** Keep only these kinds (seeds are always kept); traversal still passes through others. */
  readonly kinds?: readonly EntityKind[];
  readonly limit?: number;
}

export function neighborhood(snapshot: Snapshot, args: NeighborhoodArgs): Subgraph {
  const seeds = [...new Set(args.ids)];
  if (seeds.length === 0) throw new BadInputError('ids must name at least one entity', { argument: 'ids' });
  if (seeds.length > L.maxSeeds) {
    throw new LimitExceededError('ids', L.maxSeeds, `ids may name at most ${L.maxSeeds} entities, got ${seeds.length}`);
  }
  for (const id of seeds) requireEntity(snapshot, id, 'ids');
  const depth = checkInt('depth', args.depth ?? L.defaultDepth, 0, L.maxDepth);
  const limit = checkInt('limit', args.limit ?? L.defaultNodes, 1, L.maxNodes);

  const view = relationView(snapshot, relationTypeSet(args.relationTypes), true, assertionKey(args.assertions));
  const kinds = args.kinds && args.kinds.length > 0 ? new Set(args.kinds) : null;
  const isSeed = new Set(seeds);
  const wanted = (id: string) => {
    if (isSeed.has(id) || !kinds) return true;
    const kind = snapshot.getEntity(id)?.kind;
    return kind !== undefined && kinds.has(kind);
  };
  const walk = NEIGHBOR_WALK[args.direction ?? 'BOTH'];
  const { nodes, truncated } = nearestNodes(view, idRanks(snapshot), seeds, depth, walk, wanted, limit);
  return { nodes, edges: inducedEdges(view, nodes), truncated };
}

type NeighborWalk = (view: View, node: string, visit: (neighbor: string) => void) => void;

const NEIGHBOR_WALK: Readonly<Record<Direction, NeighborWalk>> = {
  OUT: (view, node, visit) => view.forEachOutNeighbor(node, visit),
  IN: (view, node, visit) => view.forEachInNeighbor(node, visit),
  BOTH: (view, node, visit) => view.forEachNeighbor(node, visit),
};

/**
 * The `limit` wanted nodes nearest the seeds (by hops, then id), found one hop level at a
 * time so the walk stops as soon as nearer levels fill `limit`. Ranking everything within
 * `depth` first (a BFS per seed with graphology-traversal, as this did before) visited most
 * of a 100k graph from a hub at depth 2 to return 30 nodes; this level-by-level walk answers
 * the same and touches at most the level that fills `limit`.
 */
function nearestNodes(
  view: View,
  ranks: IdRanks,
  seeds: readonly string[],
  depth: number,
  walk: NeighborWalk,
  wanted: (id: string) => boolean,
  limit: number,
): { nodes: string[]; truncated: boolean } {
  const seen = new Set(seeds);
  const nodes: string[] = [];
  let level = [...seeds];
  for (let hops = 0; ; hops++) {
    const found = byRank(level.filter(wanted), ranks);
    const room = limit - nodes.length;
    if (found.length > room) {
      nodes.push(...found.slice(0, room));
      return { nodes, truncated: true };
    }
    nodes.push(...found);
    if (hops === depth) return { nodes, truncated: false };
    const next: string[] = [];
    for (const node of level) {
      walk(view, node, (neighbor) => {
        if (seen.has(neighbor)) return;
        seen.add(neighbor);
        next.push(neighbor);
      });
    }
    if (next.length === 0) return { nodes, truncated: false };
    level = next;
  }
}

function inducedEdges(view: View, nodes: readonly string[]): string[] {
  const kept = new Set(nodes);
  const edges = new Set<string>();
  for (const node of nodes) {
    // From a hub, look up its edges to each kept node rather than walk its thousands of edges.
    if (view.outDegree(node) > nodes.length) {
      for (const other of nodes) view.forEachOutEdge(node, other, (edge) => edges.add(edge));
    } else {
      view.forEachOutEdge(node, (edge, _attributes, _source, target) => {
        if (kept.has(target)) edges.add(edge);
      });
    }
  }
  return [...edges].sort(compareIds);
}

/** Every node id's place in id order (compareIds), so a level sorts as integers. */
interface IdRanks {
  readonly rank: ReadonlyMap<string, number>;
  readonly ids: readonly string[];
}

const ranksBySnapshot = new WeakMap<Snapshot, IdRanks>();

/**
 * Built once per snapshot from the entities, which the snapshot keeps in id order, merged with
 * the documents' node ids. Sorting a hub's neighbours with localeCompare took tens of ms per
 * 2-hop neighbourhood at 100k entities; integer ranks sort the same in a fraction of that.
 */
function idRanks(snapshot: Snapshot): IdRanks {
  const known = ranksBySnapshot.get(snapshot);
  if (known) return known;
  const entities = snapshot.entities().map((e) => e.id);
  const documents = snapshot
    .documents()
    .map((d) => d.nodeId)
    .sort(compareIds);
  const ids: string[] = [];
  let i = 0;
  let j = 0;
  while (i < entities.length || j < documents.length) {
    const e = entities[i];
    const d = documents[j];
    if (d === undefined || (e !== undefined && compareIds(e, d) <= 0)) {
      ids.push(e as string);
      i++;
    } else {
      ids.push(d);
      j++;
    }
  }
  const rank = new Map<string, number>(ids.map((id, k) => [id, k]));
  const ranks = { rank, ids };
  ranksBySnapshot.set(snapshot, ranks);
  return ranks;
}

function byRank(level: readonly string[], { rank, ids }: IdRanks): string[] {
  const order = Int32Array.from(level, (id) => rank.get(id) ?? -1).sort();
  return Array.from(order, (k) => ids[k] as string);
}

// ---------------------------------------------------------------------------------------
// Paths

export interface PathArgs {
  readonly from: string;
  readonly to: string;
  readonly relationTypes?: readonly RelationType[];
  /** Follow only relations with these assertions (none or empty: all). */
  readonly assertions?: readonly Assertion[];
  /** Follow relations only from source to target (default), or either way. */
  readonly directed?: boolean;
}

export interface SimplePathArgs extends PathArgs {
  readonly maxLength?: number;
  readonly limit?: number;
}

function checkEndpoints(snapshot: Snapshot, args: PathArgs): void {
  requireEntity(snapshot, args.from, 'from');
  requireEntity(snapshot, args.to, 'to');
  if (args.from === args.to) throw new BadInputError('from and to must be different entities', { argument: 'to' });
}

/**
 * Every simple path of at most maxLength hops, shortest first, then by ids. A path is a
 * sequence of entities: parallel relations between two of them are one hop, so `limit`
 * counts distinct node paths.
 */
export function paths(snapshot: Snapshot, args: SimplePathArgs): GraphPath[] {
  checkEndpoints(snapshot, args);
  const maxLength = checkInt('maxLength', args.maxLength ?? L.defaultPathLength, 1, L.maxPathLength);
  const limit = checkInt('first', args.limit ?? L.defaultPaths, 1, L.maxPaths);
  const view = pathView(snapshot, args);
  const near = withinReach(view, args.from, args.to, maxLength);
  if (!near.hasNode(args.from)) return []; // `to` is out of reach, so nothing is left to search
  checkSearchWork(near, args.from, args.to, maxLength);
  const found: GraphPath[] = [];
  for (const groups of allSimpleEdgeGroupPaths(near, args.from, args.to, { maxDepth: maxLength })) {
    found.push(groupPath(near, args.from, groups));
    if (found.length > L.maxPathsFound) {
      throw new LimitExceededError(
        'pathsFound',
        L.maxPathsFound,
        `more than ${L.maxPathsFound} paths match; ${NARROW_SEARCH}`,
      );
    }
  }
  return found.sort(comparePaths).slice(0, limit);
}

/** One shortest path (graphology's bidirectional BFS), or null when none exists. */
export function shortestPath(snapshot: Snapshot, args: PathArgs): GraphPath | null {
  checkEndpoints(snapshot, args);
  const view = pathView(snapshot, args);
  const nodes = bidirectional(view, args.from, args.to);
  return nodes ? pathFromNodes(view, nodes) : null;
}

/**
 * The part of the view a path of at most maxLength can use: nodes whose hops from `from`
 * plus hops to `to` fit. The simple-path search has no such pruning, and without it a hub
 * (the Ministry) makes it walk the whole graph.
 */
function withinReach(view: View, from: string, to: string, maxLength: number): View {
  const reach = (start: string, mode: 'outbound' | 'inbound') => {
    const hops = new Map<string, number>();
    bfsFromNode(
      view,
      start,
      (node, _a, d) => {
        hops.set(node, d);
        return d >= maxLength;
      },
      { mode },
    );
    return hops;
  };
  const fromStart = reach(from, 'outbound');
  const toEnd = reach(to, 'inbound');
  const near = view.nullCopy() as View;
  view.forEachNode((node) => {
    const a = fromStart.get(node);
    const b = toEnd.get(node);
    if (a !== undefined && b !== undefined && a + b <= maxLength) near.addNode(node);
  });
  view.forEachEdge((edge, _attributes, source, target) => {
    if (near.hasNode(source) && near.hasNode(target)) near.addEdgeWithKey(edge, source, target);
  });
  return near;
}

/**
 * Refuses a search whose walks from `from` (an upper bound on the partial paths the
 * depth-first search visits) exceed the budget, before running it.
 */
function checkSearchWork(view: View, from: string, to: string, maxLength: number): void {
  let frontier = new Map([[from, 1]]);
  let total = 1;
  for (let step = 0; step < maxLength && frontier.size > 0; step++) {
    const next = new Map<string, number>();
    for (const [node, walks] of frontier) {
      if (node === to) continue; // the search stops at the target
      view.forEachOutboundNeighbor(node, (neighbor) => {
        next.set(neighbor, (next.get(neighbor) ?? 0) + walks);
        total += walks;
      });
    }
    if (total > L.maxPathSearchWork) throw searchTooBig();
    frontier = next;
  }
}

const NARROW_SEARCH = 'lower maxLength, name relationTypes or keep directed: true';

function searchTooBig(): LimitExceededError {
  return new LimitExceededError(
    'pathSearchWork',
    L.maxPathSearchWork,
    `this path search could take more than ${L.maxPathSearchWork} walks; ${NARROW_SEARCH}`,
  );
}

function pathView(snapshot: Snapshot, args: PathArgs): View {
  return relationView(snapshot, pathTypeSet(args.relationTypes), args.directed ?? true, assertionKey(args.assertions));
}

/** allSimpleEdgeGroupPaths groups parallel relations per hop: exactly the hops of a path. */
function groupPath(view: View, from: string, groups: readonly (readonly string[])[]): GraphPath {
  const nodes = [from];
  for (const group of groups) nodes.push(view.opposite(nodes[nodes.length - 1] as string, group[0] as string));
  return pathOf(nodes, groups);
}

// ---------------------------------------------------------------------------------------
// Responsibility chains

/** What may drive an outcome: the kinds a chain may start from. */
const DRIVER_KINDS: ReadonlySet<EntityKind> = new Set(['ORGAN', 'PLENARY_SESSION', 'REFORM', 'CAMPAIGN']);
const OUTCOME_KINDS: ReadonlySet<EntityKind> = new Set(['OUTCOME']);

export interface ChainArgs {
  readonly maxDepth?: number;
  readonly limit?: number;
  /** Follow only relations with these assertions (none or empty: all). */
  readonly assertions?: readonly Assertion[];
}

/** Every outcome `from` leads to along chain relations, each with one shortest chain. */
export function outcomeChains(snapshot: Snapshot, from: string, args: ChainArgs = {}): Chain[] {
  requireKind(requireEntity(snapshot, from, 'from'), DRIVER_KINDS, 'from');
  const { maxDepth, limit } = checkChainArgs(args);
  const assertions = assertionKey(args.assertions);
  const forward = chainView(snapshot, false, assertions);
  return shortestChains(snapshot, forward, from, maxDepth, OUTCOME_KINDS)
    .map((nodes) => ({ entity: nodes[nodes.length - 1] as string, path: pathFromNodes(forward, nodes) }))
    .sort((a, b) => comparePaths(a.path, b.path))
    .slice(0, limit);
}

/** Every organ, session, reform and campaign leading to an outcome; paths run driver → outcome. */
export function drivers(snapshot: Snapshot, outcomeId: string, args: ChainArgs = {}): Chain[] {
  requireKind(requireEntity(snapshot, outcomeId, 'outcome'), OUTCOME_KINDS, 'outcome');
  const { maxDepth, limit } = checkChainArgs(args);
  const assertions = assertionKey(args.assertions);
  const forward = chainView(snapshot, false, assertions);
  return shortestChains(snapshot, chainView(snapshot, true, assertions), outcomeId, maxDepth, DRIVER_KINDS)
    .map((nodes) => [...nodes].reverse())
    .map((nodes) => ({ entity: nodes[0] as string, path: pathFromNodes(forward, nodes) }))
    .sort((a, b) => a.path.hops.length - b.path.hops.length || compareIds(a.entity, b.entity))
    .slice(0, limit);
}

function checkChainArgs(args: ChainArgs) {
  return {
    maxDepth: checkInt('maxDepth', args.maxDepth ?? L.defaultChainDepth, 1, L.maxChainDepth),
    limit: checkInt('first', args.limit ?? L.maxPaths, 1, L.maxPaths),
  };
}

/** Node paths from `start` to each entity of `kinds` within maxDepth (graphology's BFS paths). */
function shortestChains(
  snapshot: Snapshot,
  view: View,
  start: string,
  maxDepth: number,
  kinds: ReadonlySet<EntityKind>,
) {
  return Object.entries(singleSource(view, start))
    .filter(([id, nodes]) => id !== start && nodes.length - 1 <= maxDepth)
    .filter(([id]) => {
      const kind = snapshot.getEntity(id)?.kind;
      return kind !== undefined && kinds.has(kind);
    })
    .map(([, nodes]) => nodes);
}

// ---------------------------------------------------------------------------------------
// Timeline

export interface TimelineArgs {
  /** Partial ISO dates; an entity is kept when its date overlaps [from, to]. */
  readonly from?: string;
  readonly to?: string;
  readonly kinds?: readonly EntityKind[];
  /** Only this entity and those one curated relation away from it. */
  readonly involving?: string;
  /** Only dates at least this precise (DAY > MONTH > YEAR). */
  readonly minPrecision?: DatePrecision;
  readonly limit?: number;
}

const PRECISION_RANK: Readonly<Record<DatePrecision, number>> = { YEAR: 0, MONTH: 1, DAY: 2 };

/** The date an entity is placed at: its own date, its start, or an outcome's year or period end. */
function datedAs(e: EntityRecord): { date: PartialDate; field: TimelineDateField } | undefined {
  const candidates: [TimelineDateField, PartialDate | undefined][] = [
    ['DATE', e.date],
    ['START', e.start],
    ['YEAR', e.outcome?.year],
    ['PERIOD_END', e.outcome?.period?.end],
  ];
  for (const [field, date] of candidates) if (date) return { date, field };
  return undefined;
}

function parseBound(argument: string, text: string | undefined): PartialDate | undefined {
  if (text === undefined) return undefined;
  const date = parsePartialDate(text);
  if (!date)
    throw new BadInputError(`${argument} must be a date like 2015, 2015-05 or 2015-05-29, got "${text}"`, { argument });
  return date;
}

/**
 * Dated entities overlapping the window, precision untouched. Those whose date lies inside the
 * window come first, in date order (a coarser date before a finer one on the same first day,
 * then by id); those only overlapping it, being less specific than the window, follow in the
 * same order. minPrecision drops dates coarser than it.
 */
export function timeline(snapshot: Snapshot, args: TimelineArgs = {}): TimelineEntry[] {
  const from = parseBound('from', args.from);
  const to = parseBound('to', args.to);
  const first = from && dateBounds(from).first;
  const last = to && dateBounds(to).last;
  if (first && last && first > last)
    throw new BadInputError(`from (${args.from}) is after to (${args.to})`, { argument: 'from' });
  const limit = checkInt('limit', args.limit ?? L.maxNodes, 1, L.maxNodes);
  const kinds = args.kinds && args.kinds.length > 0 ? new Set(args.kinds) : null;
  const involved = args.involving === undefined ? null : involvedWith(snapshot, args.involving);
  const minRank = args.minPrecision === undefined ? 0 : PRECISION_RANK[args.minPrecision];

  const entries: TimelineEntry[] = [];
  for (const e of snapshot.entities()) {
    if ((kinds && !kinds.has(e.kind)) || (involved && !involved.has(e.id))) continue;
    const dated = datedAs(e);
    if (!dated || PRECISION_RANK[dated.date.precision] < minRank) continue;
    const bounds = dateBounds(dated.date);
    if ((first && bounds.last < first) || (last && bounds.first > last)) continue;
    const withinWindow = (!first || bounds.first >= first) && (!last || bounds.last <= last);
    entries.push({ entity: e.id, ...dated, withinWindow });
  }
  return entries
    .sort(
      (a, b) =>
        Number(b.withinWindow) - Number(a.withinWindow) ||
        comparePartialDates(a.date, b.date) ||
        compareIds(a.entity, b.entity),
    )
    .slice(0, limit);
}

function involvedWith(snapshot: Snapshot, id: string): ReadonlySet<string> {
  requireEntity(snapshot, id, 'involving');
  const ids = new Set([id]);
  for (const r of snapshot.relationsOf(id, 'BOTH', CURATED_RELATION_TYPES))
    ids.add(r.source === id ? r.target : r.source);
  return ids;
}
