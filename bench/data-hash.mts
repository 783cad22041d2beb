/**
 * What checking a snapshot file against its data costs at start-up: hashing every file the
 * loader reads (graph/data-hash.ts), for a generated corpus of N entities.
 *
 *   npx tsx bench/data-hash.mts                     # 100k entities, corpus in the OS temp dir
 *   npx tsx bench/data-hash.mts --entities 10000 --dir /tmp/corpus-10k
 *
 * Generates the corpus unless DIR already holds one, then times three hashes (the first may
 * read from disk, the rest from the page cache) and prints files, bytes and milliseconds.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { currentBinding, DOCUMENTS_DIR, yamlFilesUnder } from '../src/graph/data-hash.js';
import { generateCorpus } from '../src/graph/generate.js';

const { values } = parseArgs({
  options: { entities: { type: 'string', default: '100000' }, dir: { type: 'string' } },
});
const entities = Number(values.entities);
const dir = values.dir ?? join(tmpdir(), `reform-graph-hash-${entities}`);
if (!existsSync(join(dir, DOCUMENTS_DIR))) {
  const started = performance.now();
  generateCorpus({ entities, out: dir, seed: 1 });
  console.log(`generated ${entities} entities in ${dir} (${Math.round(performance.now() - started)} ms)`);
}
// The generator writes each text beside its manifest under documents/: name them as the
// loader's binding does, so the figure covers exactly what serve hashes.
const texts = yamlFilesUnder(join(dir, DOCUMENTS_DIR)).map((m) => m.slice(dir.length + 1).replace(/\.ya?ml$/, '.txt'));
for (let run = 1; run <= 3; run++) {
  const started = performance.now();
  const { binding, missing } = currentBinding(dir, { texts });
  const ms = performance.now() - started;
  console.log(
    `run ${run}: ${binding.files} files, ${(binding.bytes / 1024 / 1024).toFixed(1)} MB hashed in ${Math.round(ms)} ms` +
      (missing.length > 0 ? ` (${missing.length} texts missing: the text naming guess is wrong)` : ''),
  );
}
