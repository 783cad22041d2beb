/**
 * A built snapshot on disk, so `serve` can start without re-reading and re-validating YAML.
 *
 * Layout: an 8-byte magic, then frames. A frame is [u32 payload length][u32 CRC-32][u8 tag]
 * then the payload, UTF-8 JSON. Frames, not one JSON document, because V8 strings stop at
 * ~512 MB and a million-entity graph is bigger than that; each frame holds a chunk of records
 * (a few MB), so writing and reading stream and the CRC pins corruption to one frame.
 *
 *   H  header: format name and version, the reform-graph version that wrote it, graph-data
 *      content hash, what it was built from (DataBinding: a hash over the files the loader
 *      read), counts
 *   F  the table of graph-data file names (records point at it by index)
 *   D  documents (full records, texts included; a reader leaves the texts in the file and
 *      reads one when asked for it, see document-texts.ts)
 *   N  entity heads, in the snapshot's order (sorted by id; the index is the id rank): what the
 *      graph node holds eagerly, [id, kind index, cited document indices, date, start, end,
 *      outcome] (0 for an absent field)
 *   E  binary: the entity records section, the records' bytes back to back, left in the file
 *      when read (section-file.ts; record-store.ts
 *      gives the encoding of one record: UTF-8 JSON of the fields the head lacks)
 *   O  binary: its offsets, Uint32 little-endian, one per record plus the end
 *   R  curated relation heads in graph insertion order: [type index, source entity index,
 *      target entity index, explicit id or null for the default, assertion index, date or 0];
 *      MENTIONS are derived again from the entities' cited documents
 *   Q  binary: the relation records section; U  binary: its offsets
 *   A  binary: the relations' id order (format 6), Uint32 little-endian, one per graph edge
 *      (curated relations in R order, then the derived MENTIONS: entity by entity in N order,
 *      each entity's cited documents in order), the edge's place in that order listed by id
 *      rank (compareIds, adjacency.ts). `build` sorts once so `serve` skips a sort of every
 *      relation id (most of its traversal start-up); the reader checks it is a permutation of
 *      the right length, the adjacency that it is still the collator's order here.
 *   I, S, P  the full-text indexes (see "Full-text indexes" below); absent in older files
 *   Z  end marker repeating the counts, so a truncated file is never taken as complete
 * Binary sections are split over frames of a few MB like the others. Offsets and the relation
 * order are joined into one buffer when read; the record sections' bytes (E, Q) are checked and
 * left in the file, and a record is read from it only when something asks for it (lazy records,
 * issue 20, section-file.ts), so loading costs the heads and offsets.
 *
 * Compactness (size and, mostly, heap after load): evidence is stored as offsets only and
 * its quote is sliced back out of the document text (the loader guaranteed
 * `text.slice(start, end) === quote`); relation endpoints are entity indices, so source,
 * target and entity id share one string; a relation's default id `rel/source-TYPE->target`
 * is not stored; file names are interned.
 *
 * Adding a section: give it a new tag, write it before Z, and bump SNAPSHOT_FORMAT_VERSION; a
 * reader refuses other versions and unknown tags, and `serve` then loads the data instead.
 *
 * Written to a temporary file beside the target and renamed over it once complete and synced,
 * so a build that is killed or fails leaves the previous snapshot file as it was.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { AsPlainObject } from 'minisearch';
import type { PartialDate } from '../model/dates.js';
import {
  ASSERTION_NAMES,
  type Assertion,
  ENTITY_KIND_NAMES,
  RELATION_TYPE_NAMES,
  type RelationType,
} from '../model/ontology.js';
import type { OutcomeFields, SourceDocumentRecord } from '../model/records.js';
import { adjacencyOf, compareIds, endOrder, idOrder } from './adjacency.js';
import type { DataBinding } from './data-hash.js';
import { DocumentTexts } from './document-texts.js';
import { IndexWriter } from './index-writer.js';
import { forEachJsonRow } from './json-rows.js';
import { cutPassages, indexOptions as passageIndexOptions } from './passages.js';
import {
  type EntityHead,
  type LazyEntity,
  type LazyRelation,
  plainEntity,
  plainRelation,
  type RecordBytes,
  RecordCodec,
  RecordSection,
  RecordStore,
  RelationColumns,
} from './record-store.js';
import { indexOptions as entityIndexOptions } from './search.js';
import { FileRecordSection, SECTION_BLOCK, SectionBlocks } from './section-file.js';
import {
  type EncodedSnapshotInput,
  relationIdAt,
  type SearchIndexData,
  Snapshot,
  type SnapshotInput,
} from './snapshot.js';

export const SNAPSHOT_FORMAT = 'reform-graph-snapshot';
/**
 * 2: the header binds the file to its data (`data`) and to the code that wrote it (`producer`).
 * 3: the full-text indexes are stored in frames S and P.
 * 4: relations carry an assertion, evidence a context (issue 18).
 * 5: records are split into heads (N, R) and encoded sections (E/O, Q/U) read without parsing.
 * 6: the relations' id order is stored (frame A), so loading does not sort the relation ids.
 */
export const SNAPSHOT_FORMAT_VERSION = 6;
/**
 * Older versions this reader still takes: 5 differs only by lacking frame A, and the order is
 * then sorted at start as before (seconds at 100k entities; `reform-graph build` writes a 6).
 */
const READABLE_FORMAT_VERSIONS: ReadonlySet<number> = new Set([5, SNAPSHOT_FORMAT_VERSION]);

/**
 * The reform-graph version (package.json) of this code: a snapshot written by another version
 * may hold records its loader produced differently, so serve does not use it.
 */
