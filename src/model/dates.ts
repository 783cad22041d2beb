/**
 * Dates kept at the precision the text gives: "2015", "2015-05" or "2015-05-29".
 * A year-only date must never turn into January 1st, so dates stay strings with a precision.
 */

export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface PartialDate {
  readonly text: string;
  readonly precision: DatePrecision;
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses a partial ISO date, or returns null when it is malformed or impossible. */
export function parsePartialDate(text: string): PartialDate | null {
  const m = PARTIAL_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { text, precision: 'YEAR', year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { text, precision: 'MONTH', year, month };
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { text, precision: 'DAY', year, month, day };
}

/** The first and last ISO days a partial date covers, for range comparisons. */
export function dateBounds(d: PartialDate): { first: string; last: string } {
  const y = String(d.year).padStart(4, '0');
  if (d.precision === 'YEAR') return { first: `${y}-01-01`, last: `${y}-12-31` };
  const m = String(d.month).padStart(2, '0');
  if (d.precision === 'MONTH') {
    const days = new Date(Date.UTC(d.year, d.month ?? 1, 0)).getUTCDate();
    return { first: `${y}-${m}-01`, last: `${y}-${m}-${String(days).padStart(2, '0')}` };
  }
  return { first: d.text, last: d.text };
}

/** Orders partial dates by their first day, the coarser one first on ties. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const fa = dateBounds(a).first;
  const fb = dateBounds(b).first;
  if (fa !== fb) return fa < fb ? -1 : 1;
  const rank = { YEAR: 0, MONTH: 1, DAY: 2 } as const;
  return rank[a.precision] - rank[b.precision];
}
