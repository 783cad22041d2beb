/**
 * The one graph's topology as compact arrays, built once per snapshot, that traversals walk
 * while filtering relation types, assertions and direction as they go (traversal.ts), instead
 * of building a filtered graphology copy per combination (two whole graphs at start, 8.5 s
 * and a graph's memory each at 100k entities).
 *
 * Nodes and relations are numbered by their place in id order (compareIds, the order answers
 * are sorted in), so sorting ranks sorts ids. Per node, relations are kept twice (CSR:
 * offsets per node into one array):
 * - by relation rank: the order graphology lists a node's neighbours in when the relations are
 *   inserted in id order, which is how the old filtered views were built. Breadth-first searches
 *   that pick the first path found (shortest paths, chains) follow it, so they pick the same path.
 * - by neighbour rank, then relation rank: a node's neighbours are a sorted run, so a hop level
 *   is a merge of sorted runs (and a lookup of the relations joining two nodes a binary search).
 */
import {
  ASSERTION_NAMES,
  CHAIN_RELATIONS,
  ENTITY_KIND_NAMES,
  type EntityKind,
  RELATION_TYPE_NAMES,
} from '../model/ontology.js';
import type { Snapshot } from './snapshot.js';
import { runToEnd, sortInSteps } from './steps.js';

const collator = new Intl.Collator();
/** The order ids are answered in; the same as String#localeCompare, several times faster. */
export const compareIds = collator.compare;

/** Relation codes pack a type and an assertion, so one lookup tells whether a walk follows it. */
const TYPE_CODE = new Map(RELATION_TYPE_NAMES.map((t, i) => [t, i]));
export const ASSERTION_COUNT = 4;

export function relationCode(typeCode: number, assertionCode: number): number {
  return typeCode * ASSERTION_COUNT + assertionCode;
}
export const RELATION_CODES = RELATION_TYPE_NAMES.length * ASSERTION_COUNT;

/** A node's kind as a small integer; source documents get the code after the entity kinds. */
export const KIND_CODE: ReadonlyMap<EntityKind, number> = new Map(ENTITY_KIND_NAMES.map((k, i) => [k, i]));
export const SOURCE_KIND_CODE = ENTITY_KIND_NAMES.length;

/** A relation followed from its source to its target; or from its target to its source. */
export const FORWARD = 1;
export const BACKWARD = 2;

/**
 * Which way each relation code may be walked (a bit set of FORWARD and BACKWARD): the
 * filtered graph a traversal sees, as a 0-2 per code instead of a copy of the graph.
 */
export type Walk = Uint8Array;

export interface Adjacency {
  /** Node ids by rank: entities and source documents, in id order. */
  readonly nodeIds: readonly string[];
  readonly rankOf: ReadonlyMap<string, number>;
  /** Kind code per node rank (KIND_CODE, SOURCE_KIND_CODE). */
  readonly kind: Uint8Array;
  /**
   * Per relation rank, the relation's place in the graph's edge order (graphology's iteration
   * order): the permutation a snapshot file stores (frame A) so loading skips the sort.
   */
  readonly order: Uint32Array;
  /** Relation ids by rank, in id order. */
  readonly edgeIds: readonly string[];
  /** Per relation rank: source and target node ranks, and the relation code. */
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly code: Uint8Array;
  /** Per node: relations it is the source of (`out`) or the target of (`in`), by relation rank. */
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
  /** The same lists ordered by the other end's rank, then relation rank (offsets as above). */
  readonly outByNeighbor: Int32Array;
  readonly outByNeighborEdge: Int32Array;
  readonly inByNeighbor: Int32Array;
  readonly inByNeighborEdge: Int32Array;
}

const built = new WeakMap<Snapshot, Adjacency>();

/** The snapshot's adjacency, built on first use (a snapshot never changes, so it never goes stale). */
export function adjacencyOf(snapshot: Snapshot): Adjacency {
  return built.get(snapshot) ?? runToEnd(adjacencySteps(snapshot));
}

/** The adjacency a snapshot has built already, if any (nothing is built). */
export function builtAdjacency(snapshot: Snapshot): Adjacency | undefined {
  return built.get(snapshot);
}

/**
 * adjacencyOf in steps of about `step` elements, for a server that builds its next snapshot
 * between requests. `previous` is the live snapshot's adjacency: the new relation order is the
 * previous one with the relations that went taken out and the new ones put in, instead of a
 * sort of every id again (an edit changes a few relations of 600k).
 */
