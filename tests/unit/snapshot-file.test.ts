import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreferringSnapshot } from '../../src/cli/build.js';
import { generateCorpus } from '../../src/graph/generate.js';
import { loadGraphData } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import {
  readSnapshotFile,
  readSnapshotHeader,
  SNAPSHOT_FORMAT_VERSION,
  writeSnapshotFile,
} from '../../src/graph/snapshot-file.js';
import type { RelationRecord } from '../../src/model/records.js';

const relations = (s: Snapshot) => {
  const out: RelationRecord[] = [];
  s.graph.forEachEdge((_e, r) => {
    out.push(r);
  });
  return out;
};

function expectSame(loaded: Snapshot, original: Snapshot) {
  expect(loaded.version).toBe(original.version);
  expect(loaded.counts()).toEqual(original.counts());
  expect(loaded.documents()).toEqual(original.documents());
  expect(loaded.entities()).toEqual(original.entities());
  expect(relations(loaded)).toEqual(relations(original));
  expect(loaded.graph.order).toBe(original.graph.order);
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'reform-graph-snapshot-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('snapshot file round trip', () => {
  it('keeps the bundled graph-data exactly', () => {
    const original = loadGraphData('graph-data');
    const path = join(root, 'bundled.snapshot');
    const size = writeSnapshotFile(original, path);
    expect(statSync(path).size).toBe(size);
    expect(readSnapshotHeader(path)).toMatchObject({
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      version: original.version,
    });
    expectSame(readSnapshotFile(path), original);
  });

  it('keeps a generated corpus exactly', () => {
    generateCorpus({ entities: 1000, out: join(root, 'gen'), seed: 7 });
    const original = loadGraphData(join(root, 'gen'));
    const path = join(root, 'gen.snapshot');
    writeSnapshotFile(original, path);
    expectSame(readSnapshotFile(path), original);
  });
});

describe('damaged snapshot files give a clear error', () => {
  let good: Buffer;
  beforeAll(() => {
    const path = join(root, 'good.snapshot');
    writeSnapshotFile(loadGraphData('graph-data'), path);
    good = readFileSync(path);
  });

  const write = (name: string, bytes: Buffer) => {
    const path = join(root, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('rejects a truncated file', () => {
    const path = write('cut.snapshot', good.subarray(0, Math.floor(good.length / 2)));
    expect(() => readSnapshotFile(path)).toThrow(/truncated/);
  });

  it('rejects a file cut at a frame boundary (no end marker)', () => {
    // The end frame is the last one: 9 bytes of frame head plus its JSON counts.
    const tail = good.lastIndexOf(Buffer.from('{"documents"'));
    const path = write('no-end.snapshot', good.subarray(0, tail - 9));
    expect(() => readSnapshotFile(path)).toThrow(/truncated: no end marker/);
  });

  it('rejects a corrupted byte', () => {
    const bad = Buffer.from(good);
    const at = Math.floor(bad.length / 2);
    bad[at] = (bad[at] ?? 0) ^ 0xff;
    expect(() => readSnapshotFile(write('flip.snapshot', bad))).toThrow(/corrupted: checksum mismatch/);
  });

  it('rejects a file that is not a snapshot', () => {
    expect(() => readSnapshotFile(write('yaml.snapshot', Buffer.from('id: x\n')))).toThrow(
      /not a reform-graph snapshot/,
    );
  });
});

describe('loadPreferringSnapshot', () => {
  it('uses the file only when it is newer than everything under the data directory', () => {
    const data = join(root, 'pref-data');
    generateCorpus({ entities: 100, out: data, seed: 3 });
    const path = join(root, 'pref.snapshot');
    writeSnapshotFile(loadGraphData(data), path);
    const future = new Date(Date.now() + 60_000);
    utimesSync(path, future, future);
    expect(loadPreferringSnapshot(data, path).from).toBe('snapshot');
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(path, past, past);
    expect(loadPreferringSnapshot(data, path).from).toBe('data');
    expect(loadPreferringSnapshot(data, join(root, 'missing.snapshot')).from).toBe('data');
  });
});
