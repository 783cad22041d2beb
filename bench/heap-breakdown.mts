/**
 * Who owns a started store's memory, by V8's own count rather than by allocation site: loads a
 * snapshot file as `serve` does (read the file, build the graph, prepare the traversal
 * adjacency), then prints at ready and again after two full collections (a) RSS against the
 * heap, external and ArrayBuffer memory and /proc's anonymous and file-backed pages, (b) the
 * V8 heap spaces, used against committed. With --heap FILE it also writes a heap snapshot at
 * ready (after the collections) and summarises it by constructor: count and shallow size,
 * largest first; strings are split by their first characters so relation ids stand apart.
 *
 *   node --expose-gc --import tsx bench/heap-breakdown.mts FILE.snapshot [--heap /tmp/x.heapsnapshot] [--top 30] [--largest 20]
 *   node --import tsx bench/heap-breakdown.mts --summarise /tmp/x.heapsnapshot [--top 30] [--largest 20]
 *
 * The summary reads the snapshot file as a stream of bytes (a 100k store's is ~1 GB, more than
 * V8's longest string), so it runs in a process of its own after the load's has exited.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    heap: { type: 'string' },
    summarise: { type: 'string' },
    top: { type: 'string', default: '30' },
    largest: { type: 'string', default: '0' },
    retainers: { type: 'string' },
  },
});
const top = Number(values.top);
const mb = (n: number) => (n / 1_048_576).toFixed(1);

if (values.summarise) summarise(values.summarise);
else await breakdown(positionals[0] ?? '');

async function breakdown(file: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const print = (when: string) => {
    const u = process.memoryUsage();
    const smaps = readFileSync('/proc/self/smaps_rollup', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(smaps)?.[1] ?? 0) * 1024;
    console.log(
      `\n${when}: rss ${mb(u.rss)} MB (anonymous ${mb(kb('Anonymous'))}, file ${mb(kb('Rss') - kb('Anonymous'))})`,
    );
    console.log(
      `  V8 heap committed ${mb(u.heapTotal)}, used ${mb(u.heapUsed)}; external ${mb(u.external)} (ArrayBuffers ${mb(u.arrayBuffers)})`,
    );
    console.log(
      `  rss - heap committed - external: ${mb(u.rss - u.heapTotal - u.external)} MB (Node, code, malloc, file pages)`,
    );
    console.log('  V8 heap spaces (MB): used / committed');
    for (const s of getHeapSpaceStatistics()) {
      if (s.space_size === 0) continue;
      console.log(`    ${s.space_name.padEnd(24)} ${mb(s.space_used_size).padStart(8)} / ${mb(s.space_size)}`);
    }
  };
  print('before the load');
  const { readSnapshotFile } = await import('../src/graph/snapshot-file.js');
  const { prepareTraversal } = await import('../src/graph/traversal.js');
  const cpu = process.cpuUsage();
  const t = performance.now();
  const snapshot = readSnapshotFile(file);
  prepareTraversal(snapshot);
  const used = process.cpuUsage(cpu);
  console.log(
    `\n${file}: ${snapshot.graph.order} nodes, ${snapshot.graph.size} edges; ready in ${Math.round(performance.now() - t)} ms, CPU ${Math.round((used.user + used.system) / 1000)} ms`,
  );
  print('at ready');
  gc();
  gc();
  print('after two full collections');
  if (values.heap) {
    writeHeapSnapshot(values.heap);
    console.log(`\nheap snapshot written to ${values.heap}`);
  }
  if (snapshot.graph.order < 0) console.log('unreachable');
}

/** Count and shallow size per constructor (objects) or node type, from a .heapsnapshot file. */
function summarise(path: string): void {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(1 << 24);
  // The header (meta) precedes `"nodes":[`; it is small.
  const headLength = readSync(fd, chunk, 0, 1 << 20, 0);
  const head = chunk.toString('latin1', 0, headLength);
  const nodesAt = head.indexOf('"nodes":[');
  const meta = JSON.parse(`${head.slice(0, head.lastIndexOf(',', nodesAt))}}`).snapshot.meta as {
    node_fields: string[];
    node_types: [string[]];
  };
  const fields = meta.node_fields.length;
  const typeField = meta.node_fields.indexOf('type');
  const nameField = meta.node_fields.indexOf('name');
  const sizeField = meta.node_fields.indexOf('self_size');
  const typeNames = meta.node_types[0];

  // One pass over the bytes: the nodes' numbers, then the strings, one JSON string per line.
  let nodes = new Float64Array(1 << 20);
  let count = 0;
  const strings: string[] = [];
  // The edges, only when retainers are asked for: [type, name or index, to node] each.
  let edges = new Uint32Array(values.retainers ? 1 << 22 : 0);
  let edgeCount = 0;
  let state: 'nodes' | 'edges-seek' | 'edges' | 'seek' | 'strings' = 'nodes';
  const edgesSeek = Buffer.from('"edges":[');
  let number = -1;
  const seek = Buffer.from('"strings":[');
  let matched = 0;
  let line: number[] = [];
  let position = nodesAt + '"nodes":['.length;
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n === 0) break;
    position += n;
    for (let i = 0; i < n; i++) {
      const c = chunk[i] as number;
      if (state === 'nodes') {
        if (c >= 48 && c <= 57) number = number < 0 ? c - 48 : number * 10 + c - 48;
        else {
          if (number >= 0) {
            if (count === nodes.length) {
              const grown = new Float64Array(nodes.length * 2);
              grown.set(nodes);
              nodes = grown;
            }
            nodes[count++] = number;
            number = -1;
          }
          if (c === 93) state = values.retainers ? 'edges-seek' : 'seek';
        }
      } else if (state === 'edges-seek') {
        matched = c === edgesSeek[matched] ? matched + 1 : c === edgesSeek[0] ? 1 : 0;
        if (matched === edgesSeek.length) {
          state = 'edges';
          matched = 0;
        }
      } else if (state === 'edges') {
        if (c >= 48 && c <= 57) number = number < 0 ? c - 48 : number * 10 + c - 48;
        else {
          if (number >= 0) {
            if (edgeCount === edges.length) {
              const grown = new Uint32Array(edges.length * 2);
              grown.set(edges);
              edges = grown;
            }
            edges[edgeCount++] = number;
            number = -1;
          }
          if (c === 93) state = 'seek';
        }
      } else if (state === 'seek') {
        matched = c === seek[matched] ? matched + 1 : c === seek[0] ? 1 : 0;
        if (matched === seek.length) state = 'strings';
      } else if (c === 10) {
        pushString(line, strings);
        line = [];
      } else line.push(c);
    }
  }
  if (line.length > 0) pushString(line, strings);
  closeSync(fd);

  const groups = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let at = 0; at < count; at += fields) {
    const type = typeNames[nodes[at + typeField] as number] ?? '?';
    const name = strings[nodes[at + nameField] as number] ?? '?';
    const size = nodes[at + sizeField] as number;
    total += size;
    let key: string;
    if (type === 'object' || type === 'closure' || type === 'native') key = `${type} ${name}`;
    else if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
      // Classify by the start: relation ids ("rel/…"), entity ids ("org/…") and the rest.
      const slash = name.indexOf('/');
      key = `${type} ${slash > 0 && slash < 12 ? `${name.slice(0, slash + 1)}…` : name.length > 40 ? '(long)' : '(short)'}`;
    } else if (type === 'array' || type === 'hidden' || type === 'object shape') key = `${type} ${name.slice(0, 40)}`;
    else key = type;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += size;
    groups.set(key, g);
  }
  if (values.retainers) retainers(Number(values.retainers));
  const largest = Number(values.largest);
  if (largest > 0) {
    const at: number[] = [];
    for (let i = 0; i < count; i += fields) at.push(i);
    at.sort((a, b) => (nodes[b + sizeField] as number) - (nodes[a + sizeField] as number));
    console.log(`the ${largest} largest single objects:`);
    for (const i of at.slice(0, largest)) {
      const name = (strings[nodes[i + nameField] as number] ?? '?').slice(0, 50);
      console.log(
        `  ${mb(nodes[i + sizeField] as number).padStart(8)} MB  ${typeNames[nodes[i + typeField] as number]} ${name}`,
      );
    }
    console.log('');
  }
  /** For objects of about `size` MB, who holds them: the chain of first retainers, 5 deep. */
  function retainers(size: number): void {
    const edgeFields = 3;
    const countField = meta.node_fields.indexOf('edge_count');
    const parent = new Map<number, { from: number; edge: string }>();
    const edgeTypes = (meta as unknown as { edge_types: [string[]] }).edge_types[0];
    let e = 0;
    for (let at = 0; at < count; at += fields) {
      const n = nodes[at + countField] as number;
      for (let j = 0; j < n; j++, e += edgeFields) {
        const to = edges[e + 2] as number;
        const type = edgeTypes[edges[e] as number];
        if (type === 'weak' || parent.has(to)) continue;
        const nameOrIndex = edges[e + 1] as number;
        const edge = type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : (strings[nameOrIndex] ?? '?');
        parent.set(to, { from: at, edge });
      }
    }
    const label = (at: number) =>
      `${typeNames[nodes[at + typeField] as number]} ${(strings[nodes[at + nameField] as number] ?? '?').slice(0, 40)} (${mb(nodes[at + sizeField] as number)} MB)`;
    for (let at = 0; at < count; at += fields) {
      const bytes = nodes[at + sizeField] as number;
      if (Math.abs(bytes / 1_048_576 - size) > 0.05) continue;
      const chain = [label(at)];
      for (let up = parent.get(at), depth = 0; up && depth < 6; up = parent.get(up.from), depth++) {
        chain.push(`.${up.edge} of ${label(up.from)}`);
      }
      console.log(chain.join('\n    '));
    }
    console.log('');
  }
  console.log(`${path}: ${count / fields} heap objects, ${mb(total)} MB shallow in all\n`);
  console.log('| constructor or type | count | shallow (MB) | share |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [key, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
    console.log(
      `| ${key.replaceAll('|', '\\|')} | ${g.count} | ${mb(g.bytes)} | ${((100 * g.bytes) / total).toFixed(1)}% |`,
    );
  }
}

function pushString(bytes: number[], into: string[]): void {
  let text = Buffer.from(bytes).toString('utf8');
  if (text.endsWith(',')) text = text.slice(0, -1);
  else if (text.endsWith(']}')) text = text.slice(0, -2);
  else if (text.endsWith(']')) text = text.slice(0, -1);
  if (text.startsWith('"')) into.push(JSON.parse(text) as string);
}
