/**
 * Lazy records (issue 20, item 2). graphology holds the topology and the few attributes that
 * traversals and filters read on every element (see ENTITY_EAGER, RELATION_EAGER); everything
 * else of a record (names, aliases, descriptions, evidence, notes, file) stays encoded in one
 * buffer per section and is decoded when something asks for it, through a small LRU cache.
 *
 * Why: a million entities with five million relations held as full JS records cost ~1.2 KB of
 * heap per element against ~300 B for graphology itself, while a query touches a tiny fraction
 * of them. Encoded, a record costs its UTF-8 bytes plus 4 bytes of offset.
 *
 * The objects on graph nodes and edges are instances of per-snapshot classes whose own fields
 * are the eager attributes and whose prototype getters decode the rest, so every reader of an
 * `EntityRecord` / `RelationRecord` keeps working and only pays for what it reads. They are
 * not plain data: spreading, `JSON.stringify` or `structuredClone` see the eager fields only;
 * use `plainEntity` / `plainRelation` (or Snapshot's `entityRecord`) for a plain copy.
 *
 * Encoding of one record (UTF-8 JSON, the same bytes in memory and in the snapshot file):
 *   entity    [rest, evidence, file]  rest: the fields that are neither eager nor evidence/file,
 *                                     in the record's own order; file: index in the file table
 *   relation  [evidence, file, extras] file: index or -1; extras: {role, note} or 0
 *   evidence  [document index, start, end, context index] (+ note): the quote is sliced back out
 *             of the document text; a row the codec cannot index (a document the snapshot does
 *             not hold, only possible for snapshots built in memory) is kept as the plain object.
 * A section is the concatenation of its records plus offsets (Uint32, n + 1 of them).
 */
import type { PartialDate } from '../model/dates.js';
import {
  ASSERTION_NAMES,
  type Assertion,
  type EntityKind,
  EVIDENCE_CONTEXT_NAMES,
  type EvidenceContext,
  RELATION_TYPE_NAMES,
  type RelationType,
} from '../model/ontology.js';
import type {
  EntityRecord,
  EvidenceRecord,
  OutcomeFields,
  RelationRecord,
  SourceDocumentRecord,
} from '../model/records.js';
import { Lru } from './lru.js';

/** Entity fields kept on the graph node: what traversals, filters, metrics and timelines read. */
export const ENTITY_EAGER = ['id', 'kind', 'date', 'start', 'end', 'outcome'] as const;
/** Relation fields kept on the graph edge. */
export const RELATION_EAGER = ['id', 'type', 'source', 'target', 'assertion', 'date'] as const;

/** Entity fields decoded on demand (every other field of EntityRecord). */
const ENTITY_LAZY = [
  'name',
  'aliases',
  'nameZh',
  'description',
  'note',
  'evidence',
  'file',
  'level',
  'sessionType',
  'ordinal',
  'bodyOrdinal',
  'series',
  'campaignType',
  'position',
  'statedCount',
] as const;
const RELATION_LAZY = ['role', 'note', 'evidence', 'file'] as const;

/** How many decoded records each cache keeps: a page of answers many times over, a few MB. */
export const RECORD_CACHE_SIZE = 4096;

/** The eager part of an entity, as the node holds it and the snapshot file's N frames store it. */
export interface EntityHead {
  readonly id: string;
  readonly kind: EntityKind;
  readonly date?: PartialDate;
  readonly start?: PartialDate;
  readonly end?: PartialDate;
  readonly outcome?: OutcomeFields;
}

/** The eager part of a relation. */
export interface RelationHead {
  readonly id: string;
  readonly type: RelationType;
  readonly source: string;
  readonly target: string;
  readonly assertion: Assertion;
  readonly date?: PartialDate;
}

type EvidenceRow = [number, number, number, number] | [number, number, number, number, string] | EvidenceRecord;
type EntityRow = [Record<string, unknown>, EvidenceRow[], number];
type RelationRow = [EvidenceRow[], number, { role?: string; note?: string } | 0];

/**
 * The eager fields of every relation as columns, one entry per graph edge in insertion order:
 * the curated relations in section order (entry i is record i), then the derived MENTIONS.
 * The edge object on the graph holds only its id and its entry, the rest are getters over
 * these arrays: 40 B per relation instead of 80 B, plus 10 B here. A snapshot file's rows are
 * copied straight into them, so loading leaves no head object per relation for the collector
 * (at 100k entities, 500k heads that lived until the graph was built and left ~100 MB of
 * committed but empty old space behind them).
 */
