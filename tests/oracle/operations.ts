/**
 * The oracle: a fixed, broad set of real requests against the bundled graph-data whose answers
 * were recorded (tests/oracle/answers/) before the store was reworked (issue 20), so any change
 * to the store must keep every answer byte for byte. Every root field runs with its default
 * arguments, then traversals sweep every entity (neighbourhoods, chains, drivers, timelines)
 * and pairs picked by a fixed rule (paths, shortest paths), records are read in full, and the
 * export routes are fetched.
 *
 * Some operations take their ids from earlier answers (the entity list), so the set grows with
 * the data but is fixed for one data set.
 */
import { recordSelection } from './selection.js';

export interface OracleRequest {
  /** Answers are grouped into one file per group. */
  readonly group: string;
  /** Unique within the group; the key an answer is compared under. */
  readonly name: string;
  readonly query?: string;
  readonly variables?: Record<string, unknown>;
  /** A GET route instead of a GraphQL operation. */
  readonly get?: string;
}

export interface OracleAnswer {
  readonly status: number;
  /** The body exactly as served. */
  readonly body: string;
}

export type Send = (request: OracleRequest) => Promise<OracleAnswer>;

const ENTITY = recordSelection('Entity');
const RELATION = recordSelection('Relation');
const DOCUMENT = recordSelection('Document');
const PATH = recordSelection('Path');
const SUBGRAPH = recordSelection('Subgraph');
const NODE = recordSelection('Node');

/** Traversal answers in full, but entities and relations by id (their contents are read elsewhere). */
const NEIGHBORHOOD_SEL = '{ nodes { id } edges { id } documents { id } truncated }';
const PATH_SEL = '{ length nodes { id } edges { id } hops { from { id } to { id } relations { id } } }';

const KIND_FIELDS = ['organs', 'sessions', 'reforms', 'campaigns', 'outcomes', 'people', 'laws', 'officialDocuments'];
const CHAIN_KINDS = new Set(['ORGAN', 'PLENARY_SESSION', 'REFORM', 'CAMPAIGN']);

/** The data of an answer later requests depend on: without it the set cannot go on. */
function json(answer: OracleAnswer): { data: Record<string, unknown> } {
  const parsed = JSON.parse(answer.body);
  if (!parsed.data || parsed.errors)
    throw new Error(`an answer the oracle builds on failed: ${answer.body.slice(0, 500)}`);
  return parsed;
}

function op(group: string, name: string, query: string, variables?: Record<string, unknown>): OracleRequest {
  return variables ? { group, name, query, variables } : { group, name, query };
}

/** Root fields with their default arguments (required ones given the first sensible value). */
function rootOperations(first: { entity: string; outcome: string; organ: string; relation: string }) {
  const g = 'roots';
  return [
    op(g, 'kinds', `{ kinds ${recordSelection('KindInfo')} }`),
    op(g, 'relationTypes', `{ relationTypes ${recordSelection('RelationTypeInfo')} }`),
    op(g, 'stats', `{ stats ${recordSelection('GraphStats')} }`),
    op(g, 'snapshot', '{ snapshot { documentCount entityCount relationCount } }'),
    op(g, 'documents', `{ documents ${DOCUMENT} }`),
    op(g, 'document', `query($id: ID!) { document(id: $id) ${DOCUMENT} }`, { id: 'demonstration-city-2023-05-20' }),
    op(g, 'entities', `{ entities { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`),
    ...KIND_FIELDS.map((f) =>
      op(g, f, `{ ${f} { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind name } } } }`),
    ),
    op(g, 'entity', `query($id: ID!) { entity(id: $id) ${ENTITY} }`, { id: first.entity }),
    op(g, 'node', `query($id: ID!) { node(id: $id) ${NODE} }`, { id: first.organ }),
    op(g, 'nodes', `query($ids: [ID!]!) { nodes(ids: $ids) ${NODE} }`, {
      ids: [first.organ, 'organ/nope', first.relation, 'source/demonstration-city-2023-05-20'],
    }),
    op(g, 'relation', `query($id: ID!) { relation(id: $id) ${RELATION} }`, { id: first.relation }),
    op(g, 'centrality', `{ centrality ${recordSelection('CentralityScore')} }`),
    op(g, 'communities', `{ communities ${recordSelection('Community')} }`),
    op(g, 'conflicts', `{ conflicts ${recordSelection('ConflictGroup')} }`),
    op(g, 'metrics', `{ metrics ${recordSelection('MetricSummary')} }`),
    op(g, 'timeline', `{ timeline ${recordSelection('TimelineEntry')} }`),
    op(g, 'neighborhood', `query($ids: [ID!]!) { neighborhood(ids: $ids) ${SUBGRAPH} }`, { ids: [first.organ] }),
    op(g, 'outcomeChains', `query($from: ID!) { outcomeChains(from: $from) { outcome { id } path ${PATH} } }`, {
      from: first.organ,
    }),
    op(g, 'drivers', `query($o: ID!) { drivers(outcome: $o) { entity { id } path ${PATH} } }`, { o: first.outcome }),
    op(g, 'search', `{ search(query: "public security") ${recordSelection('SearchHit')} }`),
    op(g, 'passages', `{ passages(query: "police station") ${recordSelection('Passage')} }`),
    op(g, 'metricSeries', `query($m: String!) { metricSeries(metric: $m) ${recordSelection('MetricSeries')} }`, {
      m: 'nope',
    }),
    op(
      g,
      'extract',
      `query($t: String!) { extract(text: $t, published: "2023-05-20") ${recordSelection('Extraction')} }`,
      {
        t: 'The Ministry of Public Security launched the demonstration city creation campaign last year. It built 4,000 public security checkpoints and 21,000 street police stations.',
      },
    ),
    op(g, 'layout', `{ layout ${recordSelection('Layout')} }`),
  ];
}

