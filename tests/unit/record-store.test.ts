import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { type LazyRelation, plainEntity, RECORD_CACHE_SIZE } from '../../src/graph/record-store.js';
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
    // An edge holds its id and its entry in the relation columns; the other heads are read there.
    expect(Object.keys(edge).sort()).toEqual(['edge', 'id']);
  });

  it('read relation heads from the columns without decoding, the same on every edge as the records say', () => {
    const input = snapshotInputOf(loadGraphData('graph-data'));
    const file = join(root, 'heads.snapshot');
    writeSnapshotFile(new Snapshot(input), file, { searchIndexes: false });
    const loaded = readSnapshotFile(file);
    const byId = new Map(input.relations.map((r) => [r.id, r]));
    let curated = 0;
    let mentions = 0;
    loaded.graph.forEachEdge((key, edge, source, target) => {
      const r = edge as LazyRelation;
      expect([r.id, r.source, r.target]).toEqual([key, source, target]);
      const record = byId.get(r.id);
      if (r.type === 'MENTIONS') {
        mentions++;
        expect([r.assertion, r.date, r.rank]).toEqual(['STATED', undefined, -1]);
        return;
      }
      expect(record && { type: r.type, assertion: r.assertion, date: r.date }).toEqual(
        record && { type: record.type, assertion: record.assertion, date: record.date },
      );
      expect(r.rank).toBe(curated++);
    });
    expect(loaded.records.decoded).toBe(0);
    expect([curated, mentions > 0]).toEqual([input.relations.length, true]);
    expect(input.relations.some((r) => r.date)).toBe(true);
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
