/**
 * Layout timings: the bundled graph, and a synthetic graph of 10,000 nodes and 50,000 edges
 * with heavy-tailed degrees (endpoints drawn from a Zipf-like law, as in real knowledge
 * graphs where a few organs touch everything).
 *
 *   npx tsx scripts/layout-bench.mts
 */
import { resolve } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { loadGraphData } from '../src/graph/load.js';
import {
  assignLayout,
  computeLayout,
  iterationsFor,
  type LayoutGraph,
  layoutOf,
  minSeparationRatio,
} from '../src/layout/index.js';
import type { LayoutEdgeAttributes, LayoutNodeAttributes } from '../src/layout/select.js';
import { ENTITY_KIND_NAMES } from '../src/model/ontology.js';
import { mulberry32 } from '../src/model/prng.js';

const time = <T,>(f: () => T): [T, number] => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};

/** Endpoints drawn with weight (rank + 1)^-exponent: a few hubs, a long tail of leaves. */
function syntheticGraph(order: number, size: number, seed = 42, exponent = 0.9): LayoutGraph {
  const rng = mulberry32(seed);
  const graph: LayoutGraph = new MultiDirectedGraph<LayoutNodeAttributes, LayoutEdgeAttributes>();
  for (let i = 0; i < order; i++) {
    const kind = ENTITY_KIND_NAMES[Math.floor(rng() * ENTITY_KIND_NAMES.length)] ?? 'ORGAN';
    graph.addNode(`n${i}`, { label: `node ${i}`, kind, evidenceCount: 1 });
  }
  const cumulative = new Float64Array(order);
  let total = 0;
  for (let i = 0; i < order; i++) {
    total += (i + 1) ** -exponent;
    cumulative[i] = total;
  }
  const pick = () => {
    const r = rng() * total;
    let lo = 0;
    let hi = order - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // One end heavy-tailed, the other uniform, so every node tends to have some edge.
  while (graph.size < size) {
    const s = pick();
    const t = Math.floor(rng() * order);
    if (s !== t)
      graph.addDirectedEdge(`n${s}`, `n${t}`, {
        type: 'PART_OF',
        label: 'part of',
        evidenceCount: 1,
        assertion: 'STATED',
      });
  }
  return graph;
}

const snapshot = loadGraphData(resolve(import.meta.dirname, '../graph-data'));
computeLayout(snapshot); // warm-up: JIT and module loading should not count
const runs = [1, 2, 3].map(() => time(() => computeLayout(snapshot)));
const bundled = runs[0]?.[0];
const ms = runs.map(([, t]) => t).sort((a, b) => a - b);
console.log(
  `bundled graph: ${bundled?.nodes.length} nodes, ${bundled?.edges.length} edges, ${iterationsFor(bundled?.nodes.length ?? 0)} FA2 iterations: median ${ms[1]?.toFixed(0)} ms (min ${ms[0]?.toFixed(0)}, max ${ms[2]?.toFixed(0)}); min separation ${minSeparationRatio(bundled?.nodes ?? []).toFixed(3)}`,
);

const [synthetic, buildMs] = time(() => syntheticGraph(10_000, 50_000));
let maxDegree = 0;
synthetic.forEachNode((n) => {
  maxDegree = Math.max(maxDegree, synthetic.degree(n));
});
const [, layoutMs] = time(() => assignLayout(synthetic));
const nodes = layoutOf(synthetic).nodes;
console.log(
  `synthetic graph: ${synthetic.order} nodes, ${synthetic.size} edges (max degree ${maxDegree}, built in ${buildMs.toFixed(0)} ms), ${iterationsFor(synthetic.order)} FA2 iterations with Barnes-Hut: ${layoutMs.toFixed(0)} ms; min separation ${minSeparationRatio(nodes).toFixed(3)}, communities ${new Set(nodes.map((n) => n.community)).size}`,
);