export function* adjacencySteps(
  snapshot: Snapshot,
  previous?: Adjacency,
  step = Number.POSITIVE_INFINITY,
): Generator<void, Adjacency> {
  const existing = built.get(snapshot);
  if (existing) return existing;
  const adjacency = yield* buildAdjacency(snapshot, previous, step);
  built.set(snapshot, adjacency);
  // The adjacency holds the order now (`order`): one copy is enough.
  snapshot.relationOrder = undefined;
  return adjacency;
}

function* buildAdjacency(
  snapshot: Snapshot,
  previous: Adjacency | undefined,
  step: number,
): Generator<void, Adjacency> {
  const { nodeIds, kind } = yield* rankNodes(snapshot, step);
  const n = nodeIds.length;
  const rankOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    rankOf.set(nodeIds[i] as string, i);
    if ((i + 1) % step === 0) yield;
  }

  const graph = snapshot.graph;
  const m = graph.size;
  let ids: string[];
  if (step === Number.POSITIVE_INFINITY) ids = graph.edges();
  else {
    ids = new Array(m);
    let k = 0;
    for (const { edge } of graph.edgeEntries()) {
      ids[k++] = edge;
      if (k % step === 0) yield;
    }
  }
  // The ends and codes come from the relation columns, entry k being the graph's k-th edge:
  // one typed-array read per relation instead of two Map look-ups of its end ids (1.2M at 100k).
  const columns = snapshot.records.relations;
  if (columns.length !== m) throw new Error(`adjacency: ${columns.length} relation entries for ${m} edges`);
  const rankByIndex = new Int32Array(columns.nodeIds.length);
  columns.nodeIds.forEach((id, i) => {
    rankByIndex[i] = rankOf.get(id) ?? -1;
  });
  const codeOf = new Uint8Array(RELATION_TYPE_NAMES.length * ASSERTION_NAMES.length);
  for (let t = 0; t < RELATION_TYPE_NAMES.length; t++) {
    for (let a = 0; a < ASSERTION_NAMES.length; a++) {
      codeOf[t * ASSERTION_NAMES.length + a] = relationCode(t, assertionCode(ASSERTION_NAMES[a] as string));
    }
  }
  const src = new Int32Array(m);
  const tgt = new Int32Array(m);
  const codes = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    src[e] = rankByIndex[columns.source[e] as number] as number;
    tgt[e] = rankByIndex[columns.target[e] as number] as number;
    codes[e] = codeOf[
      (columns.type[e] as number) * ASSERTION_NAMES.length + (columns.assertion[e] as number)
    ] as number;
    if ((e + 1) % step === 0) yield;
  }
  const order = yield* relationOrderSteps(ids, snapshot.relationOrder, previous, step, () =>
    endOrder(src, columns.type, tgt, n),
  );
  const edgeIds: string[] = new Array(m);
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const code = new Uint8Array(m);
  for (let r = 0; r < m; r++) {
    const i = order[r] as number;
    edgeIds[r] = ids[i] as string;
    source[r] = src[i] as number;
    target[r] = tgt[i] as number;
    code[r] = codes[i] as number;
    if ((r + 1) % step === 0) yield;
  }

  const out = csrByEdge(n, source);
  const inn = csrByEdge(n, target);
  yield;
  // Appending each node's relations while walking the other end in rank order leaves every
  // run sorted by neighbour, then by relation rank (each `in` run is in relation order).
  const outByNeighbor = new Int32Array(m);
  const outByNeighborEdge = new Int32Array(m);
  const inByNeighbor = new Int32Array(m);
  const inByNeighborEdge = new Int32Array(m);
  const outFill = out.start.slice(0, n);
  const inFill = inn.start.slice(0, n);
  for (let t = 0; t < n; t++) {
    for (let p = inn.start[t] as number; p < (inn.start[t + 1] as number); p++) {
      const e = inn.edges[p] as number;
      const s = source[e] as number;
      const at = outFill[s]++ as number;
      outByNeighbor[at] = t;
      outByNeighborEdge[at] = e;
    }
  }
  yield;
  for (let s = 0; s < n; s++) {
    for (let p = out.start[s] as number; p < (out.start[s + 1] as number); p++) {
      const e = out.edges[p] as number;
      const t = target[e] as number;
      const at = inFill[t]++ as number;
      inByNeighbor[at] = s;
      inByNeighborEdge[at] = e;
    }
  }
  return {
    nodeIds,
    rankOf,
    kind,
    order,
    edgeIds,
    source,
    target,
    code,
    outStart: out.start,
    outEdges: out.edges,
    inStart: inn.start,
    inEdges: inn.edges,
    outByNeighbor,
    outByNeighborEdge,
    inByNeighbor,
    inByNeighborEdge,
  };
}

