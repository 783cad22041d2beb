/**
 * What entity search and passage search share on top of MiniSearch: query parsing, a query plan
 * that asks the index only for its selective terms, and checking every term against a text's
 * tokens for highlights.
 *
 * Why a plan: MiniSearch scores every posting of every query term. "public security" is in a
 * fifth of a million names, so a query naming one bureau would score 400,000 postings to find
 * one. The plan sends the index the rarest terms (by their posting counts, read from its radix
 * tree) and checks the common ones on the few candidates' own text, which the highlights need
 * tokenised anyway.
 */
import { distance } from 'fastest-levenshtein';
import type MiniSearch from 'minisearch';
import type { Query, SearchResult } from 'minisearch';
import { mergeSpans, type Span, STOP_WORDS, type Token, tokenise } from './text-tokens.js';

export interface QueryTerm {
  readonly term: string;
  /** The last word as typed ("secur"): matches words it begins. */
  readonly prefix: boolean;
  /**
   * Some text holds it as typed, beside another word none does: a fuzzy pass then expands only
   * that other word. Expanding every word ("public", "security", "bureau") cost most of a typo
   * query's time and scored their tens of thousands of near-spellings.
   */
  readonly known?: boolean;
}

export interface ParsedQuery {
  /** Distinct searchable terms, stop words left out. */
  readonly terms: readonly QueryTerm[];
  /** Quoted phrases, as term sequences with their stop words. */
  readonly phrases: readonly (readonly string[])[];
}

