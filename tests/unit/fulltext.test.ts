/**
 * The query planner's typo pass: only a word no text holds as typed is widened to its
 * near-spellings; widening every word ("public" → "publik", "pubic") cost most of a typo query's
 * time at 100k entities and let real words match their neighbours.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { forTypos, parseQuery, plan, termMatches } from '../../src/graph/fulltext.js';
import { SearchIndex } from '../../src/graph/search.js';
import { indexTerms, tokenise } from '../../src/graph/text-tokens.js';
import type { EntityRecord } from '../../src/model/records.js';

const NAMES = ['Xicheng Public Security Bureau', 'Xicheng Publik Security Bureau', 'Haidian Public Security Bureau'];

function index(): MiniSearch {
  const ms = new MiniSearch<{ id: number; name: string }>({
    fields: ['name'],
    tokenize: indexTerms,
    processTerm: (t) => t,
    searchOptions: { tokenize: (s) => [s], processTerm: (t) => t },
  });
  ms.addAll(NAMES.map((name, id) => ({ id, name })));
  return ms as unknown as MiniSearch;
}

const token = (word: string) => tokenise(word)[0] as NonNullable<ReturnType<typeof tokenise>[0]>;

describe('the typo pass', () => {
  it('names the words no text holds as typed', () => {
    const p = plan(index(), parseQuery('Xichen Public Security'), ['name'], false);
    expect(p?.unknownTerms).toEqual(['xichen']);
  });

  it('widens only those words when there are any', () => {
    const parsed = forTypos(parseQuery('Xichen Public Security'), ['xichen']);
    const [xichen, pub] = parsed.terms;
    expect(termMatches(xichen as never, token('Xicheng'), true)).toBe('FUZZY');
    expect(termMatches(pub as never, token('Publik'), true)).toBeNull();
    expect(termMatches(pub as never, token('Public'), true)).toBe('EXACT');
    const p = plan(index(), parsed, ['name'], true);
    expect(p?.asked.map((t) => t.term)).toEqual(['xichen']);
  });

  it('widens every word when each is real (a typo that spells another word)', () => {
    const parsed = forTypos(parseQuery('Xicheng Public Security'), []);
    expect(termMatches(parsed.terms[1] as never, token('Publik'), true)).toBe('FUZZY');
  });
});

describe("a typo that spells another name's word", () => {
  // From bench:search at 100k, where every one of the typo queries missed was like this: "Zapei"
  // (for "Zaipei") is a real place word, so the exact pass found only names that look alike as
  // wholes ("Zapei Digen Policing Reform", a FUZZY name match scoring as if it held every word)
  // and the typo pass never ran.
  // "Nendun" is the commoner word, so the exact pass asks the index for "zapei" alone.
  const entities = [
    'Zaipei Nendun Policing Reform',
    'Zapei Digen Policing Reform',
    'Zapei Xeifao Policing Reform',
    'Nendun Kaifa Public Security Bureau',
    'Nendun Hife Policing Reform',
    'Baofin Nendun Special Campaign',
  ].map((name, i) => ({
    id: `reform/${i}`,
    kind: 'REFORM',
    name,
    aliases: [],
    evidence: [],
    file: 'x',
  })) as unknown as EntityRecord[];

  it('still tries the near-spellings and ranks the name one letter off first', () => {
    const hits = new SearchIndex(entities).search('Zapei Nendun Policing Reform');
    expect(hits[0]?.entity.name).toBe('Zaipei Nendun Policing Reform');
    expect(hits[0]?.matchType).toBe('FUZZY');
  });
});
