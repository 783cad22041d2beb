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

/**
 * Nodes and edges cross to the main thread this many at a time: each message is
 * deserialised in one go on the thread that answers requests, and a 100k-node layout in one
 * message stalled it for seconds. Small messages, each asked for in turn, let requests run
 * between them.
 */
export const LAYOUT_CHUNK = 2000;

/** The main thread asks for the next chunk once it has taken in the last one. */
export type ParentMessage = { readonly type: 'more' };

export type WorkerMessage =
  | { readonly type: 'phase'; readonly phase: LayoutPhase }
  | { readonly type: 'nodes'; readonly nodes: Layout['nodes'] }
  | { readonly type: 'edges'; readonly edges: Layout['edges'] }
  | { readonly type: 'done'; readonly ms: Readonly<Record<LayoutPhase, number>> }
  | { readonly type: 'error'; readonly message: string };
