/**
 * A record section left in the snapshot file (issue 20, lazy records). The entity and relation
 * sections (frames E and Q) were read whole into memory at load: 22 MB of ArrayBuffers at 100k
 * entities, ~230 MB at 1M, plus a second copy while the frames were joined. A record is read
 * only when a resolver asks for a field its head lacks, and the LRU of decoded records in front
 * of this (record-store.ts) absorbs most asks. So the bytes stay in the file: at load each
 * frame's checksum is checked in small reads as before, and a CRC-32 is also taken for every
 * 64 KB block. A record is then read through a descriptor opened at load. `build` renames a
 * new file over the old one, so the descriptor keeps reading the file that was loaded. Each
 * block is checked against its CRC when read, so a file rewritten in place is refused. A few
 * recently read blocks are kept, so reading records in order (writing a loaded snapshot again,
 * building a search index) costs one read per block, not one per record.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { Lru } from './lru.js';
import type { RecordBytes } from './record-store.js';

/** Bytes per checked block. */
export const SECTION_BLOCK = 64 * 1024;
/** Blocks kept after reading: consecutive records share a block. */
const BLOCKS_KEPT = 8;

/** Where the section's blocks are, in section order, as taken while the frames were checked. */
export class SectionBlocks {
  /** Offset of each block in the section (the frames' payloads joined). */
  readonly start: number[] = [];
  /** Its position in the file. */
  readonly at: number[] = [];
  readonly length: number[] = [];
  readonly crc: number[] = [];
  /** The section's length so far. */
  total = 0;

  /** The next block: `bytes` were read at `at` (and are not kept). */
  add(at: number, bytes: Buffer): void {
    this.start.push(this.total);
    this.at.push(at);
    this.length.push(bytes.length);
    this.crc.push(crc32(bytes));
    this.total += bytes.length;
  }

  /** Appends another frame's blocks. */
  append(more: SectionBlocks): void {
    for (let b = 0; b < more.start.length; b++) {
      this.start.push(this.total);
      this.at.push(more.at[b] as number);
      this.length.push(more.length[b] as number);
      this.crc.push(more.crc[b] as number);
      this.total += more.length[b] as number;
    }
  }
}

/** A record section whose bytes are read from the snapshot file when a record is asked for. */
export class FileRecordSection implements RecordBytes {
  private fd?: number;
  private readonly blocks = new Lru<Buffer>(BLOCKS_KEPT);
  /** Blocks read from the file so far (cache misses): what tests and benches watch. */
  reads = 0;

  constructor(
    readonly path: string,
    private readonly where: SectionBlocks,
    readonly offsets: Uint32Array,
  ) {
    this.fd = openSync(path, 'r');
    closeUnused.register(this, this.fd);
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  text(i: number): string {
    const from = this.offsets[i] as number;
    const to = this.offsets[i + 1] as number;
    if (to <= from) return '';
    const { start } = this.where;
    let b = this.blockOf(from);
    const first = this.block(b);
    const offset = from - (start[b] as number);
    if (to - (start[b] as number) <= first.length) return first.toString('utf8', offset, to - (start[b] as number));
    // Across blocks (or frames): joined before decoding, so a character split by the edge stays whole.
    const pieces = [first.subarray(offset)];
    let got = first.length - offset;
    while (got < to - from) {
      const next = this.block(++b);
      const need = Math.min(next.length, to - from - got);
      pieces.push(next.subarray(0, need));
      got += need;
    }
    return Buffer.concat(pieces, to - from).toString('utf8');
  }

  /** The whole section, for writing a loaded snapshot to a file again. */
  get bytes(): Buffer {
    const all = Buffer.allocUnsafe(this.where.total);
    for (let b = 0; b < this.where.start.length; b++) this.block(b).copy(all, this.where.start[b]);
    return all;
  }

  /** The last block starting at or before `offset`. */
  private blockOf(offset: number): number {
    const { start } = this.where;
    let lo = 0;
    let hi = start.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((start[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private block(b: number): Buffer {
    const key = String(b);
    const kept = this.blocks.get(key);
    if (kept) return kept;
    const fd = this.fd;
    if (fd === undefined) throw new Error(`snapshot file ${this.path}: closed`);
    const at = this.where.at[b] as number;
    const length = this.where.length[b] as number;
    const bytes = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, bytes, got, length - got, at + got);
      if (n === 0) break;
      got += n;
    }
    if (got < length || crc32(bytes) !== this.where.crc[b]) {
      throw new Error(`snapshot file ${this.path}: a record block at byte ${at} changed since it was loaded`);
    }
    this.reads++;
    this.blocks.set(key, bytes);
    return bytes;
  }
}

const closeUnused = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});
