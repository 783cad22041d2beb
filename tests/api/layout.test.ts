import { describe, expect, it } from 'vitest';
import {
  assignLayout,
  buildLayoutGraph,
  cachedLayout,
  computeLayout,
  KIND_COLORS,
  normaliseLayoutOptions,
} from '../../src/layout/index.js';
import { bundledSnapshot, errorCodes, execute, query } from '../helpers/graphql.js';

const MINISTRY = 'organ/ministry-of-public-security';

interface Node {
  id: string;
  label: string;
  kind: keyof typeof KIND_COLORS;
  x: number;
  y: number;
  size: number;
  color: string;
  community: number;
}
interface Edge {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
}

const LAYOUT = `query($focus: [ID!], $depth: Int, $kinds: [EntityKind!], $types: [RelationType!]) {
  layout(focus: $focus, depth: $depth, kinds: $kinds, relationTypes: $types) {
    nodes { id label kind x y size color community }
    edges { id source target type label }
  }
}`;

/** Every pair, not the grid the layout uses, so the check does not share the code it checks. */
function overlappingPairs(nodes: readonly Node[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i] as Node;
      const b = nodes[j] as Node;
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.size + b.size) out.push(`${a.id} / ${b.id}`);
    }
  }
  return out;
}

describe('layout', () => {
  it('lays out every entity and relation but no source document or MENTIONS by default', async () => {
    const { layout } = await query<{ layout: { nodes: Node[]; edges: Edge[] } }>(LAYOUT);
    const snapshot = bundledSnapshot();
    expect(layout.nodes).toHaveLength(snapshot.entities().length);
    const mentions = snapshot.counts().relations.MENTIONS ?? 0;
    expect(layout.edges).toHaveLength(snapshot.graph.size - mentions);
    expect(layout.nodes.some((n) => n.kind === 'SOURCE')).toBe(false);
    expect(layout.edges.some((e) => e.type === 'MENTIONS')).toBe(false);
    for (const n of layout.nodes) {
      expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
      expect(n.size).toBeGreaterThanOrEqual(3);
      expect(n.size).toBeLessThanOrEqual(15);
      expect(Number.isInteger(n.community) && n.community >= 0).toBe(true);
    }
  });

  it('gives identical coordinates in two fresh computations, and the API serves the same', async () => {
    const snapshot = bundledSnapshot();
    const first = computeLayout(snapshot);
    const second = computeLayout(snapshot);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    const { layout } = await query<{ layout: { nodes: Node[] } }>(LAYOUT);
    expect(layout.nodes.map(({ id, x, y, size, community }) => ({ id, x, y, size, community }))).toEqual(
      first.nodes.map(({ id, x, y, size, community }) => ({ id, x, y, size, community })),
    );
  });

  it('places no two nodes of the bundled graph over each other (distance ≥ sum of radii)', async () => {
    const { layout } = await query<{ layout: { nodes: Node[] } }>(LAYOUT);
    expect(overlappingPairs(layout.nodes)).toEqual([]);
    const withDocuments = await query<{ layout: { nodes: Node[] } }>(LAYOUT, { types: ['MENTIONS', 'PART_OF'] });
    expect(overlappingPairs(withDocuments.layout.nodes)).toEqual([]);
  });

  it('colours every node by its kind from the palette', async () => {
    const { layout } = await query<{ layout: { nodes: Node[] } }>(LAYOUT, { types: ['MENTIONS', 'PART_OF'] });
    const kinds = new Set(layout.nodes.map((n) => n.kind));
    expect(kinds.has('SOURCE')).toBe(true);
    expect(kinds.has('ORGAN')).toBe(true);
    for (const n of layout.nodes) expect(n.color).toBe(KIND_COLORS[n.kind]);
    expect(new Set(Object.values(KIND_COLORS)).size).toBe(Object.keys(KIND_COLORS).length);
  });

  it('focuses on the Ministry of Public Security and its neighbours one hop away, either direction', async () => {
    const { layout } = await query<{ layout: { nodes: Node[]; edges: Edge[] } }>(LAYOUT, {
      focus: [MINISTRY],
      depth: 1,
    });
    const store = bundledSnapshot().graph;
    const expected = new Set([MINISTRY]);
    store.forEachEdge(MINISTRY, (_e, r, source, target) => {
      if (r.type !== 'MENTIONS') expected.add(source === MINISTRY ? target : source);
    });
    const nodes = layout.nodes.map((n) => n.id);
    expect(new Set(nodes)).toEqual(expected);
    expect(nodes.length).toBeGreaterThan(5);
    const kept = new Set(nodes);
    for (const e of layout.edges) {
      expect(kept.has(e.source) && kept.has(e.target)).toBe(true);
      expect(e.type).not.toBe('MENTIONS');
    }
    // Every relation touching the Ministry is drawn.
    const touching = store.edges(MINISTRY).filter((e) => store.getEdgeAttribute(e, 'type') !== 'MENTIONS');
    expect(layout.edges.map((e) => e.id)).toEqual(expect.arrayContaining(touching));
    expect(overlappingPairs(layout.nodes)).toEqual([]);
  });

  it('keeps only the asked kinds, focus entities included whatever their kind', async () => {
    const { layout } = await query<{ layout: { nodes: Node[] } }>(LAYOUT, {
      focus: [MINISTRY],
      depth: 2,
      kinds: ['OUTCOME'],
    });
    for (const n of layout.nodes) expect(n.id === MINISTRY || n.kind === 'OUTCOME').toBe(true);
  });

  it('refuses unknown focus ids, negative depths and depths past the limit with stable codes', async () => {
    expect(errorCodes(await execute(LAYOUT, { focus: ['organ/no-such-organ'] }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await execute(LAYOUT, { focus: [MINISTRY], depth: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await execute(LAYOUT, { focus: [MINISTRY], depth: 4 }))).toEqual(['LIMIT_EXCEEDED']);
  });

  it('caches one layout per normalised selection', () => {
    const snapshot = bundledSnapshot();
    expect(cachedLayout(snapshot)).toBe(cachedLayout(snapshot));
    const a = cachedLayout(snapshot, { focus: [MINISTRY, 'campaign/demonstration-city-creation'] });
    const b = cachedLayout(snapshot, { focus: ['campaign/demonstration-city-creation', MINISTRY, MINISTRY], depth: 1 });
    expect(b).toBe(a);
    expect(Object.isFrozen(a.nodes[0])).toBe(true);
  });

  it('assignLayout writes x, y, size, color and community onto a graph', () => {
    const snapshot = bundledSnapshot();
    const graph = buildLayoutGraph(snapshot, normaliseLayoutOptions(snapshot, { focus: [MINISTRY] }));
    assignLayout(graph);
    graph.forEachNode((_n, a) => {
      expect(typeof a.x).toBe('number');
      expect(typeof a.y).toBe('number');
      expect(a.color).toBe(KIND_COLORS[a.kind]);
      expect(typeof a.size).toBe('number');
      expect(typeof a.community).toBe('number');
    });
  });
});
