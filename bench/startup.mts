/**
 * Start-up against the issue's baseline, each in a fresh process so RSS is that process's
 * own: (a) what `serve` does with a snapshot file (decode, build the graph and indices,
 * prepare the traversal views), (b) graphology's own JSON import of the same graph.
 *
 *   npx tsx bench/startup.mts FILE.snapshot     # prints a Markdown table
 *   node --expose-gc --import tsx bench/startup.mts FILE.snapshot   # heap after a full GC too
 *
 * And `serve` itself, to ready, with the search indexes in the snapshot file (frames S and P,
 * loaded after listening) against the same snapshot without them and without loading search
 * (start-up as it was before the indexes were part of the snapshot); the two alternate, so
 * both see the same machine load:
 *
 *   npx tsx bench/startup.mts --serve FILE.snapshot --data DIR [--reps 3] [--port 43010] [--first-search]
 *
 * At 1M entities graphology's JSON export of the graph exceeds V8's longest string, so the
 * floor is built instead with graphology's addNode/addDirectedEdgeWithKey from the same
 * topology (minimal attributes: kind, name; type), read from a file of chunked JSON lines that
 * a child writes from the snapshot first; each side in a fresh process:
 *
 *   node --expose-gc --import tsx bench/startup.mts --floor FILE.snapshot
 *
 * Variants of the start-up side by side in one run (issue 20's ratio): the floor once, then
 * each variant's `--snapshot` child, in turn, `--reps` times (alternating order), each a fresh
 * process. A variant is `label=DIR` (a checkout with node_modules, e.g. a `git archive` of main)
 * plus node flags after commas (`semi64=.,--max-semi-space-size=64`). Beside wall time each
 * prints the process's CPU time (process.cpuUsage: all threads, much less sensitive to a shared
 * machine than wall time) and the main thread's GC pauses (perf_hooks 'gc' entries):
 *
 *   node --expose-gc --import tsx bench/startup.mts --variants FILE.snapshot main=/tmp/main new=. [--reps 2]
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GCProfiler } from 'node:v8';
import { MultiDirectedGraph } from 'graphology';
import { readSnapshotFile, writeSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';

const [mode = '', file = ''] = process.argv.slice(2);
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);
/** Live heap after a full collection when run with --expose-gc (what the snapshot keeps), else as is. */
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
};
const since = (t: number) => Math.round(performance.now() - t);

function child(args: string[], dir?: string, flags: string[] = []): Record<string, number> {
  const script = dir ? `${dir}/bench/startup.mts` : fileURLToPath(import.meta.url);
  const res = spawnSync(process.execPath, [...process.execArgv, ...flags, script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    cwd: dir,
  });
  const last = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.status !== 0 || !last.startsWith('{')) throw new Error(`${args[0]} failed: ${res.stderr.slice(-500)}`);
  return JSON.parse(last) as Record<string, number>;
}

interface ServeRun {
  /** Spawn to the first 200 from /ready. */
  readyMs: number;
  /** The server's CPU time by then: on a shared machine, the part of start-up that is its own. */
  readyCpuMs: number;
  /** Spawn to the answer of the first search (which waits for the index to load, or builds it). */
  searchMs: number;
  rssMb: number;
}

/** User + system CPU time of a process, from /proc (clock ticks of 10 ms). */
const cpuOf = (pid: number | undefined) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const rssOf = (pid: number | undefined) =>
  Math.round(Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024);

/** Starts `serve` on a snapshot, times it to ready and to a first search, and stops it. */
/** A port nobody listens on, or an error: a serve that cannot listen stays up and /ready would time someone else's. */
async function freePort(port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise((r) => server.close(r));
  return port;
}

