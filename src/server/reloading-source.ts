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
import { type FSWatcher, watch } from 'node:fs';
import { buildSnapshotInSlices, LoadWorker, type OffthreadLoad, runInSlices } from '../graph/load-offthread.js';
import type { FileLossBound } from '../graph/load-protocol.js';
import type { Snapshot } from '../graph/snapshot.js';
import { prepareTraversalSteps } from '../graph/traversal.js';
import { type DataProblem, formatProblem } from '../model/errors.js';
import { BlockWatch } from './block-watch.js';
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
  /** Longest run of reload work on the main thread between two turns of the event loop. */
  readonly sliceMs?: number;
  /** Called with each reload's figures (where its time went), e.g. for the log. */
  readonly onTimings?: (timings: ReloadTimings) => void;
  /** Test hook: awaited once a valid candidate is built, before it is judged and swapped in. */
  readonly beforeSwap?: (candidate: Snapshot) => Promise<void>;
}

/** Where one reload's time went (ms), and how many knowledge files it parsed. */
export interface ReloadTimings {
  readonly parses: number;
  /** Files the worker read (opened and hashed); the rest had the size and mtime it read before. */
  readonly reads?: number;
  /** Reading and validating, in the worker. */
  readonly validateMs: number;
  /** Receiving the records and building the graph, in slices on the main thread. */
  readonly buildMs: number;
  /**
   * Traversal views and search indexes of the new snapshot, before it is served: still one
   * blocking step on the main thread (traversalMs of it the views).
   */
  readonly prepareMs: number;
  readonly traversalMs?: number;
  readonly totalMs: number;
  /**
   * The longest the event loop was kept from answering requests during the reload (ms; the
   * event loop's delay, sampled every 5 ms): the longest step taken on the main thread.
   */
  readonly longestBlockMs?: number;
  /** longestBlockMs per phase of the reload (receive, build, passages, search, loss, traversal). */
  readonly blocksByPhase?: Readonly<Record<string, number>>;
  /** Wall time per phase (receive: the worker's pass and its messages; loss: the loss guard). */
  readonly msByPhase?: Readonly<Record<string, number>>;
  /** From the first change event to the start of the reload: debounce and settling (stat of every file). */
  readonly waitMs?: number;
  /** The passage text index was the live snapshot's (the documents did not change). */
  readonly passagesShared?: boolean;
  /** The watcher's first read at start, which fills the parse cache and serves nothing. */
  readonly warmUp?: boolean;
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
    private readonly options: ReloadingSourceOptions = {},
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
  reload(options: { acceptLoss?: boolean } = {}): Promise<ReloadOutcome> {
    const run = this.reloads.then(async () => this.decide(await this.prepare(), options.acceptLoss ?? false));
    this.reloads = run.catch(() => {});
    return run;
  }

  /** Reloads run one after the other: a SIGHUP during a watched reload waits for it. */
  private reloads: Promise<unknown> = Promise.resolve();
  private readonly worker = new LoadWorker();

