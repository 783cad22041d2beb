/**
 * Where a server held its event loop: reads a V8 CPU profile (`node --cpu-prof`, e.g. through
 * `bench/watch-reload.mts --node-args "--cpu-prof --cpu-prof-dir=DIR"`) and prints its longest
 * runs of samples without a return to the event loop (no `(idle)` sample between them), each
 * with the functions that were on the stack for most of it (inclusive) and those that ran
 * (self). The function that is on the stack for ~100% of a run is the one that blocked.
 *
 *   npx tsx bench/longest-block.mts PROFILE.cpuprofile [--runs 3] [--top 15] [--from S --to S] [--tasks]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    top: { type: 'string', default: '15' },
    /** Only runs that start in this window (seconds into the profile). */
    from: { type: 'string', default: '0' },
    to: { type: 'string', default: 'Infinity' },
    /**
     * Split runs into tasks: a run ends where the frame under the root (the task the event loop
     * ran: a timer, an I/O callback, a microtask drain) changes, not only at (idle). GC and
     * (program) samples count towards the task they interrupt. Under steady requests the loop
     * may never idle, and then only this tells one long task from many short ones.
     */
    tasks: { type: 'boolean', default: false },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: longest-block.mts PROFILE.cpuprofile');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
};
const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
const NOT_A_TASK = new Set(['(garbage collector)', '(program)', '(root)']);
/** The task a sample belongs to: the frame just under the root (undefined: GC, program). */
function taskOf(id: number): number | undefined {
  let node = id;
  for (;;) {
    const up = parent.get(node);
    if (up === undefined) return undefined;
    if (parent.get(up) === undefined) break;
    node = up;
  }
  return NOT_A_TASK.has(byId.get(node)?.callFrame.functionName ?? '') ? undefined : node;
}

// Sample i lasts until sample i+1: its duration is timeDeltas[i + 1].
interface Run {
  from: number;
  to: number;
  us: number;
  startUs: number;
}
const runs: Run[] = [];
let at = profile.startTime;
let open: Run | undefined;
let openTask: number | undefined;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  const lasts = profile.timeDeltas[i + 1] ?? 0;
  const sample = profile.samples[i] as number;
  if (isIdle(sample)) {
    if (open) runs.push(open);
    open = undefined;
    openTask = undefined;
    continue;
  }
  if (values.tasks) {
    const task = taskOf(sample);
    if (task !== undefined && openTask !== undefined && task !== openTask && open) {
      runs.push(open);
      open = undefined;
    }
    if (task !== undefined) openTask = task;
  }
  open ??= { from: i, to: i, us: 0, startUs: at - profile.startTime };
  open.to = i;
  open.us += lasts;
}
if (open) runs.push(open);
const window = (r: Run) => r.startUs >= Number(values.from) * 1e6 && r.startUs <= Number(values.to) * 1e6;
runs.splice(0, runs.length, ...runs.filter(window));
runs.sort((a, b) => b.us - a.us);

const top = Number(values.top);
const total = (profile.timeDeltas.reduce((a, b) => a + b, 0) / 1e6).toFixed(1);
console.log(`${file}: ${profile.samples.length} samples over ${total} s`);
for (const run of runs.slice(0, Number(values.runs))) {
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  for (let i = run.from; i <= run.to; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    let id: number | undefined = profile.samples[i] as number;
    const leaf = byId.get(id) as ProfileNode;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + us);
    const seen = new Set<string>();
    while (id !== undefined) {
      const name = label(byId.get(id) as ProfileNode);
      if (!seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
      id = parent.get(id);
    }
  }
  const table = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) =>
          `    ${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / run.us).toFixed(0).padStart(3)}%  ${name}`,
      )
      .join('\n');
  console.log(
    `\nrun of ${(run.us / 1000).toFixed(0)} ms without (idle), starting ${(run.startUs / 1e6).toFixed(1)} s into the profile`,
  );
  console.log(`  on the stack (inclusive):\n${table(inclusive)}`);
  console.log(`  running (self):\n${table(self)}`);
}
