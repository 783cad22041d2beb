/**
 * Does one costly client hurt everyone? Starts a real `serve` (its own process, loopback, a
 * free port), finds the costliest operation the limits still allow among some candidates (the
 * slowest to answer without a refusal), sends it on 20 connections for 20 s with autocannon,
 * and meanwhile times a cheap `{ __typename }` sent one at a time. Prints the cheap query's
 * p50/p99/max, the costly load's throughput and failures, the server's peak RSS (VmHWM) and
 * whether it crashed.
 *
 *   npx tsx bench/costly-load.mts [--connections 20] [--seconds 20]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '20' }, seconds: { type: 'string', default: '20' } },
});
const CONNECTIONS = Number(values.connections);
const SECONDS = Number(values.seconds);
const ROOT = resolve(import.meta.dirname, '..');
const MINISTRY = 'organ/ministry-of-public-security';
const MINISTER = 'person/minister-of-public-security-2009';

const nested = (id: string, levels: number, leaf: string) => {
  let s = `{ ${leaf} }`;
  for (let i = 0; i < levels; i++) s = `{ ${leaf} neighbors ${s} }`;
  return `entity(id: "${id}") ${s}`;
};
const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** Operations near the limits: list items, document text, traversal size, nesting. */
const CANDIDATES: Record<string, string> = {
  'issue query (refused)': `{ ${nested(MINISTER, 3, '')
    .replace(/\{ {2}\}/, '{ evidence { document { text } } }')
    .replace(/ {2}/g, ' ')} }`,
  'nested neighbors x3, 2 aliases': aliased(2, nested(MINISTRY, 3, 'id')),
  // Single-alias forms: on the 25-document graph the aliased ones above pass a limit.
  'nested neighbors x3': aliased(1, nested(MINISTRY, 3, 'id')),
  'nested neighbors x2 with names': aliased(1, nested(MINISTRY, 2, 'id name kind')),
  'all document texts, 3 aliases': aliased(3, 'documents { id text }'),
  'neighborhood depth 4, limit 500, with evidence, 1 alias': aliased(
    1,
    `neighborhood(ids: ["${MINISTRY}"], depth: 4, limit: 500) { nodes { id name evidence { quote before after } } edges { id type evidence { quote } } }`,
  ),
  'nested neighbors x3 with names, 9 aliases': aliased(9, nested(MINISTRY, 3, 'id name kind')),
  'all document texts, 8 aliases': aliased(8, 'documents { id text }'),
  'neighborhood depth 4, limit 500, with evidence': aliased(
    4,
    `neighborhood(ids: ["${MINISTRY}"], depth: 4, limit: 500) { nodes { id name evidence { quote before after } } edges { id type evidence { quote } } }`,
  ),
  'entities page of 100 with relations and evidence': aliased(
    3,
    'entities(first: 100) { edges { node { id name evidence { quote before after } relations(first: 20) { edges { node { id evidence { quote } } } } } } }',
  ),
};
const CHEAP = '{ __typename }';

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

const port = await freePort();
const url = `http://127.0.0.1:${port}/graphql`;
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--host', '127.0.0.1'],
  {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
let crashed: string | undefined;
child.on('exit', (code, signal) => {
  crashed ??= `exited ${code ?? signal}`;
});
child.stderr?.on('data', () => {});

const post = async (query: string) => {
  const at = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { ms: performance.now() - at, status: res.status, bytes: text.length, body: text };
};

const startBy = Date.now() + 120_000;
for (;;) {
  if (crashed) throw new Error(`serve ${crashed} before it was ready`);
  if (Date.now() > startBy) throw new Error('serve did not become ready in 120 s');
  const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 250));
}

console.log('candidates (second request, after compiling):');
let costliest: { name: string; query: string; ms: number } | undefined;
for (const [name, query] of Object.entries(CANDIDATES)) {
  await post(query);
  const a = await post(query);
  const refused = /"code":"LIMIT_EXCEEDED"/.exec(a.body) ? (/"limit":"(\w+)"/.exec(a.body)?.[1] ?? 'refused') : null;
  console.log(`  ${name}: ${Math.round(a.ms)} ms, ${a.bytes} bytes${refused ? `, refused (${refused})` : ''}`);
  if (!refused && a.status === 200 && (!costliest || a.ms > costliest.ms)) costliest = { name, query, ms: a.ms };
}
if (!costliest) {
  // Stop the server this script started before failing, or it outlives the benchmark.
  child.kill('SIGTERM');
  throw new Error('every candidate was refused');
}
console.log(`costliest allowed: ${costliest.name} (${Math.round(costliest.ms)} ms alone)`);

// The cheap client: one request at a time, a little apart, for the whole run.
const cheap: number[] = [];
let cheapFailures = 0;
let loading = true;
const cheapLoop = (async () => {
  while (loading) {
    try {
      const r = await post(CHEAP);
      if (r.status === 200) cheap.push(r.ms);
      else cheapFailures++;
    } catch {
      cheapFailures++;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
})();

const load = await new Promise<Result>((done, fail) => {
  autocannon(
    {
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 30,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: costliest.query }),
    },
    (err, result) => (err ? fail(err) : done(result)),
  );
});
loading = false;
await cheapLoop;

const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const peakRssMb = Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
child.kill('SIGKILL');

cheap.sort((a, b) => a - b);
const pct = (p: number) => cheap[Math.min(cheap.length - 1, Math.floor((p / 100) * cheap.length))] ?? Number.NaN;
const r1 = (n: number) => Math.round(n * 10) / 10;
console.log(
  `costly load: ${CONNECTIONS} connections x ${SECONDS} s: ${load.requests.total} answers (${r1(load.requests.average)}/s), ` +
    `p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx`,
);
console.log(
  `cheap query during it: ${cheap.length} answers, p50 ${r1(pct(50))} ms, p99 ${r1(pct(99))} ms, max ${r1(cheap.at(-1) ?? Number.NaN)} ms, ${cheapFailures} failures`,
);
console.log(`server: peak RSS ${peakRssMb} MB, ${crashed ? `crashed (${crashed})` : '0 crashes'}`);
process.exit(0);
