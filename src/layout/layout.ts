/**
 * Positions, sizes, colours and communities for drawing the graph, in graphology's two forms:
 * `assignLayout(graph)` writes x, y, size, color and community onto a graph, and
 * `computeLayout(snapshot, options)` returns them as plain values. Every step is seeded or
 * deterministic, so the same data and options always give the same picture.
 */
import type { Snapshot } from '../graph/snapshot.js';
import type { Assertion, NodeKind, RelationType } from '../model/ontology.js';
import { hashString, mulberry32 } from '../model/prng.js';
import { forceAtlas2, louvain, noverlap } from './interop.js';
import { minSeparationRatio, relaxOverlaps } from './overlap.js';
import { colorOf } from './palette.js';
import { buildLayoutGraph, type LayoutGraph, type LayoutOptions, normaliseLayoutOptions } from './select.js';

export interface LayoutNode {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  readonly x: number;
  readonly y: number;
  /** Radius in layout units: drawn discs of this radius do not overlap. */
  readonly size: number;
  readonly color: string;
  /** Louvain community, numbered from 0 by decreasing size. */
  readonly community: number;
  /** Quotes supporting the node (for a source document, the quotes taken from it). */
  readonly evidenceCount: number;
}

export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: RelationType;
  readonly label: string;
  readonly evidenceCount: number;
  /** Stated, implied or inferred: the explorer dashes what the text does not state. */
  readonly assertion: Assertion;
}

export interface Layout {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
}

export interface LayoutSettings {
  /** Seed of every random choice (start positions, community search). */
  readonly seed?: number;
  /** ForceAtlas2 iterations; default scales down with the graph (see iterationsFor). */
  readonly iterations?: number;
}

export const DEFAULT_SEED = 20240501;
export const MIN_SIZE = 3;
export const MAX_SIZE = 15;
/** Room noverlap leaves between discs, in layout units. */
const MARGIN = 2;
/** Above this many nodes ForceAtlas2 switches to Barnes-Hut and skips its anti-collision run. */
const LARGE_GRAPH = 2000;
/** Below this separation (distance / sum of radii) noverlap is asked to make room. */
const NOVERLAP_TARGET = 1.1;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** More iterations for small graphs (cheap, and they settle slowly); fewer for big ones. */
export function iterationsFor(order: number): number {
  return Math.round(clamp(5000 / Math.sqrt(Math.max(order, 1)), 50, 500));
}

/** Size from degree, on a square-root scale so hubs stand out without dwarfing the rest. */
function assignSizes(graph: LayoutGraph): void {
  let maxDegree = 0;
  graph.forEachNode((n) => {
    maxDegree = Math.max(maxDegree, graph.degree(n));
  });
  graph.forEachNode((n) => {
    const share = maxDegree === 0 ? 0 : Math.sqrt(graph.degree(n) / maxDegree);
    graph.setNodeAttribute(n, 'size', round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * share));
  });
}

/**
 * Start positions drawn from a PRNG seeded by each node's id, not its index: a node starts in
 * the same place whatever else is selected, so focus pictures resemble the whole one.
 */
function seedPositions(graph: LayoutGraph, seed: number): void {
  const spread = 10 * Math.sqrt(graph.order + 1);
  graph.forEachNode((n) => {
    const rng = mulberry32(hashString(n) ^ seed);
    graph.mergeNodeAttributes(n, { x: (rng() * 2 - 1) * spread, y: (rng() * 2 - 1) * spread });
  });
}

/** noverlap nudges coincident nodes with Math.random; separating them first keeps it seeded. */
function separateCoincident(graph: LayoutGraph, seed: number): void {
  const seen = new Set<string>();
  graph.forEachNode((n, a) => {
    let key = `${a.x},${a.y}`;
    if (seen.has(key)) {
      const rng = mulberry32(hashString(n) ^ seed ^ 0x9e3779b9);
      const x = (a.x ?? 0) + (rng() - 0.5) * MARGIN;
      const y = (a.y ?? 0) + (rng() - 0.5) * MARGIN;
      graph.mergeNodeAttributes(n, { x, y });
      key = `${x},${y}`;
    }
    seen.add(key);
  });
}

const round = (v: number) => Math.round(v * 100) / 100;

const discs = (graph: LayoutGraph) => graph.mapNodes((_n, a) => ({ x: a.x ?? 0, y: a.y ?? 0, size: a.size ?? 0 }));

/**
 * noverlap, then two guarantees. noverlap can oscillate in a crowded cluster and leave it
 * worse than it found it, so its result is kept only when it parts discs better. What it
 * leaves is relaxed pair by pair; if discs still touch after that, every position is spread
 * from the origin just enough to part the closest pair (distances grow, radii do not).
 */
