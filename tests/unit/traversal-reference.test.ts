/**
 * Shortest paths, simple paths and chains walk the one graph with filters (adjacency.ts) and
 * must answer exactly as graphology's algorithms did on the filtered graphology copies they
 * replaced (issue 20): the same path where several are shortest, since the API returns one.
 * The reference here is that previous implementation, kept as the definition, run on random
 * arguments over the bundled graph and a generated heavy-tailed one.
 */
import fc from 'fast-check';
import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology';
import { bidirectional, singleSource } from 'graphology-shortest-path';
import { allSimpleEdgeGroupPaths } from 'graphology-simple-path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { drivers, outcomeChains, paths, shortestPath } from '../../src/graph/traversal.js';
import { LimitExceededError } from '../../src/model/errors.js';
import {
  ASSERTION_NAMES,
  type Assertion,
  CHAIN_RELATIONS,
  CURATED_RELATION_TYPES,
  type RelationType,
} from '../../src/model/ontology.js';
import type { RelationRecord } from '../../src/model/records.js';
import { generatedSnapshot } from '../helpers/generated.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const byId = (a: string, b: string) => a.localeCompare(b);
type View = MultiDirectedGraph | MultiUndirectedGraph;

const sorted = new WeakMap<Snapshot, RelationRecord[]>();
function sortedRelations(snapshot: Snapshot) {
  let relations = sorted.get(snapshot);
  if (!relations) {
    relations = snapshot.graph.mapEdges((_key, r) => r).sort((a, b) => byId(a.id, b.id));
    sorted.set(snapshot, relations);
  }
  return relations;
}

/** The filtered copy paths ran on: entities, relations of the types inserted in id order. */
function relationView(snapshot: Snapshot, types: readonly RelationType[], directed: boolean, kept: Assertion[] | null) {
  const view: View = directed ? new MultiDirectedGraph() : new MultiUndirectedGraph();
  for (const e of snapshot.entities()) view.addNode(e.id);
  const wanted = new Set(types);
  for (const r of sortedRelations(snapshot)) {
    if (wanted.has(r.type) && (!kept || kept.includes(r.assertion))) view.addEdgeWithKey(r.id, r.source, r.target);
  }
  return view;
}

function chainView(snapshot: Snapshot, reversed: boolean, kept: Assertion[] | null) {
  const view = new MultiDirectedGraph();
  for (const e of snapshot.entities()) view.addNode(e.id);
  for (const r of sortedRelations(snapshot)) {
    const flow = CHAIN_RELATIONS.get(r.type);
    if (!flow || (kept && !kept.includes(r.assertion))) continue;
    const [cause, effect] = flow === 'forward' ? [r.source, r.target] : [r.target, r.source];
    if (reversed) view.addDirectedEdgeWithKey(r.id, effect, cause);
    else view.addDirectedEdgeWithKey(r.id, cause, effect);
  }
  return view;
}

function pathFromNodes(view: View, nodes: readonly string[]) {
  const hops = nodes.slice(1).map((next, i) => view.outboundEdges(nodes[i] as string, next).sort(byId));
  return { nodes, hops, edges: hops.map((h) => h[0]) };
}

function comparePaths(a: { nodes: readonly string[]; edges: readonly unknown[] }, b: typeof a): number {
  return a.edges.length - b.edges.length || byId(a.nodes.join(' '), b.nodes.join(' '));
}

interface Args {
  from: string;
  to: string;
  directed: boolean;
  types?: RelationType[];
  assertions?: Assertion[];
  maxLength: number;
}

function argsArb(snapshot: Snapshot, candidates: readonly string[], longest: number) {
  const ids = snapshot.entities().map((e) => e.id);
  return fc
    .record({
      from: fc.constantFrom(...candidates),
      to: fc.constantFrom(...ids),
      directed: fc.boolean(),
      types: fc.option(fc.uniqueArray(fc.constantFrom(...CURATED_RELATION_TYPES), { minLength: 1, maxLength: 6 }), {
        nil: undefined,
      }),
      assertions: fc.option(fc.uniqueArray(fc.constantFrom(...ASSERTION_NAMES), { minLength: 1, maxLength: 2 }), {
        nil: undefined,
      }),
      maxLength: fc.integer({ min: 1, max: longest }),
    })
    .filter((a) => a.from !== a.to);
}

