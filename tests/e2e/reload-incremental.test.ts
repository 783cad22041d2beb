/**
 * A reload re-parses only the files whose content changed and answers requests while it is
 * prepared (issue 20, item 3). The cross-file checks still run against the unchanged rest.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphData, ParseCache, validateGraphData } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { ReloadingSource, type ReloadTimings } from '../../src/server/reloading-source.js';
import { createServer } from '../../src/server/yoga.js';
import { DATA_DIR, execute } from '../helpers/graphql.js';

const data = mkdtempSync(join(tmpdir(), 'reform-graph-incremental-'));
cpSync(DATA_DIR, data, { recursive: true });
afterAll(() => rmSync(data, { recursive: true, force: true }));

const COMMON = join(data, 'knowledge/common.yaml');
const common = readFileSync(COMMON, 'utf8');
/** A new name for the first entity of common.yaml: a valid edit that changes the answers. */
const renamed = common.replace(/(\n {4}name: )([^\n]+)/, '$1Renamed For The Test');

describe('the parse cache', () => {
  it('parses every knowledge file once, then only the one that changed', () => {
    const cache = new ParseCache();
    const first = validateGraphData(data, { cache });
    expect(first.snapshot).toBeDefined();
    const files = cache.parses;
    expect(files).toBeGreaterThan(5);
    expect(cache.size).toBe(files);

    const again = validateGraphData(data, { cache });
    expect(cache.parses).toBe(files);
    expect(again.snapshot?.version).toBe(first.snapshot?.version);

    writeFileSync(COMMON, renamed);
    try {
      const edited = validateGraphData(data, { cache });
      expect(cache.parses).toBe(files + 1);
      // The same answer as a load without any cache.
      const fresh = validateGraphData(data);
      expect(edited.snapshot?.version).toBe(fresh.snapshot?.version);
      expect(edited.snapshot?.entities()).toEqual(fresh.snapshot?.entities());

      // Cross-file checks run on cached files too: emptying a file leaves the others dangling.
      writeFileSync(COMMON, 'entities: []\n');
      const broken = validateGraphData(data, { cache });
      expect(cache.parses).toBe(files + 2);
      expect(broken.snapshot).toBeUndefined();
      expect(broken.problems.map((p) => p.reason).join('\n')).toMatch(/dangling reference|unknown entity/);
    } finally {
      writeFileSync(COMMON, common);
    }
  });
});

describe('a watching server while it reloads', () => {
  it('re-parses one file per edit and keeps answering from the live snapshot until the swap', async () => {
    const timings: ReloadTimings[] = [];
    let release: () => void = () => {};
    let held: () => void = () => {};
    const candidateBuilt = new Promise<void>((r) => {
      held = r;
    });
    let hold = false;
    const source = new ReloadingSource(data, loadGraphData(data), undefined, {
      onTimings: (t) => timings.push(t),
      // A slow reload: the candidate is built, then waits until the test has been answered.
      beforeSwap: () => {
        if (!hold) return Promise.resolve();
        held();
        return new Promise<void>((r) => {
          release = r;
        });
      },
    });
    const yoga = createServer({ source, logging: false });
    const QUERY = '{ snapshot { version } entities(first: 1) { edges { node { id name } } } }';
    try {
      // The worker's first load parses every file; the next, nothing.
      expect((await source.reload()).ok).toBe(true);
      const all = timings.at(-1)?.parses ?? 0;
      expect(all).toBeGreaterThan(5);
      expect((await source.reload()).ok).toBe(true);
      expect(timings.at(-1)?.parses).toBe(0);

      const before = await execute(QUERY, undefined, yoga);
      writeFileSync(COMMON, renamed);
      hold = true;
      const reloading = source.reload();
      await candidateBuilt;
      // The reload is prepared and not yet swapped in: requests are answered, from the old data.
      const during = await execute(QUERY, undefined, yoga);
      expect(during).toEqual(before);
      release();
      const outcome = await reloading;
      expect(outcome.ok).toBe(true);
      expect(timings.at(-1)?.parses).toBe(1);
      const after = await execute(QUERY, undefined, yoga);
      expect(after.data.snapshot.version).toBe(outcome.version);
      expect(after.data.snapshot.version).not.toBe(before.data.snapshot.version);
    } finally {
      release();
      source.close();
      writeFileSync(COMMON, common);
    }
    // Four reloads of the bundled data: on a loaded 2-core machine that is more than 30 s.
  }, 120_000);
});

describe('the passage index of a reload', () => {
  /** Hits as compared: the entities found are the part that depends on the knowledge files. */
  const hits = (snapshot: Snapshot | undefined, q: string) =>
    snapshot?.passages.search(q, { first: 20 }).map((h) => ({
      document: h.document.id,
      start: h.start,
      end: h.end,
      entities: h.entities.map((e) => [e.id, e.name]),
      score: h.score,
    }));
  const QUERIES = ['public security', 'reform', 'ministry', 'campaign against'];

  it('is the live one shared while the documents stay the same, and answers as a fresh load', async () => {
    const timings: ReloadTimings[] = [];
    const source = new ReloadingSource(data, loadGraphData(data), undefined, { onTimings: (t) => timings.push(t) });
    source.current().prepareSearch();
    const doc = join(data, 'documents', readdirSync(join(data, 'documents')).find((f) => f.endsWith('.txt')) ?? '');
    const text = readFileSync(doc, 'utf8');
    try {
      writeFileSync(COMMON, renamed);
      expect((await source.reload()).ok).toBe(true);
      expect(timings.at(-1)?.passagesShared).toBe(true);
      const fresh = loadGraphData(data);
      for (const q of QUERIES) expect(hits(source.current(), q)).toEqual(hits(fresh, q));
      // The renamed entity is found under its new name in the hits that cite it.
      expect(JSON.stringify(QUERIES.map((q) => hits(source.current(), q)))).toMatch(/Renamed For The Test/);

      // A document's text changed: the index is the worker's, built anew.
      writeFileSync(doc, `${text}\nA closing line about public security reform added for the test.\n`);
      expect((await source.reload()).ok).toBe(true);
      expect(timings.at(-1)?.passagesShared).toBe(false);
      const again = loadGraphData(data);
      for (const q of QUERIES) expect(hits(source.current(), q)).toEqual(hits(again, q));
    } finally {
      source.close();
      writeFileSync(COMMON, common);
      writeFileSync(doc, text);
    }
  }, 120_000);
});
