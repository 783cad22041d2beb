/**
 * `build` writes its snapshot file from the encoded records, without building the graph
 * (issue 20: the graph was a third of a 1M build). The file must be the same bytes a Snapshot
 * of the same data writes, and its relation order (frame A) the plain collator sort's.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/cli/build.js';
import { compareIds, endOrder, idOrder } from '../../src/graph/adjacency.js';
import { generateCorpus } from '../../src/graph/generate.js';
import { loadGraphData } from '../../src/graph/load.js';
import { encodeSnapshotInput, Snapshot } from '../../src/graph/snapshot.js';
import { readSnapshotFile, snapshotInputOf, writeSnapshotFile } from '../../src/graph/snapshot-file.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'reform-graph-build-write-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The relation order as adjacency.ts sorted it before the hint: a stable sort by localeCompare. */
function plainOrder(ids: readonly string[]): Uint32Array {
  return Uint32Array.from({ length: ids.length }, (_, i) => i).sort((a, b) =>
    (ids[a] as string).localeCompare(ids[b] as string),
  );
}

describe('build writes without a graph', () => {
  it.each([true, false])('the same bytes as a Snapshot of the bundled data (search indexes %s)', async (indexes) => {
    const built = join(root, `bundled-${indexes}.snapshot`);
    expect(await runBuild({ dataDir: 'graph-data', out: built, searchIndexes: indexes }, () => {})).toBe(0);
    const fromGraph = join(root, `bundled-graph-${indexes}.snapshot`);
    writeSnapshotFile(loadGraphData('graph-data'), fromGraph, { searchIndexes: indexes });
    expect(sha(built)).toBe(sha(fromGraph));
  });

  it('the same bytes as a Snapshot of a generated corpus, with the plain sort as frame A', async () => {
    const data = join(root, 'corpus');
    generateCorpus({ entities: 1500, out: data, seed: 7 });
    const built = join(root, 'generated.snapshot');
    expect(await runBuild({ dataDir: data, out: built, searchIndexes: false }, () => {})).toBe(0);
    const fromGraph = join(root, 'generated-graph.snapshot');
    writeSnapshotFile(loadGraphData(data), fromGraph, { searchIndexes: false });
    expect(sha(built)).toBe(sha(fromGraph));
    const loaded = readSnapshotFile(built);
    expect(loaded.relationOrder).toEqual(plainOrder(loaded.graph.edges()));
  });

  it('refuses input whose graph graphology would refuse: a relation id used twice', () => {
    const input = snapshotInputOf(loadGraphData('graph-data'));
    const twice = { ...input, relations: [...input.relations, input.relations[0] as (typeof input.relations)[0]] };
    expect(() => writeSnapshotFile(encodeSnapshotInput(twice), join(root, 'twice.snapshot'))).toThrow(/used twice/);
    expect(() => new Snapshot(twice)).toThrow();
  });
});

describe('idOrder', () => {
  const ids = [
    'rel/organ/a-b-HEADS->organ/c',
    'rel/organ/a-HEADS->organ/c',
    'rel/source/x-MENTIONS->organ/a',
    'explicit-9',
    'rel/organ/a-HEADS->organ/c-d',
    'ab',
    'a\u0000b', // the collator finds it equal to "ab": ties keep their place
    'Rel/Organ/A-HEADS->organ/c',
    'rel/organ/a-b-ADOPTED->organ/c',
  ];
  it('is the stable collator sort whatever the hint', () => {
    const expected = plainOrder(ids);
    expect(compareIds('ab', 'a\u0000b')).toBe(0);
    expect(idOrder(ids)).toEqual(expected);
    const reversed = Int32Array.from(ids.keys()).reverse();
    expect(idOrder(ids, reversed)).toEqual(expected);
    const shuffled = Int32Array.from([4, 8, 0, 6, 2, 7, 5, 3, 1]);
    expect(idOrder(ids, shuffled)).toEqual(expected);
  });

  it('takes endOrder as a hint only: source rank, type name, target rank, then the collator', () => {
    // Ranks of four nodes; type indices as RELATION_TYPE_NAMES has them do not matter here.
    const source = Int32Array.from([1, 0, 0, 2]);
    const target = Int32Array.from([3, 3, 2, 0]);
    const type = new Uint8Array(4);
    expect(Array.from(endOrder(source, type, target, 4) ?? [])).toEqual([2, 1, 0, 3]);
    expect(endOrder(Int32Array.from([0, -1]), new Uint8Array(2), Int32Array.from([1, 1]), 2)).toBeUndefined();
  });
});
