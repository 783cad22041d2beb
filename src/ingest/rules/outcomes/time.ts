/**
 * The time of a figure: the year or period it describes, from the dates of its sentence, the
 * paragraph and the campaign, leaving out datelines, reporting dates and baselines.
 */
import { type DateMention, yearOf } from '../../dates.js';
import { WORD_NUMBERS } from '../../numbers.js';
import type { RuleInput } from '../context.js';
import type { Raw } from './figure.js';
import type { OutcomeContext } from './outcome-context.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Figures of one noun that "respectively" pairs with as many years named after them. */
export function respectiveYears(text: string, raws: readonly Raw[]): Map<Raw, string> {
  const out = new Map<Raw, string>();
  const m = /\bin\s+((?:(?:19|20)\d{2}\s*,\s*)*(?:19|20)\d{2}\s*,?\s+and\s+(?:19|20)\d{2})\s*,?\s+respectively\b/i.exec(
    text,
  );
  if (!m) return out;
  const years = (m[1] ?? '').match(/(?:19|20)\d{2}/g) ?? [];
  const figures = raws.filter((r) => !r.isPercent && r.end <= m.index && r.unitWords.length > 0).slice(-years.length);
  if (figures.length !== years.length || new Set(figures.map((r) => r.unit)).size !== 1) return out;
  for (const [i, r] of figures.entries()) out.set(r, years[i] ?? '');
  return out;
}

/** The year or period a figure describes; a period with only an end starts at the campaign's launch. */
export function when(
  input: RuleInput,
  ctx: OutcomeContext,
  dates: readonly DateMention[],
  start: number,
  end: number,
  after: string,
): Record<string, unknown> {
  const launch = ctx.campaignStart;
  const pub = ctx.published;
  // "During this year's campaign, …": from its launch to the report, unless a closer date is named.
  const clause = input.doc.text.slice(input.sentence.start, start);
  const during = DURING_CAMPAIGN.exec(clause);
  // "this year's" inside the phrase names the campaign, not another period.
  const inside = (d: DateMention) =>
    during !== null &&
    d.start >= input.sentence.start + during.index &&
    d.end <= input.sentence.start + during.index + during[0].length;
  if (
    launch &&
    pub?.month &&
    during &&
    figureDates(input, dates).every((d) => (d.role === 'AT' && d.date.length === 4) || inside(d))
  ) {
    const now = `${pub.year}-${pad(pub.month)}`;
    if (launch.slice(0, 7) <= now) return { period: { start: launch.slice(0, 7), end: now } };
  }
  // "Since the launch of the campaign, they have detected 600 cases": a campaign whose start the
  // text never gives counts to the report (an unknown start, not the year of a date before).
  if (!launch && pub?.month && during && ctx.reviewYear === undefined && figureDates(input, dates).every(inside))
    return { period: { end: `${pub.year}-${pad(pub.month)}` } };
  // "During the first seven months of the two-year campaign": N months from its launch.
  const first = FIRST_MONTHS_OF_CAMPAIGN.exec(clause);
  if (launch && launch.length >= 7 && first) {
    const n = first[1] ? (WORD_NUMBERS[first[1].toLowerCase()] ?? Number(first[1])) : 1;
    if (Number.isInteger(n) && n >= 1 && n <= 24) {
      const m0 = Number(launch.slice(0, 4)) * 12 + Number(launch.slice(5, 7)) - 1 + n - 1;
      return { period: { start: launch.slice(0, 7), end: `${Math.floor(m0 / 12)}-${pad((m0 % 12) + 1)}` } };
    }
  }
  const t = whenOf(input, ctx, dates, start, end, after);
  const period = t.period as { start?: string; end?: string } | undefined;
  if (period?.end && !period.start && launch && launch.slice(0, 7) <= period.end.slice(0, 7)) {
    return { period: { start: launch, end: period.end } };
  }
  return t;
}

/**
 * The dates of the sentence that can say when its figures happened: not a baseline ("compared
 * with 2015", "the same period of last year") and not when the news was told ("the ministry
 * said on Friday", "a statement issued Saturday, March 25").
 */
