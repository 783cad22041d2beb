/**
 * A snapshot source that reloads graph-data/ when it changes. A reload either yields a whole
 * new validated snapshot, swapped in atomically, or is rejected: the last good snapshot keeps
 * serving and the problems are kept for /health. Curated data is never half-loaded.
 */
import { type FSWatcher, watch } from 'node:fs';
import { validateGraphData } from '../graph/load.js';
import type { Snapshot } from '../graph/snapshot.js';
import { prepareTraversal } from '../graph/traversal.js';
import { formatProblem } from '../model/errors.js';
import type { SnapshotSource } from './snapshot-source.js';

export interface ReloadOutcome {
  readonly ok: boolean;
  readonly version: string;
  readonly problems: readonly string[];
}

export class ReloadingSource implements SnapshotSource {
  private snapshot: Snapshot;
  private lastProblems: readonly string[] = [];
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataDir: string,
    initial: Snapshot,
    private readonly onReload: (outcome: ReloadOutcome) => void = () => {},
  ) {
    this.snapshot = initial;
  }

  current(): Snapshot {
    return this.snapshot;
  }

  problems(): readonly string[] {
    return this.lastProblems;
  }

  reload(): ReloadOutcome {
    const { snapshot, problems } = validateGraphData(this.dataDir);
    if (snapshot) {
      // Ready before it is served, as at start-up: no first query pays for the views.
      prepareTraversal(snapshot);
      snapshot.prepareSearch();
      this.snapshot = snapshot;
      this.lastProblems = [];
    } else {
      this.lastProblems = problems.map(formatProblem);
    }
    const outcome = { ok: snapshot !== undefined, version: this.snapshot.version, problems: this.lastProblems };
    this.onReload(outcome);
    return outcome;
  }

  /** Reloads after changes settle (editors write files in several steps). */
  watch(debounceMs = 250): () => void {
    this.watcher = watch(this.dataDir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), debounceMs);
    });
    return () => this.close();
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
