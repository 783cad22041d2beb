/**
 * The index in typed arrays (compact-index.ts) must answer exactly as MiniSearch's own maps do:
 * same documents, scores, order and matched terms for exact, prefix, fuzzy and AND queries, and
 * the same toJSON (the snapshot file's bytes), whether compacted after a build or loaded so.
 */
import MiniSearch, { type Options, type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { compactIndex, loadCompact, loadCompactAsync } from '../../src/graph/compact-index.js';
import { PassageIndex } from '../../src/graph/passages.js';
import { SearchIndex } from '../../src/graph/search.js';
import { indexTerms } from '../../src/graph/text-tokens.js';
import type { EntityRecord, SourceDocumentRecord } from '../../src/model/records.js';

const WORDS = [
  'public',
  'security',
  'bureau',
  'xicheng',
  'haidian',
  'police',
  'station',
  'reform',
  'campaign',
  'strike',
];

/** Documents with repeated words (frequencies above 1), missing fields, numbers and Chinese. */
const DOCS = Array.from({ length: 300 }, (_v, i) => ({
  name: `${WORDS[i % 10]} ${WORDS[(i * 7) % 10]} ${WORDS[(i * 3) % 10]} unit${i}`,
  note: i % 4 === 0 ? undefined : `${WORDS[(i * 5) % 10]} ${WORDS[(i * 5) % 10]} ${i * 1000}`,
  zh: i % 3 === 0 ? '中华人民共和国公安部' : undefined,
  quote: i % 5 === 0 ? '' : `the ${WORDS[(i * 9) % 10]} of ${WORDS[(i * 11) % 10]} in 2015`,
}));

const options = (): Options<number> => ({
  fields: ['name', 'note', 'zh', 'quote'],
  extractField: (i, key) => (key === 'id' ? i : DOCS[i]?.[key as 'name']) as string,
  tokenize: indexTerms,
  processTerm: (t) => t,
  searchOptions: { tokenize: (s) => [s], processTerm: (t) => t, boost: { name: 4, zh: 3 } },
});

function built(): MiniSearch<number> {
  const ms = new MiniSearch(options());
  ms.addAll(DOCS.map((_d, i) => i));
  return ms;
}

const QUERIES: Query[] = [
  'public',
  'security',
  'unit1',
  '公安',
  '5000',
  { queries: ['bur'], prefix: true },
  { queries: ['polise'], fuzzy: 1, maxFuzzy: 1 },
  { queries: ['xichen'], fuzzy: 1, prefix: true, maxFuzzy: 1 },
  {
    combineWith: 'AND',
    queries: [
      { queries: ['reform'], fuzzy: 1, maxFuzzy: 1 },
      { queries: ['stri'], prefix: true },
    ],
  },
];

const answers = (ms: MiniSearch<number>) =>
  QUERIES.flatMap((q) => [ms.search(q), ms.search(q, { fields: ['quote', 'note'], filter: (r) => r.id % 2 === 0 })]);

describe('the index in typed arrays', () => {
  const plain = built();
  const expected = answers(plain);
  const json = JSON.stringify(plain.toJSON());

  it('has answers to compare (frequencies above one, absent fields, every query finds something)', () => {
    expect(expected.filter((_a, i) => i % 2 === 0).every((a) => a.length > 0)).toBe(true);
    expect(json).toContain('null');
    expect(json).toMatch(/":2[,}]/);
  });

  it('answers exactly as MiniSearch, and serialises the same, when compacted after a build', () => {
    const ms = built();
    expect(compactIndex(ms)).toBe(true);
    expect((ms as unknown as { _documentIds: unknown })._documentIds).not.toBeInstanceOf(Map);
    expect(answers(ms)).toEqual(expected);
    expect(JSON.stringify(ms.toJSON())).toBe(json);
  });

  it('answers exactly as MiniSearch when loaded, at once or in slices', async () => {
    // A loaded tree lists its terms in another order than the built one, with MiniSearch's own loader too.
    const theirs = MiniSearch.loadJS(JSON.parse(json), options());
    const loadedJson = JSON.stringify(theirs.toJSON());
    for (const ms of [loadCompact(JSON.parse(json), options()), await loadCompactAsync(JSON.parse(json), options())]) {
      expect((ms as unknown as { _fieldLength: unknown })._fieldLength).not.toBeInstanceOf(Map);
      expect(answers(ms)).toEqual(answers(theirs));
      expect(JSON.stringify(ms.toJSON())).toBe(loadedJson);
    }
  });

  it('leaves an index it cannot hold as MiniSearch made it: ids not 0..n-1, stored fields', () => {
    const strings = new MiniSearch<{ id: string; name: string }>({ fields: ['name'] });
    strings.addAll([{ id: 'a', name: 'public security' }]);
    expect(compactIndex(strings as unknown as MiniSearch<number>)).toBe(false);
    expect(strings.search('public').map((r) => r.id)).toEqual(['a']);
    const stored = new MiniSearch({ ...options(), storeFields: ['name'] });
    stored.addAll([0, 1]);
    expect(compactIndex(stored)).toBe(false);
    const loaded = loadCompact(stored.toJSON(), { ...options(), storeFields: ['name'] });
    expect(loaded.search('unit1')[0]).toMatchObject({ id: 1, name: DOCS[1]?.name });
  });
});

describe('the entity and passage indexes', () => {
  const text = 'The Xicheng police station hired 218,000 volunteer guards. 中华人民共和国公安部 approved it.';
  const documents = [{ id: 'doc', text }] as unknown as SourceDocumentRecord[];
  const entities = [
    { id: 'organ/xicheng', kind: 'ORGAN', name: 'Xicheng Police Station', aliases: [], evidence: [] },
  ] as unknown as EntityRecord[];

  it('hold their postings in typed arrays, built or loaded', () => {
    const inner = (x: object) =>
      (x as unknown as { ms: { _documentIds: unknown; _index: { get(t: string): unknown } } }).ms;
    const search = new SearchIndex(entities);
    const passages = new PassageIndex(documents, entities);
    for (const ms of [
      inner(search),
      inner(passages),
      inner(new SearchIndex(entities, search.toJSON())),
      inner(new PassageIndex(documents, entities, passages.toJSON())),
    ]) {
      expect(ms._documentIds).not.toBeInstanceOf(Map);
      expect(ms._index.get('xicheng')).not.toBeInstanceOf(Map);
    }
    expect(search.search('Xichen Police').map((h) => h.entity.id)).toEqual(['organ/xicheng']);
    expect(passages.search('218000 公安部').map((h) => h.start)).toEqual([0]);
  });
});
