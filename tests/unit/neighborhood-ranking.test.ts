/**
 * `neighborhood` stops walking once nearer hop levels fill `limit`. This checks it against
 * the definition it must keep: rank every node within `depth` by (hops, id), keep the wanted
 * ones, cut at `limit`, `truncated` when something was cut. The oracle walks the whole reach
 * with graphology-traversal, as the implementation did before it learnt to stop early.
 */
import fc from 'fast-check';
import { MultiDirectedGraph } from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Direction, Snapshot } from '../../src/graph/snapshot.js';
import { neighborhood } from '../../src/graph/traversal.js';
import {
  CURATED_RELATION_TYPES,
  ENTITY_KIND_NAMES,
  type EntityKind,
  RELATION_TYPE_NAMES,
  type RelationType,
} from '../../src/model/ontology.js';
import { generatedSnapshot } from '../helpers/generated.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const MODE = { OUT: 'out', IN: 'in', BOTH: 'directed' } as const;
const byId = (a: string, b: string) => a.localeCompare(b);

interface OracleArgs {
  ids: string[];
  depth: number;
  direction: Direction;
  kinds: EntityKind[];
  limit: number;
  relationTypes?: RelationType[];
}

const views = new WeakMap<Snapshot, Map<string, MultiDirectedGraph>>();
function viewOf(snapshot: Snapshot, relationTypes: readonly RelationType[]): MultiDirectedGraph {
  const types = new Set(relationTypes);
  const key = [...types].sort().join(',');
  const bySnapshot = views.get(snapshot) ?? new Map<string, MultiDirectedGraph>();
  views.set(snapshot, bySnapshot);
  const cached = bySnapshot.get(key);
  if (cached) return cached;
  const view = new MultiDirectedGraph();
  for (const e of snapshot.entities()) view.addNode(e.id);
  if (types.has('MENTIONS')) for (const d of snapshot.documents()) view.addNode(d.nodeId);
  snapshot.graph.forEachEdge((edge, r) => {
    if (types.has(r.type)) view.addEdgeWithKey(edge, r.source, r.target);
  });
  bySnapshot.set(key, view);
  return view;
}

/** Everything within reach, ranked, then cut: the previous implementation, kept as the definition. */
function oracle(snapshot: Snapshot, args: OracleArgs) {
  const view = viewOf(snapshot, args.relationTypes?.length ? args.relationTypes : CURATED_RELATION_TYPES);
  const distance = new Map<string, number>();
  for (const seed of new Set(args.ids)) {
    bfsFromNode(
      view,
      seed,
      (node, _attributes, hops) => {
        const known = distance.get(node);
        if (known !== undefined && known <= hops) return true;
        distance.set(node, hops);
        return hops >= args.depth;
      },
      { mode: MODE[args.direction] },
    );
  }
  const seeds = new Set(args.ids);
  const kinds = args.kinds.length > 0 ? new Set<string>(args.kinds) : null;
  const ranked = [...distance]
    .filter(([id]) => seeds.has(id) || !kinds || kinds.has(snapshot.getEntity(id)?.kind ?? ''))
    .sort(([a, da], [b, db]) => da - db || byId(a, b))
    .map(([id]) => id);
  return { nodes: ranked.slice(0, args.limit), truncated: ranked.length > args.limit };
}

function argsArb(snapshot: Snapshot) {
  const ids = snapshot.entities().map((e) => e.id);
  return fc.record({
    ids: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 }),
    depth: fc.integer({ min: 0, max: 3 }),
    direction: fc.constantFrom<Direction>('OUT', 'IN', 'BOTH'),
    kinds: fc.oneof(
      fc.constant([] as EntityKind[]),
      fc.uniqueArray(fc.constantFrom(...ENTITY_KIND_NAMES), { maxLength: 2 }),
    ),
    limit: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 500 })),
    relationTypes: fc.option(fc.uniqueArray(fc.constantFrom(...RELATION_TYPE_NAMES), { minLength: 1, maxLength: 4 }), {
      nil: undefined,
    }),
  });
}

function agreesWithOracle(snapshot: Snapshot, runs: number, seed: number) {
  fc.assert(
    fc.property(argsArb(snapshot), (args) => {
      const got = neighborhood(snapshot, args);
      const want = oracle(snapshot, args);
      expect({ nodes: got.nodes, truncated: got.truncated }).toEqual(want);
      expect(new Set(got.edges).size).toBe(got.edges.length);
    }),
    { numRuns: runs, seed },
  );
}

describe('neighborhood ranks like the whole-reach definition', () => {
  it('on the bundled graph', () => {
    agreesWithOracle(bundledSnapshot(), 400, 6);
  });

  describe('on a generated heavy-tailed graph', () => {
    let snapshot: Snapshot;
    beforeAll(() => {
      snapshot = generatedSnapshot({ entities: 1500, seed: 3 });
    });

    it('agrees on random arguments', () => {
      agreesWithOracle(snapshot, 150, 7);
    });

    it('stops early from a hub: the answer is the hub and its lowest-id neighbours', () => {
      const hub = snapshot
        .entities()
        .map((e) => e.id)
        .reduce((best, id) => (snapshot.graph.degree(id) > snapshot.graph.degree(best) ? id : best));
      expect(snapshot.graph.degree(hub)).toBeGreaterThan(30);
      const got = neighborhood(snapshot, { ids: [hub], depth: 2, limit: 30 });
      expect(got.truncated).toBe(true);
      expect(got.nodes).toEqual(
        oracle(snapshot, { ids: [hub], depth: 2, direction: 'BOTH', kinds: [], limit: 30 }).nodes,
      );
    });
  });
});