  /** The candidate: records validated off-thread, then its graph built in slices. */
  private async prepare(passagesAnyway = false): Promise<Candidate> {
    const started = performance.now();
    const waitMs = this.changedAt === undefined ? undefined : Math.round(started - this.changedAt);
    this.changedAt = undefined;
    const delay = new BlockWatch('receive');
    // The live snapshot has no passage index to share (no search yet): the worker sends one.
    const passages = passagesAnyway || !this.snapshot.hasPassageIndex();
    const live = { hash: this.snapshot.data?.hash, documents: this.snapshot.documentsInOrder() };
    const loaded: OffthreadLoad = await this.worker.load(this.dataDir, true, passages, live);
    const validated = performance.now();
    const timings = (built: number, prepared: number): ReloadTimings => ({
      parses: loaded.parses,
      reads: loaded.reads,
      validateMs: Math.round(loaded.workerMs),
      buildMs: Math.round(built - validated),
      prepareMs: Math.round(prepared - built),
      totalMs: Math.round(prepared - started),
      waitMs,
    });
    // The data is what is served already (an edit undone, a touch): nothing to build. Compared
    // by the data binding's hash, which a snapshot file built before the version was derived
    // from it records the same way.
    if (loaded.same) return { same: true, problems: [], timings: timings(validated, validated), delay };
    if (loaded.documentsMismatch && !passagesAnyway) {
      // The worker took the live snapshot's documents for its own, and they are not: ask for them.
      delay.stop();
      return this.prepare(true);
    }
    if (!loaded.input) return { problems: loaded.problems, timings: timings(validated, validated), delay };
    if (loaded.input.version === this.snapshot.version) {
      return { same: true, problems: [], timings: timings(validated, validated), delay };
    }
    await delay.phase('build');
    const snapshot = await buildSnapshotInSlices(loaded.input, this.sliceMs, loaded.indexes);
    await delay.phase('passages');
    // Same documents as the live snapshot: its passage text index serves the new one too.
    const shared = await runInSlices(snapshot.sharePassagesSteps(this.snapshot), this.sliceMs);
    if (!shared && loaded.indexes && !loaded.indexes.passages) {
      // The worker left it out (the documents are its previous load's) but the live snapshot's
      // are other documents (a reload that was not taken changed them): ask for it after all.
      delay.stop();
      return this.prepare(true);
    }
    await delay.phase('search');
    // Built in the worker; loaded here in slices (MiniSearch's loadJSAsync), as serve does at start.
    await snapshot.loadSearch();
    await delay.phase('judge');
    const built = performance.now();
    await this.options.beforeSwap?.(snapshot);
    return {
      snapshot,
      problems: [],
      timings: { ...timings(built, built), passagesShared: shared },
      delay,
      lossBound: loaded.lossBound,
    };
  }

  private get sliceMs(): number | undefined {
    return this.options.sliceMs;
  }

  private async decide(candidate: Candidate, acceptLoss: boolean): Promise<ReloadOutcome> {
    const { snapshot, problems } = candidate;
    const at = new Date().toISOString();
    let outcome: ReloadOutcome;
    if (candidate.same) {
      this.lastProblems = [];
      this.notTaken = undefined;
      outcome = { ok: true, version: this.snapshot.version, problems: [] };
    } else if (!snapshot) {
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
      await candidate.delay?.phase('loss');
      // The worker's bound says no file can lose enough to be held: no tally of every live record
      // (at 100k, 600k records decoded on this thread).
      const cannotLose = candidate.lossBound?.every(
        (b) =>
          !tooMuch(b.entities.removed, b.entities.of, this.guard) &&
          !tooMuch(b.relations.removed, b.relations.of, this.guard),
      );
      const losses =
        acceptLoss || cannotLose ? [] : await runInSlices(lossTally(this.snapshot, snapshot, this.guard), this.sliceMs);
      if (losses.length > 0) {
        this.lastProblems = [];
        this.notTaken = { at, version: snapshot.version, reason: heldReason(losses, this.guard), losses };
        outcome = { ok: false, version: this.snapshot.version, problems: [], heldBack: this.notTaken };
      } else {
        // Ready before it is served, as at start-up: no first query pays for the adjacency or
        // the timeline's index. Built in slices; the adjacency patched from the live one's.
        await candidate.delay?.phase('traversal');
        const preparing = performance.now();
        await runInSlices(prepareTraversalSteps(snapshot, this.snapshot), this.sliceMs);
        const traversalMs = Math.round(performance.now() - preparing);
        snapshot.prepareSearch(); // loaded already, unless the worker sent no indexes
        const prepareMs = Math.round(performance.now() - preparing);
        this.options.onTimings?.({
          ...candidate.timings,
          prepareMs,
          traversalMs,
          totalMs: candidate.timings.totalMs + prepareMs,
          ...candidate.delay?.stop(),
        });
        this.snapshot = snapshot;
        this.origin = `reload of ${this.dataDir}${acceptLoss ? ' (loss accepted by the operator)' : ''}`;
        this.lastProblems = [];
        this.notTaken = undefined;
        outcome = { ok: true, version: snapshot.version, problems: [] };
      }
    }
    if (!outcome.ok || candidate.same) this.options.onTimings?.({ ...candidate.timings, ...candidate.delay?.stop() });
    this.onReload(outcome);
    return outcome;
  }

