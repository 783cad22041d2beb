/**
 * A reload's records come from the worker encoded (record sections, relation ids and columns
 * as transferred buffers, see encoded-transfer.ts), and its documents only when they are not
 * the live snapshot's. The snapshot built from that must answer exactly as a load from
 * nothing, after an edit too; documents taken from the live snapshot must be the ones the
 * records were encoded against.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseCache, validateRecords } from '../../src/graph/load.js';
import { buildSnapshotInSlices, LoadWorker } from '../../src/graph/load-offthread.js';
import { lossBounds } from '../../src/graph/loss-bound.js';
import { Snapshot } from '../../src/graph/snapshot.js';
import { createServer } from '../../src/server/yoga.js';
import { DATA_DIR, execute } from '../helpers/graphql.js';

const data = mkdtempSync(join(tmpdir(), 'reform-graph-encoded-transfer-'));
cpSync(DATA_DIR, data, { recursive: true });
const worker = new LoadWorker();
afterAll(() => {
  worker.close();
  rmSync(data, { recursive: true, force: true });
});

const COMMON = join(data, 'knowledge/common.yaml');

const ANSWERS = [
  `{ entities(first: 10) { totalCount edges { node { id kind name aliases file
      evidence { quote start end context document { id } }
      relations(first: 5) { edges { node { id type assertion role note source { id } target { id } } } } } } } }`,
  `{ entity(id: "organ/local-public-security-organs") { id kind name aliases file
      evidence { quote start end context document { id } }
      relations(first: 20) { totalCount edges { node { id type assertion role note source { id } target { id } } } } } }`,
  '{ document(id: "demonstration-city-2023-05-20") { id entities(first: 100) { totalCount edges { node { id name } } } } }',
  '{ search(query: "public security organs", first: 20) { entity { id name } evidence { quote start end } } }',
];

async function answers(snapshot: Snapshot): Promise<string[]> {
  const yoga = createServer({ snapshot, logging: false });
  const out: string[] = [];
  for (const query of ANSWERS) {
    const answer = JSON.stringify(await execute(query, undefined, yoga));
    // An answer that is an error would compare equal to the same error: the test must see data.
    expect(answer).not.toContain('"errors"');
    out.push(answer);
  }
  return out;
}

async function fresh(): Promise<string[]> {
  const { input, problems } = validateRecords(data);
  expect(problems).toEqual([]);
  return answers(new Snapshot(input as NonNullable<typeof input>));
}

describe('records encoded in the worker, sent as buffers', { timeout: 120_000 }, () => {
  let live: Snapshot | undefined;

  it('build a snapshot that answers as a load from nothing', async () => {
    const loaded = await worker.load(data, true, true);
    const input = loaded.input;
    if (!input) throw new Error(`no input: ${JSON.stringify(loaded.problems)}`);
    // No record objects: the sections arrive as buffers (moved, not copied).
    expect(Buffer.isBuffer(input.entityRecords.bytes)).toBe(true);
    expect(input.relationIds).not.toBeInstanceOf(Array);
    live = await buildSnapshotInSlices(input, undefined, loaded.indexes);
    await live.loadSearch();
    expect(await answers(live)).toEqual(await fresh());
  });

  it('after an edit, takes the live documents instead of a copy, and still answers as a fresh load', async () => {
    if (!live) throw new Error('needs the first test');
    const before = readFileSync(COMMON, 'utf8');
    writeFileSync(COMMON, before.replace('name: Local public security organs', 'name: Local organs, renamed'));
    try {
      const documents = live.documentsInOrder();
      const loaded = await worker.load(data, true, false, { hash: live.data?.hash, documents });
      const input = loaded.input;
      if (!input) throw new Error(`no input: ${JSON.stringify(loaded.problems)}`);
      expect(input.documents).toBe(documents);
      // One file changed, none of its records gone: the guard need not tally the live records.
      expect(loaded.lossBound).toEqual([
        expect.objectContaining({ file: COMMON, entities: expect.objectContaining({ removed: 0 }) }),
      ]);
      expect(loaded.lossBound?.[0]?.relations.removed).toBe(0);
      const next = await buildSnapshotInSlices(input, undefined, loaded.indexes);
      expect(next.version).not.toBe(live.version);
      await next.loadSearch();
      expect(await answers(next)).toEqual(await fresh());
      expect(JSON.stringify(await answers(next))).toContain('Local organs, renamed');

      // Documents that are not those the records were encoded against are refused.
      const wrong = [...documents].reverse();
      const refused = await worker.load(data, true, false, { hash: live.data?.hash, documents: wrong });
      expect(refused.documentsMismatch).toBe(true);
      expect(refused.input).toBeUndefined();
    } finally {
      writeFileSync(COMMON, before);
    }
    // The data is the live one again: nothing is sent.
    const same = await worker.load(data, true, false, { hash: live.data?.hash, documents: live.documentsInOrder() });
    expect(same.same).toBe(true);
    expect(same.input).toBeUndefined();
  });
});

describe('the loss bound of a reload, from the parses alone', { timeout: 60_000 }, () => {
  it('counts what a changed file no longer has, and nothing for the files that did not change', () => {
    const cache = new ParseCache();
    validateRecords(data, { cache });
    const live = cache.files();
    const before = readFileSync(COMMON, 'utf8');
    // Cut after its first entity: every other entity and every relation of the file is gone.
    const cut = before.slice(0, before.indexOf('\n  - id:', before.indexOf('\n  - id:') + 1));
    writeFileSync(COMMON, cut);
    try {
      validateRecords(data, { cache });
      const bounds = lossBounds(live, cache.files());
      expect(bounds.map((b) => b.file)).toEqual([COMMON]);
      const [bound] = bounds;
      expect(bound?.entities.of).toBeGreaterThan(5);
      expect(bound?.entities.removed).toBe((bound?.entities.of ?? 0) - 1);
      expect(bound?.relations.of).toBeGreaterThan(0);
      expect(bound?.relations.removed).toBe(bound?.relations.of);
    } finally {
      writeFileSync(COMMON, before);
    }
  });
});

describe("the files' signature, taken in the load worker", { timeout: 60_000 }, () => {
  it('stays the same while no file changes, and changes with a size or a new file', async () => {
    const first = await worker.signature(data);
    expect(await worker.signature(data)).toBe(first);
    const before = readFileSync(COMMON, 'utf8');
    const extra = join(data, 'knowledge/added-by-the-signature-test.yaml');
    try {
      writeFileSync(COMMON, `${before}\n`);
      const edited = await worker.signature(data);
      expect(edited).not.toBe(first);
      writeFileSync(extra, 'entities: []\n');
      expect(await worker.signature(data)).not.toBe(edited);
    } finally {
      writeFileSync(COMMON, before);
      rmSync(extra, { force: true });
    }
  });
});
