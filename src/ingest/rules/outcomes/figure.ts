/**
 * A figure as worded: the pattern that finds "more than 6,000", "about 3.8 billion yuan", "96.1%"
 * or "five" in a sentence, what its qualifier and scale words mean, and `Raw`, a figure found in a
 * sentence while the other outcome modules work out what it counts.
 */
import type { Qualifier } from '../../../model/ontology.js';
import { WORD_NUMBERS } from '../../numbers.js';
import type { Finding } from '../../types.js';

export const QUAL =
  '(a total of more than|a total of|more than|over|nearly|almost|about|approximately|around|regarding|an average of|at least|less than|fewer than|up to)';
export const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const SCALE = '(hundred million|ten thousand|billion|million|thousand)';
/** "Five gangs", "over two million": numbers written as words, from two up (not "one of"). */
const WORD_NUM = `(${Object.keys(WORD_NUMBERS)
  .filter((w) => w !== 'one')
  .join('|')})`;
export const FIGURE = new RegExp(
  `(?<![\\w(.,+*-])(?:${QUAL}\\s+)?(?:${NUM}(?![\\w*+]|[-–]\\d|,\\d|\\.\\d)|${WORD_NUM}(?![\\w-]))(?:\\s+${SCALE}\\b)?(\\s*%|\\s+percent\\b|-percent\\b|\\s+per cent\\b|\\s+pct\\b)?`,
  'gi',
);
export const QUALIFIERS: Record<string, Qualifier> = {
  'a total of more than': 'MORE_THAN',
  'a total of': 'A_TOTAL_OF',
  'more than': 'MORE_THAN',
  over: 'MORE_THAN',
  nearly: 'NEARLY',
  almost: 'NEARLY',
  about: 'ABOUT',
  approximately: 'ABOUT',
  around: 'ABOUT',
  regarding: 'ABOUT',
  'an average of': 'AVERAGE',
  'at least': 'AT_LEAST',
  'less than': 'LESS_THAN',
  'fewer than': 'LESS_THAN',
  'up to': 'AT_LEAST',
};
export const SCALES: Record<string, number> = {
  'hundred million': 1e8,
  'ten thousand': 1e4,
  billion: 1e9,
  million: 1e6,
  thousand: 1e3,
};

export const MEASURE =
  /^(?:yuan|RMB|dollars?|euros?|kilometers?|kilometres?|km|meters?|metres?|tons?|tonnes?|hectares?|mu|kilograms?|kg)$/i;

export interface Raw {
  readonly start: number;
  readonly end: number;
  readonly whole: string;
  readonly numText: string;
  /** Written as a word ("five"): a result only with its verb ("Five gangs were busted"). */
  readonly word?: boolean;
  readonly scaleText?: string;
  readonly isPercent: boolean;
  readonly qualifierKey?: string;
  /** "a total of" came earlier in the sentence: later figures are totals too. */
  readonly total: boolean;
  readonly value: number;
  readonly after: string;
  unitWords: string[];
  metricWords: string[];
  unit: string;
  verb?: string;
  change?: { kind: 'YEAR_ON_YEAR' | 'COMPARED_WITH'; direction?: string; baseline?: string };
  /** The figure a change is a change of: an earlier finding of the paragraph or a figure of this sentence. */
  ref?: Finding | Raw;
  /** An elided figure's antecedent in an earlier sentence: "Of them, 2,212 were …" covers its time. */
  antecedent?: Finding;
  /** "six services will be launched": a plan, not a result. */
  planned?: boolean;
  /** "800 were prosecuted", "600 of them gang leaders": the metric already says what was done. */
  predicate?: boolean;
  span: { start: number; end: number };
}

export function round(v: number): number {
  return Number(v.toPrecision(12));
}
