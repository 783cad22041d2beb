/**
 * An immutable, fully validated view of graph-data: the graphology graph plus the indices
 * the API needs. Built once per load; the server swaps whole snapshots, never edits one.
 */
import { MultiDirectedGraph } from 'graphology';
import type { AsPlainObject } from 'minisearch';
import {
  ASSERTION_NAMES,
  ENTITY_KIND_NAMES,
  type EntityKind,
  RELATION_TYPE_NAMES,
  type RelationType,
  SOURCE_KIND,
} from '../model/ontology.js';
import type { EntityRecord, NodeRecord, RelationRecord, SourceDocumentRecord } from '../model/records.js';
import { compareIds } from './adjacency.js';
import type { DataBinding } from './data-hash.js';
import { documentWith } from './document-texts.js';
import { PassageIndex, type PassageIndexData } from './passages.js';
import {
  type EntityHead,
  type LazyEntity,
  plainEntity,
  plainRelation,
  type RecordBytes,
  RecordCodec,
  RecordSection,
  RecordSectionBuilder,
  RecordStore,
  RelationColumns,
} from './record-store.js';
import { SearchIndex } from './search.js';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export type GraphStore = MultiDirectedGraph<NodeRecord, RelationRecord>;

export interface SnapshotInput {
  readonly version: string;
  readonly documents: readonly SourceDocumentRecord[];
  readonly entities: readonly EntityRecord[];
  readonly relations: readonly RelationRecord[];
  /** The files it was built from; absent for snapshots built from records in memory. */
  readonly data?: DataBinding;
}

/** The full-text indexes as a snapshot file stores them (see snapshot-file.ts, frames S and P). */
export interface SearchIndexData {
  readonly entities: AsPlainObject;
  readonly passages: PassageIndexData;
}

/** As a reload's worker sends them: no passage index when the documents did not change. */
export type ReloadIndexData = Omit<SearchIndexData, 'passages'> & { readonly passages?: PassageIndexData };

/**
 * A snapshot's records already encoded (see record-store.ts), as a snapshot file holds them:
 * the heads go on the graph, the sections are taken as they are, no record is parsed.
 */
export interface EncodedSnapshotInput {
  readonly version: string;
  readonly data?: DataBinding;
  readonly documents: readonly SourceDocumentRecord[];
  readonly files: string[];
  /** Sorted by id. */
  readonly entities: readonly EntityHead[];
  /** The documents each entity's evidence cites (one MENTIONS edge each), first citation first. */
  readonly entityDocuments: EntityCitations;
  readonly entityRecords: RecordBytes;
  /**
   * Curated relations in graph insertion order (MENTIONS are derived), their ends as entity
   * ranks; the snapshot appends the MENTIONS and keeps the columns (record-store.ts).
   */
  readonly relations: RelationColumns;
  /**
   * The curated relations' ids, in the same order: strings, or encoded back to back (a
   * reload's worker sends them so, one buffer instead of 500k strings to deserialise at once).
   */
  readonly relationIds: readonly string[] | RecordSection;
  readonly relationRecords: RecordBytes;
  /** A document some evidence cites that `documents` lacks (in-memory input only): such a snapshot serves but cannot be written. */
  readonly unknownDocument?: string;
  /** The relations' id order, stored at `build` (adjacency.ts, relationOrder); absent: sorted on first traversal. */
  readonly relationOrder?: Uint32Array;
}

/** Per entity rank, the indices of the documents it cites: entity i's are `documents[start[i]..start[i + 1])`. */
export interface EntityCitations {
  readonly start: Uint32Array;
  readonly documents: Uint32Array;
}

const MENTIONS_TYPE = RELATION_TYPE_NAMES.indexOf('MENTIONS');
const STATED = ASSERTION_NAMES.indexOf('STATED');

export class Snapshot {
  readonly version: string;
  readonly data?: DataBinding;
  readonly loadedAt = new Date();
  readonly graph: GraphStore;
  /** The encoded records behind the lazy node and edge objects. */
  readonly records: RecordStore;
  /** The relation order a snapshot file stored, until the adjacency takes it (adjacency.ts). */
  relationOrder?: Uint32Array;
  private readonly documentsById = new Map<string, SourceDocumentRecord>();
  private readonly byKind = new Map<EntityKind, EntityRecord[]>();
  private readonly allEntities: EntityRecord[];
  private readonly entitiesByDocument = new Map<string, EntityRecord[]>();

