/**
 * Traversals over a snapshot: neighbourhoods, simple and shortest paths, responsibility
 * chains and timelines. Pure functions of (snapshot, arguments) that answer with ids, so the
 * GraphQL layer only turns ids into records. They walk the one graph (its compact adjacency,
 * adjacency.ts), following only the relation types, assertions and direction asked for as
 * they go, check arguments against TRAVERSAL_LIMITS and throw the domain errors the API maps
 * to stable codes.
 *
 * Why not graphology's own algorithms (graphology-shortest-path, -simple-path, -traversal):
 * they take a graph and follow every edge of it, with no filter on edges, so each set of
 * relation types needed its own filtered graphology copy (two whole copies built at start
 * took 8.5 s of a 100k start-up and a graph's memory each). The searches here are the same
 * algorithms (bidirectional BFS, BFS keeping the first path, depth-first simple paths), with
 * neighbours visited in the order graphology visited them on those copies, so answers stay
 * the same, byte for byte (tests/oracle/).
 */

import { type DatePrecision, dateBounds, type PartialDate, parsePartialDate } from '../model/dates.js';
import { BadInputError, LimitExceededError } from '../model/errors.js';
import { type Assertion, CURATED_RELATION_TYPES, type EntityKind, type RelationType } from '../model/ontology.js';
import type { EntityRecord } from '../model/records.js';
import {
  type Adjacency,
  adjacencyOf,
  adjacencySteps,
  BACKWARD,
  builtAdjacency,
  chainWalk,
  compareIds,
  edgesBetween,
  FORWARD,
  KIND_CODE,
  Marks,
  neighborsInEdgeOrder,
  relationWalk,
  reverseWalk,
  type Walk,
} from './adjacency.js';
import { checkInt, requireEntity } from './arguments.js';
import { assertionKey } from './relation-filter.js';
import type { Direction, Snapshot } from './snapshot.js';
import { runToEnd, sortInSteps } from './steps.js';
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
  /** The entity's record, which the walk already holds: resolvers need not look it up again. */
  readonly record: EntityRecord;
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
// Walks over the one graph (adjacency.ts): which relations a traversal follows, which way

/**
 * Builds the adjacency now rather than on the first query that needs it (about a second at
 * 100k entities; the filtered graph copies this replaces took 8.5 s and a graph's memory each).
 */
export function prepareTraversal(snapshot: Snapshot): void {
  adjacencyOf(snapshot);
  datedEntities(snapshot);
}

/**
 * prepareTraversal in steps of about `step` elements, for a server that prepares its next
 * snapshot between requests; `live` is the snapshot served now, whose adjacency (if built) the
 * new one is patched from rather than sorted again.
 */
export function* prepareTraversalSteps(snapshot: Snapshot, live?: Snapshot, step = 5_000): Generator<void, void> {
  yield* adjacencySteps(snapshot, live && builtAdjacency(live), step);
  yield* datedEntitiesSteps(snapshot, step);
}

/** Followed assertions: null (all) unless some are named. */
function assertionSet(assertions: readonly Assertion[] | undefined): ReadonlySet<string> | null {
  const key = assertionKey(assertions);
  return key && new Set(key);
}

/** Per walk, the walk taken against it (predecessors), built once: walks are small. */
const reversed = new WeakMap<Walk, Walk>();
function against(walk: Walk): Walk {
  let back = reversed.get(walk);
  if (!back) {
    back = reverseWalk(walk);
    reversed.set(walk, back);
  }
  return back;
}

/** Node ids of a list of ranks. */
const idsOf = (a: Adjacency, ranks: ArrayLike<number>) => Array.from(ranks, (r) => a.nodeIds[r] as string);

/** The path along a node list: per hop, every relation of the walk joining the two nodes. */
function pathFromRanks(a: Adjacency, walk: Walk, nodes: readonly number[]): GraphPath {
  const hops = nodes.slice(1).map((next, i) => {
    const group = edgesBetween(a, walk, nodes[i] as number, next);
    if (group.length === 0)
      throw new Error(`no relation between ${a.nodeIds[nodes[i] as number]} and ${a.nodeIds[next]}`);
    return group.map((e) => a.edgeIds[e] as string);
  });
  return pathOf(idsOf(a, nodes), hops);
}

