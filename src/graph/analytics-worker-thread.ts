/**
 * Worker thread entry: builds the entity view from the arrays it is sent and computes degree
 * centrality and Louvain communities there (seconds to minutes at 100k entities), so the
 * thread answering requests never runs them (analytics.ts, prepareAnalytics).
 */
import { parentPort } from 'node:worker_threads';
import { buildEntityView, degreeScores, type EntityViewInput, louvainCommunities } from './entity-view.js';

export interface AnalyticsResult {
  readonly degree: Float64Array;
  readonly community: Int32Array;
}

parentPort?.once('message', (input: EntityViewInput) => {
  const view = buildEntityView(input);
  const degree = degreeScores(view);
  const community = louvainCommunities(view);
  const result: AnalyticsResult = { degree, community };
  parentPort?.postMessage(result, [degree.buffer as ArrayBuffer, community.buffer as ArrayBuffer]);
});