export class RelationColumns {
  /** Entries below this one are curated relations, records of the relation section. */
  curated = 0;
  length = 0;
  /** Index in RELATION_TYPE_NAMES, ASSERTION_NAMES. */
  type: Uint8Array;
  assertion: Uint8Array;
  /** Node index of each end: an entity's rank, or the entity count plus a document's index. */
  source: Int32Array;
  target: Int32Array;
  /** The few dated relations' dates, by entry. */
  readonly dates = new Map<number, PartialDate>();
  /** Node ids by node index, filled with the graph (Snapshot). */
  readonly nodeIds: string[] = [];

  constructor(capacity = 0) {
    this.type = new Uint8Array(capacity);
    this.assertion = new Uint8Array(capacity);
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
  }

  /** Makes room for `more` entries at once (one copy, not a doubling per overflow). */
  reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.type.length) return;
    const grown = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(need);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.type = grown(this.type, (n) => new Uint8Array(n));
    this.assertion = grown(this.assertion, (n) => new Uint8Array(n));
    this.source = grown(this.source, (n) => new Int32Array(n));
    this.target = grown(this.target, (n) => new Int32Array(n));
  }

  /** Appends an entry; returns its index. */
  push(type: number, assertion: number, source: number, target: number, date: PartialDate | undefined): number {
    if (this.length === this.type.length) this.reserve(Math.max(1024, this.length));
    const k = this.length++;
    this.type[k] = type;
    this.assertion[k] = assertion;
    this.source[k] = source;
    this.target[k] = target;
    if (date) this.dates.set(k, date);
    return k;
  }
}

/** Records encoded back to back, with the offset of each (and of the end): in memory or in a file (section-file.ts). */
export interface RecordBytes {
  readonly offsets: Uint32Array;
  readonly length: number;
  /** All the records' bytes, for writing them out again. */
  readonly bytes: Buffer;
  text(i: number): string;
}

/** Records encoded back to back, with the offset of each (and of the end). */
export class RecordSection implements RecordBytes {
  constructor(
    readonly bytes: Buffer,
    readonly offsets: Uint32Array,
  ) {}

  get length(): number {
    return this.offsets.length - 1;
  }

  text(i: number): string {
    return this.bytes.toString('utf8', this.offsets[i], this.offsets[i + 1]);
  }

  static readonly empty = new RecordSection(Buffer.alloc(0), new Uint32Array(1));
}

/** Appends encoded records; buffers of a few MB are joined once at the end. */
export class RecordSectionBuilder {
  private readonly chunks: Buffer[] = [];
  private pending: string[] = [];
  private pendingBytes = 0;
  private readonly ends: number[] = [0];
  private total = 0;

  push(json: string): void {
    const bytes = Buffer.byteLength(json, 'utf8');
    this.total += bytes;
    if (this.total > 0xffff_ffff) throw new Error('record section exceeds 4 GB (offsets are 32-bit)');
    this.ends.push(this.total);
    this.pending.push(json);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= 4 * 1024 * 1024) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.chunks.push(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingBytes = 0;
  }

  finish(): RecordSection {
    this.flush();
    return new RecordSection(Buffer.concat(this.chunks, this.total), Uint32Array.from(this.ends));
  }
}

/** What decoding needs besides the bytes: documents by index (quotes) and the file table. */
export class RecordCodec {
  private readonly docIndex: Map<string, number>;
  private readonly fileIndex = new Map<string, number>();
  /** A document some evidence cites but the snapshot does not hold (only in-memory input). */
  unknownDocument?: string;

  constructor(
    readonly documents: readonly SourceDocumentRecord[],
    readonly files: string[] = [],
  ) {
    this.docIndex = new Map(documents.map((d, i) => [d.id, i]));
    files.forEach((f, i) => {
      this.fileIndex.set(f, i);
    });
  }

  private file(f: string | undefined): number {
    if (f === undefined) return -1;
    const known = this.fileIndex.get(f);
    if (known !== undefined) return known;
    this.files.push(f);
    this.fileIndex.set(f, this.files.length - 1);
    return this.files.length - 1;
  }

