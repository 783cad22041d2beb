/**
 * The relations' id order (snapshot frame A, adjacency.ts `idOrder`): what `build` sorts once.
 * Times the collator sort of every relation id in graph order against the same sort started
 * from `endOrder`'s hint (counting sorts by source rank, type, target rank), in one process,
 * and checks both give the order the snapshot file stored.
 *
 *   node --import tsx bench/relation-order.mts FILE.snapshot
 *
 * Prints CPU seconds (process.cpuUsage) and collator comparisons for each.
 */
import { compareIds, endOrder, idOrder } from '../src/graph/adjacency.js';
import { readSnapshotFile } from '../src/graph/snapshot-file.js';

const file = process.argv[2];
if (!file) throw new Error('usage: relation-order.mts FILE.snapshot');
const snapshot = readSnapshotFile(file);
const stored = snapshot.relationOrder;
const ids = snapshot.graph.edges();
const columns = snapshot.records.relations;
const nodeIds = [...columns.nodeIds].sort(compareIds);
const rank = new Map(nodeIds.map((id, i) => [id, i]));
const rankByIndex = Int32Array.from(columns.nodeIds, (id) => rank.get(id) ?? -1);
const m = ids.length;
const source = Int32Array.from({ length: m }, (_, e) => rankByIndex[columns.source[e] as number] as number);
const target = Int32Array.from({ length: m }, (_, e) => rankByIndex[columns.target[e] as number] as number);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let comparisons = 0;
const counting = (a: string, b: string) => {
  comparisons++;
  return compareIds(a, b);
};
const plainIds = ids.map((id) => id);
// Count through a wrapper only for the count; the timed runs use compareIds itself.
const timed = (label: string, run: () => Uint32Array) => {
  const t = cpu();
  const order = run();
  const took = cpu() - t;
  const same = stored ? order.every((v, i) => v === stored[i]) : 'no stored order';
  console.log(`${label}: ${took.toFixed(2)} s CPU, same as the file's: ${same}`);
  return took;
};
console.log(
  `${m} relations, ${nodeIds.length} nodes, load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const plain = timed('plain sort (graph order)', () => idOrder(plainIds));
let hint: Int32Array | undefined;
const hinted = timed('endOrder hint + sort', () => {
  hint = endOrder(source, columns.type, target, nodeIds.length);
  return idOrder(plainIds, hint);
});
const t = cpu();
endOrder(source, columns.type, target, nodeIds.length);
console.log(`  of which endOrder: ${(cpu() - t).toFixed(2)} s CPU`);
console.log(`ratio plain / hinted: ${(plain / hinted).toFixed(1)}x`);
// Comparisons, outside the timings.
Array.from({ length: m }, (_, i) => i).sort((a, b) => counting(ids[a] as string, ids[b] as string) || a - b);
const plainCount = comparisons;
comparisons = 0;
Array.from(hint ?? []).sort((a, b) => counting(ids[a] as string, ids[b] as string) || a - b);
console.log(`collator comparisons: plain ${plainCount}, hinted ${comparisons} (${m} relations)`);
