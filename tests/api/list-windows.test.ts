/**
 * `documents`, `conflicts` and `communities` answer a window of their list (limit/offset, 100 by default),
 * and a conflict group a window of each of its lists (20 by default, with a count beside): at
 * 100k entities the whole `conflicts` list passed maxResponseItems, so asking for it without
 * arguments was an error, and the whole `documents` list took 40-70 ms; with 100 groups it still
 * did, as one group can hold 1,440 outcomes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { conflicts } from '../../src/graph/metric-conflicts.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { LIMITS } from '../../src/schema/limits.js';
import { createServer, type ReformGraphYoga } from '../../src/server/yoga.js';
import { generatedSnapshot } from '../helpers/generated.js';
import { errorCodes, execute, query } from '../helpers/graphql.js';

// 10k generated entities: 32 conflict groups of up to 146 values, more than 100 documents.
let snapshot: Snapshot;
let server: ReformGraphYoga;
beforeAll(() => {
  snapshot = generatedSnapshot({ entities: 10_000, seed: 7 });
  server = createServer({ snapshot, logging: false });
}, 180_000);

describe('documents and conflicts answer a window', () => {
  it('of the bundled lists: the default is the whole list, a window is its slice', async () => {
    const all = (await query('{ documents(limit: 1000) { id } conflicts(limit: 1000) { metric } }')) as {
      documents: { id: string }[];
      conflicts: { metric: string }[];
    };
    expect(all.documents.length).toBeGreaterThan(20);
    expect(all.conflicts.length).toBeGreaterThan(5);
    const byDefault = await query('{ documents { id } conflicts { metric } }');
    expect(byDefault).toEqual(all);
    const window = await query('{ documents(limit: 3, offset: 2) { id } conflicts(limit: 2, offset: 1) { metric } }');
    expect(window.documents).toEqual(all.documents.slice(2, 5));
    expect(window.conflicts).toEqual(all.conflicts.slice(1, 3));
    const past = await query('{ documents(offset: 10000) { id } }');
    expect(past.documents).toEqual([]);
  });

  it('refuses a window past its limits with a typed error', async () => {
    for (const [q, code] of [
      ['{ documents(limit: 1001) { id } }', 'LIMIT_EXCEEDED'],
      ['{ conflicts(offset: -1) { metric } }', 'BAD_USER_INPUT'],
    ]) {
      const result = await execute(q as string);
      expect(errorCodes(result)).toEqual([code]);
      expect(result.errors?.[0]?.message).toMatch(/limit|offset/);
    }
  });

  it('keeps the default answer to 100 items on a graph with more documents', async () => {
    const total = snapshot.documents().length;
    expect(total).toBeGreaterThan(100);
    const result = await execute('{ documents { id } }', undefined, server);
    expect(result.errors).toBeUndefined();
    const ids = (result.data as { documents: { id: string }[] }).documents.map((d) => d.id);
    expect(ids).toEqual(
      snapshot
        .documents()
        .slice(0, 100)
        .map((d) => d.nodeId),
    );
  });
});

describe('communities answer a window', () => {
  it('of 100 by default on a graph with more, the largest first, and the rest by offset', async () => {
    const first = await execute('{ communities { id size } }', undefined, server);
    expect(first.errors).toBeUndefined();
    const window = (first.data as { communities: { id: string; size: number }[] }).communities;
    expect(window).toHaveLength(100);
    const next = await execute('{ communities(offset: 100, limit: 5) { id size } }', undefined, server);
    const rest = (next.data as { communities: { id: string; size: number }[] }).communities;
    expect(rest).toHaveLength(5);
    expect((window.at(-1)?.size ?? 0) >= (rest[0]?.size ?? 0)).toBe(true);
    expect(rest.map((c) => c.id)).not.toContain(window[0]?.id);
  });

  it("and so does stats' per-document list: 100 of them by default", async () => {
    const result = await execute('{ stats { documents { document { id } entityCount } } }', undefined, server);
    expect(result.errors).toBeUndefined();
    const docs = (result.data as { stats: { documents: { document: { id: string } }[] } }).stats.documents;
    expect(docs).toHaveLength(100);
    const bundled = (await query('{ stats { documents(limit: 1000) { document { id } } } }')) as {
      stats: { documents: unknown[] };
    };
    expect(await query('{ stats { documents { document { id } } } }')).toEqual(bundled);
  });

  it('of the bundled graph: the default is every community', async () => {
    const all = (await query('{ communities(limit: 1000) { id } }')) as { communities: { id: string }[] };
    expect(all.communities.length).toBeLessThan(100);
    expect(await query('{ communities { id } }')).toEqual(all);
  });
});

const GROUP_LISTS =
  'metricCount metrics valueCount values outcomeCount outcomes { id } sourceCount sources { outcome { id } } unresolvedCount unresolvedBetween { id } curatorNoteCount curatorNotes';

describe("a conflict group's lists answer a window", () => {
  it('of a big group: 20 of each by default with the counts, not LIMIT_EXCEEDED', async () => {
    const groups = conflicts(snapshot, { resolve: 'ALL' });
    // Whole, these lists would pass maxResponseItems: without the windows this answer was refused.
    const whole = groups.reduce(
      (n, g) => n + g.values.length + g.outcomes.length + g.sources.length + g.unresolvedBetween.length,
      groups.length,
    );
    expect(whole).toBeGreaterThan(LIMITS.maxResponseItems);
    const result = await execute(`{ conflicts { ${GROUP_LISTS} } }`, undefined, server);
    expect(result.errors).toBeUndefined();
    const answer = (result.data as { conflicts: Record<string, unknown[] | number>[] }).conflicts;
    expect(answer.length).toBe(groups.length);
    const big = groups.findIndex((g) => g.values.length > 100);
    expect(big).toBeGreaterThanOrEqual(0);
    const group = groups[big];
    expect(answer[big]).toMatchObject({
      metricCount: group?.metrics.length,
      metrics: group?.metrics.slice(0, 20),
      valueCount: group?.values.length,
      values: group?.values.slice(0, 20),
      outcomeCount: group?.outcomes.length,
      outcomes: group?.outcomes.slice(0, 20).map((id) => ({ id })),
      sourceCount: group?.sources.length,
      unresolvedCount: group?.unresolvedBetween.length,
    });
    for (const key of ['sources', 'unresolvedBetween']) expect(answer[big]?.[key]).toHaveLength(20);
    const next = await execute(
      `{ conflicts(limit: 1, offset: ${big}) { values(limit: 7, offset: 20) outcomes(limit: 1000) { id } } }`,
      undefined,
      server,
    );
    expect(next.data?.conflicts[0].values).toEqual(group?.values.slice(20, 27));
    expect(next.data?.conflicts[0].outcomes).toHaveLength(group?.outcomes.length ?? -1);
    // Generated groups name one metric each; the window still applies to the list of metrics.
    const metrics = await execute(
      `{ conflicts(limit: 1, offset: ${big}) { metricCount metrics(limit: 0) } }`,
      undefined,
      server,
    );
    expect(metrics.data?.conflicts[0]).toEqual({ metricCount: group?.metrics.length, metrics: [] });
  });

  it('of the bundled groups: the default is the whole list', async () => {
    const all = await query(
      `{ conflicts(limit: 1000) { ${GROUP_LISTS.replace(/(metrics|values|Notes|outcomes|sources|unresolvedBetween)( |$)/g, '$1(limit: 1000)$2')} } }`,
    );
    expect(await query(`{ conflicts { ${GROUP_LISTS} } }`)).toEqual(all);
  });

  it('refuses a window past its limits with a typed error', async () => {
    for (const [q, code] of [
      ['{ conflicts { values(limit: 1001) } }', 'LIMIT_EXCEEDED'],
      ['{ conflicts { outcomes(offset: -1) { id } } }', 'BAD_USER_INPUT'],
      ['{ conflicts { sources(limit: -2) { isBaseline } } }', 'BAD_USER_INPUT'],
    ]) {
      const result = await execute(q as string, undefined, server);
      expect(errorCodes(result)).toEqual([code]);
      expect(result.errors?.[0]?.message).toMatch(/limit|offset/);
    }
  });
});
