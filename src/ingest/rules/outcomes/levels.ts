/** Figures stated as a level ("the number of … reached", "rose to 98.6%") and the subject they are the level of. */
import { NUM, QUAL, type Raw } from './figure.js';
import { NOUN_STOP } from './word-classes.js';

/**
 * "the number of X reached", "traffic deaths totalled", "rose by 15 percent to": a verb that
 * states a level, with the subject it is the level of. "was"/"were" only after "the number of".
 */
const LEVEL = new RegExp(
  `^(.*?)\\s+(?:(?:has|have|had)\\s+)?(?:(reached|totall?ed|stood at|amounted to|came to|(?:rose|risen|increased|grew|grown|climbed|fell|fallen|dropped|declined|decreased)(?:\\s+(?:by\\s+)?${NUM}\\s*(?:%|percent|per cent)(?:\\s+year[ -]on[ -]year)?)?\\s+to)|(?<be>was|were))\\s+(?:${QUAL}\\s+)?$`,
  'i',
);
export const CHANGED_TO =
  /\b(?:rose|risen|increased|grew|grown|climbed|fell|fallen|dropped|declined|decreased)\s+(?:by\s+)?[\d.,]{1,12}\s*(?:%|percent|per cent)(?:\s+year[ -]on[ -]year)?\s+to\s+(?:[a-z]+\s+){0,2}$/i;
export const LEVEL_LEAD = /^(?:.*\b(?:the|a|its|their)\s+)?(?:total\s+)?(?:numbers?|amounts?|counts?|totals?)\s+of\s+/i;

/** Figures joined by "and" after a level verb, "respectively": each is the level of one part of the subject. */
export function respectiveLevels(text: string, raws: Raw[]): void {
  const first = raws.findIndex((r) => !r.isPercent);
  if (first < 0 || !/\brespectively\b/i.test(text)) return;
  const group = [raws[first] as Raw];
  for (let i = first + 1; i < raws.length; i++) {
    const r = raws[i] as Raw;
    const gap = text.slice((group[group.length - 1] as Raw).end, r.start);
    if (r.isPercent || !/^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$/.test(gap)) break;
    group.push(r);
  }
  const last = group[group.length - 1] as Raw;
  if (group.length < 2 || !/^\s*,?\s*respectively\b/i.test(last.after)) return;
  const head = group[0] as Raw;
  const level = levelSubject(
    (
      text
        .slice(0, head.start)
        .split(/[;:]|,(?!\d)/)
        .pop() ?? ''
    ).slice(-160),
  );
  if (!level) return;
  const parts = level.words.join(' ').split(/\s+and\s+/i);
  if (parts.length !== group.length) return;
  for (const [k, r] of group.entries()) {
    const words = (parts[k] ?? '').split(/\s+/);
    const noun = [...words].reverse().find((w) => !/^[a-z]+ed$/i.test(w)) ?? '';
    if (!noun) return;
    r.metricWords = words;
    r.unitWords = [noun];
    r.unit = noun;
  }
}

export function levelSubject(clauseBefore: string): { words: string[]; head: string } | null {
  const m = LEVEL.exec(clauseBefore);
  if (!m) return null;
  let subject = (m[1] ?? '').trim();
  const lead = LEVEL_LEAD.exec(subject);
  if (m.groups?.be && !lead) return null;
  if (lead) subject = subject.slice(lead[0].length);
  // The subject is the noun phrase before the verb: after the last word that ends another phrase.
  const words = subject.split(/\s+/).filter((w) => /^[a-z][a-z-]*$/i.test(w));
  const cut = lead ? -1 : words.findLastIndex((w) => /^(?:in|on|at|during|since|and|of|by|that|which|as)$/i.test(w));
  const phrase = words
    .slice(cut + 1)
    .filter((w) => !/^(?:the|a|an|this|these|its|their)$/i.test(w))
    .slice(-6);
  // "telecom fraud cases cracked": the head is the last word that is no participle.
  const head = [...phrase].reverse().find((w) => !/^[a-z]+ed$/i.test(w)) ?? '';
  if (!head || /^(?:it|they|figure|number|total|amount)$/i.test(head) || NOUN_STOP.test(head)) return null;
  return { words: phrase, head };
}