/**
 * The relations' id order as places in the graph's edge order. Sorting ~600k ids with the
 * collator is most of the adjacency's cost at 100k entities (seconds), so a snapshot file
 * stores the result of `build`'s sort. A stored order is used only if it still is the
 * collator's order here: one comparison per neighbouring pair (a tenth of a sort's) guards
 * against a file sorted under another ICU version or locale, which would else reorder answers.
 */
export function relationOrder(ids: readonly string[], stored?: Uint32Array): Uint32Array {
  return runToEnd(relationOrderSteps(ids, stored, undefined, Number.POSITIVE_INFINITY));
}

function* relationOrderSteps(
  ids: readonly string[],
  stored: Uint32Array | undefined,
  previous: Adjacency | undefined,
  step: number,
  presorted?: () => Int32Array | undefined,
): Generator<void, Uint32Array> {
  // The previous order was sorted or checked here, with this collator: patching it keeps it so.
  if (previous) return yield* patchedOrder(ids, previous, step);
  if (stored && (yield* isIdOrder(ids, stored, step))) return stored;
  if (step === Number.POSITIVE_INFINITY) return idOrder(ids, presorted?.());
  // Ties (distinct ids the collator finds equal) keep their place: the same order as idOrder's.
  const order = Array.from({ length: ids.length }, (_, i) => i);
  yield* sortInSteps(order, (a, b) => compareIds(ids[a] as string, ids[b] as string), step);
  return Uint32Array.from(order);
}

/**
 * Places in `ids` listed in id order (compareIds; distinct ids it finds equal by place), the
 * same permutation whatever `presorted` is. `presorted`, a permutation close to that order
 * (endOrder), makes the sort nearly linear: Array#sort is a TimSort, which merges the runs it
 * finds, so an almost sorted input costs about one collator comparison per id instead of
 * log2(n) of them (10.5M comparisons for 600k ids in plain order, 0.6M after endOrder). At 6M
 * relations the plain sort was most of the 505 s `build` spent on this order (BENCHMARKS.md).
 */
export function idOrder(ids: readonly string[], presorted?: Int32Array): Uint32Array {
  const order = presorted ? Array.from(presorted) : Array.from({ length: ids.length }, (_, i) => i);
  if (order.length !== ids.length) throw new Error(`idOrder: ${order.length} places for ${ids.length} ids`);
  order.sort((a, b) => compareIds(ids[a] as string, ids[b] as string) || a - b);
  return Uint32Array.from(order);
}

/** Relation types by the collator order of their names: a default id's middle part. */
const TYPE_ID_PLACE: Uint8Array = (() => {
  const place = new Uint8Array(RELATION_TYPE_NAMES.length);
  [...RELATION_TYPE_NAMES.keys()]
    .sort((a, b) => compareIds(RELATION_TYPE_NAMES[a] as string, RELATION_TYPE_NAMES[b] as string))
    .forEach((t, i) => {
      place[t] = i;
    });
  return place;
})();

/**
 * Relations ordered by source rank, then type name, then target rank (three stable counting
 * sorts, no comparison of strings): the order of their default ids `rel/SOURCE-TYPE->TARGET`
 * but where a shorter id meets a longer one at a hyphen, or for explicit ids. A hint for
 * idOrder, never taken as the order itself. `source`, `target`: node ranks (< n) per relation;
 * `type`: RELATION_TYPE_NAMES index per relation (entries past `source.length` are ignored).
 */
