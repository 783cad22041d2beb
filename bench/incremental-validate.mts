/**
 * Incremental validation in one process (issue 20, item 3): what a watching server's worker
 * does per edit, with and without the cross-file checks' memo (ParseCache.checks, `--toggle
 * memo`) or the file stamps (ParseCache.stamps: unchanged files not read, `--toggle stamps`,
 * the default), side by side in one run. Each row is one validateRecords over the whole corpus with a warm parse
 * cache; wall and CPU time (process.cpuUsage, less sensitive to a shared machine) are printed.
 *
 *   npx tsx bench/incremental-validate.mts --data DIR [--entities N] [--toggle stamps|memo]
 *
 * --data is generated (`reform-graph generate`) when it does not exist. The edited files are
 * restored at the end.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from '../src/graph/generate.js';
import { ParseCache, validateRecords } from '../src/graph/load.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    entities: { type: 'string', default: '10000' },
    toggle: { type: 'string', default: 'stamps' },
  },
});
const dataDir = resolve(values.data ?? `/tmp/reform-graph-validate-${values.entities}`);
if (!existsSync(dataDir)) generateCorpus({ entities: Number(values.entities), out: dataDir });

const first = (d: string): string => {
  const entry = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  if (!entry) throw new Error(`${d} is empty`);
  return entry.isDirectory() ? first(join(d, entry.name)) : join(d, entry.name);
};
const knowledgeFile = first(join(dataDir, 'knowledge'));
const knowledgeText = readFileSync(knowledgeFile, 'utf8');
const documentText = readdirSync(join(dataDir, 'documents'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.txt'))
  .sort()[0];
if (!documentText) throw new Error('no document text');
const documentFile = join(dataDir, 'documents', documentText);
const documentBefore = readFileSync(documentFile, 'utf8');

const toggle = values.toggle === 'memo' ? 'memo' : 'stamps';

function timed(label: string, cache: ParseCache, on: boolean): string {
  const memo = toggle === 'stamps' || on;
  cache.checks.disabled = !memo;
  cache.stampsDisabled = toggle === 'stamps' && !on;
  const parses = cache.parses;
  const reads = cache.reads;
  const misses = cache.checks.misses;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { input, problems } = validateRecords(dataDir, { cache });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const rechecked = memo ? `${cache.checks.misses - misses}` : 'all';
  return `| ${label} | ${on ? 'yes' : 'no'} | ${cache.reads - reads} | ${cache.parses - parses} | ${rechecked} | ${Math.round(ms)} | ${Math.round((used.user + used.system) / 1000)} | ${input ? `${input.entities.length} / ${input.relations.length}` : `${problems.length} problems`} |`;
}

const cache = new ParseCache();
const rows = [timed('first load (cold parse cache)', cache, true)];
const edits: [string, () => void][] = [
  ['nothing changed', () => {}],
  [
    'one entity renamed (one knowledge file)',
    () => writeFileSync(knowledgeFile, knowledgeText.replace(/(\n {4}name: )([^\n]+)/, '$1"Renamed By The Bench"')),
  ],
  [
    'one entity id changed (references to it dangle)',
    () => writeFileSync(knowledgeFile, knowledgeText.replace(/(\n {2}- id: [^\n]+)/, '$1-gone')),
  ],
  ['one document text edited (offsets shift)', () => writeFileSync(documentFile, `Edited. ${documentBefore}`)],
];
try {
  for (const [label, apply] of edits) {
    writeFileSync(knowledgeFile, knowledgeText);
    writeFileSync(documentFile, documentBefore);
    // Warm for this state first, so both rows below see the same parse cache.
    validateRecords(dataDir, { cache });
    apply();
    // Without the memo (stamps) first: it leaves the memo as it was, so the other row is an edit's real cost.
    rows.push(timed(label, cache, false));
    // The memo row must see the edit as new: undo and redo it with a load in between.
    writeFileSync(knowledgeFile, knowledgeText);
    writeFileSync(documentFile, documentBefore);
    validateRecords(dataDir, { cache });
    apply();
    rows.push(timed(label, cache, true));
  }
} finally {
  writeFileSync(knowledgeFile, knowledgeText);
  writeFileSync(documentFile, documentBefore);
}
console.log(
  [
    `data ${dataDir}; node ${process.version}; load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    '',
    `| edit | ${toggle} | files read | files parsed | elements re-checked | wall (ms) | CPU (ms) | entities / relations |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n'),
);
