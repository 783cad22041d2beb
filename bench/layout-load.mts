/**
 * Lookup latency while a whole-graph layout runs in a child process, against no layout, in
 * alternating windows of one run (A/B/C/A/B/C), because the machine is shared and a baseline
 * measured minutes apart says more about the neighbours than about the layout. Each window
 * reports the client's latency (autocannon, 100 req/s over 10 connections as in
 * `npm run bench`), the server's CPU per answer, its event-loop delay and GC pauses
 * (perf_hooks), the layout process's CPU time and scheduling (read back from /proc by the job),
 * and the server's event-loop delay during each phase of the job (load, layout, send).
 *
 *   npx tsx bench/layout-load.mts --snapshot FILE [--modes nice,idle] [--rounds 2]
 *     [--baseline-seconds 30] [--iterations N] [--layout-timeout S] [--prof DIR]
 *
 * Modes: `nice` is the layout process at nice 19 as an ordinary task (before), `idle` under
 * SCHED_IDLE as well (what `serve` does now). `--prof DIR` writes one profile of the server's
 * main thread per window there (window-N.cpuprofile, in the order of the table).
 * `--iterations N` overrides ForceAtlas2's iteration count (a shorter layout on a busy machine);
 * `--layout-timeout S` stops a layout after S seconds (on a machine that is never idle a
 * SCHED_IDLE layout hardly runs) and reports the phase it had reached.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startServer } from './child.js';
import { type LoadResult, runLoad, startLoad } from './load.js';
import type { ChildMessage, LoopFigures } from './protocol.js';

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    modes: { type: 'string', default: 'nice,idle' },
    rounds: { type: 'string', default: '2' },
    'baseline-seconds': { type: 'string', default: '30' },
    rate: { type: 'string', default: '100' },
    connections: { type: 'string', default: '10' },
    prof: { type: 'string' },
    iterations: { type: 'string' },
    'layout-timeout': { type: 'string' },
  },
});
if (!values.snapshot) throw new Error('--snapshot FILE is required');
const modes = (values.modes ?? '').split(',').filter(Boolean);
for (const m of modes) if (m !== 'nice' && m !== 'idle') throw new Error(`unknown mode ${m} (nice, idle)`);
const rounds = Number(values.rounds);
const baselineSeconds = Number(values['baseline-seconds']);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Waits until the machine has room for a second 100k process (the layout's), as GUIDE.md asks. */
async function waitForMemory(minMb = 6000): Promise<void> {
  for (;;) {
    const m = /MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'));
    const mb = m ? Number(m[1]) / 1024 : Number.POSITIVE_INFINITY;
    if (mb >= minMb) return;
    log(`  MemAvailable ${Math.round(mb)} MB < ${minMb}: waiting 60 s`);
    await new Promise((r) => setTimeout(r, 60_000));
  }
}

interface Window {
  readonly label: string;
  readonly result: LoadResult;
  readonly cpuUsPerAnswer: number;
  readonly loop: LoopFigures;
  readonly childCpuS: number;
  readonly os?: Extract<ChildMessage, { type: 'gc' }>['os'];
  readonly load: readonly [number, number];
  readonly layout?: Extract<ChildMessage, { type: 'layout-done' }>;
}

