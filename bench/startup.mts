/**
 * Start-up against the baseline, each in a fresh process so RSS is that process's
 * own: (a) what `serve` does with a snapshot file (decode, build the graph and indices,
 * prepare the traversal views), (b) graphology's own JSON import of the same graph.
 *
 *   npx tsx bench/startup.mts FILE.snapshot     # prints a Markdown table
 *   node --expose-gc --import tsx bench/startup.mts FILE.snapshot   # heap after a full GC too
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MultiDirectedGraph } from 'graphology';
import { readSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';

const [mode = '', file = ''] = process.argv.slice(2);
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);
/** Live heap after a full collection when run with --expose-gc (what the snapshot keeps), else as is. */
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
};
const since = (t: number) => Math.round(performance.now() - t);

function child(args: string[]): Record<string, number> {
  const res = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const last = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.status !== 0 || !last.startsWith('{')) throw new Error(`${args[0]} failed: ${res.stderr.slice(-500)}`);
  return JSON.parse(last) as Record<string, number>;
}

if (mode === '--snapshot') {
  let t = performance.now();
  const snapshot = readSnapshotFile(file);
  const loadMs = since(t);
  t = performance.now();
  prepareTraversal(snapshot);
  const prepareMs = since(t);
  console.log(JSON.stringify({ loadMs, prepareMs, rssMb: rssMb(), heapMb: heapMb(), nodes: snapshot.graph.order }));
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