function pick<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  const step = list.length / count;
  return Array.from({ length: count }, (_, i) => list[Math.floor(i * step)] as T);
}

interface Listed {
  readonly id: string;
  readonly kind: string;
}

async function listEntities(send: Send, record: (r: OracleRequest, a: OracleAnswer) => void): Promise<Listed[]> {
  const all: Listed[] = [];
  let after: string | null = null;
  for (let page = 0; ; page++) {
    const request = op(
      'records',
      `entities-page-${page}`,
      `query($after: String) { entities(first: 8, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node ${ENTITY} } } }`,
      { after },
    );
    const answer = await send(request);
    record(request, answer);
    const connection = json(answer).data.entities as {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Listed }[];
    };
    all.push(...connection.edges.map((e) => ({ id: e.node.id, kind: e.node.kind })));
    if (!connection.pageInfo.hasNextPage) return all;
    after = connection.pageInfo.endCursor;
  }
}

/**
 * Runs the whole set, handing each request and its answer to `record` in a fixed order.
 * Returns how many requests ran.
 */
export async function runOracle(send: Send, record: (r: OracleRequest, a: OracleAnswer) => void): Promise<number> {
  let count = 0;
  const run = async (request: OracleRequest): Promise<OracleAnswer> => {
    const answer = await send(request);
    record(request, answer);
    count++;
    return answer;
  };

  const entities = await listEntities(send, (r, a) => {
    record(r, a);
    count++;
  });
  const ids = entities.map((e) => e.id);
  const ofKind = (kind: string) => entities.filter((e) => e.kind === kind).map((e) => e.id);
  const outcomes = ofKind('OUTCOME');
  const organs = ofKind('ORGAN');
  const chainStarts = entities.filter((e) => CHAIN_KINDS.has(e.kind)).map((e) => e.id);

  // Every relation in full: their ids through the entities' relation lists, then each record.
  const relationIds = new Set<string>();
  for (const [i, chunk] of chunks(ids, 8).entries()) {
    const answer = await run(
      op(
        'relations',
        `relations-of-${i}`,
        'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { relations(first: 100) { totalCount edges { cursor node { id type sourceId targetId } } } } } }',
        { ids: chunk },
      ),
    );
    const nodes = json(answer).data.nodes as {
      id: string;
      relations: { totalCount: number; edges: { cursor: string; node: { id: string } }[] };
    }[];
    for (const n of nodes) {
      for (const e of n.relations.edges) relationIds.add(e.node.id);
      let after = n.relations.edges.at(-1)?.cursor;
      for (let page = 1; n.relations.totalCount > 100 && after; page++) {
        const more = await run(
          op(
            'relations',
            `relations-of-${n.id}-${page}`,
            'query($id: ID!, $after: String) { entity(id: $id) { relations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { id type sourceId targetId } } } } }',
            { id: n.id, after },
          ),
        );
        const next = (
          json(more).data.entity as {
            relations: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] };
          }
        ).relations;
        for (const e of next.edges) relationIds.add(e.node.id);
        after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : undefined;
      }
    }
  }
  const relations = [...relationIds].sort();
  for (const [i, chunk] of chunks(relations, 20).entries()) {
    await run(op('relations', `records-${i}`, `query($ids: [ID!]!) { nodes(ids: $ids) ${NODE} }`, { ids: chunk }));
  }

  for (const request of rootOperations({
    entity: ids[0] as string,
    outcome: outcomes[0] as string,
    organ: organs[0] as string,
    relation: relations[0] as string,
  })) {
    await run(request);
  }

  // Arguments beyond the defaults.
  for (const f of KIND_FIELDS) {
    await run(
      op(
        'lists',
        `${f}-last-5`,
        `{ ${f}(last: 5) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
      ),
    );
  }
  for (const kind of ['ORGAN', 'OUTCOME', 'REFORM', 'PERSON']) {
    await run(
      op(
        'lists',
        `entities-kind-${kind}`,
        `{ entities(kind: ${kind}, first: 100) { totalCount edges { node { id } } } }`,
      ),
    );
  }
  await run(
    op(
      'lists',
      'outcomes-where-year',
      '{ outcomes(first: 100, where: { yearFrom: 2015, yearTo: 2020 }) { totalCount edges { node { id } } } }',
    ),
  );
  for (const measure of ['DEGREE', 'BETWEENNESS', 'PAGERANK']) {
    await run(
      op(
        'analytics',
        `centrality-${measure}`,
        `{ centrality(measure: ${measure}, first: 50) { entity { id } score rank } }`,
      ),
    );
  }
  await run(
    op('analytics', 'centrality-organs', '{ centrality(kind: ORGAN, first: 20) { entity { id } score rank } }'),
  );
  for (const resolve of ['ALL', 'LATEST_PUBLISHED', 'EARLIEST_PUBLISHED', 'HIGHEST']) {
    await run(
      op(
        'analytics',
        `conflicts-${resolve}`,
        `{ conflicts(resolve: ${resolve}, asOf: "2022") ${recordSelection('ConflictGroup')} }`,
      ),
    );
  }
  const metricsAnswer = await run(op('metrics', 'metric-keys', '{ metrics { metric } }'));
  const metricKeys = (json(metricsAnswer).data.metrics as { metric: string }[]).map((m) => m.metric);
  for (const m of metricKeys) {
    await run(
      op(
        'metrics',
        `series-${m}`,
        `query($m: String!) { metricSeries(metric: $m) ${recordSelection('MetricSeries')} }`,
        { m },
      ),
    );
  }
  await run(
    op(
      'metrics',
      'series-asOf',
      `query($m: String!) { metricSeries(metric: $m, asOf: "2020") ${recordSelection('MetricSeries')} }`,
      { m: metricKeys[0] },
    ),
  );

  for (const q of ['ministry', 'police station', '"public security"', '218,000', '公安', 'refrom', 'hukou', 'fraud']) {
    await run(
      op(
        'search',
        `search-${q}`,
        `query($q: String!) { search(query: $q, first: 20) ${recordSelection('SearchHit')} }`,
        { q },
      ),
    );
  }
  await run(
    op(
      'search',
      'search-in-kinds',
      '{ search(query: "reform", in: [NAME, ALIAS], kinds: [REFORM, CAMPAIGN], first: 20) { entity { id } score matchType matchedOn matchedText } }',
    ),
  );
  for (const q of ['public security', '"household registration"', 'fraud cases', '110']) {
    await run(
      op(
        'search',
        `passages-${q}`,
        `query($q: String!) { passages(query: $q, first: 10) ${recordSelection('Passage')} }`,
        { q },
      ),
    );
  }

  // Timelines: windows, precision, and one per sampled entity.
  const timelineSel = '{ entity { id } date { text precision } dateField withinWindow }';
  for (const [name, args] of [
    ['2015-2018', 'from: "2015", to: "2018"'],
    ['2023-05', 'from: "2023-05", to: "2023-05"'],
    ['day-precision', 'minPrecision: DAY, limit: 200'],
    ['kinds', 'kinds: [PLENARY_SESSION, CAMPAIGN]'],
  ] as const) {
    await run(op('timeline', name, `{ timeline(${args}) ${timelineSel} }`));
  }
  for (const id of pick(ids, 60)) {
    await run(op('timeline', `involving-${id}`, `query($id: ID!) { timeline(involving: $id) ${timelineSel} }`, { id }));
  }

  // Neighbourhoods: every entity at depth 1 and 2, a sample deeper and with filters.
  const hood = `query($ids: [ID!]!, $depth: Int, $direction: Direction, $types: [RelationType!], $kinds: [EntityKind!], $assertions: [Assertion!], $limit: Int) {
    neighborhood(ids: $ids, depth: $depth, direction: $direction, relationTypes: $types, kinds: $kinds, assertions: $assertions, limit: $limit) ${NEIGHBORHOOD_SEL} }`;
  for (const depth of [1, 2]) {
    for (const id of ids) await run(op('neighborhood', `d${depth}-${id}`, hood, { ids: [id], depth }));
  }
  for (const id of pick(ids, 40)) {
    await run(op('neighborhood-args', `d3-${id}`, hood, { ids: [id], depth: 3, limit: 500 }));
    await run(op('neighborhood-args', `d2-out-${id}`, hood, { ids: [id], depth: 2, direction: 'OUT' }));
    await run(op('neighborhood-args', `d2-in-${id}`, hood, { ids: [id], depth: 2, direction: 'IN' }));
    await run(op('neighborhood-args', `d1-mentions-${id}`, hood, { ids: [id], types: ['MENTIONS', 'PRODUCED'] }));
    await run(op('neighborhood-args', `d2-stated-${id}`, hood, { ids: [id], depth: 2, assertions: ['STATED'] }));
    await run(op('neighborhood-args', `d2-kinds-${id}`, hood, { ids: [id], depth: 2, kinds: ['OUTCOME', 'ORGAN'] }));
    await run(op('neighborhood-args', `d2-limit-${id}`, hood, { ids: [id], depth: 2, limit: 7 }));
    await run(
      op('neighborhood-args', `d2-types-${id}`, hood, {
        ids: [id],
        depth: 2,
        types: ['PART_OF', 'IMPLEMENTS', 'PRODUCED', 'PROPOSED'],
      }),
    );
  }
  for (const [i, seeds] of chunks(pick(ids, 30), 3).entries()) {
    await run(op('neighborhood-args', `multi-${i}`, hood, { ids: seeds, depth: 2, limit: 300 }));
  }
  await run(op('neighborhood-args', 'd4-hub', hood, { ids: [organs[0]], depth: 4, limit: 500 }));

  // Entity-level neighbours and relations with arguments.
  const neigh = `query($id: ID!) { entity(id: $id) { id
    both: neighbors { id } out: neighbors(direction: OUT) { id } in: neighbors(direction: IN) { id }
    typed: neighbors(types: [PRODUCED, PART_OF, MENTIONS]) { id } kinds: neighbors(kinds: [OUTCOME, ORGAN]) { id }
    stated: neighbors(assertions: [STATED]) { id }
    rOut: relations(direction: OUT, first: 100) { totalCount edges { node { id } } }
    rTyped: relations(types: [PRODUCED, REPORTED], first: 100) { totalCount edges { node { id } } }
    rLast: relations(last: 3) { totalCount pageInfo { hasPreviousPage startCursor } edges { cursor node { id } } } } }`;
  for (const id of pick(ids, 80)) await run(op('neighbors', id, neigh, { id }));

  // Chains and drivers for every possible start.
  const chains = `query($from: ID!, $maxDepth: Int, $assertions: [Assertion!]) { outcomeChains(from: $from, maxDepth: $maxDepth, assertions: $assertions) { outcome { id } path ${PATH_SEL} } }`;
  for (const id of chainStarts) await run(op('outcomeChains', id, chains, { from: id }));
  for (const id of pick(chainStarts, 20)) {
    await run(op('outcomeChains-args', `d6-${id}`, chains, { from: id, maxDepth: 6 }));
    await run(op('outcomeChains-args', `stated-${id}`, chains, { from: id, assertions: ['STATED'] }));
  }
  const drivers = `query($o: ID!, $maxDepth: Int) { drivers(outcome: $o, maxDepth: $maxDepth) { entity { id } path ${PATH_SEL} } }`;
  for (const id of outcomes) await run(op('drivers', id, drivers, { o: id }));
  for (const id of pick(outcomes, 20)) await run(op('drivers-args', `d6-${id}`, drivers, { o: id, maxDepth: 6 }));

  // Paths between pairs fixed by a rule over the id order, both directed and not.
  const pathQ = `query($from: ID!, $to: ID!, $directed: Boolean, $maxLength: Int, $types: [RelationType!], $assertions: [Assertion!]) {
    paths(from: $from, to: $to, directed: $directed, maxLength: $maxLength, relationTypes: $types, assertions: $assertions) ${PATH_SEL}
    shortestPath(from: $from, to: $to, directed: $directed, relationTypes: $types, assertions: $assertions) ${PATH_SEL} }`;
  const starts = pick(chainStarts, 40);
  const ends = pick([...outcomes, ...organs], 40);
  for (const [i, from] of starts.entries()) {
    const to = ends[(i * 7 + 3) % ends.length] as string;
    await run(op('paths', `directed-${from}-${to}`, pathQ, { from, to }));
    const other = ids[(i * 37 + 11) % ids.length] as string;
    await run(op('paths', `undirected-${from}-${other}`, pathQ, { from, to: other, directed: false }));
    await run(op('paths', `undirected5-${from}-${to}`, pathQ, { from, to, directed: false, maxLength: 5, first: 30 }));
  }
  for (const [i, from] of pick(ids, 20).entries()) {
    const to = ids[(i * 53 + 29) % ids.length] as string;
    await run(
      op('paths-args', `typed-${from}-${to}`, pathQ, {
        from,
        to,
        directed: false,
        types: ['PART_OF', 'IMPLEMENTS', 'PRODUCED', 'PROPOSED', 'LAUNCHED'],
      }),
    );
    await run(op('paths-args', `stated-${from}-${to}`, pathQ, { from, to, directed: false, assertions: ['STATED'] }));
  }
  await run(
    op(
      'paths-args',
      'full-path',
      `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, directed: false) ${PATH} }`,
      { from: organs[0], to: outcomes[0] },
    ),
  );

  // Layouts and exports.
  await run(
    op('layout', 'focus', `query($f: [ID!]) { layout(focus: $f, depth: 2) ${recordSelection('Layout')} }`, {
      f: [organs[0]],
    }),
  );
  await run(
    op(
      'layout',
      'kinds',
      `{ layout(kinds: [ORGAN, CAMPAIGN, REFORM], relationTypes: [LAUNCHED, PROPOSED, PART_OF]) { nodes { id x y size } edges { id } } }`,
    ),
  );
  for (const route of ['/export/graph.json', '/export/cytoscape.json', '/export/graph.gexf', '/export/graph.graphml']) {
    await run({ group: 'exports', name: route, get: route });
  }
  await run({
    group: 'exports',
    name: 'focus',
    get: `/export/graph.json?focus=${encodeURIComponent(organs[0] as string)}&depth=2`,
  });

  // Errors are answers too.
  for (const [name, q] of [
    ['unknown-entity', '{ entity(id: "organ/nope") { id } }'],
    ['paths-mentions', `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, relationTypes: [MENTIONS]) { length } }`],
    ['depth-too-deep', `query($a: [ID!]!) { neighborhood(ids: $a, depth: 9) { truncated } }`],
    ['unknown-seed', '{ neighborhood(ids: ["organ/nope"]) { truncated } }'],
    ['chains-not-a-driver', `query($a: ID!) { outcomeChains(from: $a) { outcome { id } } }`],
  ] as const) {
    await run(
      op('errors', name, q, {
        a: name === 'depth-too-deep' ? [organs[0]] : name === 'chains-not-a-driver' ? outcomes[0] : organs[0],
        b: outcomes[0],
      }),
    );
  }
  return count;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
