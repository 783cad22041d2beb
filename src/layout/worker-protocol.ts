/**
 * Messages between the server and a layout job, whether it runs in a worker thread
 * (worker.ts, worker-thread.ts) or in a niced child process (child-process.ts, child-main.ts).
 */
import type { SnapshotInput } from '../graph/snapshot.js';
import type { LayoutSettings } from './layout.js';
import type { LayoutOptions } from './select.js';

/** Where the job gets the graph: a snapshot file it reads itself (cheap to send), or records. */
export type LayoutSource = { readonly snapshotFile: string } | { readonly data: SnapshotInput };

export interface LayoutJob {
  readonly source: LayoutSource;
  readonly options?: LayoutOptions;
  readonly settings?: LayoutSettings;
}

/** The phases a job goes through, in order; progress reports which one has started. */
export const LAYOUT_PHASES = ['load', 'layout', 'send'] as const;
export type LayoutPhase = (typeof LAYOUT_PHASES)[number];

/** A child process is sent its job (a worker thread gets it as workerData). */
export type ParentMessage = { readonly type: 'job'; readonly job: LayoutJob };

/**
 * The result is the packed columns (see packed.ts) in one buffer: one copy of a few MB for the
 * server to take in, where per-node objects cost it seconds of deserialising at 100k nodes.
 */
export type WorkerMessage =
  | { readonly type: 'phase'; readonly phase: LayoutPhase }
  | {
      readonly type: 'done';
      readonly buffer: ArrayBuffer;
      readonly nodeCount: number;
      readonly ms: Readonly<Record<LayoutPhase, number>>;
      readonly niceness: number;
      readonly policy: string;
    }
  | { readonly type: 'error'; readonly message: string };

/** What a finished job hands back: the packed columns, the time of each phase in ms, its CPU niceness. */
export interface PackedResult {
  readonly buffer: ArrayBuffer;
  readonly nodeCount: number;
  readonly ms: Readonly<Record<LayoutPhase, number>>;
  /** The niceness the layout ran at: the lowest among its threads (Linux keeps one per thread). */
  readonly niceness: number;
  /** The scheduling policy of all its threads: 'idle' (SCHED_IDLE), 'normal', 'mixed', or 'unknown' off Linux. */
  readonly policy: string;
}