  /** Reloads once changes have stopped (editors and copies write files in several steps). */
  watch(): () => void {
    this.watcher = watch(this.dataDir, { recursive: true }, () => this.changed());
    // The live snapshot may come from a snapshot file: the worker reads the data once now, so
    // the first edit is already incremental (a reload before this ends waits for it).
    this.worker.load(this.dataDir, false).then(
      (warm) =>
        this.options.onTimings?.({
          parses: warm.parses,
          reads: warm.reads,
          validateMs: Math.round(warm.workerMs),
          buildMs: 0,
          prepareMs: 0,
          totalMs: Math.round(warm.workerMs),
          warmUp: true,
        }),
      () => {},
    );
    return () => this.close();
  }

  /** When the first change event of the reload to come was seen. */
  private changedAt?: number;

  private changed(): void {
    if (this.closed) return;
    this.changedAt ??= performance.now();
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
        if (this.closed) return;
        let before = await this.worker.signature(this.dataDir);
        for (;;) {
          await sleep(this.guard.settleMs);
          if (this.closed) return;
          const now = await this.worker.signature(this.dataDir);
          if (now === before) break;
          before = now;
        }
        if (before === this.lastRead) return;
        let result: Candidate;
        try {
          result = await this.prepare();
        } catch (err) {
          // A worker that died is not bad data: keep serving, say why, try again on the next change.
          this.lastProblems = [`reload failed: ${(err as Error).message}`];
          this.notTaken = { at: new Date().toISOString(), reason: 'the reload failed (see problems)' };
          this.onReload({ ok: false, version: this.snapshot.version, problems: this.lastProblems });
          return;
        }
        if (this.closed) return;
        // Read while a file was still being written: what was read may be any mix; read again.
        if ((await this.worker.signature(this.dataDir)) !== before) {
          result.delay?.stop();
          continue;
        }
        this.lastRead = before;
        await this.decide(result, false);
        return;
      }
    } catch (err) {
      // The signature is taken in the worker too: one that died (or was closed) is no reload.
      if (this.closed) return;
      this.lastProblems = [`reload failed: ${(err as Error).message}`];
      this.notTaken = { at: new Date().toISOString(), reason: 'the reload failed (see problems)' };
      this.onReload({ ok: false, version: this.snapshot.version, problems: this.lastProblems });
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
    this.worker.close();
  }
}

/** A reload's candidate: a new snapshot, the problems that stop one, or "what is live already". */
interface Candidate {
  readonly snapshot?: Snapshot;
  readonly same?: boolean;
  readonly problems: readonly DataProblem[];
  readonly timings: ReloadTimings;
  /** The event loop's delay since the reload started (see ReloadTimings.longestBlockMs). */
  readonly delay?: BlockWatch;
  /** From the worker: what each changed file can lose at most (absent: unknown). */
  readonly lossBound?: readonly FileLossBound[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The files that would lose more than the guard allows: records of the live snapshot that
 * the candidate no longer has anywhere (a record moved to another file is not lost).
 */
export function lossesBeyond(live: Snapshot, candidate: Snapshot, guard: ReloadGuard): FileLoss[] {
  const tally = lossTally(live, candidate, guard);
  for (;;) {
    const step = tally.next();
    if (step.done) return step.value;
  }
}

/** lossesBeyond in steps (one per 1,000 records), for a reload that runs in slices. */
function* lossTally(live: Snapshot, candidate: Snapshot, guard: ReloadGuard): Generator<void, FileLoss[]> {
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
  let n = 0;
  for (const e of live.entities()) {
    tally(e.file, 'entities', candidate.getEntity(e.id) === undefined);
    if (++n % 1_000 === 0) yield;
  }
  for (const { edge: id, attributes: r } of live.graph.edgeEntries()) {
    if (r.type !== 'MENTIONS') tally(r.file, 'relations', !candidate.graph.hasEdge(id));
    if (++n % 1_000 === 0) yield;
  }
  const beyond = ({ lost, of }: { lost: number; of: number }) => tooMuch(lost, of, guard);
  return [...perFile]
    .filter(([, t]) => beyond(t.entities) || beyond(t.relations))
    .map(([file, t]) => ({ file, ...t }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** More than the guard lets one file lose. */
function tooMuch(lost: number, of: number, guard: ReloadGuard): boolean {
  return guard.maxLossPercent < 100 && lost >= guard.minLoss && lost * 100 > of * guard.maxLossPercent;
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
