/**
 * Where each candidate sits in the text: its evidence quotes found the way the loader finds
 * them (the n-th exact occurrence), and within the first quote the words that name it.
 */
import type { ExistingEntity } from './api.js';
import { type Draft, evidenceOf, type Row } from './model.js';

export interface Span {
  start: number;
  end: number;
}

export function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** The span of each evidence quote of the row (null where the quote is not in the text). */
export function quoteSpans(text: string, row: Row): (Span | null)[] {
  return evidenceOf(row.item).map((ev) => {
    const at = occurrences(text, ev.quote)[(ev.occurrence ?? 1) - 1];
    return at === undefined ? null : { start: at, end: at + ev.quote.length };
  });
}

/** The words a candidate is known by, longest first, so the fullest mention wins. */
function namesOf(row: Row, existing: Record<string, ExistingEntity>): string[] {
  const item = row.item;
  const known = existing[String(item.id)];
  const names = [item.name, item.figure, ...(Array.isArray(item.aliases) ? item.aliases : [])]
    .concat(row.section === 'extends' && known ? [known.name, ...known.aliases] : [])
    .filter((n): n is string => typeof n === 'string' && n.trim().length > 1);
  return [...new Set(names)].sort((a, b) => b.length - a.length);
}

export interface Mention extends Span {
  /** True when no name was found in the quote and the span is the whole quote. */
  readonly wholeQuote: boolean;
}

/** A name as a pattern that lets quote marks, hyphens and spacing differ: "Summer Crackdown" special operation. */
function namePattern(name: string): RegExp | null {
  const words = name.split(/[^\p{L}\p{N}.%]+/u).filter(Boolean);
  if (words.length === 0) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('[\\s"“”‘’\'-]+'), 'iu');
}

/** The mention of an entity row: a name inside its first found quote, else that whole quote. */
export function mentionSpan(text: string, row: Row, draft: Draft): Mention | null {
  const quote = quoteSpans(text, row).find((s): s is Span => s !== null);
  if (!quote) return null;
  const inQuote = text.slice(quote.start, quote.end);
  for (const name of namesOf(row, draft.existing)) {
    const m = namePattern(name)?.exec(inQuote);
    if (m) return { start: quote.start + m.index, end: quote.start + m.index + m[0].length, wholeQuote: false };
  }
  return { ...quote, wholeQuote: true };
}

/** The occurrence number (1-based) of `quote` starting at `start`, as evidence writes it. */
export function occurrenceAt(text: string, quote: string, start: number): number {
  return occurrences(text, quote).indexOf(start) + 1;
}
