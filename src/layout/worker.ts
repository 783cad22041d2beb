/**
 * ForceAtlas2 layouts off the request path: `layoutInWorker` runs computeLayout in a
 * worker_threads Worker, so a layout of a big graph (tens of seconds at 100k nodes) does not
 * stall the event loop that answers queries. One worker per job: a layout is rare and long, so
 * a pool would only keep a loaded graph's memory alive between jobs.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Layout, LayoutEdge, LayoutNode, LayoutSettings } from './layout.js';
import type { LayoutOptions } from './select.js';
import type { LayoutPhase, LayoutSource, ParentMessage, WorkerMessage } from './worker-protocol.js';

export { LAYOUT_PHASES, type LayoutPhase, type LayoutSource } from './worker-protocol.js';

export interface WorkerLayoutArgs {
  readonly options?: LayoutOptions;
  readonly settings?: LayoutSettings;
  /** Called as each phase starts (load, layout, send), e.g. to drive a progress bar. */
  readonly onPhase?: (phase: LayoutPhase) => void;
  /** Aborting terminates the worker and rejects the promise. */
  readonly signal?: AbortSignal;
}

export interface WorkerLayoutResult {
  readonly layout: Layout;
  /** Time spent in each phase inside the worker, in ms. */
  readonly ms: Readonly<Record<LayoutPhase, number>>;
}

/**
 * The worker's entry beside this file. A built dist/ runs worker-thread.js directly. From
 * source (tsx, vitest) it is a .ts file that a worker cannot load with Node 20 (loader hooks
 * of the main thread do not reach workers), so a tiny bootstrap registers tsx in the worker
 * first, then imports the entry; tsx is a devDependency, and only source runs need it.
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./worker-thread.js', import.meta.url), eval: false };
  // require.resolve finds tsx's CommonJS build, whose register() cannot find its hooks: use the ESM one.
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  const entry = new URL('./worker-thread.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return { entry: bootstrap, eval: true };
}

/** Lays out a snapshot file (preferred: nothing big is copied) or snapshot records in a worker. */
export function layoutInWorker(
  source: string | LayoutSource,
  args: WorkerLayoutArgs = {},
): Promise<WorkerLayoutResult> {
  const job = {
    source: typeof source === 'string' ? { snapshotFile: source } : source,
    options: args.options,
    settings: args.settings,
  };
  const { entry, eval: isEval } = workerEntry();
  return new Promise((resolve, reject) => {
    if (args.signal?.aborted) {
      reject(args.signal.reason ?? new Error('layout aborted'));
      return;
    }
    const worker = new Worker(entry, { workerData: job, eval: isEval });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      args.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(args.signal?.reason ?? new Error('layout aborted')));
      void worker.terminate();
    };
    args.signal?.addEventListener('abort', onAbort, { once: true });
    // The layout arrives in chunks (see LAYOUT_CHUNK); `done` follows the last one.
    const nodes: LayoutNode[] = [];
    const edges: LayoutEdge[] = [];
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'phase') args.onPhase?.(message.phase);
      else if (message.type === 'nodes' || message.type === 'edges') {
        if (message.type === 'nodes') for (const n of message.nodes) nodes.push(n);
        else for (const e of message.edges) edges.push(e);
        // Ask for the next chunk only after pending I/O had its turn (setImmediate runs after it).
        setImmediate(() => worker.postMessage({ type: 'more' } satisfies ParentMessage));
      } else if (message.type === 'done') finish(() => resolve({ layout: { nodes, edges }, ms: message.ms }));
      else finish(() => reject(new Error(`layout worker failed: ${message.message}`)));
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`layout worker exited with code ${code}`))));
  });
}
