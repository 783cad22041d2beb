import { describe, expect, it } from 'vitest';
import { TRAVERSAL_LIMITS } from '../../src/graph/traversal-limits.js';
import { errorCodes, execute, query } from '../helpers/graphql.js';

// Facts of document 004 (demonstration-city-2023-05-20), which other documents only add to.
const MINISTRY = 'organ/ministry-of-public-security';
const CAMPAIGN = 'campaign/demonstration-city-creation';
const CHECKPOINTS = 'outcome/public-security-checkpoints-2023';
const CAMPAIGN_OUTCOMES = [
  CHECKPOINTS,
  'outcome/street-police-stations-2023',
  'outcome/daily-social-patrol-forces-2023',
];

interface Rel {
  id: string;
  type: string;
  sourceId: string;
  targetId: string;
  evidence: { quote: string }[];
}
interface Path {
  length: number;
  nodes: { id: string }[];
  edges: Rel[];
}

const PATH = 'length nodes { id } edges { id type sourceId targetId evidence { quote } }';
const ids = (list: { id: string }[]) => list.map((n) => n.id);

/** edges[i] must join nodes[i] and nodes[i + 1]; `directed` also fixes which end is which. */
function expectWellFormed(path: Path, directed: boolean) {
  expect(path.nodes).toHaveLength(path.length + 1);
  expect(path.edges).toHaveLength(path.length);
  path.edges.forEach((e, i) => {
    const ends = [path.nodes[i]?.id, path.nodes[i + 1]?.id];
    if (directed) expect([e.sourceId, e.targetId]).toEqual(ends);
    else expect([e.sourceId, e.targetId].sort()).toEqual([...ends].sort());
  });
  expect(new Set(ids(path.nodes)).size).toBe(path.nodes.length);
}

describe('neighborhood', () => {
  const NEIGHBORHOOD = `query($ids: [ID!]!, $depth: Int, $direction: Direction, $types: [RelationType!], $kinds: [EntityKind!], $limit: Int) {
    neighborhood(ids: $ids, depth: $depth, direction: $direction, relationTypes: $types, kinds: $kinds, limit: $limit) {
      nodes { id kind } documents { id } edges { id type sourceId targetId } truncated
    }
  }`;

  it('reaches the campaign and its outcomes within 2 hops of the Ministry, seed first, without documents', async () => {
    const { neighborhood: n } = await query(NEIGHBORHOOD, { ids: [MINISTRY], depth: 2, limit: 500 });
    const nodes = ids(n.nodes);
    expect(nodes[0]).toBe(MINISTRY);
    expect(nodes).toEqual(
      expect.arrayContaining([CAMPAIGN, ...CAMPAIGN_OUTCOMES, 'organ/national-public-security-organs']),
    );
    expect(new Set(nodes).size).toBe(nodes.length);
    expect(n.documents).toEqual([]);
    const kept = new Set(nodes);
    for (const e of n.edges as Rel[]) {
      expect(e.type).not.toBe('MENTIONS');
      expect(kept.has(e.sourceId) && kept.has(e.targetId)).toBe(true);
    }
    expect(ids(n.edges)).toEqual([...ids(n.edges)].sort((a, b) => a.localeCompare(b)));
    expect(ids(n.edges)).toContain(`rel/${MINISTRY}-LAUNCHED->${CAMPAIGN}`);
  });

  it('orders by hop distance, then id: what the Ministry launched comes before what that produced', async () => {
    const { neighborhood: n } = await query(NEIGHBORHOOD, {
      ids: [MINISTRY],
      depth: 2,
      direction: 'OUT',
      types: ['LAUNCHED', 'PRODUCED'],
      limit: 500,
    });
    const nodes = ids(n.nodes);
    expect(nodes).toEqual(expect.arrayContaining([CAMPAIGN, ...CAMPAIGN_OUTCOMES]));
    const edges: Rel[] = n.edges;
    for (const e of edges) expect(['LAUNCHED', 'PRODUCED']).toContain(e.type);
    const byId = (a: string, b: string) => a.localeCompare(b);
    const oneHop = edges.filter((e) => e.sourceId === MINISTRY).map((e) => e.targetId);
    const firstRing = [...new Set(oneHop)].sort(byId);
    const secondRing = nodes.filter((id) => id !== MINISTRY && !firstRing.includes(id)).sort(byId);
    expect(nodes).toEqual([MINISTRY, ...firstRing, ...secondRing]);
    expect(firstRing).toContain(CAMPAIGN);
    expect(secondRing).toEqual(expect.arrayContaining(CAMPAIGN_OUTCOMES));
  });

  it('keeps only the asked kinds besides the seed, still passing through others', async () => {
    const { neighborhood: n } = await query(NEIGHBORHOOD, {
      ids: [MINISTRY],
      depth: 2,
      direction: 'OUT',
      types: ['LAUNCHED', 'PRODUCED'],
      kinds: ['OUTCOME'],
    });
    expect(n.nodes[0]).toEqual({ id: MINISTRY, kind: 'ORGAN' });
    expect(n.nodes.slice(1).every((x: { kind: string }) => x.kind === 'OUTCOME')).toBe(true);
    expect(ids(n.nodes)).toEqual(expect.arrayContaining(CAMPAIGN_OUTCOMES));
  });

  it('says when the limit cut the answer', async () => {
    const { neighborhood: n } = await query(NEIGHBORHOOD, { ids: [MINISTRY], depth: 2, limit: 2 });
    expect(n.nodes).toHaveLength(2);
    expect(n.nodes[0].id).toBe(MINISTRY);
    expect(n.truncated).toBe(true);
  });

  it('follows MENTIONS to source documents only when asked', async () => {
    const { neighborhood: n } = await query(NEIGHBORHOOD, { ids: [CAMPAIGN], depth: 1, types: ['MENTIONS'] });
    expect(ids(n.documents)).toContain('source/demonstration-city-2023-05-20');
    expect(ids(n.nodes)).toEqual([CAMPAIGN]);
    expect(n.edges.every((e: Rel) => e.type === 'MENTIONS' && e.targetId === CAMPAIGN)).toBe(true);
  });
});