function rankOf(a: Adjacency, id: string): number {
  const rank = a.rankOf.get(id);
  if (rank === undefined) throw new Error(`${id} is not a node of the graph`);
  return rank;
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

  const a = adjacencyOf(snapshot);
  const walk = relationWalk(relationTypeSet(args.relationTypes), assertionSet(args.assertions), FORWARD);
  const kinds = args.kinds && args.kinds.length > 0 ? new Set(args.kinds.map((k) => KIND_CODE.get(k))) : null;
  const seedRanks = Int32Array.from(seeds, (id) => rankOf(a, id)).sort();
  const isSeed = new Set(seedRanks);
  const wanted = (v: number) => !kinds || isSeed.has(v) || kinds.has(a.kind[v]);
  const direction = args.direction ?? 'BOTH';
  const runs = {
    out: direction !== 'IN',
    in: direction !== 'OUT',
  };
  const { nodes, truncated } = nearestNodes(a, walk, runs, seedRanks, depth, wanted, limit);
  return { nodes: idsOf(a, nodes), edges: inducedEdges(a, walk, nodes), truncated };
}

interface Runs {
  /** Follow relations from their source (OUT, BOTH). */
  readonly out: boolean;
  /** Follow relations from their target (IN, BOTH). */
  readonly in: boolean;
}

/**
 * The `limit` wanted nodes nearest the seeds (by hops, then id), found one hop level at a
 * time so the walk stops as soon as nearer levels fill `limit`. A level is the merge of its
 * nodes' neighbour runs (each sorted by rank); the last level is merged lazily and stops once
 * it has one wanted node more than there is room for, so a 2-hop neighbourhood next to a hub
 * reads the hub's first neighbours, not all of them.
 */
function nearestNodes(
  a: Adjacency,
  walk: Walk,
  runs: Runs,
  seeds: Int32Array,
  depth: number,
  wanted: (v: number) => boolean,
  limit: number,
): { nodes: number[]; truncated: boolean } {
  const seen = new Uint8Array(a.nodeIds.length);
  for (const s of seeds) seen[s] = 1;
  const nodes: number[] = [];
  let level: Int32Array = seeds;
  for (let hops = 0; ; hops++) {
    const room = limit - nodes.length;
    // Levels before the last are walked on, so they are read whole; the last only as far as `limit` needs.
    const found: number[] = [];
    for (const v of level) if (wanted(v)) found.push(v);
    if (found.length > room) {
      nodes.push(...found.slice(0, room));
      return { nodes, truncated: true };
    }
    nodes.push(...found);
    if (hops === depth) return { nodes, truncated: false };
    if (hops + 1 === depth && runLength(a, runs, level) > LAZY_MERGE_FACTOR * (limit - nodes.length + 1)) {
      const last = mergeLevel(a, walk, runs, level, seen, wanted, limit - nodes.length + 1);
      const fits = last.length <= limit - nodes.length;
      nodes.push(...(fits ? last : last.slice(0, limit - nodes.length)));
      return { nodes, truncated: !fits };
    }
    level = nextLevel(a, walk, runs, level, seen);
    if (level.length === 0) return { nodes, truncated: false };
  }
}

/**
 * The lazy merge pays a heap step per entry it reads, the eager one a pass and a sort: the
 * lazy one wins only when the level's runs hold many more entries than `limit` needs.
 */
const LAZY_MERGE_FACTOR = 16;

function runLength(a: Adjacency, runs: Runs, level: Int32Array): number {
  let total = 0;
  for (const v of level) {
    if (runs.out) total += (a.outStart[v + 1] as number) - (a.outStart[v] as number);
    if (runs.in) total += (a.inStart[v + 1] as number) - (a.inStart[v] as number);
  }
  return total;
}

