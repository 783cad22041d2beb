/**
 * Cytoscape.js elements JSON (also what Cytoscape desktop imports as .cyjs): nodes carry their
 * data and a preset position, edges their relation type. Positions are copied as they are;
 * Cytoscape's y axis points down, so the picture is the others' mirrored top to bottom.
 */
import type { Layout } from '../layout/layout.js';
import type { NodeKind, RelationType } from '../model/ontology.js';

export interface CytoscapeNode {
  data: {
    id: string;
    label: string;
    kind: NodeKind;
    color: string;
    size: number;
    community: number;
    evidenceCount: number;
  };
  position: { x: number; y: number };
}

export interface CytoscapeEdge {
  data: { id: string; source: string; target: string; type: RelationType; label: string; evidenceCount: number };
}

export interface CytoscapeElements {
  elements: { nodes: CytoscapeNode[]; edges: CytoscapeEdge[] };
}

export function cytoscapeElements(layout: Layout): CytoscapeElements {
  return {
    elements: {
      nodes: layout.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.label,
          kind: n.kind,
          color: n.color,
          size: n.size,
          community: n.community,
          evidenceCount: n.evidenceCount,
        },
        position: { x: n.x, y: n.y },
      })),
      edges: layout.edges.map((e) => ({
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          type: e.type,
          label: e.label,
          evidenceCount: e.evidenceCount,
        },
      })),
    },
  };
}

export function toCytoscape(layout: Layout): string {
  return JSON.stringify(cytoscapeElements(layout));
}
