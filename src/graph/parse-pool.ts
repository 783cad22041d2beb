/**
 * Knowledge files parsed on worker threads (issue 20, item 3): YAML parsing and the per-file
 * schema checks are most of `validate` and `build` on a big corpus, and they need nothing but
 * the file, so a pool of workers does them while the main thread reads, hashes and indexes.
 * The main thread hands out batches and takes the results back in file order (see
 * Loader.readKnowledgeInPool), so what a load finds does not depend on which worker is first.
 */
import { Worker } from 'node:worker_threads';
import type { ParsedKnowledgeFile } from './load.js';
import { workerEntry } from './worker-entry.js';

/** One file to parse: its bytes as the main thread read (and hashed) them. */
export interface ParseJob {
  readonly absPath: string;
  readonly relPath: string;
  readonly bytes: Uint8Array;
}

export type ParseRequest = { readonly id: number; readonly jobs: readonly ParseJob[] };
export type ParseReply =
  | { readonly id: number; readonly parsed: ParsedKnowledgeFile[] }
  | { readonly id: number; readonly failed: string };

interface Pending {
  readonly request: ParseRequest;
  readonly transfer: ArrayBuffer[];
  readonly resolve: (parsed: ParsedKnowledgeFile[]) => void;
  readonly reject: (err: Error) => void;
}

/** A fixed number of parse workers; batches wait for an idle one. Close it when done. */
export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private failure?: Error;
  private closed = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`a parse pool needs at least one worker, not ${size}`);
    const { entry, eval: isEval } = workerEntry(import.meta.url, './parse-worker-thread');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry, { eval: isEval });
      worker.on('message', (reply: ParseReply) => this.settle(worker, reply));
      worker.once('error', (err) => this.fail(err));
      worker.once('exit', (code) => {
        if (this.busy.has(worker) || !this.closed) this.fail(new Error(`parse worker exited with code ${code}`));
      });
      this.idle.push(worker);
    }
  }

  /**
   * Parses a batch on the next idle worker. The bytes are moved to the worker (their buffers
   * are detached here), so pass bytes nothing else needs any more.
   */
  parse(jobs: readonly ParseJob[]): Promise<ParsedKnowledgeFile[]> {
    if (this.failure) return Promise.reject(this.failure);
    const transfer: ArrayBuffer[] = [];
    const owned = jobs.map((job) => {
      // A small file's Buffer can be a slice of Node's shared pool: copy it rather than move the pool.
      const whole = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
      const bytes = whole && job.bytes.buffer instanceof ArrayBuffer ? job.bytes : new Uint8Array(job.bytes);
      transfer.push(bytes.buffer as ArrayBuffer);
      return { absPath: job.absPath, relPath: job.relPath, bytes };
    });
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, jobs: owned }, transfer, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.waiting.shift() as Pending;
      this.busy.set(worker, pending);
      worker.postMessage(pending.request, pending.transfer);
    }
  }

  private settle(worker: Worker, reply: ParseReply): void {
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (pending) {
      if ('failed' in reply) pending.reject(new Error(`parse worker failed: ${reply.failed}`));
      else pending.resolve(reply.parsed);
    }
    this.dispatch();
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.failure ??= err;
    for (const pending of [...this.busy.values(), ...this.waiting]) pending.reject(err);
    this.busy.clear();
    this.waiting.length = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
