/**
 * A bounded load and soak run against the real server, on 127.0.0.1 only; it stops by itself.
 *
 *   npx tsx scripts/load.mts [--connections 100] [--duration 60] [--warmup 60]
 *
 * The server runs in a child process (`node --import tsx src/cli/main.ts serve --port 0`), so
 * the RSS reported is the server's alone, not the load generator's. Each of `connections`
 * workers sends one request at a time over Node's fetch (undici, keep-alive), drawing from a
 * mix of entity lookups, searches, neighbourhoods, paths, timelines and entity pages. A
 * warm-up (default 60 s) runs the same mix first.
 *
 * The leak check reads the heap that survives a full collection: the server runs with
 * `--inspect=127.0.0.1:0`, and at the end of the warm-up and of the run, with no request in
 * flight, the script asks it over the DevTools protocol for a full GC and the heap then in use.
 * RSS is still sampled every 0.5 s and printed, but not judged: under load it saw-tooths with
 * V8's heap growth, and peak-to-peak growth over six CI runs ranged from -21% to +24% with no
 * leak, so it passed or failed by when a collection fell. Exits 1 when any request failed
 * (non-200 or GraphQL errors) or the live heap grew by 10% or more.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const ROOT = resolve(import.meta.dirname, '..');
const MAX_LIVE_HEAP_GROWTH = 0.1;

interface Options {
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '100' },
      duration: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '60' },
    },
  });
  const positive = (name: string, raw: string | undefined) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
    return n;
  };
  return {
    connections: Math.round(positive('connections', values.connections)),
    durationS: positive('duration', values.duration),
    warmupS: positive('warmup', values.warmup),
  };
}

// ---------------------------------------------------------------------------------------------
// The server, in a child process.

/** Starts `serve` on a free port and resolves once it prints the port it listens on. */
function startServer(): Promise<{ child: ChildProcess; base: string; inspector: string }> {
  const child = spawn(
    process.execPath,
    ['--inspect=127.0.0.1:0', '--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /localhost:(\d+)\/graphql/.exec(out)?.[1];
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1];
      if (port && inspector) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        done({ child, base: `http://127.0.0.1:${port}`, inspector });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

/** Resident set size of a process in bytes, from /proc (Linux). */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

const RSS_SAMPLE_S = 0.5;

/** RSS sampled through a phase; the last sample is taken when the phase stops. */
function sampleRss(pid: number): { values: number[]; stop: () => void } {
  const values = [rssOf(pid)];
  const timer = setInterval(() => values.push(rssOf(pid)), RSS_SAMPLE_S * 1000);
  return {
    values,
    stop: () => {
      clearInterval(timer);
      values.push(rssOf(pid));
    },
  };
}

/**
 * A full garbage collection in the server, then the heap still in use (MB): what a leak makes
 * grow, free of the saw-tooth. Asked over the DevTools protocol of the server's own inspector.
 */
async function liveHeapMb(inspector: string): Promise<number> {
  const socket = new WebSocket(inspector);
  await new Promise((done, fail) => {
    socket.once('open', done);
    socket.once('error', fail);
  });
  let nextId = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((done, fail) => {
      const id = ++nextId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) fail(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else done(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call('Runtime.getHeapUsage');
    if (typeof usedSize !== 'number') throw new Error('Runtime.getHeapUsage gave no usedSize');
    return usedSize / 1_048_576;
  } finally {
    socket.close();
  }
}

function peakOfLastHalf(values: readonly number[]): number {
  return Math.max(...values.slice(Math.floor(values.length / 2)));
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(forced);
}

// ---------------------------------------------------------------------------------------------
// The query mix. Operation names are fixed and values go in variables, so the server sees a
// handful of operation shapes (as real clients send) rather than one new document per request.

interface Operation {
  readonly name: string;
  readonly query: string;
  readonly variables: (pick: Picker) => Record<string, unknown>;
}

type Picker = <T>(items: readonly T[]) => T;

const SEARCH_TERMS = ['MPS', 'ministry', 'police', 'reform', 'public security', '公安', 'campaign', 'law'];
const DATES = ['2009', '2013', '2015', '2018', '2020-06', '2022', '2023-05-20'];
const KINDS = ['ORGAN', 'REFORM', 'CAMPAIGN', 'OUTCOME', 'PLENARY_SESSION', 'LAW'];

function mix(ids: readonly string[]): readonly Operation[] {
  return [
    {
      name: 'Entity',
      query:
        'query Entity($id: ID!) { entity(id: $id) { id name kind evidence { quote start end document { title } } relations(first: 10) { totalCount edges { node { id type } } } } }',
      variables: (pick) => ({ id: pick(ids) }),
    },
    {
      name: 'Search',
      query: 'query Search($q: String!) { search(query: $q, first: 10) { score matchType entity { id name } } }',
      variables: (pick) => ({ q: pick(SEARCH_TERMS) }),
    },
    {
      name: 'Neighborhood',
      query:
        'query Neighborhood($ids: [ID!]!) { neighborhood(ids: $ids, depth: 2, limit: 100) { truncated nodes { id name } edges { id type } } }',
      variables: (pick) => ({ ids: [pick(ids)] }),
    },
    {
      name: 'Paths',
      query:
        'query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, directed: false, maxLength: 3, first: 5) { length nodes { id } } }',
      // from and to must differ (the server refuses a path from an entity to itself).
      variables: (pick) => {
        const from = pick(ids);
        return { from, to: pick(ids.filter((id) => id !== from)) };
      },
    },
    {
      name: 'Timeline',
      query:
        'query Timeline($from: String) { timeline(from: $from, limit: 50) { date { text precision } dateField entity { id name } } }',
      variables: (pick) => ({ from: pick(DATES) }),
    },
    {
      name: 'EntitiesPage',
      query:
        'query EntitiesPage($kind: EntityKind) { entities(first: 50, kind: $kind) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }',
      variables: (pick) => ({ kind: pick(KINDS) }),
    },
  ];
}

/** A seeded generator (mulberry32), so two runs send the same sequence. */
function picker(seed: number): Picker {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return (items) => items[Math.floor(next() * items.length)] as (typeof items)[number];
}

// ---------------------------------------------------------------------------------------------
// Running.

interface Tally {
  requests: number;
  errors: number;
  readonly latenciesMs: number[];
  readonly firstErrors: string[];
}

async function send(base: string, op: Operation, pick: Picker): Promise<string | undefined> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: op.query, variables: op.variables(pick), operationName: op.name }),
  });
  const text = await response.text();
  if (response.status !== 200) return `${op.name}: HTTP ${response.status} ${text.slice(0, 200)}`;
  const body = JSON.parse(text) as { errors?: { message: string }[] };
  return body.errors?.length ? `${op.name}: ${body.errors[0]?.message}` : undefined;
}