describe('paths and shortestPath', () => {
  it('lists the simple paths from the Ministry to the checkpoints outcome, shortest first, then by ids', async () => {
    const data = await query(
      `{ paths(from: "${MINISTRY}", to: "${CHECKPOINTS}", maxLength: 4, first: 100) { ${PATH} } }`,
    );
    const found: Path[] = data.paths;
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const p of found) {
      expectWellFormed(p, true);
      expect(p.length).toBeLessThanOrEqual(4);
      expect(p.nodes[0]?.id).toBe(MINISTRY);
      expect(p.nodes[p.length]?.id).toBe(CHECKPOINTS);
    }
    const keys = found.map((p) => [p.length, ids(p.nodes).join(' '), ids(p.edges).join(' ')] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));
    expect(keys).toEqual(sorted);
    // The Ministry reported the figure itself, and launched the campaign that produced it.
    expect(found[0]?.edges.map((e) => e.type)).toEqual(['REPORTED']);
    expect(found.map((p) => ids(p.nodes))).toContainEqual([MINISTRY, CAMPAIGN, CHECKPOINTS]);
  });

  it('follows relations either way when directed is false', async () => {
    const data = await query(
      `{ paths(from: "${CHECKPOINTS}", to: "${MINISTRY}", maxLength: 2, directed: false) { ${PATH} } }`,
    );
    expect(data.paths.length).toBeGreaterThanOrEqual(2);
    for (const p of data.paths as Path[]) expectWellFormed(p, false);
    const directed = await query(`{ paths(from: "${CHECKPOINTS}", to: "${MINISTRY}", maxLength: 2) { length } }`);
    expect(directed.paths).toEqual([]);
  });

  it('finds one shortest path over the given types, or null', async () => {
    const data = await query(`{
      via: shortestPath(from: "${MINISTRY}", to: "${CHECKPOINTS}", relationTypes: [LAUNCHED, PRODUCED]) { ${PATH} }
      none: shortestPath(from: "${CHECKPOINTS}", to: "${MINISTRY}", relationTypes: [PRODUCED]) { length }
    }`);
    expectWellFormed(data.via, true);
    expect(ids(data.via.nodes)).toEqual([MINISTRY, CAMPAIGN, CHECKPOINTS]);
    expect(data.via.edges.map((e: Rel) => e.type)).toEqual(['LAUNCHED', 'PRODUCED']);
    expect(data.none).toBeNull();
  });
});

