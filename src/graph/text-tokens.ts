/**
 * The one tokeniser of the full-text index, for indexing, querying and highlighting alike, so a
 * highlight always lands on what the index matched. Tokens keep their UTF-16 offsets in the
 * original text: the index sees normalised terms, the caller slices the original.
 *
 * - Latin words: NFKD without diacritics, lower case ("Ürümqi" and "urumqi" are one term).
 * - Numbers: "218,000" and "218000" are the one term "218000"; decimals keep their point.
 * - Chinese: no spaces between words, so every run of Han characters becomes its character
 *   bigrams ("中华人民共和国公安部" holds "公安" and "安部", so "公安部" finds it); a run of one
 *   character is its own term.
 */

export interface Token {
  /** The normalised term the index holds. */
  readonly term: string;
  /** UTF-16 offsets of the token in the text it came from. */
  readonly start: number;
  readonly end: number;
  /** A Chinese bigram or single character (searched by prefix when a query has one alone). */
  readonly han: boolean;
}

// Han runs first, then grouped or decimal numbers, then any other run of letters and digits.
const TOKEN =
  /(\p{Script=Han}+)|(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+\.\d+(?!\d))|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;

/** Words too common to index: they would give every query a posting list of the whole corpus. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'was',
  'with',
]);

const PLAIN = /^[a-z0-9]*$/;

export function normaliseTerm(word: string): string {
  const lower = word.toLowerCase();
  // Most words are plain ASCII: NFKD and the regexes were half of tokenising, at every index
  // build and on every candidate a query checks.
  if (PLAIN.test(lower)) return lower;
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/,/g, '');
}

/** Every token of text, stop words included (phrase matching needs them). */
export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    const [whole, han] = m;
    if (han) {
      if (han.length === 1) out.push({ term: han, start: at, end: at + 1, han: true });
      for (let i = 0; i + 1 < han.length; i++) {
        out.push({ term: han.slice(i, i + 2), start: at + i, end: at + i + 2, han: true });
      }
    } else {
      out.push({ term: normaliseTerm(whole), start: at, end: at + whole.length, han: false });
    }
  }
  return out;
}

/** The terms the index holds for a text: tokens without stop words. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const t of tokenise(text)) if (!STOP_WORDS.has(t.term)) terms.push(t.term);
  return terms;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Sorted, overlapping or touching spans merged: Chinese bigrams "公安", "安部" become "公安部". */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