/** Every unseen node one step from the level, marked seen, in rank order. */
function nextLevel(a: Adjacency, walk: Walk, runs: Runs, level: Int32Array, seen: Uint8Array): Int32Array {
  const next: number[] = [];
  const take = (byNeighbor: Int32Array, edges: Int32Array, from: number, to: number) => {
    for (let p = from; p < to; p++) {
      const w = byNeighbor[p] as number;
      if (seen[w] === 0 && ((walk[a.code[edges[p] as number] as number] as number) & FORWARD) !== 0) {
        seen[w] = 1;
        next.push(w);
      }
    }
  };
  for (const v of level) {
    if (runs.out) take(a.outByNeighbor, a.outByNeighborEdge, a.outStart[v] as number, a.outStart[v + 1] as number);
    if (runs.in) take(a.inByNeighbor, a.inByNeighborEdge, a.inStart[v] as number, a.inStart[v + 1] as number);
  }
  return Int32Array.from(next).sort();
}

/**
 * The first `want` wanted unseen nodes one step from the level, in rank order: a k-way merge
 * of the level's neighbour runs (a binary heap keyed by each run's current neighbour) that
 * stops as soon as it has them.
 */
function mergeLevel(
  a: Adjacency,
  walk: Walk,
  runs: Runs,
  level: Int32Array,
  seen: Uint8Array,
  wanted: (v: number) => boolean,
  want: number,
): number[] {
  const heads: number[] = [];
  const ends: number[] = [];
  const lists: Int32Array[] = [];
  const edgeLists: Int32Array[] = [];
  const addRun = (byNeighbor: Int32Array, edges: Int32Array, from: number, to: number) => {
    if (from < to) {
      heads.push(from);
      ends.push(to);
      lists.push(byNeighbor);
      edgeLists.push(edges);
    }
  };
  for (const v of level) {
    if (runs.out) addRun(a.outByNeighbor, a.outByNeighborEdge, a.outStart[v] as number, a.outStart[v + 1] as number);
    if (runs.in) addRun(a.inByNeighbor, a.inByNeighborEdge, a.inStart[v] as number, a.inStart[v + 1] as number);
  }
  const key = (run: number) => (lists[run] as Int32Array)[heads[run] as number] as number;
  const heap: number[] = [];
  const down = (i: number) => {
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && key(heap[r] as number) < key(heap[l] as number) ? r : l;
      if (key(heap[c] as number) >= key(heap[i] as number)) return;
      const top = heap[i] as number;
      heap[i] = heap[c] as number;
      heap[c] = top;
      i = c;
    }
  };
  for (let run = 0; run < heads.length; run++) heap.push(run);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);

  const found: number[] = [];
  while (heap.length > 0 && found.length < want) {
    const run = heap[0] as number;
    const p = heads[run] as number;
    const w = (lists[run] as Int32Array)[p] as number;
    const e = (edgeLists[run] as Int32Array)[p] as number;
    if (seen[w] === 0 && ((walk[a.code[e] as number] as number) & FORWARD) !== 0) {
      seen[w] = 1;
      if (wanted(w)) found.push(w);
    }
    heads[run] = p + 1;
    if (p + 1 < (ends[run] as number)) down(0);
    else {
      heap[0] = heap[heap.length - 1] as number;
      heap.pop();
      if (heap.length > 0) down(0);
    }
  }
  return found;
}

