/**
 * A watching server prepares its next snapshot's traversal structures in small steps between
 * requests, the adjacency's relation order patched from the live snapshot's instead of sorted
 * again (issue 20, item 3). Whatever the steps, the result must be what the one-go build gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Adjacency, adjacencyOf, adjacencySteps, compareIds } from '../../src/graph/adjacency.js';
import { validateRecords } from '../../src/graph/load.js';
import { Snapshot, type SnapshotInput } from '../../src/graph/snapshot.js';
import { runToEnd, sortInSteps } from '../../src/graph/steps.js';
import { prepareTraversalSteps, timeline } from '../../src/graph/traversal.js';
import type { RelationRecord } from '../../src/model/records.js';
import { DATA_DIR } from '../helpers/graphql.js';

describe('sortInSteps', () => {
  it('sorts as Array#sort does, ties kept in their order, whatever the step', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 50 }), at: fc.nat() }), { maxLength: 9_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        (items, step) => {
          const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
          const expected = [...items].sort(byKey);
          let yields = 0;
          const steps = sortInSteps([...items], byKey, step);
          for (;;) {
            const next = steps.next();
            if (next.done) {
              expect(next.value).toEqual(expected);
              break;
            }
            yields++;
          }
          if (items.length > 4_096) expect(yields).toBeGreaterThan(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});

const fields = (a: Adjacency) => ({
  nodeIds: a.nodeIds,
  kind: Array.from(a.kind),
  order: Array.from(a.order),
  edgeIds: a.edgeIds,
  source: Array.from(a.source),
  target: Array.from(a.target),
  code: Array.from(a.code),
  outStart: Array.from(a.outStart),
  outEdges: Array.from(a.outEdges),
  inStart: Array.from(a.inStart),
  inEdges: Array.from(a.inEdges),
  outByNeighbor: Array.from(a.outByNeighbor),
  outByNeighborEdge: Array.from(a.outByNeighborEdge),
  inByNeighbor: Array.from(a.inByNeighbor),
  inByNeighborEdge: Array.from(a.inByNeighborEdge),
});

describe('the adjacency of a reload, patched from the live one', () => {
  const { input } = validateRecords(DATA_DIR);
  if (!input) throw new Error('the bundled data does not validate');
  const live = new Snapshot(input);
  const liveAdjacency = adjacencyOf(live);

  /** The bundled records with some relations gone and some new ones (ids sorting anywhere). */
  function edited(): SnapshotInput {
    const relations = input?.relations ?? [];
    const kept = relations.filter((_r, i) => i % 7 !== 3);
    const [first, second] = input?.entities ?? [];
    const made = (id: string, r: RelationRecord): RelationRecord => ({ ...r, id });
    const sample = relations[0] as RelationRecord;
    const added = ['rel/!first', 'rel/zzz-last', 'rel/m-middle', `${sample.id}-again`].map((id) => ({
      ...made(id, sample),
      source: first?.id ?? sample.source,
      target: second?.id ?? sample.target,
    }));
    // Out of id order, as a file lists them.
    return { ...(input as SnapshotInput), version: 'edited', relations: [...added.reverse(), ...kept] };
  }

  it('equals a build from scratch, in steps of any size', () => {
    const next = edited();
    const expected = fields(adjacencyOf(new Snapshot(next)));
    for (const step of [1, 7, 500, Number.POSITIVE_INFINITY]) {
      const candidate = new Snapshot(next);
      const patched = runToEnd(adjacencySteps(candidate, liveAdjacency, step));
      expect(fields(patched)).toEqual(expected);
      // Built once: the traversals use this one.
      expect(adjacencyOf(candidate)).toBe(patched);
    }
    // The patch keeps the id order (a reload that sorted differently would reorder answers).
    const ids = adjacencyOf(new Snapshot(next)).edgeIds;
    for (let i = 1; i < ids.length; i++) expect(compareIds(ids[i - 1] as string, ids[i] as string)).toBeLessThan(0);
  });

  it('without a live adjacency, sorts in steps to the same result', () => {
    const next = edited();
    const expected = fields(adjacencyOf(new Snapshot(next)));
    expect(fields(runToEnd(adjacencySteps(new Snapshot(next), undefined, 3)))).toEqual(expected);
  });

  it('prepares the timeline as the one-go build does', () => {
    const stepped = new Snapshot(input);
    runToEnd(prepareTraversalSteps(stepped, live, 5));
    const args = { limit: 500 };
    expect(timeline(stepped, args)).toEqual(timeline(new Snapshot(input), args));
  });
});
