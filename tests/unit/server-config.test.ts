import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/server/config.js';
import { createServer } from '../../src/server/yoga.js';
import { bundledSnapshot, execute } from '../helpers/graphql.js';

describe('performance settings', () => {
  it('turn graphql-jit on and the response cache off by default, and read both from the environment', () => {
    expect(configFromEnv({})).toMatchObject({ jit: true, responseCacheEntries: 0 });
    expect(configFromEnv({ GRAPHQL_JIT: 'false', RESPONSE_CACHE_ENTRIES: '500' })).toMatchObject({
      jit: false,
      responseCacheEntries: 500,
    });
    expect(() => configFromEnv({ RESPONSE_CACHE_ENTRIES: '-1' })).toThrow(/RESPONSE_CACHE_ENTRIES/);
  });

  it('give the same answers with jit off, jit on, and the response cache on', async () => {
    const snapshot = bundledSnapshot();
    const query =
      'query ($id: ID!) { entity(id: $id) { id name evidence { quote } } neighborhood(ids: [$id], depth: 2, limit: 20) { nodes { id } } }';
    const variables = { id: 'organ/ministry-of-public-security' };
    const answers = [];
    for (const config of [
      { jit: false, responseCacheEntries: 0 },
      { jit: true, responseCacheEntries: 0 },
      { jit: true, responseCacheEntries: 10 },
    ]) {
      const server = createServer({ snapshot, logging: false, config });
      const first = await execute(query, variables, server);
      const second = await execute(query, variables, server);
      expect(first.errors).toBeUndefined();
      expect(second).toEqual(first);
      answers.push(first);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('never cache an error: a refused mutation is refused again', async () => {
    const server = createServer({ snapshot: bundledSnapshot(), logging: false, config: { responseCacheEntries: 10 } });
    for (let i = 0; i < 2; i++) {
      const result = await execute('mutation { __typename }', undefined, server);
      expect(result.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_SUPPORTED');
    }
  });
});
