/**
 * How the kernel schedules a layout job's threads, read back from /proc so that a test (and a
 * benchmark) can check that the priority asked for is the one every thread got: the collector's
 * helper threads do as much work as the main thread in a 100k layout, and Linux keeps a
 * niceness and a policy per thread.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux scheduling policies by number (sched.h); SCHED_IDLE is 5. */
const POLICIES: Readonly<Record<number, string>> = { 0: 'normal', 1: 'fifo', 2: 'rr', 3: 'batch', 5: 'idle' };

export interface ThreadScheduling {
  /** Policy shared by every thread of this process ('mixed' if they differ, 'unknown' without /proc). */
  readonly policy: string;
  /** Lowest niceness among the threads (the most favoured one), or NaN without /proc. */
  readonly niceness: number;
  readonly threads: number;
}

/** Fields after the command name of a /proc stat line (the name may hold spaces and parentheses). */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The scheduling of every thread of this process (Linux; elsewhere 'unknown'). */
export function threadScheduling(): ThreadScheduling {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return { policy: 'unknown', niceness: Number.NaN, threads: 0 };
  }
  const policies = new Set<string>();
  let niceness = Number.POSITIVE_INFINITY;
  let threads = 0;
  for (const tid of tids) {
    let fields: string[];
    try {
      fields = statFields(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'));
    } catch {
      continue; // the thread ended while we listed them
    }
    // proc(5): field 19 is nice, field 41 policy; fields[0] is field 3.
    niceness = Math.min(niceness, Number(fields[16]));
    const policy = Number(fields[38]);
    policies.add(POLICIES[policy] ?? `policy ${policy}`);
    threads++;
  }
  const policy = policies.size === 1 ? [...policies][0] : 'mixed';
  return { policy: policy ?? 'unknown', niceness, threads };
}