// The server profiles each window itself (start-up would dominate a whole-process --cpu-prof).
if (values.prof) process.env.BENCH_WINDOW_PROF = values.prof;
const server = await startServer('yoga-jit-fast', values.snapshot, 0);
const windows: Window[] = [];
try {
  const common = {
    port: server.port,
    workload: 'lookup' as const,
    ids: server.ids,
    connections: Number(values.connections),
    rate: Number(values.rate),
  };
  await runLoad({ ...common, seconds: 5 });

  const measure = async (label: string, body: () => Promise<Window['layout']>): Promise<void> => {
    await waitForMemory();
    const loadBefore = loadavg()[0] ?? 0;
    server.notify({ type: 'gc-start' });
    const load = startLoad({ ...common, seconds: 3600, timeoutS: 600 });
    const layout = await body();
    load.instance.stop();
    const result = await load.done;
    const gc = await server.request({ type: 'gc-stop' }, 'gc');
    if (gc.type !== 'gc' || !gc.loop) throw new Error('no figures from the server');
    const answered = Math.max(result.requests - result.failures, 1);
    const w: Window = {
      label,
      result,
      cpuUsPerAnswer: (gc.cpuMs * 1000) / answered,
      loop: gc.loop,
      childCpuS: (gc.childCpuMs ?? Number.NaN) / 1000,
      os: gc.os,
      load: [loadBefore, loadavg()[0] ?? 0],
      layout,
    };
    windows.push(w);
    log(`  ${label}: p50 ${result.p50} ms, p99 ${result.p99} ms, loop delay p99 ${w.loop.delayP99.toFixed(1)} ms`);
  };

  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}: no layout for ${baselineSeconds} s`);
    await measure(`${round}: no layout`, async () => {
      await new Promise((r) => setTimeout(r, baselineSeconds * 1000));
      return undefined;
    });
    for (const mode of modes) {
      log(`round ${round}: layout (${mode})`);
      await measure(`${round}: layout, ${mode === 'idle' ? 'SCHED_IDLE + nice 19' : 'nice 19'}`, async () => {
        const done = await server.request(
          {
            type: 'layout',
            mode: 'process',
            idle: mode === 'idle',
            iterations: values.iterations ? Number(values.iterations) : undefined,
            timeoutMs: values['layout-timeout'] ? Number(values['layout-timeout']) * 1000 : undefined,
          },
          'layout-done',
        );
        if (done.type !== 'layout-done') throw new Error(`layout failed: ${JSON.stringify(done)}`);
        // Let the queue drain, as bench/run.mts does.
        await new Promise((r) => setTimeout(r, 2000));
        return done;
      });
    }
  }
} finally {
  await server.stop();
}

const f1 = (n: number) => n.toFixed(1);
const lines = [
  `100k lookups at ${values.rate} req/s over ${values.connections} connections, windows in the order run:`,
  '',
  '| window | s | answers | p50 (ms) | p99 (ms) | max (ms) | server CPU per answer (µs) | loop delay p99 / max (ms) | GC: count, total, max pause (ms) | layout CPU (s) | layout | load avg 1 min |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ...windows.map((w) =>
    [
      '',
      w.label,
      f1(w.loop.wallMs / 1000),
      w.result.requests - w.result.failures,
      w.result.p50,
      w.result.p99,
      w.result.max,
      Math.round(w.cpuUsPerAnswer),
      `${f1(w.loop.delayP99)} / ${f1(w.loop.delayMax)}`,
      `${w.loop.gcCount}, ${f1(w.loop.gcMs)}, ${f1(w.loop.gcMaxMs)}`,
      w.layout ? f1(w.childCpuS) : '–',
      !w.layout
        ? '–'
        : `${w.layout.aborted ? `stopped in ${w.layout.phase}` : `done, ${w.layout.job?.policy}, nice ${w.layout.job?.niceness}`}; fork ${f1(w.layout.startMs ?? Number.NaN)} ms`,
      `${w.load[0].toFixed(2)} → ${w.load[1].toFixed(2)}`,
      '',
    ]
      .join(' | ')
      .trim(),
  ),
  '',
  'The server\'s main thread and the machine over each window (Linux /proc; pressure is PSI\'s "some" stall time):',
  '',
  '| window | main thread waiting for a core (s) | share of the window | major faults | CPU pressure (s) | memory pressure (s) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...windows.map(
    (w) =>
      `| ${w.label} | ${f1((w.os?.runqueueMs ?? Number.NaN) / 1000)} | ${(((w.os?.runqueueMs ?? Number.NaN) / w.loop.wallMs) * 100).toFixed(1)}% | ` +
      `${w.os?.majorFaults} | ${f1((w.os?.cpuPressureMs ?? Number.NaN) / 1000)} | ${f1((w.os?.memoryPressureMs ?? Number.NaN) / 1000)} |`,
  ),
  '',
  'The server during each phase of the layout job (its event loop, not the client):',
  '',
  '| window | phase | phase (s) | loop delay p50 / p99 / max (ms) | GC count, max pause (ms) |',
  '| --- | --- | ---: | ---: | ---: |',
];
for (const w of windows) {
  for (const [phase, l] of Object.entries(w.layout?.loop ?? {})) {
    lines.push(
      `| ${w.label} | ${phase} | ${f1(l.wallMs / 1000)} | ` +
        `${f1(l.delayP50)} / ${f1(l.delayP99)} / ${f1(l.delayMax)} | ${l.gcCount}, ${f1(l.gcMaxMs)} |`,
    );
  }
}
console.log(lines.join('\n'));
