import { describe, expect, it } from 'vitest';
import { ENTITY_KIND_NAMES } from '../../src/model/ontology.js';
import { bundledSnapshot, errorCodes, execute, query } from '../helpers/graphql.js';

describe('an entity of document 004, end to end', () => {
  it('returns its evidence with offsets that slice exactly the quote out of the document text', async () => {
    const data = await query(`{
      entity(id: "outcome/public-security-checkpoints-2023") {
        id kind name
        ... on Outcome { value unit qualifier figure period { end { text precision } } scope { level } }
        evidence { quote start end before after document { id title text published { text precision } } }
      }
    }`);
    const e = data.entity;
    expect(e).toMatchObject({
      kind: 'OUTCOME',
      value: 5026,
      unit: 'checkpoints',
      qualifier: 'A_TOTAL_OF',
      figure: 'a total of 5026',
      period: { end: { text: '2023-05', precision: 'MONTH' } },
      scope: { level: 'NATIONAL' },
    });
    expect(e.evidence.length).toBeGreaterThan(0);
    for (const ev of e.evidence) {
      expect(ev.document.text.slice(ev.start, ev.end)).toBe(ev.quote);
      expect(ev.document.text.slice(0, ev.start).endsWith(ev.before)).toBe(true);
      expect(ev.document.text.slice(ev.end).startsWith(ev.after)).toBe(true);
    }
    expect(e.evidence[0].document).toMatchObject({
      id: 'source/demonstration-city-2023-05-20',
      published: { text: '2023-05-20', precision: 'DAY' },
    });
    expect(e.evidence[0].quote).toContain('a total of 5026 public security checkpoints');
  });

  it('answers "which outcomes did the demonstration-city activity produce, and who reported them"', async () => {
    const data = await query(`{
      entity(id: "campaign/demonstration-city-creation") {
        name
        start { text precision }
        relations(direction: OUT, types: [PRODUCED], first: 50) {
          totalCount
          edges { node { type target { id } evidence { quote } } }
        }
        neighbors(direction: IN, types: [LAUNCHED]) { id name }
      }
    }`);
    const c = data.entity;
    expect(c.start).toEqual({ text: '2022', precision: 'YEAR' });
    expect(c.neighbors.map((n: { id: string }) => n.id)).toEqual(['organ/ministry-of-public-security']);
    const targets = c.relations.edges.map((edge: { node: { target: { id: string } } }) => edge.node.target.id);
    expect(targets).toEqual(
      expect.arrayContaining([
        'outcome/public-security-checkpoints-2023',
        'outcome/street-police-stations-2023',
        'outcome/daily-social-patrol-forces-2023',
      ]),
    );
    expect(c.relations.totalCount).toBe(targets.length);
    const reporters = await query(
      `{ entity(id: "outcome/street-police-stations-2023") { neighbors(direction: IN, types: [REPORTED]) { id } } }`,
    );
    expect(reporters.entity.neighbors).toEqual([{ id: 'organ/ministry-of-public-security' }]);
  });
});

