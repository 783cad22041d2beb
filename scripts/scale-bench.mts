/**
 * Scale benchmark: generate synthetic corpora, then validate, build, and load them.
 *
 *   npx tsx scripts/scale-bench.mts            # 10k and 100k entities
 *   npx tsx scripts/scale-bench.mts --full     # and 1M (about 5M relations)
 *   npx tsx scripts/scale-bench.mts --sizes 5000 --dir /tmp/x
 *
 * Each measurement that reports memory runs in a fresh child process, so the RSS after
 * loading a snapshot is the server's, not this script's leftovers from generating it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MultiDirectedGraph } from 'graphology';
import { generateCorpus } from '../src/graph/generate.js';
import { validateGraphData } from '../src/graph/load.js';
import { SearchIndex } from '../src/graph/search.js';
import { Snapshot } from '../src/graph/snapshot.js';
import { readSnapshotInput, writeSnapshotFile } from '../src/graph/snapshot-file.js';

type Result = Record<string, number | string>;

const since = (t: number) => Math.round(performance.now() - t);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const rss = () => {
  globalThis.gc?.();
  return mb(process.memoryUsage().rss);
};

/** Child: validate with the real loader, write the snapshot, and graphology's own JSON export. */
function childValidateBuild(dataDir: string, snapPath: string, jsonPath: string): Result {
  let t = performance.now();
  const { snapshot, problems } = validateGraphData(dataDir);
  const validateMs = since(t);
  if (!snapshot) throw new Error(`${problems.length} problems, first: ${JSON.stringify(problems[0])}`);
  const validateRssMb = rss();
  t = performance.now();
  const size = writeSnapshotFile(snapshot, snapPath);
  const buildMs = since(t);
  const out: Result = {
    validateMs,
    validateRssMb,
    buildMs,
    snapshotMb: mb(size),
    relations: snapshot.graph.size,
  };
  try {
    t = performance.now();
    writeFileSync(jsonPath, JSON.stringify(snapshot.graph.export()));
    out.graphologyExportMs = since(t);
    out.graphologyJsonMb = mb(statSync(jsonPath).size);
  } catch (err) {
    out.graphologyExport = `infeasible: ${(err as Error).message}`;
  }
  return out;
}

/** Child: what `serve` would do with a snapshot file, phase by phase. */
function childLoad(snapPath: string): Result {
  let t = performance.now();
  const input = readSnapshotInput(snapPath);
  const decodeMs = since(t);
  t = performance.now();
  const snapshot = new Snapshot(input);
  const constructMs = since(t);
  const out: Result = { decodeMs, constructMs, loadMs: decodeMs + constructMs, loadRssMb: rss() };
  // Attribute the constructor's cost: the id sort and the search index are the suspects.
  t = performance.now();
  [...snapshot.entities()].sort((a, b) => a.id.localeCompare(b.id));
  out.ctorSortMs = since(t);
  t = performance.now();
  new SearchIndex(snapshot.entities());
  out.ctorSearchIndexMs = since(t);
  return out;
}

/** Child: graphology's own JSON import, for comparison. */
function childGraphology(jsonPath: string): Result {
  const t = performance.now();
  const graph = MultiDirectedGraph.from(JSON.parse(readFileSync(jsonPath, 'utf8')));
  return { graphologyLoadMs: since(t), graphologyRssMb: rss(), graphologyEdges: graph.size };
}

function runChild(args: string[]): Result {
  const self = fileURLToPath(import.meta.url);
  const res = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', '--max-old-space-size=20000', self, '--child', ...args],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const last = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.status !== 0 || !last.startsWith('{')) {
    return {
      error: `child ${args[0]} failed (${res.status ?? res.signal}): ${res.stderr.trim().split('\n').slice(-3).join(' ')}`,
    };
  }
  return JSON.parse(last) as Result;
}

function bench(entities: number, dir: string): Result {
  const dataDir = join(dir, `corpus-${entities}`);
  const snapPath = join(dir, `corpus-${entities}.snapshot`);
  const jsonPath = join(dir, `corpus-${entities}.graphology.json`);
  const t = performance.now();
  const summary = generateCorpus({ entities, out: dataDir, seed: 1 });
  const result: Result = {
    entities,
    curatedRelations: summary.relations,
    documents: summary.documents,
    generateMs: since(t),
  };
  Object.assign(result, runChild(['validate-build', dataDir, snapPath, jsonPath]));
  if (result.error) return result;
  Object.assign(result, runChild(['load', snapPath]));
  if (result.graphologyJsonMb !== undefined) Object.assign(result, runChild(['graphology', jsonPath]));
  rmSync(jsonPath, { force: true });
  return result;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    full: { type: 'boolean', default: false },
    child: { type: 'string' },
    sizes: { type: 'string' },
    dir: { type: 'string', default: join(tmpdir(), 'reform-graph-scale') },
  },
});

if (values.child) {
  const [a = '', b = '', c = ''] = positionals;
  const out =
    values.child === 'validate-build'
      ? childValidateBuild(a, b, c)
      : values.child === 'load'
        ? childLoad(a)
        : childGraphology(a);
  console.log(JSON.stringify(out));
} else {
  const sizes = values.sizes
    ? values.sizes.split(',').map(Number)
    : [10_000, 100_000, ...(values.full ? [1_000_000] : [])];
  for (const n of sizes) {
    const result = bench(n, values.dir);
    console.log(JSON.stringify(result));
  }
}
