import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentTexts, forEachRowSpan } from '../../src/graph/document-texts.js';
import { loadGraphData } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { readSnapshotFile, writeSnapshotFile } from '../../src/graph/snapshot-file.js';
import type { SourceDocumentRecord } from '../../src/model/records.js';

const spansOf = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  const rows: { row: string; text?: string }[] = [];
  forEachRowSpan(bytes, ({ start, end, textStart, textEnd }) => {
    rows.push({
      row: bytes.toString('utf8', start, end),
      text: textStart < 0 ? undefined : JSON.parse(bytes.toString('utf8', textStart, textEnd)),
    });
  });
  return rows;
};

describe('document rows scanned for their text', () => {
  // Texts holding quotes, backslashes, delimiters and multi-byte UTF-8; a nested "text" (a
  // partial date's) that is not the document's; rows without a text; rows of other kinds.
  const rows: unknown[] = [
    { id: 'a', published: { text: '2019', year: 2019 }, text: 'He said "no", then \\ left ] } [ {,' },
    { text: '公安部改革 🙂 "\\"', id: 'b', note: 'text' },
    { id: 'c', text: 7 },
    { id: 'd', title: '"text":"not this"' },
    ['text', 'an array row'],
    'a string row',
    42,
    null,
  ];

  it('finds each row and its top-level text, and only that', () => {
    const found = spansOf(JSON.stringify(rows));
    expect(found.map((f) => JSON.parse(f.row))).toEqual(rows);
    expect(found.map((f) => f.text)).toEqual([
      'He said "no", then \\ left ] } [ {,',
      '公安部改革 🙂 "\\"',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(spansOf(' [ ] ')).toEqual([]);
  });

  it('refuses an array that is not closed', () => {
    for (const bad of ['', '{}', '[{"text":"x"}', '[{"text":"x}]']) {
      expect(() => spansOf(bad), bad).toThrow(SyntaxError);
    }
  });
});

describe('document texts left in the snapshot file', () => {
  let root: string;
  let original: Snapshot;
  let path: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'reform-graph-texts-'));
    original = loadGraphData('graph-data');
    path = join(root, 'graph.snapshot');
    writeSnapshotFile(original, path);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads every text as it was, keeps keys in order, and writes the same file again', () => {
    const loaded = readSnapshotFile(path);
    const docs = loaded.documents();
    expect(docs.length).toBe(original.documents().length);
    for (const [i, doc] of docs.entries()) {
      const want = original.documents()[i] as SourceDocumentRecord;
      expect(Object.getOwnPropertyDescriptor(doc, 'text')?.get).toBeTypeOf('function');
      expect(Object.keys(doc)).toEqual(Object.keys(JSON.parse(JSON.stringify(want))));
      expect(doc.text).toBe(want.text);
      expect(JSON.stringify(doc)).toBe(JSON.stringify(want));
    }
    // The document's node on the graph reads the same text, without a copy of it.
    const first = docs[0] as SourceDocumentRecord;
    const node = loaded.graph.getNodeAttributes(first.nodeId) as SourceDocumentRecord;
    expect(Object.getOwnPropertyDescriptor(node, 'text')?.get).toBeTypeOf('function');
    expect(node.text).toBe(first.text);
    const again = join(root, 'again.snapshot');
    writeSnapshotFile(loaded, again, {});
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });

  it('refuses a text changed in the file since it was loaded', () => {
    const copy = join(root, 'changed.snapshot');
    writeFileSync(copy, readFileSync(path));
    const loaded = readSnapshotFile(copy);
    const want = (original.documents()[1] as SourceDocumentRecord).text;
    const bytes = readFileSync(copy);
    // From the middle of the text: its start may repeat the document's title.
    const at = bytes.indexOf(Buffer.from(JSON.stringify(want.slice(200, 260)).slice(1, -1), 'utf8'));
    expect(at).toBeGreaterThan(0);
    // Rewritten in place (same inode): what `build`, which renames a new file over it, never does.
    bytes[at + 5] = bytes[at + 5] === 0x41 ? 0x42 : 0x41;
    writeFileSync(copy, bytes);
    expect(() => (loaded.documents()[1] as SourceDocumentRecord).text).toThrow(/changed since it was loaded/);
    expect((loaded.documents()[0] as SourceDocumentRecord).text).toBe(
      (original.documents()[0] as SourceDocumentRecord).text,
    );
  });

  it('reads a text from the file once while it stays in the cache', () => {
    const texts = new DocumentTexts(path);
    const docs: SourceDocumentRecord[] = [];
    const bytes = readFileSync(path);
    // The first D frame: its payload follows the magic, H and F frames.
    let at = 8;
    for (;;) {
      const length = bytes.readUInt32LE(at);
      const tag = bytes.toString('latin1', at + 8, at + 9);
      if (tag === 'D') {
        texts.documents(bytes.subarray(at + 9, at + 9 + length), at + 9, docs);
        break;
      }
      at += 9 + length;
    }
    expect(docs.length).toBeGreaterThan(1);
    const a = docs[0] as SourceDocumentRecord;
    expect(texts.reads).toBe(0);
    expect(a.text).toBe((original.documents()[0] as SourceDocumentRecord).text);
    expect(a.text).toBe((original.documents()[0] as SourceDocumentRecord).text);
    expect(texts.reads).toBe(1);
  });
  it('lets the frame go once its documents are made: no getter keeps the D frame alive', async () => {
    const bytes = readFileSync(path);
    let at = 8;
    while (bytes.toString('latin1', at + 8, at + 9) !== 'D') at += 9 + bytes.readUInt32LE(at);
    const length = bytes.readUInt32LE(at);
    // The frame body in an ArrayBuffer of its own, as the reader allocates it, watched weakly.
    let body: Buffer | undefined = Buffer.from(new ArrayBuffer(length));
    bytes.copy(body, 0, at + 9, at + 9 + length);
    const frame = new WeakRef(body.buffer);
    const docs: SourceDocumentRecord[] = [];
    new DocumentTexts(path).documents(body, at + 9, docs);
    body = undefined;
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (let i = 0; i < 5 && frame.deref(); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    expect(frame.deref()).toBeUndefined();
    // The documents live on and still read their texts (from the file).
    expect(docs.length).toBeGreaterThan(1);
    expect((docs[0] as SourceDocumentRecord).text).toBe((original.documents()[0] as SourceDocumentRecord).text);
  });
});