const QUOTES = /["“”„«»]([^"“”„«»]*)["“”„«»]?/g;

export function parseQuery(query: string): ParsedQuery {
  const phrases: string[][] = [];
  for (const m of query.matchAll(QUOTES)) {
    const words = tokenise(m[1] ?? '').map((t) => t.term);
    if (words.length > 1) phrases.push(words);
  }
  const tokens = tokenise(query);
  const endsInWord = /[\p{L}\p{N}]$/u.test(query);
  const seen = new Map<string, QueryTerm>();
  tokens.forEach((t, i) => {
    if (STOP_WORDS.has(t.term)) return;
    const last = i === tokens.length - 1 && endsInWord && !t.han;
    // A lone Chinese character only ever occurs inside bigrams: search it as their prefix.
    const prefix = (last && t.term.length >= 3) || (t.han && t.term.length === 1);
    const known = seen.get(t.term);
    seen.set(t.term, { term: t.term, prefix: prefix || (known?.prefix ?? false) });
  });
  return { terms: [...seen.values()], phrases };
}

/** The edits a word may be off by and still match: one typo in a word of 5+ letters (typed as 4+: a dropped letter). */
export function fuzziness(term: string): number {
  return term.length >= 4 && !/^\d/.test(term) ? 1 : 0;
}

/**
 * Longer query terms are matched exactly or by prefix only: no word is this long, and the edit
 * distance of two long strings allocates their product.
 */
export const MAX_FUZZY_TERM = 64;

/** The edits a query term may be off by in a fuzzy pass. */
function editsOf(t: QueryTerm, fuzzy: boolean): number {
  return fuzzy && !t.known && t.term.length <= MAX_FUZZY_TERM ? fuzziness(t.term) : 0;
}

/**
 * The query for a fuzzy pass after an exact one: when some words are in no text as typed, only
 * they can be the typo; when every word is (a typo spelling another real word), any can.
 */
export function forTypos(parsed: ParsedQuery, unknown: readonly string[]): ParsedQuery {
  if (unknown.length === 0) return parsed;
  const typos = new Set(unknown);
  return { ...parsed, terms: parsed.terms.map((t) => (typos.has(t.term) ? t : { ...t, known: true })) };
}

/** A term's postings by field, as MiniSearch's Map or compact-index.ts's TermPostings. */
interface TermData {
  get(fieldId: number): { readonly size: number } | undefined;
}

type Near = Map<string, [TermData, number]>;

interface Internals {
  _index: {
    get(term: string): TermData | undefined;
    fuzzyGet: (term: string, d: number) => Near;
    atPrefix(prefix: string): Iterable<[string, TermData]>;
  };
  _fieldIds: Record<string, number>;
}

const remembering = new WeakSet<object>();

/**
 * plan() counts a typo's near-spellings, then MiniSearch walks the tree for them again in the
 * same query: the index's look-up keeps its last few answers (our indexes never change once
 * built or loaded).
 */
function rememberNear(internals: Internals): void {
  const index = internals._index;
  if (remembering.has(index)) return;
  remembering.add(index);
  const lookUp = index.fuzzyGet.bind(index);
  const recent = new Map<string, Near>();
  index.fuzzyGet = (term, d) => {
    const key = `${d}:${term}`;
    let near = recent.get(key);
    if (!near) {
      near = lookUp(term, d);
      recent.set(key, near);
      if (recent.size > 8) recent.delete(recent.keys().next().value as string);
    }
    // MiniSearch deletes from the map it is given.
    return new Map(near);
  };
}

function postings(data: TermData | undefined, fieldIds: readonly number[]): number {
  if (!data) return 0;
  let n = 0;
  for (const f of fieldIds) n += data.get(f)?.size ?? 0;
  return n;
}

/**
 * How many postings the index would score for a term that expands (a prefix, a typo), from its
 * exact postings `n`; counting stops past `cap`, where only the order matters.
 */
function expandedCost(
  internals: Internals,
  ids: readonly number[],
  t: QueryTerm,
  fuzzy: boolean,
  n: number,
  cap: number,
): number {
  if (n > cap) return n;
  if (t.prefix) {
    for (const [term, data] of internals._index.atPrefix(t.term)) {
      if (term !== t.term) n += postings(data, ids);
      if (n > cap) return n;
    }
  }
  const edits = editsOf(t, fuzzy);
  if (edits > 0) {
    for (const [term, [data]] of internals._index.fuzzyGet(t.term, edits)) {
      if (term !== t.term && !(t.prefix && term.startsWith(t.term))) n += postings(data, ids);
    }
  }
  return n;
}

/** A term whose postings are this few is the only one worth asking the index for. */
const RARE = 200;

export interface Plan {
  readonly query: Query;
  /** Terms the index was asked for; the rest are checked on the candidates' text. */
  readonly asked: readonly QueryTerm[];
  /** Some term is in no text as typed: a typo, so worth a fuzzy try. */
  readonly unknown: boolean;
  /** Those terms. */
  readonly unknownTerms: readonly string[];
}

/**
 * The index query for a parsed query: terms AND-ed, but only the cheapest ones while their
 * postings stay within budget (always at least the cheapest; only it when it is already rare).
 * Null when nothing is searchable.
 */
export function plan(ms: MiniSearch, parsed: ParsedQuery, fields: readonly string[], fuzzy: boolean): Plan | null {
  if (parsed.terms.length === 0) return null;
  const budget = Math.max(2_000, Math.ceil(ms.documentCount * 0.01));
  const internals = ms as unknown as Internals;
  if (fuzzy) rememberNear(internals);
  const ids = fields.map((f) => internals._fieldIds[f]).filter((id): id is number => id !== undefined);
  // A term's exact postings are one look-up and a lower bound of its cost; expanding a prefix
  // or a typo walks the tree, so those terms come last and stop counting once they cannot be
  // asked: past the cheapest term when that one is rare, else past the budget.
  const bounds = parsed.terms.map((t, i) => ({
    t,
    i,
    n: postings(internals._index.get(t.term), ids),
    expands: t.prefix || editsOf(t, fuzzy) > 0,
  }));
  bounds.sort((a, b) => Number(a.expands) - Number(b.expands) || a.n - b.n);
  let least = Number.POSITIVE_INFINITY;
  const costed = bounds
    .map(({ t, i, n, expands }) => {
      const cap = least <= RARE ? least : Math.min(budget * 4, Math.max(least, budget));
      const c = expands ? expandedCost(internals, ids, t, fuzzy, n, cap) : n;
      least = Math.min(least, c);
      return { t, i, n: c };
    })
    .sort((a, b) => a.n - b.n || a.i - b.i);
  const asked: QueryTerm[] = [];
  let total = 0;
  for (const { t, n } of costed) {
    // The cheapest term bounds the candidates; another only pays while they are many.
    if (asked.length > 0 && (total + n > budget || (costed[0]?.n ?? 0) <= RARE)) break;
    asked.push(t);
    total += n;
  }
  return {
    asked,
    unknown: costed.some((c) => c.n === 0),
    unknownTerms: costed.filter((c) => c.n === 0).map((c) => c.t.term),
    query: {
      combineWith: 'AND',
      queries: asked.map((t) => ({
        queries: [t.term],
        prefix: t.prefix,
        fuzzy: editsOf(t, fuzzy),
        maxFuzzy: 1,
      })),
    },
  };
}

/** Whether a text token satisfies a query term (fuzzy: within its allowed edits). */
export function termMatches(q: QueryTerm, token: Token, fuzzy: boolean): 'EXACT' | 'PREFIX' | 'FUZZY' | null {
  if (token.term === q.term) return 'EXACT';
  if (q.prefix && token.term.startsWith(q.term)) return 'PREFIX';
  if (!fuzzy || q.known || Math.abs(token.term.length - q.term.length) > 1) return null;
  const edits = editsOf(q, fuzzy);
  return edits > 0 && Math.abs(token.term.length - q.term.length) <= edits && distance(token.term, q.term) <= edits
    ? 'FUZZY'
    : null;
}

export interface TextMatch {
  /** Query terms found in the text. */
  readonly found: number;
  /** Spans of the text to highlight, merged. */
  readonly spans: readonly Span[];
  /** The weakest way a found term matched. */
  readonly kind: 'EXACT' | 'PREFIX' | 'FUZZY';
  /** Every quoted phrase occurs in the text. */
  readonly phrases: boolean;
}

const WEAKER = { EXACT: 0, PREFIX: 1, FUZZY: 2 } as const;

/** Which query terms a text holds, where, and whether its phrases occur in it word for word. */
export function matchText(text: string, parsed: ParsedQuery, fuzzy: boolean): TextMatch {
  const tokens = tokenise(text);
  const spans: Span[] = [];
  let found = 0;
  let kind: TextMatch['kind'] = 'EXACT';
  for (const q of parsed.terms) {
    let hit: TextMatch['kind'] | null = null;
    for (const token of tokens) {
      const m = termMatches(q, token, fuzzy);
      if (!m) continue;
      spans.push(token);
      if (hit === null || WEAKER[m] < WEAKER[hit]) hit = m;
    }
    if (hit) {
      found++;
      if (WEAKER[hit] > WEAKER[kind]) kind = hit;
    }
  }
  let phrases = true;
  for (const phrase of parsed.phrases) {
    const at = phraseAt(tokens, phrase);
    if (at === null) phrases = false;
    else spans.push(at);
  }
  return { found, spans: mergeSpans(spans), kind, phrases };
}

/** Where a phrase's words occur in a row (stop words included), or null. */
function phraseAt(tokens: readonly Token[], phrase: readonly string[]): Span | null {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (tokens[i + k]?.term !== phrase[k]) continue outer;
    return { start: (tokens[i] as Token).start, end: (tokens[i + phrase.length - 1] as Token).end };
  }
  return null;
}

export interface Highlight {
  readonly start: number;
  readonly end: number;
  /** text.slice(start, end) of the text the offsets point into. */
  readonly text: string;
}

export function highlights(text: string, spans: readonly Span[]): Highlight[] {
  return spans.map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) }));
}

/** Runs a plan; results come best first by the index's BM25 score. */
export function runPlan(ms: MiniSearch, p: Plan, fields: readonly string[], filter?: (id: number) => boolean) {
  return ms.search(p.query, {
    fields: [...fields],
    ...(filter ? { filter: (r: SearchResult) => filter(r.id as number) } : {}),
  });
}
