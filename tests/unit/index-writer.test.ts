/**
 * `build` writes the full-text frames (I, S, P) with index-writer.ts instead of MiniSearch's
 * `toJSON()`: the bytes must be exactly those `JSON.stringify` gives for `toJSON()`, or files
 * written before and after would differ and the reader's format would drift. Checked on small
 * documents with every irregularity MiniSearch serialises (absent fields, a document without
 * any, empty text, repeated words, terms splitting the radix tree, Chinese, arrays from
 * processTerm) and on the bundled data's snapshot file frame by frame.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexWriter } from '../../src/graph/index-writer.js';
import { loadGraphData } from '../../src/graph/load.js';
import { type WriteProgress, writeSnapshotFile } from '../../src/graph/snapshot-file.js';
import { indexTerms } from '../../src/graph/text-tokens.js';

/** What toJSON gives, as JSON: the head without `index`, and each term's row. */
function miniSearchJson(ms: MiniSearch<number>): { head: string; rows: string[] } {
  const { index, ...head } = ms.toJSON();
  return { head: JSON.stringify(head), rows: index.map((row) => JSON.stringify(row)) };
}

function writerJson(options: Options<number>, n: number): { head: string; rows: string[] } {
  const w = new IndexWriter(options);
  for (let i = 0; i < n; i++) w.add();
  return { head: [...w.headJson()].join(''), rows: [...w.rows()] };
}

const WORDS = ['pub', 'public', 'publicity', 'security', 'secure', 'bureau', 'bu', 'reform', 're', '公安部', '218,000'];

/** Words from WORDS and made-up ones sharing their prefixes, so terms split each other's edges. */
function text(seed: number, length: number): string {
  let x = seed * 2654435761;
  const words: string[] = [];
  for (let k = 0; k < length; k++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const w = WORDS[x % WORDS.length] as string;
    words.push(x % 7 === 0 ? `${w}${(x >>> 8) % 13}` : w);
  }
  return words.join(x % 2 === 0 ? ' ' : '. ');
}

const DOCS = Array.from({ length: 400 }, (_v, i) => ({
  name: i === 17 ? undefined : text(i, 1 + (i % 5)),
  aliases: i === 17 ? undefined : i % 6 === 0 ? '' : text(i + 1000, i % 3),
  note: i % 4 === 0 || i === 17 ? undefined : text(i + 2000, 20 + (i % 40)),
  zh: i % 3 === 0 && i !== 17 ? '中华人民共和国公安部' : undefined,
}));

function options(extra: Partial<Options<number>> = {}): Options<number> {
  return {
    fields: ['name', 'aliases', 'note', 'zh'],
    extractField: (i, key) => (key === 'id' ? i : DOCS[i]?.[key as 'name']) as string,
    tokenize: indexTerms,
    processTerm: (t) => t,
    ...extra,
  };
}

describe('IndexWriter', () => {
  it("gives toJSON()'s bytes: head and every term row, in MiniSearch's term order", () => {
    const ms = new MiniSearch(options());
    ms.addAll(DOCS.map((_d, i) => i));
    const expected = miniSearchJson(ms);
    const got = writerJson(options(), DOCS.length);
    expect(got.head).toBe(expected.head);
    expect(got.rows.length).toBe(expected.rows.length);
    expect(got.rows).toEqual(expected.rows);
    // Not trivially equal: the fixture has absent fields and a document without any.
    expect(expected.head).toContain('null');
    expect(JSON.parse(expected.head).fieldLength['17']).toBeUndefined();
  });

  it('follows processTerm as MiniSearch does: arrays spread, empty terms dropped', () => {
    const processTerm = (t: string) => (t.startsWith('pub') ? [t, 'p'] : t.startsWith('re') ? '' : t);
    const ms = new MiniSearch(options({ processTerm }));
    ms.addAll(DOCS.map((_d, i) => i));
    expect(writerJson(options({ processTerm }), DOCS.length)).toEqual(miniSearchJson(ms));
  });

  it('writes an empty index as MiniSearch does', () => {
    expect(writerJson(options(), 0)).toEqual(miniSearchJson(new MiniSearch(options())));
  });
});

/** The snapshot file's frames by tag, payloads as text. */
function frames(file: string): Map<string, string[]> {
  const bytes = readFileSync(file);
  const out = new Map<string, string[]>();
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32LE(at);
    const tag = bytes.toString('latin1', at + 8, at + 9);
    const payload = bytes.subarray(at + 9, at + 9 + length);
    if (!out.has(tag)) out.set(tag, []);
    out.get(tag)?.push(payload.toString('utf8'));
    at += 9 + length;
  }
  return out;
}

/** Rows of JSON-array frames, each as the text between the frame's commas at depth one. */
const joined = (payloads: readonly string[] = []) => payloads.map((p) => p.slice(1, -1)).join(',');

describe('snapshot file search frames', () => {
  const dir = mkdtempSync(join(tmpdir(), 'index-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("hold the bundled data's searchIndexData() byte for byte, and report progress per phase", () => {
    const snapshot = loadGraphData('graph-data');
    const file = join(dir, 'bundled.snapshot');
    const seen: WriteProgress[] = [];
    writeSnapshotFile(snapshot, file, { onProgress: (p) => seen.push(p) });
    const got = frames(file);
    const data = snapshot.searchIndexData();
    const { index: entityTerms, ...entityHead } = data.entities;
    const { index: passageTerms, ...passageHead } = data.passages.index;
    expect(got.get('I')).toEqual([
      JSON.stringify({ entities: entityHead, passages: { index: passageHead, table: data.passages.table } }),
    ]);
    expect(joined(got.get('S'))).toBe(entityTerms.map((r) => JSON.stringify(r)).join(','));
    expect(joined(got.get('P'))).toBe(passageTerms.map((r) => JSON.stringify(r)).join(','));
    expect(passageTerms.length).toBeGreaterThan(1000);

    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['records', 'relation order', 'entity index', 'passage index', 'terms']);
    for (const phase of phases) {
      const last = seen.filter((p) => p.phase === phase).at(-1) as WriteProgress;
      expect(last.done).toBe(last.total);
    }
    expect(seen.find((p) => p.phase === 'terms')?.total).toBe(entityTerms.length + passageTerms.length);
  });
});
