/**
 * The yoga path keeps the verdict of an operation whose estimate no variable can change, so
 * the estimate's validation walk (~7% of a small request's allocations) runs once per
 * document; an operation whose cost reads a variable is still estimated on every request.
 */
import { describe, expect, it } from 'vitest';
import { errorCodes, execute } from '../helpers/graphql.js';

const NESTED = 'neighbors { neighbors { neighbors { id } } }';

describe('the cost estimate on the yoga path', () => {
  it('refuses an operation over maxComplexity every time, and answers an allowed one every time', async () => {
    const over = `{ entities(first: 100) { edges { node { ${NESTED} } } } }`;
    const under = '{ entities(first: 2) { edges { node { id } } } }';
    for (let i = 0; i < 3; i++) {
      expect(errorCodes(await execute(over))).toEqual(['LIMIT_EXCEEDED']);
      expect((await execute(under)).errors).toBeUndefined();
    }
  });

  it('estimates again when a variable sets the cost: allowed first, refused after', async () => {
    const query = `query($n: Int) { entities(first: $n) { edges { node { ${NESTED} } } } }`;
    expect((await execute(query, { n: 1 })).errors).toBeUndefined();
    const refused = await execute(query, { n: 100 });
    expect(errorCodes(refused)).toEqual(['LIMIT_EXCEEDED']);
    expect(refused.errors?.[0]?.extensions?.limit).toBe('maxComplexity');
    expect((await execute(query, { n: 1 })).errors).toBeUndefined();
  });
});