  /** Indexes read from a snapshot file, until the first search loads them. */
  private indexData?: ReloadIndexData;
  private searchIndex?: SearchIndex;
  private passageIndex?: PassageIndex;
  private readonly documentOrder: readonly SourceDocumentRecord[];

  /**
   * Builds the whole snapshot at once. A watching server builds the next one in slices that
   * yield to requests instead: see `Snapshot.inSteps`.
   */
  constructor(input: SnapshotInput | EncodedSnapshotInput, indexes?: ReloadIndexData, deferred?: Deferred) {
    const encoded = 'entityRecords' in input ? input : runToEnd(encodingSteps(input));
    const columns = encoded.relations;
    // The snapshot appends its MENTIONS and node ids to the columns: one input, one snapshot.
    if (columns.length !== columns.curated || columns.nodeIds.length > 0) {
      throw new Error('Snapshot: these encoded relations already belong to another snapshot');
    }
    this.indexData = indexes;
    this.documentOrder = encoded.documents;
    this.version = encoded.version;
    this.data = encoded.data;
    this.relationOrder = encoded.relationOrder;
    this.graph = new MultiDirectedGraph<NodeRecord, RelationRecord>();
    this.records = new RecordStore(
      new RecordCodec(encoded.documents, encoded.files),
      encoded.entityRecords,
      encoded.relationRecords,
      encoded.relations,
      (id) => this.entity(id) as LazyEntity | undefined,
    );
    this.records.codec.unknownDocument = encoded.unknownDocument;
    this.allEntities = new Array(encoded.entities.length);
    const steps = this.fillSteps(encoded, deferred?.step ?? Number.POSITIVE_INFINITY);
    if (deferred) deferred.steps = steps;
    else runToEnd(steps);
  }

  /**
   * A snapshot whose records are encoded and whose graph is filled by the returned steps, each
   * a few hundred insertions: run them all (e.g. with runInSlices) before using the snapshot.
   */
  static *inSteps(
    input: SnapshotInput | EncodedSnapshotInput,
    indexes?: ReloadIndexData,
    step = 500,
  ): Generator<void, Snapshot> {
    const encoded = 'entityRecords' in input ? input : yield* encodingSteps(input, step);
    const deferred: Deferred = { step };
    const snapshot = new Snapshot(encoded, indexes, deferred);
    if (deferred.steps) yield* deferred.steps;
    return snapshot;
  }

  /** Inserts nodes and edges in the order iteration (and so every answer) depends on. */
  private *fillSteps(encoded: EncodedSnapshotInput, step: number): Generator<void, void> {
    const graph = this.graph;
    const { Entity, Relation } = this.records;
    let n = 0;
    for (const doc of encoded.documents) {
      this.documentsById.set(doc.id, doc);
      graph.addNode(doc.nodeId, documentWith(doc, { kind: SOURCE_KIND }));
    }
    for (const kind of ENTITY_KIND_NAMES) this.byKind.set(kind, []);
    const columns = encoded.relations;
    const nodeIds = columns.nodeIds;
    for (const [rank, head] of encoded.entities.entries()) {
      const e = new Entity(head, rank);
      this.allEntities[rank] = e;
      nodeIds.push(e.id);
      graph.addNode(e.id, e);
      this.byKind.get(e.kind)?.push(e);
      if (++n % step === 0) yield;
    }
    for (const doc of encoded.documents) nodeIds.push(doc.nodeId);
    const ids = encoded.relationIds;
    for (let k = 0; k < columns.curated; k++) {
      const id = relationIdAt(ids, k);
      const source = nodeIds[columns.source[k] as number] as string;
      const target = nodeIds[columns.target[k] as number] as string;
      graph.addDirectedEdgeWithKey(id, source, target, new Relation(id, k));
      if (++n % step === 0) yield;
    }
    // One MENTIONS edge per (document, entity); its evidence is the entity's from that document.
    const { start, documents: cited } = encoded.entityDocuments;
    const entityCount = encoded.entities.length;
    columns.reserve(start[entityCount] ?? 0);
    for (let rank = 0; rank < entityCount; rank++) {
      const e = this.allEntities[rank] as EntityRecord;
      for (let p = start[rank] as number; p < (start[rank + 1] as number); p++) {
        const d = cited[p] as number;
        const doc = encoded.documents[d] as SourceDocumentRecord;
        // Joined into a flat string, not a cons-string tree (see snapshot-file.ts, defaultRelationId).
        const id = ['rel/', doc.nodeId, '-MENTIONS->', e.id].join('');
        const k = columns.push(MENTIONS_TYPE, STATED, entityCount + d, rank, undefined);
        graph.addDirectedEdgeWithKey(id, doc.nodeId, e.id, new Relation(id, k));
      }
      if (++n % step === 0) yield;
    }
    for (const doc of encoded.documents) {
      const mentioned = graph
        .outNeighbors(doc.nodeId)
        .map((id) => this.entity(id, graph))
        .filter((e): e is EntityRecord => e !== undefined)
        .sort((a, b) => a.id.localeCompare(b.id));
      this.entitiesByDocument.set(doc.id, mentioned);
      yield;
    }
  }

