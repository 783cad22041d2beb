/**
 * A snapshot source that reloads graph-data/ when it changes. A reload either yields a whole
 * new validated snapshot, swapped in atomically, or is not taken: the last good snapshot keeps
 * serving and /health says why. Curated data is never half-loaded, and never half-written:
 *
 * 1. Settle: after a change event and a quiet debounce, the files' sizes and mtimes must stay
 *    the same across `settleMs` before they are read, and again after the read (a file that
 *    changed while it was read is read again).
 * 2. Validate: a reload with problems (a relation to an entity that is gone is one: dangling)
 *    is rejected, as at start-up.
 * 3. Guard against loss: a valid reload that removes more than `maxLossPercent` of one file's
 *    entities or of its relations (and at least `minLoss` records) is held back, because that
 *    is what a half-written or truncated file looks like. It is served only when a later
 *    stable change no longer loses them (the writer finished), or when the operator confirms
 *    it with `reload({ acceptLoss: true })` (serve: SIGHUP), or with the guard set off.
 */
import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS_DIR, KNOWLEDGE_DIR } from '../graph/data-hash.js';
import { validateGraphData } from '../graph/load.js';
import type { Snapshot } from '../graph/snapshot.js';
import { prepareTraversal } from '../graph/traversal.js';
import { formatProblem } from '../model/errors.js';
import type { FileLoss, NotTaken, SnapshotSource, SourceStatus } from './snapshot-source.js';

export interface ReloadGuard {
  /** Quiet time after the last change event before the files are looked at. */
  readonly debounceMs: number;
  /** Sizes and mtimes must stay the same this long before (and after) the files are read. */
  readonly settleMs: number;
  /** Hold back a reload that removes more than this share (%) of one file's entities or relations; 100 turns it off. */
  readonly maxLossPercent: number;
  /** ... and at least this many of them, so small edits of small files pass. */
  readonly minLoss: number;
}

export const DEFAULT_RELOAD_GUARD: ReloadGuard = { debounceMs: 250, settleMs: 300, maxLossPercent: 10, minLoss: 3 };

export interface ReloadOutcome {
  /** A new snapshot is live (or the data is what is live already). */
  readonly ok: boolean;
  /** The live snapshot's version after the reload. */
  readonly version: string;
  readonly problems: readonly string[];
  /** Set when a valid reload was held back by the loss guard. */
  readonly heldBack?: NotTaken;
}

export interface ReloadingSourceOptions {
  /** Where the initial snapshot came from, for /health. */
  readonly origin?: string;
  readonly guard?: Partial<ReloadGuard>;
}

