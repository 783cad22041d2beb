/** autocannon against 127.0.0.1, sending a GraphQL POST whose id varies per request. */
import autocannon, { type Instance, type Result } from 'autocannon';
import { WORKLOADS, type Workload } from './operations.js';

export interface LoadOptions {
  readonly port: number;
  readonly workload: Workload;
  readonly ids: readonly string[];
  readonly connections: number;
  readonly seconds: number;
  /** Total requests per second across connections; default: as fast as the server answers. */
  readonly rate?: number;
  readonly timeoutS?: number;
}

export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly requests: number;
  /** Errors, timeouts and non-2xx answers. */
  readonly failures: number;
}

export interface RunningLoad {
  readonly done: Promise<LoadResult>;
  readonly instance: Instance;
}

export function startLoad(o: LoadOptions): RunningLoad {
  const op = WORKLOADS[o.workload];
  let i = 0;
  let instance: Instance | undefined;
  const done = new Promise<LoadResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${o.port}/graphql`,
        connections: o.connections,
        duration: o.seconds,
        timeout: o.timeoutS ?? 10,
        ...(o.rate ? { overallRate: o.rate } : {}),
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            setupRequest: (req) => ({
              ...req,
              // Ids in a fixed rotation: every server gets the same sequence of requests.
              body: JSON.stringify({ ...op, variables: { id: o.ids[i++ % o.ids.length] } }),
            }),
          },
        ],
      },
      (err, r: Result) => {
        if (err) reject(err);
        else
          resolve({
            rps: r.requests.total / Math.max(r.duration, 1e-9),
            p50: r.latency.p50,
            p99: r.latency.p99,
            max: r.latency.max,
            requests: r.requests.total,
            failures: r.errors + r.timeouts + r.non2xx,
          });
      },
    );
  });
  if (!instance) throw new Error('autocannon did not start');
  return { done, instance };
}

export const runLoad = (o: LoadOptions): Promise<LoadResult> => startLoad(o).done;