  private evidenceRows(evidence: readonly EvidenceRecord[]): EvidenceRow[] {
    return evidence.map((ev) => {
      const d = this.docIndex.get(ev.document);
      const c = EVIDENCE_CONTEXT_NAMES.indexOf(ev.context);
      if (d === undefined || c < 0) {
        if (d === undefined) this.unknownDocument ??= ev.document;
        return ev;
      }
      return ev.note === undefined ? [d, ev.start, ev.end, c] : [d, ev.start, ev.end, c, ev.note];
    });
  }

  encodeEntity(record: EntityRecord): { head: EntityHead; json: string } {
    // Another snapshot's lazy entity keeps most fields on its prototype, where `...` misses them.
    const e = Object.hasOwn(record, 'evidence') ? record : plainEntity(record);
    const { id, kind, date, start, end, outcome, evidence, file, ...rest } = e;
    const row: EntityRow = [rest, this.evidenceRows(evidence), this.file(file)];
    return { head: { id, kind, date, start, end, outcome }, json: JSON.stringify(row) };
  }

  encodeRelation(record: RelationRecord): { head: RelationHead; json: string } {
    const r = Object.hasOwn(record, 'evidence') ? record : plainRelation(record);
    const { id, type, source, target, assertion, date, role, note, evidence, file } = r;
    const extras = role !== undefined || note !== undefined ? { role, note } : 0;
    const row: RelationRow = [this.evidenceRows(evidence), this.file(file), extras];
    return { head: { id, type, source, target, assertion, date }, json: JSON.stringify(row) };
  }

  evidence(rows: readonly EvidenceRow[]): EvidenceRecord[] {
    return rows.map((row) => {
      if (!Array.isArray(row)) return row;
      const [d, start, end, c, note] = row;
      const doc = this.documents[d];
      if (!doc) throw new Error(`snapshot records: evidence cites document index ${d}, which does not exist`);
      const context = EVIDENCE_CONTEXT_NAMES[c] as EvidenceContext;
      const quote = doc.text.slice(start, end);
      return note === undefined
        ? { document: doc.id, quote, start, end, context }
        : { document: doc.id, quote, start, end, context, note };
    });
  }

  /** The distinct documents an encoded entity's evidence cites, in order of first citation. */
  entityDocuments(json: string): string[] {
    const [, rows] = JSON.parse(json) as EntityRow;
    const ids = rows.map((row) => (Array.isArray(row) ? (this.documents[row[0]]?.id ?? '') : row.document));
    return [...new Set(ids)];
  }

  decodeEntity(json: string): Record<string, unknown> {
    const [rest, rows, file] = JSON.parse(json) as EntityRow;
    rest.evidence = this.evidence(rows);
    rest.file = this.files[file] ?? '';
    return rest;
  }

  decodeRelation(json: string): Record<string, unknown> {
    const [rows, file, extras] = JSON.parse(json) as RelationRow;
    return {
      ...(extras === 0 ? {} : extras),
      evidence: this.evidence(rows),
      file: file >= 0 ? this.files[file] : undefined,
    };
  }
}

/** Eager fields a lazy entity holds besides its head: its index in the section (its id rank). */
export interface LazyEntity extends EntityRecord {
  readonly rank: number;
}
export interface LazyRelation extends RelationRecord {
  /** Index in the relation section; -1 for a derived MENTIONS (its evidence is the entity's). */
  readonly rank: number;
}

/**
 * The sections of one snapshot and the classes of its node and edge objects. The classes are
 * made per store so their getters reach it without a pointer on every object.
 */
export class RecordStore {
  private readonly entityCache = new Lru<Record<string, unknown>>(RECORD_CACHE_SIZE);
  private readonly relationCache = new Lru<Record<string, unknown>>(RECORD_CACHE_SIZE);
  readonly Entity: new (
    head: EntityHead,
    rank: number,
  ) => LazyEntity;
  /** A relation object for entry `edge` of the columns, whose id is `id`. */
  readonly Relation: new (
    id: string,
    edge: number,
  ) => LazyRelation;