export const PRODUCER: string = (() => {
  try {
    // src/graph/ and dist/graph/ both sit two levels below the package root.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return `${pkg.name}@${pkg.version}`;
  } catch {
    return 'reform-graph@unknown';
  }
})();
const MAGIC = Buffer.from('RGSNAP\r\n', 'latin1');
const FRAME_HEAD = 9;
/** Flush a frame once its records reach about this many bytes of JSON. */
const FRAME_BYTES = 4 * 1024 * 1024;

export interface SnapshotFileHeader {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly formatVersion: number;
  /** `name@version` of the reform-graph that wrote it (PRODUCER). */
  readonly producer: string;
  /** The graph-data content hash (Snapshot.version), as served in `extensions.snapshotVersion`. */
  readonly version: string;
  /** What it was built from; null when written from a snapshot that was not loaded from files. */
  readonly data: DataBinding | null;
  readonly counts: { readonly documents: number; readonly entities: number; readonly relations: number };
}

export class SnapshotFileError extends Error {
  constructor(path: string, reason: string) {
    super(`snapshot file ${path}: ${reason}`);
    this.name = 'SnapshotFileError';
  }
}

/** An entity head on disk (frame N); 0 stands for an absent field. */
type EntityHeadRow = [string, number, number[], PartialDate | 0, PartialDate | 0, PartialDate | 0, OutcomeFields | 0];
/** A curated relation head on disk (frame R). */
type RelationHeadRow = [number, number, number, string | null, number, PartialDate | 0];

/** Frames whose payload is bytes, not JSON. */
const BINARY_TAGS = new Set(['O', 'U', 'A']);
/**
 * The record sections' frames: checked at load and left in the file, read a block at a time when
 * a record is asked for (section-file.ts).
 */
const FILE_SECTION_TAGS = new Set(['E', 'Q']);
/**
 * JSON frames of the search indexes, parsed on first use: `Snapshot.loadSearch` reads them once
 * `serve` listens, so they neither delay start-up nor cost a layout process (which never
 * searches) anything. The index header (I) is kept as bytes; the term frames (S, P, ~50 MB at
 * 100k entities) are not even kept: their checksum is checked in small reads while loading, and
 * their bytes are read from the file again when parsed (see SearchIndexReader).
 */
const DEFERRED_TAGS = new Set(['I']);
/**
 * JSON frames of many small rows (entity and relation heads), handed over as bytes and parsed a
 * slice of rows at a time (RowSlices). JSON.parse of a whole 4 MB frame holds its ~100k row
 * arrays alive across several scavenges, so V8 promotes them to old space, where they die once
 * copied into the heads and columns: at 100k entities ~70 MB of garbage that raised the old
 * space's high-water mark, and V8 keeps those pages committed after the load. A slice's rows
 * die young.
 */
const ROW_TAGS = new Set(['N', 'R']);
const REREAD_TAGS = new Set(['S', 'P']);
/** Where a frame's payload sits in the file, for frames read again later (REREAD_TAGS). */
interface FrameSpan {
  readonly at: number;
  readonly length: number;
  readonly crc: number;
}

/**
 * Joined, not a template literal: V8 builds `a${b}c` as a tree of cons strings that the first
 * collator comparison flattens into a second copy, about 30 B more per relation held for the
 * snapshot's life (16 MB at 100k entities); `join` makes the flat string at once.
 */
const defaultRelationId = (source: string, type: string, target: string) =>
  ['rel/', source, '-', type, '->', target].join('');

// ---------------------------------------------------------------------------------------------
// Writing

class FrameWriter {
  private readonly fd: number;
  private rows: string[] = [];
  private bytes = 0;
  private tag = '';
  size = MAGIC.length;

  constructor(path: string) {
    this.fd = openSync(path, 'wx');
    writeSync(this.fd, MAGIC);
  }

  frame(tag: string, payload: string | Buffer): void {
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    const head = Buffer.alloc(FRAME_HEAD);
    head.writeUInt32LE(body.length, 0);
    head.writeUInt32LE(crc32(body), 4);
    head.write(tag, 8, 'latin1');
    writeSync(this.fd, head);
    writeSync(this.fd, body);
    this.size += FRAME_HEAD + body.length;
  }

  /** One frame whose payload is the UTF-8 of `parts` end to end: no one string of it all. */
  frameParts(tag: string, parts: Iterable<string>): void {
    const chunks: Buffer[] = [];
    let length = 0;
    let crc = 0;
    for (const part of parts) {
      const chunk = Buffer.from(part, 'utf8');
      chunks.push(chunk);
      length += chunk.length;
      crc = crc32(chunk, crc);
    }
    const head = Buffer.alloc(FRAME_HEAD);
    head.writeUInt32LE(length, 0);
    head.writeUInt32LE(crc, 4);
    head.write(tag, 8, 'latin1');
    writeSync(this.fd, head);
    for (const chunk of chunks) writeSync(this.fd, chunk);
    this.size += FRAME_HEAD + length;
  }

  /** Bytes split over frames of at most FRAME_BYTES (a reader joins them again). */
  bytesFrames(tag: string, bytes: Buffer): void {
    for (let at = 0; at < bytes.length; at += FRAME_BYTES) {
      this.frame(tag, bytes.subarray(at, Math.min(bytes.length, at + FRAME_BYTES)));
    }
  }

  /** Adds one record to the current chunk of `tag`, flushing the chunk when it is full. */
  row(tag: string, json: string): void {
    if (tag !== this.tag) this.flush();
    this.tag = tag;
    this.rows.push(json);
    this.bytes += json.length;
    if (this.bytes >= FRAME_BYTES) this.flush();
  }

  flush(): void {
    if (this.rows.length > 0) this.frame(this.tag, `[${this.rows.join(',')}]`);
    this.rows = [];
    this.bytes = 0;
  }

