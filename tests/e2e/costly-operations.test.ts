/**
 * Small operations that cost a lot (issue 14): each must be refused up front or bounded, over
 * the path `serve` really takes (node:http, fast path included), and cost what it costs once.
 */
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { LIMITS } from '../../src/schema/limits.js';
import type { ServerConfig } from '../../src/server/config.js';
import { CompiledOperations } from '../../src/server/jit.js';
import { type RunningServer, start } from '../../src/server/main.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const MINISTRY = 'organ/ministry-of-public-security';
const MINISTER = 'person/minister-of-public-security-2009';

/** `levels` nested neighbour lists under one entity. */
function nested(id: string, levels: number, args = '', leaf = 'id'): string {
  let selection = `{ ${leaf} }`;
  for (let i = 0; i < levels; i++) selection = `{ ${leaf} neighbors${args} ${selection} }`;
  return `{ entity(id: "${id}") ${selection} }`;
}

const startWith = (config: Partial<ServerConfig> = {}) =>
  start({ snapshot: bundledSnapshot(), port: 0, host: '127.0.0.1', logging: false, config });

async function stop(s: RunningServer): Promise<void> {
  s.server.closeAllConnections();
  await new Promise((resolve) => s.server.close(resolve));
}

interface Wire {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(
  s: RunningServer,
  query: string,
  variables?: unknown,
): Promise<Wire & { status: number; ms: number; bytes: number }> {
  const at = performance.now();
  const res = await fetch(`http://127.0.0.1:${(s.server.address() as AddressInfo).port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { ...(JSON.parse(text) as Wire), status: res.status, ms: performance.now() - at, bytes: text.length };
}

const limitOf = (w: Wire) => w.errors?.map((e) => `${e.extensions?.code}/${e.extensions?.limit}`);

/**
 * While `slowSearch` is on, each search costs 100 ms and is counted. Wrapped before any server
 * starts, so the server's own wrapper (deadline check, pauses) runs around this one, as around
 * any real resolver.
 */
let slowSearch = false;
let searches = 0;
const searchField = schema.getQueryType()?.getFields().search;
const realSearch = searchField?.resolve;
if (searchField && realSearch) {
  searchField.resolve = (...args) => {
    if (!slowSearch) return realSearch(...args);
    searches++;
    const until = performance.now() + 100;
    while (performance.now() < until);
    return realSearch(...args);
  };
}

let jit: RunningServer;
let interpreted: RunningServer;
beforeAll(async () => {
  jit = await startWith();
  interpreted = await startWith({ jit: false });
});
afterAll(async () => {
  await stop(jit);
  await stop(interpreted);
});

describe('nested list selections are priced by their nesting', () => {
  // The 423-byte query that ran the heap out (jit) or timed out at 905 MB (graphql-js).
  it.each([
    ['ten nested neighbors(types: [FOLLOWS])', nested(MINISTRY, 10, '(types: [FOLLOWS])')],
    ['ten nested neighbors', nested(MINISTER, 10)],
    ['four nested neighbors', nested(MINISTER, 4)],
  ])('%s is refused with maxComplexity before it is compiled or run', async (_label, query) => {
    for (const server of [jit, interpreted]) {
      for (let i = 0; i < 2; i++) {
        const answer = await post(server, query);
        expect(limitOf(answer)).toEqual(['LIMIT_EXCEEDED/maxComplexity']);
        expect(answer.data).toBeUndefined();
        expect(answer.ms).toBeLessThan(2_000);
      }
    }
  });

  it('the estimate multiplies: each level of neighbors costs 20 times the one below', async () => {
    const cost = async (levels: number) =>
      (await post(jit, nested(MINISTER, levels, '', 'id name'))).errors?.[0]?.extensions?.cost as number;
    const [five, six] = [await cost(5), await cost(6)];
    expect(six / five).toBeGreaterThan(19);
  });

  it('three nested levels are allowed, and answered the same with and without jit', async () => {
    const query = nested(MINISTRY, 3, '(types: [FOLLOWS])', 'id name');
    const a = await post(jit, query);
    const b = await post(interpreted, query);
    expect(a.errors).toBeUndefined();
    expect(a.data).toEqual(b.data);
  });
});

describe('graphql-jit compiles a bounded amount', () => {
  it('an operation too large to compile (interfaces expanded per kind) is run by graphql-js instead', () => {
    const operations = new CompiledOperations();
    const at = performance.now();
    // 8 kinds to the third: ~1,500 fields to compile (17 s); the cap is 200.
    expect(operations.compile(schema, parse(nested(MINISTRY, 3, '', 'id name kind')))).toBeNull();
    expect(operations.compiled()).toBe(0);
    expect(performance.now() - at).toBeLessThan(500);
    expect(operations.compile(schema, parse(nested(MINISTRY, 1, '', 'id name')))).not.toBeNull();
    expect(operations.compiled()).toBe(1);
  });

  it('the same operation with other comments and whitespace is compiled once', () => {
    const operations = new CompiledOperations();
    const query = nested(MINISTRY, 1, '(types: [FOLLOWS])', 'id name');
    for (let i = 0; i < 20; i++) {
      const variant = `# request ${i}\n${query.replaceAll(' ', ' '.repeat(1 + (i % 3)))}${','.repeat(i % 2)}`;
      expect(operations.compile(schema, parse(variant))).not.toBeNull();
    }
    expect(operations.compiled()).toBe(1);
  });

  it('over HTTP, varied comments on an operation too large to compile answer quickly every time', async () => {
    const query = nested(MINISTRY, 3, '(types: [FOLLOWS])', 'id name kind');
    for (let i = 0; i < 5; i++) {
      const answer = await post(jit, `# ${i} ${Math.random()}\n${query}`);
      expect(answer.errors).toBeUndefined();
      expect(answer.ms).toBeLessThan(2_000);
    }
  });
});

