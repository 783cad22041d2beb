/**
 * A reload's snapshot input, encoded in the worker and sent to the main thread without a
 * record object per entity or relation (issue 20, item 3). Before, the main thread received
 * 100k entity and 500k relation records as plain objects (structured clone, in ~400
 * messages), next to the live snapshot's heap, and encoded them itself: at 100k the V8
 * collector then held the loop for seconds at a time. Now the record sections, the relation
 * ids and the relation columns travel as ArrayBuffers, transferred (moved, not copied); only
 * the entity heads (id, kind, dates) are objects, sent in chunks; and the documents (79 MB of
 * text at 100k) only when they are not the live snapshot's.
 */
import type { SourceDocumentRecord } from '../model/records.js';
import type { DataBinding } from './data-hash.js';
import { type EntityHead, RecordSection, RecordSectionBuilder, RelationColumns } from './record-store.js';
import type { EncodedSnapshotInput } from './snapshot.js';

/** A record section as it travels: its bytes and offsets, each owning its whole ArrayBuffer. */
export interface SectionParts {
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

/** Everything of an EncodedSnapshotInput but the entity heads (sent apart, in chunks). */
export interface EncodedParts {
  readonly version: string;
  readonly data?: DataBinding;
  /** Absent: the documents are the live snapshot's (the main thread has them already). */
  readonly documents?: readonly SourceDocumentRecord[];
  /** The ids of the documents the records were encoded against, in order (their indices). */
  readonly documentIds: readonly string[];
  readonly files: string[];
  readonly headCount: number;
  readonly entityDocuments: { readonly start: Uint32Array; readonly documents: Uint32Array };
  readonly entityRecords: SectionParts;
  readonly relationRecords: SectionParts;
  readonly relationIds: SectionParts;
  readonly relations: {
    readonly curated: number;
    readonly length: number;
    readonly type: Uint8Array;
    readonly assertion: Uint8Array;
    readonly source: Int32Array;
    readonly target: Int32Array;
    readonly dates: ReadonlyMap<number, unknown>;
  };
  readonly unknownDocument?: string;
}

/** A view that owns its whole buffer, so transferring it detaches nothing else (Buffer's pool). */
function own<T extends Uint8Array | Uint32Array | Int32Array>(a: T): T {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
}

function sectionParts(section: RecordSection): SectionParts {
  return {
    bytes: own(new Uint8Array(section.bytes.buffer, section.bytes.byteOffset, section.bytes.length)),
    offsets: own(section.offsets),
  };
}

/** The worker's half: the parts to post, the heads to post in chunks, and what to transfer. */
export function packEncoded(
  encoded: EncodedSnapshotInput,
  withDocuments: boolean,
): { parts: EncodedParts; heads: readonly EntityHead[]; transfer: ArrayBuffer[] } {
  const ids = encoded.relationIds;
  let idSection: RecordSection;
  if (ids instanceof RecordSection) idSection = ids;
  else {
    const builder = new RecordSectionBuilder();
    for (const id of ids) builder.push(id);
    idSection = builder.finish();
  }
  const columns = encoded.relations;
  const parts: EncodedParts = {
    version: encoded.version,
    data: encoded.data,
    documents: withDocuments ? encoded.documents : undefined,
    documentIds: encoded.documents.map((d) => d.id),
    files: encoded.files,
    headCount: encoded.entities.length,
    entityDocuments: {
      start: own(encoded.entityDocuments.start),
      documents: own(encoded.entityDocuments.documents),
    },
    entityRecords: sectionParts(encoded.entityRecords),
    relationRecords: sectionParts(encoded.relationRecords),
    relationIds: sectionParts(idSection),
    relations: {
      curated: columns.curated,
      length: columns.length,
      type: own(columns.type),
      assertion: own(columns.assertion),
      source: own(columns.source),
      target: own(columns.target),
      dates: columns.dates,
    },
    unknownDocument: encoded.unknownDocument,
  };
  const buffers = new Set<ArrayBuffer>();
  const add = (a: { buffer: ArrayBufferLike }) => buffers.add(a.buffer as ArrayBuffer);
  for (const section of [parts.entityRecords, parts.relationRecords, parts.relationIds]) {
    add(section.bytes);
    add(section.offsets);
  }
  const r = parts.relations;
  for (const a of [
    r.type,
    r.assertion,
    r.source,
    r.target,
    parts.entityDocuments.start,
    parts.entityDocuments.documents,
  ])
    add(a);
  return { parts, heads: encoded.entities, transfer: [...buffers] };
}

const section = ({ bytes, offsets }: SectionParts) =>
  new RecordSection(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), offsets);

/** Whether `documents` are the ones the records were encoded against (ids in the same order). */
export function encodedAgainst(parts: EncodedParts, documents: readonly SourceDocumentRecord[]): boolean {
  const ids = parts.documentIds;
  return ids.length === documents.length && ids.every((id, i) => documents[i]?.id === id);
}

/**
 * The main thread's half: the input a Snapshot is built from, with `documents` when the
 * worker left them out (the live snapshot's, checked with encodedAgainst).
 */
export function unpackEncoded(
  parts: EncodedParts,
  heads: readonly EntityHead[],
  documents: readonly SourceDocumentRecord[],
): EncodedSnapshotInput {
  if (heads.length !== parts.headCount)
    throw new Error(`expected ${parts.headCount} entity heads, got ${heads.length}`);
  const r = parts.relations;
  const columns = new RelationColumns(0);
  columns.type = r.type;
  columns.assertion = r.assertion;
  columns.source = r.source;
  columns.target = r.target;
  columns.length = r.length;
  columns.curated = r.curated;
  for (const [k, date] of r.dates) columns.dates.set(k, date as never);
  return {
    version: parts.version,
    data: parts.data,
    documents,
    files: parts.files,
    entities: heads,
    entityDocuments: parts.entityDocuments,
    entityRecords: section(parts.entityRecords),
    relations: columns,
    relationIds: section(parts.relationIds),
    relationRecords: section(parts.relationRecords),
    unknownDocument: parts.unknownDocument,
  };
}
