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
 *   D  documents (full records, texts included)
 *   E  entities, in the snapshot's order (sorted by id)
 *   R  curated relations, in graph insertion order; MENTIONS are derived again by Snapshot
 *   I, S, P  the full-text indexes (see "Full-text indexes" below); absent in older files
 *   Z  end marker repeating the counts, so a truncated file is never taken as complete
 *
 * Compactness (size and, mostly, heap after load): evidence is stored as offsets only and
 * its quote is sliced back out of the document text (the loader guaranteed
 * `text.slice(start, end) === quote`; V8 keeps such slices as cheap views); relation
 * endpoints are entity indices, so source, target and entity id share one string; a
 * relation's default id `rel/source-TYPE->target` is not stored; file names are interned.
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
import {
  ASSERTION_NAMES,
  type Assertion,
  EVIDENCE_CONTEXT_NAMES,
  type EvidenceContext,
  RELATION_TYPE_NAMES,
  type RelationType,
} from '../model/ontology.js';
import type { EntityRecord, EvidenceRecord, RelationRecord, SourceDocumentRecord } from '../model/records.js';
import type { DataBinding } from './data-hash.js';
import { type SearchIndexData, Snapshot, type SnapshotInput } from './snapshot.js';

export const SNAPSHOT_FORMAT = 'reform-graph-snapshot';
/**
 * 2: the header binds the file to its data (`data`) and to the code that wrote it (`producer`).
 * 3: the full-text indexes are stored in frames S and P.
 * 4: relations carry an assertion, evidence a context (issue 18).
 */
export const SNAPSHOT_FORMAT_VERSION = 4;

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

/** Evidence on disk: [document index, start, end, context index] plus the note when there is one. */
type EvidenceRow = [number, number, number, number] | [number, number, number, number, string];
/** An entity on disk: its fields without evidence and file, its evidence, its file index. */
type EntityRow = [Omit<EntityRecord, 'evidence' | 'file'>, EvidenceRow[], number];
/** Role, date and note, when any is set. */
type RelationExtras = Pick<RelationRecord, 'role' | 'date' | 'note'>;
/** A relation on disk: type, source and target indices, evidence, file index (-1: none),
 * explicit id (null when it is the default), extras (0 when none), assertion index. */
type RelationRow = [number, number, number, EvidenceRow[], number, string | null, RelationExtras | 0, number];

