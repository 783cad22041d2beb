import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreferringSnapshot } from '../../src/cli/build.js';
import { adjacencyOf } from '../../src/graph/adjacency.js';
import { generateCorpus } from '../../src/graph/generate.js';
import { loadGraphData } from '../../src/graph/load.js';
import { plainEntity, plainRelation } from '../../src/graph/record-store.js';
import { Snapshot } from '../../src/graph/snapshot.js';
import {
  readSnapshotFile,
  readSnapshotHeader,
  SNAPSHOT_FORMAT_VERSION,
  SnapshotFileError,
  snapshotInputOf,
  writeSnapshotFile,
} from '../../src/graph/snapshot-file.js';
import type { RelationRecord } from '../../src/model/records.js';

/** Every relation, MENTIONS included, as a plain copy: the graph's own objects decode lazily. */
const relations = (s: Snapshot) => {
  const out: RelationRecord[] = [];
  s.graph.forEachEdge((_e, r) => {
    out.push(plainRelation(r));
  });
  return out;
};

function expectSame(loaded: Snapshot, original: Snapshot) {
  expect(loaded.version).toBe(original.version);
  expect(loaded.counts()).toEqual(original.counts());
  expect(loaded.documents()).toEqual(original.documents());
  expect(loaded.entities().map(plainEntity)).toEqual(original.entities().map(plainEntity));
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

/** The frames of a snapshot file: [tag, payload] after the magic bytes. */
function frames(file: Buffer): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32LE(at);
    out.push([file.toString('latin1', at + 8, at + 9), file.subarray(at + 9, at + 9 + length)]);
    at += 9 + length;
  }
  return out;
}

/** A snapshot file from frames, each with a correct checksum: damage the checks past the CRC must catch. */
function unframe(list: [string, Buffer][]): Buffer {
  const parts: Buffer[] = [Buffer.from('RGSNAP\r\n', 'latin1')];
  for (const [tag, payload] of list) {
    const head = Buffer.alloc(9);
    head.writeUInt32LE(payload.length, 0);
    head.writeUInt32LE(crc32(payload), 4);
    head.write(tag, 8, 'latin1');
    parts.push(head, payload);
  }
  return Buffer.concat(parts);
}

