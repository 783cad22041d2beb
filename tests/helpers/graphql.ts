/** One way to run GraphQL in tests: a real operation through yoga.fetch on real data. */
import { resolve } from 'node:path';
import { loadGraphData } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { createServer, type ReformGraphYoga } from '../../src/server/yoga.js';

export const DATA_DIR = resolve(import.meta.dirname, '../../graph-data');
export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

let bundled: Snapshot | undefined;
/** The bundled graph-data, loaded once per test file. */
export function bundledSnapshot(): Snapshot {
  bundled ??= loadGraphData(DATA_DIR);
  return bundled;
}

let yoga: ReformGraphYoga | undefined;
export function bundledYoga(): ReformGraphYoga {
  yoga ??= createServer({ snapshot: bundledSnapshot(), logging: false });
  return yoga;
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: test answers are checked field by field
export async function execute<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  server: ReformGraphYoga = bundledYoga(),
): Promise<GraphQLResult<T>> {
  const response = await server.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult<T>;
  return { ...body, status: response.status };
}

/** Runs an operation that must succeed and returns its data. */
// biome-ignore lint/suspicious/noExplicitAny: see execute
export async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await execute<T>(q, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  if (!result.data) throw new Error('no data');
  return result.data;
}

export function errorCodes(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
