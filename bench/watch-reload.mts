/**
 * `serve --watch` under an edit (issue 20, item 3): starts a server on a generated corpus,
 * sends entity lookups at a modest steady rate with autocannon, edits one knowledge file
 * (renames one entity), and prints how long until the edit is served (/health reports the new
 * version, or a problem) and the lookup latencies before and during the reload.
 *
 *   npx tsx bench/watch-reload.mts --data DIR [--snapshot FILE] [--entities N]
 *        [--root DIR_OF_A_CHECKOUT] [--port 46010] [--rate 100] [--connections 10]
 *        [--node-args="--cpu-prof --cpu-prof-dir=DIR"]
 *
 * --data is generated (`reform-graph generate`) when it does not exist. --root runs another
 * checkout's sources (e.g. `git archive` of the commit before, with node_modules linked) to
 * measure the code before a change. The edited file is restored at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateCorpus } from '../src/graph/generate.js';
import { LOOKUP } from './operations.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    snapshot: { type: 'string' },
    entities: { type: 'string', default: '100000' },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
    port: { type: 'string', default: '46010' },
    rate: { type: 'string', default: '100' },
    connections: { type: 'string', default: '10' },
    /** Extra node flags for the server, space-separated (e.g. --node-args="--cpu-prof --cpu-prof-dir=DIR": the = is needed). */
    'node-args': { type: 'string', default: '' },
    /** Longest wait for the edit to be served. */
    'timeout-s': { type: 'string', default: '1800' },
  },
});
const dataDir = resolve(values.data ?? `/tmp/reform-graph-watch-${values.entities}`);
const root = resolve(values.root);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const log = (line: string) => console.error(`[watch-reload] ${line}`);

if (!existsSync(dataDir)) {
  log(`generating ${values.entities} entities in ${dataDir}`);
  generateCorpus({ entities: Number(values.entities), out: dataDir });
}

/** The first knowledge file, and the first entity name in it. */
function editTarget(): { file: string; text: string; id: string; edited: string } {
  const dir = join(dataDir, 'knowledge');
  const first = (d: string): string => {
    const entry = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    if (!entry) throw new Error(`${d} is empty`);
    return entry.isDirectory() ? first(join(d, entry.name)) : join(d, entry.name);
  };
  const file = first(dir);
  const text = readFileSync(file, 'utf8');
  const id = /\n {2}- id: ([^\n]+)/.exec(text)?.[1]?.trim() ?? '';
  const edited = text.replace(/(\n {4}name: )([^\n]+)/, '$1"Renamed By The Watch Bench"');
  return { file, text, id, edited };
}

async function health(): Promise<{ status: string; version: string } | undefined> {
  try {
    return (await (await fetch(`${base}/health`)).json()) as { status: string; version: string };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const args = [
  ...(values['node-args'] ?? '').split(' ').filter(Boolean),
  '--import',
  tsx,
  join(root, 'src/cli/main.ts'),
  'serve',
  '--watch',
  '--data',
  dataDir,
  '--port',
  `${port}`,
];
args.push('--snapshot', values.snapshot ? resolve(values.snapshot) : join(dataDir, 'none.snapshot'));
log(`starting ${root} serve --watch on ${dataDir}`);
const started = performance.now();
const server: ChildProcess = spawn(process.execPath, args, {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, LOG_LEVEL: 'info' },
});
let output = '';
server.stdout?.on('data', (b: Buffer) => {
  output += b.toString();
});
server.stderr?.on('data', (b: Buffer) => {
  output += b.toString();
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

try {
  let live = await health();
  while (!live) {
    if (server.exitCode !== null) throw new Error(`serve exited: ${output.slice(-2000)}`);
    await sleep(500);
    live = await health();
  }
  log(`listening after ${Math.round(performance.now() - started)} ms, version ${live.version}`);
  // The new code warms its parse cache once listening: wait for it, as an operator's first edit would.
  const warmDeadline = Date.now() + 1_800_000;
  if (existsSync(join(root, 'src/graph/load-offthread.ts'))) {
    while (!output.includes('"warmUp":true') && Date.now() < warmDeadline) await sleep(1000);
    log(`parse cache warm after ${Math.round(performance.now() - started)} ms`);
  }
  const target = editTarget();
  const body = JSON.stringify({ ...LOOKUP, variables: { id: target.id } });
  /** Completion time (ms since start) and latency of every response. */
  const responses: { at: number; ms: number }[] = [];
  const cannon = autocannon(
    {
      url: `${base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: Number(values.connections),
      overallRate: Number(values.rate),
      duration: 36_000,
      timeout: 600,
    },
    () => {},
  );
  cannon.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    responses.push({ at: performance.now(), ms });
  });
  await sleep(10_000);
  const edited = performance.now();
  writeFileSync(target.file, target.edited);
  log(`edited ${target.file}`);
  let served: number | undefined;
  let how = '';
  const deadline = edited + Number(values['timeout-s']) * 1000;
  while (performance.now() < deadline) {
    const h = await health();
    if (h && h.version !== live.version) {
      served = performance.now();
      how = 'new version served';
      break;
    }
    if (h && h.status !== 'ok') {
      served = performance.now();
      how = `status ${h.status}`;
      break;
    }
    await sleep(100);
  }
  await sleep(2_000);
  cannon.stop();
  writeFileSync(target.file, target.text);
  const pct = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length === 0
      ? Number.NaN
      : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  };
  const summary = (label: string, xs: number[]) =>
    `| ${label} | ${xs.length} | ${pct(xs, 50)} | ${pct(xs, 99)} | ${xs.length ? Math.max(...xs) : Number.NaN} |`;
  const end = served ?? performance.now();
  const before = responses.filter((r) => r.at < edited).map((r) => r.ms);
  const during = responses.filter((r) => r.at >= edited && r.at <= end + 1_000).map((r) => r.ms);
  // Every reload's line, the warm-up's included: a reload before the edit's would delay it.
  const timings = output
    .split('\n')
    .filter((l) => l.includes('reload timings'))
    .join('\n');
  console.log(
    [
      `root ${root}, data ${dataDir}, ${values.rate} req/s on ${values.connections} connections (lookup)`,
      `time to served: ${served === undefined ? `not within ${values['timeout-s']} s` : `${Math.round(served - edited)} ms (${how})`}`,
      '',
      '| lookups | n | p50 (ms) | p99 (ms) | max (ms) |',
      '| --- | ---: | ---: | ---: | ---: |',
      summary('10 s before the edit', before),
      summary('from the edit until served (+1 s)', during),
      '',
      timings ? `server timings:\n${timings}` : 'server timings: (none logged)',
    ].join('\n'),
  );
} finally {
  stop();
  // Wait for it to exit: a profiling server (--node-args --cpu-prof) writes its profile then.
  if (server.exitCode === null) {
    await Promise.race([new Promise((r) => server.once('exit', r)), sleep(120_000)]);
  }
}
process.exit(0);