function removeOverlaps(graph: LayoutGraph): void {
  const before = minSeparationRatio(discs(graph));
  if (before < NOVERLAP_TARGET) {
    const saved = graph.mapNodes((_n, a) => ({ x: a.x ?? 0, y: a.y ?? 0 }));
    // noverlap's grid cells hold O(k²) pair checks; finer grids keep big graphs tractable.
    const gridSize = Math.round(clamp(Math.sqrt(graph.order) * 2, 20, 200));
    const maxIterations = Math.round(clamp(500_000 / graph.order, 50, 500));
    noverlap.assign(graph, { maxIterations, settings: { margin: MARGIN, ratio: 1, gridSize } });
    if (minSeparationRatio(discs(graph)) < before) {
      let i = 0;
      graph.updateEachNodeAttributes((_n, a) => ({ ...a, ...saved[i++] }));
    }
  }
  const points = discs(graph).map((d) => ({ ...d, x: round(d.x), y: round(d.y) }));
  relaxOverlaps(points, 200);
  const ratio = minSeparationRatio(points.map((p) => ({ ...p, x: round(p.x), y: round(p.y) })));
  // Rounding to 0.01 moves a distance by < 0.015; the 2% slack on radii ≥ 3 covers it.
  const scale = ratio < 1 ? 1.02 / Math.max(ratio, 1e-6) : 1;
  let i = 0;
  graph.updateEachNodeAttributes((_n, a) => {
    const p = points[i++] ?? { x: 0, y: 0 };
    return { ...a, x: round(p.x * scale), y: round(p.y * scale) };
  });
}

/** Louvain with a seeded rng, renumbered by decreasing size (ties: first node id) for stable ids. */
function assignCommunities(graph: LayoutGraph, seed: number): void {
  const raw = graph.size === 0 ? {} : louvain(graph, { rng: mulberry32(seed) });
  const members = new Map<number, string[]>();
  graph.forEachNode((n) => {
    // Nodes without edges are their own community; the offset keeps them apart from Louvain's.
    const c = raw[n] ?? -1 - members.size;
    members.set(c, [...(members.get(c) ?? []), n]);
  });
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
  ordered.forEach((nodes, i) => {
    for (const n of nodes) graph.setNodeAttribute(n, 'community', i);
  });
}

/** Writes x, y, size, color and community onto every node of a graph whose nodes carry `kind`. */
export function assignLayout(graph: LayoutGraph, settings: LayoutSettings = {}): void {
  const seed = settings.seed ?? DEFAULT_SEED;
  assignSizes(graph);
  graph.forEachNode((n, a) => {
    graph.setNodeAttribute(n, 'color', colorOf(a.kind));
  });
  seedPositions(graph, seed);
  if (graph.order > 1) {
    const iterations = settings.iterations ?? iterationsFor(graph.order);
    const fa2 = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > LARGE_GRAPH };
    forceAtlas2.assign(graph, { iterations, settings: fa2 });
    // A second, shorter run with FA2's anti-collision: noverlap alone often fails to settle
    // the crowded leaves around hubs, while adjustSizes parts them and keeps the shape. On
    // big graphs it costs as much as the main run for little gain, so they go without.
    if (graph.order <= LARGE_GRAPH) {
      forceAtlas2.assign(graph, {
        iterations: Math.round(clamp(iterations / 3, 30, 100)),
        settings: { ...fa2, adjustSizes: true },
      });
    }
    separateCoincident(graph, seed);
    removeOverlaps(graph);
  } else {
    graph.updateEachNodeAttributes((_n, a) => ({ ...a, x: 0, y: 0 }));
  }
  assignCommunities(graph, seed);
}

/** Reads a laid-out graph back as plain values: nodes in graph order, edges by id. */
export function layoutOf(graph: LayoutGraph): Layout {
  const nodes = graph.mapNodes(
    (id, a): LayoutNode => ({
      id,
      label: a.label,
      kind: a.kind,
      x: a.x ?? 0,
      y: a.y ?? 0,
      size: a.size ?? MIN_SIZE,
      color: a.color ?? colorOf(a.kind),
      community: a.community ?? 0,
      evidenceCount: a.evidenceCount,
    }),
  );
  const edges = graph.mapEdges(
    (id, a, source, target): LayoutEdge => ({
      id,
      source,
      target,
      type: a.type,
      label: a.label,
      evidenceCount: a.evidenceCount,
      assertion: a.assertion,
    }),
  );
  return { nodes, edges };
}

/** The laid-out subgraph as a graphology graph (exporters write from this form). */
export function layoutGraph(snapshot: Snapshot, options: LayoutOptions = {}, settings?: LayoutSettings): LayoutGraph {
  const graph = buildLayoutGraph(snapshot, normaliseLayoutOptions(snapshot, options));
  assignLayout(graph, settings);
  return graph;
}

/** A fresh, uncached layout of the selected subgraph (see cache.ts for the cached one). */
export function computeLayout(snapshot: Snapshot, options: LayoutOptions = {}, settings?: LayoutSettings): Layout {
  return layoutOf(layoutGraph(snapshot, options, settings));
}