describe('the relation order stored in the file (frame A, format 6)', () => {
  let good: Buffer;
  let original: Snapshot;
  beforeAll(() => {
    original = loadGraphData('graph-data');
    const path = join(root, 'order.snapshot');
    writeSnapshotFile(original, path);
    good = readFileSync(path);
  });
  const write = (name: string, bytes: Buffer) => {
    const path = join(root, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('is read back and is the order the adjacency sorts ids into', () => {
    const loaded = readSnapshotFile(write('order-ok.snapshot', good));
    const stored = loaded.relationOrder;
    expect(stored?.length).toBe(original.graph.size);
    const a = adjacencyOf(loaded);
    // The adjacency took the stored order rather than sorting (same array, dropped from the snapshot).
    expect(a.order).toBe(stored);
    expect(loaded.relationOrder).toBeUndefined();
    expect(a.edgeIds).toEqual(adjacencyOf(original).edgeIds);
  });

  it('rejects an order section cut short, with a typed error', () => {
    const cut = frames(good).map(([tag, p]): [string, Buffer] => [tag, tag === 'A' ? p.subarray(4) : p]);
    const path = write('order-cut.snapshot', unframe(cut));
    expect(() => readSnapshotFile(path)).toThrow(SnapshotFileError);
    expect(() => readSnapshotFile(path)).toThrow(/corrupted: the relation order holds \d+ places for \d+ relations/);
  });

  it('rejects an order that lists a relation twice (checksum intact)', () => {
    const twice = frames(good).map(([tag, p]): [string, Buffer] => {
      if (tag !== 'A') return [tag, p];
      const copy = Buffer.from(p);
      copy.writeUInt32LE(copy.readUInt32LE(0), 4);
      return [tag, copy];
    });
    expect(() => readSnapshotFile(write('order-twice.snapshot', unframe(twice)))).toThrow(
      /corrupted: the relation order lists relation \d+ twice/,
    );
  });

  it('rejects a format 6 file without the order', () => {
    const none = frames(good).filter(([tag]) => tag !== 'A');
    expect(() => readSnapshotFile(write('order-none.snapshot', unframe(none)))).toThrow(
      /corrupted: the relation order holds 0 places/,
    );
  });

  it('sorts again when the stored order is not the collator order here (another ICU or locale)', () => {
    const swapped = frames(good).map(([tag, p]): [string, Buffer] => {
      if (tag !== 'A') return [tag, p];
      const copy = Buffer.from(p);
      copy.writeUInt32LE(p.readUInt32LE(4), 0);
      copy.writeUInt32LE(p.readUInt32LE(0), 4);
      return [tag, copy];
    });
    const loaded = readSnapshotFile(write('order-swapped.snapshot', unframe(swapped)));
    expect(adjacencyOf(loaded).edgeIds).toEqual(adjacencyOf(original).edgeIds);
  });

  it('still reads a format 5 file (no frame A): the order is sorted at start, answers the same', () => {
    const v5 = frames(good)
      .filter(([tag]) => tag !== 'A')
      .map(([tag, p]): [string, Buffer] => {
        if (tag !== 'H') return [tag, p];
        const header = JSON.parse(p.toString('utf8'));
        return [tag, Buffer.from(JSON.stringify({ ...header, formatVersion: 5 }))];
      });
    const loaded = readSnapshotFile(write('v5.snapshot', unframe(v5)));
    expect(loaded.relationOrder).toBeUndefined();
    expectSame(loaded, original);
    expect(adjacencyOf(loaded).edgeIds).toEqual(adjacencyOf(original).edgeIds);
    expect(Array.from(adjacencyOf(loaded).source)).toEqual(Array.from(adjacencyOf(original).source));
  });
});

describe('the search-index frames are read from the file when search loads (not held from start-up)', () => {
  it('answers searches the same as the snapshot written, even after the file was replaced', async () => {
    const original = loadGraphData('graph-data');
    const path = join(root, 'search.snapshot');
    writeSnapshotFile(original, path);
    const loaded = readSnapshotFile(path);
    // `build` renames a new file over the old one: the loaded snapshot keeps reading its own.
    generateCorpus({ entities: 300, out: join(root, 'other'), seed: 3 });
    writeSnapshotFile(loadGraphData(join(root, 'other')), path);
    await loaded.loadSearch();
    for (const query of ['public security', 'ministry', 'reform']) {
      const hits = (s: Snapshot) =>
        s.search.search(query, { first: 10 }).map((h) => [h.entity.id, h.score, h.matchedText]);
      expect(hits(loaded)).toEqual(hits(original));
      expect(hits(loaded).length).toBeGreaterThan(0);
    }
    for (const query of ['public security bureau', 'household registration']) {
      const passages = (s: Snapshot) => JSON.stringify(s.passages.search(query));
      expect(passages(loaded)).toEqual(passages(original));
      expect(loaded.passages.search(query).length).toBeGreaterThan(0);
    }
  });

  it('still checks their checksums while loading', () => {
    const good = readFileSync(join(root, 'bundled.snapshot'));
    const s = frames(good);
    const at = s.findIndex(([tag]) => tag === 'P');
    const offset = 8 + s.slice(0, at).reduce((n, [, p]) => n + 9 + p.length, 0) + 9 + 3;
    const bad = Buffer.from(good);
    bad[offset] = (bad[offset] ?? 0) ^ 0xff;
    const path = join(root, 'bad-p.snapshot');
    writeFileSync(path, bad);
    expect(() => readSnapshotFile(path)).toThrow(/corrupted: checksum mismatch in frame "P"/);
  });
});

describe('loadPreferringSnapshot binds a snapshot file to its data', () => {
  let data: string;
  let path: string;
  beforeAll(() => {
    data = join(root, 'pref-data');
    cpSync('graph-data', data, { recursive: true });
    path = join(root, 'pref.snapshot');
    writeSnapshotFile(loadGraphData(data), path);
  });

  it('uses the file for the data it was built from, whatever the mtimes say', () => {
    // Content, not time: a checkout or copy that touches every file changes nothing.
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(data, 'knowledge/common.yaml'), future, future);
    const loaded = loadPreferringSnapshot(data, path);
    expect(loaded).toMatchObject({ from: 'snapshot', rejected: false });
    expect(loaded.snapshot.data?.hash).toBe(readSnapshotHeader(path).data?.hash);
  });

  it('never serves a snapshot of another corpus (generate + build, then serve the bundled data)', () => {
    const gen = join(root, 'gen-500');
    generateCorpus({ entities: 500, out: gen, seed: 5 });
    const genSnapshot = join(root, 'gen-500.snapshot');
    writeSnapshotFile(loadGraphData(gen), genSnapshot);
    const loaded = loadPreferringSnapshot(data, genSnapshot);
    expect(loaded.from).toBe('data');
    expect(loaded.rejected).toBe(true);
    expect(loaded.reason).toMatch(/not a snapshot of .*pref-data/);
    expect(loaded.snapshot.entities().length).toBe(loadGraphData('graph-data').entities().length);
  });

  it('loads the data when a file it was built from changed or one was added', () => {
    const file = join(data, 'knowledge/common.yaml');
    const text = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, `${text}\n# an edit\n`);
      expect(loadPreferringSnapshot(data, path)).toMatchObject({ from: 'data', rejected: true });
      writeFileSync(file, text);
      expect(loadPreferringSnapshot(data, path).from).toBe('snapshot');
      // A new knowledge file, even one the loader would read as empty of records.
      writeFileSync(join(data, 'knowledge/zz-new.yaml'), 'entities: []\n');
      expect(loadPreferringSnapshot(data, path).reason).toMatch(/files/);
    } finally {
      writeFileSync(file, text);
      rmSync(join(data, 'knowledge/zz-new.yaml'), { force: true });
    }
    expect(loadPreferringSnapshot(data, path).from).toBe('snapshot');
  });

  it('says why a damaged snapshot file is not used instead of skipping it silently', () => {
    const cut = join(root, 'pref-cut.snapshot');
    const good = readFileSync(path);
    writeFileSync(cut, good.subarray(0, good.length - 100));
    const loaded = loadPreferringSnapshot(data, cut);
    expect(loaded).toMatchObject({ from: 'data', rejected: true });
    expect(loaded.reason).toMatch(/truncated/);
    writeFileSync(cut, 'not a snapshot');
    expect(loadPreferringSnapshot(data, cut).reason).toMatch(/not a reform-graph snapshot/);
  });

  it('refuses a file written by an older format without the binding', () => {
    const old = Buffer.from(readFileSync(path));
    // The header frame's JSON: swap the version digit in place (same length, checksum fixed).
    const head = old.indexOf(Buffer.from('"formatVersion":'));
    const at = head + '"formatVersion":'.length;
    old.write('1', at, 'latin1');
    const length = old.readUInt32LE(8);
    old.writeUInt32LE(crc32(old.subarray(17, 17 + length)), 12);
    const file = join(root, 'old.snapshot');
    writeFileSync(file, old);
    expect(loadPreferringSnapshot(data, file).reason).toMatch(/format version 1 is not supported/);
  });

  it('a missing file is no warning', () => {
    expect(loadPreferringSnapshot(data, join(root, 'missing.snapshot'))).toMatchObject({
      from: 'data',
      rejected: false,
    });
  });
});

describe('writing a snapshot file is atomic', () => {
  it('leaves the previous file untouched and no temporary file when a write fails half-way', () => {
    const dir = join(root, 'atomic');
    mkdirSync(dir);
    const path = join(dir, 'graph-data.snapshot');
    const good = loadGraphData('graph-data');
    writeSnapshotFile(good, path);
    const before = readFileSync(path);
    // A relation citing a document the file has no index for fails after the header, the
    // documents and every entity frame are written: a partial file, if it were the target.
    const input = snapshotInputOf(good);
    const broken = new Snapshot({
      ...input,
      relations: [
        ...input.relations,
        {
          ...(input.relations[0] as RelationRecord),
          id: 'rel/broken',
          evidence: [{ document: 'nope', quote: 'x', start: 0, end: 1, context: 'BODY' }],
        },
      ],
    });
    expect(() => writeSnapshotFile(broken, path)).toThrow(/unknown document/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['graph-data.snapshot']);
    expect(readSnapshotFile(path).version).toBe(good.version);
  });
});
