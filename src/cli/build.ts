/**
 * `reform-graph build [--data DIR] [--out FILE]`: validate graph-data once and write a
 * snapshot file, so `serve` starts from it without re-reading and re-validating the YAML.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { validateGraphData } from '../graph/load.js';
import type { Snapshot } from '../graph/snapshot.js';
import { readSnapshotFile, writeSnapshotFile } from '../graph/snapshot-file.js';
import { DataValidationError, formatProblem } from '../model/errors.js';
import { loadProgress, phaseProgress } from './progress.js';

export const DEFAULT_SNAPSHOT_FILE = 'graph-data.snapshot';

export interface BuildArgs {
  readonly dataDir: string;
  readonly out: string;
  /** Where to draw a progress bar (the CLI passes stderr); none when omitted. */
  readonly progress?: Writable & { isTTY?: boolean };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Exit code: 0 written, 1 bad data. */
export function runBuild(args: BuildArgs, log: (line: string) => void = console.error): number {
  const started = performance.now();
  // Validation of a big corpus takes minutes (half an hour at 1M): the bars show each of its
  // phases with counts, as `validate` does, then the write.
  const loading = args.progress ? loadProgress(args.progress, 'build') : undefined;
  const { snapshot, problems } = validateGraphData(args.dataDir, { onProgress: loading?.onProgress });
  loading?.done();
  const validated = performance.now();
  if (!snapshot) {
    for (const p of problems) log(formatProblem(p));
    log(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${args.dataDir}: no snapshot written`);
    return 1;
  }
  const progress = args.progress ? phaseProgress(args.progress, 'build', ['write']) : undefined;
  progress?.onPhase('write');
  const size = writeSnapshotFile(snapshot, args.out);
  const written = performance.now();
  progress?.done();
  log(
    `built ${args.out}: ${snapshot.entities().length} entities, ${snapshot.graph.size} relations, ${mb(size)}, ` +
      `snapshot ${snapshot.version} (validate ${Math.round(validated - started)} ms, write ${Math.round(written - validated)} ms)`,
  );
  return 0;
}

/** The newest mtime of anything under dir, directories included (a deleted file changes its folder's). */
export function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export interface PreferredLoad {
  readonly snapshot: Snapshot;
  /** Where it came from, and why: for the serve log line. */
  readonly from: 'snapshot' | 'data';
  readonly reason: string;
}

/**
 * The snapshot file when it is newer than every file under dataDir, else graph-data loaded
 * and validated (throws DataValidationError on bad data). An unreadable snapshot file (old
 * format, corrupted) falls back to the data too: the file is a cache, never the truth.
 */
export function loadPreferringSnapshot(dataDir: string, snapshotPath: string): PreferredLoad {
  const fromData = (reason: string): PreferredLoad => {
    const { snapshot, problems } = validateGraphData(dataDir);
    if (!snapshot) throw new DataValidationError(problems);
    return { snapshot, from: 'data', reason };
  };
  if (!existsSync(snapshotPath)) return fromData(`no snapshot file ${snapshotPath}`);
  const fileTime = statSync(snapshotPath).mtimeMs;
  if (existsSync(dataDir) && newestMtime(dataDir) >= fileTime) {
    return fromData(`${snapshotPath} is older than ${dataDir}`);
  }
  try {
    return { snapshot: readSnapshotFile(snapshotPath), from: 'snapshot', reason: `${snapshotPath} is up to date` };
  } catch (err) {
    return fromData(`${(err as Error).message}; loaded ${dataDir} instead`);
  }
}
