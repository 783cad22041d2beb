/**
 * What one request allocates and what the collector's pauses cost, through yoga.fetch as
 * bench/inprocess.mts --roots calls it: the young generation's growth per call (calls during
 * which a collection ran are left out), the scavenges and their pauses, CPU per call, and, with
 * --sample, which packages and functions allocated the bytes (V8's sampling heap profiler,
 * collected objects included).
 *
 *   node --expose-gc --import tsx bench/alloc-per-call.mts [SNAPSHOT_FILE|-] [--calls N] [--sample]
 *     [--query '{ kinds { kind count } }']...
 *
 * Without a file (or with -) it serves the bundled graph-data.
 */
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { loadGraphData } from '../src/graph/load.js';
import { readSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';
import { pauseCount } from '../src/server/protection.js';
import { createServer } from '../src/server/yoga.js';

const argv = process.argv.slice(2);
const valuesOf = (name: string) => argv.flatMap((a, i) => (argv[i - 1] === name ? [a] : []));
const file = argv[0] && !argv[0].startsWith('--') ? argv[0] : '-';
const calls = Number(valuesOf('--calls')[0] ?? 1000);
const sample = argv.includes('--sample');
const queries = valuesOf('--query');
if (queries.length === 0) queries.push('{ kinds { kind count } }', '{ snapshot { entityCount } }');

const snapshot = file === '-' ? loadGraphData(resolve(import.meta.dirname, '../graph-data')) : readSnapshotFile(file);
prepareTraversal(snapshot);
const yoga = createServer({ snapshot, logging: false });
const call = async (query: string) => {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return response.text();
};
const newSpaceUsed = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;

const pauses: { minor: boolean; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    pauses.push({ minor: kind === 1, ms: e.duration });
  }
}).observe({ entryTypes: ['gc'] });

interface SampleNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: SampleNode[];
}
const session = sample ? new Session() : undefined;
session?.connect();

for (const query of queries) {
  for (let i = 0; i < 100; i++) await call(query);
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 500));
  pauses.length = 0;
  await session?.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const perCall: number[] = [];
  const paused = pauseCount();
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < calls; i++) {
    const before = newSpaceUsed();
    await call(query);
    const after = newSpaceUsed();
    if (after >= before) perCall.push(after - before);
  }
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  await new Promise((r) => setTimeout(r, 50));
  perCall.sort((a, b) => a - b);
  const minor = pauses.filter((p) => p.minor).map((p) => p.ms);
  const major = pauses.filter((p) => !p.minor).map((p) => p.ms);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  console.log(
    `${query}\n  allocated per call: median ${((perCall[perCall.length >> 1] ?? 0) / 1024).toFixed(0)} KB (${perCall.length} of ${calls} calls without a collection)` +
      `\n  CPU per call ${((used.user + used.system) / 1000 / calls).toFixed(2)} ms, wall per call ${(wall / calls).toFixed(2)} ms, load ${loadavg()[0]?.toFixed(1)}, executions paused ${pauseCount() - paused} times` +
      `\n  scavenges ${minor.length} (one per ${(calls / Math.max(1, minor.length)).toFixed(0)} calls), pause total ${sum(minor).toFixed(1)} ms, max ${Math.max(0, ...minor).toFixed(1)} ms; other collections ${major.length}, ${sum(major).toFixed(1)} ms`,
  );
  if (session) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    const byPackage = new Map<string, number>();
    const byFunction = new Map<string, number>();
    const walk = (node: SampleNode) => {
      const url = node.callFrame.url;
      const pkg = url.includes('node_modules/')
        ? (url
            .split('node_modules/')
            .pop()
            ?.split('/')
            .slice(0, url.includes('node_modules/@') ? 2 : 1)
            .join('/') ?? url)
        : url.includes('/src/')
          ? `ours: ${url.split('/src/').pop()}`
          : url.startsWith('node:')
            ? 'node internals'
            : url || '(native)';
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.selfSize);
      const fn = `${node.callFrame.functionName || '(anonymous)'} (${pkg})`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child);
    };
    walk(profile.head as unknown as SampleNode);
    const total = sum([...byPackage.values()]);
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `    ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
        .join('\n');
    console.log(
      `  sampled allocations, ${(total / calls / 1024).toFixed(0)} KB per call:\n${top(byPackage, 12)}\n  by function:\n${top(byFunction, 15)}`,
    );
  }
}
process.exit(0);
