/**
 * Loading graph-data without stopping a server's answers (issue 20, item 3): the files are
 * read, parsed and validated in a worker thread that keeps a parse cache (an edit re-parses
 * only the files it touched), the records come back in small messages, and the graph is built
 * on the main thread in slices that yield to the event loop, so requests keep being answered
 * from the live snapshot meanwhile.
 */
import { Worker } from 'node:worker_threads';
import type { AsPlainObject } from 'minisearch';
import type { DataProblem } from '../model/errors.js';
import type { SourceDocumentRecord } from '../model/records.js';
import { type EncodedParts, encodedAgainst, unpackEncoded } from './encoded-transfer.js';
import type { FileLossBound, LoadMessage, LoadRequest } from './load-protocol.js';
import type { EntityHead } from './record-store.js';
import { type EncodedSnapshotInput, type ReloadIndexData, Snapshot, type SnapshotInput } from './snapshot.js';
import { workerEntry } from './worker-entry.js';

export interface OffthreadLoad {
  /** The records, encoded in the worker, when the data validated (see encoded-transfer.ts). */
  readonly input?: EncodedSnapshotInput;
  /**
   * Its search indexes, built in the worker (load them with Snapshot.loadSearch, in slices);
   * no passage index when the documents are the previous load's (Snapshot.sharePassagesSteps).
   */
  readonly indexes?: ReloadIndexData;
  readonly problems: readonly DataProblem[];
  /** Knowledge files parsed by this load: the others came from the worker's cache. */
  readonly parses: number;
  /** The worker's time to read and validate. */
  readonly workerMs: number;
  /** Files the worker read (the others' size and mtime were those it read before). */
  readonly reads?: number;
  /** The data is the live one (`live` given to load): no records were sent. */
  readonly same?: boolean;
  /**
   * The worker left the documents out as the live snapshot's, but those given are not the
   * ones it encoded against: load again with `passages` (which sends them).
   */
  readonly documentsMismatch?: boolean;
  /** Per changed knowledge file, the most it can lose against the live data (unknown: absent). */
  readonly lossBound?: readonly FileLossBound[];
}

/** What the main thread has of the live snapshot, so the worker sends less. */
export interface LiveData {
  /** Its data hash: the same data is not sent at all. */
  readonly hash?: string;
  /** Its documents, in record order: used when the worker says they are the same. */
  readonly documents?: readonly SourceDocumentRecord[];
}

/** One worker, kept across loads for its parse cache; loads run one at a time. */
export class LoadWorker {
  private worker?: Worker;
  private queue: Promise<unknown> = Promise.resolve();

  /** `records: false` reads and validates only to fill the parse cache; no records come back. */
  load(dataDir: string, records = true, passages = false, live: LiveData = {}): Promise<OffthreadLoad> {
    const run = this.queue.then(() => this.run(dataDir, records, passages, live));
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * The files' signature (files-signature.ts), taken in the worker: at 100k entities the walk
   * held the main thread for seconds. Waits for a load under way, like any request.
   */
  signature(dataDir: string): Promise<string> {
    const run = this.queue.then(
      () =>
        new Promise<string>((resolve, reject) => {
          const worker = this.start();
          const cleanup = listen(
            worker,
            (message) => {
              cleanup();
              if (message.type === 'signature') resolve(message.signature);
              else reject(new Error(`load worker: expected a signature, got ${message.type}`));
            },
            reject,
          );
          worker.postMessage({ type: 'signature', dataDir } satisfies LoadRequest);
        }),
    );
    this.queue = run.catch(() => {});
    return run;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const { entry, eval: isEval } = workerEntry(import.meta.url, './load-worker-thread');
    const worker = new Worker(entry, { eval: isEval });
    // An idle watcher must not keep a process alive that has nothing else to do.
    worker.unref();
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private run(dataDir: string, records: boolean, passages: boolean, live: LiveData): Promise<OffthreadLoad> {
    const worker = this.start();
    return new Promise((resolve, reject) => {
      let parts: EncodedParts | undefined;
      const heads: EntityHead[] = [];
      const index: Partial<Record<'entities' | 'passages', AsPlainObject>> = {};
      let table: number[] = [];
      const onMessage = (message: LoadMessage) => {
        switch (message.type) {
          case 'encoded':
            parts = message.parts;
            break;
          case 'heads':
            for (const h of message.heads) heads.push(h);
            break;
          case 'index':
            index[message.which] = message.head;
            if (message.table) table = message.table;
            break;
          case 'terms': {
            const terms = index[message.which]?.index as unknown[] | undefined;
            for (const t of message.terms) terms?.push(t);
            break;
          }
          case 'done': {
            cleanup();
            const documents = parts?.documents ?? live.documents;
            // Left out as the live snapshot's: the records' document indices must mean the same.
            const documentsMismatch =
              parts !== undefined && !parts.documents && (!documents || !encodedAgainst(parts, documents));
            const input: EncodedSnapshotInput | undefined =
              parts && documents && !documentsMismatch && records && message.problems.length === 0
                ? unpackEncoded(parts, heads, documents)
                : undefined;
            const indexes: ReloadIndexData | undefined =
              input && index.entities
                ? {
                    entities: index.entities,
                    passages: index.passages && { index: index.passages, table },
                  }
                : undefined;
            resolve({
              input,
              indexes,
              problems: message.problems,
              parses: message.parses,
              workerMs: message.ms,
              reads: message.reads,
              same: message.same,
              documentsMismatch,
              lossBound: message.lossBound,
            });
            return;
          }
          case 'failed':
            cleanup();
            reject(new Error(`load worker failed: ${message.message}`));
            return;
        }
        // The next message only after pending I/O (requests) had its turn.
        setImmediate(() => worker.postMessage({ type: 'more' } satisfies LoadRequest));
      };
      const cleanup = listen(worker, onMessage, reject);
      worker.postMessage({ type: 'load', dataDir, records, passages, live: live.hash } satisfies LoadRequest);
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

/** Resolves after the I/O callbacks already queued (requests) have run. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a generator of small steps, yielding to the event loop whenever `sliceMs` has passed,
 * so the main thread never stays away from requests much longer than that.
 */
export async function runInSlices<T>(steps: Generator<unknown, T>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}

/** Insertions between two looks at the clock. */
const STEP = 500;

/** A snapshot of validated records, its graph built in slices (see runInSlices). */
export async function buildSnapshotInSlices(
  input: SnapshotInput | EncodedSnapshotInput,
  sliceMs?: number,
  indexes?: ReloadIndexData,
): Promise<Snapshot> {
  const snapshot = await runInSlices(Snapshot.inSteps(input, indexes, STEP), sliceMs);
  await yieldToEventLoop();
  return snapshot;
}

/**
 * One exchange with the worker: `onMessage` gets its messages until it calls the returned
 * cleanup; a worker error or exit meanwhile detaches the listeners and rejects.
 */
function listen(worker: Worker, onMessage: (message: LoadMessage) => void, reject: (err: Error) => void): () => void {
  const cleanup = () => {
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
  };
  const onError = (err: Error) => {
    cleanup();
    reject(err);
  };
  const onExit = (code: number) => {
    cleanup();
    reject(new Error(`load worker exited with code ${code}`));
  };
  worker.on('message', onMessage);
  worker.once('error', onError);
  worker.once('exit', onExit);
  return cleanup;
}
