/**
 * graphology's own serialisation (`graph.export()`): what `Graph.from` / `graph.import` read
 * back and what Sigma.js draws from (x, y, size, color, label on nodes).
 *
 * The relation type goes out as `relationType`, not `type`: Sigma reads an edge's `type` as
 * the name of the program that draws it ("line", "arrow") and refuses unknown ones, so a
 * `type: "PART_OF"` would stop it rendering.
 */
import type { SerializedGraph } from 'graphology-types';
import type { Layout } from '../layout/layout.js';
import { layoutToGraph } from './graph.js';

export interface SigmaEdgeAttributes {
  relationType: string;
  label: string;
  evidenceCount: number;
}

export function toGraphologyJson(layout: Layout, description = 'reform-graph'): string {
  const graph = layoutToGraph(layout);
  graph.mergeAttributes({ name: 'reform-graph', description });
  const serialised = graph.export();
  const out: SerializedGraph = {
    ...serialised,
    edges: serialised.edges.map(({ attributes, ...edge }) => {
      const renamed: SigmaEdgeAttributes | undefined = attributes && {
        relationType: attributes.type,
        label: attributes.label,
        evidenceCount: attributes.evidenceCount,
      };
      return { ...edge, attributes: renamed };
    }),
  };
  return JSON.stringify(out);
}
