/** Request-level limits: body size, CSRF, execution deadline, introspection switch. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logging.js';
import { createServer } from '../../src/server/yoga.js';
import { bundledSnapshot, bundledYoga, errorCodes, execute } from '../helpers/graphql.js';

const post = (body: string, headers: Record<string, string> = {}) =>
  bundledYoga().fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('request protections', () => {
  it.each([
    ['an Int out of 32-bit range', 'query ($n: Int) { entities(first: $n) { totalCount } }', { n: -2147483649 }],
    ['an unknown enum value', 'query ($k: EntityKind) { entities(kind: $k) { totalCount } }', { k: 'NOT_A_KIND' }],
    ['a missing required variable', 'query ($id: ID!) { entity(id: $id) { id } }', {}],
  ])('gives a variable that does not fit its type (%s) the code BAD_USER_INPUT', async (_label, q, variables) => {
    const result = await execute(q, variables);
    expect(result.data).toBeUndefined();
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/^Variable "\$/);
  });
  it('refuses a body over the limit with 413 and LIMIT_EXCEEDED', async () => {
    const res = await post(JSON.stringify({ query: `{ snapshot { version } } #${'x'.repeat(200_000)}` }));
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxBodyBytes' });
  });

  it('refuses a GET query without a CSRF header, accepts it with one', async () => {
    const url = `http://localhost/graphql?query=${encodeURIComponent('{ snapshot { version } }')}`;
    const refused = await bundledYoga().fetch(url);
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0].extensions.code).toBe('CSRF_HEADER_REQUIRED');
    const accepted = await bundledYoga().fetch(url, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(accepted.status).toBe(200);
  });

  it('cuts an execution that runs past its deadline with TIMEOUT', async () => {
    const yoga = createServer({ snapshot: bundledSnapshot(), logging: false, config: { requestTimeoutMs: 1 } });
    const heavy =
      '{ entities(first: 100) { edges { node { name evidence { quote before after document { title } } } } } }';
    const result = await execute(heavy, undefined, yoga);
    expect(errorCodes(result)).toContain('TIMEOUT');
    expect(result.errors?.find((e) => e.extensions?.code === 'TIMEOUT')?.extensions).toMatchObject({
      limit: 'requestTimeoutMs',
      allowed: 1,
    });
  });

  it('can close introspection for production', async () => {
    const yoga = createServer({ snapshot: bundledSnapshot(), logging: false, config: { introspection: false } });
    const result = await execute('{ __schema { types { name } } }', undefined, yoga);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.data?.__schema).toBeUndefined();
  });

  it('blocks field suggestions in production', async () => {
    const yoga = createServer({ snapshot: bundledSnapshot(), logging: false, config: { production: true } });
    const result = await execute('{ entitie { totalCount } }', undefined, yoga);
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const dev = await execute('{ entitie { totalCount } }');
    expect(dev.errors?.[0]?.message).toMatch(/Did you mean/);
  });

  it.each(['variables', 'extensions'])(
    'a GET with malformed JSON in %s is a 400 BAD_REQUEST, not a 500',
    async (param) => {
      const logged: unknown[] = [];
      const logger = createLogger('error');
      logger.error = ((...args: unknown[]) => logged.push(args)) as typeof logger.error;
      const yoga = createServer({ snapshot: bundledSnapshot(), logger });
      const res = await yoga.fetch(`http://localhost/graphql?query=%7B__typename%7D&${param}=%7B`, {
        headers: { 'x-graphql-yoga-csrf': '1' },
      });
      expect(res.status).toBe(400);
      expect((await res.json()).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
        'BAD_REQUEST',
      ]);
      expect(logged).toEqual([]);
    },
  );

  it.each([false, true])('a malformed JSON body is not echoed back (production: %s)', async (production) => {
    const yoga = createServer({ snapshot: bundledSnapshot(), logging: false, config: { production } });
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "secret-body-text',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(text).not.toContain('secret-body-text');
    expect(text).not.toContain('originalError');
  });

  it('hides enum value suggestions in production', async () => {
    const yoga = createServer({ snapshot: bundledSnapshot(), logging: false, config: { production: true } });
    const q = '{ centrality(measure: DEGRE) { score } }';
    const result = await execute(q, undefined, yoga);
    expect(errorCodes(result)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(result.errors)).not.toMatch(/Did you mean|DEGREE/);
    const dev = await execute(q);
    expect(JSON.stringify(dev.errors)).toMatch(/Did you mean the enum value \\"DEGREE\\"/);
  });

  it('counts aliases of __typename toward the alias limit', async () => {
    const many = `{ ${Array.from({ length: 400 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const result = await execute(many);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.extensions?.limit)).toContain('maxAliases');
  });

  it('allows any origin by default, never with credentials', async () => {
    for (const method of ['POST', 'OPTIONS']) {
      const res = await bundledYoga().fetch('http://localhost/graphql', {
        method,
        headers: {
          origin: 'https://elsewhere.example',
          'content-type': 'application/json',
          'access-control-request-method': 'POST',
        },
        body: method === 'POST' ? JSON.stringify({ query: '{ __typename }' }) : undefined,
      });
      await res.text();
      expect(res.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/elsewhere\.example)$/);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('allows only the configured origins when CORS_ORIGINS lists some', async () => {
    const yoga = createServer({
      snapshot: bundledSnapshot(),
      logging: false,
      config: { corsOrigins: ['https://app.example'] },
    });
    const send = (origin: string) =>
      yoga.fetch('http://localhost/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect((await send('https://app.example')).headers.get('access-control-allow-origin')).toBe('https://app.example');
    // yoga names an allowed origin, never the foreign one: the browser then refuses the answer.
    expect((await send('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });

  it('serves Prometheus metrics and tags responses with a request id', async () => {
    const res = await post(JSON.stringify({ query: '{ snapshot { version } }' }), { 'x-request-id': 'test-123' });
    expect(res.headers.get('x-request-id')).toBe('test-123');
    const metrics = await (await bundledYoga().fetch('http://localhost/metrics')).text();
    expect(metrics).toMatch(/graphql_yoga_http_duration/);
  });
});

describe('huge arguments where a near-match is computed', () => {
  // The edit distance of two strings allocates the product of their lengths: a 90 kB id once
  // ended in "Invalid typed array length" and a masked INTERNAL_SERVER_ERROR.
  const huge = 'y'.repeat(90_000);
  it('an unknown 90 kB id is NOT_FOUND', async () => {
    const res = await execute('query ($id: ID!) { entity(id: $id) { id } }', { id: huge });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });
  it('a 90 kB search term and metric name answer without an internal error', async () => {
    const search = await execute('query ($q: String!) { search(query: $q) { entity { id } } }', { q: huge });
    expect(errorCodes(search)).not.toContain('INTERNAL_SERVER_ERROR');
    const metric = await execute('query ($m: String!) { metricSeries(metric: $m) { metric } }', { m: huge });
    expect(errorCodes(metric)).not.toContain('INTERNAL_SERVER_ERROR');
  });
});
