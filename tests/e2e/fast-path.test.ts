/**
 * The node:http fast path must be invisible except in speed: every request gets the same
 * status, content type and body from a server with it as from one without it, and it only
 * answers operations yoga has validated before.
 */
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { costVariables } from '../../src/server/complexity.js';
import type { ServerConfig } from '../../src/server/config.js';
import { CompiledOperations } from '../../src/server/jit.js';
import { type RunningServer, start } from '../../src/server/main.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const MINISTRY = 'organ/ministry-of-public-security';
const LOOKUP =
  'query Entity($id: ID!) { entity(id: $id) { id kind name evidence { quote start end document { id title } } } }';
const TWO_HOP =
  'query Hop($id: ID!) { neighborhood(ids: [$id], depth: 2, limit: 30) { truncated nodes { id kind name } edges { id type } } }';

let fast: RunningServer;
let plain: RunningServer;
const url = (s: RunningServer) => `http://127.0.0.1:${(s.server.address() as AddressInfo).port}/graphql`;

/** A real server on the bundled data, on a free port of 127.0.0.1. */
const startWith = (config: Partial<ServerConfig> = {}) =>
  start({ snapshot: bundledSnapshot(), port: 0, host: '127.0.0.1', logging: false, config });

async function stop(s: RunningServer): Promise<void> {
  s.server.closeAllConnections();
  await new Promise((resolve) => s.server.close(resolve));
}

beforeAll(async () => {
  fast = await startWith();
  plain = await startWith({ fastPath: false });
});

afterAll(async () => {
  await stop(fast);
  await stop(plain);
});

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

async function post(s: RunningServer, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url(s), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

/** Sends twice to the fast server (the first teaches it the operation) and once to the plain one. */
async function bothWays(body: string, headers: Record<string, string> = {}) {
  const before = fast.fastPath?.stats().answered ?? 0;
  await post(fast, body, headers);
  const again = await post(fast, body, headers);
  const answeredByFastPath = (fast.fastPath?.stats().answered ?? 0) - before;
  return { again, reference: await post(plain, body, headers), answeredByFastPath };
}

const op = (query: string, variables: unknown, operationName?: string) =>
  JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) });

