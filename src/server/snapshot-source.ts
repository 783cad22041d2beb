import type { Snapshot } from '../graph/snapshot.js';

/** Where the server gets the snapshot for each request; reloading swaps it atomically. */
export interface SnapshotSource {
  current(): Snapshot;
  /** Problems of the last rejected reload, if any: the server is then degraded. */
  problems(): readonly string[];
}

export function fixedSource(snapshot: Snapshot): SnapshotSource {
  return { current: () => snapshot, problems: () => [] };
}
