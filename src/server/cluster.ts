/**
 * `serve --workers N`: the primary process forks N workers with node:cluster. Each worker runs
 * the ordinary `serve` path (loads the snapshot, listens); cluster shares the one listening
 * socket, so all workers answer on the same port. The primary serves nothing: it only keeps
 * the workers alive (a crashed worker is replaced) and forwards SIGTERM/SIGINT so each worker
 * drains its own in-flight requests (see stopOnSignals in main.ts) before the primary exits.
 *
 * The snapshot is loaded once per worker, not shared: graphology graphs are plain JS objects
 * and cannot live in shared memory, so N workers cost N times the heap (see BENCHMARKS.md).
 */
import cluster, { type Worker } from 'node:cluster';

export interface ClusterOptions {
  readonly workers: number;
  /** Worker script and its arguments; default: this process's own (the CLI re-runs `serve`). */
  readonly exec?: string;
  readonly args?: readonly string[];
  readonly execArgv?: readonly string[];
  /** Extra environment for workers. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wait before replacing a crashed worker, so a worker that dies at start-up does not spin. */
  readonly restartDelayMs?: number;
  /** A worker still running this long after SIGTERM is killed. */
  readonly graceMs?: number;
  readonly log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface ClusterHandle {
  /** Resolves with the shared port once `workers` workers are listening. */
  readonly listening: Promise<number>;
  /** The live workers. */
  workers(): Worker[];
  /** How many crashed workers were replaced. */
  restarts(): number;
  /** Forwards SIGTERM to every worker and resolves when all have exited. */
  stop(): Promise<void>;
}

const noLog = () => {};

export function startCluster(options: ClusterOptions): ClusterHandle {
  if (!cluster.isPrimary) throw new Error('startCluster must run in the primary process');
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new Error(`workers must be a positive integer, got ${options.workers}`);
  }
  const log = options.log ?? noLog;
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const graceMs = options.graceMs ?? 15_000;
  cluster.setupPrimary({
    exec: options.exec ?? process.argv[1],
    args: [...(options.args ?? process.argv.slice(2))],
    execArgv: [...(options.execArgv ?? process.execArgv)],
  });

  let stopping = false;
  let restarts = 0;
  const live = new Set<Worker>();
  const listeningWorkers = new Set<Worker>();
  let resolveListening: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => {
    resolveListening = resolve;
  });

  const fork = (): void => {
    const worker = cluster.fork(options.env);
    live.add(worker);
    worker.once('listening', (address) => {
      log('worker listening', { pid: worker.process.pid, port: address.port });
      listeningWorkers.add(worker);
      // Resolving twice is harmless: only the first time counts.
      if (listeningWorkers.size >= options.workers) resolveListening(address.port);
    });
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      listeningWorkers.delete(worker);
      if (stopping) return;
      // exitedAfterDisconnect is true when we disconnected it on purpose; anything else is a crash.
      if (worker.exitedAfterDisconnect) return;
      restarts++;
      log('worker died: starting a replacement', { pid: worker.process.pid, code, signal, restarts });
      setTimeout(() => {
        if (!stopping) fork();
      }, restartDelayMs).unref();
    });
  };
  for (let i = 0; i < options.workers; i++) fork();

  const stop = async (): Promise<void> => {
    stopping = true;
    const exits = [...live].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          const forced = setTimeout(() => worker.process.kill('SIGKILL'), graceMs);
          forced.unref();
          worker.once('exit', () => clearTimeout(forced));
          // A signal, not disconnect(): the worker's own handler drains its requests first.
          worker.process.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
  };

  return { listening, workers: () => [...live], restarts: () => restarts, stop };
}

/** In the primary: on SIGTERM/SIGINT, stop every worker, then exit (0 when all drained). */
export function stopClusterOnSignals(handle: ClusterHandle, log: ClusterOptions['log'] = noLog): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log('primary shutting down: stopping workers', { signal });
    handle.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** True in a process that cluster forked as a worker (it should serve, not fork). */
export const isClusterWorker = (): boolean => cluster.isWorker;
