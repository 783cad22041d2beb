/**
 * `documents` and `conflicts` answer a window of their list (limit/offset, 100 by default):
 * at 100k entities the whole `conflicts` list passed maxResponseItems, so asking for it without
 * arguments was an error, and the whole `documents` list took 40-70 ms.
 */
import { describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/yoga.js';
import { generatedSnapshot } from '../helpers/generated.js';
import { errorCodes, execute, query } from '../helpers/graphql.js';

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
    const snapshot = generatedSnapshot({ entities: 3000, seed: 7 });
    const server = createServer({ snapshot, logging: false });
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
  }, 120_000);
});
