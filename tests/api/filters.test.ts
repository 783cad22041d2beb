/** EntityWhere / OutcomeWhere and the per-kind root connections, on the bundled graph-data. */
import { describe, expect, it } from 'vitest';
import { filterEntities } from '../../src/graph/filters.js';
import { BadInputError } from '../../src/model/errors.js';
import type { EntityKind } from '../../src/model/ontology.js';
import { bundledSnapshot, errorCodes, execute, query } from '../helpers/graphql.js';

const MINISTRY = 'organ/ministry-of-public-security';
const CAMPAIGN = 'campaign/demonstration-city-creation';
const CHECKPOINTS = 'outcome/public-security-checkpoints-2023';
const STUDY_2015 = 'session/18th-politburo-23rd-collective-study';
const REFERENCE_DOC = 'improve-public-security-system';

interface Node {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
}
interface Connection {
  totalCount: number;
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const NODE = 'id kind name aliases';
const ids = (c: Connection) => c.edges.map((e) => e.node.id);
const sortedById = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));

/** Every match of `where` on one root connection, all pages walked. */
async function all(field: string, inputType: string, where: Record<string, unknown>): Promise<Connection> {
  const op = `query($where: ${inputType}, $after: String) {
    ${field}(where: $where, first: 100, after: $after) {
      totalCount edges { cursor node { ${NODE} } } pageInfo { hasNextPage endCursor }
    }
  }`;
  let after: string | null = null;
  const edges: Connection['edges'] = [];
  let totalCount = 0;
  for (;;) {
    const page: Connection = (await query(op, { where, after }))[field];
    edges.push(...page.edges);
    totalCount = page.totalCount;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(edges).toHaveLength(totalCount);
  return { totalCount, edges, pageInfo: { hasNextPage: false, endCursor: null } };
}

const entities = (where: Record<string, unknown>) => all('entities', 'EntityWhere', where);
const outcomes = (where: Record<string, unknown>) => all('outcomes', 'OutcomeWhere', where);

describe('outcome filters', () => {
  it('finds the public sense of security by its metric', async () => {
    const data = await query(`{
      outcomes(where: { metric: "public-sense-of-security" }) {
        totalCount edges { node { id metric value unit year { text } } }
      }
    }`);
    expect(data.outcomes.totalCount).toBe(2);
    expect(data.outcomes.edges[0].node).toEqual({
      id: 'outcome/public-sense-of-security-2023',
      metric: 'public-sense-of-security',
      value: 98.2,
      unit: 'percent',
      year: { text: '2023' },
    });
    expect(data.outcomes.edges[1].node).toEqual({
      id: 'outcome/sense-of-security-2021',
      metric: 'public-sense-of-security',
      value: 98.62,
      unit: 'percent',
      year: { text: '2021' },
    });
  });

  it('keeps outcomes whose year or period reaches 2023', async () => {
    const found = ids(await outcomes({ yearFrom: 2023 }));
    // The checkpoints figure has no year, only a period ending 2023-05.
    expect(found).toEqual(expect.arrayContaining([CHECKPOINTS, 'outcome/street-police-stations-2023']));
    expect(found).not.toContain('outcome/zero-incident-residential-areas-2022');
    expect(found).not.toContain('outcome/sense-of-security-2021');
    expect(found).toEqual(sortedById(found));
    const only2022 = ids(await outcomes({ yearFrom: 2022, yearTo: 2022 }));
    expect(only2022).toContain('outcome/zero-incident-residential-areas-2022');
    expect(only2022).not.toContain(CHECKPOINTS);
  });

  it('filters by unit and value range', async () => {
    const percent = ids(await outcomes({ unit: 'PERCENT' }));
    expect(percent).toContain('outcome/sense-of-security-2021');
    const data = await query(`{
      outcomes(where: { valueMin: 5000, valueMax: 6000 }, first: 100) { edges { node { id value } } }
    }`);
    const values: { id: string; value: number }[] = data.outcomes.edges.map((e: { node: unknown }) => e.node);
    expect(values.map((v) => v.id)).toContain(CHECKPOINTS);
    for (const v of values) expect(v.value >= 5000 && v.value <= 6000).toBe(true);
  });
});

describe('entity filters', () => {
  it('lists the neighbours of the Ministry of Public Security by curated relations, not itself', async () => {
    const found = ids(await entities({ involving: MINISTRY }));
    expect(found).toEqual(expect.arrayContaining([CAMPAIGN, CHECKPOINTS]));
    expect(found).not.toContain(MINISTRY);
    expect(found).toEqual(sortedById(found));
    const organs = ids(await entities({ involving: CAMPAIGN, kinds: ['ORGAN'] }));
    expect(organs).toContain(MINISTRY);
  });

  it('accepts a document as a bare id or a source/ id, and keeps only what it quotes', async () => {
    const bare = await entities({ document: REFERENCE_DOC });
    const prefixed = await entities({ document: `source/${REFERENCE_DOC}` });
    expect(ids(prefixed)).toEqual(ids(bare));
    expect(ids(bare)).toContain(STUDY_2015);
    expect(ids(bare)).not.toContain(CHECKPOINTS);
    const snapshot = bundledSnapshot();
    for (const id of ids(bare)) {
      expect(snapshot.getEntity(id)?.evidence.some((ev) => ev.document === REFERENCE_DOC)).toBe(true);
    }
  });

  it('matches "police" in names and aliases across kinds, case-insensitively', async () => {
    const found = await entities({ nameContains: 'POLICE' });
    for (const { node } of found.edges) {
      expect([node.name, ...node.aliases].some((n) => n.toLowerCase().includes('police'))).toBe(true);
    }
    const kinds = new Set(found.edges.map((e) => e.node.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['CAMPAIGN', 'ORGAN', 'OUTCOME', 'REFORM', 'PLENARY_SESSION']));
    expect(ids(found)).toContain('outcome/street-police-stations-2023');
    // "MPS" is an alias of the Ministry, and part of the names the SCIO transcript gives three bureaus.
    const alias = await query('{ organs(where: { nameContains: "mps" }) { edges { node { id } } } }');
    expect(alias.organs.edges.map((e: { node: Node }) => e.node.id)).toEqual([
      MINISTRY,
      'organ/mps-environment-food-drug-crime-investigation-bureau',
      'organ/mps-intellectual-property-crime-investigation-bureau',
      'organ/mps-traffic-management-bureau',
    ]);
  });

  it('finds only the 2015 collective study among sessions dated in 2015', async () => {
    const data = await query(
      '{ sessions(where: { dateFrom: "2015", dateTo: "2015" }) { totalCount edges { node { id date { text } } } } }',
    );
    expect(data.sessions.totalCount).toBe(1);
    expect(data.sessions.edges[0].node).toEqual({ id: STUDY_2015, date: { text: '2015-05-29' } });
  });

  it('combines conditions with AND, and entities(kind:) with where', async () => {
    const both = ids(await entities({ involving: MINISTRY, nameContains: 'police' }));
    const involved = new Set(ids(await entities({ involving: MINISTRY })));
    for (const id of both) expect(involved.has(id)).toBe(true);
    const data = await query(
      `{ entities(kind: OUTCOME, where: { involving: "${CAMPAIGN}" }) { edges { node { id kind } } } }`,
    );
    const kinds = data.entities.edges.map((e: { node: Node }) => e.node.kind);
    expect(new Set(kinds)).toEqual(new Set(['OUTCOME']));
    expect(data.entities.edges.map((e: { node: Node }) => e.node.id)).toContain(CHECKPOINTS);
    const clash = await query('{ organs(where: { kind: REFORM }) { totalCount } }');
    expect(clash.organs.totalCount).toBe(0);
  });
});

describe('per-kind connections', () => {
  const FIELDS: [string, EntityKind][] = [
    ['organs', 'ORGAN'],
    ['sessions', 'PLENARY_SESSION'],
    ['reforms', 'REFORM'],
    ['campaigns', 'CAMPAIGN'],
    ['outcomes', 'OUTCOME'],
    ['people', 'PERSON'],
    ['laws', 'LAW'],
    ['officialDocuments', 'DOCUMENT'],
  ];

  it.each(FIELDS)('%s lists every %s by id, with totalCount', async (field, kind) => {
    const data = await query(`{ ${field}(first: 100) { totalCount edges { node { id kind } } } }`);
    const expected = bundledSnapshot()
      .entities(kind)
      .map((e) => e.id);
    expect(data[field].totalCount).toBe(expected.length);
    expect(data[field].edges.map((e: { node: Node }) => e.node.id)).toEqual(expected.slice(0, 100));
    for (const e of data[field].edges) expect(e.node.kind).toBe(kind);
  });

  it('pages forward with after and back with before', async () => {
    const page1 = await query(
      '{ reforms(first: 5) { totalCount edges { cursor node { id } } pageInfo { endCursor } } }',
    );
    const page2 = await query(
      `{ reforms(first: 5, after: "${page1.reforms.pageInfo.endCursor}") { edges { cursor node { id } } } }`,
    );
    const expected = bundledSnapshot()
      .entities('REFORM')
      .map((e) => e.id);
    const seen = [...page1.reforms.edges, ...page2.reforms.edges].map((e: { node: Node }) => e.node.id);
    expect(seen).toEqual(expected.slice(0, 10));
    const back = await query(
      `{ reforms(last: 5, before: "${page2.reforms.edges[0].cursor}") { edges { node { id } } } }`,
    );
    expect(back.reforms.edges.map((e: { node: Node }) => e.node.id)).toEqual(expected.slice(0, 5));
  });
});

describe('typed errors', () => {
  it.each([
    ['unknown document', '{ entities(where: { document: "no-such-document" }) { totalCount } }'],
    ['unknown involving entity', '{ organs(where: { involving: "organ/ministry-of-silly-walks" }) { totalCount } }'],
    ['unknown involving on outcomes', '{ outcomes(where: { involving: "campaign/nothing" }) { totalCount } }'],
  ])('%s is NOT_FOUND', async (_name, q) => {
    expect(errorCodes(await execute(q))).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['dateFrom after dateTo', '{ sessions(where: { dateFrom: "2016", dateTo: "2015-12" }) { totalCount } }'],
    ['malformed date', '{ entities(where: { dateFrom: "May 2015" }) { totalCount } }'],
    ['impossible date', '{ entities(where: { dateTo: "2015-02-30" }) { totalCount } }'],
    ['yearFrom after yearTo', '{ outcomes(where: { yearFrom: 2023, yearTo: 2022 }) { totalCount } }'],
    ['valueMin above valueMax', '{ outcomes(where: { valueMin: 10, valueMax: 1 }) { totalCount } }'],
    ['empty nameContains', '{ people(where: { nameContains: "  " }) { totalCount } }'],
    ['negative first', '{ laws(first: -1) { totalCount } }'],
  ])('%s is BAD_USER_INPUT', async (_name, q) => {
    expect(errorCodes(await execute(q))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses pages over the limit and over-long names with LIMIT_EXCEEDED', async () => {
    expect(errorCodes(await execute('{ organs(first: 101) { totalCount } }'))).toEqual(['LIMIT_EXCEEDED']);
    const long = 'x'.repeat(201);
    expect(errorCodes(await execute(`{ organs(where: { nameContains: "${long}" }) { totalCount } }`))).toEqual([
      'LIMIT_EXCEEDED',
    ]);
  });

  it('refuses an unknown kind passed to filterEntities directly', () => {
    const where = { kind: 'NOT_A_KIND' as EntityKind };
    expect(() => filterEntities(bundledSnapshot(), where)).toThrow(BadInputError);
  });
});
