/**
 * Progress for long jobs that report phases, not fractions (a layout: load, ForceAtlas2,
 * send). ForceAtlas2 runs as one synchronous call, so there is no honest percentage inside
 * it; the bar moves per phase and a timer redraws the elapsed seconds so it visibly lives.
 * Uses ProgressBar from generate.ts (TTY: redraw in place; logs: one line per step).
 * A load (validate) reports counts, so it gets a plain bar per phase instead.
 */
import type { Writable } from 'node:stream';
import type { LoadProgress } from '../graph/load.js';
import type { WriteProgress } from '../graph/snapshot-file.js';
import { ProgressBar } from './generate.js';

export { ProgressBar };

export interface PhaseProgress<P extends string> {
  /** Pass as `onPhase` (e.g. to layoutInWorker). */
  readonly onPhase: (phase: P) => void;
  readonly done: () => void;
}

export function phaseProgress<P extends string>(
  stream: Writable & { isTTY?: boolean },
  label: string,
  phases: readonly P[],
): PhaseProgress<P> {
  const bar = new ProgressBar(stream, label);
  const started = performance.now();
  let current: P | undefined;
  const draw = () => {
    const index = current === undefined ? 0 : phases.indexOf(current);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    bar.update(index, phases.length, `${current ?? ''} ${seconds} s`);
  };
  // Only a terminal gets the ticking redraw; logs would fill with one line per second.
  const timer = stream.isTTY ? setInterval(draw, 1000) : undefined;
  timer?.unref();
  return {
    onPhase: (phase) => {
      current = phase;
      draw();
    },
    done: () => {
      if (timer) clearInterval(timer);
      bar.update(phases.length, phases.length, `${((performance.now() - started) / 1000).toFixed(1)} s`);
      bar.done();
    },
  };
}

/**
 * Corpora from which a load draws progress: this many document manifests or knowledge files,
 * or records to check. Smaller ones load in seconds and print nothing, as before.
 */
const LOAD_PROGRESS_MIN_FILES = 100;
const LOAD_PROGRESS_MIN_RECORDS = 10_000;

const LOAD_PHASE_LABELS: Readonly<Record<LoadProgress['phase'], string>> = {
  documents: 'read documents',
  read: 'read knowledge',
  entities: 'check entities',
  relations: 'check relations',
  snapshot: 'build graph',
};

export interface LoadProgressBar {
  /** Pass as `onProgress` to validateGraphData. */
  readonly onProgress: (progress: LoadProgress) => void;
  readonly done: () => void;
}

/**
 * One ProgressBar per load phase, drawn only once a phase is big enough (and from then on):
 * a big corpus takes minutes to validate, and most of it in reading the knowledge files.
 */
export function loadProgress(stream: Writable & { isTTY?: boolean }, label: string): LoadProgressBar {
  const started = performance.now();
  let shown = false;
  let phase: LoadProgress['phase'] | undefined;
  let bar: ProgressBar | undefined;
  return {
    onProgress: (p) => {
      const files = p.phase === 'documents' || p.phase === 'read';
      shown ||= p.total >= (files ? LOAD_PROGRESS_MIN_FILES : LOAD_PROGRESS_MIN_RECORDS);
      if (!shown) return;
      if (p.phase !== phase || !bar) {
        bar?.done();
        bar = new ProgressBar(stream, `${label}: ${LOAD_PHASE_LABELS[p.phase]}`);
        phase = p.phase;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const count = p.phase === 'snapshot' ? '' : `${p.done}/${p.total} ${files ? 'files' : p.phase} `;
      bar.update(p.done, p.total, `${count}${seconds} s`);
    },
    done: () => {
      bar?.done();
      bar = undefined;
    },
  };
}

const WRITE_PHASE_LABELS: Readonly<Record<WriteProgress['phase'], [label: string, unit: string]>> = {
  records: ['write records', 'entities and relations'],
  'relation order': ['sort relation ids', 'sort'],
  'entity index': ['index entities', 'entities'],
  'passage index': ['index passages', 'documents'],
  terms: ['write index terms', 'terms'],
};

export interface WriteProgressBar {
  /** Pass as `onProgress` to writeSnapshotFile. */
  readonly onProgress: (progress: WriteProgress) => void;
  readonly done: () => void;
}

/**
 * The write of a snapshot file: one "write" phase as before, and for a corpus big enough to
 * draw load progress (its records) a bar per step inside it with counts, as a load has. At a
 * million entities the write takes many minutes, most of them building the search indexes.
 */
export function writeProgress(stream: Writable & { isTTY?: boolean }, label: string): WriteProgressBar {
  const phases = phaseProgress(stream, label, ['write']);
  phases.onPhase('write');
  const started = performance.now();
  let shown: boolean | undefined;
  let phase: WriteProgress['phase'] | undefined;
  let bar: ProgressBar | undefined;
  return {
    onProgress: (p) => {
      // Decided on the first report, the records': the later phases count other things.
      shown ??= p.total >= LOAD_PROGRESS_MIN_RECORDS;
      if (!shown) return;
      const [name, unit] = WRITE_PHASE_LABELS[p.phase];
      if (p.phase !== phase || !bar) {
        bar?.done();
        bar = new ProgressBar(stream, `${label}: ${name}`);
        phase = p.phase;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const count = p.phase === 'relation order' ? '' : `${p.done}/${p.total} ${unit} `;
      bar.update(p.done, p.total, `${count}${seconds} s`);
    },
    done: () => {
      bar?.done();
      bar = undefined;
      phases.done();
    },
  };
}
