import type { Snapshot } from '../graph/snapshot.js';

/** Where the server gets the snapshot for each request; reloading swaps it atomically. */
export interface SnapshotSource {
  current(): Snapshot;
  /** Problems of the last rejected reload, if any: the server is then degraded. */
  problems(): readonly string[];
  /** Where the live snapshot came from and why a newer one was not taken (for /health). */
  status?(): SourceStatus;
}

/** Records one file would lose in a reload, against the live snapshot. */
export interface FileLoss {
  readonly file: string;
  readonly entities: { readonly lost: number; readonly of: number };
  readonly relations: { readonly lost: number; readonly of: number };
}

/** A newer state of the data that is not served, and why. */
export interface NotTaken {
  readonly at: string;
  readonly reason: string;
  /** The content hash (Snapshot.version) of the data not taken, when it validated. */
  readonly version?: string;
  /** Why a valid reload was held back: the files that would lose too much. */
  readonly losses?: readonly FileLoss[];
}

export interface SourceStatus {
  /** e.g. `snapshot file /srv/graph-data.snapshot`, `data /srv/graph-data`, `reload of /srv/graph-data`. */
  readonly source: string;
  readonly notTaken?: NotTaken;
  /** Files changed and the source waits for them to stop changing before it reads them. */
  readonly settling: boolean;
}

export function fixedSource(snapshot: Snapshot, source = 'fixed snapshot'): SnapshotSource {
  return { current: () => snapshot, problems: () => [], status: () => ({ source, settling: false }) };
}