describe('the size of an answer is limited', () => {
  it('document text under nested lists is priced past maxComplexity (the 80 MB answer)', async () => {
    const query = `{ entity(id: "${MINISTER}") { neighbors { neighbors { neighbors { evidence { document { text } } } } } } }`;
    expect(limitOf(await post(jit, query))).toEqual(['LIMIT_EXCEEDED/maxComplexity']);
  });

  it('text past maxResponseTextChars is refused as one error, without partial data', async () => {
    // Each alias is cheap to estimate (10 documents); together they hold every text 30 times.
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `d${i}: documents { id text }`).join(' ')} }`;
    for (let i = 0; i < 2; i++) {
      const answer = await post(jit, query);
      expect(limitOf(answer)).toEqual(['LIMIT_EXCEEDED/maxResponseTextChars']);
      expect(answer.data).toBeNull();
      expect(answer.bytes).toBeLessThan(2_000);
    }
  });

  it('list items past maxResponseItems are refused as one error', async () => {
    // Each alias is ~2,000 items (the ministry is a hub) and within every estimate; three are not.
    const query = `{ ${Array.from({ length: 3 }, (_, i) => `e${i}: ${nested(MINISTRY, 3).slice(2, -2)}`).join(' ')} }`;
    for (let i = 0; i < 2; i++) {
      const answer = await post(jit, query);
      expect(limitOf(answer)).toEqual(['LIMIT_EXCEEDED/maxResponseItems']);
      expect(answer.data).toBeNull();
    }
  });

  it('the limits are the documented ones', () => {
    expect(LIMITS).toMatchObject({ maxResponseItems: 5_000, maxResponseTextChars: 500_000 });
  });
});

describe('an operation that timed out is not run again', () => {
  let slow: RunningServer;
  beforeAll(async () => {
    slow = await startWith({ requestTimeoutMs: 150 });
  });
  afterAll(async () => {
    slowSearch = false;
    await stop(slow);
  });

  it('answers TIMEOUT from the one execution, on the fast path as on yoga', async () => {
    slowSearch = true;
    const query = `{ ${Array.from({ length: 6 }, (_, i) => `s${i}: search(query: "police") { score }`).join(' ')} }`;
    for (let i = 0; i < 3; i++) {
      searches = 0;
      const answer = await post(slow, query);
      expect(answer.errors?.map((e) => e.extensions?.code)).toContain('TIMEOUT');
      // One execution: two searches fit in the 150 ms deadline. Run again in yoga, it was four.
      expect(searches).toBeLessThanOrEqual(2);
    }
    expect(slow.fastPath?.stats().passedOn).toBeGreaterThanOrEqual(3);
  });
});
