/**
 * `validate` and `build` parse knowledge files on worker threads (issue 20, item 3): the result
 * must not depend on it. A generated corpus gets a large first file, so its batch is parsed
 * last while later batches come back first; the loader must still take the files in order.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/graph/generate.js';
import { type LoadProgress, validateGraphData, validateGraphDataInParallel } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { FIXTURES } from '../helpers/graphql.js';

interface GeneratedFile {
  document: string;
  entities: { id: string; evidence: { quote: string }[] }[];
  relations: Record<string, unknown>[];
}

let root: string;
let valid: string;
let broken: string;
/** The generated corpus (before its big file), copied for the second corpus. */
let generated: string | undefined;

/** Everything a load produces that an answer can depend on, in the order it holds it. */
function fingerprint(snapshot: Snapshot | undefined) {
  if (!snapshot) throw new Error('the corpus did not validate');
  const { graph } = snapshot;
  return {
    version: snapshot.version,
    data: snapshot.data,
    nodes: graph.nodes(),
    edges: graph.edges(),
    entities: snapshot.entities().map((e) => snapshot.entityRecord(e.id)),
    relations: graph.edges().map((id) => snapshot.relationRecord(id)),
  };
}

/**
 * A corpus whose first knowledge file (`knowledge/0000/a-big.yaml`, first in reading order)
 * holds several files' worth of entities: handed out one file per batch, it finishes after the
 * next ones. It defines entities
 * and one relation (copied from the first generated file, with its own id), so taking files in
 * completion order would change the order of the graph's relations.
 */
function corpus(dir: string, extraEntity?: string): void {
  if (generated) cpSync(generated, dir, { recursive: true });
  else generateCorpus({ entities: 1200, out: dir, seed: 1 });
  generated ??= dir;
  const shard = join(dir, 'knowledge', '0000');
  const first = readdirSync(shard)
    .filter((f) => f.startsWith('gen-'))
    .sort()[0] as string;
  const gen = loadYaml(readFileSync(join(shard, first), 'utf8')) as GeneratedFile;
  const quote = gen.entities[0]?.evidence[0]?.quote ?? '';
  const lines = [`document: ${gen.document}`, 'entities:'];
  for (let i = 0; i < 2500; i++) {
    lines.push(
      `  - id: person/pad-${i}`,
      '    kind: PERSON',
      `    name: "Pad ${i}"`,
      '    evidence:',
      `      - quote: ${JSON.stringify(quote)}`,
    );
  }
  if (extraEntity) lines.push(extraEntity);
  lines.push('relations:', `  - ${JSON.stringify({ ...gen.relations[0], id: 'pad-copy' })}`);
  writeFileSync(join(shard, 'a-big.yaml'), `${lines.join('\n')}\n`);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'reform-graph-parse-pool-'));
  valid = join(root, 'valid');
  corpus(valid);
  broken = join(root, 'broken');
  // A duplicate of an id a later file defines: which one is "first" depends on reading order.
  const shard = join(broken, 'knowledge', '0000');
  corpus(
    broken,
    ['  - id: ID', '    kind: PERSON', '    name: "Twin"', '    evidence:', '      - quote: QUOTE'].join('\n'),
  );
  const files = readdirSync(shard)
    .filter((f) => f.startsWith('gen-'))
    .sort();
  const later = loadYaml(readFileSync(join(shard, files[1] as string), 'utf8')) as GeneratedFile;
  const big = join(shard, 'a-big.yaml');
  const twin = later.entities[0];
  if (!twin) throw new Error('generated file without entities');
  // The twin quotes the big file's document, as its pads do.
  const quote = /quote: (".*")/.exec(readFileSync(big, 'utf8'))?.[1] ?? '';
  writeFileSync(
    big,
    readFileSync(big, 'utf8').replace('id: ID', `id: ${twin.id}`).replace('quote: QUOTE', `quote: ${quote}`),
  );
  // Among the many files further on: a syntax error, a schema problem and a dangling reference.
  const at = (n: number) => join(shard, files[n] as string);
  writeFileSync(at(20), readFileSync(at(20), 'utf8').replace('entities:', 'entities: [unclosed'));
  writeFileSync(at(35), readFileSync(at(35), 'utf8').replace(/kind: [A-Z_]+/, 'kind: AGENCY'));
  writeFileSync(at(50), readFileSync(at(50), 'utf8').replace(/source: (\S+)/, 'source: organ/nobody-at-all'));
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('knowledge files parsed on worker threads', () => {
  it('build the same graph with 0, 1 and 3 workers', async () => {
    const inline = fingerprint(validateGraphData(valid).snapshot);
    expect(inline.relations.findIndex((r) => r?.id === 'rel/pad-copy')).toBe(0);
    for (const workers of [1, 3]) {
      const pooled = await validateGraphDataInParallel(valid, { workers, batchFiles: 1 });
      expect(pooled.problems).toEqual([]);
      expect(fingerprint(pooled.snapshot)).toEqual(inline);
    }
  }, 240_000);

  it('report a broken corpus exactly as on one thread: every problem, with file, line, path and reason', async () => {
    const inline = validateGraphData(broken).problems;
    const reasons = inline.map((p) => `${p.file}:${p.line} ${p.path}: ${p.reason}`).join('\n');
    expect(reasons).toMatch(/gen-\d+\.yaml:\d+ : YAML syntax error/);
    expect(reasons).toMatch(
      /gen-.*\.yaml:\d+ entities\[\d+\]\.id: duplicate id ".*", first defined in knowledge\/0000\/a-big\.yaml at line \d+/,
    );
    expect(reasons).toMatch(/entities\[\d+\]\.kind: unknown kind "AGENCY"/);
    expect(reasons).toMatch(/relations\[0\]\.source: dangling reference: no entity "organ\/nobody-at-all"/);
    const pooled = await validateGraphDataInParallel(broken, { workers: 3, batchFiles: 1 });
    expect(pooled.snapshot).toBeUndefined();
    expect(pooled.problems).toEqual(inline);
  }, 240_000);

  it('report progress over every file, in order, up to the total', async () => {
    const seen: LoadProgress[] = [];
    await validateGraphDataInParallel(valid, { workers: 2, batchFiles: 8, onProgress: (p) => seen.push(p) });
    const read = seen.filter((p) => p.phase === 'read').map((p) => p.done);
    expect(read.length).toBeGreaterThan(2);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(read.at(-1)).toBe(seen.find((p) => p.phase === 'read')?.total);
  }, 240_000);
});

describe('reform-graph validate --workers (CLI)', () => {
  const cli = (data: string, workers: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve('src/cli/main.ts'), 'validate', '--data', data, '--workers', workers],
      { encoding: 'utf8' },
    );

  it('prints the same problems with workers as without', () => {
    const bad = join(FIXTURES, 'bad-data', 'many-problems');
    const inline = cli(bad, '0');
    const pooled = cli(bad, '2');
    expect(inline.status).toBe(1);
    expect(pooled.status).toBe(1);
    expect(pooled.stderr).toBe(inline.stderr);
  }, 60_000);

  it('refuses a worker count that is not a number', () => {
    const run = cli(join(FIXTURES, 'valid-data'), 'many');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--workers must be a non-negative integer/);
  }, 60_000);
});