describe('Relay', () => {
  it('resolves node and nodes by readable global id, across kinds and documents', async () => {
    const data = await query(`{
      node(id: "organ/ministry-of-public-security") { id __typename ... on Entity { name } }
      nodes(ids: ["campaign/demonstration-city-creation", "source/demonstration-city-2023-05-20"]) { id __typename }
    }`);
    expect(data.node).toEqual({
      id: 'organ/ministry-of-public-security',
      __typename: 'Organ',
      name: 'Ministry of Public Security',
    });
    expect(data.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Campaign', 'Document']);
  });

  it('pages entities as a connection with totalCount', async () => {
    const all = bundledSnapshot().entities('OUTCOME');
    const first = await query(
      `{ entities(kind: OUTCOME, first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
    );
    expect(first.entities.totalCount).toBe(all.length);
    expect(first.entities.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
      all.slice(0, 2).map((e) => e.id),
    );
    const next = await query(
      `query($after: String) { entities(kind: OUTCOME, first: 2, after: $after) { edges { node { id } } } }`,
      {
        after: first.entities.pageInfo.endCursor,
      },
    );
    expect(next.entities.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
      all.slice(2, 4).map((e) => e.id),
    );
  });

  it('exposes one object type per ontology kind and the ontology itself', async () => {
    const data = await query(
      `{ kinds { kind typeName count } relationTypes { type from to chain } snapshot { version entityCount } }`,
    );
    expect(data.kinds.map((k: { kind: string }) => k.kind)).toEqual(ENTITY_KIND_NAMES);
    expect(data.relationTypes.find((r: { type: string }) => r.type === 'IMPLEMENTS')).toMatchObject({
      chain: 'backward',
      from: expect.arrayContaining(['CAMPAIGN']),
    });
    expect(data.snapshot.entityCount).toBe(bundledSnapshot().entities().length);
  });
});

describe('search', () => {
  it.each([
    ['MPS', 'organ/ministry-of-public-security', 'ALIAS'],
    ['公安部', 'organ/ministry-of-public-security', 'NAME_ZH'],
    ['ministry of public security', 'organ/ministry-of-public-security', 'NAME'],
    ['demonstration cities', 'campaign/demonstration-city-creation', 'ALIAS'],
  ])('"%s" finds %s first', async (q, id, matchedOn) => {
    const data = await query(`query($q: String!) { search(query: $q) { score matchedOn matchType entity { id } } }`, {
      q,
    });
    expect(data.search[0]).toMatchObject({ entity: { id }, matchedOn, matchType: 'EXACT' });
  });

  it('finds the "cleaning the Internet" campaign', async () => {
    const data = await query(`{ search(query: "cleaning the Internet", kinds: [CAMPAIGN]) { entity { id kind } } }`);
    expect(data.search[0]?.entity.kind).toBe('CAMPAIGN');
    expect(data.search[0]?.entity.id).toMatch(/cleaning-the-internet/);
  });

  it('ranks a misspelling as fuzzy, below exact matches', async () => {
    const data = await query(`{ search(query: "Ministry of Pubic Security") { matchType entity { id } } }`);
    expect(data.search[0]).toMatchObject({ matchType: 'FUZZY', entity: { id: 'organ/ministry-of-public-security' } });
  });
});

describe('typed errors', () => {
  it('an unknown id is NOT_FOUND, with a suggestion', async () => {
    const result = await execute(`{ entity(id: "organ/ministry-of-pubic-security") { id } }`);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.message).toContain('organ/ministry-of-public-security');
  });

  it('an unknown document is NOT_FOUND', async () => {
    expect(errorCodes(await execute(`{ document(id: "nope") { id } }`))).toEqual(['NOT_FOUND']);
  });

  it('an id with no known prefix is NOT_FOUND through node()', async () => {
    expect(errorCodes(await execute(`{ node(id: "banana") { id } }`))).toEqual(['NOT_FOUND']);
  });

  it('a page larger than allowed is LIMIT_EXCEEDED naming the limit', async () => {
    const result = await execute(`{ entities(first: 1000) { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'first', allowed: 100 });
  });

  it('a negative page size is BAD_USER_INPUT', async () => {
    expect(errorCodes(await execute(`{ entities(first: -1) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('a query deeper than the limit is refused before execution', async () => {
    let selection = 'id';
    for (let i = 0; i < 14; i++) selection = `neighbors { ${selection} }`;
    const result = await execute(`{ entity(id: "organ/ministry-of-public-security") { ${selection} } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxDepth', allowed: 12 });
  });

  it('too many aliases are refused', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: snapshot { version }`).join(' ');
    const result = await execute(`{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxAliases' });
  });

  it('a malformed query is a GraphQL syntax error, not a crash', async () => {
    const result = await execute(`{ entity(id: `);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('every response names the snapshot that answered it', async () => {
    const result = await execute(`{ snapshot { version } }`);
    expect(result.extensions?.snapshotVersion).toBe(bundledSnapshot().version);
  });
});

describe('nodes(ids) bounds', () => {
  it('refuses more than 100 ids with LIMIT_EXCEEDED', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `organ/x-${i}`);
    const result = await execute('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'ids', allowed: 100 });
  });
});
