/**
 * Name search over names, aliases and Chinese names. Ranked exact > prefix > word > fuzzy,
 * because analysts type either an exact short form ("MPS") or a phrase from the text.
 */
import { distance } from 'fastest-levenshtein';
import type { EntityKind } from '../model/ontology.js';
import type { EntityRecord } from '../model/records.js';

export type MatchedOn = 'NAME' | 'ALIAS' | 'NAME_ZH';
export type MatchType = 'EXACT' | 'PREFIX' | 'WORD' | 'SUBSTRING' | 'FUZZY';

export interface SearchHit {
  readonly entity: EntityRecord;
  readonly score: number;
  readonly matchedOn: MatchedOn;
  readonly matchType: MatchType;
  readonly matchedText: string;
}

interface Term {
  readonly entity: EntityRecord;
  readonly text: string;
  readonly norm: string;
  readonly words: readonly string[];
  readonly on: MatchedOn;
}

const BASE: Record<MatchType, number> = { EXACT: 1, PREFIX: 0.8, WORD: 0.6, SUBSTRING: 0.5, FUZZY: 0.3 };

/** Case-, width- and quote-insensitive form; keeps CJK characters. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d"'“”‘’«»]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export class SearchIndex {
  private readonly terms: Term[] = [];

  constructor(entities: readonly EntityRecord[]) {
    for (const entity of entities) {
      const add = (text: string, on: MatchedOn) => {
        const norm = normaliseName(text);
        if (norm) this.terms.push({ entity, text, norm, words: norm.split(' '), on });
      };
      add(entity.name, 'NAME');
      for (const a of entity.aliases) add(a, 'ALIAS');
      if (entity.nameZh) add(entity.nameZh, 'NAME_ZH');
    }
  }

  search(query: string, kinds?: readonly EntityKind[], first = 10): SearchHit[] {
    const q = normaliseName(query);
    if (!q) return [];
    const qWords = q.split(' ');
    const wanted = kinds && kinds.length > 0 ? new Set(kinds) : null;
    const best = new Map<string, SearchHit>();
    for (const term of this.terms) {
      if (wanted && !wanted.has(term.entity.kind)) continue;
      const hit = match(term, q, qWords);
      if (!hit) continue;
      const previous = best.get(term.entity.id);
      if (!previous || hit.score > previous.score) best.set(term.entity.id, hit);
    }
    return [...best.values()]
      .sort(
        (a, b) =>
          b.score - a.score || a.entity.name.length - b.entity.name.length || a.entity.id.localeCompare(b.entity.id),
      )
      .slice(0, first);
  }
}

function match(term: Term, q: string, qWords: readonly string[]): SearchHit | null {
  // A shorter matched term is a closer match: "MPS" beats a long name that contains it.
  const closeness = Math.min(1, q.length / term.norm.length);
  const hit = (type: MatchType, bonus: number): SearchHit => ({
    entity: term.entity,
    score: Math.round((BASE[type] + 0.1 * bonus) * 1000) / 1000,
    matchedOn: term.on,
    matchType: type,
    matchedText: term.text,
  });
  if (term.norm === q) return hit('EXACT', term.on === 'NAME' ? 1 : 0.5);
  if (term.norm.startsWith(q)) return hit('PREFIX', closeness);
  if (qWords.every((w) => term.words.includes(w))) return hit('WORD', closeness);
  if (term.norm.includes(q)) return hit('SUBSTRING', closeness);
  if (q.length >= 4) {
    const windowText = term.norm.slice(0, q.length + 2);
    const d = Math.min(distance(q, term.norm), distance(q, windowText));
    const ratio = 1 - d / Math.max(q.length, 1);
    if (ratio >= 0.75) return hit('FUZZY', ratio);
  }
  return null;
}
