/**
 * Quantitative outcomes: a figure as worded ("more than 6,000", "about 3.8 billion yuan",
 * "96.1%"), its unit and metric phrase from the words after it, the year or period it
 * describes, and a baseline ("compared with 2012", "from 87.55% in 2012 to 98.62% in 2021").
 */
import type { PartialDate } from '../../model/dates.js';
import type { Qualifier } from '../../model/ontology.js';
import { type DateMention, yearOf } from '../dates.js';
import { capitalise, singular, slug } from '../normalise.js';
import type { Finding } from '../types.js';
import { allMatches, at, type RuleInput } from './context.js';

const QUAL =
  '(a total of more than|a total of|more than|over|nearly|almost|about|approximately|around|regarding|an average of|at least|less than|fewer than|up to)';
const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const SCALE = '(hundred million|ten thousand|billion|million|thousand)';
const FIGURE = new RegExp(
  `(?<![\\w(.,+*-])(?:${QUAL}\\s+)?${NUM}(?![\\w*+]|[-–]\\d|,\\d|\\.\\d)(?:\\s+${SCALE}\\b)?(\\s*%|\\s+percent\\b)?`,
  'gi',
);
const QUALIFIERS: Record<string, Qualifier> = {
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
const SCALES: Record<string, number> = {
  'hundred million': 1e8,
  'ten thousand': 1e4,
  billion: 1e9,
  million: 1e6,
  thousand: 1e3,
};
const UNIT_STOP =
  /^(?:have|has|had|were|was|will|would|are|is|be|been|of|in|and|to|for|from|at|on|with|such|that|which|including|by|as|per|or|than|the|a|an|this|these|its|their|compared|respectively)$/i;
const MEASURE =
  /^(?:yuan|RMB|dollars?|euros?|kilometers?|kilometres?|km|meters?|metres?|tons?|tonnes?|hectares?|mu|kilograms?|kg)$/i;
const TIME_UNITS = /^(?:years?|months?|days?|hours?|minutes?|times|consecutive|weeks?|o'clock|am|pm)$/i;
const MONTH_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|No\.|Version|version|Article|article)\s*$/;

export interface OutcomeContext {
  readonly published?: PartialDate;
  /** The last year named earlier in the same paragraph. */
  readonly paragraphYear?: number;
  /** A year-in-review published early in the next year describes that year. */
  readonly reviewYear?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function outcomes(input: RuleInput, ctx: OutcomeContext, dates: readonly DateMention[]): Finding[] {
  const out: Finding[] = [];
  const text = input.text;
  const base = input.sentence.start;
  let totalSeen = false;
  const baselineSpans: [number, number][] = [];
  const fromTo = new RegExp(`\\bfrom\\s+${NUM}(\\s*%)?(?:\\s+in\\s+(\\d{4}))?\\s+to\\s+`, 'gi');
  for (const m of allMatches(fromTo, text)) {
    const numAt = m.index + m[0].indexOf(m[1] ?? '');
    baselineSpans.push([numAt, numAt + (m[1] ?? '').length + (m[2] ?? '').length]);
  }
  for (const m of allMatches(FIGURE, text)) {
    const [whole, qualText, numText = '', scaleText, pct] = m;
    const qualifierKey = qualText?.toLowerCase();
    if (qualifierKey === 'a total of' || qualifierKey === 'a total of more than') totalSeen = true;
    const numStart = m.index + whole.indexOf(numText);
    if (baselineSpans.some(([a]) => a === numStart)) continue;
    const isPercent = pct !== undefined;
    if (!scaleText && !isPercent && /^(?:19|20)\d{2}$/.test(numText)) continue;
    if (MONTH_BEFORE.test(text.slice(0, numStart))) continue;
    const after = text.slice(m.index + whole.length);
    const unitWords = unitPhrase(after);
    if (!isPercent && unitWords.length === 0 && !scaleText) continue;
    if (unitWords.length > 0 && TIME_UNITS.test(unitWords[0] ?? '')) continue;
    const value = round(Number(numText.replace(/,/g, '')) * (scaleText ? (SCALES[scaleText.toLowerCase()] ?? 1) : 1));
    if (!Number.isFinite(value)) continue;
    const span = at(input, m.index, m.index + whole.length);
    if (!span) continue;
    // "1.73 million “inter-provincial general offices” for household registration migration":
    // a quoted service name counts cases handled; what for says what the cases are.
    const service = isPercent ? null : quotedService(after);
    const unit = isPercent ? 'percent' : service ? 'cases' : (unitWords[unitWords.length - 1] ?? 'units');
    const metricWords = isPercent ? percentMetric(text.slice(0, m.index)) : (service ?? unitWords);
    const participle =
      /^\s*(?:of [a-z ]+? )?(?:have|has|had|were|was|will be|will|are|is)\s+(?:been\s+)?([a-z]+ed|built|set up|given|made|won|taken|held|put)\b/i.exec(
        after.slice(unitWords.join(' ').length + 1),
      )?.[1];
    const metricPhrase = [...metricWords, ...(participle ? [participle] : [])].join(' ') || unit;
    const qualifier: Qualifier = qualifierKey
      ? (QUALIFIERS[qualifierKey] ?? 'EXACT')
      : totalSeen
        ? 'A_TOTAL_OF'
        : 'EXACT';
    const fields: Record<string, unknown> = {
      metric: slug(metricPhrase, 6),
      value,
      unit,
      qualifier,
      // A unit of measure is part of the figure as worded ("about 3.8 billion yuan"); a counted noun is not.
      figure: MEASURE.test(unitWords[0] ?? '') && !service ? `${whole.trim()} ${unitWords[0]}` : whole.trim(),
    };
    Object.assign(fields, when(input, ctx, dates, span.start, span.end, after));
    const baseline = baselineOf(text, m.index, numText, isPercent);
    if (baseline) Object.assign(fields, baseline);
    if (/\b(?:nationwide|across the country|national|nationally)\b/i.test(text)) fields.scope = { level: 'NATIONAL' };
    const label = (fields.year as string | undefined) ?? (fields.period as { end?: string } | undefined)?.end ?? '';
    out.push({
      kind: 'OUTCOME',
      name: `${capitalise(metricPhrase)}${label ? ` (${label})` : ''}`,
      ...span,
      sentence: input.sentence.index,
      rule: isPercent ? 'outcome-percent' : scaleText ? 'outcome-large-number' : 'outcome-count',
      confidence: qualifierKey || scaleText || isPercent ? 0.85 : 0.75,
      fields,
      quote: { start: base, end: input.sentence.end },
    });
  }
  return out;
}

function round(v: number): number {
  return Number(v.toPrecision(12));
}

/** Up to five words after the figure, stopping at a verb, preposition or punctuation. */
function unitPhrase(after: string): string[] {
  const words: string[] = [];
  const m = /^\s+((?:[“"‘]?[A-Za-z][A-Za-z-]*[”"’]?\s*){1,6})/.exec(after);
  if (!m) return words;
  for (const raw of (m[1] ?? '').trim().split(/\s+/)) {
    const w = raw.replace(/[“”"‘’]/g, '');
    if (!w || UNIT_STOP.test(w) || (words.length > 0 && /[a-z]ed$/.test(w))) break;
    words.push(w);
    if (/[”"’]$/.test(raw) && words.length > 0 && !/^[“"‘]/.test(raw)) break;
    if (words.length >= 5) break;
  }
  return words;
}

/** The words of a quoted term right after a figure and what it is for, when a purpose follows. */
function quotedService(after: string): string[] | null {
  const m = /^\s+[“"]([^”"]{3,60})[”"]\s+for\s+((?:[A-Za-z-]+\s*){1,6})/.exec(after);
  if (!m) return null;
  const purpose: string[] = [];
  for (const w of (m[2] ?? '').trim().split(/\s+/)) {
    if (UNIT_STOP.test(w) && purpose.length > 0) break;
    if (!UNIT_STOP.test(w)) purpose.push(w);
    if (purpose.length >= 4) break;
  }
  return [...(m[1] ?? '').split(/\s+/), 'for', ...purpose];
}

/** For a percentage, the subject before the verb: "the national theft cases will drop by". */
function percentMetric(before: string): string[] {
  const clause = (
    before
      .replace(/\s+from\s+[\d.,]+\s*%?(?:\s+in\s+\d{4})?\s+to\s*$/i, '')
      .split(/[,;:“”"]/)
      .pop() ?? ''
  ).replace(/[‘’]/g, '');
  const words = clause
    .replace(
      /\b(?:has|have|had|will|would|was|were|is|are)?\s*(?:risen|rose|dropped|drop|fell|fall|decreased|decrease|increased|increase|reached|reach|grown|grew|declined|decline)?\s*(?:by|from|to|of)?\s*$/i,
      '',
    )
    .split(/\s+/)
    .filter((w) => /^[a-z][a-z-]*$/i.test(w) && !/^(?:the|a|an|and|compared|with|of|among|in|will)$/i.test(w));
  return words.slice(-5);
}

/** The year or period a figure describes. */
function when(
  input: RuleInput,
  ctx: OutcomeContext,
  dates: readonly DateMention[],
  start: number,
  end: number,
  after: string,
): Record<string, unknown> {
  const inSentence = dates.filter((d) => d.start >= input.sentence.start && d.end <= input.sentence.end);
  const baselineYear = /^\s*(?:in\s+\d{4}\s*,?\s*)?compared with\s+(\d{4})/i.exec(after)?.[1];
  const following = /^\s*in\s+((?:19|20)\d{2})\b/i.exec(after)?.[1];
  if (following) return { year: following };
  const usable = inSentence.filter(
    (d) =>
      !(baselineYear && d.date === baselineYear) &&
      !/compared with\s*$/i.test(input.doc.text.slice(d.start - 20, d.start)),
  );
  const before = usable.filter((d) => d.end <= start).pop() ?? usable.find((d) => d.start >= end);
  const pub = ctx.published;
  const now = pub ? (pub.month ? `${pub.year}-${pad(pub.month)}` : String(pub.year)) : undefined;
  if (before) {
    if (before.role === 'SINCE') return { period: { start: before.date, ...(now ? { end: now } : {}) } };
    if (before.from) return { period: { start: before.from, end: before.date } };
    if (before.role === 'UNTIL') return { period: { end: before.date } };
    return { year: String(yearOf(before.date)) };
  }
  if (ctx.paragraphYear !== undefined) return { year: String(ctx.paragraphYear) };
  if (ctx.reviewYear !== undefined) return { year: String(ctx.reviewYear) };
  return now ? { period: { end: now } } : {};
}

function baselineOf(text: string, figureAt: number, _num: string, isPercent: boolean): Record<string, unknown> | null {
  const before = text.slice(0, figureAt);
  const after = text.slice(figureAt);
  const ft = new RegExp(`from\\s+${NUM}(\\s*%)?(?:\\s+in\\s+(\\d{4}))?\\s+to\\s+$`, 'i').exec(before);
  if (ft) {
    const b: Record<string, unknown> = {
      value: Number((ft[1] ?? '').replace(/,/g, '')),
      figure: `${ft[1]}${ft[2] ? '%' : ''}`,
    };
    if (ft[3]) b.year = ft[3];
    return { baseline: b };
  }
  if (!isPercent) return null;
  const direction =
    /\b(?:drop|dropped|decrease|decreased|decline|declined|fell|fall|down|reduced|reduction)\b[^,;]*$/i.test(before)
      ? 'DECREASE'
      : /\b(?:increase|increased|rise|rose|risen|grew|grown|up)\s+(?:by|of)\s*$/i.test(before)
        ? 'INCREASE'
        : undefined;
  const year =
    /^[^,;.]*?compared with\s+((?:19|20)\d{2})/i.exec(after)?.[1] ??
    /compared with\s+((?:19|20)\d{2})\s*,\s*(?:a|an)\s+(?:decrease|increase|drop|rise)\s+of\s+$/i.exec(before)?.[1];
  if (!direction && !year) return null;
  return { ...(direction ? { direction } : {}), ...(year ? { baseline: { year } } : {}) };
}

/** Keeps singular() reachable for callers comparing units. */
export const unitHead = (unit: string): string => singular((unit.split(/\s+/).pop() ?? '').toLowerCase());
