/**
 * Progress for long jobs that report phases, not fractions (a layout: load, ForceAtlas2,
 * send). ForceAtlas2 runs as one synchronous call, so there is no honest percentage inside
 * it; the bar moves per phase and a timer redraws the elapsed seconds so it visibly lives.
 * Uses ProgressBar from generate.ts (TTY: redraw in place; logs: one line per step).
 */
import type { Writable } from 'node:stream';
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