function agreeOnPaths(snapshot: Snapshot, runs: number, seed: number, longest = 4) {
  const ids = snapshot.entities().map((e) => e.id);
  fc.assert(
    fc.property(argsArb(snapshot, ids, longest), (args: Args) => {
      const view = relationView(snapshot, args.types ?? CURATED_RELATION_TYPES, args.directed, args.assertions ?? null);
      const common = { from: args.from, to: args.to, directed: args.directed, relationTypes: args.types };
      const pathArgs = { ...common, assertions: args.assertions };
      const nodes = bidirectional(view, args.from, args.to);
      const got = shortestPath(snapshot, pathArgs);
      expect(got && { nodes: got.nodes, hops: got.hops }).toEqual(
        nodes && { nodes, hops: pathFromNodes(view, nodes).hops },
      );

      let all: string[][] = [];
      try {
        all = allSimpleEdgeGroupPaths(view, args.from, args.to, { maxDepth: args.maxLength }).map((groups) => {
          const path = [args.from];
          for (const g of groups) path.push(view.opposite(path[path.length - 1] as string, g[0] as string));
          return path;
        });
      } catch {
        return; // too large for the reference to enumerate; the limits test covers refusals
      }
      if (all.length > 2000) return;
      let found: ReturnType<typeof paths>;
      try {
        found = paths(snapshot, { ...pathArgs, maxLength: args.maxLength, limit: 100 });
      } catch (err) {
        if (err instanceof LimitExceededError) return; // refused up front, by design
        throw err;
      }
      const want = all
        .map((p) => pathFromNodes(view, p))
        .sort(comparePaths)
        .slice(0, 100);
      expect(found.map((p) => p.nodes).sort()).toEqual(want.map((p) => [...p.nodes]).sort());
    }),
    { numRuns: runs, seed },
  );
}

function agreeOnChains(snapshot: Snapshot, runs: number, seed: number) {
  const starts = snapshot.entities().filter((e) => ['ORGAN', 'PLENARY_SESSION', 'REFORM', 'CAMPAIGN'].includes(e.kind));
  const outcomes = snapshot.entities('OUTCOME');
  fc.assert(
    fc.property(
      fc.constantFrom(...starts.map((e) => e.id)),
      fc.constantFrom(...outcomes.map((e) => e.id)),
      fc.integer({ min: 1, max: 6 }),
      fc.option(fc.uniqueArray(fc.constantFrom(...ASSERTION_NAMES), { minLength: 1, maxLength: 2 }), {
        nil: undefined,
      }),
      (from, outcome, maxDepth, assertions) => {
        const kept = assertions ?? null;
        const forward = chainView(snapshot, false, kept);
        const reached = Object.entries(singleSource(forward, from)).filter(
          ([id, nodes]) => id !== from && nodes.length - 1 <= maxDepth && snapshot.getEntity(id)?.kind === 'OUTCOME',
        );
        const got = outcomeChains(snapshot, from, { maxDepth, assertions });
        const want = new Map(reached.map(([id, nodes]) => [id, pathFromNodes(forward, nodes).hops]));
        expect(got.length).toBe(Math.min(100, want.size));
        for (const chain of got) expect(chain.path.hops).toEqual(want.get(chain.entity));

        const back = chainView(snapshot, true, kept);
        const driving = Object.entries(singleSource(back, outcome)).filter(
          ([id, nodes]) =>
            id !== outcome &&
            nodes.length - 1 <= maxDepth &&
            ['ORGAN', 'PLENARY_SESSION', 'REFORM', 'CAMPAIGN'].includes(snapshot.getEntity(id)?.kind ?? ''),
        );
        const wantDrivers = new Map(
          driving.map(([id, nodes]) => [id, pathFromNodes(forward, [...nodes].reverse()).hops]),
        );
        const gotDrivers = drivers(snapshot, outcome, { maxDepth, assertions });
        expect(gotDrivers.length).toBe(Math.min(100, wantDrivers.size));
        for (const chain of gotDrivers) expect(chain.path.hops).toEqual(wantDrivers.get(chain.entity));
      },
    ),
    { numRuns: runs, seed },
  );
}

describe('paths and chains answer as graphology did on filtered copies', () => {
  it('on the bundled graph: shortest and simple paths', () => {
    agreeOnPaths(bundledSnapshot(), 300, 11);
  });

  it('on the bundled graph: outcome chains and drivers', () => {
    agreeOnChains(bundledSnapshot(), 150, 12);
  });

  describe('on a generated heavy-tailed graph', () => {
    let snapshot: Snapshot;
    beforeAll(() => {
      snapshot = generatedSnapshot({ entities: 1500, seed: 5 });
    });

    it('shortest and simple paths', () => {
      agreeOnPaths(snapshot, 60, 13, 3);
    }, 120_000);

    it('outcome chains and drivers', () => {
      agreeOnChains(snapshot, 60, 14);
    }, 120_000);
  });
});
