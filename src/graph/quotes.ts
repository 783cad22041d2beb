/**
 * Locating evidence quotes in their documents, and explaining the miss when a quote is not
 * verbatim: curators mostly mistype quote marks, spacing or one word, so the closest
 * near-match with the first point of difference is what helps them fix it.
 */
import { distance } from 'fastest-levenshtein';

export interface QuoteLocation {
  readonly start: number;
  readonly end: number;
  readonly occurrences: number;
}

/** All start offsets of `quote` in `text`. */
export function occurrencesOf(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) found.push(i);
  return found;
}

export function locateQuote(text: string, quote: string, occurrence = 1): QuoteLocation | null {
  const found = occurrencesOf(text, quote);
  const start = found[occurrence - 1];
  if (start === undefined) return null;
  return { start, end: start + quote.length, occurrences: found.length };
}

/** Longest k such that predicate(k) holds, for a predicate true up to some k then false. */
function longestTrue(max: number, predicate: (k: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (predicate(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface NearMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Edit distance between the quote and the near-match. */
  readonly distance: number;
}

const normalise = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');

/**
 * The passage of `text` closest to `quote`: anchored on the longest prefix or suffix of the
 * quote that does occur, then widened to the quote's length. Null when nothing is close.
 */
export function closestMatch(text: string, quote: string): NearMatch | null {
  const prefix = longestTrue(quote.length, (k) => text.includes(quote.slice(0, k)));
  const suffix = longestTrue(quote.length, (k) => text.includes(quote.slice(quote.length - k)));
  const candidates: number[] = [];
  if (prefix >= 8) for (const at of occurrencesOf(text, quote.slice(0, prefix))) candidates.push(at);
  if (suffix >= 8) {
    for (const at of occurrencesOf(text, quote.slice(quote.length - suffix))) {
      candidates.push(at + suffix - quote.length);
    }
  }
  let best: NearMatch | null = null;
  for (const raw of candidates.slice(0, 50)) {
    for (const slack of [0, -5, 5, -15, 15]) {
      const start = Math.max(0, raw);
      const end = Math.min(text.length, start + quote.length + slack);
      if (end <= start) continue;
      const passage = text.slice(start, end);
      const d = distance(quote, passage);
      if (!best || d < best.distance) best = { start, end, text: passage, distance: d };
    }
  }
  if (!best || best.distance > Math.max(10, quote.length * 0.5)) return null;
  return best;
}

/** A sentence for the curator: why the quote missed and what the document says instead. */
export function explainMiss(text: string, quote: string): string {
  const near = closestMatch(text, quote);
  if (!near) return 'quote not found in the document, and no passage is close to it';
  let firstDiff = 0;
  while (firstDiff < quote.length && quote[firstDiff] === near.text[firstDiff]) firstDiff++;
  const hint = normalise(near.text) === normalise(quote) ? ' (differs only in quote marks or spacing)' : '';
  const docSide = JSON.stringify(near.text.slice(firstDiff, firstDiff + 30));
  const quoteSide = JSON.stringify(quote.slice(firstDiff, firstDiff + 30));
  return (
    `quote not found verbatim${hint}; closest passage at offset ${near.start} ` +
    `(${near.distance} edits away) first differs at character ${firstDiff}: ` +
    `document has ${docSide}, quote has ${quoteSide}. Closest passage: ${JSON.stringify(near.text)}`
  );
}
