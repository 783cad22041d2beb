/**
 * Layout jobs off the request path: `layoutInWorker` runs one in a worker_threads Worker,
 * `layoutInChildProcess` (child-process.ts) in a niced child process. Either hands back the
 * packed columns (packed.ts), not per-node objects. One worker or process per job: a layout
 * is rare and long, so a pool would only keep a loaded graph's memory alive between jobs.
 */
import { Worker } from 'node:worker_threads';
import { runsFromSource, workerEntry } from '../graph/worker-entry.js';
import type { LayoutSettings } from './layout.js';
import type { LayoutOptions } from './select.js';
import type { LayoutJob, LayoutPhase, LayoutSource, PackedResult, WorkerMessage } from './worker-protocol.js';

export { LAYOUT_PHASES, type LayoutPhase, type LayoutSource, type PackedResult } from './worker-protocol.js';

export interface WorkerLayoutArgs {
  readonly options?: LayoutOptions;
  readonly settings?: LayoutSettings;
  /** Called as each phase starts (load, layout, send), e.g. to drive a progress bar. */
  readonly onPhase?: (phase: LayoutPhase) => void;
  /** Aborting ends the worker or process and rejects the promise. */
  readonly signal?: AbortSignal;
}

/** The job for a source given as a snapshot file path or as records. */
export function layoutJob(source: string | LayoutSource, args: WorkerLayoutArgs): LayoutJob {
  return {
    source: typeof source === 'string' ? { snapshotFile: source } : source,
    options: args.options,
    settings: args.settings,
  };
}

/** Whether this module runs from TypeScript source (tsx, vitest), where entries need tsx. */
export const fromSource = runsFromSource(import.meta.url);

/**
 * Settles a job from its messages: `listen` wires the runner's messages and failures to the
 * handlers it is given, `stop` ends the runner (on abort). Shared by thread and process.
 */
export function settleJob(
  args: WorkerLayoutArgs,
  listen: (onMessage: (message: WorkerMessage) => void, onFailure: (err: Error) => void) => void,
  stop: () => void,
): Promise<PackedResult> {
  return new Promise((resolve, reject) => {
    if (args.signal?.aborted) {
      reject(args.signal.reason ?? new Error('layout aborted'));
      stop();
      return;
    }
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      args.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(args.signal?.reason ?? new Error('layout aborted')));
      stop();
    };
    args.signal?.addEventListener('abort', onAbort, { once: true });
    listen(
      (message) => {
        if (message.type === 'phase') args.onPhase?.(message.phase);
        else if (message.type === 'done') {
          const { buffer, nodeCount, ms, niceness, policy } = message;
          finish(() => resolve({ buffer, nodeCount, ms, niceness, policy }));
        } else finish(() => reject(new Error(`layout job failed: ${message.message}`)));
      },
      (err) => finish(() => reject(err)),
    );
  });
}

/** Lays out a snapshot file (preferred: nothing big is copied) or snapshot records in a worker thread. */
export function layoutInWorker(source: string | LayoutSource, args: WorkerLayoutArgs = {}): Promise<PackedResult> {
  const { entry, eval: isEval } = workerEntry(import.meta.url, './worker-thread');
  let worker: Worker | undefined;
  return settleJob(
    args,
    (onMessage, onFailure) => {
      worker = new Worker(entry, { workerData: layoutJob(source, args), eval: isEval });
      worker.on('message', onMessage);
      worker.once('error', onFailure);
      worker.once('exit', (code) => onFailure(new Error(`layout worker exited with code ${code}`)));
    },
    () => void worker?.terminate(),
  );
}
