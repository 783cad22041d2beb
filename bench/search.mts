/**
 * `npm run bench:search`: full-text engines compared on this project's data, and the chosen
 * one (the real SearchIndex and PassageIndex) measured at scale.
 *
 *   npm run bench:search                                  # 10k, 100k and 1M entities
 *   npm run bench:search -- --sizes 10000 --libs minisearch,flexsearch
 *   npm run bench:search -- --snapshot FILE.snapshot     # and start-up/heap on a built corpus
 *   npm run bench:search -- --snapshot FILE.snapshot --memory   # only: graph heap, index heap, ratio
 *   npm run bench:search -- --sizes 1000000 --passages   # only the passage index: build, heap, queries
 *
 * Entities are made in memory with the generator's own names and sentences (a 1M corpus on
 * disk takes half an hour to validate); each has one evidence quote in a document of 20 such
 * sentences, a tenth have a description, and outcomes carry a number written "12,345". Every
 * engine indexes the same six fields with the same tokeniser (text-tokens.ts), so what differs
 * is the engine. Each size runs in its own child process with --expose-gc, so heap figures are
 * that engine's alone. Prints Markdown tables; --out FILE appends them.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { entityName, kindOf } from '../src/graph/generate.js';
import { PassageIndex } from '../src/graph/passages.js';
import { SearchIndex } from '../src/graph/search.js';
import { Snapshot } from '../src/graph/snapshot.js';
import { readSnapshotFile, readSnapshotInput, writeSnapshotFile } from '../src/graph/snapshot-file.js';
import { indexTerms } from '../src/graph/text-tokens.js';
import { prepareTraversal } from '../src/graph/traversal.js';
import type { EntityRecord, SourceDocumentRecord } from '../src/model/records.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    libs: { type: 'string', default: 'minisearch,flexsearch,orama' },
    queries: { type: 'string', default: '200' },
    snapshot: { type: 'string' },
    out: { type: 'string' },
    child: { type: 'string' },
    lib: { type: 'string' },
    // Only the entity index: no toJSON/loadJS round trip and no passage index (for 1M).
    light: { type: 'boolean', default: false },
    // With --snapshot: only the heap of the graph and of its indexes, in one process.
    memory: { type: 'boolean', default: false },
    // Only the passage index (PassageIndex, as used): build, heap, serialise and load, queries.
    passages: { type: 'boolean', default: false },
    // Heap ceiling of each child (MB): a 1M run must stay under 8 GB of RSS.
    'max-heap': { type: 'string', default: '7000' },
    // Time every query this many times (in separate passes) and also report each one's fastest:
    // on a machine shared at load 20, that is the query's own cost without being descheduled.
    repeat: { type: 'string', default: '3' },
    // Minutes an engine gets for one size before it is reported as not finishing.
    'timeout-min': { type: 'string', default: '20' },
  },
});

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};
const FIELDS = ['name', 'aliases', 'nameZh', 'description', 'note', 'evidence'] as const;
const BOOST = { name: 4, aliases: 3, nameZh: 3, description: 1.5, note: 1, evidence: 1 };

// ---------------------------------------------------------------------------------------------
// Data: the generator's names and sentences, in memory.

function withCommas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function sentenceOf(i: number, name: string): string {
  switch (kindOf(i, 1)) {
    case 'ORGAN':
      return `The ${name} is a public security organ at county level`;
    case 'OUTCOME':
      return `In 2019, the count of ${name} stood at ${withCommas(10_000 + ((i * 7919) % 900_000))} cases`;
    case 'PERSON':
      return `${name} served as director`;
    default:
      return `The ${name} began in ${2000 + (i % 24)}`;
  }
}

function corpus(n: number): { entities: EntityRecord[]; documents: SourceDocumentRecord[] } {
  const entities: EntityRecord[] = [];
  const documents: SourceDocumentRecord[] = [];
  for (let d = 0; d * 20 < n; d++) {
    const id = `doc-${d}`;
    let text = '';
    for (let i = d * 20; i < Math.min(n, d * 20 + 20); i++) {
      const name = entityName(i, 1);
      const quote = sentenceOf(i, name);
      const start = text.length;
      text += `${quote}. `;
      entities.push({
        id: `e/${i}`,
        kind: kindOf(i, 1),
        name,
        aliases: [],
        ...(i % 10 === 0 ? { description: `A ${kindOf(i, 1).toLowerCase()} reported with ${name}` } : {}),
        evidence: [{ document: id, quote, start, end: start + quote.length, context: 'BODY' }],
        file: 'x',
      });
    }
    documents.push({ id, nodeId: `source/${id}`, file: 'x', title: id, language: 'en', origin: 'x', text });
  }
  return { entities, documents };
}

// ---------------------------------------------------------------------------------------------
// Queries: what an analyst types, each with the entity it should find in the top ten.

type QueryKind = 'exact name' | 'prefix' | 'one typo' | 'quote words' | 'number, other spelling';
interface Probe {
  readonly kind: QueryKind;
  readonly q: string;
  readonly want: number;
}

function typo(word: string): string {
  // Drop the third letter: "Tagen" -> "Taen"; one edit.
  return word.slice(0, 2) + word.slice(3);
}

function probes(entities: readonly EntityRecord[], perKind: number): Probe[] {
  const out: Probe[] = [];
  let x = 12345;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % entities.length;
  };
  const pick = (ok: (e: EntityRecord) => boolean) => {
    for (;;) {
      const i = next();
      if (ok(entities[i] as EntityRecord)) return i;
    }
  };
  for (let k = 0; k < perKind; k++) {
    const a = pick(() => true);
    out.push({ kind: 'exact name', q: (entities[a] as EntityRecord).name, want: a });
    // The place words (outcomes' names start "Cases Solved in", which is no prefix of one).
    const b = pick((e) => e.kind !== 'OUTCOME' && (e.name.split(' ')[1] ?? '').length >= 5);
    const [w0, w1 = ''] = (entities[b] as EntityRecord).name.split(' ');
    out.push({ kind: 'prefix', q: `${w0} ${w1.slice(0, 4)}`, want: b });
    const c = pick((e) => e.kind !== 'OUTCOME' && (e.name.split(' ')[0] ?? '').length >= 5);
    const words = (entities[c] as EntityRecord).name.split(' ');
    out.push({ kind: 'one typo', q: [typo(words[0] ?? ''), ...words.slice(1)].join(' '), want: c });
    const d = pick((e) => e.kind === 'ORGAN');
    const place = (entities[d] as EntityRecord).name.split(' ').slice(0, 2).join(' ');
    out.push({ kind: 'quote words', q: `${place} organ county level`, want: d });
    const e = pick((r) => r.kind === 'OUTCOME');
    const figure = /stood at ([\d,]+)/.exec((entities[e] as EntityRecord).evidence[0]?.quote ?? '')?.[1] ?? '';
    out.push({ kind: 'number, other spelling', q: figure.replace(/,/g, ''), want: e });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Engines: build over the entities, answer a query with entity positions, best first.

interface Engine {
  search(q: string): number[];
  /** The chosen engine's index, for the serialisation figures. */
  index?: SearchIndex;
}