async function serveOnce(
  file: string,
  data: string,
  port: number,
  searchLoad: boolean,
  firstSearch: boolean,
): Promise<ServeRun> {
  await freePort(port);
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--data', data, '--snapshot', file, '--port', String(port), '--host', '127.0.0.1'],
    {
      env: { ...process.env, REFORM_GRAPH_SEARCH_LOAD: searchLoad ? 'on' : 'off', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<never>((_resolve, reject) =>
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`))),
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const [readyMs, readyCpuMs] = await Promise.race([
      exited,
      (async () => {
        for (;;) {
          const ok = await fetch(`${base}/ready`).then(
            (r) => r.ok,
            () => false,
          );
          if (ok) return [performance.now() - started, cpuOf(child.pid)] as const;
          await new Promise((r) => setTimeout(r, 25));
        }
      })(),
    ]);
    // Without the index a first search builds it (a minute at 100k): not what is compared here.
    if (!searchLoad || !firstSearch) return { readyMs, readyCpuMs, searchMs: Number.NaN, rssMb: rssOf(child.pid) };
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ search(query: "public security bureau", first: 1) { score } }' }),
    });
    const body = (await res.json()) as { data?: { search?: unknown[] } };
    if (!body.data?.search) throw new Error(`search failed: ${JSON.stringify(body).slice(0, 300)}`);
    const searchMs = performance.now() - started;
    return { readyMs, readyCpuMs, searchMs, rssMb: rssOf(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r)).catch(() => undefined);
  }
}

async function serveStartup(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      serve: { type: 'string' },
      data: { type: 'string' },
      reps: { type: 'string', default: '3' },
      port: { type: 'string', default: '43010' },
      // Also time the first search, which waits for the index's background load (minutes at 100k).
      'first-search': { type: 'boolean', default: false },
    },
  });
  const withIndex = values.serve ?? '';
  const data = values.data ?? '';
  const bare = `${withIndex}.no-search`;
  if (!existsSync(bare)) child(['--strip', withIndex, bare]);
  const runs: { label: string; r: ServeRun }[] = [];
  const port = Number(values.port);
  for (let rep = 0; rep < Number(values.reps); rep++) {
    // Alternate which goes first, so a trend in the machine's load favours neither.
    const order = rep % 2 === 0 ? [true, false] : [false, true];
    for (const indexed of order) {
      // A port per run: a server still draining must not answer the next one's /ready.
      const r = await serveOnce(indexed ? withIndex : bare, data, port + runs.length, indexed, values['first-search']);
      const label = indexed
        ? 'with the index (frames S, P; loaded after listening)'
        : 'without (no frames, no search load)';
      process.stderr.write(
        `${label}: ready ${Math.round(r.readyMs)} ms (CPU ${r.readyCpuMs} ms), first search ${Math.round(r.searchMs)} ms\n`,
      );
      runs.push({ label, r });
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const lines = [
    '| serve start-up | runs | to /ready (ms), each | median | its CPU to /ready (ms), each | median | first search answered (ms), median | RSS (MB) |',
  ];
  lines.push('| --- | ---: | --- | ---: | --- | ---: | ---: | ---: |');
  const medians: number[] = [];
  const cpuMedians: number[] = [];
  for (const label of [...new Set(runs.map((x) => x.label))]) {
    const of = runs.filter((x) => x.label === label).map((x) => x.r);
    const m = median(of.map((r) => r.readyMs));
    medians.push(m);
    const c = median(of.map((r) => r.readyCpuMs));
    cpuMedians.push(c);
    lines.push(
      `| ${label} | ${of.length} | ${of.map((r) => Math.round(r.readyMs)).join(', ')} | ${Math.round(m)} | ${of.map((r) => r.readyCpuMs).join(', ')} | ${c} | ${of.some((r) => Number.isNaN(r.searchMs)) ? '–' : Math.round(median(of.map((r) => r.searchMs)))} | ${Math.round(median(of.map((r) => r.rssMb)))} |`,
    );
  }
  lines.push(
    `| ratio of medians, with / without | | | ${((medians[0] ?? 0) / (medians[1] ?? 1)).toFixed(3)} | | ${((cpuMedians[0] ?? 0) / (cpuMedians[1] ?? 1)).toFixed(3)} | | |`,
  );
  console.log(lines.join('\n'));
}

if (mode === '--serve') {
  await serveStartup(process.argv.slice(2));
} else if (mode === '--strip') {
  // The same snapshot without the search frames.
  writeSnapshotFile(readSnapshotFile(file), process.argv[4] ?? '', { searchIndexes: false });
  console.log('{}');
} else if (mode === '--topology') {
  // Nodes, then edges, as the snapshot inserts them; a line is a JSON array of up to 10,000.
  const snapshot = readSnapshotFile(file);
  const out = createWriteStream(process.argv[4] ?? '');
  const write = (line: string) =>
    out.write(`${line}\n`) ? undefined : new Promise<void>((r) => out.once('drain', () => r()));
  let chunk: unknown[] = [];
  const flush = async (tag: string) => {
    if (chunk.length > 0) await write(JSON.stringify([tag, chunk]));
    chunk = [];
  };
  for (const key of snapshot.graph.nodes()) {
    const attrs = snapshot.graph.getNodeAttributes(key) as { kind?: string; name?: string; title?: string };
    chunk.push([key, attrs.kind, attrs.name ?? attrs.title ?? '']);
    if (chunk.length === 10_000) await flush('n');
  }
  await flush('n');
  for (const key of snapshot.graph.edges()) {
    const g = snapshot.graph;
    chunk.push([key, g.source(key), g.target(key), (g.getEdgeAttributes(key) as { type: string }).type]);
    if (chunk.length === 10_000) await flush('e');
  }
  await flush('e');
  await new Promise((r) => out.end(r));
  console.log('{}');
} else if (mode === '--floor-build') {
  // The floor: graphology's own insertion of the same topology, parse of the lines included
  // (as the JSON import at 100k includes JSON.parse); addMs is the insertion alone.
  const t = performance.now();
  const cpu = process.cpuUsage();
  const graph = new MultiDirectedGraph();
  let addMs = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const [tag, items] = JSON.parse(line) as ['n' | 'e', string[][]];
    const a = performance.now();
    if (tag === 'n') for (const [key, kind, name] of items) graph.addNode(key, { kind, name });
    else for (const [key, source, target, type] of items) graph.addDirectedEdgeWithKey(key, source, target, { type });
    addMs += performance.now() - a;
  }
  const loadMs = since(t);
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      loadMs,
      cpuMs: Math.round((used.user + used.system) / 1000),
      addMs: Math.round(addMs),
      rssMb: rssMb(),
      heapMb: heapMb(),
      nodes: graph.order,
      edges: graph.size,
    }),
  );
} else if (mode === '--floor') {
  const topology = `${file}.topology.jsonl`;
  child(['--topology', file, topology]);
  const theirs = child(['--floor-build', topology]);
  rmSync(topology, { force: true });
  const ours = child(['--snapshot', file]);
  const ourMs = (ours.loadMs ?? 0) + (ours.prepareMs ?? 0);
  console.log(
    [
      '| start-up | nodes | ready (ms) | RSS (MB) | heap (MB) |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| snapshot file (load ${ours.loadMs} ms + adjacency ${ours.prepareMs} ms) | ${ours.nodes} | ${ourMs} | ${ours.rssMb} | ${ours.heapMb} |`,
      `| graphology addNode/addEdge, same topology (floor; insertion alone ${theirs.addMs} ms), ${theirs.edges} edges | ${theirs.nodes} | ${theirs.loadMs} | ${theirs.rssMb} | ${theirs.heapMb} |`,
      `| ratio, ours / floor | | ${(ourMs / (theirs.loadMs ?? 1)).toFixed(2)}x | ${((ours.rssMb ?? 0) / (theirs.rssMb ?? 1)).toFixed(2)}x | ${((ours.heapMb ?? 0) / (theirs.heapMb ?? 1)).toFixed(2)}x |`,
    ].join('\n'),
  );
} else if (mode === '--variants') {
  await variants(process.argv.slice(3));
} else if (mode === '--snapshot') {
  // The main thread's GC time (pauses and its share of marking), in µs per collection.
  const gcs = new GCProfiler();
  gcs.start();
  const cpu = process.cpuUsage();
  let t = performance.now();
  const snapshot = readSnapshotFile(file);
  const loadMs = since(t);
  t = performance.now();
  prepareTraversal(snapshot);
  const prepareMs = since(t);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  const rss = rssMb();
  const gcMs = gcs.stop().statistics.reduce((sum, s) => sum + s.cost, 0) / 1000;
  console.log(
    JSON.stringify({
      loadMs,
      prepareMs,
      cpuMs,
      gcMs: Math.round(gcMs),
      rssMb: rss,
      heapMb: heapMb(),
      nodes: snapshot.graph.order,
    }),
  );
} else if (mode === '--export') {
  // graphology's own serialisation of the same graph the snapshot builds.
  writeFileSync(process.argv[4] ?? '', JSON.stringify(readSnapshotFile(file).graph.export()));
  console.log('{}');
} else if (mode === '--graphology') {
  const t = performance.now();
  const graph = MultiDirectedGraph.from(JSON.parse(readFileSync(file, 'utf8')));
  const loadMs = since(t);
  console.log(JSON.stringify({ loadMs, rssMb: rssMb(), heapMb: heapMb(), nodes: graph.order }));
} else {
  const snapshotFile = mode;
  const json = `${snapshotFile}.graphology.json`;
  const ours = child(['--snapshot', snapshotFile]);
  child(['--export', snapshotFile, json]);
  const theirs = child(['--graphology', json]);
  rmSync(json, { force: true });
  const ourMs = (ours.loadMs ?? 0) + (ours.prepareMs ?? 0);
  console.log(
    [
      '| start-up | nodes | time (ms) | RSS (MB) | heap (MB) |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| snapshot file (load ${ours.loadMs} ms + traversal views ${ours.prepareMs} ms) | ${ours.nodes} | ${ourMs} | ${ours.rssMb} | ${ours.heapMb} |`,
      `| graphology JSON import (baseline) | ${theirs.nodes} | ${theirs.loadMs} | ${theirs.rssMb} | ${theirs.heapMb} |`,
      `| ratio, baseline / ours | | ${((theirs.loadMs ?? 0) / ourMs).toFixed(2)}x | ${((theirs.rssMb ?? 0) / (ours.rssMb ?? 1)).toFixed(2)}x |`,
    ].join('\n'),
  );
}

/** The floor, then each variant's start-up, `reps` times, as one Markdown table with ratios. */
async function variants(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { reps: { type: 'string', default: '1' } },
  });
  const [snapshotFile = '', ...specs] = positionals;
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const topology = `${snapshotFile}.topology.jsonl`;
  child(['--topology', snapshotFile, topology]);
  const floor = child(['--floor-build', topology]);
  rmSync(topology, { force: true });
  process.stderr.write(`floor ${JSON.stringify(floor)} (load average ${load()})\n`);
  const runs = specs.map((spec) => {
    const cut = spec.indexOf('=');
    const label = spec.slice(0, cut);
    const rest = spec.slice(cut + 1);
    const [dir = '.', ...flags] = rest.split(',');
    return { label, dir, flags, results: [] as Record<string, number>[] };
  });
  for (let rep = 0; rep < Number(values.reps); rep++) {
    const order = rep % 2 === 0 ? runs : [...runs].reverse();
    for (const v of order) {
      const r = child(['--snapshot', snapshotFile], v.dir, v.flags);
      process.stderr.write(`${v.label}: ${JSON.stringify(r)} (load average ${load()})\n`);
      v.results.push(r);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
  const lines = [
    `Floor (graphology addNode/addEdge, same topology, ${floor.edges} edges): ${floor.loadMs} ms, CPU ${floor.cpuMs} ms, RSS ${floor.rssMb} MB, heap ${floor.heapMb} MB.`,
    '',
    '| variant | runs | load + adjacency (ms), median | ready / floor | CPU (ms) | CPU / floor CPU | main-thread GC, wall (ms) | GC / ready | RSS at ready (MB) | heap after GC (MB) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const v of runs) {
    const of = (k: string) => median(v.results.map((r) => r[k] ?? 0));
    const ready = median(v.results.map((r) => (r.loadMs ?? 0) + (r.prepareMs ?? 0)));
    lines.push(
      `| ${v.label}${v.flags.length > 0 ? ` (${v.flags.join(' ')})` : ''} | ${v.results.length} | ${of('loadMs')} + ${of('prepareMs')} = ${ready} | ${(ready / (floor.loadMs ?? 1)).toFixed(2)}x | ${of('cpuMs')} | ${(of('cpuMs') / (floor.cpuMs ?? 1)).toFixed(2)}x | ${Math.round(of('gcMs'))} | ${((100 * of('gcMs')) / ready).toFixed(1)}% | ${of('rssMb')} | ${of('heapMb')} |`,
    );
  }
  console.log(lines.join('\n'));
}
