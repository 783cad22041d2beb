/**
 * GEXF (Gephi's format) through graphology-gexf. Written as GEXF 1.3: its viz namespace is
 * the one Gephi expects (the writer's 1.2 namespace URI is malformed) and colours stay hex.
 * Positions, sizes and colours go to viz:position / viz:size / viz:color; kind, community,
 * evidence counts and relation types become declared attributes.
 */
import { write } from 'graphology-gexf';
import type { Layout } from '../layout/layout.js';
import { type ExportEdgeAttributes, type ExportNodeAttributes, layoutToGraph } from './graph.js';

export function toGexf(layout: Layout, description = 'reform-graph'): string {
  const graph = layoutToGraph(layout);
  graph.mergeAttributes({ creator: 'reform-graph', description });
  return write<ExportNodeAttributes, ExportEdgeAttributes>(graph, {
    version: '1.3',
    formatNode: (_key, a) => ({
      label: a.label,
      viz: { x: a.x, y: a.y, size: a.size, color: a.color },
      attributes: { kind: a.kind, community: a.community, evidenceCount: a.evidenceCount },
    }),
    formatEdge: (_key, a) => ({
      label: a.label,
      attributes: { type: a.type, evidenceCount: a.evidenceCount },
    }),
  });
}
