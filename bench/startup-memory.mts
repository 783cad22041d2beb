/**
 * Where a started store's memory goes: loads a snapshot file as `serve` does (read the file,
 * build the graph, prepare the traversal adjacency) under V8's sampling heap profiler, then
 * prints after a full collection (a) process.memoryUsage and the V8 heap spaces, (b) the live
 * heap by allocation site (the profiler's samples of what is still reachable), largest first.
 *
 *   node --expose-gc --import tsx bench/startup-memory.mts FILE.snapshot [--top 30]
 *
 * The sampled sizes are estimates (one sample per ~32 KB allocated, scaled); they add up to
 * about the heap used. RSS minus the heap is what lives outside V8's heap (Buffers, malloc,
 * code, and pages V8 or malloc keep after the load's peak).
 */
import { Session } from 'node:inspector';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
import { readSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' } },
});
const file = positionals[0] ?? '';
const mb = (n: number) => (n / 1_048_576).toFixed(1);

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const session = new Session();
session.connect();
const post = <T,>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) =>
    session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))),
  );

await post('HeapProfiler.enable');
await post('HeapProfiler.startSampling', { samplingInterval: 32768 });
const started = performance.now();
const snapshot = readSnapshotFile(file);
const loadMs = performance.now() - started;
prepareTraversal(snapshot);
const readyMs = performance.now() - started;
(globalThis as { gc?: () => void }).gc?.();
(globalThis as { gc?: () => void }).gc?.();
const { profile } = await post<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling');
const usage = process.memoryUsage();

const short = (url: string) => url.replace(/^.*\/node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/');
/** Live bytes per allocation site, and per site with its nearest caller of ours (src/). */
const bySite = new Map<string, number>();
const walk = (node: ProfileNode, ours: string) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const here = `${functionName || '(anonymous)'} ${short(url)}:${lineNumber + 1}`;
  const nextOurs = url.includes('/src/') ? here : ours;
  if (node.selfSize > 0) {
    const key = url.includes('/src/') ? here : `${here}  <- ${ours}`;
    bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child, nextOurs);
};
walk(profile.head, '(root)');
const total = [...bySite.values()].reduce((a, b) => a + b, 0);

console.log(`${file}: ${snapshot.graph.order} nodes, ${snapshot.graph.size} edges`);
console.log(`load ${Math.round(loadMs)} ms, ready ${Math.round(readyMs)} ms`);
console.log(
  `rss ${mb(usage.rss)} MB, heapTotal ${mb(usage.heapTotal)}, heapUsed ${mb(usage.heapUsed)}, external ${mb(usage.external)} (arrayBuffers ${mb(usage.arrayBuffers)})`,
);
console.log('\nV8 heap spaces (MB): used / committed');
for (const s of getHeapSpaceStatistics()) {
  console.log(`  ${s.space_name.padEnd(24)} ${mb(s.space_used_size).padStart(8)} / ${mb(s.space_size)}`);
}
console.log(`\nlive heap by allocation site (sampled, ${mb(total)} MB in all):`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`${mb(bytes).padStart(8)} MB  ${site}`);
}
// Keep the snapshot reachable until here, so the profile sees it live.
if (snapshot.graph.order < 0) console.log('unreachable');
