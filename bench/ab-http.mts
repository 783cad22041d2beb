/**
 * Ours (`yoga-jit-fast`, what `serve` runs, response cache off) against mercurius + graphql-jit,
 * settled: both servers live in ONE process over one snapshot (bench/server.mts `--kind pair`),
 * and load windows alternate between them (ours, mercurius, ours, mercurius…). Each window
 * reports the loaded server's req/s and p99 and the process's CPU time (user + system, its
 * collector's threads included) per answer; the summary gives the median and the spread
 * (min-max) of each over the rounds, and the median of the per-round ratios.
 *
 * Why this shape: on 2 shared cores req/s follows whatever else runs (±20% from run to run),
 * while CPU per answer moves much less, and alternating puts both servers under the same
 * neighbours, window by window. One process instead of two also keeps a single 100k snapshot
 * in memory. Only one server is loaded in a window; the other idles (no timers of note).
 *
 *   npx tsx bench/ab-http.mts --snapshot FILE [--workloads lookup,twoHop] [--rounds 5] [--seconds 10] [--prof DIR]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startServer } from './child.js';
import { runLoad } from './load.js';
import { WORKLOADS, type Workload } from './operations.js';

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    workloads: { type: 'string', default: 'lookup,twoHop' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    /**
     * Seconds of quiet before each window: a saturated server still holds requests queued when
     * the load stops, and without this they would be answered (and counted) in the next window.
     */
    settle: { type: 'string', default: '2' },
    /** A label for this tree in the output (e.g. "before", "after"). */
    label: { type: 'string', default: 'ours' },
    /**
     * Run the pair under `--cpu-prof` into DIR (written when it exits); each window's line gives
     * its --from/--to for bench/cpuprofile-summary.mts. Profiling costs CPU, so figures rise.
     */
    prof: { type: 'string' },
  },
});
if (!values.snapshot) throw new Error('--snapshot FILE is required');
const workloads = (values.workloads ?? '').split(',') as Workload[];
for (const w of workloads) if (!(w in WORKLOADS)) throw new Error(`unknown workload ${w}`);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const SERVERS = ['yoga-jit-fast', 'mercurius'] as const;
type Side = (typeof SERVERS)[number];

interface Window {
  readonly rps: number;
  readonly p99: number;
  readonly cpuUsPerAnswer: number;
  readonly gcShare: number;
  readonly load1: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const spread = (xs: number[], digits = 0) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;
const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const server = await startServer(
  'pair',
  values.snapshot,
  0,
  values.prof ? ['--cpu-prof', `--cpu-prof-dir=${values.prof}`] : [],
);
const out: string[] = [];
const print = (line: string) => {
  out.push(line);
  console.log(line);
};
try {
  const portOf = (side: Side) => server.ports[side] as number;
  for (const workload of workloads) {
    const common = { workload, ids: server.ids, connections };
    // Both answer the same data for the same request (ours adds the snapshot version in extensions).
    const answers = await Promise.all(
      SERVERS.map(async (side) => {
        const response = await fetch(`http://127.0.0.1:${portOf(side)}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ ...WORKLOADS[workload], variables: { id: server.ids[7] } }),
        });
        return JSON.stringify(((await response.json()) as { data?: unknown }).data);
      }),
    );
    if (answers[0] !== answers[1]) throw new Error(`${workload}: the two servers' data differ`);
    for (const side of SERVERS) await runLoad({ ...common, port: portOf(side), seconds: Number(values.warmup) });

    const windows: Record<Side, Window[]> = { 'yoga-jit-fast': [], mercurius: [] };
    for (let round = 0; round < rounds; round++) {
      for (const side of SERVERS) {
        await new Promise((r) => setTimeout(r, Number(values.settle) * 1000));
        server.notify({ type: 'gc-start' });
        const r = await runLoad({ ...common, port: portOf(side), seconds });
        const meter = await server.request({ type: 'gc-stop' }, 'gc');
        if (meter.type !== 'gc') throw new Error('no CPU figures from the server');
        const answered = r.requests - r.failures;
        const w: Window = {
          rps: r.rps,
          p99: r.p99,
          cpuUsPerAnswer: (meter.cpuMs * 1000) / answered,
          gcShare: meter.gcMs / meter.cpuMs,
          load1: loadavg()[0] as number,
        };
        windows[side].push(w);
        console.error(
          `${workload} round ${round + 1} ${side}: ${fmt(w.rps)} req/s, p99 ${w.p99} ms, ` +
            `${fmt(w.cpuUsPerAnswer)} µs CPU/answer, GC ${(w.gcShare * 100).toFixed(1)}%, ` +
            `${r.failures} failures, load ${w.load1.toFixed(2)}; --from ${meter.fromUs} --to ${meter.toUs} --answers ${answered}`,
        );
      }
    }
    const ours = windows['yoga-jit-fast'];
    const merc = windows.mercurius;
    const rpsRatios = ours.map((w, i) => w.rps / (merc[i] as Window).rps);
    const cpuRatios = ours.map((w, i) => (merc[i] as Window).cpuUsPerAnswer / w.cpuUsPerAnswer);
    print('');
    print(
      `${workload}, ${rounds} rounds of ${seconds} s at ${connections} connections (${values.label}); ` +
        `load average 1 min ${spread(
          [...ours, ...merc].map((w) => w.load1),
          2,
        )}`,
    );
    print('');
    print(
      '| server | req/s median (min-max) | p99 ms median (min-max) | CPU µs per answer median (min-max) | GC share |',
    );
    print('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, ws] of [
      [`ours (${values.label})`, ours],
      ['mercurius + jit', merc],
    ] as const) {
      print(
        `| ${name} | ${fmt(median(ws.map((w) => w.rps)))} (${spread(ws.map((w) => w.rps))}) | ` +
          `${fmt(median(ws.map((w) => w.p99)))} (${spread(ws.map((w) => w.p99))}) | ` +
          `${fmt(median(ws.map((w) => w.cpuUsPerAnswer)))} (${spread(ws.map((w) => w.cpuUsPerAnswer))}) | ` +
          `${(median(ws.map((w) => w.gcShare)) * 100).toFixed(1)}% |`,
      );
    }
    print(
      `| ours × mercurius+jit | req/s ${median(rpsRatios).toFixed(2)}x (${spread(rpsRatios, 2)}) | | ` +
        `CPU ${median(cpuRatios).toFixed(2)}x (${spread(cpuRatios, 2)}) | |`,
    );
  }
} finally {
  await server.stop();
}
