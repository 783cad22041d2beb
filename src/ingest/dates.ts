/**
 * Date expressions in a sentence ("On May 29, 2015", "In 2014", "last year", "since 2018"),
 * resolved against the document's publication date when the text leaves the year out.
 */
import type { PartialDate } from '../model/dates.js';
import { WORD_NUMBERS } from './numbers.js';

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
// News-agency style abbreviates months ("BEIJING, Oct. 24", "between June 25 and Sept. 30").
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.)';
/** After a month: a word boundary, or the abbreviation's full stop ("since Aug."). */
const MONTH_END = '(?:\\b|(?<=\\.))';
/** 1-12 for a month name or its abbreviation. */
const monthNumber = (name: string | undefined): number =>
  MONTHS.findIndex((m) => m.startsWith((name ?? '').toLowerCase().slice(0, 3))) + 1;
const pad = (n: number) => String(n).padStart(2, '0');

/** RANGE: "from January to May this year", "from 2014 to 2016" (from .. date). */
export type DateRole = 'AT' | 'SINCE' | 'UNTIL' | 'RANGE';

export interface DateMention {
  readonly start: number;
  readonly end: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  readonly date: string;
  readonly role: DateRole;
  /** A period start, for "since 2018" or "in the past ten years". */
  readonly from?: string;
  /** Named by its weekday ("on Friday"): a day of the week the report was published. */
  readonly weekday?: boolean;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

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
  const LEAD = '(?:(since|in|on|by the end of|as of the end of|at the end of|as of|up to|until|by)\\s+)?';
  const relYear = (w: string | undefined): number | undefined =>
    w === undefined
      ? undefined
      : /^\d{4}$/.test(w)
        ? Number(w)
        : /last/i.test(w)
          ? pubYear !== undefined
            ? pubYear - 1
            : undefined
          : /this/i.test(w)
            ? (pubYear ?? contextYear)
            : /the same/i.test(w)
              ? contextYear
              : undefined;
  // Ranges first, so their ends are not read as single dates.
  const END = `(?:${MONTH}(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?(?:,?\\s+(\\d{4})|\\s+(?:of\\s+)?(this year|last year|the same year))?|((?:19|20)\\d{2}))`;
  const RANGE = new RegExp(
    `\\b(?:from|between)\\s+${END}\\s*(?:to|and|through|till|until|-|–)\\s*${END}(?![-–\\d])`,
    'gi',
  );
  for (const m of matches(RANGE, text)) {
    const endYear = m[10] ? Number(m[10]) : m[8] ? Number(m[8]) : (relYear(m[9]) ?? (m[6] ? contextYear : undefined));
    const startYear = m[5] ? Number(m[5]) : m[3] ? Number(m[3]) : (relYear(m[4]) ?? endYear);
    if (startYear === undefined || endYear === undefined) continue;
    const part = (month: string | undefined, day: string | undefined, year: number) => {
      if (!month) return String(year);
      const mm = monthNumber(month);
      return day ? `${year}-${pad(mm)}-${pad(Number(day))}` : `${year}-${pad(mm)}`;
    };
    add(m, { date: part(m[6], m[7], endYear), role: 'RANGE', from: part(m[1], m[2], startYear) });
  }
  // "Since the 18th National Congress (of the CPC) (in 2012)": from the congress's month, curator
  // knowledge the text leaves out.
  for (const m of matches(CONGRESS_SINCE, text)) {
    const date = PARTY_CONGRESSES[(m[1] ?? '').toLowerCase()];
    if (date) add(m, { date, role: 'SINCE' });
  }
  // "January-May this year", "in the first half of 2021", "the first five months of this year".
  const rel = '(this year|last year|(?:19|20)\\d{2})';
  for (const m of matches(new RegExp(`\\b${MONTH}\\s*[-–]\\s*${MONTH}(?:\\s+(?:of\\s+)?${rel})?`, 'gi'), text)) {
    const y = relYear(m[3]) ?? contextYear;
    if (y === undefined) continue;
    const a = monthNumber(m[1]);
    const b = monthNumber(m[2]);
    add(m, { date: `${y}-${pad(b)}`, role: 'RANGE', from: `${y}-${pad(a)}` });
  }
  for (const m of matches(
    new RegExp(
      `\\b(?:in\\s+|during\\s+)?the\\s+first\\s+(half|quarter|three quarters|(\\w+)\\s+months)(?:\\s+(?:of\\s+)?(?:${rel}|the\\s+(?:current\\s+)?year))?(?!\\s+of\\b)`,
      'gi',
    ),
    text,
  )) {
    // "in the first half of the year", "in the first three quarters": the year in hand.
    const y = m[3] ? relYear(m[3]) : contextYear;
    const what = (m[1] ?? '').toLowerCase();
    const n =
      what === 'half'
        ? 6
        : what === 'quarter'
          ? 3
          : what === 'three quarters'
            ? 9
            : (WORD_NUMBERS[(m[2] ?? '').toLowerCase()] ?? Number(m[2]));
    if (y === undefined || !Number.isInteger(n) || n < 1 || n > 12) continue;
    add(m, { date: `${y}-${pad(n)}`, role: 'RANGE', from: `${y}-01` });
  }
  // "Since the beginning of this year": from its January, to the report.
  for (const m of matches(
    /\b(?:since|from)\s+the\s+(?:beginning|start)\s+of\s+(this year|last year|the year|(?:19|20)\d{2})\b/gi,
    text,
  )) {
    const y = /^the year$/i.test(m[1] ?? '') ? contextYear : relYear(m[1]);
    if (y !== undefined) add(m, { date: `${y}-01`, role: 'SINCE' });
  }
  // "in the 2018-2022 period": a span of years.
  for (const m of matches(/\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b(?![-–]\d)/g, text)) {
    if (Number(m[1]) < Number(m[2])) add(m, { date: String(m[2]), role: 'RANGE', from: String(m[1]) });
  }
  // "In May of this year", "since June last year".
  for (const m of matches(new RegExp(`\\b${LEAD}${MONTH}\\s+(?:of\\s+)?(this year|last year)\\b`, 'gi'), text)) {
    const y = relYear(m[3]);
    if (y === undefined) continue;
    const month = monthNumber(m[2]);
    add(m, { date: `${y}-${pad(month)}`, role: role(m[1]) });
  }
  for (const m of matches(
    new RegExp(
      `\\b${LEAD}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4})|\\s+(?:of\\s+)?(this year|last year))?\\b`,
      'gi',
    ),
    text,
  )) {
    const month = monthNumber(m[2]);
    const day = Number(m[3]);
    // "by May 15", "as of Sept. 6": a cut-off without a year is the last such day up to the
    // report, whatever year the text named before ("since its launch in May 2016").
    const pub = ctx.published;
    // "June 25 this year", "June 1 last year": the relative year is the day's.
    const year = m[4]
      ? Number(m[4])
      : m[5]
        ? relYear(m[5])
        : role(m[1]) === 'UNTIL' && pub?.month !== undefined && pub.day !== undefined
          ? month * 100 + day <= pub.month * 100 + pub.day
            ? pub.year
            : pub.year - 1
          : contextYear;
    if (year === undefined || day < 1 || day > 31) continue;
    add(m, { date: `${year}-${pad(month)}-${pad(day)}`, role: role(m[1]) });
  }
  for (const m of matches(new RegExp(`\\b${LEAD}${MONTH}(?:\\s+of)?\\s+(\\d{4})\\b`, 'gi'), text)) {
    const month = monthNumber(m[2]);
    add(m, { date: `${m[3]}-${pad(month)}`, role: role(m[1]) });
  }
  for (const m of matches(new RegExp(`\\b${LEAD}((?:19|20)\\d{2})\\b(?![-–]\\d|\\d|%|,\\d)`, 'gi'), text)) {
    // "the “Kunlun 2020” operation", "Sky Net 2019": a year that ends a name is no date.
    if (!m[1] && NAME_BEFORE_YEAR.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    // "as of the end of 2020" is December of that year.
    add(m, { date: /end of/i.test(m[1] ?? '') ? `${m[2]}-12` : String(m[2]), role: role(m[1]) });
  }
  if (pubYear !== undefined) {
    // "As of the end of last year": a stock at that December.
    for (const m of matches(/\b(?:as of|by|at|until|up to) the end of (last|this) year\b/gi, text))
      add(m, { date: `${/last/i.test(m[1] ?? '') ? pubYear - 1 : pubYear}-12`, role: 'UNTIL' });
    for (const m of matches(/\b(since )?last year\b/gi, text)) {
      add(m, { date: String(pubYear - 1), role: m[1] ? 'SINCE' : 'AT' });
    }
    const pubMonth = ctx.published?.month;
    const now = pubMonth ? `${pubYear}-${pad(pubMonth)}` : String(pubYear);
    // Counted back from the report month ("over the past three years" in May 2022: 2019-05..2022-05).
    // "Over the past year" is left out: early-year reviews use it for the calendar year just ended.
    for (const m of matches(/\b(?:in|over|during) the (?:past|last) (?:(\w+) years|(decade))\b/gi, text)) {
      const n = m[2] ? 10 : (WORD_NUMBERS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]));
      if (Number.isInteger(n) && n > 0)
        add(m, { date: now, role: 'UNTIL', from: pubMonth ? `${pubYear - n}-${pad(pubMonth)}` : String(pubYear - n) });
    }
    for (const m of matches(/\b(?:in|over|during) the (?:past|last) (?:(\w+) months?|(month))\b/gi, text)) {
      const n = m[2] ? 1 : (WORD_NUMBERS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]));
      if (!pubMonth || !Number.isInteger(n) || n < 1 || n > 24) continue;
      const back = pubYear * 12 + (pubMonth - 1) - n;
      add(m, { date: now, role: 'UNTIL', from: `${Math.floor(back / 12)}-${pad((back % 12) + 1)}` });
    }
    // "Last month", "earlier this month": a month of its own, counted from the report's.
    if (pubMonth)
      for (const m of matches(/\b(this|last) month\b/gi, text)) {
        const back = pubYear * 12 + (pubMonth - 1) - (/last/i.test(m[1] ?? '') ? 1 : 0);
        add(m, { date: `${Math.floor(back / 12)}-${pad((back % 12) + 1)}`, role: 'AT' });
      }
    // "So far this year": from January to the report.
    if (pubMonth)
      for (const m of matches(
        /\b(?:(?:so far|to date|up to now)\s+this year|this year\s+(?:so far|to date))\b/gi,
        text,
      ))
        add(m, { date: now, role: 'RANGE', from: `${pubYear}-01` });
    for (const m of matches(/\b(?:as of now|up to now|so far|to date|at present)\b/gi, text)) {
      add(m, { date: now, role: 'UNTIL' });
    }
  }
  if (contextYear !== undefined) {
    // "This year" is the report's year, even after a sentence about another ("than in 2022").
    // "This year" at a mid-year report is January to the report (the annotators' "so far" period),
    // which a December report makes the whole year.
    for (const m of matches(/\b(this|the same) year\b/gi, text)) {
      const pubMonth = ctx.published?.month;
      if (/this/i.test(m[1] ?? '') && pubYear !== undefined && pubMonth)
        add(m, { date: `${pubYear}-${pad(pubMonth)}`, role: 'RANGE', from: `${pubYear}-01` });
      else add(m, { date: String(/this/i.test(m[1] ?? '') ? (pubYear ?? contextYear) : contextYear), role: 'AT' });
    }
    // "Throughout the year, …", "during the whole year": the year the text is about.
    // A January or February report that names no year sums up the year just ended.
    for (const m of matches(
      /\b(?:(?:throughout|during) the (?:whole |entire |full )?year|(?:in|for|over) the (?:whole|entire|full) year)\b/gi,
      text,
    ))
      add(m, {
        date: String(
          ctx.year === undefined && pubYear !== undefined && (ctx.published?.month ?? 12) <= 2
            ? pubYear - 1
            : contextYear,
        ),
        role: 'AT',
      });
  }
  // "As of November": the last November up to publication, whatever year the text named before.
  const pubMonth = ctx.published?.month;
  if (pubYear !== undefined && pubMonth !== undefined) {
    for (const m of matches(
      new RegExp(
        `\\b(as of the end of|as of|by the end of|up to|until)\\s+${MONTH}${MONTH_END}${NO_DAY_OR_YEAR}`,
        'gi',
      ),
      text,
    )) {
      const month = monthNumber(m[2]);
      add(m, { date: `${month <= pubMonth ? pubYear : pubYear - 1}-${pad(month)}`, role: 'UNTIL' });
    }
  }
  // "on Friday", "As of Thursday": the last such day up to publication, when its day is known.
  const pubDay = ctx.published?.day;
  if (pubYear !== undefined && pubMonth !== undefined && pubDay !== undefined) {
    const pub = Date.UTC(pubYear, pubMonth - 1, pubDay);
    const dow = new Date(pub).getUTCDay();
    // "this week": from its Monday to the report; "last week": Monday to Sunday before it.
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const monday = pub - ((dow + 6) % 7) * 86400000;
    for (const m of matches(/\b(?:(?:earlier|later)\s+)?(this|last) week\b/gi, text)) {
      const last = /last/i.test(m[1] ?? '');
      const from = last ? day(monday - 7 * 86400000) : day(monday);
      add(m, { date: last ? day(monday - 86400000) : day(pub), role: 'RANGE', from });
    }
    for (const m of matches(
      /\b(?:(since|on|as of|by|until)\s+)?(?:(?:late|early)\s+(?:on\s+)?)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
      text,
    )) {
      const back = (dow - WEEKDAYS.indexOf((m[2] ?? '').toLowerCase()) + 7) % 7;
      const d = new Date(pub - back * 86400000);
      add(m, {
        date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
        role: role(m[1]),
        weekday: true,
      });
    }
  }
  // "launched … in March": a month alone is in the year the text is about.
  for (const m of matches(
    new RegExp(
      `\\b(in|since)\\s+(?:(?:early|mid|late)[-\\s]|the\\s+(?:beginning|start|middle|end)\\s+of\\s+)?${MONTH}${MONTH_END}${NO_DAY_OR_YEAR}`,
      'gi',
    ),
    text,
  )) {
    if (contextYear === undefined) continue;
    const month = monthNumber(m[2]);
    // Published in March 2021, "launched … in May" was May 2020: a month after the report is last year's.
    const y = contextYear === pubYear && pubMonth !== undefined && month > pubMonth ? contextYear - 1 : contextYear;
    add(m, { date: `${y}-${pad(month)}`, role: role(m[1]) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** When the Party's national congresses opened (curator knowledge, not in the texts). */
const PARTY_CONGRESSES: Record<string, string> = {
  '16th': '2002-11',
  '17th': '2007-10',
  '18th': '2012-11',
  '19th': '2017-10',
  '20th': '2022-10',
};
const CONGRESS_SINCE =
  /\b(?:since|after)\s+the\s+(16th|17th|18th|19th|20th)\s+(?:CPC\s+|Party\s+)?National\s+Congress(?:\s+of\s+the\s+(?:Communist\s+Party\s+of\s+China|CPC|Party))?(?:\s+in\s+(?:19|20)\d{2})?/gi;

/** After a month: no day or year follows ("in March 2021", "March 5"), though a figure may ("in March, 4,700 …"). */
const NO_DAY_OR_YEAR = '(?!\\s+\\d|[\\s,]+(?:of|this|last)\\b|,\\s*(?:\\d{1,2}|(?:19|20)\\d{2})\\b(?![\\d,.]))';

/** A capitalised word that is no month or preposition right before a year: the year ends a name. */
const NAME_BEFORE_YEAR =
  /(?:^|[\s“"‘(])(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|In|Since|By|Until|As|Of|Before|After|From|To|And|The|During|Through|Between|Early|Late|Mid|End|For|On|At)\b)[A-Z][A-Za-z-]*\s+$/;

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

export function yearOf(date: string | undefined): number | undefined {
  return date ? Number(date.slice(0, 4)) : undefined;
}
