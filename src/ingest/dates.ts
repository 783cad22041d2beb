/**
 * Date expressions in a sentence ("On May 29, 2015", "In 2014", "last year", "since 2018"),
 * resolved against the document's publication date when the text leaves the year out.
 */
import type { PartialDate } from '../model/dates.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const pad = (n: number) => String(n).padStart(2, '0');

export type DateRole = 'AT' | 'SINCE' | 'UNTIL';

export interface DateMention {
  readonly start: number;
  readonly end: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  readonly date: string;
  readonly role: DateRole;
  /** A period start, for "since 2018" or "in the past ten years". */
  readonly from?: string;
}

const WORD_NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twenty: 20,
};

export interface DateContext {
  readonly published?: PartialDate;
  /** The last year the text named before this sentence ("the same year", "this year"). */
  readonly year?: number;
}

/** Every date expression in `text` (a sentence starting at `offset`), in order. */
export function findDates(text: string, offset: number, ctx: DateContext): DateMention[] {
  const out: DateMention[] = [];
  const taken: [number, number][] = [];
  const add = (m: RegExpExecArray, d: Omit<DateMention, 'start' | 'end'>) => {
    const s = m.index;
    const e = s + m[0].length;
    if (taken.some(([a, b]) => s < b && e > a)) return;
    taken.push([s, e]);
    out.push({ ...d, start: offset + s, end: offset + e });
  };
  const pubYear = ctx.published?.year;
  const contextYear = ctx.year ?? pubYear;
  const role = (lead: string | undefined): DateRole =>
    !lead ? 'AT' : /since/i.test(lead) ? 'SINCE' : /end|as of|up to|until|by/i.test(lead) ? 'UNTIL' : 'AT';
  const LEAD = '(?:(since|in|on|by the end of|as of|up to|until|by)\\s+)?';
  for (const m of matches(
    new RegExp(`\\b${LEAD}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    text,
  )) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
    const year = m[4] ? Number(m[4]) : contextYear;
    const day = Number(m[3]);
    if (year === undefined || day < 1 || day > 31) continue;
    add(m, { date: `${year}-${pad(month)}-${pad(day)}`, role: role(m[1]) });
  }
  for (const m of matches(new RegExp(`\\b${LEAD}${MONTH}(?:\\s+of)?\\s+(\\d{4})\\b`, 'gi'), text)) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
    add(m, { date: `${m[3]}-${pad(month)}`, role: role(m[1]) });
  }
  for (const m of matches(new RegExp(`\\b${LEAD}((?:19|20)\\d{2})\\b(?![-–]\\d|\\d|%|,\\d)`, 'gi'), text)) {
    add(m, { date: String(m[2]), role: role(m[1]) });
  }
  if (pubYear !== undefined) {
    for (const m of matches(/\b(since )?last year\b/gi, text)) {
      add(m, { date: String(pubYear - 1), role: m[1] ? 'SINCE' : 'AT' });
    }
    const pubMonth = ctx.published?.month;
    const now = pubMonth ? `${pubYear}-${pad(pubMonth)}` : String(pubYear);
    for (const m of matches(/\b(?:in|over|during) the (?:past|last) (\w+) years\b/gi, text)) {
      const n = WORD_NUMBERS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]);
      if (Number.isInteger(n) && n > 0) add(m, { date: now, role: 'UNTIL', from: String(pubYear - n) });
    }
    for (const m of matches(/\b(?:as of now|up to now|so far|to date|at present)\b/gi, text)) {
      add(m, { date: now, role: 'UNTIL' });
    }
  }
  if (contextYear !== undefined) {
    for (const m of matches(/\b(?:this|the same) year\b/gi, text)) add(m, { date: String(contextYear), role: 'AT' });
  }
  return out.sort((a, b) => a.start - b.start);
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

export function yearOf(date: string | undefined): number | undefined {
  return date ? Number(date.slice(0, 4)) : undefined;
}
