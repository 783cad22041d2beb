/**
 * In-process measurements for one snapshot file, in a fresh process (run with --expose-gc) so
 * the heap is the snapshot's: start-up (snapshot load), heap per element, latency of root
 * fields through yoga.fetch (no network), and ForceAtlas2 time per iteration.
 *
 *   tsx --expose-gc bench/inprocess.mts FILE     # prints one JSON line
 */
import { readSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';
import { buildLayoutGraph, iterationsFor, normaliseLayoutOptions } from '../src/layout/index.js';
import { forceAtlas2 } from '../src/layout/interop.js';
import { mulberry32 } from '../src/model/prng.js';
import { createServer } from '../src/server/yoga.js';
import { sampleIds } from './operations.js';

export interface InProcessResult {
  readonly nodes: number;
  readonly edges: number;
  readonly loadMs: number;
  readonly prepareMs: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly bytesPerElement: number;
  readonly latency: Readonly<Record<string, { readonly p50: number; readonly p99: number }>>;
  readonly fa2MsPerIteration: number;
  readonly fa2Iterations: number;
}

const file = process.argv[2];
if (!file) throw new Error('usage: inprocess.mts SNAPSHOT_FILE');
const gc = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};

gc();
const heapBefore = process.memoryUsage().heapUsed;
let t = performance.now();
const snapshot = readSnapshotFile(file);
const loadMs = performance.now() - t;
// What `serve` adds before listening (the traversal views), reported apart from the load.
t = performance.now();
prepareTraversal(snapshot);
const prepareMs = performance.now() - t;
const rssMb = process.memoryUsage().rss / 1_048_576;
gc();
const heap = process.memoryUsage().heapUsed - heapBefore;
const nodes = snapshot.graph.order;
const edges = snapshot.graph.size;

const yoga = createServer({ snapshot, logging: false });
const ids = sampleIds(snapshot, 200);
const [a = '', b = ''] = [ids[3], ids[150]];
// Thousands of distinct ids: each lookup a different entity, so lazy records decode (a cache miss).
const many = sampleIds(snapshot, 5000);
/** Representative root fields: what clients of the API ask most. */
const OPERATIONS: Record<string, (i: number) => string> = {
  entity: (i) => `{ entity(id: "${ids[i % ids.length]}") { id name evidence { quote document { title } } } }`,
  entityUncached: (i) =>
    `{ entity(id: "${many[(i * 7919) % many.length]}") { id name evidence { quote document { title } } } }`,
  search: () => '{ search(query: "public security", first: 10) { score entity { id name } } }',
  entities: () =>
    '{ entities(first: 20, where: { kinds: [ORGAN, REFORM] }) { totalCount edges { node { id name } } } }',
  neighborhood: (i) =>
    `{ neighborhood(ids: ["${ids[i % ids.length]}"], depth: 2, limit: 100) { nodes { id } edges { id } truncated } }`,
  shortestPath: () => `{ shortestPath(from: "${a}", to: "${b}") { length nodes { id } } }`,
  timeline: () => '{ timeline(from: "2022", to: "2023", limit: 50) { entity { id } date { text } } }',
};

async function call(query: string): Promise<void> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors?.length) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
}

const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

const latency: Record<string, { p50: number; p99: number }> = {};
for (const [field, op] of Object.entries(OPERATIONS)) {
  for (let i = 0; i < 20; i++) await call(op(i));
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await call(op(i));
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  latency[field] = { p50: pct(times, 50), p99: pct(times, 99) };
}

// ForceAtlas2 per iteration, on the same graph and settings computeLayout uses (Barnes-Hut
// above 2000 nodes), from seeded start positions (FA2 on unplaced nodes degenerates).
const graph = buildLayoutGraph(snapshot, normaliseLayoutOptions(snapshot, {}));
const rng = mulberry32(1);
const spread = 10 * Math.sqrt(graph.order + 1);
graph.forEachNode((n) => graph.mergeNodeAttributes(n, { x: (rng() * 2 - 1) * spread, y: (rng() * 2 - 1) * spread }));
const ITERATIONS = 5;
t = performance.now();
forceAtlas2.assign(graph, {
  iterations: ITERATIONS,
  settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 2000 },
});
const fa2MsPerIteration = (performance.now() - t) / ITERATIONS;

const result: InProcessResult = {
  nodes,
  edges,
  loadMs,
  prepareMs,
  rssMb,
  heapMb: heap / 1_048_576,
  bytesPerElement: heap / (nodes + edges),
  latency,
  fa2MsPerIteration,
  fa2Iterations: iterationsFor(graph.order),
};
console.log(JSON.stringify(result));
