/**
 * Traversal cost in process, on one snapshot file: start-up (snapshot load, then what
 * prepareTraversal adds), memory, and the latency of the traversal functions called directly
 * (no GraphQL): neighbourhoods at 1 and 2 hops (also from a hub and from next to one),
 * shortest paths, simple paths and chains. Each answer set is hashed, so two runs (say before
 * and after a change to the store, each from its own checkout) show whether they answer the same.
 *
 *   tsx --expose-gc bench/traversal.mts FILE.snapshot [--runs 200]   # one JSON line
 *   tsx bench/traversal.mts --compare BEFORE.json AFTER.json          # Markdown table
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '200' }, compare: { type: 'boolean', default: false } },
});

interface Figures {
  readonly nodes: number;
  readonly edges: number;
  readonly loadMs: number;
  readonly prepareMs: number;
  readonly rssAfterLoadMb: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly ops: Record<string, { p50: number; p99: number; mean: number; errors: number; hash: string }>;
}

const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

async function measure(file: string, runs: number): Promise<Figures> {
  const { readSnapshotFile } = await import('../src/graph/snapshot-file.js');
  const traversal = await import('../src/graph/traversal.js');
  const { sampleIds } = await import('./operations.js');
  const gc = () => {
    globalThis.gc?.();
    globalThis.gc?.();
  };
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const snapshot = readSnapshotFile(file);
  const loadMs = performance.now() - t;
  const rssAfterLoadMb = process.memoryUsage().rss / 1_048_576;
  t = performance.now();
  traversal.prepareTraversal(snapshot);
  const prepareMs = performance.now() - t;
  gc();
  const rssMb = process.memoryUsage().rss / 1_048_576;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;

  process.stderr.write(
    `load ${loadMs.toFixed(0)} ms, prepare ${prepareMs.toFixed(0)} ms, RSS ${rssMb.toFixed(0)} MB\n`,
  );
  const ids = sampleIds(snapshot, 400);
  const graph = snapshot.graph;
  const entityIds = snapshot.entities().map((e) => e.id);
  const hub = entityIds.reduce((best, id) => (graph.degree(id) > graph.degree(best) ? id : best));
  const nextToHub = graph
    .neighbors(hub)
    .filter((id) => snapshot.getEntity(id) && graph.degree(id) <= 5)
    .sort()
    .slice(0, 50);
  const starts = ids.filter((id) =>
    ['ORGAN', 'PLENARY_SESSION', 'REFORM', 'CAMPAIGN'].includes(snapshot.getEntity(id)?.kind ?? ''),
  );
  const outcomes = ids.filter((id) => snapshot.getEntity(id)?.kind === 'OUTCOME');
  const pick = <T,>(list: readonly T[], i: number) => list[i % list.length] as T;
  const pair = (i: number) => {
    const from = pick(ids, i);
    const to = pick(ids, i * 7 + 3);
    return from === to ? { from, to: pick(ids, i + 1) } : { from, to };
  };

  const OPS: Record<string, (i: number) => unknown> = {
    'neighborhood depth 1': (i) => traversal.neighborhood(snapshot, { ids: [pick(ids, i)], depth: 1 }),
    'neighborhood depth 2 (2-hop)': (i) => traversal.neighborhood(snapshot, { ids: [pick(ids, i)], depth: 2 }),
    '2-hop next to the hub': (i) => traversal.neighborhood(snapshot, { ids: [pick(nextToHub, i)], depth: 2 }),
    '2-hop from the hub': () => traversal.neighborhood(snapshot, { ids: [hub], depth: 2 }),
    'neighborhood depth 3, limit 500': (i) =>
      traversal.neighborhood(snapshot, { ids: [pick(ids, i)], depth: 3, limit: 500 }),
    'shortestPath directed': (i) => traversal.shortestPath(snapshot, pair(i)),
    'shortestPath undirected': (i) => traversal.shortestPath(snapshot, { ...pair(i), directed: false }),
    'paths directed, maxLength 4': (i) => traversal.paths(snapshot, pair(i)),
    'paths undirected, maxLength 3': (i) => traversal.paths(snapshot, { ...pair(i), directed: false, maxLength: 3 }),
    outcomeChains: (i) => traversal.outcomeChains(snapshot, pick(starts, i)),
    drivers: (i) => traversal.drivers(snapshot, pick(outcomes, i)),
  };
  const ops: Figures['ops'] = {};
  for (const [name, op] of Object.entries(OPS)) {
    const hash = createHash('sha256');
    let errors = 0;
    const call = (i: number) => {
      try {
        return op(i);
      } catch (err) {
        errors++;
        return { error: (err as { code?: string }).code ?? String(err) };
      }
    };
    for (let i = 0; i < Math.min(20, runs); i++) call(i);
    errors = 0;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const answer = call(i);
      times.push(performance.now() - t0);
      hash.update(JSON.stringify(answer));
    }
    times.sort((x, y) => x - y);
    const mean = times.reduce((s, x) => s + x, 0) / times.length;
    process.stderr.write(`${name}: p50 ${pct(times, 50).toFixed(2)} ms\n`);
    ops[name] = { p50: pct(times, 50), p99: pct(times, 99), mean, errors, hash: hash.digest('hex').slice(0, 12) };
  }
  return { nodes: graph.order, edges: graph.size, loadMs, prepareMs, rssAfterLoadMb, rssMb, heapMb, ops };
}

const f = (x: number, digits = 1) => x.toFixed(digits);
const ratio = (before: number, after: number) => `${f(before / Math.max(after, 1e-3), 1)}x`;

function compare(before: Figures, after: Figures): string {
  const startBefore = before.loadMs + before.prepareMs;
  const startAfter = after.loadMs + after.prepareMs;
  const rows = [
    `${before.nodes} nodes, ${before.edges} relations (MENTIONS included)`,
    '',
    '| measure | before | after | before / after |',
    '| --- | ---: | ---: | ---: |',
    `| snapshot load (ms) | ${f(before.loadMs, 0)} | ${f(after.loadMs, 0)} | ${ratio(before.loadMs, after.loadMs)} |`,
    `| prepareTraversal: views before, adjacency after (ms) | ${f(before.prepareMs, 0)} | ${f(after.prepareMs, 0)} | ${ratio(before.prepareMs, after.prepareMs)} |`,
    `| start-up, load + prepare (ms) | ${f(startBefore, 0)} | ${f(startAfter, 0)} | ${ratio(startBefore, startAfter)} |`,
    `| RSS after load (MB) | ${f(before.rssAfterLoadMb, 0)} | ${f(after.rssAfterLoadMb, 0)} | |`,
    `| RSS after prepare (MB) | ${f(before.rssMb, 0)} | ${f(after.rssMb, 0)} | ${ratio(before.rssMb, after.rssMb)} |`,
    `| heap after prepare (MB) | ${f(before.heapMb, 0)} | ${f(after.heapMb, 0)} | ${ratio(before.heapMb, after.heapMb)} |`,
    '',
    '| operation (in process) | p50 before | p50 after | p99 before | p99 after | p50 before / after | same answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const [name, b] of Object.entries(before.ops)) {
    const a = after.ops[name];
    if (!a) continue;
    const refused = b.errors || a.errors ? ` (refused: ${b.errors} / ${a.errors})` : '';
    rows.push(
      `| ${name} | ${f(b.p50, 2)} ms | ${f(a.p50, 2)} ms | ${f(b.p99, 2)} ms | ${f(a.p99, 2)} ms | ${ratio(b.p50, a.p50)} | ${b.hash === a.hash ? 'yes' : 'NO'}${refused} |`,
    );
  }
  return rows.join('\n');
}

if (values.compare) {
  const [a = '', b = ''] = positionals;
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '{}') as Figures;
  console.log(compare(read(a), read(b)));
} else {
  const [file] = positionals;
  if (!file) throw new Error('usage: traversal.mts SNAPSHOT_FILE [--runs N] | --compare BEFORE.json AFTER.json');
  console.log(JSON.stringify(await measure(file, Number(values.runs))));
}
