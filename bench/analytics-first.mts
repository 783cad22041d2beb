/**
 * The whole-graph analytics a first `centrality` or `communities` call computes, step by step
 * on one snapshot file, in wall and CPU time of this process (the machine is shared: CPU is the
 * figure that does not depend on the neighbours), then, where this version has it, serve's
 * off-thread warm-up (prepareAnalytics): its wall time, and the longest the event loop was held
 * meanwhile (what a request arriving then would wait beyond its own work).
 *
 *   node --expose-gc --import tsx bench/analytics-first.mts SNAPSHOT_FILE
 */
import * as analytics from '../src/graph/analytics.js';
import { readSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';

const file = process.argv[2];
if (!file) throw new Error('usage: analytics-first.mts SNAPSHOT_FILE');

function step<T>(name: string, run: () => T): T {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  console.log(
    `${name.padEnd(30)} wall ${(performance.now() - t).toFixed(0).padStart(7)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms`,
  );
  return value;
}

const snapshot = step('snapshot load', () => readSnapshotFile(file));
step('prepareTraversal', () => prepareTraversal(snapshot));
globalThis.gc?.();
const view = step('entity view', () => analytics.entityView(snapshot));
step('centrality DEGREE (on demand)', () => analytics.centrality(snapshot));
const warmUp = (analytics as { prepareAnalytics?: (s: typeof snapshot) => Promise<void> }).prepareAnalytics;
if (warmUp) {
  // Off-thread: the event loop is sampled every 10 ms; its longest gap is what it was held.
  let last = performance.now();
  let held = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    held = Math.max(held, now - last);
    last = now;
  }, 10);
  const t = performance.now();
  await warmUp(snapshot);
  clearInterval(sampler);
  console.log(
    `${'communities (worker warm-up)'.padEnd(30)} wall ${(performance.now() - t).toFixed(0).padStart(7)} ms  event loop held at most ${held.toFixed(0)} ms`,
  );
} else {
  step('communities (on demand)', () => analytics.communities(snapshot));
}
console.log(
  JSON.stringify({ entities: view.order, viewEdges: view.size, communities: analytics.communities(snapshot).length }),
);