  constructor(
    readonly codec: RecordCodec,
    readonly entitySection: RecordBytes,
    readonly relationSection: RecordBytes,
    readonly relations: RelationColumns,
    /** The entity a MENTIONS edge points at, for its evidence. */
    entityOf: (id: string) => LazyEntity | undefined,
  ) {
    const store = this;
    class Entity {
      readonly id: string;
      readonly kind: EntityKind;
      readonly rank: number;
      readonly date?: PartialDate;
      readonly start?: PartialDate;
      readonly end?: PartialDate;
      readonly outcome?: OutcomeFields;
      constructor(head: EntityHead, rank: number) {
        this.id = head.id;
        this.kind = head.kind;
        this.rank = rank;
        this.date = head.date;
        this.start = head.start;
        this.end = head.end;
        this.outcome = head.outcome;
      }
    }
    for (const field of ENTITY_LAZY) {
      Object.defineProperty(Entity.prototype, field, {
        get(this: Entity) {
          return store.entityRest(this)[field];
        },
      });
    }
    const columns = relations;
    class Relation {
      readonly id: string;
      /** Entry in the relation columns. */
      readonly edge: number;
      constructor(id: string, edge: number) {
        this.id = id;
        this.edge = edge;
      }
      get type(): RelationType {
        return RELATION_TYPE_NAMES[columns.type[this.edge] as number] as RelationType;
      }
      get assertion(): Assertion {
        return ASSERTION_NAMES[columns.assertion[this.edge] as number] as Assertion;
      }
      get source(): string {
        return columns.nodeIds[columns.source[this.edge] as number] as string;
      }
      get target(): string {
        return columns.nodeIds[columns.target[this.edge] as number] as string;
      }
      get date(): PartialDate | undefined {
        return columns.dates.get(this.edge);
      }
      /** Index in the relation section; -1 for a derived MENTIONS. */
      get rank(): number {
        return this.edge < columns.curated ? this.edge : -1;
      }
    }
    for (const field of RELATION_LAZY) {
      Object.defineProperty(Relation.prototype, field, {
        get(this: Relation) {
          if (this.rank >= 0) return store.relationRest(this)[field];
          if (field !== 'evidence') return undefined;
          const document = this.source.replace(/^source\//, '');
          return (entityOf(this.target)?.evidence ?? []).filter((ev) => ev.document === document);
        },
      });
    }
    this.Entity = Entity as unknown as RecordStore['Entity'];
    this.Relation = Relation as unknown as RecordStore['Relation'];
  }

  private lastEntity?: { id: string; rest: Record<string, unknown> };
  /** Records decoded so far (cache misses), entities and relations: what tests and benches watch. */
  decoded = 0;

  /** Decoded records held in the caches now. */
  get cached(): number {
    return this.entityCache.size + this.relationCache.size;
  }

  /** The decoded lazy fields of an entity; the last one is kept aside, as resolvers read a few in a row. */
  entityRest(e: { id: string; rank: number }): Record<string, unknown> {
    if (this.lastEntity?.id === e.id) return this.lastEntity.rest;
    let rest = this.entityCache.get(e.id);
    if (!rest) {
      rest = this.codec.decodeEntity(this.entitySection.text(e.rank));
      this.decoded++;
      this.entityCache.set(e.id, rest);
    }
    this.lastEntity = { id: e.id, rest };
    return rest;
  }

  relationRest(r: { id: string; rank: number }): Record<string, unknown> {
    let rest = this.relationCache.get(r.id);
    if (!rest) {
      rest = this.codec.decodeRelation(this.relationSection.text(r.rank));
      this.decoded++;
      this.relationCache.set(r.id, rest);
    }
    return rest;
  }
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A plain copy of a (lazy) entity: every field, undefined ones left out. */
export function plainEntity(e: EntityRecord): EntityRecord {
  const out: Record<string, unknown> = {};
  for (const field of ENTITY_EAGER) out[field] = e[field];
  for (const field of ENTITY_LAZY) out[field] = e[field];
  return defined(out) as unknown as EntityRecord;
}

/** A plain copy of a (lazy) relation. */
export function plainRelation(r: RelationRecord): RelationRecord {
  const out: Record<string, unknown> = {};
  for (const field of RELATION_EAGER) out[field] = r[field];
  for (const field of RELATION_LAZY) out[field] = r[field];
  return defined(out) as unknown as RelationRecord;
}