  /** A plain copy of an entity (every field decoded): for serialising or sending to a worker. */
  entityRecord(id: string): EntityRecord | undefined {
    const e = this.entity(id);
    return e && plainEntity(e);
  }

  /** A plain copy of a relation. */
  relationRecord(id: string): RelationRecord | undefined {
    const r = this.getRelation(id);
    return r && plainRelation(r);
  }

  /**
   * Entity search. Built on first use, or loaded from the snapshot file's index: a layout
   * worker that reads the same file never pays for it, and `serve` loads it at start.
   */
  get search(): SearchIndex {
    this.searchIndex ??= new SearchIndex(this.allEntities, this.takeIndexData()?.entities);
    return this.searchIndex;
  }

  /** Passage search over the documents' text; built or loaded like `search`. */
  get passages(): PassageIndex {
    this.passageIndex ??= new PassageIndex(this.documentOrder, this.allEntities, this.takeIndexData()?.passages);
    return this.passageIndex;
  }

  /** The serialised data for whichever index is still to load; dropped once both are. */
  private takeIndexData(): ReloadIndexData | undefined {
    const data = this.indexData;
    if (data && (this.searchIndex || this.passageIndex)) this.indexData = undefined;
    return data;
  }

  private searchLoading?: Promise<void>;

  /**
   * Loads the indexes read from a snapshot file in slices that yield to the event loop: `serve`
   * starts this once listening, so start-up does not wait for it and requests keep being
   * answered; a search before it ends waits for it. Without such data it builds them at once.
   */
  loadSearch(): Promise<void> {
    this.searchLoading ??= (async () => {
      const data = this.indexData;
      if (data && !this.searchIndex) this.searchIndex = await SearchIndex.load(this.allEntities, data.entities);
      if (data?.passages && !this.passageIndex) {
        this.passageIndex = await PassageIndex.load(this.documentOrder, this.allEntities, data.passages);
      }
      this.indexData = undefined;
      this.prepareSearch();
    })();
    return this.searchLoading;
  }

  /** Whether the passage index is built or loaded already (a reload can share it then). */
  hasPassageIndex(): boolean {
    return this.passageIndex !== undefined;
  }

  /**
   * For a reload: takes `live`'s passage text index when both have the same documents (the
   * text index depends on them alone; the new entities' evidence spans are made in steps).
   * Returns whether it did; if not, the index is loaded or built as usual.
   */
  *sharePassagesSteps(live: Snapshot, step = 500): Generator<void, boolean> {
    const theirs = live.passageIndex;
    if (!theirs || this.passageIndex) return false;
    const mine = this.documentOrder;
    const other = live.documentOrder;
    if (mine.length !== other.length) return false;
    for (let d = 0; d < mine.length; d++) {
      const a = mine[d] as SourceDocumentRecord;
      const b = other[d] as SourceDocumentRecord;
      if (a.id !== b.id || a.text !== b.text) return false;
      if ((d + 1) % 50 === 0) yield;
    }
    this.passageIndex = yield* PassageIndex.sharingSteps(theirs, mine, this.allEntities, step);
    return true;
  }

