/**
 * `npm run bench`: the performance-at-scale benchmark. For each graph size it generates a
 * synthetic corpus, builds a snapshot file, then measures start-up, memory, in-process
 * latency, ForceAtlas2 cost, and HTTP throughput of a bare node:http handler, mercurius with
 * graphql-jit, and reform-graph's own server (with and without graphql-jit and the response
 * cache), 1 vs 2 cluster workers, and query latency while a layout runs. Appends the tables to
 * BENCHMARKS.md.
 *
 *   npm run bench                              # 10k and 100k entities (~21 min on 2 cores)
 *   npm run bench -- --full                    # and 1M
 *   npm run bench -- --sizes 10000 --seconds 5 --no-layout-load
 *   npm run bench -- --sizes 100000 --layout-only --layout-modes process,worker   # only the layout-under-load table
 *
 * Every server runs in its own child process on 127.0.0.1; autocannon runs here. On a 2-core
 * machine the load generator takes CPU from the server: ratios are fairer than absolute req/s.
 */
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild } from '../src/cli/build.js';
import { ProgressBar } from '../src/cli/generate.js';
import { generateCorpus } from '../src/graph/generate.js';
import { runInProcess, type ServerChild, startServer } from './child.js';
import { runLoad, startLoad } from './load.js';
import { WORKLOADS, type Workload } from './operations.js';
import { LAYOUT_MODES, type LayoutMode, SERVER_KINDS, type ServerKind } from './protocol.js';
import {
  clusterTable,
  type HttpFigures,
  httpTable,
  type InProcessFigures,
  type LayoutLoadFigures,
  latencyTable,
  layoutLoadTable,
  machine,
  type SizeFigures,
  sizeTable,
} from './report.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    servers: { type: 'string', default: SERVER_KINDS.join(',') },
    'layout-size': { type: 'string' },
    'no-layout-load': { type: 'boolean', default: false },
    'layout-only': { type: 'boolean', default: false },
    /** Use the snapshot file a previous run left in --dir instead of generating and building again. */
    reuse: { type: 'boolean', default: false },
    /** Skip the in-process figures (start-up, memory, root-field latency, FA2): HTTP and layout only. */
    'no-inprocess': { type: 'boolean', default: false },
    'layout-modes': { type: 'string', default: LAYOUT_MODES.join(',') },
    'no-cluster': { type: 'boolean', default: false },
    dir: { type: 'string', default: join(tmpdir(), 'reform-graph-bench') },
    out: { type: 'string', default: 'BENCHMARKS.md' },
  },
});

const sizes = values.sizes
  ? values.sizes.split(',').map(Number)
  : [10_000, 100_000, ...(values.full ? [1_000_000] : [])];
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const kinds = (values.servers ?? '').split(',') as ServerKind[];
for (const kind of kinds) if (!SERVER_KINDS.includes(kind)) throw new Error(`unknown server ${kind}`);
const layoutModes = (values['layout-modes'] ?? '').split(',') as LayoutMode[];
for (const mode of layoutModes) if (!LAYOUT_MODES.includes(mode)) throw new Error(`unknown layout mode ${mode}`);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Generates the corpus and builds its snapshot file once; later runs reuse both. */
async function prepare(entities: number): Promise<{ snapshotFile: string; buildMs: number; relations: number }> {
  mkdirSync(values.dir, { recursive: true });
  const dataDir = join(values.dir, `corpus-${entities}`);
  const snapshotFile = join(values.dir, `corpus-${entities}.snapshot`);
  if (values.reuse && existsSync(snapshotFile)) return { snapshotFile, buildMs: Number.NaN, relations: Number.NaN };
  const bar = new ProgressBar(process.stderr, `generate ${entities}`);
  const summary = generateCorpus({
    entities,
    out: dataDir,
    seed: 1,
    onProgress: (p) => bar.update(p.entities, p.totalEntities, `${p.relations} relations`),
  });
  bar.done();
  const t = performance.now();
  if ((await runBuild({ dataDir, out: snapshotFile }, log)) !== 0)
    throw new Error(`corpus ${entities} did not validate`);
  return { snapshotFile, buildMs: performance.now() - t, relations: summary.relations };
}

async function answerOf(server: ServerChild, workload: Workload): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ ...WORKLOADS[workload], variables: { id: server.ids[7] } }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  return JSON.stringify(body.data ?? body.errors);
}

async function measureServer(kind: ServerKind, snapshotFile: string, reference: Map<Workload, string>) {
  log(`  ${kind}: starting`);
  const server = await startServer(kind, snapshotFile);
  const out: HttpFigures[] = [];
  try {
    for (const workload of ['lookup', 'twoHop'] as const) {
      const answer = await answerOf(server, workload);
      if (!reference.has(workload)) reference.set(workload, answer);
      const common = { port: server.port, workload, ids: server.ids, connections };
      await runLoad({ ...common, seconds: warmup });
      server.notify({ type: 'gc-start' });
      const result = await runLoad({ ...common, seconds });
      const gc = await server.request({ type: 'gc-stop' }, 'gc');
      const gcShare = gc.type === 'gc' && gc.cpuMs > 0 ? gc.gcMs / gc.cpuMs : Number.NaN;
      out.push({ kind, workload, ...result, gcShare, sameAnswer: reference.get(workload) === answer });
      log(
        `  ${kind} ${workload}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, GC ${(gcShare * 100).toFixed(1)}%`,
      );
    }
  } finally {
    await server.stop();
  }
  return out;
}