describe('outcomeChains and drivers', () => {
  it('reaches every outcome the demonstration-city campaign produced, with evidence on every relation', async () => {
    const data = await query(`{ outcomeChains(from: "${CAMPAIGN}") { outcome { id kind value } path { ${PATH} } } }`);
    const chains: { outcome: { id: string; kind: string }; path: Path }[] = data.outcomeChains;
    expect(chains.map((c) => c.outcome.id)).toEqual(expect.arrayContaining(CAMPAIGN_OUTCOMES));
    for (const c of chains) {
      expect(c.outcome.kind).toBe('OUTCOME');
      expectWellFormed(c.path, false);
      expect(c.path.nodes[0]?.id).toBe(CAMPAIGN);
      expect(c.path.nodes[c.path.length]?.id).toBe(c.outcome.id);
      for (const e of c.path.edges) expect(e.evidence.length).toBeGreaterThan(0);
    }
    const checkpoints = chains.find((c) => c.outcome.id === CHECKPOINTS);
    expect(checkpoints?.outcome).toMatchObject({ value: 5026 });
    expect(checkpoints?.path.edges.map((e) => e.type)).toEqual(['PRODUCED']);
    expect(chains.map((c) => c.path.length)).toEqual([...chains.map((c) => c.path.length)].sort((a, b) => a - b));
  });

  it('traces the checkpoints outcome back to the campaign and the Ministry that launched it', async () => {
    const data = await query(`{ drivers(outcome: "${CHECKPOINTS}") { entity { id kind } path { ${PATH} } } }`);
    const found: { entity: { id: string; kind: string }; path: Path }[] = data.drivers;
    const byId = new Map(found.map((d) => [d.entity.id, d]));
    expect(byId.get(CAMPAIGN)?.path.edges.map((e) => e.type)).toEqual(['PRODUCED']);
    expect(ids(byId.get(MINISTRY)?.path.nodes ?? [])).toEqual([MINISTRY, CAMPAIGN, CHECKPOINTS]);
    expect(byId.get(MINISTRY)?.path.edges.map((e) => e.type)).toEqual(['LAUNCHED', 'PRODUCED']);
    for (const d of found) {
      expect(['ORGAN', 'PLENARY_SESSION', 'REFORM', 'CAMPAIGN']).toContain(d.entity.kind);
      expect(d.path.nodes[0]?.id).toBe(d.entity.id);
      expect(d.path.nodes[d.path.length]?.id).toBe(CHECKPOINTS);
      for (const e of d.path.edges) expect(e.evidence.length).toBeGreaterThan(0);
    }
    expect(found.map((d) => d.path.length)).toEqual([...found.map((d) => d.path.length)].sort((a, b) => a - b));
  });
});

