/**
 * Layouts for a server: small ones in this thread (milliseconds; a worker would cost more to
 * start), big ones in a worker thread so a ForceAtlas2 run of tens of seconds never stalls
 * the event loop that answers every other request. Either way the result lands in the same
 * per-snapshot cache as cachedLayout's, and concurrent requests for one layout share one job.
 */
import type { Snapshot } from '../graph/snapshot.js';
import { snapshotFileOf, snapshotInputOf } from '../graph/snapshot-file.js';
import { peekLayout, rememberLayout } from './cache.js';
import { computeLayout, type Layout } from './layout.js';
import {
  buildLayoutGraph,
  type LayoutOptions,
  type NormalisedLayoutOptions,
  normaliseLayoutOptions,
} from './select.js';
import { type LayoutPhase, layoutInWorker } from './worker.js';

/**
 * From this many drawn nodes a layout goes to a worker thread. ForceAtlas2 takes ~4 ms per
 * iteration at 1k nodes and ~57 ms at 10k (BENCHMARKS.md): at 5k a whole layout is already
 * seconds of blocked event loop, while below it the worker's start-up would dominate.
 */
export const WORKER_MIN_NODES = 5000;

/** Layouts running in a worker, per snapshot and options, so a second request waits on the first. */
const running = new WeakMap<Snapshot, Map<string, Promise<Layout>>>();

const isWholeGraph = (o: NormalisedLayoutOptions) => o.focus.length === 0 && !o.kinds && !o.relationTypes;

/** How many nodes the layout would draw; the whole graph's count needs no selection. */
function drawnNodes(snapshot: Snapshot, normalised: NormalisedLayoutOptions): number {
  if (isWholeGraph(normalised)) return snapshot.entities().length;
  // A focus selection is a bounded BFS: cheap next to the layout it decides about.
  return buildLayoutGraph(snapshot, normalised).order;
}

export interface OffThreadOptions {
  /** Override WORKER_MIN_NODES (tests use 0 to force the worker). */
  readonly minNodes?: number;
  /** Called as each worker phase starts (never for a layout computed in this thread). */
  readonly onPhase?: (phase: LayoutPhase) => void;
}

/**
 * The layout for these options: from the cache, computed here when small, or awaited from a
 * worker thread when large. Bad options throw here, before any work, as cachedLayout does.
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
  // The worker re-reads the snapshot file when there is one: sending records means
  // serialising them all here, on the thread this module exists to keep free.
  const source = snapshotFileOf(snapshot) ?? { data: snapshotInputOf(snapshot) };
  const job = layoutInWorker(source, { options: normalised, onPhase })
    .then(({ layout }) => rememberLayout(snapshot, normalised, layout))
    .finally(() => jobs.delete(key));
  jobs.set(key, job);
  return job;
}