async function measureCluster(snapshotFile: string) {
  const out: SizeFigures['cluster'][number][] = [];
  for (const workers of [1, 2]) {
    const server = await startServer('yoga-jit-fast', snapshotFile, workers);
    try {
      const common = { port: server.port, workload: 'lookup' as const, ids: server.ids, connections };
      await runLoad({ ...common, seconds: warmup });
      const result = await runLoad({ ...common, seconds });
      out.push({ workers, result });
      log(`  cluster ${workers} worker(s): ${Math.round(result.rps)} req/s, p99 ${result.p99} ms`);
    } finally {
      await server.stop();
    }
  }
  return out;
}

/** Query latency at a modest fixed rate with no layout, then while a layout runs each way. */
async function measureLayoutLoad(entities: number, snapshotFile: string): Promise<LayoutLoadFigures> {
  const rate = 100;
  const conns = 10;
  const server = await startServer('yoga-jit-fast', snapshotFile);
  try {
    const common = { port: server.port, workload: 'lookup' as const, ids: server.ids, connections: conns, rate };
    await runLoad({ ...common, seconds: warmup });
    const baseline = await runLoad({ ...common, seconds });
    const runs: LayoutLoadFigures['runs'][number][] = [];
    for (const mode of layoutModes) {
      log(`  layout of ${entities} (${mode}) under load…`);
      // Long enough for any layout; stopped once the layout is done and the queue has drained.
      const load = startLoad({ ...common, seconds: 3600, timeoutS: 600 });
      const done = await server.request({ type: 'layout', mode }, 'layout-done');
      await new Promise((r) => setTimeout(r, 2000));
      load.instance.stop();
      const result = await load.done;
      if (done.type !== 'layout-done') throw new Error(`layout failed: ${JSON.stringify(done)}`);
      runs.push({ mode, layoutMs: done.ms, result });
      log(`  layout in ${mode}: ${(done.ms / 1000).toFixed(1)} s, query p99 ${result.p99} ms`);
    }
    return { entities, rate, connections: conns, baseline, runs };
  } finally {
    await server.stop();
  }
}

const started = performance.now();
const figures: SizeFigures[] = [];
const files = new Map<number, string>();
for (const entities of sizes) {
  log(`\n== ${entities} entities`);
  const { snapshotFile, buildMs, relations } = await prepare(entities);
  files.set(entities, snapshotFile);
  if (values['layout-only']) continue;
  log('  in-process: load, heap, latency, FA2');
  // Not measured: NaN figures print as dashes.
  const inProcess = values['no-inprocess']
    ? (new Proxy(
        { latency: {} },
        { get: (t, key) => (key in t ? t[key as 'latency'] : Number.NaN) },
      ) as InProcessFigures)
    : runInProcess<InProcessFigures>(snapshotFile);
  const http: HttpFigures[] = [];
  const reference = new Map<Workload, string>();
  for (const kind of kinds) http.push(...(await measureServer(kind, snapshotFile, reference)));
  const cluster = values['no-cluster'] ? [] : await measureCluster(snapshotFile);
  figures.push({ entities, relations, buildMs, inProcess, http, cluster });
}

let layoutLoad: LayoutLoadFigures | undefined;
if (!values['no-layout-load']) {
  const size = Number(values['layout-size'] ?? Math.max(...sizes.filter((n) => n <= 100_000)));
  const file = files.get(size);
  if (file) layoutLoad = await measureLayoutLoad(size, file);
}

const argv = process.argv.slice(2);
const section = [
  `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\``,
  '',
  `Machine: ${machine()}. Took ${((performance.now() - started) / 60_000).toFixed(1)} min. ` +
    `HTTP: autocannon in the benchmark process, ${connections} connections, ${seconds} s per run after ${warmup} s warm-up, 127.0.0.1, every server in its own child process.`,
  '',
  ...(figures.length > 0
    ? [
        '### Start-up, memory, layout',
        '',
        sizeTable(figures),
        '',
        '### In-process latency of root fields',
        '',
        latencyTable(figures),
        '',
        '### HTTP throughput',
        '',
        httpTable(figures, connections),
        '',
      ]
    : []),
  ...(figures.some((f) => f.cluster.length > 0)
    ? ['### Cluster workers (reform-graph, `serve --workers N`)', '', clusterTable(figures), '']
    : []),
  ...(layoutLoad ? ['### Query latency while a whole-graph layout runs', '', layoutLoadTable(layoutLoad), ''] : []),
].join('\n');

console.log(section);
const out = resolve(values.out);
if (!existsSync(out))
  writeFileSync(out, '# Benchmarks\n\nWritten by `npm run bench` (bench/run.mts); newest run last.\n\n');
appendFileSync(out, `${section}\n`);
log(`\nappended to ${out}`);
