/**
 * Picks the subgraph a layout draws and copies it into a small graph of its own, so layout
 * algorithms write positions onto a throwaway graph and never onto the snapshot's store.
 */

import { MultiDirectedGraph } from 'graphology';
import { checkInt } from '../graph/arguments.js';
import type { Snapshot } from '../graph/snapshot.js';
import { BadInputError, LimitExceededError, NotFoundError } from '../model/errors.js';
import {
  type Assertion,
  ENTITY_KIND_NAMES,
  type EntityKind,
  type NodeKind,
  RELATION_TYPE_NAMES,
  type RelationType,
  SOURCE_KIND,
} from '../model/ontology.js';

export const LAYOUT_LIMITS = {
  defaultDepth: 1,
  /** Beyond three hops a focus reaches most of the graph: ask for the whole layout instead. */
  maxDepth: 3,
  maxFocus: 100,
} as const;

export interface LayoutOptions {
  /** Entity ids to centre on; omitted or empty draws the whole graph. */
  readonly focus?: readonly string[] | null;
  /** Hops from the focus, either direction (default 1, at most 3); ignored without a focus. */
  readonly depth?: number | null;
  /** Only these kinds (focus entities are always kept). */
  readonly kinds?: readonly EntityKind[] | null;
  /** Only these relation types (default: all but MENTIONS; MENTIONS brings in source documents). */
  readonly relationTypes?: readonly RelationType[] | null;
}

/** Options in canonical form: validated, sorted, defaults applied. Doubles as a cache key. */
export interface NormalisedLayoutOptions {
  readonly focus: readonly string[];
  readonly depth: number;
  readonly kinds: readonly EntityKind[] | null;
  readonly relationTypes: readonly RelationType[] | null;
}

export interface LayoutNodeAttributes {
  label: string;
  kind: NodeKind;
  evidenceCount: number;
  x?: number;
  y?: number;
  size?: number;
  color?: string;
  community?: number;
}

export interface LayoutEdgeAttributes {
  type: RelationType;
  label: string;
  evidenceCount: number;
  assertion: Assertion;
}

export type LayoutGraph = MultiDirectedGraph<LayoutNodeAttributes, LayoutEdgeAttributes>;

const DEFAULT_TYPES = RELATION_TYPE_NAMES.filter((t) => t !== 'MENTIONS');