const fieldText = (e: EntityRecord, f: (typeof FIELDS)[number]): string => {
  switch (f) {
    case 'aliases':
      return e.aliases.join('\n');
    case 'evidence':
      return e.evidence.map((ev) => ev.quote).join('\n');
    default:
      return e[f] ?? '';
  }
};
/** The same terms our index holds, space-separated, for engines with their own tokeniser. */
const pretokenised = (e: EntityRecord, f: (typeof FIELDS)[number]) => indexTerms(fieldText(e, f)).join(' ');

async function buildEngine(lib: string, entities: EntityRecord[], documents: SourceDocumentRecord[]): Promise<Engine> {
  if (lib === 'minisearch') {
    // The real module: planner, name ranking and highlights included.
    const index = new SearchIndex(entities);
    return { index, search: (q) => index.search(q, { first: 10 }).map((h) => Number(h.entity.id.slice(2))) };
  }
  if (lib === 'minisearch-plain') {
    // MiniSearch on its own: every query word prefix- and typo-expanded, OR, BM25 with boosts.
    const ms = new MiniSearch<number>({
      fields: [...FIELDS],
      extractField: (i, f) => (f === 'id' ? i : fieldText(entities[i] as EntityRecord, f as never)) as string,
      tokenize: indexTerms,
      processTerm: (t) => t,
      searchOptions: { boost: BOOST, prefix: true, fuzzy: 0.2, maxFuzzy: 1 },
    });
    ms.addAll(entities.map((_e, i) => i));
    return {
      search: (q) =>
        ms
          .search(q)
          .slice(0, 10)
          .map((r) => r.id as number),
    };
  }
  if (lib === 'flexsearch') {
    const index = new FlexSearch.Document({
      document: { id: 'id', index: FIELDS.map((field) => ({ field, tokenize: 'forward' as const })) },
    });
    entities.forEach((e, i) => {
      const doc: Record<string, string | number> = { id: i };
      for (const f of FIELDS) doc[f] = pretokenised(e, f);
      index.add(doc);
    });
    return {
      search: (q) => {
        const seen: number[] = [];
        // FlexSearch answers per field; fields in boost order stand in for boosts it lacks.
        for (const r of index.search(indexTerms(q).join(' '), { limit: 10, suggest: true })) {
          for (const id of r.result as number[]) if (!seen.includes(id)) seen.push(id);
        }
        return seen.slice(0, 10);
      },
    };
  }
  if (lib === 'orama') {
    const db = create({
      schema: Object.fromEntries(FIELDS.map((f) => [f, 'string'])) as Record<(typeof FIELDS)[number], 'string'>,
      components: {
        tokenizer: { language: 'english', normalizationCache: new Map(), tokenize: (raw: string) => raw.split(' ') },
      },
    });
    const docs = entities.map((e, i) => ({
      id: String(i),
      ...Object.fromEntries(FIELDS.map((f) => [f, pretokenised(e, f)])),
    }));
    for (let k = 0; k < docs.length; k += 10_000) await insertMultiple(db, docs.slice(k, k + 10_000) as never[]);
    return {
      search: (q) => {
        const r = oramaSearch(db, { term: indexTerms(q).join(' '), tolerance: 1, boost: BOOST, limit: 10 });
        if (r instanceof Promise) throw new Error('orama answered asynchronously');
        return r.hits.map((h) => Number(h.id));
      },
    };
  }
  void documents;
  throw new Error(`unknown library ${lib}`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

interface Row {
  lib: string;
  size: number;
  buildMs: number;
  heapMb: number;
  medianMs: number;
  p99Ms: number;
  cpuMedianMs: number;
  cpuP99Ms: number;
  found: Partial<Record<QueryKind, string>>;
  kindLatency: Partial<Record<QueryKind, string>>;
  tail: {
    gcMs: number;
    gcInSlowest: number;
    slowest: number;
    wallMinusGcP99: string;
    bestMedian: string;
    bestP99: string;
    bestCpuP99: string;
  };
  maxRssMb: number;
  extra: Record<string, number | string>;
}

async function runChild(lib: string, size: number): Promise<Row> {
  const { entities, documents } = corpus(size);
  const before = heapMb();
  let t = performance.now();
  const engine = await buildEngine(lib, entities, documents);
  const buildMs = performance.now() - t;
  const heap = heapMb() - before;
  const all = probes(entities, Number(values.queries));
  for (const p of all.slice(0, 50)) engine.search(p.q); // warm-up
  // Garbage collections, to tell a query's own cost from a pause that fell inside it.
  const pauses: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const samples: { p: Probe; start: number; wall: number; cpu: number; gc: number; best: number; bestCpu: number }[] =
    [];
  const found = new Map<QueryKind, [number, number]>();
  for (const p of all) {
    const c = process.cpuUsage();
    const start = performance.now();
    const ids = engine.search(p.q);
    const wall = performance.now() - start;
    const used = process.cpuUsage(c);
    const cpu = (used.user + used.system) / 1000;
    samples.push({ p, start, wall, cpu, gc: 0, best: wall, bestCpu: cpu });
    const [ok = 0, n = 0] = found.get(p.kind) ?? [];
    found.set(p.kind, [ok + (ids.includes(p.want) ? 1 : 0), n + 1]);
    if (process.env.BENCH_MISSES && !ids.includes(p.want)) {
      process.stderr.write(
        `miss ${p.kind}: ${p.q} -> want ${entities[p.want]?.name}, got ${ids.map((i) => entities[i]?.name).join(' | ')}\n`,
      );
    }
  }
  // GC entries arrive asynchronously.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  for (let pass = 1; pass < Number(values.repeat); pass++) {
    for (const s of samples) {
      const c = process.cpuUsage();
      const start = performance.now();
      engine.search(s.p.q);
      s.best = Math.min(s.best, performance.now() - start);
      const used = process.cpuUsage(c);
      s.bestCpu = Math.min(s.bestCpu, (used.user + used.system) / 1000);
    }
  }
  for (const s of samples) {
    for (const g of pauses) s.gc += Math.max(0, Math.min(g.end, s.start + s.wall) - Math.max(g.start, s.start));
  }
  const pct = (xs: number[], p: number) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      p,
    );
  const times = samples.map((s) => s.wall);
  const cpu = samples.map((s) => s.cpu);
  const kindLatency = Object.fromEntries(
    [...new Set(samples.map((s) => s.p.kind))].map((k) => {
      const of = samples.filter((s) => s.p.kind === k);
      const w = of.map((s) => s.wall);
      const c = of.map((s) => s.cpu);
      const b = of.map((s) => s.best);
      return [
        k,
        `${pct(w, 0.5).toFixed(2)} / ${pct(w, 0.99).toFixed(2)} (CPU ${pct(c, 0.5).toFixed(2)} / ${pct(c, 0.99).toFixed(2)}; best of ${values.repeat}: ${pct(b, 0.5).toFixed(2)} / ${pct(b, 0.99).toFixed(2)})`,
      ];
    }),
  );
  const slowest = [...samples].sort((a, b) => b.wall - a.wall).slice(0, Math.ceil(samples.length / 100));
  const gcTotal = samples.reduce((n, s) => n + s.gc, 0);
  const tail = {
    gcMs: Math.round(gcTotal),
    gcInSlowest: slowest.filter((s) => s.gc > s.wall / 2).length,
    slowest: slowest.length,
    wallMinusGcP99: pct(
      samples.map((s) => s.wall - s.gc),
      0.99,
    ).toFixed(2),
    bestMedian: pct(
      samples.map((s) => s.best),
      0.5,
    ).toFixed(2),
    bestP99: pct(
      samples.map((s) => s.best),
      0.99,
    ).toFixed(2),
    bestCpuP99: pct(
      samples.map((s) => s.bestCpu),
      0.99,
    ).toFixed(2),
  };
  if (process.env.BENCH_SLOW) {
    for (const s of slowest) {
      process.stderr.write(
        `slow ${s.p.kind}: ${s.wall.toFixed(2)} ms wall, ${s.cpu.toFixed(2)} CPU, ${s.gc.toFixed(2)} GC: ${s.p.q}\n`,
      );
    }
  }
  const extra: Record<string, number | string> = {};
  if (lib === 'minisearch' && !values.light) {
    // The chosen engine in full: serialise and load as the snapshot file does, and passages.
    const index = engine.index as SearchIndex;
    t = performance.now();
    const plain = index.toJSON();
    extra.toJsonMs = Math.round(performance.now() - t);
    t = performance.now();
    new SearchIndex(entities, plain);
    extra.loadMs = Math.round(performance.now() - t);
    const h0 = heapMb();
    t = performance.now();
    const passages = new PassageIndex(documents, entities);
    extra.passageBuildMs = Math.round(performance.now() - t);
    extra.passageHeapMb = Math.round(heapMb() - h0);
    const pt: number[] = [];
    for (const p of all.filter((x) => x.kind === 'quote words' || x.kind === 'number, other spelling')) {
      t = performance.now();
      passages.search(p.q, { first: 10 });
      pt.push(performance.now() - t);
    }
    pt.sort((a, b) => a - b);
    extra.passageMedianMs = percentile(pt, 0.5).toFixed(2);
    extra.passageP99Ms = percentile(pt, 0.99).toFixed(2);
  }
  return {
    lib,
    size,
    buildMs: Math.round(buildMs),
    heapMb: Math.round(heap),
    medianMs: pct(times, 0.5),
    p99Ms: pct(times, 0.99),
    cpuMedianMs: pct(cpu, 0.5),
    cpuP99Ms: pct(cpu, 0.99),
    tail,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    found: Object.fromEntries([...found].map(([k, [ok, n]]) => [k, `${Math.round((100 * ok) / n)}%`])),
    kindLatency,
    extra,
  };
}

