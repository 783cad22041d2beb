/**
 * CPU time per answer of the GraphQL work alone, in process: the two benchmark operations
 * (bench/operations.ts) compiled with graphql-jit as the server compiles them (jit.ts), run
 * over the benchmark's id sample, then written to JSON the way the fast path does (the compiled
 * writer that the fast path used before 2026-11-30 night) and the way mercurius and now the fast
 * path do (JSON.stringify), each timed apart. No HTTP, no load generator: on a machine
 * whose load average is 25, where HTTP throughput says nothing, this still compares two code
 * trees. Run it from each tree, alternating, and compare medians.
 *
 *   npx tsx bench/execute-cpu.mts --snapshot FILE [--rounds 5] [--answers 2000]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { readSnapshotFile } from '../src/graph/snapshot-file.js';
import { prepareTraversal } from '../src/graph/traversal.js';
import { schema } from '../src/schema/index.js';
import { CompiledOperations } from '../src/server/jit.js';
import { sampleIds, WORKLOADS, type Workload } from './operations.js';

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    answers: { type: 'string', default: '2000' },
    label: { type: 'string', default: 'this tree' },
  },
});
if (!values.snapshot) throw new Error('--snapshot FILE is required');
const snapshot = readSnapshotFile(values.snapshot);
prepareTraversal(snapshot);
const ids = sampleIds(snapshot, 1000);
const operations = new CompiledOperations();
const answers = Number(values.answers);
/** graphql-jit's compiled JSON writer for each operation (customJSONSerializer), as the fast path used it. */
const writers = new Map<Workload, (result: { data: unknown }) => string>();
for (const [workload, op] of Object.entries(WORKLOADS) as [Workload, (typeof WORKLOADS)[Workload]][]) {
  const query = compileQuery(schema, parse(op.query), op.operationName, { customJSONSerializer: true });
  if (!isCompiledQuery(query)) throw new Error(`${workload} did not compile with a writer`);
  writers.set(workload, query.stringify);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const cpuUs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

/**
 * One round of a workload: CPU µs per answer to execute `answers` answers, then to write the
 * same results with the compiled writer and with JSON.stringify (the same data, one after the
 * other, so the writers are compared on equal terms), and how many answers were promises.
 */
async function round(workload: Workload) {
  const op = WORKLOADS[workload];
  const compiled = operations.compile(schema, parse(op.query), op.operationName);
  const writer = writers.get(workload);
  if (!compiled || !writer) throw new Error(`${workload} did not compile`);
  const results: unknown[] = [];
  let promises = 0;
  let cpu = process.cpuUsage();
  for (let i = 0; i < answers; i++) {
    let result = compiled.query.query(undefined, { snapshot }, { id: ids[i % ids.length] });
    if (result instanceof Promise) {
      promises++;
      result = await result;
    }
    if (result.errors) throw new Error(`${workload}: ${result.errors[0]?.message}`);
    results.push(result.data);
  }
  const execute = cpuUs(cpu) / answers;
  let bytes = 0;
  cpu = process.cpuUsage();
  for (const data of results) bytes += writer({ data }).length;
  const written = cpuUs(cpu) / answers;
  cpu = process.cpuUsage();
  for (const data of results) bytes -= JSON.stringify({ data }).length;
  const stringify = cpuUs(cpu) / answers;
  if (bytes !== 0) throw new Error(`${workload}: the two writers disagree`);
  return { execute, writer: written, stringify, promises };
}

const rounds = Number(values.rounds);
const lines: string[] = [];
for (const workload of Object.keys(WORKLOADS) as Workload[]) {
  await round(workload); // warm-up: compile, optimise
  const figures = [];
  for (let r = 0; r < rounds; r++) figures.push(await round(workload));
  const cell = (xs: number[]) =>
    `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)})`;
  lines.push(
    `| ${values.label} | ${workload} | ${cell(figures.map((f) => f.execute))} | ${cell(figures.map((f) => f.writer))} | ` +
      `${cell(figures.map((f) => f.stringify))} | ${((100 * (figures[0]?.promises ?? 0)) / answers).toFixed(0)}% |`,
  );
}
console.log(
  `${answers} answers a round, ${rounds} rounds; CPU µs per answer, median (min-max); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  '| tree | operation | execute (jit) | write: compiled writer (ours) | write: JSON.stringify (mercurius) | answers that were promises |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const line of lines) console.log(line);
