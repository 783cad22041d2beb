/**
 * The search index as `serve` really has it: built by `build` into the snapshot file, loaded
 * from there without being rebuilt, answering over HTTP (fast path included), and rebuilt
 * with the graph when `serve --watch` reloads it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../src/cli/build.js';
import { loadGraphData } from '../../src/graph/load.js';
import { readSnapshotFile } from '../../src/graph/snapshot-file.js';
import { start } from '../../src/server/main.js';
import { ReloadingSource } from '../../src/server/reloading-source.js';
import { createServer } from '../../src/server/yoga.js';
import { DATA_DIR, execute, FIXTURES } from '../helpers/graphql.js';

const dir = mkdtempSync(join(tmpdir(), 'reform-graph-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPERATION = `query Find($q: String!) {
  search(query: $q, first: 5) { matchedOn matchType matchedText highlights { start end text } entity { id } }
  passages(query: $q, first: 5) { start end snippet highlights { start end text } document { documentId } entities { id } }
}`;

describe('the index in the snapshot file', () => {
  const file = join(dir, 'bundled.snapshot');

  it('is written by build and loaded, not rebuilt, with the snapshot', async () => {
    expect(await runBuild({ dataDir: DATA_DIR, out: file }, () => {})).toBe(0);
    const fresh = loadGraphData(DATA_DIR);
    const addAll = vi.spyOn(MiniSearch.prototype, 'addAll');
    try {
      // As serve loads it: after listening, in slices.
      const loaded = readSnapshotFile(file);
      await loaded.loadSearch();
      expect(addAll).not.toHaveBeenCalled();
      for (const q of ['duck soup volunteer', '218,000', '公安部', 'Minstry of Public Securty', '"hot duck soup"']) {
        expect(loaded.search.search(q, { first: 20 })).toEqual(fresh.search.search(q, { first: 20 }));
        expect(loaded.passages.search(q, { first: 20 })).toEqual(fresh.passages.search(q, { first: 20 }));
      }
    } finally {
      addAll.mockRestore();
    }
  });

  it('is left out by build --no-search-index, and then built from the records on the first search', async () => {
    const without = join(dir, 'no-index.snapshot');
    expect(await runBuild({ dataDir: DATA_DIR, out: without, searchIndexes: false }, () => {})).toBe(0);
    expect(statSync(without).size).toBeLessThan(statSync(file).size);
    const fresh = loadGraphData(DATA_DIR);
    const addAll = vi.spyOn(MiniSearch.prototype, 'addAll');
    try {
      const loaded = readSnapshotFile(without);
      await loaded.loadSearch();
      expect(addAll).toHaveBeenCalled();
      expect(loaded.search.search('duck soup volunteer', { first: 20 })).toEqual(
        fresh.search.search('duck soup volunteer', { first: 20 }),
      );
    } finally {
      addAll.mockRestore();
    }
  });

  it('answers the same over HTTP, through the fast path and without it', async () => {
    const snapshot = readSnapshotFile(file);
    const [fast, plain] = await Promise.all([
      start({ snapshot, port: 0, host: '127.0.0.1', logging: false }),
      start({ snapshot, port: 0, host: '127.0.0.1', logging: false, config: { fastPath: false } }),
    ]);
    try {
      const body = JSON.stringify({ query: OPERATION, variables: { q: '218000' }, operationName: 'Find' });
      const answers: string[] = [];
      for (const s of [fast, fast, plain]) {
        const port = (s.server.address() as AddressInfo).port;
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(res.status).toBe(200);
        answers.push(await res.text());
      }
      expect(answers[1]).toBe(answers[0]);
      expect(answers[2]).toBe(answers[0]);
      const data = JSON.parse(answers[0] ?? '{}').data;
      expect(data.search.map((h: { entity: { id: string } }) => h.entity.id)).toContain(
        'outcome/zero-incident-residential-areas-2022',
      );
      expect(data.passages.length).toBe(2);
      expect(fast.fastPath?.stats().answered).toBeGreaterThan(0);
    } finally {
      for (const s of [fast, plain]) {
        s.server.closeAllConnections();
        await new Promise((resolve) => s.server.close(resolve));
      }
    }
  });
});

describe('serve --watch', () => {
  it('rebuilds the index with the graph', async () => {
    const data = join(dir, 'watched');
    cpSync(join(FIXTURES, 'valid-data'), data, { recursive: true });
    const source = new ReloadingSource(data, loadGraphData(data));
    const yoga = createServer({ source, logging: false });
    const find = async () =>
      (await execute('{ search(query: "Zanzibar Constabulary") { entity { id } } }', undefined, yoga)).data.search;
    expect(await find()).toEqual([]);
    const knowledge = join(data, 'knowledge/data.yaml');
    const text = readFileSync(knowledge, 'utf8');
    const renamed = text.replace(/(\n {4}name: )([^\n]+)/, '$1Zanzibar Constabulary');
    expect(renamed).not.toBe(text);
    writeFileSync(knowledge, renamed);
    expect((await source.reload()).ok).toBe(true);
    expect((await find()).length).toBe(1);
    source.close();
  });
});
