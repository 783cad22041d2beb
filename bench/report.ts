/** Markdown for the benchmark's results: one table per concern, figures rounded for reading. */
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { LoadResult } from './load.js';
import type { Workload } from './operations.js';
import type { LayoutMode, ServerKind } from './protocol.js';

export interface InProcessFigures {
  readonly nodes: number;
  readonly edges: number;
  readonly loadMs: number;
  readonly prepareMs: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly bytesPerElement: number;
  readonly latency: Readonly<Record<string, { readonly p50: number; readonly p99: number }>>;
  readonly fa2MsPerIteration: number;
  readonly fa2Iterations: number;
}

export interface HttpFigures extends LoadResult {
  readonly kind: ServerKind;
  readonly workload: Workload;
  /** GC pause time / process CPU time over the measured run, 0..1. */
  readonly gcShare: number;
  readonly sameAnswer: boolean;
}

export interface SizeFigures {
  readonly entities: number;
  readonly relations: number;
  readonly buildMs: number;
  readonly inProcess: InProcessFigures;
  readonly http: readonly HttpFigures[];
  readonly cluster: readonly { readonly workers: number; readonly result: LoadResult }[];
}

export interface LayoutLoadFigures {
  readonly entities: number;
  readonly rate: number;
  readonly connections: number;
  readonly baseline: LoadResult;
  readonly runs: readonly {
    readonly mode: LayoutMode;
    readonly layoutMs: number;
    readonly result: LoadResult;
  }[];
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${type()} ${release()}, Node ${process.version}, load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`;
}

function table(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i === 0 ? '---' : '---:'));
  return [head, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function sizeTable(sizes: readonly SizeFigures[]): string {
  return table(
    [
      'entities',
      'nodes',
      'edges',
      'build (ms)',
      'start-up: snapshot load (ms)',
      'traversal views (ms)',
      'RSS after start-up (MB)',
      'heap (MB)',
      'heap per element (B)',
      'FA2 per iteration (ms)',
      'FA2 iterations',
      'FA2 total (s, est.)',
    ],
    sizes.map((s) => {
      const p = s.inProcess;
      return [
        k(s.entities),
        f0(p.nodes),
        f0(p.edges),
        f0(s.buildMs),
        f0(p.loadMs),
        f0(p.prepareMs),
        f0(p.rssMb),
        f0(p.heapMb),
        f0(p.bytesPerElement),
        f0(p.fa2MsPerIteration),
        String(p.fa2Iterations),
        f1((p.fa2MsPerIteration * p.fa2Iterations) / 1000),
      ];
    }),
  );
}

export function latencyTable(sizes: readonly SizeFigures[]): string {
  const fields = Object.keys(sizes[0]?.inProcess.latency ?? {});
  return table(
    [
      'root field (yoga.fetch, in process)',
      ...sizes.flatMap((s) => [`${k(s.entities)} median (ms)`, `${k(s.entities)} p99 (ms)`]),
    ],
    fields.map((field) => [
      `\`${field}\``,
      ...sizes.flatMap((s) => {
        const l = s.inProcess.latency[field];
        return [f2(l?.p50 ?? Number.NaN), f2(l?.p99 ?? Number.NaN)];
      }),
    ]),
  );
}

export function httpTable(sizes: readonly SizeFigures[], connections: number): string {
  const rows: string[][] = [];
  for (const s of sizes) {
    for (const workload of ['lookup', 'twoHop'] as const) {
      const runs = s.http.filter((h) => h.workload === workload);
      const bare = runs.find((h) => h.kind === 'bare')?.rps ?? Number.NaN;
      const merc = runs.find((h) => h.kind === 'mercurius')?.rps ?? Number.NaN;
      for (const h of runs) {
        rows.push([
          `${k(s.entities)} ${workload === 'lookup' ? 'lookup' : '2-hop'}`,
          h.kind,
          f0(h.rps),
          f2(h.rps / bare),
          f2(h.rps / merc),
          f1(h.p50),
          f1(h.p99),
          `${f1(h.gcShare * 100)}%`,
          `${h.failures}${h.sameAnswer ? '' : ' (answer differs!)'}`,
        ]);
      }
    }
  }
  return table(
    [
      'graph, operation',
      'server',
      'req/s',
      '× bare',
      '× mercurius+jit',
      `p50 (ms) @${connections}`,
      `p99 (ms) @${connections}`,
      'GC share of CPU',
      'failures',
    ],
    rows,
  );
}

export function clusterTable(sizes: readonly SizeFigures[]): string {
  const rows: string[][] = [];
  for (const s of sizes) {
    const one = s.cluster.find((c) => c.workers === 1)?.result.rps ?? Number.NaN;
    for (const c of s.cluster) {
      rows.push([
        `${k(s.entities)} lookup`,
        String(c.workers),
        f0(c.result.rps),
        f2(c.result.rps / one),
        f1(c.result.p99),
        String(c.result.failures),
      ]);
    }
  }
  return table(['graph, operation', 'workers', 'req/s', '× 1 worker', 'p99 (ms)', 'failures'], rows);
}

const MODE_LABELS: Record<LayoutMode, string> = {
  process: 'a niced child process',
  worker: 'a worker thread',
  main: 'the main thread',
};

export function layoutLoadTable(l: LayoutLoadFigures): string {
  const row = (label: string, layoutMs: number, r: LoadResult) => [
    label,
    layoutMs ? f1(layoutMs / 1000) : '–',
    f0(r.rps),
    f1(r.p50),
    f1(r.p99),
    f0(r.max),
    String(r.failures),
  ];
  return table(
    [
      `${k(l.entities)} graph: entity lookup at ${l.rate} req/s, ${l.connections} connections`,
      'layout (s)',
      'req/s',
      'p50 (ms)',
      'p99 (ms)',
      'max (ms)',
      'failures',
    ],
    [
      row('no layout running', 0, l.baseline),
      ...l.runs.map((r) => row(`layout in ${MODE_LABELS[r.mode]}`, r.layoutMs, r.result)),
    ],
  );
}
