/**
 * In-process measurements for one snapshot file, in a fresh process (run with --expose-gc) so
 * the heap is the snapshot's: start-up (snapshot load), heap per element, latency of root
 * fields through yoga.fetch (no network), and ForceAtlas2 time per iteration.
 *
 *   tsx --expose-gc bench/inprocess.mts FILE     # prints one JSON line
 *   tsx --expose-gc bench/inprocess.mts FILE --roots [--runs N] [--only a,b] [--profile DIR]
 *     [--no-forced-gc] [--settle-ms MS]
 *
 * --roots measures every root field with its default arguments (required ones given the first
 * sensible value) instead of the representative operations, and skips ForceAtlas2; it prints
 * one line per field as it goes (so a --cpu-prof run can be read field by field) and the JSON
 * line at the end. --profile DIR writes DIR/FIELD.cpuprofile per field, covering only its
 * measured calls (not the snapshot load, not the warm-up), for bench/cpuprofile-summary.mts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
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
if (!file) throw new Error('usage: inprocess.mts SNAPSHOT_FILE [--roots] [--runs N] [--only a,b]');
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : (process.argv[i + 1] ?? '');
};
const rootsMode = process.argv.includes('--roots');
/**
 * CPU time of the main thread alone, in ms (Linux: /proc, 10 ms ticks, so read it over many
 * calls). process.cpuUsage also counts V8's GC helper threads (concurrent marking and
 * sweeping), which a forced or a previous field's collection keeps busy into the next field's calls.
 */
const TICK_MS = 10;
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const [utime = 0, stime = 0] = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .slice(11, 13)
      .map(Number);
    return (utime + stime) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}
const runs = Number(flag('--runs') ?? 300);
const only = flag('--only')?.split(',');
const profileDir = flag('--profile');
const noForcedGc = process.argv.includes('--no-forced-gc');
const settleMs = Number(flag('--settle-ms') ?? 500);
const inspector = profileDir ? new Session() : undefined;
inspector?.connect();
await inspector?.post('Profiler.enable');
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