  /** Flushes, syncs to disk (a rename must never publish data still in the page cache) and closes. */
  close(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
  }

  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/** The Uint32 offsets as little-endian bytes (the byte order of every platform Node runs on here). */
const offsetBytes = (offsets: Uint32Array) => Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength);

/**
 * Where a write is: the records (entity then relation heads), the relations' id order (one
 * sort, reported as 0 then 1 of 1: minutes at a million entities), then the full-text indexes
 * (entities, then the documents cut into passages), then their terms (entity then passage rows).
 */
export interface WriteProgress {
  readonly phase: 'records' | 'relation order' | 'entity index' | 'passage index' | 'terms';
  readonly done: number;
  readonly total: number;
}

/** What to write besides the graph. */
export interface WriteOptions {
  /** The full-text indexes (frames S and P); on unless false. */
  readonly searchIndexes?: boolean;
  /** Called every few thousand items of each phase, and at its end. */
  readonly onProgress?: (progress: WriteProgress) => void;
}

/** Items between progress calls: a few milliseconds of work, so a bar moves smoothly. */
const PROGRESS_EVERY = 2_000;

/**
 * Writes the snapshot atomically: into `<dir>/.<name>.<pid>.tmp`, then renamed over `path`.
 * On any failure the temporary file is removed and `path` is untouched. Returns the size.
 * Takes a Snapshot, or the encoded records `build` validated (no graph: see frameSourceOf);
 * the same records give the same bytes either way.
 */