/**
 * The passage index alone at a size: build, heap after a full GC, the snapshot's round trip
 * (toJSON, then the load `serve` does), and the passage queries ("quote words" and numbers in the
 * other spelling), counted found when a returned passage holds the wanted entity's evidence.
 */
function passagesChild(size: number): Record<string, number | string> {
  const { entities, documents } = corpus(size);
  const before = heapMb();
  let t = performance.now();
  const built = new PassageIndex(documents, entities);
  const buildMs = performance.now() - t;
  const heap = heapMb() - before;
  t = performance.now();
  const plain = built.toJSON();
  const toJsonMs = performance.now() - t;
  t = performance.now();
  const passages = new PassageIndex(documents, entities, plain);
  const loadMs = performance.now() - t;
  const probesOf = probes(entities, Number(values.queries)).filter(
    (p) => p.kind === 'quote words' || p.kind === 'number, other spelling',
  );
  for (const p of probesOf.slice(0, 50)) passages.search(p.q); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  const best: number[] = [];
  let found = 0;
  for (const p of probesOf) {
    let fastest = Number.POSITIVE_INFINITY;
    for (let r = 0; r < Number(values.repeat); r++) {
      const c = process.cpuUsage();
      const start = performance.now();
      const hits = passages.search(p.q, { first: 10 });
      const w = performance.now() - start;
      const used = process.cpuUsage(c);
      if (r === 0) {
        wall.push(w);
        cpu.push((used.user + used.system) / 1000);
        if (hits.some((h) => h.entities.some((e) => e.id === entities[p.want]?.id))) found++;
      }
      fastest = Math.min(fastest, w);
    }
    best.push(fastest);
  }
  for (const a of [wall, cpu, best]) a.sort((x, y) => x - y);
  return {
    size,
    passages: plain.table.length / 3,
    buildMs: Math.round(buildMs),
    heapMb: Math.round(heap),
    toJsonMs: Math.round(toJsonMs),
    loadMs: Math.round(loadMs),
    queries: probesOf.length,
    medianMs: percentile(wall, 0.5).toFixed(2),
    p99Ms: percentile(wall, 0.99).toFixed(2),
    cpuMedianMs: percentile(cpu, 0.5).toFixed(2),
    cpuP99Ms: percentile(cpu, 0.99).toFixed(2),
    bestMedianMs: percentile(best, 0.5).toFixed(2),
    bestP99Ms: percentile(best, 0.99).toFixed(2),
    found: `${Math.round((100 * found) / probesOf.length)}%`,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Start-up and heap on a built corpus: without the index (as before) and with it. */
function startupChild(file: string, withIndex: boolean): Record<string, number> {
  let t = performance.now();
  if (!withIndex) {
    const { header: _h, indexes: _i, ...input } = readSnapshotInput(file);
    const snapshot = new Snapshot(input);
    prepareTraversal(snapshot);
    const startMs = performance.now() - t;
    const graphHeap = heapMb();
    t = performance.now();
    snapshot.prepareSearch();
    const buildMs = performance.now() - t;
    return { startMs, graphHeap, indexHeap: heapMb() - graphHeap, buildMs };
  }
  const snapshot = readSnapshotFile(file);
  prepareTraversal(snapshot);
  snapshot.prepareSearch();
  return { startMs: performance.now() - t, heap: heapMb() };
}

/**
 * The graph's heap and its indexes', in one process on a built corpus, each after a full GC:
 * the snapshot loaded as `serve` holds it (records, graph, traversal views) with both indexes
 * loaded by `loadSearch` (the path `serve` takes), then without the passage index, then without
 * either. Measured by letting go of each index rather than before loading it, because until
 * `loadSearch` ends the snapshot also holds the frames' parsed JSON.
 */
async function memoryChild(file: string): Promise<Record<string, number>> {
  // Typed arrays' and Buffers' bytes live outside the V8 heap (the compact index's postings, the
  // snapshot's record sections): counted here too, or an index in typed arrays would look free.
  // Settled: what a load leaves alive for a few collections (at 100k, 77 MB right after
  // loadSearch, gone after ~20 GCs and a timer tick) is not what a serving process holds.
  const memory = async () => {
    for (let k = 0; k < 10; k++) gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let k = 0; k < 10; k++) gc();
    const heap = heapMb();
    return { heap, all: heap + process.memoryUsage().arrayBuffers / 1_048_576 };
  };
  let t = performance.now();
  const snapshot = readSnapshotFile(file);
  prepareTraversal(snapshot);
  const loadMs = performance.now() - t;
  t = performance.now();
  await snapshot.loadSearch();
  const searchLoadMs = performance.now() - t;
  const rssMb = process.memoryUsage().rss / 1_048_576;
  const all = await memory();
  const held = snapshot as unknown as { passageIndex?: unknown; searchIndex?: unknown };
  held.passageIndex = undefined;
  const withEntities = await memory();
  held.searchIndex = undefined;
  const graph = await memory();
  return {
    loadMs,
    graphHeap: graph.heap,
    entityHeap: withEntities.heap - graph.heap,
    passageHeap: all.heap - withEntities.heap,
    graphAll: graph.all,
    entityAll: withEntities.all - graph.all,
    passageAll: all.all - withEntities.all,
    searchLoadMs,
    rssMb,
  };
}

function spawnChild(args: string[]): unknown {
  const res = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      `--max-old-space-size=${values['max-heap']}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...args,
      ...(values.light ? ['--light'] : []),
      '--queries',
      String(values.queries),
      '--repeat',
      String(values.repeat),
    ],
    // An engine that cannot index a size in time is reported as such, not waited for.
    { encoding: 'utf8', maxBuffer: 1 << 26, timeout: Number(values['timeout-min']) * 60_000 },
  );
  if (process.env.BENCH_MISSES) process.stderr.write(res.stderr);
  const last = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.error || res.status !== 0 || !last.startsWith('{')) {
    return { error: res.error?.message ?? (res.stderr.slice(-400).trim() || `exit ${res.status}`) };
  }
  return JSON.parse(last);
}

if (values.child) {
  const [mode, arg] = [values.child, values.lib ?? ''];
  const out =
    mode === 'startup-before' || mode === 'startup-after'
      ? startupChild(arg, mode === 'startup-after')
      : mode === 'memory'
        ? await memoryChild(arg)
        : mode === 'passages'
          ? passagesChild(Number(arg))
          : await runChild(arg, Number(mode));
  console.log(JSON.stringify(out));
} else {
  const lines: string[] = [];
  const say = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const started = new Date();
  say(
    `## ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: \`npm run bench:search -- ${process.argv.slice(2).join(' ')}\``,
  );
  say();
  say(
    `Machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length} cores (shared with other agents: load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} at start), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}. ` +
      `${values.queries} queries per kind, one process per engine and size, in process (no GraphQL).`,
  );
  say();
  if (values.passages) {
    say(
      `| passage index alone | entities | passages | build (ms) | heap (MB) | toJSON (ms) | load (ms) | queries | median (ms) | p99 (ms) | CPU median / p99 (ms) | best of ${values.repeat}: median / p99 (ms) | found in top 10 | peak RSS (MB) |`,
    );
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const size of values.sizes.split(',').map(Number)) {
      process.stderr.write(`passages at ${size}...\n`);
      const r = spawnChild(['--child', 'passages', '--lib', String(size)]) as Record<string, number | string>;
      const n = (x: unknown) => Number(x).toLocaleString('en');
      say(
        r.error
          ? `| | ${n(size)} | failed: ${String(r.error).split('\n').at(-1)} |`
          : `| | ${n(r.size)} | ${n(r.passages)} | ${n(r.buildMs)} | ${n(r.heapMb)} | ${n(r.toJsonMs)} | ${n(r.loadMs)} | ${r.queries} | ${r.medianMs} | ${r.p99Ms} | ${r.cpuMedianMs} / ${r.cpuP99Ms} | ${r.bestMedianMs} / ${r.bestP99Ms} | ${r.found} | ${n(r.maxRssMb)} |`,
      );
    }
  }
  // --memory measures only the built corpus's heap, --passages only the passage index.
  if (!values.memory && !values.passages) {
    say(
      '| engine | entities | build (ms) | index heap (MB) | median (ms) | p99 (ms) | CPU median (ms) | CPU p99 (ms) | found in top 10: exact name | prefix | one typo | quote words | number, other spelling |',
    );
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const chosen: Row[] = [];
    const rows: Row[] = [];
    for (const size of values.sizes.split(',').map(Number)) {
      for (const lib of values.libs.split(',')) {
        process.stderr.write(`${lib} at ${size}...\n`);
        const r = spawnChild(['--child', String(size), '--lib', lib]) as Row & { error?: string };
        if (r.error) {
          say(`| ${lib} | ${size.toLocaleString('en')} | failed: ${r.error.split('\n').at(-1)} | | | | | | | | | | |`);
          continue;
        }
        const f = r.found;
        say(
          `| ${lib} | ${size.toLocaleString('en')} | ${r.buildMs.toLocaleString('en')} | ${r.heapMb.toLocaleString('en')} | ${r.medianMs.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.cpuMedianMs.toFixed(2)} | ${r.cpuP99Ms.toFixed(2)} | ${f['exact name']} | ${f.prefix} | ${f['one typo']} | ${f['quote words']} | ${f['number, other spelling']} |`,
        );
        rows.push(r);
        if (lib === 'minisearch') chosen.push(r);
      }
    }
    say();
    say(
      '| wall median / p99 (CPU median / p99), ms, by query kind | entities | exact name | prefix | one typo | quote words | number, other spelling |',
    );
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      const k = r.kindLatency;
      say(
        `| ${r.lib} | ${r.size.toLocaleString('en')} | ${k['exact name']} | ${k.prefix} | ${k['one typo']} | ${k['quote words']} | ${k['number, other spelling']} |`,
      );
    }
    say();
    say(
      `| the tail | entities | GC inside queries (ms, all queries) | slowest 1%: how many were mostly GC | p99 of wall minus GC (ms) | each query's best of ${values.repeat}: wall median / p99 (ms) | CPU p99 (ms) | peak RSS (MB) |`,
    );
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      const t = r.tail;
      say(
        `| ${r.lib} | ${r.size.toLocaleString('en')} | ${t.gcMs} | ${t.gcInSlowest} of ${t.slowest} | ${t.wallMinusGcP99} | ${t.bestMedian} / ${t.bestP99} | ${t.bestCpuP99} | ${r.maxRssMb.toLocaleString('en')} |`,
      );
    }
    if (chosen.length > 0) {
      say();
      say(
        '| MiniSearch as used (SearchIndex + PassageIndex) | entities | toJSON (ms) | loadJS (ms) | passage index build (ms) | passage index heap (MB) | passages median (ms) | passages p99 (ms) |',
      );
      say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const r of chosen) {
        const x = r.extra;
        // --light builds neither the serialised copy nor the passage index: no figures to print.
        say(
          x.toJsonMs === undefined
            ? `| | ${r.size.toLocaleString('en')} | not built (--light) | | | | | |`
            : `| | ${r.size.toLocaleString('en')} | ${x.toJsonMs} | ${x.loadMs} | ${x.passageBuildMs} | ${x.passageHeapMb} | ${x.passageMedianMs} | ${x.passageP99Ms} |`,
        );
      }
    }
  }
  if (values.snapshot) {
    process.stderr.write('index memory...\n');
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(', ');
    const m = spawnChild(['--child', 'memory', '--lib', values.snapshot]) as Record<string, number>;
    const r = (n: number | undefined) => Math.round(n ?? Number.NaN).toLocaleString('en');
    const pct = (n: number | undefined, of: number | undefined) =>
      `${((100 * (n ?? Number.NaN)) / (of ?? Number.NaN)).toFixed(1)}%`;
    const both = (a: number | undefined, b: number | undefined) => (a ?? Number.NaN) + (b ?? Number.NaN);
    say();
    say(
      `| \`${values.snapshot}\`, one process, after a full GC (load average at start ${load}) | V8 heap (MB) | of the graph's | heap + array buffers (MB) | of the graph's |`,
    );
    say('| --- | ---: | ---: | ---: | ---: |');
    if (m.error) say(`| failed | ${m.error} | | | |`);
    say(
      `| graph: records, graph, traversal views (read in ${r(m.loadMs)} ms) | ${r(m.graphHeap)} | | ${r(m.graphAll)} | |`,
    );
    say(
      `| entity index | ${r(m.entityHeap)} | ${pct(m.entityHeap, m.graphHeap)} | ${r(m.entityAll)} | ${pct(m.entityAll, m.graphAll)} |`,
    );
    say(
      `| passage index | ${r(m.passageHeap)} | ${pct(m.passageHeap, m.graphHeap)} | ${r(m.passageAll)} | ${pct(m.passageAll, m.graphAll)} |`,
    );
    const h = both(m.entityHeap, m.passageHeap);
    const x = both(m.entityAll, m.passageAll);
    say(`| both indexes (target: ≤ 30%) | ${r(h)} | ${pct(h, m.graphHeap)} | ${r(x)} | ${pct(x, m.graphAll)} |`);
    say(`| loadSearch, both indexes (ms) | ${r(m.searchLoadMs)} | |`);
    say(`| RSS with both loaded | ${r(m.rssMb)} | |`);
  }
  if (values.snapshot && !values.memory) {
    process.stderr.write('start-up...\n');
    // The same corpus written without the index frames, as the snapshot file was before.
    const bare = `${values.snapshot}.no-index`;
    writeSnapshotFile(readSnapshotFile(values.snapshot), bare, { searchIndexes: false });
    const before = spawnChild(['--child', 'startup-before', '--lib', bare]) as Record<string, number>;
    const after = spawnChild(['--child', 'startup-after', '--lib', values.snapshot]) as Record<string, number>;
    const r = (n: number | undefined) => Math.round(n ?? Number.NaN).toLocaleString('en');
    say();
    say(`| built corpus \`${values.snapshot}\` | value |`);
    say('| --- | ---: |');
    say(`| start-up without the index: load + traversal views (ms) | ${r(before.startMs)} |`);
    say(`| start-up with the index: load + traversal views + index load (ms) | ${r(after.startMs)} |`);
    say(
      `| start-up change | ${((100 * ((after.startMs ?? 0) - (before.startMs ?? 0))) / (before.startMs ?? 1)).toFixed(1)}% |`,
    );
    say(`| building the index from the records instead (ms) | ${r(before.buildMs)} |`);
    say(`| graph heap, without the index (MB) | ${r(before.graphHeap)} |`);
    say(`| index heap, entities + passages (MB) | ${r(before.indexHeap)} |`);
    say(`| index heap / graph heap | ${((100 * (before.indexHeap ?? 0)) / (before.graphHeap ?? 1)).toFixed(1)}% |`);
  }
  say();
  say(`Took ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} min.`);
  if (values.out) appendFileSync(values.out, `\n${lines.join('\n')}\n`);
}
