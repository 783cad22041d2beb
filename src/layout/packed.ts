/**
 * A layout as columns: what a layout process computes (positions, sizes, communities) in
 * typed arrays indexed like the selection's sorted node ids, in one ArrayBuffer. Crossing
 * to the server this is one copy of a few MB, not 100k objects deserialised on the thread
 * that answers queries; the per-node objects are built only when something reads the layout,
 * and only weakly held after, so a cached 100k layout costs the server ~3 MB, not ~100 MB.
 *
 * Positions are Float64, not Float32: they are rounded to 0.01 in layout units and served
 * as they are, and a Float32 would change the digits of every answer and export.
 */
import type { Snapshot } from '../graph/snapshot.js';
import type { Layout, LayoutEdge, LayoutNode } from './layout.js';
import { colorOf } from './palette.js';
import {
  type LayoutGraph,
  layoutEdgeAttributes,
  layoutNodeAttributes,
  type NormalisedLayoutOptions,
  selectLayout,
} from './select.js';

export interface PackedPositions {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly size: Float64Array;
  readonly community: Int32Array;
}

/** Bytes per node: x, y and size as Float64, community as Int32. */
const BYTES_PER_NODE = 8 * 3 + 4;

/** Views over one buffer holding `count` nodes' columns. */
export function positionsOf(buffer: ArrayBuffer, count: number): PackedPositions {
  if (buffer.byteLength !== count * BYTES_PER_NODE) {
    throw new Error(`packed layout of ${count} nodes needs ${count * BYTES_PER_NODE} bytes, got ${buffer.byteLength}`);
  }
  return {
    x: new Float64Array(buffer, 0, count),
    y: new Float64Array(buffer, 8 * count, count),
    size: new Float64Array(buffer, 16 * count, count),
    community: new Int32Array(buffer, 24 * count, count),
  };
}

/** The columns of a laid-out graph (see assignLayout), in its node order, in one buffer. */
export function packLayout(graph: LayoutGraph): ArrayBuffer {
  const buffer = new ArrayBuffer(graph.order * BYTES_PER_NODE);
  const p = positionsOf(buffer, graph.order);
  let i = 0;
  graph.forEachNode((_id, a) => {
    p.x[i] = a.x ?? 0;
    p.y[i] = a.y ?? 0;
    p.size[i] = a.size ?? 0;
    p.community[i] = a.community ?? 0;
    i++;
  });
  return buffer;
}

/**
 * A Layout read from packed columns: nodes and edges are built from the snapshot (labels,
 * kinds, evidence) and the columns on first read, frozen, and held weakly, so they are
 * rebuilt when read again after the collector took them. The selection is recomputed from
 * the same options the layout process used, so the i-th id matches the i-th position.
 */
export class PackedLayout implements Layout {
  readonly nodeCount: number;
  private readonly positions: PackedPositions;
  private built?: WeakRef<{ nodes: readonly LayoutNode[]; edges: readonly LayoutEdge[] }>;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly options: NormalisedLayoutOptions,
    buffer: ArrayBuffer,
    nodeCount: number,
  ) {
    this.nodeCount = nodeCount;
    this.positions = positionsOf(buffer, nodeCount);
  }

  get nodes(): readonly LayoutNode[] {
    return this.build().nodes;
  }

  get edges(): readonly LayoutEdge[] {
    return this.build().edges;
  }

  private build(): { nodes: readonly LayoutNode[]; edges: readonly LayoutEdge[] } {
    const kept = this.built?.deref();
    if (kept) return kept;
    const { snapshot, positions: p } = this;
    const selection = selectLayout(snapshot, this.options);
    if (selection.nodes.length !== this.nodeCount) {
      throw new Error(`packed layout has ${this.nodeCount} nodes, the selection ${selection.nodes.length}`);
    }
    // Same fields in the same order as layoutOf, so answers and exports are byte for byte alike.
    const nodes = selection.nodes.map((id, i): LayoutNode => {
      const a = layoutNodeAttributes(snapshot, id);
      return Object.freeze({
        id,
        label: a.label,
        kind: a.kind,
        x: p.x[i] ?? 0,
        y: p.y[i] ?? 0,
        size: p.size[i] ?? 0,
        color: colorOf(a.kind),
        community: p.community[i] ?? 0,
        evidenceCount: a.evidenceCount,
      });
    });
    const edges = selection.edges.map((id): LayoutEdge => {
      const a = layoutEdgeAttributes(snapshot, id);
      return Object.freeze({
        id,
        source: a.source,
        target: a.target,
        type: a.type,
        label: a.label,
        evidenceCount: a.evidenceCount,
        assertion: a.assertion,
      });
    });
    const built = { nodes: Object.freeze(nodes), edges: Object.freeze(edges) };
    this.built = new WeakRef(built);
    return built;
  }
}
