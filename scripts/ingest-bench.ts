/**
 * Extraction throughput on the corpus and on a 20 kB document: `npx tsx scripts/ingest-bench.ts`.
 * Measured here rather than in a timed unit test, which would flake on a busy machine.
 */
import { resolve } from 'node:path';
import { loadGraphData } from '../src/graph/load.js';
import { serialise, toCandidateFile } from '../src/ingest/candidates.js';
import { extract } from '../src/ingest/extract.js';

const data = resolve(import.meta.dirname, '../graph-data');
const snapshot = loadGraphData(data);
const docs = snapshot.documents();
const run = (text: string, id: string, published = docs[0]?.published) =>
  serialise(toCandidateFile(extract(snapshot, text, { documentId: id, published })));
run(docs[0]?.text ?? '', 'warm-up');

let bytes = 0;
const rounds = 20;
const started = performance.now();
for (let i = 0; i < rounds; i++) {
  for (const d of docs) {
    bytes += Buffer.byteLength(d.text);
    run(d.text, d.id, d.published);
  }
}
const secs = (performance.now() - started) / 1000;
console.log(
  `corpus: ${((rounds * docs.length) / secs).toFixed(1)} documents/s, ${(bytes / 1024 / secs).toFixed(0)} kB/s`,
);

// A 20 kB document: the longest corpus text, padded with another, cut at 20 kB.
const big = docs
  .map((d) => d.text)
  .join('\n')
  .slice(0, 20 * 1024);
const a = run(big, 'big');
// The median of 15 runs: one run on a shared machine measures the neighbours as much as the code.
const times: number[] = [];
let same = true;
for (let i = 0; i < 15; i++) {
  const t0 = performance.now();
  const b = run(big, 'big');
  times.push(performance.now() - t0);
  same &&= a === b;
}
times.sort((x, y) => x - y);
console.log(
  `20 kB document: median ${times[7]?.toFixed(0)} ms (min ${times[0]?.toFixed(0)}, max ${times[14]?.toFixed(0)}); deterministic: ${same}`,
);
