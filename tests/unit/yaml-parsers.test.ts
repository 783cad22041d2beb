/**
 * The loader parses with js-yaml and falls back to the `yaml` package for whatever js-yaml
 * refuses (yaml-file.ts). That is only sound while both read every file alike: same data
 * when js-yaml accepts, and never accepted by js-yaml what `yaml` calls an error.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { generateCorpus } from '../../src/graph/generate.js';
import { parseFast } from '../../src/graph/yaml-file.js';
import { DATA_DIR, FIXTURES } from '../helpers/graphql.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** What the slow path makes of a text: its data, or that it is an error. */
function reference(text: string): { ok: true; data: unknown } | { ok: false } {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length > 0 ? { ok: false } : { ok: true, data: doc.toJS() };
}

/** Checks the two agree; true when the fast path took the text. */
function agree(text: string): boolean {
  const fast = parseFast(text);
  const slow = reference(text);
  // js-yaml may refuse more (the fallback then decides); it may never accept an error.
  if (fast.ok) expect(fast).toStrictEqual(slow);
  return fast.ok;
}

describe('js-yaml and yaml read our files alike', () => {
  let generated: string;
  beforeAll(() => {
    generated = mkdtempSync(join(tmpdir(), 'reform-graph-parsers-'));
    generateCorpus({ entities: 500, out: generated, seed: 11 });
  });
  afterAll(() => rmSync(generated, { recursive: true, force: true }));

  it('every file of graph-data, the test fixtures and a generated corpus', () => {
    const files = [...yamlFiles(DATA_DIR), ...yamlFiles(FIXTURES), ...yamlFiles(generated)];
    expect(files.length).toBeGreaterThan(50);
    let fastOnes = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (agree(text)) fastOnes++;
    }
    // The point is speed: nearly every real file must take the fast path.
    expect(fastOnes).toBeGreaterThan(files.length * 0.9);
  });

  // [name, text, whether js-yaml takes it (else the fallback does)]
  const edgeCases: [string, string, boolean][] = [
    ['dates stay strings', 'date: 2018-06-01\nmonth: 2018-06\nyear: 2018\n', true],
    ['YAML 1.1 booleans stay strings', 'a: yes\nb: no\nc: on\nd: off\ne: y\n', true],
    ['numbers', 'a: 1e3\nb: 0x1F\nc: .5\nd: -0\ne: 0o17\nf: 1_000\ng: .inf\nh: .nan\ni: 012\n', true],
    ['nulls', 'a: ~\nb: null\nc:\nd: Null\n', true],
    ['quoted escapes', "a: \"tab\\there \\u00e9 \\x41\"\nb: 'it''s'\n", true],
    ['block scalars', 'a: |\n  line one\n  line two\nb: >\n  folded\n  text\n\n  para\nc: |-\n  kept\n', true],
    ['anchors and aliases', 'a: &x {k: v}\nb: *x\n', true],
    ['merge keys are not special', 'base: &b {k: 1}\nthing:\n  <<: *b\n  j: 2\n', true],
    ['a repeated key', 'a: 1\na: 2\n', false],
    ['a tab in indentation', 'a:\n\t- 1\n', false],
    ['an empty file', '', false],
    ['only a comment', '# nothing\n', false],
    ['two documents', 'a: 1\n---\nb: 2\n', false],
    ['an unclosed quote', 'a: "open\n', false],
    ['a bad indent', 'a:\n  - 1\n - 2\n', false],
    ['unicode and quotes', 'quote: "the Ministry’s “Cleaning the Internet” campaign — 2018"\n', true],
    ['a key that could be a prototype', '__proto__: {polluted: true}\n', true],
    ['explicit tags', 'a: !!str 123\nb: !!int "7"\n', true],
    ['a document marker', '---\na: 1\n...\n', true],
  ];
  for (const [name, text, fast] of edgeCases) {
    it(name, () => expect(agree(text)).toBe(fast));
  }
});
