/**
 * One server under test, in its own process so its CPU, GC and heap are its own:
 *
 *   tsx bench/server.mts --kind bare|mercurius|yoga|yoga-jit|yoga-jit-fast|yoga-jit-fast-cache|yoga-minimal|pair \
 *       --snapshot FILE [--workers N]
 *
 * Listens on 127.0.0.1 (a free port) and talks to bench/run.mts over IPC: it reports
 * {type:'ready', port, ids}, and answers 'gc-start'/'gc-stop' (GC pause time from perf_hooks
 * 'gc' entries against process.cpuUsage over the window) and 'layout' (a whole-graph layout,
 * in a niced child process, a worker thread or this thread, to measure what it does to query
 * latency).
 */
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import fastify from 'fastify';
import { lexicographicSortSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import mercurius from 'mercurius';
import type { Snapshot } from '../src/graph/snapshot.js';
import { readSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';
import { layoutInChildProcess } from '../src/layout/child-process.js';
import { computeLayout } from '../src/layout/index.js';
import { layoutInWorker } from '../src/layout/worker.js';
import { type Context, schema } from '../src/schema/index.js';
import { startCluster } from '../src/server/cluster.js';
import { createApp } from '../src/server/yoga.js';
import { bareServer } from './bare.js';
import { sampleIds } from './operations.js';
import {
  type ChildMessage,
  type LayoutMode,
  type ParentMessage,
  SERVER_KINDS,
  type ServedKind,
  type ServerKind,
} from './protocol.js';

const { values } = parseArgs({
  options: {
    kind: { type: 'string', default: 'yoga' },
    snapshot: { type: 'string' },
    workers: { type: 'string', default: '0' },
  },
});
const kind = values.kind as ServedKind;
if (kind !== 'pair' && !SERVER_KINDS.includes(kind)) throw new Error(`unknown --kind ${kind}`);
if (!values.snapshot) throw new Error('--snapshot FILE is required');
const snapshotFile = values.snapshot;
const workers = Number(values.workers);
const send = (message: ChildMessage) => process.send?.(message);
// yoga wraps the resolvers of the schema it is given in place (the deadline checks of
// protection.ts): in a `pair`, mercurius gets its own copy, made before, so it runs the bare
// resolvers as it does alone.
const mercuriusSchema = kind === 'pair' ? lexicographicSortSchema(schema) : schema;

async function listenHttp(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function serve(snapshot: Snapshot, kind: ServerKind): Promise<number> {
  switch (kind) {
    case 'bare':
      return listenHttp(bareServer(snapshot));
    case 'mercurius': {
      const app = fastify({ logger: false });
      // jit: 1 compiles an operation with graphql-jit from its second call on.
      await app.register(mercurius, { schema: mercuriusSchema, jit: 1, context: (): Context => ({ snapshot }) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : 0;
    }
    case 'yoga-minimal':
      // yoga with no plugins at all: the floor of the framework, to attribute the plugins' cost.
      return listenHttp(
        createHttpServer(
          createYoga<Record<string, unknown>, Context>({ schema, context: () => ({ snapshot }), logging: false }),
        ),
      );
    default: {
      // The same switches a deployment sets through GRAPHQL_JIT, FAST_PATH and RESPONSE_CACHE_ENTRIES.
      const config = {
        jit: kind !== 'yoga',
        fastPath: kind === 'yoga-jit-fast' || kind === 'yoga-jit-fast-cache',
        responseCacheEntries: kind === 'yoga-jit-fast-cache' ? 10_000 : 0,
      };
      return listenHttp(createHttpServer(createApp({ snapshot, logging: false, config }).listener));
    }
  }
}

/** CLOCK_MONOTONIC in µs: the clock of a `--cpu-prof` profile's sample times. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * GC pause time and CPU time between gc-start and gc-stop, and when the window began and
 * ended on the profiler's clock (bench/cpuprofile-summary.mts --from/--to).
 */
function gcMeter() {
  let gcMs = 0;
  let cpu = process.cpuUsage();
  let wall = performance.now();
  let fromUs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    start() {
      gcMs = 0;
      cpu = process.cpuUsage();
      wall = performance.now();
      fromUs = monotonicUs();
    },
    stop() {
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      return { gcMs, cpuMs, wallMs: performance.now() - wall, fromUs, toUs: monotonicUs() };
    },
  };
}

async function runLayout(snapshot: Snapshot, mode: LayoutMode): Promise<void> {
  const t = performance.now();
  try {
    // Process and worker read the snapshot file themselves: the cost of a layout job off the
    // request path, up to the packed result in this process (not yet read into objects).
    const nodes =
      mode === 'process'
        ? (await layoutInChildProcess(snapshotFile)).nodeCount
        : mode === 'worker'
          ? (await layoutInWorker(snapshotFile)).nodeCount
          : computeLayout(snapshot).nodes.length;
    send({ type: 'layout-done', ms: performance.now() - t, nodes });
  } catch (err) {
    send({ type: 'layout-failed', message: (err as Error).message });
  }
}

if (workers > 0 && cluster.isPrimary) {
  // The primary only forks; each worker loads the snapshot and listens on the shared port.
  const t = performance.now();
  const handle = startCluster({ workers, restartDelayMs: 200 });
  const port = await handle.listening;
  const ids = sampleIds(readSnapshotFile(snapshotFile), 1000);
  send({ type: 'ready', port, ids, loadMs: performance.now() - t });
  process.once('SIGTERM', () => {
    void handle.stop().then(() => process.exit(0));
  });
} else {
  const t = performance.now();
  const snapshot = readSnapshotFile(snapshotFile);
  // As `serve` does before listening; counted in start-up.
  prepareTraversal(snapshot);
  const loadMs = performance.now() - t;
  const ports: Record<string, number> = {};
  if (kind === 'pair') {
    for (const one of ['yoga-jit-fast', 'mercurius'] as const) ports[one] = await serve(snapshot, one);
  }
  const port = kind === 'pair' ? (ports['yoga-jit-fast'] as number) : await serve(snapshot, kind);
  if (cluster.isPrimary) {
    const meter = gcMeter();
    process.on('message', (message: ParentMessage) => {
      if (message.type === 'gc-start') meter.start();
      else if (message.type === 'gc-stop') send({ type: 'gc', ...meter.stop() });
      else if (message.type === 'layout') void runLayout(snapshot, message.mode);
    });
    send({ type: 'ready', port, ids: sampleIds(snapshot, 1000), loadMs, ...(kind === 'pair' ? { ports } : {}) });
  }
  process.once('SIGTERM', () => process.exit(0));
}
