import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { plainEntity, plainRelation } from '../../src/graph/record-store.js';
import { FileRecordSection, SECTION_BLOCK, SectionBlocks } from '../../src/graph/section-file.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { readSnapshotFile, writeSnapshotFile } from '../../src/graph/snapshot-file.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'reform-graph-sections-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * A file holding `records` back to back, split into two "frames" with other bytes between
 * them, the blocks noted as the snapshot reader notes them.
 */
function sectionFile(records: string[], cut: number): { path: string; section: FileRecordSection; bytes: Buffer } {
  const bytes = Buffer.from(records.join(''), 'utf8');
  const offsets = new Uint32Array(records.length + 1);
  for (const [i, r] of records.entries()) offsets[i + 1] = (offsets[i] as number) + Buffer.byteLength(r, 'utf8');
  const gap = Buffer.from('-frame head-');
  const file = Buffer.concat([gap, bytes.subarray(0, cut), gap, bytes.subarray(cut)]);
  const path = join(root, `section-${cut}.bin`);
  writeFileSync(path, file);
  const blocks = new SectionBlocks();
  const frames = [
    { at: gap.length, part: bytes.subarray(0, cut) },
    { at: 2 * gap.length + cut, part: bytes.subarray(cut) },
  ];
  for (const { at, part } of frames) {
    for (let b = 0; b < part.length; b += SECTION_BLOCK) {
      blocks.add(at + b, part.subarray(b, Math.min(part.length, b + SECTION_BLOCK)));
    }
  }
  return { path, section: new FileRecordSection(path, blocks, offsets), bytes };
}

describe('record sections left in the file', () => {
  // Multi-byte characters, some records longer than a block, so records straddle blocks and the frame cut.
  const records = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify({ i, note: `ø€𝄞 ${'x'.repeat((i * 37) % 200)}`, long: i % 500 === 7 ? 'é'.repeat(70_000) : '' }),
  );

  it('reads every record back as written, across blocks and frames', () => {
    const { section, bytes } = sectionFile(records, 150_001);
    expect(section.length).toBe(records.length);
    for (const [i, r] of records.entries()) expect(section.text(i)).toBe(r);
    expect(section.bytes.equals(bytes)).toBe(true);
  });

  it('reads a block once while it is kept: records in order cost one read per block', () => {
    const { section, bytes } = sectionFile(records, 150_001);
    for (let i = 0; i < records.length; i++) section.text(i);
    const blocks = Math.ceil(150_001 / SECTION_BLOCK) + Math.ceil((bytes.length - 150_001) / SECTION_BLOCK);
    expect(section.reads).toBe(blocks);
  });

  it('refuses a block changed in the file since it was loaded', () => {
    const { path, section } = sectionFile(records, 150_001);
    const file = readFileSync(path);
    file[200_000] = file[200_000] === 0x78 ? 0x79 : 0x78;
    writeFileSync(path, file);
    expect(section.text(0)).toBe(records[0]);
    const last = records.length - 1;
    expect(() => {
      for (let i = 0; i <= last; i++) section.text(i);
    }).toThrow(/changed since it was loaded/);
  });
});

describe('a snapshot file read with its sections left in it', () => {
  let original: Snapshot;
  let path: string;
  beforeAll(() => {
    original = loadGraphData('graph-data');
    path = join(root, 'graph.snapshot');
    writeSnapshotFile(original, path);
  });

  it('gives every record as the loaded data does, and writes the same file again', () => {
    const loaded = readSnapshotFile(path);
    expect(loaded.records.entitySection).toBeInstanceOf(FileRecordSection);
    expect(loaded.records.relationSection).toBeInstanceOf(FileRecordSection);
    for (const e of original.entities()) {
      expect(JSON.stringify(loaded.entityRecord(e.id))).toBe(JSON.stringify(plainEntity(e)));
    }
    original.graph.forEachEdge((id, r) => {
      expect(JSON.stringify(loaded.relationRecord(id))).toBe(JSON.stringify(plainRelation(r)));
    });
    const again = join(root, 'again.snapshot');
    writeSnapshotFile(loaded, again, {});
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });
});
