/**
 * Where `reform-graph build` spends its CPU and memory, phase by phase (the phases its own
 * progress lines name), with a CPU profile cut at the phase boundaries: per phase, CPU seconds
 * (process.cpuUsage), main-thread GC pauses, RSS and heap at its end, peak RSS so far, and the functions with the most
 * self time in it. Variants are built one after the other, each in its own process, so two
 * versions of the code are compared in one run (ratios side by side).
 *
 *   node --import tsx bench/build-phases.mts --data CORPUS [--top 6] [--search-index] \
 *     base=/tmp/s26b/dist-base new=dist
 *
 * A variant is NAME=DIR where DIR is a built `dist/` (its cli/build.js is imported). Knowledge
 * files are parsed on the build's own thread (`--workers 0`), so the profile sees all the work;
 * `--workers N` parses on N threads instead (their CPU counts, their samples do not).
 * Profile samples are wall-clock: on a loaded machine a phase's share of samples is what to
 * read, its CPU seconds come from process.cpuUsage.
 */
import { execFileSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    out: { type: 'string', default: '/tmp/build-phases.snapshot' },
    top: { type: 'string', default: '6' },
    workers: { type: 'string', default: '0' },
    'search-index': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

interface Phase {
  name: string;
  wallS: number;
  cpuS: number;
  /** Main-thread GC pauses (PerformanceObserver 'gc' entries) that started in the phase. */
  gcS: number;
  rssMb: number;
  heapMb: number;
  peakRssMb: number;
  top: [string, number][];
}
interface Result {
  phases: Phase[];
  cpuS: number;
  wallS: number;
  peakRssMb: number;
  load: string;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

async function child(dist: string): Promise<void> {
  const { runBuild } = (await import(resolve(dist, 'cli/build.js'))) as typeof import('../src/cli/build.js');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  const marks: { name: string; at: number; wall: number; cpu: number; rss: number; heap: number; peak: number }[] = [];
  const mark = (name: string) => {
    const m = process.memoryUsage();
    marks.push({
      name,
      at: Number(process.hrtime.bigint() / 1000n),
      wall: performance.now(),
      cpu: cpuNow(),
      rss: m.rss,
      heap: m.heapUsed,
      peak: process.resourceUsage().maxRSS * 1024,
    });
  };
  const pauses: { start: number; duration: number }[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, duration: e.duration });
  });
  gc.observe({ entryTypes: ['gc'] });
  mark('start');
  let current = 'start';
  // The progress bars' lines ("build: check relations 40% ..."; "build 0% write" opens the
  // write) mark the phases: the same boundaries as a real build's log, in every version.
  const progress = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split(/[\r\n]+/)) {
          const m = /^build(?:: (.+?))? \d+%(?: (\S+))?/.exec(line.trim());
          if (!m) continue;
          const name = m[1] ?? (m[2] === 'write' ? 'write: frames before the records' : undefined);
          if (name && name !== current) {
            mark(current);
            current = name;
          }
        }
        done();
      },
    }),
    { isTTY: false },
  );
  const started = cpuNow();
  const wallStarted = performance.now();
  const code = await runBuild(
    {
      dataDir: values.data as string,
      out: values.out as string,
      progress,
      workers: values.workers === 'auto' ? 'auto' : Number(values.workers),
      searchIndexes: values['search-index'],
    },
    () => {},
  );
  mark(current);
  if (code !== 0) throw new Error(`build failed (${code})`);
  const { profile } = await session.post('Profiler.stop');
  // GC entries are delivered on a later tick: let the last ones in.
  await new Promise((done) => setTimeout(done, 50));
  gc.disconnect();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const nodes = new Map((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
  // Samples per phase window, by function (self time).
  const windows = marks
    .slice(1)
    .map((m, i) => ({ from: (marks[i] as (typeof marks)[0]).at, to: m.at, fns: new Map<string, number>(), total: 0 }));
  let at = profile.startTime;
  samples.forEach((id: number, i: number) => {
    at += deltas[i] ?? 0;
    const w = windows.find((x) => at >= x.from && at < x.to);
    const node = nodes.get(id);
    if (!w || !node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      /\/(?:dist[^/]*|src)\/(.+)$/.exec(url)?.[1] ??
      (url || 'native');
    const fn = `${functionName || '(anonymous)'} (${file}${url ? `:${lineNumber + 1}` : ''})`;
    w.fns.set(fn, (w.fns.get(fn) ?? 0) + 1);
    w.total++;
  });
  const top = Number(values.top);
  const phases: Phase[] = marks.slice(1).map((m, i) => {
    const prev = marks[i] as (typeof marks)[0];
    const w = windows[i] as (typeof windows)[0];
    return {
      name: m.name,
      wallS: (m.wall - prev.wall) / 1000,
      cpuS: m.cpu - prev.cpu,
      gcS:
        pauses.filter((g) => g.start >= prev.wall && g.start < m.wall).reduce((sum, g) => sum + g.duration, 0) / 1000,
      rssMb: mb(m.rss),
      heapMb: mb(m.heap),
      peakRssMb: mb(m.peak),
      top: [...w.fns]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([f, n]) => [f, w.total > 0 ? n / w.total : 0]),
    };
  });
  const result: Result = {
    phases: phases.filter((p) => p.name !== 'start' || p.cpuS > 0.05),
    cpuS: cpuNow() - started,
    wallS: (performance.now() - wallStarted) / 1000,
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    load: loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (values.child) {
  await child(values.child);
} else {
  if (!values.data || positionals.length === 0) {
    throw new Error('usage: build-phases.mts --data CORPUS NAME=DIST ... (see the header)');
  }
  const results: [string, Result][] = [];
  for (const variant of positionals) {
    const [name, dist] = variant.split('=') as [string, string];
    const args = [
      '--expose-gc',
      '--import',
      'tsx',
      new URL(import.meta.url).pathname,
      '--child',
      dist,
      '--data',
      values.data,
      '--out',
      values.out as string,
      '--top',
      values.top as string,
      '--workers',
      values.workers as string,
      ...(values['search-index'] ? ['--search-index'] : []),
    ];
    const out = execFileSync(process.execPath, args, {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const result = JSON.parse(out.trim().split('\n').pop() as string) as Result;
    results.push([name, result]);
    const sha = execFileSync('sha256sum', [values.out as string], { encoding: 'utf8' }).split(' ')[0];
    console.log(
      `\n### ${name} (${dist}): ${result.cpuS.toFixed(1)} s CPU, ${result.wallS.toFixed(1)} s wall, peak RSS ${result.peakRssMb} MB, load ${result.load}, sha256 ${sha}\n`,
    );
    console.log(
      "| phase | CPU (s) | main-thread GC (s) | wall (s) | RSS at end (MB) | heap at end (MB) | peak RSS so far (MB) | top self time (share of the phase's samples) |",
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const p of result.phases) {
      const top = p.top.map(([f, s]) => `${f.replaceAll('|', '\\|')} ${(100 * s).toFixed(0)}%`).join('; ');
      console.log(
        `| ${p.name} | ${p.cpuS.toFixed(1)} | ${(p.gcS ?? 0).toFixed(1)} | ${p.wallS.toFixed(1)} | ${p.rssMb} | ${p.heapMb} | ${p.peakRssMb} | ${top} |`,
      );
    }
  }
  if (results.length > 1) {
    const names = results.map(([n]) => n);
    console.log(`\n### CPU seconds per phase, side by side\n`);
    console.log(
      `| phase | ${names.join(' | ')} | ${names
        .slice(1)
        .map((n) => `${names[0]} / ${n}`)
        .join(' | ')} |`,
    );
    console.log(
      `| --- | ${names.map(() => '---:').join(' | ')} | ${names
        .slice(1)
        .map(() => '---:')
        .join(' | ')} |`,
    );
    const phaseNames = [...new Set(results.flatMap(([, r]) => r.phases.map((p) => p.name)))];
    const cpuOf = (r: Result, phase: string) => r.phases.find((p) => p.name === phase)?.cpuS;
    for (const phase of [...phaseNames, 'total']) {
      const cells = results.map(([, r]) => (phase === 'total' ? r.cpuS : cpuOf(r, phase)));
      const base = cells[0];
      console.log(
        `| ${phase} | ${cells.map((c) => (c === undefined ? '-' : c.toFixed(1))).join(' | ')} | ${cells
          .slice(1)
          .map((c) => (c && base !== undefined ? `${(base / c).toFixed(1)}x` : '-'))
          .join(' | ')} |`,
      );
    }
    console.log(
      `| peak RSS (MB) | ${results.map(([, r]) => r.peakRssMb).join(' | ')} | ${results
        .slice(1)
        .map(([, r]) => `${((results[0]?.[1].peakRssMb ?? 0) / r.peakRssMb).toFixed(2)}x`)
        .join(' | ')} |`,
    );
  }
}
