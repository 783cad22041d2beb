/**
 * `serve` computes degree centrality and communities once listening (at 100k entities a first
 * call paid for them: minutes before the entity view was read from the adjacency, seconds
 * after), so no request pays for them; and what it answers after the warm-up is what the
 * in-process schema answers computing them on demand.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { query } from '../helpers/graphql.js';
import { type ServeProcess, startServe } from '../helpers/serve-process.js';

const ANALYTICS =
  '{ centrality { entity { id } score rank } communities { id size members { id } kinds { kind count } } }';

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

let serving: ServeProcess | undefined;
afterAll(() => serving?.stop());

describe('analytics warm-up in serve', () => {
  it('computes centrality and communities after listening, without a request, and answers as on demand', async () => {
    serving = await startServe([]);
    const server = serving;
    expect(await waitFor(() => server.output().includes('centrality and communities computed'), 60_000)).toBe(true);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: ANALYTICS }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(await query(ANALYTICS));
  }, 120_000);
});
