/**
 * Full-text search through real GraphQL operations on the bundled data: words, phrases,
 * prefixes, typos, Chinese inside longer words, numbers in both spellings, filters, and
 * highlights whose offsets slice exactly what they claim out of what is returned.
 */
import { describe, expect, it } from 'vitest';
import { normaliseTerm } from '../../src/graph/text-tokens.js';
import { execute, query } from '../helpers/graphql.js';

const POLICE_STATION = 'organ/dongjiaominxiang-police-station';
const QIUSHI = 'qiushi-2009-maintain-stability';
const ZERO_2021 = 'outcome/zero-incident-communities-2021';
const ZERO_2022 = 'outcome/zero-incident-residential-areas-2022';

const HIT = 'score matchedOn matchType matchedText highlights { start end text } entity { id kind }';
const PASSAGE = 'start end snippet highlights { start end text } document { documentId } entities { id }';

interface Highlight {
  start: number;
  end: number;
  text: string;
}
interface Hit {
  score: number;
  matchedOn: string;
  matchType: string;
  matchedText: string;
  highlights: Highlight[];
  entity: { id: string; kind: string };
}
interface Passage {
  start: number;
  end: number;
  snippet: string;
  highlights: Highlight[];
  document: { documentId: string };
  entities: { id: string }[];
}

const search = async (q: string, args = ''): Promise<Hit[]> =>
  (await query(`query($q: String!) { search(query: $q ${args}) { ${HIT} } }`, { q })).search;
const passages = async (q: string, args = ''): Promise<Passage[]> =>
  (await query(`query($q: String!) { passages(query: $q ${args}) { ${PASSAGE} } }`, { q })).passages;
const ids = (hits: { entity: { id: string } }[]) => hits.map((h) => h.entity.id);

describe('search finds words of descriptions, notes and evidence, not only names', () => {
  it('finds the police station by the caption an analyst remembers', async () => {
    const hits = await search('duck soup volunteer security guards');
    expect(hits[0]).toMatchObject({ entity: { id: POLICE_STATION }, matchedOn: 'EVIDENCE', matchType: 'WORD' });
    expect(hits[0]?.highlights.map((h) => h.text)).toEqual(
      expect.arrayContaining(['duck', 'soup', 'volunteer', 'security', 'guards']),
    );
  });

  it('gives the evidence a quote hit came from, with its document and offsets', async () => {
    const data = await query(`{
      search(query: "hot duck soup", in: [EVIDENCE], first: 1) {
        matchedText evidence { quote start end document { documentId text } }
      }
    }`);
    const [hit] = data.search;
    expect(hit.evidence.quote).toBe(hit.matchedText);
    expect(hit.evidence.document.documentId).toBe(QIUSHI);
    expect(hit.evidence.document.text.slice(hit.evidence.start, hit.evidence.end)).toBe(hit.matchedText);
  });

  it('looks only in the fields asked for', async () => {
    expect(await search('duck soup', 'in: [NAME, ALIAS, NAME_ZH]')).toEqual([]);
    const inNotes = await search('zero incidents', 'in: [NOTE]');
    expect(inNotes.length).toBeGreaterThan(0);
    expect(new Set(inNotes.map((h) => h.matchedOn))).toEqual(new Set(['NOTE']));
  });

  it('keeps names above every match in other fields', async () => {
    const hits = await search('Ministry of Public Security', 'first: 50');
    expect(hits[0]).toMatchObject({ matchType: 'EXACT', entity: { id: 'organ/ministry-of-public-security' } });
    const firstText = hits.findIndex((h) => !['NAME', 'ALIAS', 'NAME_ZH'].includes(h.matchedOn));
    expect(firstText).toBeGreaterThan(0);
    for (const h of hits.slice(firstText)) {
      expect(['DESCRIPTION', 'NOTE', 'EVIDENCE', 'NAME', 'ALIAS', 'NAME_ZH']).toContain(h.matchedOn);
      expect(h.score).toBeLessThan(0.3);
    }
    expect(hits.slice(0, firstText).every((h) => h.score >= 0.3)).toBe(true);
  });
});

describe('phrases', () => {
  it('a quoted phrase must occur word for word', async () => {
    const inOrder = await passages('"hot duck soup"');
    expect(inOrder.map((p) => p.document.documentId)).toEqual([QIUSHI]);
    expect(inOrder[0]?.highlights.map((h) => h.text)).toContain('hot duck soup');
    expect(await passages('"soup duck hot"')).toEqual([]);
    // The same words unquoted need not be in a row.
    expect((await passages('soup duck hot')).map((p) => p.document.documentId)).toEqual([QIUSHI]);
    expect(ids(await search('"hot duck soup"'))).toContain(POLICE_STATION);
    expect(ids(await search('"soup duck hot"'))).not.toContain(POLICE_STATION);
  });
});