describe('fast path answers exactly as yoga does', () => {
  const cases: [string, string, Record<string, string>, boolean][] = [
    ['a lookup', op(LOOKUP, { id: MINISTRY }, 'Entity'), {}, true],
    [
      'a lookup, graphql-response+json',
      op(LOOKUP, { id: MINISTRY }),
      { accept: 'application/graphql-response+json' },
      true,
    ],
    ['a lookup, */*', op(LOOKUP, { id: MINISTRY }), { accept: '*/*' }, true],
    ['a 2-hop neighbourhood', op(TWO_HOP, { id: MINISTRY }), {}, true],
    [
      'stated-only paths with their hops, and caption evidence (issue 18)',
      op(
        `query Trust($id: ID!) {
          paths(from: $id, to: "session/18th-cc-third-plenary-session", directed: false, maxLength: 3, first: 3, assertions: [STATED]) {
            length hops { from { id } to { id } relations { id assertion evidence { context quote } } }
          }
          entity(id: "organ/caoqiao-police-station") {
            relations(evidenceContexts: [CAPTION]) { edges { node { id type assertion } } }
          }
        }`,
        { id: MINISTRY },
      ),
      {},
      true,
    ],
    [
      'a fragment on one kind before the shared fields (the compiled JSON writer would reorder them)',
      op('query F($id: ID!) { entity(id: $id) { ... on Organ { level nameZh } id name } }', { id: MINISTRY }),
      {},
      true,
    ],
    [
      'aliases, a directive and nested lists',
      op(
        'query A($id: ID!, $x: Boolean!) { e: entity(id: $id) { key: id n: name @include(if: $x) evidence { start } } other: entity(id: $id) { kind } }',
        { id: MINISTRY, x: false },
      ),
      {},
      true,
    ],
    ['an unknown id (a NOT_FOUND error)', op(LOOKUP, { id: 'organ/nobody' }), {}, false],
    ['a variable of the wrong type', op(LOOKUP, { id: { not: 'an id' } }), {}, false],
    ['a missing variable', op(LOOKUP, {}), {}, false],
    ['a document that fails validation', op('{ entity(id: "x") { nope } }', null), {}, false],
    ['too deep a traversal', op(TWO_HOP.replace('depth: 2', 'depth: 99'), { id: MINISTRY }), {}, false],
    ['a mutation', op('mutation { entity }', null), {}, false],
    ['malformed JSON', '{"query": "{ entity(id: \\"x\\") { id } }"', {}, false],
    ['a body that is not an object', '[1, 2]', {}, false],
    ['extensions (persisted queries are yoga’s)', JSON.stringify({ query: LOOKUP, extensions: {} }), {}, false],
    ['an Origin header (CORS is yoga’s)', op(LOOKUP, { id: MINISTRY }), { origin: 'https://example.org' }, false],
    ['text/html accepted only', op(LOOKUP, { id: MINISTRY }), { accept: 'text/html' }, false],
  ];
  for (const [name, body, headers, answered] of cases) {
    it(name, async () => {
      const { again, reference, answeredByFastPath } = await bothWays(body, headers);
      expect(again).toEqual(reference);
      expect(answeredByFastPath > 0).toBe(answered);
    });
  }

  it('estimates the cost of each request whose variables can change it', async () => {
    const page =
      'query Page($n: Int) { entities(first: $n) { edges { node { relations(first: $n) { edges { node { id evidence { quote } } } } } } } }';
    // The small page teaches the fast path the operation; the large one must still be refused.
    const small = await bothWays(op(page, { n: 2 }));
    expect(small.again).toEqual(small.reference);
    expect(small.answeredByFastPath).toBe(1);
    const large = await bothWays(op(page, { n: 100 }));
    expect(large.again).toEqual(large.reference);
    expect(JSON.parse(large.again.body).errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
    expect(large.answeredByFastPath).toBe(0);
  });

  it("writes JSON with the operation's compiled writer, except where a fragment could reorder keys", () => {
    const operations = new CompiledOperations();
    expect(operations.compile(schema, parse(LOOKUP))?.stringify).toBeTypeOf('function');
    expect(operations.compile(schema, parse('{ entity(id: "x") { ... on Organ { level } id } }'))?.stringify).toBe(
      undefined,
    );
  });

  it('knows which variables can change an estimate: not an id, but a page size or a directive', () => {
    const of = (query: string) => costVariables(schema, parse(query));
    expect(of(LOOKUP)).toEqual([]);
    expect(of('query A($n: Int, $id: ID!) { entity(id: $id) { id } entities(first: $n) { totalCount } }')).toEqual([
      'n',
    ]);
    expect(of('query B($id: ID!, $x: Boolean!) { entity(id: $id) { id name @include(if: $x) } }')).toEqual(['x']);
    // A neighbourhood's cost reads its depth only (costArgs), not its seed ids.
    expect(of('query C($id: ID!, $d: Int) { neighborhood(ids: [$id], depth: $d) { truncated } }')).toEqual(['d']);
    expect(of('query D($id: ID!) { neighborhood(ids: [$id], depth: 2) { truncated } }')).toEqual([]);
    // Without costArgs every argument of a costed field still counts.
    expect(of('query E($q: String!) { search(query: $q) { entity { id } } }')).toEqual(['q']);
  });

  it('answers the second identical request itself, and says so on /metrics', async () => {
    const body = op(LOOKUP, { id: 'organ/ministry-of-public-security' }, 'Entity');
    await post(fast, body);
    const before = fast.fastPath?.stats().answered ?? 0;
    const answer = await post(fast, body);
    expect(fast.fastPath?.stats().answered).toBe(before + 1);
    expect(JSON.parse(answer.body)).toMatchObject({
      data: { entity: { id: MINISTRY } },
      extensions: { snapshotVersion: bundledSnapshot().version },
    });
    const metrics = await (await fetch(url(fast).replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/reform_graph_fast_path_responses_total \d+/);
  });

  it('runs the operation asked for in a document that holds two, on either path', async () => {
    // @envelop/graphql-jit keyed its cache by document alone and answered B with A.
    const query = `query A { entity(id: "${MINISTRY}") { id } } query B { entities(first: 1) { totalCount } }`;
    for (const server of [fast, plain]) {
      for (const name of ['A', 'B', 'A', 'B']) {
        const answer = JSON.parse((await post(server, JSON.stringify({ query, operationName: name }))).body);
        expect(Object.keys(answer.data)).toEqual([name === 'A' ? 'entity' : 'entities']);
      }
    }
  });

  it('never runs an operation yoga has not validated, however it is spelt', async () => {
    const before = fast.fastPath?.stats().answered ?? 0;
    // Same operation, different text: a new key, so yoga sees it first.
    const answer = await post(fast, op(`${LOOKUP} `, { id: MINISTRY }));
    expect(fast.fastPath?.stats().answered).toBe(before);
    expect(answer.status).toBe(200);
  });

  it('keeps the body limit: an oversized body is refused unread', async () => {
    const huge = op(LOOKUP, { id: 'x'.repeat(200_000) });
    const answer = await post(fast, huge);
    expect(answer.status).toBe(413);
    expect(answer).toEqual(await post(plain, huge));
  });
});

describe('fast path keeps the execution deadline', () => {
  let slow: RunningServer;
  beforeAll(async () => {
    slow = await startWith({ requestTimeoutMs: 1 });
  });
  afterAll(() => stop(slow));

  it('a query past the deadline gets TIMEOUT, never an answer from the fast path', async () => {
    const heavy = op(
      'query Heavy { entities(first: 100) { edges { node { name evidence { quote before after document { title } } } } } }',
      null,
    );
    const first = await post(slow, heavy);
    const second = await post(slow, heavy);
    expect(slow.fastPath?.stats().answered).toBe(0);
    for (const answer of [first, second]) {
      const codes = (JSON.parse(answer.body).errors ?? []).map(
        (e: { extensions?: { code?: string } }) => e.extensions?.code,
      );
      expect(codes).toContain('TIMEOUT');
    }
  });
});

describe('fast path with the response cache on', () => {
  let cached: RunningServer;
  beforeAll(async () => {
    cached = await startWith({ responseCacheEntries: 10 });
  });
  afterAll(() => stop(cached));

  it('serves repeated answers identical to a server without either', async () => {
    for (const id of [MINISTRY, 'organ/nobody', MINISTRY]) {
      const body = op(LOOKUP, { id }, 'Entity');
      const reference = await post(plain, body);
      for (let i = 0; i < 3; i++) expect(await post(cached, body)).toEqual(reference);
    }
    // The ministry: yoga's first answer teaches the fast path, which gives the next 2 + 3; errors are yoga's.
    expect(cached.fastPath?.stats().answered).toBe(5);
  });
});
