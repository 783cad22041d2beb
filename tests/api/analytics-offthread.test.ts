/**
 * serve's analytics warm-up computes the degree ranking and communities in a worker thread
 * (src/graph/analytics.ts, prepareAnalytics). Its answers must be those computed on demand on the
 * thread itself, and a request arriving while the worker runs must wait for it and get them:
 * never a partial or different answer.
 */
import { describe, expect, it } from 'vitest';
import { prepareAnalytics, whenAnalyticsReady } from '../../src/graph/analytics.js';
import { loadGraphData } from '../../src/graph/load.js';
import { createServer } from '../../src/server/yoga.js';
import { DATA_DIR, execute } from '../helpers/graphql.js';

const ANALYTICS = `{
  centrality { entity { id } score rank }
  organs: centrality(kind: ORGAN, first: 100) { entity { id } score rank }
  communities { id size members { id } kinds { kind count } }
  entity(id: "organ/ministry-of-public-security") { community }
}`;

describe('centrality and communities computed off-thread', () => {
  it('answer as on demand, also to a request that arrives while the worker runs', async () => {
    const onDemand = await execute(
      ANALYTICS,
      undefined,
      createServer({ snapshot: loadGraphData(DATA_DIR), logging: false }),
    );
    expect(onDemand.errors).toBeUndefined();

    const snapshot = loadGraphData(DATA_DIR);
    const warming = prepareAnalytics(snapshot);
    expect(whenAnalyticsReady(snapshot)).toBeDefined();
    const early = await execute(ANALYTICS, undefined, createServer({ snapshot, logging: false }));
    await warming;
    expect(whenAnalyticsReady(snapshot)).toBeUndefined();
    expect(early).toEqual(onDemand);
  }, 120_000);
});