  /** Loads (or builds) both indexes now, so no first search pays for them. */
  prepareSearch(): void {
    void this.search;
    void this.passages;
  }

  /** Both indexes as a snapshot file stores them. */
  searchIndexData(): SearchIndexData {
    return { entities: this.search.toJSON(), passages: this.passages.toJSON() };
  }

  private entity(id: string, graph: GraphStore = this.graph): EntityRecord | undefined {
    if (!graph.hasNode(id)) return undefined;
    const node = graph.getNodeAttributes(id);
    return node.kind === SOURCE_KIND ? undefined : (node as EntityRecord);
  }

  getEntity(id: string): EntityRecord | undefined {
    return this.entity(id);
  }

  entities(kind?: EntityKind): readonly EntityRecord[] {
    return kind ? (this.byKind.get(kind) ?? []) : this.allEntities;
  }

  /** Accepts the bare id used in evidence or the node id `source/<id>`. */
  getDocument(id: string): SourceDocumentRecord | undefined {
    return this.documentsById.get(id.replace(/^source\//, ''));
  }

  documents(): readonly SourceDocumentRecord[] {
    return [...this.documentsById.values()];
  }

  /** The documents in the order the records' document indices refer to (no copy). */
  documentsInOrder(): readonly SourceDocumentRecord[] {
    return this.documentOrder;
  }

  entitiesMentionedIn(documentId: string): readonly EntityRecord[] {
    return this.entitiesByDocument.get(documentId) ?? [];
  }

  getRelation(id: string): RelationRecord | undefined {
    return this.graph.hasEdge(id) ? this.graph.getEdgeAttributes(id) : undefined;
  }

  /** Relations at a node in a stable order (by id), optionally filtered by type. */
  relationsOf(id: string, direction: Direction, types?: readonly RelationType[]): RelationRecord[] {
    if (!this.graph.hasNode(id)) return [];
    const edges =
      direction === 'OUT'
        ? this.graph.outEdges(id)
        : direction === 'IN'
          ? this.graph.inEdges(id)
          : this.graph.edges(id);
    const wanted = types && types.length > 0 ? new Set(types) : null;
    return edges
      .map((e) => this.graph.getEdgeAttributes(e))
      .filter((r) => !wanted || wanted.has(r.type))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  private nameText?: { text: string; starts: Uint32Array };

  /**
   * Ids of the entities whose name, an alias or Chinese name contains `needle` (lower case).
   * Names live in the lazy records, so scanning entity by entity would decode every record on
   * every such filter; instead every entity's names, lower-cased, are joined once (on first
   * use) into one string that is searched with indexOf, a hit mapped to its entity by offset.
   */
  namesContaining(needle: string): ReadonlySet<string> {
    const ids = new Set<string>();
    // NUL separates entities' names; a needle holding one could match across two entities.
    if (needle.includes(SEPARATOR)) return ids;
    this.nameText ??= joinNames(this.allEntities);
    const { text, starts } = this.nameText;
    for (let at = text.indexOf(needle); at >= 0; ) {
      const i = lastAtOrBefore(starts, at);
      ids.add((this.allEntities[i] as EntityRecord).id);
      // Skip to the next entity: one hit is enough.
      const next = starts[i + 1];
      if (next === undefined) break;
      at = text.indexOf(needle, next);
    }
    return ids;
  }

  private countsMemo?: { kinds: Record<string, number>; relations: Record<string, number> };

  /** Entities per kind and relations per type; computed once, as the snapshot never changes. */
  counts(): { kinds: Record<string, number>; relations: Record<string, number> } {
    this.countsMemo ??= this.count();
    return this.countsMemo;
  }

  private count(): { kinds: Record<string, number>; relations: Record<string, number> } {
    const kinds: Record<string, number> = {};
    for (const kind of ENTITY_KIND_NAMES) kinds[kind] = this.byKind.get(kind)?.length ?? 0;
    const relations: Record<string, number> = {};
    this.graph.forEachEdge((_e, r) => {
      relations[r.type] = (relations[r.type] ?? 0) + 1;
    });
    return { kinds, relations };
  }
}

/** How a snapshot built in steps hands its remaining steps back (see Snapshot.inSteps). */
interface Deferred {
  readonly step: number;
  steps?: Generator<void, void>;
}

function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const SEPARATOR = '\u0000';

function joinNames(entities: readonly EntityRecord[]): { text: string; starts: Uint32Array } {
  const starts = new Uint32Array(entities.length);
  const parts: string[] = [];
  let length = 0;
  entities.forEach((e, i) => {
    starts[i] = length;
    // The same strings the per-entity test compared, one per line, lower-cased.
    const names = [e.name, ...e.aliases, e.nameZh ?? ''].map((n) => n.toLowerCase()).join(SEPARATOR);
    parts.push(names);
    length += names.length + 1;
  });
  return { text: parts.join(SEPARATOR), starts };
}

/** The index of the last start at or before `at` (starts ascending). */
function lastAtOrBefore(starts: Uint32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The k-th curated relation id of an encoded input, whichever way its ids came. */
export function relationIdAt(ids: EncodedSnapshotInput['relationIds'], k: number): string {
  return ids instanceof RecordSection ? ids.text(k) : (ids[k] as string);
}

/**
 * Records held in memory encoded the way a snapshot file holds them, without a graph: what
 * `build` writes (snapshot-file.ts takes either this or a Snapshot, for the same bytes), and what
 * a reload's worker does before it sends the sections.
 */
export function encodeSnapshotInput(input: SnapshotInput): EncodedSnapshotInput {
  return runToEnd(encodingSteps(input));
}

/** Encodes records held in memory (the loader's, a test's) the way a snapshot file holds them. */
function* encodingSteps(input: SnapshotInput, step = Number.POSITIVE_INFINITY): Generator<void, EncodedSnapshotInput> {
  const codec = new RecordCodec(input.documents);
  let n = 0;
  const entities: EntityHead[] = [];
  const docIndex = new Map(input.documents.map((d, i) => [d.id, i]));
  const cited: number[] = [];
  const start: number[] = [0];
  const entitySection = new RecordSectionBuilder();
  // compareIds is localeCompare's order (both the default locale's collator), several times faster.
  for (const e of [...input.entities].sort((a, b) => compareIds(a.id, b.id))) {
    const { head, json } = codec.encodeEntity(e);
    entities.push(head);
    // A document the snapshot lacks gets no MENTIONS edge (and the snapshot cannot be written).
    for (const id of new Set(e.evidence.map((ev) => ev.document))) {
      const d = docIndex.get(id);
      if (d !== undefined) cited.push(d);
    }
    start.push(cited.length);
    entitySection.push(json);
    if (++n % step === 0) yield;
  }
  // Relation ends as node indices (entity ranks; documents after them), as a file stores them.
  const nodeIndex = new Map(entities.map((e, i) => [e.id, i]));
  input.documents.forEach((d, i) => {
    nodeIndex.set(d.nodeId, entities.length + i);
  });
  const endOf = (r: RelationRecord, id: string) => {
    const i = nodeIndex.get(id);
    if (i === undefined) throw new Error(`relation ${r.id}: no node "${id}" in the snapshot`);
    return i;
  };
  const relations = new RelationColumns(input.relations.length);
  const relationIds: string[] = [];
  const relationSection = new RecordSectionBuilder();
  for (const r of input.relations) {
    const { head, json } = codec.encodeRelation(r);
    relations.push(
      RELATION_TYPE_NAMES.indexOf(head.type),
      ASSERTION_NAMES.indexOf(head.assertion),
      endOf(r, head.source),
      endOf(r, head.target),
      head.date,
    );
    relationIds.push(head.id);
    relationSection.push(json);
    if (++n % step === 0) yield;
  }
  relations.curated = relations.length;
  return {
    version: input.version,
    data: input.data,
    documents: input.documents,
    files: codec.files,
    entities,
    entityDocuments: { start: Uint32Array.from(start), documents: Uint32Array.from(cited) },
    entityRecords: entitySection.finish(),
    relations,
    relationIds,
    relationRecords: relationSection.finish(),
    unknownDocument: codec.unknownDocument,
  };
}