export function endOrder(source: Int32Array, type: Uint8Array, target: Int32Array, n: number): Int32Array | undefined {
  const m = source.length;
  for (let e = 0; e < m; e++) {
    // An end missing from the nodes (rank -1): no hint, the plain sort orders them all.
    if (!((source[e] as number) >= 0 && (target[e] as number) >= 0)) return undefined;
  }
  let order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  let next = new Int32Array(m);
  const pass = (buckets: number, key: (e: number) => number) => {
    const start = new Int32Array(buckets + 1);
    for (let e = 0; e < m; e++) start[key(e) + 1]++;
    for (let b = 0; b < buckets; b++) start[b + 1] += start[b] as number;
    for (let p = 0; p < m; p++) {
      const e = order[p] as number;
      next[start[key(e)]++ as number] = e;
    }
    [order, next] = [next, order];
  };
  pass(n, (e) => target[e] as number);
  pass(RELATION_TYPE_NAMES.length, (e) => TYPE_ID_PLACE[type[e] as number] as number);
  pass(n, (e) => source[e] as number);
  return order;
}

/**
 * The id order of `ids` made from `previous`'s (a sorted list of ids): the ids both have, in
 * the previous order, with the new ones (sorted among themselves) put in by binary search.
 * An edit of one file costs a few hundred collator comparisons instead of a sort's millions.
 */
function* patchedOrder(ids: readonly string[], previous: Adjacency, step: number): Generator<void, Uint32Array> {
  const placeOf = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    placeOf.set(ids[i] as string, i);
    if ((i + 1) % step === 0) yield;
  }
  const kept: number[] = [];
  let seen = 0;
  for (const id of previous.edgeIds) {
    const i = placeOf.get(id);
    if (i !== undefined) {
      kept.push(i);
      placeOf.delete(id);
    }
    if (++seen % step === 0) yield;
  }
  // What is left was not in the previous snapshot.
  const added = [...placeOf.values()];
  yield* sortInSteps(added, (a, b) => compareIds(ids[a] as string, ids[b] as string), step);
  const order = new Uint32Array(ids.length);
  let o = 0;
  let k = 0;
  for (const a of added) {
    const id = ids[a] as string;
    let lo = k;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(ids[kept[mid] as number] as string, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    while (k < lo) order[o++] = kept[k++] as number;
    order[o++] = a;
    yield;
  }
  while (k < kept.length) order[o++] = kept[k++] as number;
  return order;
}

/** Whether `order` lists every index of `ids` once, ids strictly ascending. */
function* isIdOrder(ids: readonly string[], order: Uint32Array, step: number): Generator<void, boolean> {
  if (order.length !== ids.length) return false;
  const seen = new Uint8Array(ids.length);
  let previous: string | undefined;
  let n = 0;
  for (const i of order) {
    if (i >= ids.length || seen[i] === 1) return false;
    seen[i] = 1;
    const id = ids[i] as string;
    if (previous !== undefined && compareIds(previous, id) >= 0) return false;
    previous = id;
    if (++n % step === 0) yield;
  }
  return true;
}

const ASSERTION_CODE: Readonly<Record<string, number>> = {
  STATED: 0,
  IMPLIED_BY_CONTEXT: 1,
  CURATOR_INFERENCE: 2,
};

export function assertionCode(assertion: string): number {
  return ASSERTION_CODE[assertion] ?? 3;
}

/** Entities (the snapshot keeps them in id order) merged with the documents' node ids. */
function* rankNodes(snapshot: Snapshot, step: number): Generator<void, { nodeIds: string[]; kind: Uint8Array }> {
  const entities = snapshot.entities();
  const documents = snapshot
    .documents()
    .map((d) => d.nodeId)
    .sort(compareIds);
  const nodeIds: string[] = [];
  const kind = new Uint8Array(entities.length + documents.length);
  let i = 0;
  let j = 0;
  while (i < entities.length || j < documents.length) {
    const e = entities[i];
    const d = documents[j];
    if (e !== undefined && (d === undefined || compareIds(e.id, d) <= 0)) {
      kind[nodeIds.length] = KIND_CODE.get(e.kind) ?? 0;
      nodeIds.push(e.id);
      i++;
    } else {
      kind[nodeIds.length] = SOURCE_KIND_CODE;
      nodeIds.push(d as string);
      j++;
    }
    if (nodeIds.length % step === 0) yield;
  }
  return { nodeIds, kind };
}

/** Offsets per node and, per node, the relations at that end in relation-rank order (a counting sort). */
function csrByEdge(n: number, end: Int32Array): { start: Int32Array; edges: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const v of end) start[v + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v] as number;
  const fill = start.slice(0, n);
  const edges = new Int32Array(end.length);
  for (let e = 0; e < end.length; e++) edges[fill[end[e] as number]++ as number] = e;
  return { start, edges };
}

