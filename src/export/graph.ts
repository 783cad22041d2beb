/**
 * A laid-out subgraph as a graphology graph with the attributes every writer draws from.
 * Writers start from a Layout (often a shared, cached one) and build their own graph, so no
 * writer can disturb a cached layout.
 */
import { MultiDirectedGraph } from 'graphology';
import type { Layout } from '../layout/layout.js';
import type { NodeKind, RelationType } from '../model/ontology.js';

export interface ExportNodeAttributes {
  label: string;
  kind: NodeKind;
  x: number;
  y: number;
  size: number;
  color: string;
  community: number;
  evidenceCount: number;
}

export interface ExportEdgeAttributes {
  type: RelationType;
  label: string;
  evidenceCount: number;
}

export type ExportGraph = MultiDirectedGraph<ExportNodeAttributes, ExportEdgeAttributes>;

export function layoutToGraph(layout: Layout): ExportGraph {
  const graph: ExportGraph = new MultiDirectedGraph<ExportNodeAttributes, ExportEdgeAttributes>();
  for (const { id, ...attributes } of layout.nodes) graph.addNode(id, { ...attributes });
  for (const { id, source, target, ...attributes } of layout.edges) {
    graph.addDirectedEdgeWithKey(id, source, target, { ...attributes });
  }
  return graph;
}