/** Followed relations between the kept nodes, in id order. */
function inducedEdges(a: Adjacency, walk: Walk, nodes: readonly number[]): string[] {
  const kept = new Set(nodes);
  const sortedNodes = Int32Array.from(nodes).sort();
  const edges: number[] = [];
  const follows = (e: number) => ((walk[a.code[e] as number] as number) & FORWARD) !== 0;
  for (const u of nodes) {
    const from = a.outStart[u] as number;
    const to = a.outStart[u + 1] as number;
    // From a hub, look up its relations to each kept node rather than walk its thousands.
    if (to - from > nodes.length) {
      for (const w of sortedNodes) edges.push(...edgesBetween(a, walk, u, w));
    } else {
      for (let p = from; p < to; p++) {
        const e = a.outEdges[p] as number;
        if (follows(e) && kept.has(a.target[e] as number)) edges.push(e);
      }
    }
  }
  return Array.from(Int32Array.from(edges).sort(), (e) => a.edgeIds[e] as string);
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

function pathWalk(args: PathArgs): Walk {
  return relationWalk(
    pathTypeSet(args.relationTypes),
    assertionSet(args.assertions),
    (args.directed ?? true) ? FORWARD : FORWARD | BACKWARD,
  );
}

/**
 * Every simple path of at most maxLength hops, shortest first, then by ids. A path is a
 * sequence of entities: parallel relations between two of them are one hop, so `limit`
 * counts distinct node paths.
 *
 * A depth-first search of our own over the adjacency, not graphology-simple-path's
 * allSimpleEdgeGroupPaths: that one runs on a graphology graph, so it needed a filtered copy
 * per relation-type set; this one filters as it walks and prunes with the distances to `to`.
 * Answers are sorted in full, so the order of the search never shows.
 */
export function paths(snapshot: Snapshot, args: SimplePathArgs): GraphPath[] {
  checkEndpoints(snapshot, args);
  const maxLength = checkInt('maxLength', args.maxLength ?? L.defaultPathLength, 1, L.maxPathLength);
  const limit = checkInt('first', args.limit ?? L.defaultPaths, 1, L.maxPaths);
  const a = adjacencyOf(snapshot);
  const walk = pathWalk(args);
  const from = rankOf(a, args.from);
  const to = rankOf(a, args.to);
  const fromStart = hopsWithin(a, walk, from, maxLength);
  const toEnd = hopsWithin(a, against(walk), to, maxLength);
  const near = new Set<number>();
  for (const [v, d] of fromStart) {
    const rest = toEnd.get(v);
    if (rest !== undefined && d + rest <= maxLength) near.add(v);
  }
  if (!near.has(from)) return []; // `to` is out of reach, so nothing is left to search
  checkSearchWork(a, walk, near, from, to, maxLength);

  const found: GraphPath[] = [];
  const onPath = new Set<number>([from]);
  const nodes = [from];
  const step = (u: number) => {
    for (const w of nearNeighbors(a, walk, u, near)) {
      if (onPath.has(w)) continue;
      const hops = nodes.length; // hops once w is added
      if (hops + (toEnd.get(w) ?? maxLength + 1) > maxLength) continue;
      nodes.push(w);
      if (w === to) {
        found.push(pathFromRanks(a, walk, nodes));
        if (found.length > L.maxPathsFound) {
          throw new LimitExceededError(
            'pathsFound',
            L.maxPathsFound,
            `more than ${L.maxPathsFound} paths match; ${NARROW_SEARCH}`,
          );
        }
      } else if (hops < maxLength) {
        onPath.add(w);
        step(w);
        onPath.delete(w);
      }
      nodes.pop();
    }
  };
  step(from);
  return found.sort(comparePaths).slice(0, limit);
}

/** Distinct neighbours of `u` along the walk that are in `near`. */
function nearNeighbors(a: Adjacency, walk: Walk, u: number, near: ReadonlySet<number>): number[] {
  const out: number[] = [];
  const collect = (start: Int32Array, byNeighbor: Int32Array, edges: Int32Array, way: number) => {
    let last = -1;
    for (let p = start[u] as number; p < (start[u + 1] as number); p++) {
      const w = byNeighbor[p] as number;
      if (w !== last && near.has(w) && ((walk[a.code[edges[p] as number] as number] as number) & way) !== 0) {
        out.push(w);
        last = w;
      }
    }
  };
  collect(a.outStart, a.outByNeighbor, a.outByNeighborEdge, FORWARD);
  collect(a.inStart, a.inByNeighbor, a.inByNeighborEdge, BACKWARD);
  return [...new Set(out)];
}

/** Hops from `start` along the walk to every node at most maxHops away (breadth first). */
function hopsWithin(a: Adjacency, walk: Walk, start: number, maxHops: number): Map<number, number> {
  const hops = new Map([[start, 0]]);
  let level = [start];
  const marks = dedupeMarks(a);
  const neighbors: number[] = [];
  for (let d = 1; d <= maxHops && level.length > 0; d++) {
    const next: number[] = [];
    for (const v of level) {
      for (const w of neighborsInEdgeOrder(a, walk, v, marks, neighbors)) {
        if (!hops.has(w)) {
          hops.set(w, d);
          next.push(w);
        }
      }
    }
    level = next;
  }
  return hops;
}

/**
 * Refuses a search whose walks from `from` (an upper bound on the partial paths the
 * depth-first search visits) exceed the budget, before running it.
 */
function checkSearchWork(
  a: Adjacency,
  walk: Walk,
  near: ReadonlySet<number>,
  from: number,
  to: number,
  maxLength: number,
): void {
  let frontier = new Map([[from, 1]]);
  let total = 1;
  for (let step = 0; step < maxLength && frontier.size > 0; step++) {
    const next = new Map<number, number>();
    for (const [node, walks] of frontier) {
      if (node === to) continue; // the search stops at the target
      for (const neighbor of nearNeighbors(a, walk, node, near)) {
        next.set(neighbor, (next.get(neighbor) ?? 0) + walks);
        total += walks;
      }
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

/** Dedupe stamps per adjacency: traversals are synchronous, so one set serves them all. */
const dedupeByAdjacency = new WeakMap<Adjacency, Marks>();
function dedupeMarks(a: Adjacency): Marks {
  let marks = dedupeByAdjacency.get(a);
  if (!marks) {
    marks = new Marks(a.nodeIds.length);
    dedupeByAdjacency.set(a, marks);
  }
  return marks;
}

/** Per adjacency, the seen stamps and parents of chain searches (synchronous, so one serves them all). */
const searchByAdjacency = new WeakMap<Adjacency, { seen: Marks; parent: Int32Array }>();
function searchState(a: Adjacency): { seen: Marks; parent: Int32Array } {
  let state = searchByAdjacency.get(a);
  if (!state) {
    state = { seen: new Marks(a.nodeIds.length), parent: new Int32Array(a.nodeIds.length) };
    searchByAdjacency.set(a, state);
  }
  return state;
}

/**
 * One shortest path, or null when none exists: a bidirectional breadth-first search that
 * expands the smaller fringe, written as graphology-shortest-path's `bidirectional` is (and
 * visiting neighbours in the order it did on the filtered copies), so it finds the same path.
 */
export function shortestPath(snapshot: Snapshot, args: PathArgs): GraphPath | null {
  checkEndpoints(snapshot, args);
  const a = adjacencyOf(snapshot);
  const walk = pathWalk(args);
  const nodes = bidirectional(a, walk, rankOf(a, args.from), rankOf(a, args.to));
  return nodes ? pathFromRanks(a, walk, nodes) : null;
}

const ROOT = -1;

function bidirectional(a: Adjacency, walk: Walk, source: number, target: number): number[] | null {
  const back = against(walk);
  const marks = dedupeMarks(a);
  // Maps, not arrays of every node: most searches meet after a few hundred nodes, and two
  // filled arrays of 100k entries cost more than the search.
  const predecessor = new Map<number, number>([[source, ROOT]]);
  const successor = new Map<number, number>([[target, ROOT]]);
  let forwardFringe = [source];
  let reverseFringe = [target];
  const neighbors: number[] = [];
  let meeting = -1;
  outer: while (forwardFringe.length > 0 && reverseFringe.length > 0) {
    if (forwardFringe.length <= reverseFringe.length) {
      const current = forwardFringe;
      forwardFringe = [];
      for (const node of current) {
        for (const neighbor of neighborsInEdgeOrder(a, walk, node, marks, neighbors)) {
          if (!predecessor.has(neighbor)) {
            forwardFringe.push(neighbor);
            predecessor.set(neighbor, node);
          }
          if (successor.has(neighbor)) {
            meeting = neighbor;
            break outer;
          }
        }
      }
    } else {
      const current = reverseFringe;
      reverseFringe = [];
      for (const node of current) {
        for (const neighbor of neighborsInEdgeOrder(a, back, node, marks, neighbors)) {
          if (!successor.has(neighbor)) {
            reverseFringe.push(neighbor);
            successor.set(neighbor, node);
          }
          if (predecessor.has(neighbor)) {
            meeting = neighbor;
            break outer;
          }
        }
      }
    }
  }
  if (meeting < 0) return null;
  const path: number[] = [];
  for (let v = meeting; v !== ROOT; v = predecessor.get(v) as number) path.unshift(v);
  for (let v = successor.get(meeting) as number; v !== ROOT; v = successor.get(v) as number) path.push(v);
  return path;
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
  const a = adjacencyOf(snapshot);
  const forward = chainWalk(assertionSet(args.assertions), false);
  // Shortest first, then by the ids along the chain: node ranks are in id order and chains of one
  // length end at distinct outcomes, so comparing ranks orders them as comparing the built paths
  // did, and only the page's paths are built.
  return shortestChains(a, forward, rankOf(a, from), maxDepth, OUTCOME_KINDS, limit)
    .sort(compareRankLists)
    .slice(0, limit)
    .map((nodes) => ({
      entity: a.nodeIds[nodes[nodes.length - 1] as number] as string,
      path: pathFromRanks(a, forward, nodes),
    }));
}

/** Every organ, session, reform and campaign leading to an outcome; paths run driver → outcome. */
export function drivers(snapshot: Snapshot, outcomeId: string, args: ChainArgs = {}): Chain[] {
  requireKind(requireEntity(snapshot, outcomeId, 'outcome'), OUTCOME_KINDS, 'outcome');
  const { maxDepth, limit } = checkChainArgs(args);
  const a = adjacencyOf(snapshot);
  const assertions = assertionSet(args.assertions);
  const forward = chainWalk(assertions, false);
  // Nearest first, then by the driver's id (its rank): the node the backward walk ended at.
  const end = (nodes: readonly number[]) => nodes[nodes.length - 1] as number;
  return shortestChains(a, chainWalk(assertions, true), rankOf(a, outcomeId), maxDepth, DRIVER_KINDS, limit)
    .sort((x, y) => x.length - y.length || end(x) - end(y))
    .slice(0, limit)
    .map((nodes) => [...nodes].reverse())
    .map((nodes) => ({ entity: a.nodeIds[nodes[0] as number] as string, path: pathFromRanks(a, forward, nodes) }));
}

/** Shorter first, then by the ranks along the way (ids along the way, ranks being in id order). */
function compareRankLists(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

function checkChainArgs(args: ChainArgs) {
  return {
    maxDepth: checkInt('maxDepth', args.maxDepth ?? L.defaultChainDepth, 1, L.maxChainDepth),
    limit: checkInt('first', args.limit ?? L.maxPaths, 1, L.maxPaths),
  };
}

/**
 * Node paths from `start` to each node of `kinds` within maxDepth: a breadth-first search
 * keeping the first path to each node, as graphology-shortest-path's singleSource did on the
 * chain view (same neighbour order, so the same paths), but stopping at maxDepth, or at the
 * end of the first level by which `wanted` nodes are reached: answers list nearer nodes first,
 * so nodes of later levels could not enter a page of `wanted`. (At 100k entities the fourth
 * level from an organ is a large part of the graph.) Nodes of the last level walked are all
 * kept, since their order within the page is by id, not by when the walk found them.
 */
function shortestChains(
  a: Adjacency,
  walk: Walk,
  start: number,
  maxDepth: number,
  kinds: ReadonlySet<EntityKind>,
  wanted: number,
): number[][] {
  const codes = new Set([...kinds].map((k) => KIND_CODE.get(k)));
  const marks = dedupeMarks(a);
  // Seen nodes and their parents in arrays stamped per search, not a Map: a search from an organ
  // at 100k entities sees tens of thousands of nodes.
  const { seen, parent } = searchState(a);
  const stamp = seen.next();
  seen.mark[start] = stamp;
  parent[start] = ROOT;
  const reached: number[] = [];
  const neighbors: number[] = [];
  let level = [start];
  for (let depth = 1; depth <= maxDepth && level.length > 0 && reached.length < wanted; depth++) {
    const next: number[] = [];
    for (const v of level) {
      for (const w of neighborsInEdgeOrder(a, walk, v, marks, neighbors)) {
        if (seen.mark[w] === stamp) continue;
        seen.mark[w] = stamp;
        parent[w] = v;
        next.push(w);
        if (codes.has(a.kind[w])) reached.push(w);
      }
    }
    level = next;
  }
  return reached.map((end) => {
    const nodes: number[] = [];
    for (let v = end; v !== ROOT; v = parent[v] as number) nodes.push(v);
    return nodes.reverse();
  });
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

  const within: TimelineEntry[] = [];
  const overlapping: TimelineEntry[] = [];
  // Dated entities in date order, so a page is the first `limit` that pass, not a sort of all.
  for (const d of datedEntities(snapshot)) {
    // Sorted by first day: from here on nothing can overlap the window any more.
    if (last && d.first > last) break;
    const e = d.entity;
    if ((kinds && !kinds.has(e.kind)) || (involved && !involved.has(e.id))) continue;
    if (d.rank < minRank || (first && d.last < first)) continue;
    const withinWindow = (!first || d.first >= first) && (!last || d.last <= last);
    const entry = { entity: e.id, record: e, date: d.date, field: d.field, withinWindow };
    if (withinWindow) {
      within.push(entry);
      // Inside-the-window entries come first: once there are `limit` of them, the answer is known.
      if (within.length === limit) break;
    } else if (overlapping.length < limit) overlapping.push(entry);
  }
  return within.concat(overlapping).slice(0, limit);
}

interface DatedEntity {
  readonly entity: EntityRecord;
  readonly date: PartialDate;
  readonly field: TimelineDateField;
  readonly first: string;
  readonly last: string;
  readonly rank: number;
}

/**
 * Every dated entity of a snapshot, sorted once (by date, a coarser date first on the same
 * first day, then by id) and kept while the snapshot lives: at 100k entities sorting them on
 * every call made the default timeline 200 ms. prepareTraversal builds it before serving.
 */
const datedBySnapshot = new WeakMap<Snapshot, readonly DatedEntity[]>();
function datedEntities(snapshot: Snapshot): readonly DatedEntity[] {
  return datedBySnapshot.get(snapshot) ?? runToEnd(datedEntitiesSteps(snapshot, Number.POSITIVE_INFINITY));
}

function* datedEntitiesSteps(snapshot: Snapshot, step: number): Generator<void, readonly DatedEntity[]> {
  const existing = datedBySnapshot.get(snapshot);
  if (existing) return existing;
  const list: DatedEntity[] = [];
  let n = 0;
  for (const entity of snapshot.entities()) {
    if (++n % step === 0) yield;
    const placed = datedAs(entity);
    if (!placed) continue;
    const bounds = dateBounds(placed.date);
    list.push({ entity, ...placed, ...bounds, rank: PRECISION_RANK[placed.date.precision] });
  }
  const byDate = (a: DatedEntity, b: DatedEntity) =>
    a.first < b.first ? -1 : a.first > b.first ? 1 : a.rank - b.rank || compareIds(a.entity.id, b.entity.id);
  if (step === Number.POSITIVE_INFINITY) list.sort(byDate);
  else yield* sortInSteps(list, byDate, step);
  datedBySnapshot.set(snapshot, list);
  return list;
}

function involvedWith(snapshot: Snapshot, id: string): ReadonlySet<string> {
  requireEntity(snapshot, id, 'involving');
  const ids = new Set([id]);
  for (const r of snapshot.relationsOf(id, 'BOTH', CURATED_RELATION_TYPES))
    ids.add(r.source === id ? r.target : r.source);
  return ids;
}