describe('prefixes and typos', () => {
  it('the last word as typed matches words it begins', async () => {
    const [hit] = await search('Dongjiaominx', 'in: [NAME]');
    expect(hit).toMatchObject({ matchType: 'PREFIX', entity: { id: POLICE_STATION } });
    expect(hit?.highlights).toEqual([{ start: 0, end: 16, text: 'Dongjiaominxiang' }]);
    expect((await passages('hot duck sou')).map((p) => p.document.documentId)).toEqual([QIUSHI]);
  });

  it('one typo in a word of five or more letters still matches, ranked as fuzzy', async () => {
    const hits = await search('duck soup volunter');
    expect(hits[0]).toMatchObject({ entity: { id: POLICE_STATION }, matchType: 'FUZZY' });
    expect(hits[0]?.highlights.map((h) => h.text)).toContain('volunteer');
    const found = await passages('duck soup volunter');
    expect(found[0]?.highlights.map((h) => h.text)).toContain('volunteer');
    // Two typos in one word are too many.
    expect(await passages('duck soup volntere')).toEqual([]);
  });
});

describe('Chinese inside longer words', () => {
  it.each([
    ['公安机关', ['organ/national-public-security-organs', 'organ/local-public-security-organs']],
    ['网络安全', ['organ/mps-cyber-security-bureau']],
    ['治安', ['organ/mps-public-security-administration-bureau']],
  ])('"%s" finds the names that hold it', async (q, expected) => {
    const hits = await search(q, 'in: [NAME_ZH], first: 50');
    for (const id of expected) expect(ids(hits)).toContain(id);
    for (const h of hits) {
      expect(h.matchedText).toContain(q);
      expect(h.highlights.map((x) => x.text)).toContain(q);
    }
  });
});

describe('numbers in both spellings', () => {
  it.each(['218,000', '218000'])('"%s" finds both outcomes, their quotes and their passages', async (q) => {
    const hits = await search(q, 'kinds: [OUTCOME], in: [EVIDENCE]');
    expect(ids(hits).sort()).toEqual([ZERO_2021, ZERO_2022]);
    const spelt = hits.flatMap((h) => h.highlights.map((x) => x.text)).sort();
    expect(spelt).toEqual(['218,000', '218000']);
    const found = await passages(q);
    expect(found.map((p) => p.document.documentId).sort()).toEqual([
      'demonstration-city-2023-05-20',
      'guangming-2022-07-26-safe-china',
    ]);
    expect(found.flatMap((p) => p.entities.map((e) => e.id))).toEqual(expect.arrayContaining([ZERO_2021, ZERO_2022]));
  });
});

describe('filters', () => {
  it('kinds keeps only the kinds asked for', async () => {
    const all = await search('public security', 'first: 50');
    expect(new Set(all.map((h) => h.entity.kind)).size).toBeGreaterThan(1);
    const organs = await search('public security', 'kinds: [ORGAN], first: 50');
    expect(organs.length).toBeGreaterThan(0);
    expect(organs.every((h) => h.entity.kind === 'ORGAN')).toBe(true);
    expect(await search('218000', 'kinds: [PERSON]')).toEqual([]);
  });

  it('documents keeps passages to the documents asked for', async () => {
    const both = await passages('zero incidents');
    expect(new Set(both.map((p) => p.document.documentId)).size).toBe(2);
    const one = await passages('zero incidents', 'documents: ["demonstration-city-2023-05-20"]');
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((p) => p.document.documentId === 'demonstration-city-2023-05-20')).toBe(true);
  });

  it('refuses too many results and too long a query with typed errors', async () => {
    const many = await execute('{ passages(query: "police", first: 51) { start } }');
    expect(many.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    const long = await execute(`{ passages(query: "${'a'.repeat(201)}") { start } }`);
    expect(long.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('highlights', () => {
  const QUERIES = [
    'duck soup volunteer security guards',
    '"hot duck soup"',
    'Ministry of Pubic Security',
    'Dongjiaominx',
    '218,000',
    '218000',
    '公安部',
    '治安',
    'MPS',
    'cleaning the Internet',
    'zero incidents',
  ];
  it.each(QUERIES)('offsets of every highlight for "%s" slice exactly its text out of what is returned', async (q) => {
    const data = await query(
      `query($q: String!) {
        search(query: $q, first: 50) { matchedText highlights { start end text } }
        passages(query: $q, first: 50) { start end snippet highlights { start end text } document { text } }
      }`,
      { q },
    );
    const all: Highlight[] = [];
    for (const h of data.search as Hit[]) {
      expect(h.highlights.length).toBeGreaterThan(0);
      for (const x of h.highlights) {
        expect(h.matchedText.slice(x.start, x.end)).toBe(x.text);
        all.push(x);
      }
    }
    for (const p of data.passages as (Passage & { document: { text: string } })[]) {
      expect(p.document.text.slice(p.start, p.end)).toBe(p.snippet);
      expect(p.highlights.length).toBeGreaterThan(0);
      for (const x of p.highlights) {
        expect(p.snippet.slice(x.start, x.end)).toBe(x.text);
        all.push(x);
      }
    }
    expect(all.length).toBeGreaterThan(0);
    // Each highlight is a word of the query, or one typo or a typed prefix away from one.
    const words = q
      .split(/[^\p{L}\p{N},]+/u)
      .filter(Boolean)
      .map(normaliseTerm);
    for (const x of all) expect(x.text.trim()).toBe(x.text);
    expect(all.some((x) => words.some((w) => normaliseTerm(x.text).includes(w.slice(0, 3))))).toBe(true);
  });
});
