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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
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
  type LoopFigures,
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

/**
 * The event loop's delay (how late a 5 ms timer fires: time this thread was busy or waiting to
 * be scheduled) and GC pauses, from start() to stop().
 */
function loopMeter() {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let gcCount = 0;
  let gcMs = 0;
  let gcMaxMs = 0;
  let wall = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcCount++;
      gcMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  delay.enable();
  return {
    start() {
      gcCount = 0;
      gcMs = 0;
      gcMaxMs = 0;
      delay.reset();
      wall = performance.now();
    },
    stop(): LoopFigures {
      // Histogram values are in ns.
      const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
      return {
        delayP50: ms(delay.percentile(50)),
        delayP99: ms(delay.percentile(99)),
        delayMax: ms(delay.max),
        gcCount,
        gcMs,
        gcMaxMs,
        wallMs: performance.now() - wall,
      };
    },
    close() {
      observer.disconnect();
      delay.disable();
    },
  };
}

/** A /proc file's text, or '' where there is none (not Linux). */
function proc(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Fields of a /proc stat line after the command name; fields[0] is proc(5)'s field 3. */
const statFields = (text: string) => text.slice(text.lastIndexOf(')') + 2).split(' ');

/** The "some" stall total (µs) of a pressure file (PSI): time at least one task waited for it. */
const pressureUs = (resource: 'cpu' | 'memory') =>
  Number(/^some .*total=(\d+)/m.exec(proc(`/proc/pressure/${resource}`))?.[1] ?? Number.NaN);

/**
 * Counters read at both ends of a window (Linux): CPU of finished children (a layout process),
 * the main thread's time runnable but waiting for a core (schedstat), major page faults, and
 * the machine's CPU and memory pressure.
 */
function osCounters() {
  const stat = statFields(proc('/proc/self/stat'));
  // proc(5): majflt is field 12, cutime and cstime fields 16 and 17, in ticks of 10 ms.
  const schedstat = proc(`/proc/self/task/${process.pid}/schedstat`).split(' ');
  return {
    childCpuMs: (Number(stat[13]) + Number(stat[14])) * 10,
    majorFaults: Number(stat[9]),
    runqueueMs: Number(schedstat[1]) / 1e6,
    cpuPressureMs: pressureUs('cpu') / 1000,
    memoryPressureMs: pressureUs('memory') / 1000,
  };
}

/**
 * A profile of this thread over one window only (start-up would otherwise dominate it),
 * written as DIR/window-N.cpuprofile when BENCH_WINDOW_PROF=DIR is set.
 */
function windowProfiler() {
  const dir = process.env.BENCH_WINDOW_PROF;
  if (!dir) return { start: async () => {}, stop: async () => {} };
  const session = new Session();
  session.connect();
  let n = 0;
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `window-${++n}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

/** CLOCK_MONOTONIC in µs: the clock of a `--cpu-prof` profile's sample times. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * GC pause time, CPU time, event-loop delay and OS counters between gc-start and gc-stop, and
 * when the window began and ended on the profiler's clock (bench/cpuprofile-summary.mts --from/--to).
 */
function gcMeter() {
  let fromUs = 0;
  let cpu = process.cpuUsage();
  let os = osCounters();
  const loop = loopMeter();
  const profiler = windowProfiler();
  return {
    async start() {
      await profiler.start();
      loop.start();
      cpu = process.cpuUsage();
      os = osCounters();
      fromUs = monotonicUs();
    },
    async stop() {
      const used = process.cpuUsage(cpu);
      const figures = loop.stop();
      const now = osCounters();
      await profiler.stop();
      return {
        gcMs: figures.gcMs,
        cpuMs: (used.user + used.system) / 1000,
        wallMs: figures.wallMs,
        fromUs,
        toUs: monotonicUs(),
        loop: figures,
        childCpuMs: now.childCpuMs - os.childCpuMs,
        os: {
          majorFaults: now.majorFaults - os.majorFaults,
          runqueueMs: now.runqueueMs - os.runqueueMs,
          cpuPressureMs: now.cpuPressureMs - os.cpuPressureMs,
          memoryPressureMs: now.memoryPressureMs - os.memoryPressureMs,
        },
      };
    },
  };
}

async function runLayout(
  snapshot: Snapshot,
  mode: LayoutMode,
  { idle, iterations, timeoutMs }: { idle?: boolean; iterations?: number; timeoutMs?: number } = {},
): Promise<void> {
  const t = performance.now();
  // This thread's event loop and GC during each phase of the job (load, layout, send).
  const loop: Record<string, LoopFigures> = {};
  const meter = loopMeter();
  let phase = 'start';
  const settings = iterations ? { iterations } : undefined;
  const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
  let startMs = 0;
  const onPhase = (next: string) => {
    loop[phase] = meter.stop();
    phase = next;
    meter.start();
  };
  try {
    // Process and worker read the snapshot file themselves: the cost of a layout job off the
    // request path, up to the packed result in this process (not yet read into objects).
    const t0 = performance.now();
    const running =
      mode === 'process'
        ? layoutInChildProcess(snapshotFile, { onPhase, idle, settings, signal })
        : mode === 'worker'
          ? layoutInWorker(snapshotFile, { onPhase, settings, signal })
          : undefined;
    // The synchronous part: fork() (or the Worker's start) and sending the job, on this thread.
    startMs = performance.now() - t0;
    const result = running && (await running);
    onPhase('end');
    const nodes = result ? result.nodeCount : computeLayout(snapshot).nodes.length;
    const job = result && { ms: result.ms, niceness: result.niceness, policy: result.policy };
    send({ type: 'layout-done', ms: performance.now() - t, nodes, startMs, loop, job });
  } catch (err) {
    if (signal?.aborted) {
      const reached = phase;
      onPhase('end');
      send({ type: 'layout-done', ms: performance.now() - t, nodes: 0, startMs, aborted: true, phase: reached, loop });
    } else send({ type: 'layout-failed', message: (err as Error).message });
  } finally {
    meter.close();
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
      if (message.type === 'gc-start') void meter.start();
      else if (message.type === 'gc-stop') void meter.stop().then((figures) => send({ type: 'gc', ...figures }));
      else if (message.type === 'layout') void runLayout(snapshot, message.mode, message);
    });
    send({ type: 'ready', port, ids: sampleIds(snapshot, 1000), loadMs, ...(kind === 'pair' ? { ports } : {}) });
  }
  process.once('SIGTERM', () => process.exit(0));
}
