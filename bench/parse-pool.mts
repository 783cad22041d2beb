/**
 * The knowledge files' reading phase of `validate` with and without parse workers, by CPU
 * time per thread as well as wall time: on a shared machine wall time says little, but the
 * main thread's CPU bounds the phase on idle cores, and all threads' CPU is the work done.
 *
 *   npx tsx bench/parse-pool.mts CORPUS_DIR [--workers 0,2]
 *
 * Linux only (thread CPU times from /proc/self/task). Each setting runs in a fresh process.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type LoadProgress, validateGraphDataInParallel } from '../src/graph/load.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { workers: { type: 'string', default: '0,2' }, child: { type: 'string' } },
});
const [dir = ''] = positionals;

/** CPU seconds (user + system) of this process's main thread and of all its threads. */
function threadCpu(): { main: number; all: number } {
  let main = 0;
  let all = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const s = (Number(fields[11]) + Number(fields[12])) / 100;
    all += s;
    if (tid === String(process.pid)) main = s;
  }
  return { main, all };
}

if (values.child !== undefined) {
  const workers = Number(values.child);
  let readStart: { t: number; cpu: { main: number; all: number } } | undefined;
  let readEnd: { t: number; cpu: { main: number; all: number } } | undefined;
  // Worker threads are gone (with their CPU) once the pool closes: sample just before.
  let lastRead: { t: number; cpu: { main: number; all: number } } | undefined;
  const onProgress = (p: LoadProgress) => {
    if (p.phase === 'read' && p.done === 0 && !readStart) readStart = { t: performance.now(), cpu: threadCpu() };
    if (p.phase === 'read' && p.done > 0) lastRead = { t: performance.now(), cpu: threadCpu() };
    if (p.phase !== 'read' && readStart && !readEnd) readEnd = lastRead;
  };
  const t0 = performance.now();
  const { snapshot, problems } = await validateGraphDataInParallel(dir, { workers, onProgress });
  // getrusage: every thread's CPU, the exited workers' included.
  const usage = process.cpuUsage();
  if (!readStart || !readEnd) throw new Error('no read phase seen');
  console.log(
    JSON.stringify({
      workers,
      readWallS: (readEnd.t - readStart.t) / 1000,
      readMainCpuS: readEnd.cpu.main - readStart.cpu.main,
      readAllCpuS: readEnd.cpu.all - readStart.cpu.all,
      loadWallS: (performance.now() - t0) / 1000,
      loadCpuS: (usage.user + usage.system) / 1e6,
      version: snapshot?.version,
      problems: problems.length,
      loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    }),
  );
} else {
  const rows = [
    '| workers | read phase wall (s) | its main-thread CPU (s) | its CPU, all threads (s) | whole load wall (s) | whole load CPU (s) | snapshot | load average after |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const w of (values.workers ?? '').split(',')) {
    const res = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), dir, '--child', w], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const r = JSON.parse(res.stdout.trim().split('\n').at(-1) ?? '{}');
    const f = (x: number) => x.toFixed(1);
    rows.push(
      `| ${r.workers} | ${f(r.readWallS)} | ${f(r.readMainCpuS)} | ${f(r.readAllCpuS)} | ${f(r.loadWallS)} | ${f(r.loadCpuS)} | ${r.version} (${r.problems} problems) | ${r.loadavg} |`,
    );
    process.stderr.write(`${rows.at(-1)}\n`);
  }
  console.log(rows.join('\n'));
}
