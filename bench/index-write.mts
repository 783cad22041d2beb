/**
 * The search-index phase of `build` alone (issue 20): loads a snapshot file, then serialises its
 * full-text frames one way, and prints the phase's time and memory. Run each mode in its own
 * process (peak RSS is per process: take `/usr/bin/time -v`'s maximum minus "rss after load").
 *
 *   node --expose-gc --import tsx bench/index-write.mts FILE none     # records only
 *   node --expose-gc --import tsx bench/index-write.mts FILE writer   # index-writer.ts (build today)
 *   node --expose-gc --import tsx bench/index-write.mts FILE tojson   # MiniSearch + toJSON (build before)
 *   node --expose-gc --import tsx bench/index-write.mts FILE breakdown  # heap after GC at each step of tojson
 *
 * `tojson` is the code `build` ran before index-writer.ts: both MiniSearch indexes built and
 * compacted, `toJSON()` of each, then every row through `JSON.stringify` into 4 MB frames
 * (here counted, not written).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { compactIndex } from '../src/graph/compact-index.js';
import { IndexWriter } from '../src/graph/index-writer.js';
import { cutPassages, indexOptions as passageOptions } from '../src/graph/passages.js';
import { indexOptions as entityOptions } from '../src/graph/search.js';
import { Snapshot } from '../src/graph/snapshot.js';
import { readSnapshotInput, writeSnapshotFile } from '../src/graph/snapshot-file.js';

const [file, mode = 'writer'] = process.argv.slice(2);
if (!file || !['none', 'writer', 'tojson', 'breakdown'].includes(mode)) {
  console.error('usage: index-write.mts SNAPSHOT_FILE none|writer|tojson|breakdown');
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
if (mode === 'breakdown') {
  // What each form of the entity and passage indexes holds, heap after a full GC (MB over load).
  const held: unknown[] = [];
  const step = (what: string, keep: unknown) => {
    held.push(keep);
    gc?.();
    const m = process.memoryUsage();
    console.log(
      `  ${what}: heap +${mb(m.heapUsed - before.heapUsed)} MB, array buffers +${mb(m.arrayBuffers - before.arrayBuffers)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  };
  const entities = snapshot.entities();
  const documents = snapshot.documents();
  const texts: string[] = [];
  for (const d of documents) {
    const cuts = cutPassages(d.text);
    for (let k = 0; k < cuts.length; k += 2) texts.push(d.text.slice(cuts[k], cuts[k + 1]));
  }
  step(`${texts.length} passage texts sliced (MiniSearch path only)`, texts);
  for (const [name, options, n] of [
    ['entity', entityOptions(entities), entities.length],
    ['passage', passageOptions((i) => texts[i] as string), texts.length],
  ] as const) {
    const ms = new MiniSearch(options);
    ms.addAll(Array.from({ length: n }, (_v, i) => i));
    step(`${name}: MiniSearch maps after addAll`, ms);
    compactIndex(ms);
    step(`${name}: compacted (typed arrays)`, ms);
    const json = ms.toJSON();
    step(`${name}: + toJSON() plain objects (${json.index.length} terms)`, json);
    const rows = json.index.map((r) => JSON.stringify(r));
    step(`${name}: + every row as a JSON string`, rows);
  }
  held.length = 0;
  step('all dropped', null);
  step('all dropped, again', null);
  for (const [name, options, n] of [
    ['entity', entityOptions(entities), entities.length],
    ['passage', passageOptions((i) => texts[i] as string), texts.length],
  ] as const) {
    const w = new IndexWriter(options);
    for (let i = 0; i < n; i++) w.add();
    step(`${name}: IndexWriter after add (flat postings, term map)`, w);
  }
} else if (mode === 'tojson') {
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
