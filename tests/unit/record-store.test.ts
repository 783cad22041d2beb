import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { plainEntity, RECORD_CACHE_SIZE } from '../../src/graph/record-store.js';
import { Snapshot } from '../../src/graph/snapshot.js';
import { readSnapshotFile, snapshotInputOf, writeSnapshotFile } from '../../src/graph/snapshot-file.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'reform-graph-records-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('lazy records', () => {
  it('decode to the records they were encoded from, evidence quotes sliced back out of the texts', () => {
    const input = snapshotInputOf(loadGraphData('graph-data'));
    const again = snapshotInputOf(new Snapshot(input));
    expect(again.entities).toEqual(input.entities);
    expect(again.relations).toEqual(input.relations);
    const withEvidence = input.entities.find((e) => e.evidence.length > 0);
    const ev = withEvidence?.evidence[0];
    const doc = input.documents.find((d) => d.id === ev?.document);
    expect(ev && doc?.text.slice(ev.start, ev.end)).toBe(ev?.quote);
  });

  it('keep only the heads on graph nodes and edges', () => {
    const snapshot = loadGraphData('graph-data');
    const e = snapshot.entities()[0];
    expect(Object.keys(e ?? {}).sort()).toEqual(['date', 'end', 'id', 'kind', 'outcome', 'rank', 'start']);
    expect(typeof e?.name).toBe('string');
    let edge: object = {};
    snapshot.graph.forEachEdge((_k, r) => {
      if (r.type !== 'MENTIONS') edge = r;
    });
    expect(Object.keys(edge).sort()).toEqual(['assertion', 'date', 'id', 'rank', 'source', 'target', 'type']);
  });

  it('are not decoded when a snapshot file is read, and decoded once each while cached', () => {
    const file = join(root, 'bundled.snapshot');
    writeSnapshotFile(loadGraphData('graph-data'), file, { searchIndexes: false });
    const loaded = readSnapshotFile(file);
    expect(loaded.records.decoded).toBe(0);
    const entities = loaded.entities();
    expect(entities.length).toBeLessThan(RECORD_CACHE_SIZE);
    for (const e of entities) expect(e.name.length + e.evidence.length).toBeGreaterThan(0);
    for (const e of entities) expect(e.aliases).toBeDefined();
    expect(loaded.records.decoded).toBe(entities.length);
    expect(loaded.records.cached).toBe(entities.length);
    const first = entities[0];
    expect(first && plainEntity(first)).toEqual(first && loaded.entityRecord(first.id));
  });

  it('finds names, aliases and Chinese names by substring without decoding per query', () => {
    const snapshot = loadGraphData('graph-data');
    const expected = snapshot
      .entities()
      .filter((e) => [e.name, ...e.aliases, e.nameZh ?? ''].some((n) => n.toLowerCase().includes('public security')))
      .map((e) => e.id);
    expect(expected.length).toBeGreaterThan(1);
    expect([...snapshot.namesContaining('public security')].sort()).toEqual(expected.sort());
    const decoded = snapshot.records.decoded;
    snapshot.namesContaining('ministry');
    expect(snapshot.records.decoded).toBe(decoded);
    expect(snapshot.namesContaining('public\u0000security').size).toBe(0);
  });
});