// ---------------------------------------------------------------------------------------
// Walks: which relations a traversal follows, and which way

/** Relations of the given types and assertions, followed the given ways. */
export function relationWalk(types: ReadonlySet<string>, assertions: ReadonlySet<string> | null, ways: number): Walk {
  const walk = new Uint8Array(RELATION_CODES);
  for (const [type, t] of TYPE_CODE) {
    if (!types.has(type)) continue;
    for (const [assertion, a] of Object.entries(ASSERTION_CODE)) {
      if (!assertions || assertions.has(assertion)) walk[relationCode(t, a)] = ways;
    }
  }
  return walk;
}

/**
 * Chain relations the way responsibility flows (CHAIN_RELATIONS: `forward` from source to
 * target, `backward` from target to source), or against it (`reversed`, for drivers).
 */
export function chainWalk(assertions: ReadonlySet<string> | null, reversed: boolean): Walk {
  const walk = new Uint8Array(RELATION_CODES);
  for (const [type, flow] of CHAIN_RELATIONS) {
    const t = TYPE_CODE.get(type) as number;
    const along = (flow === 'forward') !== reversed ? FORWARD : BACKWARD;
    for (const [assertion, a] of Object.entries(ASSERTION_CODE)) {
      if (!assertions || assertions.has(assertion)) walk[relationCode(t, a)] = along;
    }
  }
  return walk;
}

/** The walk taken the other way round: what leads into a node instead of out of it. */
export function reverseWalk(walk: Walk): Walk {
  return walk.map((ways) => ((ways & FORWARD ? BACKWARD : 0) | (ways & BACKWARD ? FORWARD : 0)) as number);
}

/** Per-node stamps: a set of nodes cleared in O(1) by moving to the next stamp. */
export class Marks {
  readonly mark: Uint32Array;
  private stamp = 0;

  constructor(size: number) {
    this.mark = new Uint32Array(size);
  }

  /** A fresh stamp: no node carries it yet. */
  next(): number {
    if (this.stamp === 0xffffffff) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

const NO_EDGE = 0x7fffffff;

/**
 * The distinct nodes one step from `v` along the walk, each once, in the order of the first
 * relation (by rank) leading there: graphology's order for a graph whose relations were added
 * in id order, so searches that keep the first path found keep the one they always did.
 */
export function neighborsInEdgeOrder(a: Adjacency, walk: Walk, v: number, marks: Marks, out: number[]): number[] {
  out.length = 0;
  const stamp = marks.next();
  const mark = marks.mark;
  let p = a.outStart[v] as number;
  const pEnd = a.outStart[v + 1] as number;
  let q = a.inStart[v] as number;
  const qEnd = a.inStart[v + 1] as number;
  while (p < pEnd || q < qEnd) {
    const eOut = p < pEnd ? (a.outEdges[p] as number) : NO_EDGE;
    const eIn = q < qEnd ? (a.inEdges[q] as number) : NO_EDGE;
    let neighbor = -1;
    if (eOut <= eIn) {
      p++;
      if (((walk[a.code[eOut] as number] as number) & FORWARD) !== 0) neighbor = a.target[eOut] as number;
    } else {
      q++;
      if (((walk[a.code[eIn] as number] as number) & BACKWARD) !== 0) neighbor = a.source[eIn] as number;
    }
    if (neighbor >= 0 && mark[neighbor] !== stamp) {
      mark[neighbor] = stamp;
      out.push(neighbor);
    }
  }
  return out;
}

/** First index in [lo, hi) of `sorted` holding a value ≥ x. */
function lowerBound(sorted: Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Relation ranks joining `u` to `w` along the walk (either stored way round), ascending. */
export function edgesBetween(a: Adjacency, walk: Walk, u: number, w: number): number[] {
  const found: number[] = [];
  const collect = (start: Int32Array, byNeighbor: Int32Array, edges: Int32Array, way: number) => {
    const end = start[u + 1] as number;
    for (let p = lowerBound(byNeighbor, start[u] as number, end, w); p < end && byNeighbor[p] === w; p++) {
      const e = edges[p] as number;
      if (((walk[a.code[e] as number] as number) & way) !== 0) found.push(e);
    }
  };
  collect(a.outStart, a.outByNeighbor, a.outByNeighborEdge, FORWARD);
  collect(a.inStart, a.inByNeighbor, a.inByNeighborEdge, BACKWARD);
  return found.sort((x, y) => x - y);
}