/** One connection's worth of work: a request at a time until the deadline. */
async function worker(base: string, ops: readonly Operation[], seed: number, until: number, tally: Tally) {
  const pick = picker(seed);
  while (performance.now() < until) {
    const op = pick(ops);
    const started = performance.now();
    let problem: string | undefined;
    try {
      problem = await send(base, op, pick);
    } catch (err) {
      problem = `${op.name}: ${(err as Error).message}`;
    }
    tally.latenciesMs.push(performance.now() - started);
    tally.requests++;
    if (problem) {
      tally.errors++;
      if (tally.firstErrors.length < 5) tally.firstErrors.push(problem);
    }
  }
}

async function run(base: string, ops: readonly Operation[], connections: number, seconds: number, seed: number) {
  const tally: Tally = { requests: 0, errors: 0, latenciesMs: [], firstErrors: [] };
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(base, ops, seed + i, until, tally)));
  return { tally, elapsedS: (performance.now() - started) / 1000 };
}

/** Every entity id, page by page, so lookups and paths hit the whole graph. */
async function allIds(base: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'query Ids($after: String) { entities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        variables: { after },
      }),
    });
    const { data } = (await response.json()) as {
      data: { entities: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } };
    };
    ids.push(...data.entities.edges.map((e) => e.node.id));
    after = data.entities.pageInfo.hasNextPage ? data.entities.pageInfo.endCursor : null;
  } while (after);
  return ids;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

