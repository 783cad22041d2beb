/**
 * The search-index phase of `build` alone (issue 20): loads a snapshot file, then serialises its
 * full-text frames one way, and prints the phase's time and memory. Run each mode in its own
 * process (peak RSS is per process: take `/usr/bin/time -v`'s maximum minus "rss after load").
 *
 *   node --expose-gc --import tsx bench/index-write.mts FILE none     # records only
 *   node --expose-gc --import tsx bench/index-write.mts FILE writer   # index-writer.ts (build today)
 *   node --expose-gc --import tsx bench/index-write.mts FILE tojson   # MiniSearch + toJSON (build before)
 *
 * `tojson` is the code `build` ran before index-writer.ts: both MiniSearch indexes built and
 * compacted, `toJSON()` of each, then every row through `JSON.stringify` into 4 MB frames
 * (here counted, not written).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Snapshot } from '../src/graph/snapshot.js';
import { readSnapshotInput, writeSnapshotFile } from '../src/graph/snapshot-file.js';

const [file, mode = 'writer'] = process.argv.slice(2);
if (!file || !['none', 'writer', 'tojson'].includes(mode)) {
  console.error('usage: index-write.mts SNAPSHOT_FILE none|writer|tojson');
  process.exit(2);
}
const mb = (b: number) => Math.round(b / 1024 / 1024);
const gc = (globalThis as { gc?: () => void }).gc;

// The file's own indexes are left unread: the snapshot must build them as `build` does.
const { header: _h, indexes: _i, ...input } = readSnapshotInput(file);
const snapshot = new Snapshot(input);
gc?.();
const before = process.memoryUsage();
console.log(
  `rss after load ${mb(before.rss)} MB, heap ${mb(before.heapUsed)} MB (${snapshot.entities().length} entities)`,
);

let peakRss = before.rss;
let peakHeap = before.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'index-write-'));
let bytes = 0;
if (mode === 'tojson') {
  const data = snapshot.searchIndexData();
  sample();
  const { index: entityTerms, ...entityHead } = data.entities;
  const { index: passageTerms, ...passageHead } = data.passages.index;
  bytes += JSON.stringify({
    entities: entityHead,
    passages: { index: passageHead, table: data.passages.table },
  }).length;
  let rows: string[] = [];
  let chunk = 0;
  for (const terms of [entityTerms, passageTerms]) {
    for (const row of terms) {
      const json = JSON.stringify(row);
      rows.push(json);
      chunk += json.length;
      if (chunk >= 4 * 1024 * 1024) {
        bytes += Buffer.byteLength(`[${rows.join(',')}]`);
        rows = [];
        chunk = 0;
        sample();
      }
    }
  }
  bytes += Buffer.byteLength(`[${rows.join(',')}]`);
} else {
  let last = 0;
  bytes = writeSnapshotFile(snapshot, join(dir, 'out.snapshot'), {
    searchIndexes: mode === 'writer',
    onProgress: (p) => {
      sample();
      if (p.done === p.total || performance.now() - last > 10_000) {
        last = performance.now();
        console.log(`  ${p.phase} ${p.done}/${p.total} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    },
  });
}
sample();
const ms = performance.now() - started;
rmSync(dir, { recursive: true, force: true });
console.log(
  `${mode}: ${(ms / 1000).toFixed(1)} s, ${mb(bytes)} MB written; sampled peaks: rss ${mb(peakRss)} MB (+${mb(peakRss - before.rss)}), heap ${mb(peakHeap)} MB (+${mb(peakHeap - before.heapUsed)})`,
);
