/**
 * The entity view that centrality and communities run on, built from plain arrays so that a
 * worker thread can build the very same graph (same nodes, edges, order, weights) and run
 * Louvain there, off the thread that answers requests (analytics-worker-thread.ts).
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { degreeCentrality } from 'graphology-metrics/centrality/degree.js';
import { mulberry32 } from '../model/prng.js';

/**
 * These packages are CommonJS (`module.exports = fn`) typed as `export default fn`: Node hands
 * over the function itself, some loaders a namespace holding it. Take it whichever way it came.
 */
export function cjsDefault<T>(mod: { default: T }): T {
  const candidate: unknown = mod;
  return typeof candidate === 'function' ? (candidate as T) : mod.default;
}
const louvain = cjsDefault(louvainModule);

/** Seed of Louvain's random choices: same data, same communities. */
export const COMMUNITY_SEED = 42;

export type EntityView = UndirectedGraph<Record<string, never>, { weight: number }>;

/** Entity ids in id order, and the curated relations between two entities as index pairs, in relation id order. */
export interface EntityViewInput {
  readonly ids: readonly string[];
  readonly source: Int32Array;
  readonly target: Int32Array;
}

/**
 * Every entity (isolated ones too, so each gets a community), joined by an undirected edge
 * wherever curated relations join two entities; `weight` counts those relations. Nodes and
 * edges go in by id so the algorithms' iteration order is stable.
 */
export function buildEntityView({ ids, source, target }: EntityViewInput): EntityView {
  const view: EntityView = new UndirectedGraph({ allowSelfLoops: false });
  for (const id of ids) view.addNode(id);
  for (let i = 0; i < source.length; i++) {
    view.updateEdge(ids[source[i] as number] as string, ids[target[i] as number] as string, (attrs) => ({
      weight: (attrs.weight ?? 0) + 1,
    }));
  }
  return view;
}

/** Degree centrality per node, in node order (0 for every node of a view of fewer than two). */
export function degreeScores(view: EntityView): Float64Array {
  const scores = new Float64Array(view.order);
  if (view.order < 2) return scores;
  const byId = degreeCentrality(view);
  let i = 0;
  view.forEachNode((id) => {
    scores[i++] = byId[id] as number;
  });
  return scores;
}

/** Louvain's community number per node, in node order (each node its own without edges). */
export function louvainCommunities(view: EntityView): Int32Array {
  const out = new Int32Array(view.order);
  if (view.size === 0) {
    for (let i = 0; i < out.length; i++) out[i] = i;
    return out;
  }
  const raw: Record<string, number> = louvain(view, { getEdgeWeight: 'weight', rng: mulberry32(COMMUNITY_SEED) });
  let i = 0;
  view.forEachNode((id) => {
    out[i++] = raw[id] ?? -1;
  });
  return out;
}