export class ReloadingSource implements SnapshotSource {
  private snapshot: Snapshot;
  private origin: string;
  private lastProblems: readonly string[] = [];
  private notTaken?: NotTaken;
  private readonly guard: ReloadGuard;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private settling = false;
  private changedWhileSettling = false;
  /** The files' signature when they were last read: an event that changed nothing is no reload. */
  private lastRead?: string;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    initial: Snapshot,
    private readonly onReload: (outcome: ReloadOutcome) => void = () => {},
    options: ReloadingSourceOptions = {},
  ) {
    this.snapshot = initial;
    this.origin = options.origin ?? `data ${dataDir}`;
    this.guard = { ...DEFAULT_RELOAD_GUARD, ...options.guard };
  }

  current(): Snapshot {
    return this.snapshot;
  }

  problems(): readonly string[] {
    return this.lastProblems;
  }

  status(): SourceStatus {
    return { source: this.origin, notTaken: this.notTaken, settling: this.settling };
  }

  /** Reads graph-data now and serves it if it validates and passes the loss guard. */
  reload(options: { acceptLoss?: boolean } = {}): ReloadOutcome {
    return this.decide(validateGraphData(this.dataDir), options.acceptLoss ?? false);
  }

  private decide({ snapshot, problems }: ReturnType<typeof validateGraphData>, acceptLoss: boolean): ReloadOutcome {
    const at = new Date().toISOString();
    let outcome: ReloadOutcome;
    if (!snapshot) {
      this.lastProblems = problems.map(formatProblem);
      this.notTaken = {
        at,
        reason: `graph-data has ${problems.length} problem${problems.length === 1 ? '' : 's'} (see problems)`,
      };
      outcome = { ok: false, version: this.snapshot.version, problems: this.lastProblems };
    } else if (snapshot.version === this.snapshot.version) {
      // The data is what is served already (an edit undone, a touch): nothing to swap.
      this.lastProblems = [];
      this.notTaken = undefined;
      outcome = { ok: true, version: this.snapshot.version, problems: [] };
    } else {
      const losses = acceptLoss ? [] : lossesBeyond(this.snapshot, snapshot, this.guard);
      if (losses.length > 0) {
        this.lastProblems = [];
        this.notTaken = { at, version: snapshot.version, reason: heldReason(losses, this.guard), losses };
        outcome = { ok: false, version: this.snapshot.version, problems: [], heldBack: this.notTaken };
      } else {
        // Ready before it is served, as at start-up: no first query pays for the views.
        prepareTraversal(snapshot);
        snapshot.prepareSearch();
        this.snapshot = snapshot;
        this.origin = `reload of ${this.dataDir}${acceptLoss ? ' (loss accepted by the operator)' : ''}`;
        this.lastProblems = [];
        this.notTaken = undefined;
        outcome = { ok: true, version: snapshot.version, problems: [] };
      }
    }
    this.onReload(outcome);
    return outcome;
  }

  /** Reloads once changes have stopped (editors and copies write files in several steps). */
  watch(): () => void {
    this.watcher = watch(this.dataDir, { recursive: true }, () => this.changed());
    return () => this.close();
  }

  private changed(): void {
    if (this.closed) return;
    if (this.settling) {
      this.changedWhileSettling = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.settleAndReload(), this.guard.debounceMs);
  }

  private async settleAndReload(): Promise<void> {
    this.settling = true;
    try {
      for (;;) {
        this.changedWhileSettling = false;
        let before = filesSignature(this.dataDir);
        for (;;) {
          await sleep(this.guard.settleMs);
          if (this.closed) return;
          const now = filesSignature(this.dataDir);
          if (now === before) break;
          before = now;
        }
        if (before === this.lastRead) return;
        const result = validateGraphData(this.dataDir);
        // Read while a file was still being written: what was read may be any mix; read again.
        if (filesSignature(this.dataDir) !== before) continue;
        this.lastRead = before;
        this.decide(result, false);
        return;
      }
    } finally {
      this.settling = false;
      // An event seen during the last read is covered by the signature check, but one after
      // it (the file settled, was read, then changed again) needs its own round.
      if (this.changedWhileSettling && !this.closed) this.changed();
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Size and mtime of every file under the folders the loader reads: cheap, no file is opened. */
function filesSignature(dataDir: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      try {
        const st = statSync(full);
        if (st.isDirectory()) walk(full);
        else parts.push(`${full}\0${st.size}\0${st.mtimeMs}`);
      } catch {
        parts.push(`${full}\0gone`);
      }
    }
  };
  walk(join(dataDir, DOCUMENTS_DIR));
  walk(join(dataDir, KNOWLEDGE_DIR));
  return parts.join('\n');
}

/**
 * The files that would lose more than the guard allows: records of the live snapshot that
 * the candidate no longer has anywhere (a record moved to another file is not lost).
 */
export function lossesBeyond(live: Snapshot, candidate: Snapshot, guard: ReloadGuard): FileLoss[] {
  if (guard.maxLossPercent >= 100) return [];
  const perFile = new Map<
    string,
    { entities: { lost: number; of: number }; relations: { lost: number; of: number } }
  >();
  const tally = (file: string | undefined, kind: 'entities' | 'relations', lost: boolean) => {
    const key = file ?? '(no file)';
    let t = perFile.get(key);
    if (!t) {
      t = { entities: { lost: 0, of: 0 }, relations: { lost: 0, of: 0 } };
      perFile.set(key, t);
    }
    t[kind].of++;
    if (lost) t[kind].lost++;
  };
  for (const e of live.entities()) tally(e.file, 'entities', candidate.getEntity(e.id) === undefined);
  live.graph.forEachEdge((id, r) => {
    if (r.type !== 'MENTIONS') tally(r.file, 'relations', !candidate.graph.hasEdge(id));
  });
  const tooMuch = ({ lost, of }: { lost: number; of: number }) =>
    lost >= guard.minLoss && lost * 100 > of * guard.maxLossPercent;
  return [...perFile]
    .filter(([, t]) => tooMuch(t.entities) || tooMuch(t.relations))
    .map(([file, t]) => ({ file, ...t }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

function heldReason(losses: readonly FileLoss[], guard: ReloadGuard): string {
  const each = losses
    .map(
      (l) =>
        `${l.file} would lose ${l.entities.lost} of ${l.entities.of} entities and ${l.relations.lost} of ${l.relations.of} relations`,
    )
    .join('; ');
  return (
    `held back: ${each} (more than ${guard.maxLossPercent}%, the mark of a half-written or truncated file). ` +
    'It is served when a later change restores them, or when the operator confirms it (SIGHUP to serve)'
  );
}