export function writeSnapshotFile(
  snapshot: Snapshot | EncodedSnapshotInput,
  path: string,
  options: WriteOptions = {},
): number {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  rmSync(temp, { force: true });
  try {
    const source = snapshot instanceof Snapshot ? snapshotSource(snapshot) : encodedSource(snapshot);
    const size = writeFrames(source, temp, options);
    renameSync(temp, path);
    return size;
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** What the frames are written from: a Snapshot's parts, or the encoded input's. */
interface FrameSource {
  readonly version: string;
  readonly data?: DataBinding;
  readonly documents: readonly SourceDocumentRecord[];
  /** In id order, each at its rank; lazy fields (names, for the search indexes) decode. */
  readonly entities: readonly LazyEntity[];
  /** Indices of the documents entity `rank`'s evidence cites, first citation first. */
  cited(rank: number): number[];
  readonly codec: RecordCodec;
  readonly entitySection: RecordSection;
  readonly relationSection: RecordSection;
  /** Entries below `curated` are the curated relations, ends as node indices (entities first). */
  readonly columns: RelationColumns;
  /** The id of curated relation `k`. */
  relationId(k: number): string;
  /** Frame A: per relation rank, the relation's place in the graph's edge order. */
  order(): Uint32Array;
}

/** The curated relations (graph insertion order, which is their order in the relation section). */
function curatedRelations(snapshot: Snapshot): LazyRelation[] {
  const relations: LazyRelation[] = [];
  snapshot.graph.forEachEdge((_key, r) => {
    if (r.type !== 'MENTIONS') relations.push(r as LazyRelation);
  });
  return relations;
}

function snapshotSource(snapshot: Snapshot): FrameSource {
  const documents = snapshot.documents();
  const docIndex = new Map(documents.map((d, i) => [d.id, i]));
  const { codec, entitySection, relationSection, relations: columns } = snapshot.records;
  const relations = curatedRelations(snapshot);
  if (relations.length !== columns.curated) {
    throw new Error(`${relations.length} curated relations on the graph, ${columns.curated} in the records`);
  }
  return {
    version: snapshot.version,
    data: snapshot.data,
    documents,
    entities: snapshot.entities() as readonly LazyEntity[],
    cited: (rank) => codec.entityDocuments(entitySection.text(rank)).map((d) => docIndex.get(d) ?? -1),
    codec,
    entitySection,
    relationSection,
    columns,
    relationId: (k) => {
      const r = relations[k] as LazyRelation;
      if (r.rank !== k) throw new Error(`relation ${r.id} is not at its rank in the records section`);
      return r.id;
    },
    order: () => adjacencyOf(snapshot).order,
  };
}

/**
 * The encoded input as a Snapshot would hold it, without building the graph: the entity
 * objects over the records, the derived MENTIONS and the relation order computed as the
 * Snapshot and adjacency.ts do (ids in the same graph order, sorted by the same idOrder).
 */
function encodedSource(encoded: EncodedSnapshotInput): FrameSource {
  const { documents, entities: heads, entityDocuments, relations: columns, relationIds } = encoded;
  const codec = new RecordCodec(documents, encoded.files);
  codec.unknownDocument = encoded.unknownDocument;
  const store = new RecordStore(codec, encoded.entityRecords, encoded.relationRecords, columns, () => undefined);
  const entities = heads.map((head, rank) => new store.Entity(head, rank));
  const { start, documents: citedDocs } = entityDocuments;
  return {
    version: encoded.version,
    data: encoded.data,
    documents,
    entities,
    cited: (rank) => Array.from(citedDocs.subarray(start[rank], start[rank + 1])),
    codec,
    entitySection: encoded.entityRecords,
    relationSection: encoded.relationRecords,
    columns,
    relationId: (k) => relationIdAt(relationIds, k),
    order: () => encodedRelationOrder(encoded),
  };
}

const MENTIONS_TYPE = RELATION_TYPE_NAMES.indexOf('MENTIONS');

/**
 * adjacency.ts's relation order for the graph a Snapshot of `encoded` would build: its edges
 * are the curated relations, then per entity (rank order) a MENTIONS edge from each document
 * it cites. Throws where graphology would refuse that graph (an id used twice).
 */
function encodedRelationOrder(encoded: EncodedSnapshotInput): Uint32Array {
  const { documents, entities, entityDocuments, relations: columns, relationIds } = encoded;
  const entityCount = entities.length;
  const { start, documents: cited } = entityDocuments;
  // Node ranks: entities (already in id order) merged with the documents' node ids.
  const docOrder = [...documents.keys()].sort((a, b) =>
    compareIds((documents[a] as SourceDocumentRecord).nodeId, (documents[b] as SourceDocumentRecord).nodeId),
  );
  const rankOf = new Int32Array(entityCount + documents.length);
  let previous: string | undefined;
  for (let i = 0, j = 0, r = 0; i < entityCount || j < docOrder.length; r++) {
    const e = entities[i]?.id;
    const d = j < docOrder.length ? (documents[docOrder[j] as number] as SourceDocumentRecord).nodeId : undefined;
    const id = e !== undefined && (d === undefined || compareIds(e, d) <= 0) ? e : (d as string);
    if (id === previous) throw new Error(`node "${id}" is both an entity and a source document`);
    previous = id;
    if (id === e && i < entityCount) rankOf[i++] = r;
    else rankOf[entityCount + (docOrder[j++] as number)] = r;
  }
  const curated = columns.curated;
  const m = curated + (start[entityCount] ?? 0);
  const ids: string[] = new Array(m);
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const type = new Uint8Array(m);
  for (let k = 0; k < curated; k++) {
    ids[k] = relationIdAt(relationIds, k);
    source[k] = rankOf[columns.source[k] as number] as number;
    target[k] = rankOf[columns.target[k] as number] as number;
    type[k] = columns.type[k] as number;
  }
  let k = curated;
  for (let rank = 0; rank < entityCount; rank++) {
    const entityId = (entities[rank] as EntityHead).id;
    for (let p = start[rank] as number; p < (start[rank + 1] as number); p++) {
      const d = cited[p] as number;
      // Built as Snapshot's fillSteps builds the MENTIONS edge keys.
      ids[k] = ['rel/', (documents[d] as SourceDocumentRecord).nodeId, '-MENTIONS->', entityId].join('');
      source[k] = rankOf[entityCount + d] as number;
      target[k] = rank;
      type[k] = MENTIONS_TYPE;
      k++;
    }
  }
  const order = idOrder(ids, endOrder(source, type, target, rankOf.length));
  for (let r = 1; r < m; r++) {
    const id = ids[order[r] as number];
    if (id === ids[order[r - 1] as number]) throw new Error(`relation id "${id}" is used twice`);
  }
  return order;
}

function writeFrames(source: FrameSource, path: string, options: WriteOptions): number {
  const { documents, entities, columns, codec, entitySection, relationSection } = source;
  const curated = columns.curated;
  const counts = { documents: documents.length, entities: entities.length, relations: curated };
  const progress = options.onProgress;
  const records = entities.length + curated;
  const recordWritten = (done: number) => {
    if (progress && (done % PROGRESS_EVERY === 0 || done === records))
      progress({ phase: 'records', done, total: records });
  };
  const header: SnapshotFileHeader = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    producer: PRODUCER,
    version: source.version,
    data: source.data ?? null,
    counts,
  };

  const out = new FrameWriter(path);
  try {
    out.frame('H', JSON.stringify(header));
    out.frame('F', JSON.stringify(codec.files));
    for (const doc of documents) out.row('D', JSON.stringify(doc));
    entities.forEach((e, i) => {
      if (e.rank !== i) throw new Error(`entity ${e.id} is not at its rank in the records section`);
      const row: EntityHeadRow = [
        e.id,
        ENTITY_KIND_NAMES.indexOf(e.kind),
        source.cited(i),
        e.date ?? 0,
        e.start ?? 0,
        e.end ?? 0,
        e.outcome ?? 0,
      ];
      out.row('N', JSON.stringify(row));
      recordWritten(i + 1);
    });
    out.flush();
    out.bytesFrames('E', entitySection.bytes);
    out.bytesFrames('O', offsetBytes(entitySection.offsets));
    if (codec.unknownDocument !== undefined) {
      throw new Error(`evidence cites unknown document "${codec.unknownDocument}"`);
    }
    for (let k = 0; k < curated; k++) {
      const id = source.relationId(k);
      // Ends are node indices: an entity's rank, or past the entities a document's.
      const from = columns.source[k] as number;
      const to = columns.target[k] as number;
      if (from >= entities.length || to >= entities.length)
        throw new Error(`relation ${id} does not join two entities`);
      const type = columns.type[k] as number;
      const defaultId = defaultRelationId(
        (entities[from] as LazyEntity).id,
        RELATION_TYPE_NAMES[type] as string,
        (entities[to] as LazyEntity).id,
      );
      const row: RelationHeadRow = [
        type,
        from,
        to,
        id === defaultId ? null : id,
        columns.assertion[k] as number,
        columns.dates.get(k) ?? 0,
      ];
      out.row('R', JSON.stringify(row));
      recordWritten(entities.length + k + 1);
    }
    out.flush();
    out.bytesFrames('Q', relationSection.bytes);
    out.bytesFrames('U', offsetBytes(relationSection.offsets));
    progress?.({ phase: 'relation order', done: 0, total: 1 });
    out.bytesFrames('A', offsetBytes(source.order()));
    progress?.({ phase: 'relation order', done: 1, total: 1 });
    if (records === 0) progress?.({ phase: 'records', done: 0, total: 0 });
    if (options.searchIndexes !== false) writeSearchIndexes(out, entities, documents, progress);
    out.frame('Z', JSON.stringify(counts));
  } catch (err) {
    out.abandon();
    throw err;
  }
  out.close();
  return out.size;
}

// ---------------------------------------------------------------------------------------------
// Reading

class FrameReader {
  private readonly fd: number;
  private offset = 0;
  private readonly head = Buffer.alloc(FRAME_HEAD);

  constructor(private readonly path: string) {
    try {
      this.fd = openSync(path, 'r');
    } catch (err) {
      throw new SnapshotFileError(path, `cannot open: ${(err as Error).message}`);
    }
    const magic = Buffer.alloc(MAGIC.length);
    if (this.read(magic) < MAGIC.length || !magic.equals(MAGIC)) {
      this.close();
      throw new SnapshotFileError(path, 'not a reform-graph snapshot (bad magic bytes)');
    }
  }

  private read(into: Buffer): number {
    let got = 0;
    while (got < into.length) {
      const n = readSync(this.fd, into, got, into.length - got, this.offset + got);
      if (n === 0) break;
      got += n;
    }
    this.offset += got;
    return got;
  }

  fail(reason: string): never {
    this.close();
    throw new SnapshotFileError(this.path, reason);
  }

  /** The next frame (JSON parsed, or the bytes of a binary frame), or null at the end of the file. */
  next(): { tag: string; payload: unknown } | null {
    const at = this.offset;
    const got = this.read(this.head);
    if (got === 0) return null;
    if (got < FRAME_HEAD) this.fail(`truncated: frame header at byte ${at} is cut short`);
    const length = this.head.readUInt32LE(0);
    const crc = this.head.readUInt32LE(4);
    const tag = this.head.toString('latin1', 8, 9);
    if (REREAD_TAGS.has(tag)) return { tag, payload: this.skim(at, length, crc, tag) };
    if (FILE_SECTION_TAGS.has(tag)) {
      const blocks = new SectionBlocks();
      this.skim(at, length, crc, tag, blocks);
      return { tag, payload: blocks };
    }
    const body = Buffer.allocUnsafe(length);
    const bodyGot = this.read(body);
    if (bodyGot < length) {
      this.fail(`truncated: frame "${tag}" at byte ${at} needs ${length} bytes, only ${bodyGot} remain`);
    }
    if (crc32(body) !== crc) this.fail(`corrupted: checksum mismatch in frame "${tag}" at byte ${at}`);
    if (BINARY_TAGS.has(tag) || DEFERRED_TAGS.has(tag)) return { tag, payload: body };
    if (tag === 'D') return { tag, payload: { body, at: at + FRAME_HEAD } };
    if (ROW_TAGS.has(tag)) return { tag, payload: new RowSlices(body, tag, at, this) };
    try {
      return { tag, payload: JSON.parse(body.toString('utf8')) };
    } catch (err) {
      return this.fail(`corrupted: frame "${tag}" at byte ${at} is not JSON (${(err as Error).message})`);
    }
  }

  /**
   * Checks a payload's checksum through one small buffer, leaving it in the file: where it sits.
   * With `blocks`, also notes where each SECTION_BLOCK of it is and its CRC (section-file.ts).
   */
  private skim(at: number, length: number, crc: number, tag: string, blocks?: SectionBlocks): FrameSpan {
    const span = { at: this.offset, length, crc };
    this.scratch ??= Buffer.allocUnsafe(SKIM_BYTES);
    let sum = 0;
    for (let left = length; left > 0; ) {
      const from = this.offset;
      const got = this.read(this.scratch.subarray(0, Math.min(left, SKIM_BYTES)));
      if (got === 0)
        this.fail(`truncated: frame "${tag}" at byte ${at} needs ${length} bytes, only ${length - left} remain`);
      sum = crc32(this.scratch.subarray(0, got), sum);
      // SKIM_BYTES is a multiple of SECTION_BLOCK, so blocks start every SECTION_BLOCK bytes of the payload.
      for (let b = 0; blocks && b < got; b += SECTION_BLOCK) {
        blocks.add(from + b, this.scratch.subarray(b, Math.min(got, b + SECTION_BLOCK)));
      }
      left -= got;
    }
    if (sum !== crc) this.fail(`corrupted: checksum mismatch in frame "${tag}" at byte ${at}`);
    return span;
  }
  private scratch?: Buffer;

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

const SKIM_BYTES = 1 << 20;
/** A JSON frame of rows (ROW_TAGS), parsed row by row in slices when read (see json-rows.ts). */
class RowSlices {
  constructor(
    private readonly body: Buffer,
    private readonly tag: string,
    private readonly at: number,
    private readonly reader: FrameReader,
  ) {}

  forEach(each: (row: unknown) => void): void {
    try {
      forEachJsonRow(this.body, each);
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      this.reader.fail(`corrupted: frame "${this.tag}" at byte ${this.at} is not JSON (${err.message})`);
    }
  }
}

function checkHeader(reader: FrameReader, frame: { tag: string; payload: unknown } | null): SnapshotFileHeader {
  if (frame?.tag !== 'H') return reader.fail('corrupted: the first frame is not the header');
  const header = frame.payload as Partial<SnapshotFileHeader>;
  if (header.format !== SNAPSHOT_FORMAT) return reader.fail(`not a ${SNAPSHOT_FORMAT} file`);
  if (header.formatVersion === undefined || !READABLE_FORMAT_VERSIONS.has(header.formatVersion)) {
    return reader.fail(
      `format version ${header.formatVersion} is not supported (this build reads version ${SNAPSHOT_FORMAT_VERSION}); rebuild it with \`reform-graph build\``,
    );
  }
  return header as SnapshotFileHeader;
}

/** Only the header: cheap, for checking the format version and content hash. */
export function readSnapshotHeader(path: string): SnapshotFileHeader {
  const reader = new FrameReader(path);
  const header = checkHeader(reader, reader.next());
  reader.close();
  return header;
}

/** A record section's frames: where its bytes are in the file, and its offsets joined once complete. */
class SectionChunks {
  private readonly blocks = new SectionBlocks();
  private readonly offsets: Buffer[] = [];

  constructor(private readonly path: string) {}

  addBytes(blocks: SectionBlocks): void {
    this.blocks.append(blocks);
  }

  addOffsets(chunk: Buffer): void {
    this.offsets.push(chunk);
  }

  section(count: number, name: string, reader: FrameReader): RecordBytes {
    const raw = Buffer.concat(this.offsets);
    if (raw.length !== (count + 1) * 4) {
      reader.fail(`corrupted: the ${name} section has ${raw.length / 4} offsets for ${count} records`);
    }
    // Copied into its own Uint32Array: a joined Buffer may sit unaligned in Node's pool.
    const offsets = new Uint32Array(count + 1);
    new Uint8Array(offsets.buffer).set(raw);
    if (offsets[count] !== this.blocks.total) {
      reader.fail(`corrupted: the ${name} section's offsets do not match its bytes`);
    }
    for (let i = 0; i < count; i++) {
      if ((offsets[i] as number) > (offsets[i + 1] as number))
        reader.fail(`corrupted: the ${name} section's offsets go back`);
    }
    return count === 0 ? RecordSection.empty : new FileRecordSection(this.path, this.blocks, offsets);
  }
}

/** The heads and sections of a snapshot file, without building the Snapshot (so callers can time both). */
export function readSnapshotInput(
  path: string,
): EncodedSnapshotInput & { header: SnapshotFileHeader; indexes: SearchIndexData | undefined } {
  const reader = new FrameReader(path);
  const header = checkHeader(reader, reader.next());
  let files: string[] = [];
  const documents: SourceDocumentRecord[] = [];
  const entities: EntityHead[] = [];
  // Rows go straight into flat arrays and columns: no object per entity's citations or per
  // relation outlives its frame (see RelationColumns).
  const cited: number[] = [];
  const citedStart: number[] = [0];
  let relations = new RelationColumns();
  const relationIds: string[] = [];
  const entitySection = new SectionChunks(path);
  const relationSection = new SectionChunks(path);
  const orderChunks: Buffer[] = [];
  let texts: DocumentTexts | undefined;
  let ended = false;
  const indexes = new SearchIndexReader(path);
  for (let frame = reader.next(); frame; frame = reader.next()) {
    if (ended) reader.fail('corrupted: data after the end marker');
    const { tag, payload } = frame;
    switch (tag) {
      case 'F':
        files = payload as string[];
        break;
      case 'D': {
        // The texts stay in the file, read when asked for (document-texts.ts).
        const { body, at } = payload as { body: Buffer; at: number };
        texts ??= new DocumentTexts(path);
        try {
          texts.documents(body, at, documents);
        } catch (err) {
          if (!(err instanceof SyntaxError)) throw err;
          reader.fail(`corrupted: frame "D" at byte ${at - FRAME_HEAD} is not JSON (${err.message})`);
        }
        break;
      }
      case 'N':
        (payload as RowSlices).forEach((row) => {
          const head = row as EntityHeadRow;
          entities.push(entityHeadOf(head, reader));
          for (const d of head[2]) {
            if (!Number.isInteger(d) || documents[d] === undefined) reader.fail(`corrupted: no document ${d}`);
            cited.push(d);
          }
          citedStart.push(cited.length);
        });
        break;
      case 'R':
        // Room for every curated relation and the MENTIONS the snapshot derives after them.
        if (relations.length === 0) relations = new RelationColumns(relationCapacity(header, cited.length));
        (payload as RowSlices).forEach((row) => {
          relationIds.push(relationRow(row as RelationHeadRow, entities, relations, reader));
        });
        break;
      case 'E':
        entitySection.addBytes(payload as SectionBlocks);
        break;
      case 'O':
        entitySection.addOffsets(payload as Buffer);
        break;
      case 'Q':
        relationSection.addBytes(payload as SectionBlocks);
        break;
      case 'U':
        relationSection.addOffsets(payload as Buffer);
        break;
      case 'A':
        if (header.formatVersion < 6) reader.fail(`corrupted: frame "A" in a format ${header.formatVersion} file`);
        orderChunks.push(payload as Buffer);
        break;
      case 'I':
      case 'S':
      case 'P':
        indexes.frame(tag, payload, reader);
        break;
      case 'Z': {
        const c = payload as SnapshotFileHeader['counts'];
        const got = { documents: documents.length, entities: entities.length, relations: relationIds.length };
        if (JSON.stringify(c) !== JSON.stringify(header.counts) || JSON.stringify(got) !== JSON.stringify(c)) {
          reader.fail(
            `corrupted: counts ${JSON.stringify(got)} do not match the header ${JSON.stringify(header.counts)}`,
          );
        }
        ended = true;
        break;
      }
      default:
        reader.fail(`corrupted: unknown frame tag "${tag}"`);
    }
  }
  if (!ended) {
    reader.close();
    throw new SnapshotFileError(
      path,
      `truncated: no end marker (read ${entities.length} of ${header.counts.entities} entities, ${relationIds.length} of ${header.counts.relations} relations)`,
    );
  }
  const entityRecords = entitySection.section(entities.length, 'entity', reader);
  const relationRecords = relationSection.section(relationIds.length, 'relation', reader);
  relations.curated = relations.length;
  const relationOrder =
    header.formatVersion >= 6 ? storedRelationOrder(orderChunks, relations.length + cited.length, reader) : undefined;
  reader.close();
  return {
    header,
    version: header.version,
    data: header.data ?? undefined,
    documents,
    files,
    entities,
    entityDocuments: { start: Uint32Array.from(citedStart), documents: Uint32Array.from(cited) },
    entityRecords,
    relations,
    relationIds,
    relationRecords,
    relationOrder,
    indexes: indexes.data(),
  };
}

/** Frame A joined and checked: one place per graph edge (curated and MENTIONS), each once. */
function storedRelationOrder(chunks: Buffer[], edges: number, reader: FrameReader): Uint32Array {
  const raw = Buffer.concat(chunks);
  if (raw.length !== edges * 4) {
    reader.fail(`corrupted: the relation order holds ${raw.length / 4} places for ${edges} relations`);
  }
  // Copied into its own Uint32Array: a joined Buffer may sit unaligned in Node's pool.
  const order = new Uint32Array(edges);
  new Uint8Array(order.buffer).set(raw);
  const seen = new Uint8Array(edges);
  for (const i of order) {
    if (i >= edges || seen[i] === 1)
      reader.fail(`corrupted: the relation order lists relation ${i} twice or out of range`);
    seen[i] = 1;
  }
  return order;
}

function entityHeadOf([id, k, , date, start, end, outcome]: EntityHeadRow, reader: FrameReader): EntityHead {
  const kind = ENTITY_KIND_NAMES[k] ?? reader.fail(`corrupted: entity ${id} has unknown kind ${k}`);
  return {
    id,
    kind,
    date: date || undefined,
    start: start || undefined,
    end: end || undefined,
    outcome: outcome || undefined,
  };
}

/** Columns for the header's curated relations plus `mentions` (a count a damaged file overstates only costs memory, up to a bound). */
function relationCapacity(header: SnapshotFileHeader, mentions: number): number {
  const curated = header.counts?.relations;
  return (Number.isInteger(curated) && curated > 0 ? Math.min(curated, 1 << 26) : 0) + mentions;
}

/** Copies a relation row (frame R) into the columns; returns the relation's id. */
function relationRow(
  [type, s, t, id, a, date]: RelationHeadRow,
  entities: readonly EntityHead[],
  columns: RelationColumns,
  reader: FrameReader,
): string {
  const typeName = RELATION_TYPE_NAMES[type] as RelationType | undefined;
  const source = entities[s]?.id;
  const target = entities[t]?.id;
  const assertion = ASSERTION_NAMES[a] as Assertion | undefined;
  if (!typeName || source === undefined || target === undefined || !assertion) {
    return reader.fail(`corrupted: relation row [${type}, ${s}, ${t}] points at nothing`);
  }
  columns.push(type, a, s, t, date || undefined);
  return id ?? defaultRelationId(source, typeName, target);
}

/**
 * Loads a snapshot file without re-validating: the records were validated when it was built.
 * The Snapshot constructor still builds the graph and indices (see scripts/scale-bench.mts).
 */
export function readSnapshotFile(path: string): Snapshot {
  const mtimeMs = statSync(path).mtimeMs;
  const { header: _header, indexes, ...input } = readSnapshotInput(path);
  const snapshot = new Snapshot(input, indexes);
  readFrom.set(snapshot, { path, mtimeMs });
  return snapshot;
}

/** Which file (and its mtime then) each snapshot was read from; see snapshotFileOf. */
const readFrom = new WeakMap<Snapshot, { path: string; mtimeMs: number }>();

/**
 * The file this snapshot was read from, while that file is unchanged: a worker thread can
 * read it itself instead of being sent a copy of every record (a copy the main thread would
 * spend seconds serialising at 100k entities). Undefined when loaded otherwise or rebuilt since.
 */
export function snapshotFileOf(snapshot: Snapshot): string | undefined {
  const from = readFrom.get(snapshot);
  if (!from) return undefined;
  try {
    return statSync(from.path).mtimeMs === from.mtimeMs ? from.path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The records a Snapshot is built from (MENTIONS are derived, so left out), as plain objects
 * with every field decoded: what a worker can be sent (lazy records do not survive a copy).
 */
export function snapshotInputOf(snapshot: Snapshot): SnapshotInput {
  const relations = curatedRelations(snapshot).map(plainRelation);
  return {
    version: snapshot.version,
    documents: snapshot.documents(),
    entities: snapshot.entities().map(plainEntity),
    relations,
  };
}

// ---------------------------------------------------------------------------------------------
// Full-text indexes (issue 17), kept apart from the record frames above.
//
//   I  the two MiniSearch indexes without their term tables, and the passage table
//   S  entity-index terms, a chunk per frame: [term, {fieldId: {docId: frequency}}]
//   P  passage-index terms, likewise
//
// The term tables are most of an index and outgrow one V8 string at a million entities, so
// they stream in chunks like the records. A file without these frames (written before them)
// still loads: the snapshot then builds its indexes from the records on first search.

type TermRow = AsPlainObject['index'][number];

/**
 * Frames I, S and P: the bytes `JSON.stringify` gives for `Snapshot#searchIndexData()` (the
 * MiniSearch indexes' `toJSON()`), built by index-writer.ts straight from the records, document
 * by document, and written a term at a time (see there for why).
 */
function writeSearchIndexes(
  out: FrameWriter,
  entities: readonly LazyEntity[],
  documents: readonly SourceDocumentRecord[],
  progress: WriteOptions['onProgress'],
): void {
  const step = (phase: WriteProgress['phase'], done: number, total: number, every = PROGRESS_EVERY) => {
    if (progress && (done % every === 0 || done === total)) progress({ phase, done, total });
  };
  const entityIndex = new IndexWriter(entityIndexOptions(entities));
  for (let i = 0; i < entities.length; i++) {
    entityIndex.add();
    step('entity index', i + 1, entities.length);
  }
  // The passage table grows document by document; a passage's text is sliced when indexed.
  let table = new Int32Array(1 << 12);
  let passages = 0;
  const text = (i: number) =>
    (documents[table[3 * i] as number] as SourceDocumentRecord).text.slice(table[3 * i + 1], table[3 * i + 2]);
  const passageIndex = new IndexWriter(passageIndexOptions(text));
  documents.forEach((d, di) => {
    const cuts = cutPassages(d.text);
    for (let k = 0; k < cuts.length; k += 2) {
      if (3 * passages + 3 > table.length) {
        const bigger = new Int32Array(table.length * 2);
        bigger.set(table);
        table = bigger;
      }
      table.set([di, cuts[k] as number, cuts[k + 1] as number], 3 * passages);
      passageIndex.add();
      passages++;
    }
    // Every document: one is thousands of passages' worth of text (50 ms each at 100k entities).
    step('passage index', di + 1, documents.length, 1);
  });
  if (documents.length === 0) step('passage index', 0, 0);
  out.frameParts('I', indexHead(entityIndex, passageIndex, table.subarray(0, 3 * passages)));
  const terms = entityIndex.size + passageIndex.size;
  let written = 0;
  for (const row of entityIndex.rows()) {
    out.row('S', row);
    step('terms', ++written, terms);
  }
  out.flush();
  for (const row of passageIndex.rows()) {
    out.row('P', row);
    step('terms', ++written, terms);
  }
  out.flush();
  if (terms === 0) step('terms', 0, 0);
}

/** Frame I: `{entities: head, passages: {index: head, table}}`, heads without their terms. */
function* indexHead(entities: IndexWriter, passages: IndexWriter, table: Int32Array): Generator<string> {
  yield '{"entities":';
  yield* entities.headJson();
  yield ',"passages":{"index":';
  yield* passages.headJson();
  yield ',"table":[';
  for (let at = 0; at < table.length; at += 30_000) {
    yield (at > 0 ? ',' : '') + table.subarray(at, at + 30_000).join(',');
  }
  yield ']}}';
}

class SearchIndexReader {
  private head?: Buffer;
  private readonly entitySpans: FrameSpan[] = [];
  private readonly passageSpans: FrameSpan[] = [];

  constructor(private readonly path: string) {}

  frame(tag: string, payload: unknown, reader: FrameReader): void {
    if (tag === 'I') {
      this.head = payload as Buffer;
      return;
    }
    if (!this.head) reader.fail(`corrupted: index frame "${tag}" before the index header`);
    (tag === 'S' ? this.entitySpans : this.passageSpans).push(payload as FrameSpan);
  }

  /**
   * The indexes, parsed on first read of `entities` or `passages`. The term frames are read
   * again from the file through a descriptor opened now, so a file replaced meanwhile (`build`
   * renames a new one over it) is not the one read; it is closed once both are read, or when
   * the data is collected unread.
   */
  data(): SearchIndexData | undefined {
    const head = this.head;
    if (!head) return undefined;
    const path = this.path;
    const file = new RereadFile(path, [this.entitySpans.length, this.passageSpans.length].filter((n) => n > 0).length);
    const { entitySpans, passageSpans } = this;
    let parsed: SearchIndexData | undefined;
    const parse = (): SearchIndexData => {
      if (!parsed) {
        const h = parseJson(head, 'I', path) as SearchIndexData;
        const entities = { ...h.entities };
        deferRows(entities, file, entitySpans, 'S');
        const passageIndex = { ...h.passages.index };
        deferRows(passageIndex, file, passageSpans, 'P');
        parsed = { entities, passages: { ...h.passages, index: passageIndex } };
      }
      return parsed;
    };
    const data = {
      get entities() {
        return parse().entities;
      },
      get passages() {
        return parse().passages;
      },
    };
    closeUnread.register(data, file);
    return data;
  }
}

/** A snapshot file kept open for frames read again later; closed after `uses` reads. */
class RereadFile {
  private fd?: number;

  constructor(
    readonly path: string,
    private uses: number,
  ) {
    if (uses > 0) {
      try {
        this.fd = openSync(path, 'r');
      } catch (err) {
        throw new SnapshotFileError(path, `cannot open: ${(err as Error).message}`);
      }
    }
  }

  /** The payloads of `spans`, each checked against its checksum again. */
  read(spans: readonly FrameSpan[], tag: string): Buffer[] {
    const fd = this.fd;
    if (fd === undefined) throw new SnapshotFileError(this.path, `frame "${tag}" read twice`);
    try {
      return spans.map(({ at, length, crc }) => {
        const body = Buffer.allocUnsafe(length);
        let got = 0;
        while (got < length) {
          const n = readSync(fd, body, got, length - got, at + got);
          if (n === 0) break;
          got += n;
        }
        if (got < length || crc32(body) !== crc) {
          throw new SnapshotFileError(this.path, `corrupted: frame "${tag}" at byte ${at} changed since it was loaded`);
        }
        return body;
      });
    } finally {
      if (--this.uses <= 0) this.close();
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = undefined;
  }
}

const closeUnread = new FinalizationRegistry<RereadFile>((file) => file.close());

function parseJson(bytes: Buffer, tag: string, path: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new SnapshotFileError(path, `corrupted: frame "${tag}" is not JSON (${(err as Error).message})`);
  }
}

/** Gives `target.index` the rows of the frames at `spans`, read and parsed when first read. */
function deferRows(target: { index: TermRow[] }, file: RereadFile, spans: readonly FrameSpan[], tag: string): void {
  let rows: TermRow[] | undefined;
  Object.defineProperty(target, 'index', {
    enumerable: true,
    configurable: true,
    get() {
      if (!rows) {
        const parsed: TermRow[] = [];
        if (spans.length > 0) {
          for (const chunk of file.read(spans, tag)) {
            for (const row of parseJson(chunk, tag, file.path) as TermRow[]) parsed.push(row);
          }
        }
        rows = parsed;
      }
      return rows;
    },
  });
}