const defaultRelationId = (source: string, type: string, target: string) => `rel/${source}-${type}->${target}`;

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

  frame(tag: string, payload: string): void {
    const body = Buffer.from(payload, 'utf8');
    const head = Buffer.alloc(FRAME_HEAD);
    head.writeUInt32LE(body.length, 0);
    head.writeUInt32LE(crc32(body), 4);
    head.write(tag, 8, 'latin1');
    writeSync(this.fd, head);
    writeSync(this.fd, body);
    this.size += FRAME_HEAD + body.length;
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

function evidenceRows(evidence: readonly EvidenceRecord[], docIndex: ReadonlyMap<string, number>): EvidenceRow[] {
  return evidence.map((ev) => {
    const d = docIndex.get(ev.document);
    if (d === undefined) throw new Error(`evidence cites unknown document "${ev.document}"`);
    const c = EVIDENCE_CONTEXT_NAMES.indexOf(ev.context);
    return ev.note === undefined ? [d, ev.start, ev.end, c] : [d, ev.start, ev.end, c, ev.note];
  });
}

/** What to write besides the graph. */
export interface WriteOptions {
  /** The full-text indexes (frames S and P); on unless false. */
  readonly searchIndexes?: boolean;
}

/**
 * Writes the snapshot atomically: into `<dir>/.<name>.<pid>.tmp`, then renamed over `path`.
 * On any failure the temporary file is removed and `path` is untouched. Returns the size.
 */
export function writeSnapshotFile(snapshot: Snapshot, path: string, options: WriteOptions = {}): number {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  rmSync(temp, { force: true });
  try {
    const size = writeFrames(snapshot, temp, options);
    renameSync(temp, path);
    return size;
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

function writeFrames(snapshot: Snapshot, path: string, options: WriteOptions): number {
  const documents = snapshot.documents();
  const entities = snapshot.entities();
  const relations: RelationRecord[] = [];
  snapshot.graph.forEachEdge((_key, r) => {
    if (r.type !== 'MENTIONS') relations.push(r);
  });
  const files = new Map<string, number>();
  const fileIndex = (f: string | undefined) => {
    if (f === undefined) return -1;
    const known = files.get(f);
    if (known !== undefined) return known;
    files.set(f, files.size);
    return files.size - 1;
  };
  for (const e of entities) fileIndex(e.file);
  for (const r of relations) fileIndex(r.file);
  const docIndex = new Map(documents.map((d, i) => [d.id, i]));
  const entityIndex = new Map(entities.map((e, i) => [e.id, i]));
  const counts = { documents: documents.length, entities: entities.length, relations: relations.length };
  const header: SnapshotFileHeader = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    producer: PRODUCER,
    version: snapshot.version,
    data: snapshot.data ?? null,
    counts,
  };

  const out = new FrameWriter(path);
  try {
    out.frame('H', JSON.stringify(header));
    out.frame('F', JSON.stringify([...files.keys()]));
    for (const doc of documents) out.row('D', JSON.stringify(doc));
    for (const e of entities) {
      const { evidence, file, ...fields } = e;
      const row: EntityRow = [fields, evidenceRows(evidence, docIndex), fileIndex(file)];
      out.row('E', JSON.stringify(row));
    }
    for (const r of relations) {
      const source = entityIndex.get(r.source);
      const target = entityIndex.get(r.target);
      if (source === undefined || target === undefined) {
        throw new Error(`relation ${r.id} does not join two entities`);
      }
      const extras: RelationExtras = { role: r.role, date: r.date, note: r.note };
      const hasExtras = r.role !== undefined || r.date !== undefined || r.note !== undefined;
      const row: RelationRow = [
        RELATION_TYPE_NAMES.indexOf(r.type),
        source,
        target,
        evidenceRows(r.evidence, docIndex),
        fileIndex(r.file),
        r.id === defaultRelationId(r.source, r.type, r.target) ? null : r.id,
        hasExtras ? extras : 0,
        ASSERTION_NAMES.indexOf(r.assertion),
      ];
      out.row('R', JSON.stringify(row));
    }
    out.flush();
    if (options.searchIndexes !== false) writeSearchIndexes(out, snapshot.searchIndexData());
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

  /** The next frame, or null at the end of the file. */
  next(): { tag: string; payload: unknown } | null {
    const at = this.offset;
    const got = this.read(this.head);
    if (got === 0) return null;
    if (got < FRAME_HEAD) this.fail(`truncated: frame header at byte ${at} is cut short`);
    const length = this.head.readUInt32LE(0);
    const crc = this.head.readUInt32LE(4);
    const tag = this.head.toString('latin1', 8, 9);
    const body = Buffer.allocUnsafe(length);
    const bodyGot = this.read(body);
    if (bodyGot < length) {
      this.fail(`truncated: frame "${tag}" at byte ${at} needs ${length} bytes, only ${bodyGot} remain`);
    }
    if (crc32(body) !== crc) this.fail(`corrupted: checksum mismatch in frame "${tag}" at byte ${at}`);
    try {
      return { tag, payload: JSON.parse(body.toString('utf8')) };
    } catch (err) {
      return this.fail(`corrupted: frame "${tag}" at byte ${at} is not JSON (${(err as Error).message})`);
    }
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

function checkHeader(reader: FrameReader, frame: { tag: string; payload: unknown } | null): SnapshotFileHeader {
  if (frame?.tag !== 'H') return reader.fail('corrupted: the first frame is not the header');
  const header = frame.payload as Partial<SnapshotFileHeader>;
  if (header.format !== SNAPSHOT_FORMAT) return reader.fail(`not a ${SNAPSHOT_FORMAT} file`);
  if (header.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
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

/** The records of a snapshot file, without building the Snapshot (so callers can time both). */
export function readSnapshotInput(
  path: string,
): SnapshotInput & { header: SnapshotFileHeader; indexes: SearchIndexData | undefined } {
  const reader = new FrameReader(path);
  const header = checkHeader(reader, reader.next());
  let files: string[] = [];
  const documents: SourceDocumentRecord[] = [];
  const entities: EntityRecord[] = [];
  const relations: RelationRecord[] = [];
  let ended = false;
  const indexes = new SearchIndexReader();
  const evidence = (rows: EvidenceRow[]): EvidenceRecord[] =>
    rows.map(([d, start, end, c, note]) => {
      const doc = documents[d];
      if (!doc || end > doc.text.length || start > end) reader.fail(`corrupted: evidence points outside document ${d}`);
      const context: EvidenceContext =
        (EVIDENCE_CONTEXT_NAMES[c] as EvidenceContext | undefined) ??
        reader.fail(`corrupted: evidence context ${c} is unknown`);
      const quote = doc.text.slice(start, end);
      return note === undefined
        ? { document: doc.id, quote, start, end, context }
        : { document: doc.id, quote, start, end, context, note };
    });
  for (let frame = reader.next(); frame; frame = reader.next()) {
    if (ended) reader.fail('corrupted: data after the end marker');
    const { tag, payload } = frame;
    switch (tag) {
      case 'F':
        files = payload as string[];
        break;
      case 'D':
        for (const doc of payload as SourceDocumentRecord[]) documents.push(doc);
        break;
      case 'E':
        for (const [fields, ev, file] of payload as EntityRow[]) {
          entities.push({ ...fields, evidence: evidence(ev), file: files[file] ?? '' });
        }
        break;
      case 'R':
        for (const row of payload as RelationRow[]) relations.push(relationOf(row, entities, files, evidence, reader));
        break;
      case 'I':
      case 'S':
      case 'P':
        indexes.frame(tag, payload, reader);
        break;
      case 'Z': {
        const c = payload as SnapshotFileHeader['counts'];
        const got = { documents: documents.length, entities: entities.length, relations: relations.length };
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
  reader.close();
  if (!ended) {
    throw new SnapshotFileError(
      path,
      `truncated: no end marker (read ${entities.length} of ${header.counts.entities} entities, ${relations.length} of ${header.counts.relations} relations)`,
    );
  }
  return {
    header,
    version: header.version,
    documents,
    entities,
    relations,
    data: header.data ?? undefined,
    indexes: indexes.data(),
  };
}

function relationOf(
  [type, s, t, ev, file, id, extras, a]: RelationRow,
  entities: readonly EntityRecord[],
  files: readonly string[],
  evidence: (rows: EvidenceRow[]) => EvidenceRecord[],
  reader: FrameReader,
): RelationRecord {
  const typeName = RELATION_TYPE_NAMES[type] as RelationType | undefined;
  const source = entities[s]?.id;
  const target = entities[t]?.id;
  const assertion = ASSERTION_NAMES[a] as Assertion | undefined;
  if (!typeName || source === undefined || target === undefined || !assertion) {
    return reader.fail(`corrupted: relation row [${type}, ${s}, ${t}] points at nothing`);
  }
  return {
    id: id ?? defaultRelationId(source, typeName, target),
    type: typeName,
    source,
    target,
    assertion,
    ...(extras === 0 ? {} : extras),
    evidence: evidence(ev),
    ...(file >= 0 ? { file: files[file] } : {}),
  };
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

/** The records a Snapshot is built from (MENTIONS are derived, so left out), as the file holds them. */
export function snapshotInputOf(snapshot: Snapshot): SnapshotInput {
  const relations: RelationRecord[] = [];
  snapshot.graph.forEachEdge((_key, r) => {
    if (r.type !== 'MENTIONS') relations.push(r);
  });
  return { version: snapshot.version, documents: snapshot.documents(), entities: snapshot.entities(), relations };
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

function writeSearchIndexes(out: FrameWriter, data: SearchIndexData): void {
  const { index: entityTerms, ...entityHead } = data.entities;
  const { index: passageTerms, ...passageHead } = data.passages.index;
  out.frame(
    'I',
    JSON.stringify({ entities: entityHead, passages: { index: passageHead, table: data.passages.table } }),
  );
  for (const row of entityTerms) out.row('S', JSON.stringify(row));
  out.flush();
  for (const row of passageTerms) out.row('P', JSON.stringify(row));
  out.flush();
}

class SearchIndexReader {
  private head?: SearchIndexData;
  private readonly entityTerms: TermRow[] = [];
  private readonly passageTerms: TermRow[] = [];

  frame(tag: string, payload: unknown, reader: FrameReader): void {
    if (tag === 'I') {
      this.head = payload as SearchIndexData;
      return;
    }
    if (!this.head) reader.fail(`corrupted: index frame "${tag}" before the index header`);
    const into = tag === 'S' ? this.entityTerms : this.passageTerms;
    for (const row of payload as TermRow[]) into.push(row);
  }

  data(): SearchIndexData | undefined {
    if (!this.head) return undefined;
    return {
      entities: { ...this.head.entities, index: this.entityTerms },
      passages: { ...this.head.passages, index: { ...this.head.passages.index, index: this.passageTerms } },
    };
  }
}
