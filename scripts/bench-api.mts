/**
 * Latency of every root field of Query on the bundled graph-data, through yoga.fetch (parsing,
 * validation, limits and execution included, no network). The field list is read from the
 * schema itself, so a new root field without an operation here fails the run instead of
 * being silently left out.
 *
 *   npx tsx scripts/bench-api.mts [calls per field, default 1000]
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadGraphData } from '../src/graph/load.js';
import { schema } from '../src/schema/index.js';
import { createServer } from '../src/server/yoga.js';

const CALLS = Number(process.argv[2] ?? 1000);
const WARMUP = 50;

const MINISTRY = 'organ/ministry-of-public-security';
const CAMPAIGN = 'campaign/demonstration-city-creation';
const CHECKPOINTS = 'outcome/public-security-checkpoints-2023';
const DOC = 'source/improve-public-security-system';
const where = '(where: { nameContains: "police" }, first: 20) { totalCount edges { node { id name } } }';

/** One representative operation per root field: the kind of question a client asks. */
const OPERATIONS: Record<string, string> = {
  entity: `{ entity(id: "${MINISTRY}") { id name evidence { quote } } }`,
  entities: '{ entities(first: 20, where: { kinds: [ORGAN, REFORM] }) { totalCount edges { node { id name } } } }',
  search: '{ search(query: "public security", first: 10) { score entity { id } } }',
  node: `{ node(id: "${MINISTRY}") { id } }`,
  nodes: `{ nodes(ids: ["${MINISTRY}", "${CAMPAIGN}", "${CHECKPOINTS}"]) { id } }`,
  document: `{ document(id: "${DOC}") { id title } }`,
  documents: '{ documents { id title } }',
  relation: `{ relation(id: "rel/${MINISTRY}-LAUNCHED->${CAMPAIGN}") { id type } }`,
  kinds: '{ kinds { kind count } }',
  relationTypes: '{ relationTypes { type count } }',
  snapshot: '{ snapshot { version entityCount relationCount } }',
  neighborhood: `{ neighborhood(ids: ["${MINISTRY}"], depth: 2) { nodes { id } edges { id } truncated } }`,
  paths: `{ paths(from: "${MINISTRY}", to: "${CHECKPOINTS}", maxLength: 3) { length nodes { id } } }`,
  shortestPath: `{ shortestPath(from: "${MINISTRY}", to: "${CHECKPOINTS}") { length nodes { id } } }`,
  outcomeChains: `{ outcomeChains(from: "${CAMPAIGN}") { outcome { id } path { length } } }`,
  drivers: `{ drivers(outcome: "${CHECKPOINTS}") { entity { id } path { length } } }`,
  timeline: '{ timeline(from: "2022", to: "2023") { entity { id } date { text } } }',
  metrics: '{ metrics { metric } }',
  metricSeries: '{ metricSeries(metric: "public-security-checkpoints-built") { metric } }',
  conflicts: '{ conflicts { kind } }',
  organs: `{ organs${where} }`,
  sessions: '{ sessions(where: { dateFrom: "2015", dateTo: "2015" }) { totalCount edges { node { id } } } }',
  reforms: `{ reforms(where: { involving: "${MINISTRY}" }, first: 20) { totalCount edges { node { id } } } }`,
  campaigns: `{ campaigns${where} }`,
  outcomes: '{ outcomes(where: { yearFrom: 2023 }, first: 20) { totalCount edges { node { id value } } } }',
  people: '{ people(first: 20) { totalCount edges { node { id name } } } }',
  laws: '{ laws(first: 20) { totalCount edges { node { id name } } } }',
  officialDocuments: `{ officialDocuments(where: { document: "${DOC}" }) { totalCount edges { node { id } } } }`,
  stats: '{ stats { kinds { kind count } relationTypes { type count } documents { entityCount } } }',
  centrality: '{ centrality(measure: PAGERANK, first: 10) { rank score entity { id } } }',
  communities: '{ communities { id size kinds { kind count } members(first: 5) { id } } }',
  extract: `{ extract(text: ${JSON.stringify('In 2023 the Ministry of Public Security launched a special campaign; more than 12,000 cases were solved, up 8.5% from 2022.')}, published: "2024-01-10") { entities { name } outcomes { value unit } } }`,
  layout: `{ layout(focus: ["${MINISTRY}"], depth: 1) { nodes { id } edges { id } } }`,
};

const yoga = createServer({
  snapshot: loadGraphData(resolve(import.meta.dirname, '../graph-data')),
  logging: false,
});

async function run(query: string): Promise<void> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`${query}\n→ ${JSON.stringify(body.errors)}`);
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

const fields = Object.keys(schema.getQueryType()?.getFields() ?? {}).sort();
const missing = fields.filter((f) => !(f in OPERATIONS));
if (missing.length > 0) {
  console.error(`no benchmark operation for root field(s): ${missing.join(', ')}`);
  process.exit(1);
}

const rows: string[] = [];
for (const field of fields) {
  const op = OPERATIONS[field] as string;
  for (let i = 0; i < WARMUP; i++) await run(op);
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await run(op);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push(`| \`${field}\` | ${percentile(times, 50).toFixed(3)} | ${percentile(times, 99).toFixed(3)} |`);
}

const cpu = cpus();
console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);
console.log(`${CALLS} calls per field through yoga.fetch after ${WARMUP} warm-up calls; times in ms.\n`);
console.log('| root field | median (ms) | p99 (ms) |');
console.log('|---|---:|---:|');
for (const row of rows) console.log(row);