const sortedUnique = <T extends string>(values: readonly T[]): T[] =>
  [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function checkNames<T extends string>(name: string, values: readonly string[], allowed: readonly T[]): T[] {
  const known = new Set<string>(allowed);
  const bad = values.filter((v) => !known.has(v));
  if (bad.length > 0) {
    throw new BadInputError(`unknown ${name}: ${bad.join(', ')}`, { argument: name, allowed: [...allowed] });
  }
  return sortedUnique(values as T[]);
}

export function normaliseLayoutOptions(snapshot: Snapshot, options: LayoutOptions = {}): NormalisedLayoutOptions {
  const kinds = options.kinds?.length ? checkNames('kinds', options.kinds, ENTITY_KIND_NAMES) : null;
  const relationTypes = options.relationTypes?.length
    ? checkNames('relationTypes', options.relationTypes, RELATION_TYPE_NAMES)
    : null;
  const focus = sortedUnique(options.focus ?? []);
  if (focus.length > LAYOUT_LIMITS.maxFocus) {
    throw new LimitExceededError(
      'focus',
      LAYOUT_LIMITS.maxFocus,
      `focus may name at most ${LAYOUT_LIMITS.maxFocus} entities, got ${focus.length}`,
    );
  }
  const withSources = relationTypes?.includes('MENTIONS') ?? false;
  for (const id of focus) {
    const known =
      snapshot.getEntity(id) !== undefined || (withSources && id.startsWith('source/') && snapshot.getDocument(id));
    if (!known) throw new NotFoundError(`no entity with id "${id}"`, { id });
  }
  const depth = options.depth ?? LAYOUT_LIMITS.defaultDepth;
  checkInt('depth', depth, 0, LAYOUT_LIMITS.maxDepth);
  // Depth means nothing without a focus; normalising it keeps one cache entry per picture.
  return { focus, depth: focus.length > 0 ? depth : LAYOUT_LIMITS.defaultDepth, kinds, relationTypes };
}

/** The ids a layout draws, each list sorted: the order of every later step and of packed positions. */
export interface LayoutSelection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

/** Which nodes and relations these options draw, without copying anything. */
export function selectLayout(snapshot: Snapshot, options: NormalisedLayoutOptions): LayoutSelection {
  const store = snapshot.graph;
  const types = new Set<RelationType>(options.relationTypes ?? DEFAULT_TYPES);
  const kinds = new Set<EntityKind>(options.kinds ?? ENTITY_KIND_NAMES);
  const focus = new Set(options.focus);
  const withSources = types.has('MENTIONS');
  const eligible = (id: string): boolean => {
    const kind = store.getNodeAttribute(id, 'kind');
    return kind === SOURCE_KIND ? withSources : kinds.has(kind) || focus.has(id);
  };
  const followed = (edge: string): boolean => types.has(store.getEdgeAttribute(edge, 'type'));

  let selected: Set<string>;
  if (focus.size === 0) {
    selected = new Set(store.filterNodes((id) => eligible(id)));
  } else {
    // Breadth-first, ignoring direction: a focus picture shows what points at it too.
    selected = new Set(focus);
    let frontier = [...focus];
    for (let hop = 0; hop < options.depth && frontier.length > 0; hop++) {
      const next: string[] = [];
      for (const id of frontier) {
        store.forEachEdge(id, (edge, _attrs, source, target) => {
          const other = source === id ? target : source;
          if (!selected.has(other) && followed(edge) && eligible(other)) {
            selected.add(other);
            next.push(other);
          }
        });
      }
      frontier = next;
    }
  }
  // Sorted, so every later step (layout, communities, exports) is reproducible.
  const edges = store
    .filterEdges((edge, _r, source, target) => followed(edge) && selected.has(source) && selected.has(target))
    .sort();
  return { nodes: sortedUnique([...selected]), edges };
}

/** What drawing needs of a node: its label, kind and how many quotes back it. */
export function layoutNodeAttributes(snapshot: Snapshot, id: string): LayoutNodeAttributes {
  const store = snapshot.graph;
  const node = store.getNodeAttributes(id);
  if (node.kind === SOURCE_KIND) {
    let quotes = 0;
    store.forEachOutEdge(id, (_e, r) => {
      if (r.type === 'MENTIONS') quotes += r.evidence.length;
    });
    return { label: node.title, kind: SOURCE_KIND, evidenceCount: quotes };
  }
  return { label: node.name, kind: node.kind, evidenceCount: node.evidence.length };
}

/** What drawing needs of a relation, with its endpoints. */
export function layoutEdgeAttributes(
  snapshot: Snapshot,
  id: string,
): LayoutEdgeAttributes & { source: string; target: string } {
  const r = snapshot.graph.getEdgeAttributes(id);
  return {
    source: r.source,
    target: r.target,
    type: r.type,
    label: r.type.toLowerCase().replaceAll('_', ' '),
    evidenceCount: r.evidence.length,
    assertion: r.assertion,
  };
}

/** The selected nodes and relations, copied with the few attributes drawing needs. */
export function buildLayoutGraph(
  snapshot: Snapshot,
  options: NormalisedLayoutOptions,
  selection: LayoutSelection = selectLayout(snapshot, options),
): LayoutGraph {
  const graph: LayoutGraph = new MultiDirectedGraph<LayoutNodeAttributes, LayoutEdgeAttributes>();
  for (const id of selection.nodes) graph.addNode(id, layoutNodeAttributes(snapshot, id));
  for (const edge of selection.edges) {
    const { source, target, ...attributes } = layoutEdgeAttributes(snapshot, edge);
    graph.addDirectedEdgeWithKey(edge, source, target, attributes);
  }
  return graph;
}
