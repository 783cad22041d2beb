/** Messages between layoutInWorker (worker.ts) and the layout thread (worker-thread.ts). */
import type { SnapshotInput } from '../graph/snapshot.js';
import type { Layout, LayoutSettings } from './layout.js';
import type { LayoutOptions } from './select.js';

/** Where the worker gets the graph: a snapshot file it reads itself (cheap to send), or records. */
export type LayoutSource = { readonly snapshotFile: string } | { readonly data: SnapshotInput };

export interface LayoutJob {
  readonly source: LayoutSource;
  readonly options?: LayoutOptions;
  readonly settings?: LayoutSettings;
}

/** The phases a job goes through, in order; progress reports which one has started. */
export const LAYOUT_PHASES = ['load', 'layout', 'send'] as const;
export type LayoutPhase = (typeof LAYOUT_PHASES)[number];

export type WorkerMessage =
  | { readonly type: 'phase'; readonly phase: LayoutPhase }
  | { readonly type: 'done'; readonly layout: Layout; readonly ms: Readonly<Record<LayoutPhase, number>> }
  | { readonly type: 'error'; readonly message: string };