const DURING_CAMPAIGN =
  /\b(?:(?:during|in|throughout)\s+(?:the|this|this year's|its|their)\s+(?:[“"][^”"]{1,40}[”"](?!\s*\w)|(?:[“"][^”"]{1,40}[”"]\s+)?(?:[a-z-]+\s+){0,2}(?:campaign|operation|crackdown|special action)\b|(?:[A-Z][\w-]*\s+){1,3}(?:Campaign|Operation|Crackdown|Action)\b)|since\s+(?:the\s+)?(?:launch|start|beginning|kick-off)\s+of\s+(?:the|this|its|their)\b|since\s+(?:the|this|its|their)\s+(?:[“"][^”"]{1,40}[”"]\s+)?(?:[a-z-]+\s+){0,2}(?:campaign|operation|crackdown|action)\s+(?:was\s+)?(?:launched|began|started|kicked off|carried out|implemented)\b)/i;

const FIRST_MONTHS_OF_CAMPAIGN =
  /\bfirst\s+(?:([a-z]+|\d{1,2})\s+months|month)\s+(?:of|since)\s+(?:the|this|its|their)\s+(?:[a-z-]+\s+){0,3}(?:campaign|operation|crackdown|special action|drive)\b/i;

export function figureDates(input: RuleInput, dates: readonly DateMention[]): DateMention[] {
  const text = input.doc.text;
  const sentenceText = text.slice(input.sentence.start, input.sentence.end);
  return dates.filter(
    (d) =>
      d.start >= input.sentence.start &&
      d.end <= input.sentence.end &&
      !BASELINE_BEFORE.test(text.slice(Math.max(0, d.start - 40), d.start)) &&
      !TOLD_BEFORE.test(text.slice(Math.max(0, d.start - 80), d.start)) &&
      !isDateline(text, d) &&
      !(d.weekday && d.role === 'AT' && REPORTING.test(sentenceText)),
  );
}

/** "said on Friday", "learned from the Ministry of Public Security on September 7": when it was told. */
const TOLD_BEFORE =
  /\b(?:said|says|announced|issued|released|told|stated|published|reported|learned|learnt)(?:\s+(?:from|by)(?:\s+the)?(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){1,6})?\s+(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$/;

/** Not a meeting, a report or a press conference: a sentence that tells what was done on a day. */
const NOT_ACTION_DAY = /\b(?:meeting|conference|held|session|seminar|forum|symposium|ceremony|briefing|interview)\b/i;

/**
 * The day of an action ("carried out a rectification on the evening of July 7th"), which the next
 * sentences of its paragraph go on about: not when the news was told, a dateline, a weekday or a
 * meeting's day.
 */
export function actionDay(text: string, sentence: { start: number; end: number }, d: DateMention): boolean {
  const sentenceText = text.slice(sentence.start, sentence.end);
  return (
    d.role === 'AT' &&
    d.date.length === 10 &&
    !d.weekday &&
    !REPORTING.test(sentenceText) &&
    !NOT_ACTION_DAY.test(sentenceText) &&
    !TOLD_BEFORE.test(text.slice(Math.max(0, d.start - 80), d.start)) &&
    !isDateline(text, d)
  );
}

/** "Beijing, March 15 :", "Xinhua News Agency, Beijing, August 17 (Reporter …)": the dateline, not the figures' time. */
function isDateline(text: string, d: DateMention): boolean {
  return (
    d.date.length === 10 &&
    /[A-Z][A-Za-z]+,\s*$/.test(text.slice(Math.max(0, d.start - 30), d.start)) &&
    /^\s*(?:[:(—–]|--|\.\s|\.?$)/.test(text.slice(d.end, d.end + 3))
  );
}

function whenOf(
  input: RuleInput,
  ctx: OutcomeContext,
  dates: readonly DateMention[],
  start: number,
  end: number,
  after: string,
): Record<string, unknown> {
  const baselineYear = /^\s*(?:in\s+\d{4}\s*,?\s*)?compared with\s+(\d{4})/i.exec(after)?.[1];
  // "solved about 83,000 telecom fraud cases in 2016": a year later in the figure's own clause.
  const following =
    /^\s*in\s+((?:19|20)\d{2})\b/i.exec(after)?.[1] ??
    /^(?:(?!compared|from|than|since|to\b)[^,;.:])*?\s(?:in|during)\s+((?:19|20)\d{2})\b(?![-–\d])/i.exec(
      after.slice(0, 80),
    )?.[1];
  if (following) return { year: following };
  const usable = figureDates(input, dates).filter((d) => !(baselineYear && d.date === baselineYear));
  // "3,010 cases last year and 1,810 so far this year": a date in the figure's own clause, right
  // after it, is the figure's own.
  const clauseEnd = end + (/[,;:]|\d/.exec(after)?.index ?? after.length);
  const before =
    usable.find((d) => d.start >= end && d.end <= clauseEnd) ??
    usable.filter((d) => d.end <= start).pop() ??
    usable.find((d) => d.start >= end);
  const pub = ctx.published;
  const now = pub ? (pub.month ? `${pub.year}-${pad(pub.month)}` : String(pub.year)) : undefined;
  if (before) {
    if (before.role === 'RANGE') return { period: { start: before.from, end: before.date } };
    // "The special campaign launched by the ministry in February led to …": results since the launch.
    const launchedAt = /\b(?:launched|started|initiated|began)\b[^,;]*$/i.test(
      input.doc.text.slice(input.sentence.start, before.start),
    );
    // "since the service was launched in 2019": a period from then to the report.
    const sinceAt = /\bsince\b[^,;]*$/i.test(input.doc.text.slice(input.sentence.start, before.start));
    if (before.role === 'AT' && sinceAt && now && before.date.slice(0, 7) <= now)
      return { period: { start: before.date.slice(0, 7), end: now } };
    if (before.role === 'AT' && launchedAt && before.date.length >= 7)
      return { period: { start: before.date.slice(0, 7), ...(now ? { end: now } : {}) } };
    // "In May of this year": a month is a period of its own.
    if (before.role === 'AT' && before.date.length === 7) return { period: { start: before.date, end: before.date } };
    if (before.role === 'SINCE') return { period: { start: before.date, ...(now ? { end: now } : {}) } };
    if (before.from) return { period: { start: before.from, end: before.date } };
    if (before.role === 'UNTIL') {
      // "as of September 6, since the ministry launched a crackdown … in April last year".
      const since = usable.find(
        (d) =>
          d.start > before.end && /\bsince\b/i.test(input.doc.text.slice(before.end, d.start)) && d.date < before.date,
      );
      const start = since?.date ?? ctx.since?.start;
      return { period: { ...(start && start < before.date ? { start } : {}), end: before.date } };
    }
    // "on March 1", "on Friday": a day-level date stands for its month.
    if (before.date.length === 10) return { period: { start: before.date.slice(0, 7), end: before.date.slice(0, 7) } };
    return { year: String(yearOf(before.date)) };
  }
  // "Police carried out an operation on the evening of July 7th. The operation resulted in the
  // arrest of 2,072 suspects": the figures are that day's, at month precision (as in its own sentence).
  if (ctx.paragraphDay !== undefined)
    return { period: { start: ctx.paragraphDay.slice(0, 7), end: ctx.paragraphDay.slice(0, 7) } };
  if (ctx.paragraphYear !== undefined) return { year: String(ctx.paragraphYear) };
  // "Since April 2021, …" earlier in the paragraph: what follows counts from then.
  if (ctx.since)
    return {
      period: { start: ctx.since.start, ...(ctx.since.end ? { end: ctx.since.end } : now ? { end: now } : {}) },
    };
  if (ctx.period) return { period: { ...ctx.period } };
  // "The number is a 49.6-percent increase from 2015, while losses of 2.5 billion yuan were
  // retrieved": a sentence without a date goes on about the time of the figures just before.
  const last = ctx.before?.at(-1)?.fields;
  if (last?.year) return { year: last.year };
  if (last?.period) return { period: { ...(last.period as object) } };
  if (ctx.reviewYear !== undefined) return { year: String(ctx.reviewYear) };
  return now ? { period: { end: now } } : {};
}

/** A date a change is measured against: "compared with 2015", "the same period of last year", "an increase from 2015". */
const BASELINE_BEFORE =
  /(?:compared (?:with|to)|(?:the )?same period(?: of| in)?|than(?: in)?|(?:increase|decrease|rise|drop|decline|growth|up|down)\s+(?:by\s+)?from|(?:increase|decrease|rise|drop|decline|growth|fall)\s+(?:over|on)|(?:percent|per cent|%)\s+(?:over|on|from))\s*$/i;
const REPORTING =
  /\b(?:said|says|announced|announces|told|stated|noted|according to|statement|press conference|news conference)\b/i;
