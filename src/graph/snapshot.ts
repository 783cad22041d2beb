/**
 * An immutable, fully validated view of graph-data: the graphology graph plus the indices
 * the API needs. Built once per load; the server swaps whole snapshots, never edits one.
 */
import { MultiDirectedGraph } from 'graphology';
import { ENTITY_KIND_NAMES, type EntityKind, type RelationType, SOURCE_KIND } from '../model/ontology.js';
import type {
  EntityRecord,
  EvidenceRecord,
  NodeRecord,
  RelationRecord,
  SourceDocumentRecord,
} from '../model/records.js';
import { SearchIndex } from './search.js';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export type GraphStore = MultiDirectedGraph<NodeRecord, RelationRecord>;

export interface SnapshotInput {
  readonly version: string;
  readonly documents: readonly SourceDocumentRecord[];
  readonly entities: readonly EntityRecord[];
  readonly relations: readonly RelationRecord[];
}

export class Snapshot {
  readonly version: string;
  readonly loadedAt = new Date();
  readonly graph: GraphStore;
  readonly search: SearchIndex;
  private readonly documentsById = new Map<string, SourceDocumentRecord>();
  private readonly byKind = new Map<EntityKind, EntityRecord[]>();
  private readonly allEntities: EntityRecord[];
  private readonly entitiesByDocument = new Map<string, EntityRecord[]>();

  constructor(input: SnapshotInput) {
    this.version = input.version;
    const graph: GraphStore = new MultiDirectedGraph<NodeRecord, RelationRecord>();
    for (const doc of input.documents) {
      this.documentsById.set(doc.id, doc);
      graph.addNode(doc.nodeId, { ...doc, kind: SOURCE_KIND });
    }
    this.allEntities = [...input.entities].sort((a, b) => a.id.localeCompare(b.id));
    for (const kind of ENTITY_KIND_NAMES) this.byKind.set(kind, []);
    for (const e of this.allEntities) {
      graph.addNode(e.id, e);
      this.byKind.get(e.kind)?.push(e);
    }
    for (const r of input.relations) graph.addDirectedEdgeWithKey(r.id, r.source, r.target, r);
    for (const r of mentionRelations(this.allEntities, this.documentsById)) {
      graph.addDirectedEdgeWithKey(r.id, r.source, r.target, r);
    }
    for (const doc of input.documents) {
      const mentioned = graph
        .outNeighbors(doc.nodeId)
        .map((id) => this.entity(id, graph))
        .filter((e): e is EntityRecord => e !== undefined)
        .sort((a, b) => a.id.localeCompare(b.id));
      this.entitiesByDocument.set(doc.id, mentioned);
    }
    this.graph = graph;
    this.search = new SearchIndex(this.allEntities);
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
