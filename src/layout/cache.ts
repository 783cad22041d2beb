/**
 * Layouts are costly (force simulation) and snapshots immutable, so each is computed once per
 * snapshot: the whole-graph layout is kept for the snapshot's life, other selections in a
 * small LRU. Keys are the normalised options, so `focus: [b, a]` and `[a, b, a]` share one.
 * A WeakMap keyed by the snapshot lets a reload drop the old snapshot's layouts with it.
 */

import { Lru } from '../graph/lru.js';
import type { Snapshot } from '../graph/snapshot.js';
import { computeLayout, type Layout } from './layout.js';
import { PackedLayout } from './packed.js';
import { type LayoutOptions, type NormalisedLayoutOptions, normaliseLayoutOptions } from './select.js';

export const FOCUS_CACHE_SIZE = 64;

interface SnapshotLayouts {
  full?: Layout;
  selections: Lru<Layout>;
}

const bySnapshot = new WeakMap<Snapshot, SnapshotLayouts>();

const isWholeGraph = (o: NormalisedLayoutOptions) => o.focus.length === 0 && !o.kinds && !o.relationTypes;

/** Frozen, because every caller of a cached layout shares the same objects (a packed one freezes its own). */
function frozen(layout: Layout): Layout {
  if (layout instanceof PackedLayout) return layout;
  for (const n of layout.nodes) Object.freeze(n);
  for (const e of layout.edges) Object.freeze(e);
  return Object.freeze({ nodes: Object.freeze(layout.nodes), edges: Object.freeze(layout.edges) });
}

function entryOf(snapshot: Snapshot): SnapshotLayouts {
  let entry = bySnapshot.get(snapshot);
  if (!entry) {
    entry = { selections: new Lru(FOCUS_CACHE_SIZE) };
    bySnapshot.set(snapshot, entry);
  }
  return entry;
}

/** The cached layout for already normalised options, if there is one (computes nothing). */
export function peekLayout(snapshot: Snapshot, normalised: NormalisedLayoutOptions): Layout | undefined {
  const entry = entryOf(snapshot);
  return isWholeGraph(normalised) ? entry.full : entry.selections.get(JSON.stringify(normalised));
}

/** Keeps a layout computed elsewhere (a child process, a worker thread) as if cachedLayout had computed it. */
export function rememberLayout(snapshot: Snapshot, normalised: NormalisedLayoutOptions, layout: Layout): Layout {
  const entry = entryOf(snapshot);
  const kept = frozen(layout);
  if (isWholeGraph(normalised)) entry.full = kept;
  else entry.selections.set(JSON.stringify(normalised), kept);
  return kept;
}

/** The layout for these options, computed at most once per snapshot (within the LRU's reach). */
export function cachedLayout(snapshot: Snapshot, options: LayoutOptions = {}): Layout {
  // Normalising first validates, so bad arguments fail fast and are never cached.
  const normalised = normaliseLayoutOptions(snapshot, options);
  return peekLayout(snapshot, normalised) ?? rememberLayout(snapshot, normalised, computeLayout(snapshot, normalised));
}

/** How many selection layouts a snapshot holds (for tests and diagnostics). */
export function cachedSelectionCount(snapshot: Snapshot): number {
  return bySnapshot.get(snapshot)?.selections.size ?? 0;
}
