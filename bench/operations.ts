/**
 * The two operations every server is measured with, and the bare handler's equivalent of
 * each: the same snapshot calls and the same JSON shape as the GraphQL answer's `data`, with
 * none of GraphQL's machinery, so its throughput is the ceiling for the graph work itself.
 */
import type { Snapshot } from '../src/graph/snapshot.js';
import { neighborhood } from '../src/graph/traversal.js';

export const LOOKUP = {
  operationName: 'Entity',
  query:
    'query Entity($id: ID!) { entity(id: $id) { id kind name evidence { quote start end document { id title } } } }',
} as const;

export const TWO_HOP = {
  operationName: 'Neighborhood',
  query:
    'query Neighborhood($id: ID!) { neighborhood(ids: [$id], depth: 2, limit: 30) { truncated nodes { id kind name } edges { id type } } }',
} as const;

export type Workload = 'lookup' | 'twoHop';
export const WORKLOADS: Readonly<Record<Workload, { operationName: string; query: string }>> = {
  lookup: LOOKUP,
  twoHop: TWO_HOP,
};

/** The entity lookup, shaped as `data` of LOOKUP. */
export function lookupData(snapshot: Snapshot, id: string) {
  const e = snapshot.getEntity(id);
  if (!e) return { entity: null };
  return {
    entity: {
      id: e.id,
      kind: e.kind,
      name: e.name,
      evidence: e.evidence.map((ev) => {
        const doc = snapshot.getDocument(ev.document);
        return {
          quote: ev.quote,
          start: ev.start,
          end: ev.end,
          document: doc ? { id: doc.nodeId, title: doc.title } : null,
        };
      }),
    },
  };
}

/** The 2-hop neighbourhood, shaped as `data` of TWO_HOP. */
export function twoHopData(snapshot: Snapshot, id: string) {
  const sub = neighborhood(snapshot, { ids: [id], depth: 2, limit: 30 });
  return {
    neighborhood: {
      truncated: sub.truncated,
      nodes: sub.nodes.flatMap((n) => {
        const e = snapshot.getEntity(n);
        return e ? [{ id: e.id, kind: e.kind, name: e.name }] : [];
      }),
      edges: sub.edges.map((r) => {
        const rel = snapshot.getRelation(r);
        return { id: r, type: rel?.type ?? null };
      }),
    },
  };
}

/** A fixed sample of entity ids spread over the whole graph, for requests to pick from. */
export function sampleIds(snapshot: Snapshot, count: number): string[] {
  const all = snapshot.entities();
  const step = Math.max(1, Math.floor(all.length / count));
  const ids: string[] = [];
  for (let i = 0; i < all.length && ids.length < count; i += step) ids.push((all[i] as { id: string }).id);
  return ids;
}