describe('timeline', () => {
  const TIMELINE = `query($from: String, $to: String, $kinds: [EntityKind!], $involving: ID) {
    timeline(from: $from, to: $to, kinds: $kinds, involving: $involving) {
      entity { id } date { text precision firstDay lastDay } dateField
    }
  }`;
  type Entry = {
    entity: { id: string };
    date: { text: string; precision: string; firstDay: string; lastDay: string };
    dateField: string;
  };

  it('lists dated entities in date order, keeping each date at its precision', async () => {
    const entries: Entry[] = (await query(TIMELINE)).timeline;
    const firstDays = entries.map((e) => e.date.firstDay);
    expect(firstDays).toEqual([...firstDays].sort());
    const byId = new Map(entries.map((e) => [e.entity.id, e]));
    expect(byId.get(CAMPAIGN)).toMatchObject({
      date: { text: '2022', precision: 'YEAR', firstDay: '2022-01-01' },
      dateField: 'START',
    });
    expect(byId.get(CHECKPOINTS)).toMatchObject({
      date: { text: '2023-05', precision: 'MONTH' },
      dateField: 'PERIOD_END',
    });
    expect(byId.get('outcome/zero-incident-residential-areas-2022')).toMatchObject({
      date: { text: '2022', precision: 'YEAR' },
      dateField: 'YEAR',
    });
    expect(firstDays.indexOf(byId.get(CAMPAIGN)?.date.firstDay ?? '')).toBeLessThan(
      entries.indexOf(byId.get(CHECKPOINTS) as Entry),
    );
  });

  it('keeps entities whose date overlaps the range, of the asked kinds, around one entity', async () => {
    const ranged: Entry[] = (await query(TIMELINE, { from: '2023-05', to: '2023' })).timeline;
    expect(ids(ranged.map((e) => e.entity))).toContain(CHECKPOINTS);
    expect(ranged.every((e) => e.date.lastDay >= '2023-05-01' && e.date.firstDay <= '2023-12-31')).toBe(true);

    const around: Entry[] = (await query(TIMELINE, { involving: CAMPAIGN, kinds: ['OUTCOME', 'CAMPAIGN'] })).timeline;
    expect(ids(around.map((e) => e.entity))).toEqual(expect.arrayContaining([CAMPAIGN, ...CAMPAIGN_OUTCOMES]));
    expect(ids(around.map((e) => e.entity))).not.toContain('outcome/zero-incident-residential-areas-2022');
  });
});