const firstOf = (kind: string) => {
  for (const id of many) if (snapshot.graph.getNodeAttribute(id, 'kind') === kind) return id;
  throw new Error(`no ${kind} among the sampled ids`);
};
const [organ, outcome] = [firstOf('ORGAN'), firstOf('OUTCOME')];
const page = '{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind name } } }';
const relationId = snapshot.graph.edges()[0] ?? '';
/** Every root field with its default arguments: what a client gets without choosing any. */
const ROOTS: Record<string, (i: number) => string | [string, Record<string, unknown>]> = {
  kinds: () => '{ kinds { kind count } }',
  relationTypes: () => '{ relationTypes { type count } }',
  stats: () =>
    '{ stats { kinds { kind count } relationTypes { type count } documents { document { id } entityCount } } }',
  snapshot: () => '{ snapshot { documentCount entityCount relationCount } }',
  documents: () => '{ documents { id title published { text } } }',
  document: () => `{ document(id: "${snapshot.documents()[0]?.id}") { id title length } }`,
  entities: () => `{ entities ${page} }`,
  organs: () => `{ organs ${page} }`,
  outcomes: () => `{ outcomes ${page} }`,
  people: () => `{ people ${page} }`,
  // Ids as variables, as clients send them: one compiled operation, not one per id.
  entity: (i) => ['query($id: ID!) { entity(id: $id) { id kind name aliases } }', { id: ids[i % ids.length] }],
  node: (i) => ['query($id: ID!) { node(id: $id) { id } }', { id: ids[i % ids.length] }],
  nodes: (i) => [
    'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
    { ids: [ids[i % ids.length], ids[(i + 1) % ids.length]] },
  ],
  relation: () => `{ relation(id: "${relationId}") { id type sourceId targetId } }`,
  centrality: () => '{ centrality { entity { id } score rank } }',
  communities: () => '{ communities { id size } }',
  conflicts: () => '{ conflicts { kind metric values } }',
  metrics: () => '{ metrics { metric outcomeCount units } }',
  timeline: () => '{ timeline { entity { id } date { text } dateField withinWindow } }',
  // What a default page of 100 (neighborhood's) would cost: not a default today.
  timeline100: () => '{ timeline(limit: 100) { entity { id } date { text } dateField withinWindow } }',
  neighborhood: (i) => [
    'query($ids: [ID!]!) { neighborhood(ids: $ids) { nodes { id } edges { id } truncated } }',
    { ids: [ids[i % ids.length]] },
  ],
  outcomeChains: () => `{ outcomeChains(from: "${organ}") { outcome { id } } }`,
  drivers: () => `{ drivers(outcome: "${outcome}") { entity { id } } }`,
  shortestPath: () => `{ shortestPath(from: "${a}", to: "${b}") { length nodes { id } } }`,
  paths: () => `{ paths(from: "${a}", to: "${b}") { length } }`,
  search: () => '{ search(query: "public security") { score entity { id } } }',
  passages: () => '{ passages(query: "police station") { score snippet } }',
  metricSeries: () => '{ metricSeries(metric: "nope") { metric } }',
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

/** The answer's text, to size it: per-item costs are the CPU per call over the items. */
async function callAllowingErrors(operation: string | [string, Record<string, unknown>]): Promise<string> {
  const [query, variables] = typeof operation === 'string' ? [operation, undefined] : operation;
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.text();
}

/** The first error's code, if the answer is an error (some roots are, by design, with their defaults). */
function errorCode(text: string): string {
  const code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  return code ? `  error ${code}` : '';
}

/** The length of the answer's root list (or of a connection's edges), if it is one. */
function itemsOf(text: string, field: string): number | undefined {
  const value = (JSON.parse(text) as { data?: Record<string, unknown> | null }).data?.[field];
  if (Array.isArray(value)) return value.length;
  const edges = (value as { edges?: unknown } | null | undefined)?.edges;
  return Array.isArray(edges) ? edges.length : undefined;
}

const latency: Record<string, { p50: number; p99: number }> = {};
const measured = Object.entries(rootsMode ? ROOTS : OPERATIONS).filter(([f]) => !only || only.includes(f));
for (const [field, op] of measured) {
  // Some roots answer an error by design with their defaults (metricSeries of an unknown metric).
  const send = (rootsMode ? callAllowingErrors : call) as (o: ReturnType<typeof op>) => Promise<string | undefined>;
  const first = performance.now();
  await send(op(0));
  const firstMs = performance.now() - first;
  for (let i = 1; i < 20; i++) await send(op(i));
  // Sized after the warm-up: a first call that computes a whole-graph result can time out on a
  // loaded machine (conflicts' 244-byte "answer" at load 17 was a TIMEOUT), the measured calls do not.
  const answer = await send(op(0));
  const size =
    answer === undefined
      ? ''
      : `  items ${itemsOf(answer, field.replace(/\d+$/, '')) ?? '-'}  bytes ${answer.length}${errorCode(answer)}`;
  // A first call that computed a whole-graph result (centrality, communities) leaves garbage
  // that the collector's threads would otherwise bill to the calls measured next.
  // The forced collection's sweeping runs on helper threads after it returns: let it finish,
  // or process.cpuUsage bills it to this field's calls (`kinds`, 329 bytes, showed 4.3 ms).
  if (rootsMode && !noForcedGc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
  const times: number[] = [];
  await inspector?.post('Profiler.start');
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await send(op(i));
    times.push(performance.now() - t0);
  }
  const used = process.cpuUsage(cpu);
  const mainCpuMs = (mainThreadCpuMs() - mainCpu) / runs;
  if (inspector && profileDir) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(join(profileDir, `${field}.cpuprofile`), JSON.stringify(profile));
  }
  times.sort((x, y) => x - y);
  latency[field] = { p50: pct(times, 50), p99: pct(times, 99) };
  if (rootsMode) {
    const cpuMs = (used.user + used.system) / 1000 / runs;
    console.log(
      `${field.padEnd(14)} first ${firstMs.toFixed(1)} ms  p50 ${pct(times, 50).toFixed(2)} ms  p99 ${pct(times, 99).toFixed(2)} ms  max ${(times.at(-1) ?? 0).toFixed(2)} ms  cpu/call ${cpuMs.toFixed(2)} ms  main thread ${mainCpuMs.toFixed(2)} ms  load ${loadavg()[0]?.toFixed(1)}${size}`,
    );
  }
}
if (rootsMode) {
  console.log(JSON.stringify({ nodes, edges, loadMs, prepareMs, rssMb, latency }));
  process.exit(0);
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
