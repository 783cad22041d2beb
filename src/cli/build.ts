/**
 * `reform-graph build [--data DIR] [--out FILE]`: validate graph-data once and write a
 * snapshot file, so `serve` starts from it without re-reading and re-validating the YAML.
 */
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { bindingMismatch } from '../graph/data-hash.js';
import { validateEncodedInParallel, validateGraphData } from '../graph/load.js';
import type { EncodedSnapshotInput, Snapshot } from '../graph/snapshot.js';
import {
  PRODUCER,
  readSnapshotFile,
  readSnapshotHeader,
  type SnapshotFileHeader,
  writeSnapshotFile,
} from '../graph/snapshot-file.js';
import { DataValidationError, formatProblem } from '../model/errors.js';
import { loadProgress, writeProgress } from './progress.js';

export const DEFAULT_SNAPSHOT_FILE = 'graph-data.snapshot';

export interface BuildArgs {
  readonly dataDir: string;
  readonly out: string;
  /** Where to draw a progress bar (the CLI passes stderr); none when omitted. */
  readonly progress?: Writable & { isTTY?: boolean };
  /** Threads parsing the knowledge files (see ParallelLoadOptions); on this thread when omitted. */
  readonly workers?: number | 'auto';
  /**
   * Write the full-text indexes (on unless false). Leaving them out makes a big build shorter
   * and lighter; `serve` then builds them from the records on the first search.
   */
  readonly searchIndexes?: boolean;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Exit code: 0 written, 1 bad data. */
export async function runBuild(args: BuildArgs, log: (line: string) => void = console.error): Promise<number> {
  const started = performance.now();
  // Validation of a big corpus takes minutes (half an hour at 1M): the bars show each of its
  // phases with counts, as `validate` does, then the write.
  const loading = args.progress ? loadProgress(args.progress, 'build') : undefined;
  // The encoded records, not a Snapshot: the file stores no graph, so none is built.
  const { input, problems } = await validateEncodedInParallel(args.dataDir, {
    onProgress: loading?.onProgress,
    workers: args.workers ?? 0,
  });
  loading?.done();
  const validated = performance.now();
  if (!input) {
    for (const p of problems) log(formatProblem(p));
    log(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${args.dataDir}: no snapshot written`);
    return 1;
  }
  const progress = args.progress ? writeProgress(args.progress, 'build') : undefined;
  const size = writeSnapshotFile(input, args.out, {
    searchIndexes: args.searchIndexes !== false,
    onProgress: progress?.onProgress,
  });
  const written = performance.now();
  progress?.done();
  log(
    `built ${args.out}: ${input.entities.length} entities, ${relationCount(input)} relations, ${mb(size)}, ` +
      `snapshot ${input.version}, data ${input.data?.hash.slice(0, 12)} (validate ${Math.round(validated - started)} ms, write ${Math.round(written - validated)} ms)`,
  );
  return 0;
}

/** Relations the graph of `input` has: the curated ones and a MENTIONS per cited document. */
function relationCount(input: EncodedSnapshotInput): number {
  return input.relations.curated + (input.entityDocuments.start[input.entities.length] ?? 0);
}

export interface PreferredLoad {
  readonly snapshot: Snapshot;
  /** Where it came from, and why: for the serve log line. */
  readonly from: 'snapshot' | 'data';
  readonly reason: string;
  /** True when a snapshot file exists but was not used: the log says why at warn level. */
  readonly rejected: boolean;
}

/**
 * The snapshot file when it was built from exactly the files now in dataDir (the content hash
 * in its header, see graph/data-hash.ts) by this version of reform-graph; else graph-data
 * loaded and validated (throws DataValidationError on bad data). A snapshot of other data, of
 * another version, or damaged (truncated, corrupted) is never served: the data is loaded
 * instead and `reason` says why. The file is a cache, never the truth.
 */
export function loadPreferringSnapshot(dataDir: string, snapshotPath: string): PreferredLoad {
  const fromData = (reason: string, rejected = true): PreferredLoad => {
    const { snapshot, problems } = validateGraphData(dataDir);
    if (!snapshot) throw new DataValidationError(problems);
    return { snapshot, from: 'data', reason, rejected };
  };
  if (!existsSync(snapshotPath)) return fromData(`no snapshot file ${snapshotPath}`, false);
  const notUsed = (why: string) =>
    `snapshot file ${snapshotPath} not used: ${why}; loading ${dataDir} instead (\`reform-graph build --data ${dataDir} --out ${snapshotPath}\` rebuilds it)`;
  let header: SnapshotFileHeader;
  try {
    header = readSnapshotHeader(snapshotPath);
  } catch (err) {
    return fromData(notUsed((err as Error).message));
  }
  if (header.producer !== PRODUCER) {
    return fromData(notUsed(`it was written by ${header.producer}, this is ${PRODUCER}`));
  }
  if (!header.data) return fromData(notUsed('it does not record which data it was built from'));
  const started = performance.now();
  const mismatch = bindingMismatch(dataDir, header.data);
  const checkedMs = Math.round(performance.now() - started);
  if (mismatch) return fromData(notUsed(`it is not a snapshot of ${dataDir}: ${mismatch}`));
  try {
    return {
      snapshot: readSnapshotFile(snapshotPath),
      from: 'snapshot',
      reason: `${snapshotPath} was built from the files now in ${dataDir} (data ${header.data.hash.slice(0, 12)}, ${header.data.files} files hashed in ${checkedMs} ms)`,
      rejected: false,
    };
  } catch (err) {
    return fromData(notUsed((err as Error).message));
  }
}