describe('typed errors', () => {
  const L = TRAVERSAL_LIMITS;
  it.each([
    [
      'neighborhood depth',
      `{ neighborhood(ids: ["${MINISTRY}"], depth: ${L.maxDepth + 1}) { truncated } }`,
      'LIMIT_EXCEEDED',
      'depth',
    ],
    [
      'neighborhood limit',
      `{ neighborhood(ids: ["${MINISTRY}"], limit: ${L.maxNodes + 1}) { truncated } }`,
      'LIMIT_EXCEEDED',
      'limit',
    ],
    [
      'paths maxLength',
      `{ paths(from: "${MINISTRY}", to: "${CHECKPOINTS}", maxLength: ${L.maxPathLength + 1}) { length } }`,
      'LIMIT_EXCEEDED',
      'maxLength',
    ],
    [
      'paths first',
      `{ paths(from: "${MINISTRY}", to: "${CHECKPOINTS}", first: ${L.maxPaths + 1}) { length } }`,
      'LIMIT_EXCEEDED',
      'first',
    ],
    [
      'outcomeChains maxDepth',
      `{ outcomeChains(from: "${CAMPAIGN}", maxDepth: ${L.maxChainDepth + 1}) { path { length } } }`,
      'LIMIT_EXCEEDED',
      'maxDepth',
    ],
    [
      'drivers first',
      `{ drivers(outcome: "${CHECKPOINTS}", first: ${L.maxPaths + 1}) { path { length } } }`,
      'LIMIT_EXCEEDED',
      'first',
    ],
    ['timeline limit', `{ timeline(limit: ${L.maxNodes + 1}) { dateField } }`, 'LIMIT_EXCEEDED', 'limit'],
  ])('%s over its limit is LIMIT_EXCEEDED naming the limit', async (_name, q, code, limit) => {
    const result = await execute(q);
    expect(errorCodes(result)).toEqual([code]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ limit });
  });

  it('refuses more seeds than allowed', async () => {
    const seeds = Array.from({ length: L.maxSeeds + 1 }, (_, i) => `organ/seed-${i}`);
    const result = await execute('query($ids: [ID!]!) { neighborhood(ids: $ids) { truncated } }', { ids: seeds });
    expect(errorCodes(result)).toEqual(['LIMIT_EXCEEDED']);
  });

  it.each([
    ['unknown seed', `{ neighborhood(ids: ["organ/ministry-of-silly-walks"]) { truncated } }`],
    ['unknown path end', `{ paths(from: "${MINISTRY}", to: "outcome/nothing") { length } }`],
    ['unknown shortestPath start', `{ shortestPath(from: "organ/nobody", to: "${MINISTRY}") { length } }`],
    ['unknown chain start', `{ outcomeChains(from: "campaign/nothing") { path { length } } }`],
    ['unknown outcome', `{ drivers(outcome: "outcome/nothing") { path { length } } }`],
    ['unknown timeline entity', `{ timeline(involving: "organ/nobody") { dateField } }`],
  ])('%s is NOT_FOUND', async (_name, q) => {
    expect(errorCodes(await execute(q))).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['negative depth', `{ neighborhood(ids: ["${MINISTRY}"], depth: -1) { truncated } }`],
    ['no seeds', '{ neighborhood(ids: []) { truncated } }'],
    ['zero limit', `{ neighborhood(ids: ["${MINISTRY}"], limit: 0) { truncated } }`],
    ['same ends', `{ paths(from: "${MINISTRY}", to: "${MINISTRY}") { length } }`],
    ['MENTIONS in paths', `{ paths(from: "${MINISTRY}", to: "${CHECKPOINTS}", relationTypes: [MENTIONS]) { length } }`],
    ['chain from an outcome', `{ outcomeChains(from: "${CHECKPOINTS}") { path { length } } }`],
    ['drivers of a campaign', `{ drivers(outcome: "${CAMPAIGN}") { path { length } } }`],
    ['malformed date', '{ timeline(from: "May 2023") { dateField } }'],
    ['from after to', '{ timeline(from: "2024", to: "2023-12") { dateField } }'],
  ])('%s is BAD_USER_INPUT', async (_name, q) => {
    expect(errorCodes(await execute(q))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('from a plenary session to the outcomes it leads to', () => {
  const SESSION = 'session/20th-national-congress';
  const OUTCOME = 'outcome/intelligent-security-communities-2023';

  it('outcomeChains reaches the outcome through the reform that implements the session', async () => {
    const data = await query(`{
      outcomeChains(from: "${SESSION}", maxDepth: 4) { outcome { id } path { length nodes { id } edges { type } } }
    }`);
    const chain = data.outcomeChains.find((c: { outcome: { id: string } }) => c.outcome.id === OUTCOME);
    expect(chain.path.nodes.map((n: { id: string }) => n.id)).toEqual([
      SESSION,
      'reform/social-security-prevention-and-control-system',
      OUTCOME,
    ]);
    expect(chain.path.edges.map((e: { type: string }) => e.type)).toEqual(['IMPLEMENTS', 'PRODUCED']);
  });

  it('paths lists every simple path of length ≤ 4 between them, shortest first, each edge with evidence', async () => {
    const data = await query(`{
      paths(from: "${SESSION}", to: "${OUTCOME}", maxLength: 4, directed: false, first: 100) {
        length nodes { id } edges { id type evidence { quote } }
      }
    }`);
    const paths = data.paths as { length: number; nodes: { id: string }[]; edges: { evidence: unknown[] }[] }[];
    expect(paths.length).toBeGreaterThan(1);
    expect(paths[0]?.length).toBe(2);
    const lengths = paths.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    for (const p of paths) {
      expect(p.length).toBeLessThanOrEqual(4);
      expect(p.nodes[0]?.id).toBe(SESSION);
      expect(p.nodes.at(-1)?.id).toBe(OUTCOME);
      expect(new Set(p.nodes.map((n) => n.id)).size).toBe(p.nodes.length);
      for (const e of p.edges) expect(e.evidence.length).toBeGreaterThan(0);
    }
  });
});