interface Memory {
  readonly rssBefore: number;
  readonly rssAfter: number;
  readonly liveBeforeMb: number;
  readonly liveAfterMb: number;
}

function report(o: Options, tally: Tally, elapsedS: number, m: Memory): boolean {
  const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
  const rssGrowth = (m.rssAfter - m.rssBefore) / m.rssBefore;
  const liveGrowth = (m.liveAfterMb - m.liveBeforeMb) / m.liveBeforeMb;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows: [string, string][] = [
    ['connections', String(o.connections)],
    ['duration', `${elapsedS.toFixed(1)} s (after ${o.warmupS} s warm-up)`],
    ['requests', String(tally.requests)],
    ['throughput', `${(tally.requests / elapsedS).toFixed(0)} req/s`],
    ['errors', String(tally.errors)],
    ['p50 latency', `${percentile(sorted, 50).toFixed(1)} ms`],
    ['p99 latency', `${percentile(sorted, 99).toFixed(1)} ms`],
    ['live heap after a full GC, end of warm-up', `${m.liveBeforeMb.toFixed(1)} MB`],
    ['live heap after a full GC, end of run', `${m.liveAfterMb.toFixed(1)} MB`],
    ['live heap growth (judged)', pct(liveGrowth)],
    ['server RSS before (peak, 2nd half of warm-up)', mb(m.rssBefore)],
    ['server RSS after (peak, 2nd half of run)', mb(m.rssAfter)],
    ['RSS growth (shown, not judged)', pct(rssGrowth)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n| ${'metric'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|`);
  for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
  for (const e of tally.firstErrors) console.error(`error: ${e}`);
  const ok = tally.errors === 0 && liveGrowth < MAX_LIVE_HEAP_GROWTH;
  if (!ok) {
    console.error(
      `\nFAIL: ${tally.errors} errors, live heap growth ${pct(liveGrowth)} (limit ${MAX_LIVE_HEAP_GROWTH * 100}%)`,
    );
  }
  return ok;
}

async function main(): Promise<number> {
  const o = options();
  const { child, base, inspector } = await startServer();
  if (child.pid === undefined) throw new Error('server has no pid');
  try {
    const ops = mix(await allIds(base));
    console.log(`server pid ${child.pid} at ${base}; warming up for ${o.warmupS} s…`);
    const warm = sampleRss(child.pid);
    await run(base, ops, o.connections, o.warmupS, 1);
    warm.stop();
    const liveBeforeMb = await liveHeapMb(inspector);
    console.log(`measuring for ${o.durationS} s at ${o.connections} connections…`);
    const measured = sampleRss(child.pid);
    const { tally, elapsedS } = await run(base, ops, o.connections, o.durationS, 100_000);
    measured.stop();
    const liveAfterMb = await liveHeapMb(inspector);
    // The trajectory tells a GC sawtooth (levels off) from a leak (a ramp).
    const trajectory = [...warm.values, ...measured.values].map((v) => (v / 1_048_576).toFixed(0));
    console.log(`server RSS every ${RSS_SAMPLE_S} s through warm-up and run (MB): ${trajectory.join(' ')}`);
    return report(o, tally, elapsedS, {
      rssBefore: peakOfLastHalf(warm.values),
      rssAfter: peakOfLastHalf(measured.values),
      liveBeforeMb,
      liveAfterMb,
    })
      ? 0
      : 1;
  } finally {
    await stopServer(child);
  }
}

process.exitCode = await main();
