/**
 * How long a reload kept the event loop from answering requests, phase by phase: the
 * longest delay of the event loop (monitorEventLoopDelay, sampled every 5 ms) within each
 * phase, so the log says which step held it (issue 20, item 3: an 8.6 s block at 100k was
 * seen in the total and could not be placed).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export class BlockWatch {
  private readonly histogram = monitorEventLoopDelay({ resolution: 5 });
  private readonly phases: Record<string, number> = {};
  /** Wall time per phase: where the reload's time went, not only its longest hold. */
  private readonly durations: Record<string, number> = {};
  private phaseStart = performance.now();
  private current: string;
  private stopped = false;

  constructor(first: string) {
    this.current = first;
    this.histogram.enable();
  }

  /**
   * Ends the phase under way and starts `name`. Waits one timer turn first: a block is
   * recorded when the loop comes back after it, so without the wait the last block of a
   * phase would be counted in the next.
   */
  async phase(name: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 6));
    this.close();
    this.current = name;
  }

  /** Stops watching: the longest block of all (ms) and of each phase. */
  stop(): {
    longestBlockMs: number;
    blocksByPhase: Readonly<Record<string, number>>;
    msByPhase: Readonly<Record<string, number>>;
  } {
    if (!this.stopped) {
      this.close();
      this.histogram.disable();
      this.stopped = true;
    }
    return {
      longestBlockMs: Math.max(0, ...Object.values(this.phases)),
      blocksByPhase: { ...this.phases },
      msByPhase: { ...this.durations },
    };
  }

  private close(): void {
    // Recorded as the overshoot beyond the 5 ms resolution, in ns.
    const ms = this.histogram.count > 0 ? Math.round(this.histogram.max / 1e6) : 0;
    this.phases[this.current] = Math.max(this.phases[this.current] ?? 0, ms);
    this.histogram.reset();
    const now = performance.now();
    this.durations[this.current] = Math.round((this.durations[this.current] ?? 0) + now - this.phaseStart);
    this.phaseStart = now;
  }
}
