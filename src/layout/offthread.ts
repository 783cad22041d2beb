/**
 * Layouts for a server: small ones in this thread (milliseconds; a process would cost more to
 * start), big ones in a niced child process reading the snapshot file (child-process.ts), or
 * in a worker thread when the snapshot has no file, so a ForceAtlas2 run of a minute never
 * stalls the event loop that answers every other request. Big results come back packed
 * (packed.ts). Either way the result lands in the same per-snapshot cache as cachedLayout's,
 * and concurrent requests for one layout share one job.
 */
import type { Snapshot } from '../graph/snapshot.js';
import { snapshotFileOf, snapshotInputOf } from '../graph/snapshot-file.js';
import { peekLayout, rememberLayout } from './cache.js';
import { layoutInChildProcess } from './child-process.js';
import { computeLayout, type Layout } from './layout.js';
import { PackedLayout } from './packed.js';
import {
  buildLayoutGraph,
  type LayoutOptions,
  type NormalisedLayoutOptions,
  normaliseLayoutOptions,
} from './select.js';
import { type LayoutPhase, layoutInWorker } from './worker.js';

/**
 * From this many drawn nodes a layout leaves this thread. ForceAtlas2 takes ~4 ms per
 * iteration at 1k nodes and ~57 ms at 10k (BENCHMARKS.md): at 5k a whole layout is already
 * seconds of blocked event loop, while below it a process's start-up would dominate.
 */
export const WORKER_MIN_NODES = 5000;

/** Layouts running elsewhere, per snapshot and options, so a second request waits on the first. */
const running = new WeakMap<Snapshot, Map<string, Promise<Layout>>>();

const isWholeGraph = (o: NormalisedLayoutOptions) => o.focus.length === 0 && !o.kinds && !o.relationTypes;

/** How many nodes the layout would draw; the whole graph's count needs no selection. */
function drawnNodes(snapshot: Snapshot, normalised: NormalisedLayoutOptions): number {
  if (isWholeGraph(normalised)) return snapshot.entities().length;
  // A focus selection is a bounded BFS: cheap next to the layout it decides about.
  return buildLayoutGraph(snapshot, normalised).order;
}

export interface OffThreadOptions {
  /** Override WORKER_MIN_NODES (tests use 0 to force a process or worker). */
  readonly minNodes?: number;
  /** Called as each phase of an off-thread job starts (never for a layout computed in this thread). */
  readonly onPhase?: (phase: LayoutPhase) => void;
}

/**
 * The layout for these options: from the cache, computed here when small, or awaited from a
 * child process (or a worker thread) when large. Bad options throw here, before any work, as cachedLayout does.
 */
export function layoutOffThread(
  snapshot: Snapshot,
  options: LayoutOptions = {},
  { minNodes = WORKER_MIN_NODES, onPhase }: OffThreadOptions = {},
): Layout | Promise<Layout> {
  const normalised = normaliseLayoutOptions(snapshot, options);
  const cached = peekLayout(snapshot, normalised);
  if (cached) return cached;
  if (drawnNodes(snapshot, normalised) < minNodes) {
    return rememberLayout(snapshot, normalised, computeLayout(snapshot, normalised));
  }
  let jobs = running.get(snapshot);
  if (!jobs) {
    jobs = new Map();
    running.set(snapshot, jobs);
  }
  const key = JSON.stringify(normalised);
  const pending = jobs.get(key);
  if (pending) return pending;
  // The process re-reads the snapshot file: sending records means serialising them all here,
  // on the thread this module exists to keep free. Without a file (snapshots built in memory,
  // tests), a worker thread is sent the records.
  const file = snapshotFileOf(snapshot);
  const args = { options: normalised, onPhase };
  const run = file ? layoutInChildProcess(file, args) : layoutInWorker({ data: snapshotInputOf(snapshot) }, args);
  const job = run
    .then(({ buffer, nodeCount }) =>
      rememberLayout(snapshot, normalised, new PackedLayout(snapshot, normalised, buffer, nodeCount)),
    )
    .finally(() => jobs.delete(key));
  jobs.set(key, job);
  return job;
}
