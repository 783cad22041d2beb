/**
 * An immutable, fully validated view of graph-data: the graphology graph plus the indices
 * the API needs. Built once per load; the server swaps whole snapshots, never edits one.
 */
import { MultiDirectedGraph } from 'graphology';
import type { AsPlainObject } from 'minisearch';
import { ENTITY_KIND_NAMES, type EntityKind, type RelationType, SOURCE_KIND } from '../model/ontology.js';
import type {
  EntityRecord,
  EvidenceRecord,
  NodeRecord,
  RelationRecord,
  SourceDocumentRecord,
} from '../model/records.js';
import type { DataBinding } from './data-hash.js';
import { PassageIndex, type PassageIndexData } from './passages.js';
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

export class Snapshot {
  readonly version: string;
  readonly data?: DataBinding;
  readonly loadedAt = new Date();
  readonly graph: GraphStore;
  private readonly documentsById = new Map<string, SourceDocumentRecord>();
  private readonly byKind = new Map<EntityKind, EntityRecord[]>();
  private readonly allEntities: EntityRecord[];
  private readonly entitiesByDocument = new Map<string, EntityRecord[]>();

  /** Indexes read from a snapshot file, until the first search loads them. */
  private indexData?: SearchIndexData;
  private searchIndex?: SearchIndex;
  private passageIndex?: PassageIndex;
  private readonly documentOrder: readonly SourceDocumentRecord[];

  /**
   * `prebuilt`, when given, is this input's graph already built by `graphInsertions` (a watching
   * server builds it in slices that yield to requests, graph/sliced-build.ts).
   */
  constructor(input: SnapshotInput, indexes?: SearchIndexData, prebuilt?: GraphStore) {
    this.indexData = indexes;
    this.documentOrder = input.documents;
    this.version = input.version;
    this.data = input.data;
    for (const doc of input.documents) this.documentsById.set(doc.id, doc);
    this.allEntities = sortedEntities(input.entities);
    const graph = prebuilt ?? buildGraph(input, this.allEntities);
    for (const kind of ENTITY_KIND_NAMES) this.byKind.set(kind, []);
    for (const e of this.allEntities) this.byKind.get(e.kind)?.push(e);
    for (const doc of input.documents) {
      const mentioned = graph
        .outNeighbors(doc.nodeId)
        .map((id) => this.entity(id, graph))
        .filter((e): e is EntityRecord => e !== undefined)
        .sort((a, b) => a.id.localeCompare(b.id));
      this.entitiesByDocument.set(doc.id, mentioned);
    }
    this.graph = graph;
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
  private takeIndexData(): SearchIndexData | undefined {
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
      if (data && !this.passageIndex) {
        this.passageIndex = await PassageIndex.load(this.documentOrder, this.allEntities, data.passages);
      }
      this.indexData = undefined;
      this.prepareSearch();
    })();
    return this.searchLoading;
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

const sortedEntities = (entities: readonly EntityRecord[]) => [...entities].sort((a, b) => a.id.localeCompare(b.id));

function buildGraph(input: SnapshotInput, entities: readonly EntityRecord[]): GraphStore {
  const graph: GraphStore = new MultiDirectedGraph<NodeRecord, RelationRecord>();
  for (const _ of graphInsertions(input, graph, entities));
  return graph;
}

/**
 * Fills `graph` with the input's nodes and edges, in the order iteration (and so every answer)
 * depends on, pausing (yielding) every `step` insertions.
 */
export function* graphInsertions(
  input: SnapshotInput,
  graph: GraphStore,
  entities: readonly EntityRecord[] = sortedEntities(input.entities),
  step = Number.POSITIVE_INFINITY,
): Generator<void> {
  let n = 0;
  const documents = new Map<string, SourceDocumentRecord>();
  for (const doc of input.documents) {
    documents.set(doc.id, doc);
    graph.addNode(doc.nodeId, { ...doc, kind: SOURCE_KIND });
  }
  yield;
  for (const e of entities) {
    graph.addNode(e.id, e);
    if (++n % step === 0) yield;
  }
  for (const r of input.relations) {
    graph.addDirectedEdgeWithKey(r.id, r.source, r.target, r);
    if (++n % step === 0) yield;
  }
  for (const r of mentionRelations(entities, documents)) {
    graph.addDirectedEdgeWithKey(r.id, r.source, r.target, r);
    if (++n % step === 0) yield;
  }
}

/** One MENTIONS edge per (document, entity), carrying the entity's quotes from that document. */
function mentionRelations(
  entities: readonly EntityRecord[],
  documents: ReadonlyMap<string, SourceDocumentRecord>,
): RelationRecord[] {
  const out: RelationRecord[] = [];
  for (const e of entities) {
    const byDoc = new Map<string, EvidenceRecord[]>();
    for (const ev of e.evidence) byDoc.set(ev.document, [...(byDoc.get(ev.document) ?? []), ev]);
    for (const [docId, evidence] of byDoc) {
      const doc = documents.get(docId);
      if (!doc) continue;
      out.push({
        id: `rel/${doc.nodeId}-MENTIONS->${e.id}`,
        type: 'MENTIONS',
        assertion: 'STATED',
        source: doc.nodeId,
        target: e.id,
        evidence,
      });
    }
  }
  return out;
}
