/**
 * Quantitative outcomes: a figure as worded ("more than 6,000", "about 3.8 billion yuan",
 * "96.1%"), its unit and metric phrase from the words after it, the year or period it
 * describes, and a baseline ("compared with 2012", "from 87.55% in 2012 to 98.62% in 2021").
 */
import type { Qualifier } from '../../model/ontology.js';
import { type DateMention, yearOf } from '../dates.js';
import { capitalise, singular, slug } from '../normalise.js';
import { WORD_NUMBERS } from '../numbers.js';
import type { Finding } from '../types.js';
import { allMatches, at, type RuleInput } from './context.js';
import { nonResult, plannedBefore } from './non-results.js';
import { baselineOf, changeBaselineYear, comparedMeasures, linkChanges } from './outcomes/change.js';
import { FIGURE, MEASURE, NUM, QUALIFIERS, type Raw, round, SCALES } from './outcomes/figure.js';
import { respectiveLevels } from './outcomes/levels.js';
import { describe, subjectParts } from './outcomes/metric.js';
import type { OutcomeContext } from './outcomes/outcome-context.js';
import { elided } from './outcomes/partitive.js';
import { figureDates, respectiveYears, when } from './outcomes/time.js';
import { ACTIVE, NOT_RESULT_VERB } from './outcomes/verbs.js';

export type { OutcomeContext } from './outcomes/outcome-context.js';
export { actionDay } from './outcomes/time.js';

const LENGTH = /^(?:kilometers?|kilometres?|km|meters?|metres?|miles?)$/i;
const TIME_UNITS = /^(?:years?|months?|days?|hours?|minutes?|times|consecutive|weeks?|o'clock|am|pm)$/i;
const MONTH_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|No\.|Version|version|Article|article)\s*$/;

const SHARED_VERB_GAP = /^\s+[a-z][a-z -]{0,60}?(?:\s*,\s*(?:and\s+)?|\s+and\s+)$/i;

const LIST_OPENER = /\s+(?:the following|as follows)\s*$/i;

/** Counts of places and listed items describe scope, not results: "all 14 prefecture-level cities", "26 measures". */
const SCOPE_UNIT =
  /^(?:countries|country|regions|measures|items|tasks|aspects|articles|points|opinions|departments|ministries|chapters|sections|categories|types|kinds|parts|fields|links|matters)$/i;
/** The police a campaign deployed: its effort, not its result. */
const FORCES = /^(?:officers|policemen|policewomen|police|staff|personnel|colleagues|investigators|agents|troops)$/i;
const EFFORT =
  /\b(?:participated|participating|participate|took part|involved|deployed|dispatched|mobilized|mobilised|sent|invested|joined|divided|led|leading|headed)\b/i;
/** A target stated before the figure. */
const GOAL =
  /\b(?:aim|aims|aimed|aiming|target|targets|targeted|goal|strive|strives|striving|seek|seeks|seeking)\b(?:\s+\w+){0,4}\s*$/i;
/** A package's size is the package's attribute even when issued ("issued 18 measures"). */
const PACKAGE_UNIT = /^(?:measures|items|tasks|articles|opinions|chapters|sections|aspects|matters)$/i;
/** Places count as results where curators said so ("in 36 cities" piloted); "all 14 … cities" is a scope. */
const PLACE_UNIT =
  /^(?:provinces|province|cities|city|counties|county|municipalities|districts|places|localities|prefecture-level|prefectures|areas)$/i;

const LABEL_BEFORE =
  /(?:\b(?:Chapter|Section|Part|Clause|Item|Paragraph|Phase|Stage|Round|Level|Grade|Class|Category|Step|Tier|Annex|Appendix|Page|Rule|Decree|Order)|\b(?:chapter|section|clause|paragraph|phase|page|per))\s+$/;
/** Units of measure that state a size, a distance or a limit: with no result verb, not a result. */
const MEASUREMENT =
  /^(?:milligrams?|millilit(?:er|re)s?|grams?|lit(?:er|re)s?|kilometers?|kilometres?|km|meters?|metres?|miles?|centimet(?:er|re)s?|decibels?|degrees?|square)$/i;

export function outcomes(input: RuleInput, ctx: OutcomeContext, dates: readonly DateMention[]): Finding[] {
  const text = input.text;
  const base = input.sentence.start;
  let totalSeen = false;
  const baselineSpans: [number, number][] = [];
  const fromTo = new RegExp(`\\bfrom\\s+${NUM}(\\s*%)?(?:\\s+in\\s+(\\d{4}))?\\s+to\\s+`, 'gi');
  for (const m of allMatches(fromTo, text)) {
    const numAt = m.index + m[0].indexOf(m[1] ?? '');
    baselineSpans.push([numAt, numAt + (m[1] ?? '').length + (m[2] ?? '').length]);
  }
  const raws: Raw[] = [];
  for (const m of allMatches(FIGURE, text)) {
    const [whole, qualText, digits, word, scaleText, pct] = m;
    const numText = digits ?? word ?? '';
    const qualifierKey = qualText?.toLowerCase();
    if (qualifierKey === 'a total of' || qualifierKey === 'a total of more than') totalSeen = true;
    const numStart = m.index + whole.indexOf(numText);
    if (baselineSpans.some(([a]) => a === numStart)) continue;
    const isPercent = pct !== undefined;
    if (!scaleText && !isPercent && /^(?:19|20)\d{2}$/.test(numText)) continue;
    if (MONTH_BEFORE.test(text.slice(0, numStart))) continue;
    // "Chapter 10 Duty Preparation", "Phase 2", "per 100 milliliters": a label or a denominator, not a count.
    if (LABEL_BEFORE.test(text.slice(Math.max(0, numStart - 12), numStart))) continue;
    // "($1.82 billion)", "(125 million U.S. dollars)": a conversion of the figure before it.
    if (
      /[($]\s*$/.test(text.slice(0, m.index)) ||
      /\(\s*(?:about|around|approximately)?\s*$/i.test(text.slice(0, m.index))
    )
      continue;
    const after = text.slice(m.index + whole.length);
    const value = round(
      (word ? (WORD_NUMBERS[word.toLowerCase()] ?? Number.NaN) : Number(numText.replace(/,/g, ''))) *
        (scaleText ? (SCALES[scaleText.toLowerCase()] ?? 1) : 1),
    );
    if (!Number.isFinite(value)) continue;
    const span = at(input, m.index, m.index + whole.length);
    if (!span) continue;
    raws.push({
      start: m.index,
      end: m.index + whole.length,
      whole,
      numText,
      ...(word ? { word: true } : {}),
      ...(scaleText ? { scaleText } : {}),
      isPercent,
      ...(qualifierKey ? { qualifierKey } : {}),
      total: totalSeen,
      value,
      after,
      unitWords: [],
      metricWords: [],
      unit: '',
      span,
    });
  }
  // Units and metrics; a list "22 and 50 fugitives" shares the last figure's noun.
  for (const [i, r] of raws.entries()) describe(text, r, raws[i - 1]);
  comparedMeasures(text, raws);
  const recent = [...(ctx.before ?? []), ...(ctx.previous ?? [])].filter(
    (f) => f.sentence >= input.sentence.index - 1 && f.fields.unit !== 'percent',
  );
  for (const [i, r] of raws.entries()) elided(r, raws.slice(0, i), recent, text);
  for (let i = raws.length - 2; i >= 0; i--) {
    const r = raws[i] as Raw;
    const next = raws[i + 1] as Raw;
    if (
      r.unitWords.length === 0 &&
      !r.isPercent &&
      next.isPercent === r.isPercent &&
      /^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)$/.test(text.slice(r.end, next.start))
    ) {
      r.unitWords = next.unitWords;
      r.unit = next.unit;
      r.metricWords = next.metricWords;
      // "released detailed information on 22 and 50 fugitives": the verb is before the first.
      if (!next.verb && r.verb) next.verb = r.verb;
      else r.verb = next.verb;
    }
  }
  // "1.2 million fraud calls and 800,000 text messages were intercepted": the nouns share the verb.
  for (let i = raws.length - 2; i >= 0; i--) {
    const r = raws[i] as Raw;
    const next = raws[i + 1] as Raw;
    if (r.isPercent || next.isPercent || r.verb || !next.verb || r.unitWords.length === 0) continue;
    if (SHARED_VERB_GAP.test(text.slice(r.end, next.start))) r.verb = next.verb;
  }
  // "police cracked 1,200 cases, 3,400 suspects and 56 gangs": objects listed after one verb share it.
  for (let i = 1; i < raws.length; i++) {
    const r = raws[i] as Raw;
    const prev = raws[i - 1] as Raw;
    if (r.isPercent || prev.isPercent || r.verb || r.predicate || !prev.verb || r.unitWords.length === 0) continue;
    if (SHARED_VERB_GAP.test(text.slice(prev.end, r.start))) r.verb = prev.verb;
  }
  // "the numbers of cases solved and suspects arrested were 12,000 and 3,400 respectively".
  respectiveLevels(text, raws);
  // "police seized: 2 tons of drugs, 300 guns and …": a list after a colon takes the verb before it.
  for (const r of raws) {
    if (r.isPercent || r.verb || r.unitWords.length === 0) continue;
    const colon = text.lastIndexOf(':', r.start);
    if (colon < 0 || /[;.]/.test(text.slice(colon + 1, r.start))) continue;
    const verb = ACTIVE.exec(`${text.slice(Math.max(0, colon - 80), colon).replace(LIST_OPENER, '')} `)?.[1];
    if (verb && !verb.split(/\s+/).some((w) => NOT_RESULT_VERB.test(w)))
      r.verb = verb.replace(/\s+/g, ' ').toLowerCase();
  }
  // "cases and losses dropped by 24 percent and 20.5 percent, respectively": the subjects pair in order.
  for (let i = 0; i < raws.length; i++) {
    const group = [raws[i] as Raw];
    while (
      raws[i + group.length]?.isPercent &&
      /^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$/.test(
        text.slice((group[group.length - 1] as Raw).end, (raws[i + group.length] as Raw).start),
      )
    )
      group.push(raws[i + group.length] as Raw);
    const last = group[group.length - 1] as Raw;
    if (
      group.length >= 2 &&
      group.every((g) => g.isPercent && g.change) &&
      /^\s*,?\s*respectively\b/i.test(last.after)
    ) {
      const parts = subjectParts(
        text.slice(Math.max(0, (group[0] as Raw).start - 200), (group[0] as Raw).start),
        group.length,
      );
      if (parts) for (const [k, g] of group.entries()) g.metricWords = parts[k] ?? [];
    }
    i += group.length - 1;
  }
  // "22 and 50 fugitives … in 2017 and 2018, respectively": the years pair with the figures in order.
  const yearsOf = respectiveYears(text, raws);
  // A change refers to a figure of its own or the sentence before, not to one further back.
  linkChanges(
    text,
    raws,
    // "The number is a 49.6-percent increase": the sentence before may open its own paragraph.
    [...new Set([...(ctx.previous ?? []), ...(ctx.before ?? [])])]
      .filter((f) => f.sentence >= input.sentence.index - 1)
      .sort((a, b) => a.start - b.start),
  );
  const out: Finding[] = [];
  const made = new Map<Raw, Finding>();
  const described = new Set<Raw>();
  for (const r of raws) {
    const { isPercent, scaleText, qualifierKey, value, whole, span } = r;
    if (!isPercent && r.unitWords.length === 0 && !scaleText) continue;
    // Translated reports put past results in the future ("In 2021, … 73,000 suspects will be
    // arrested"): a year before the report's makes "will be" a result after all.
    const lead = text.slice(Math.max(0, r.start - 160), r.start);
    if (
      (r.planned || plannedBefore(lead, value)) &&
      !figureDates(input, dates).some((d) => (yearOf(d.date) ?? 0) < (ctx.published?.year ?? 0))
    )
      continue;
    // A word number is a result only as the object or subject of a result verb: "Five gangs were
    // busted", not "fighting seven inches" or a stray "Ten thousand".
    if (r.word && (!r.verb || /ing$/.test(r.verb.split(' ')[0] ?? '') || r.unitWords.length === 0)) continue;
    if (r.unitWords.length > 0 && TIME_UNITS.test(r.unitWords[0] ?? '')) continue;
    // "19 last year" is a figure of a year, named elsewhere; "more than 7,000 police officers
    // participated" is the effort a campaign took, not its result.
    if (!isPercent && /^(?:last|next|previous)$/i.test(r.unitWords[0] ?? '')) continue;
    if (
      !isPercent &&
      FORCES.test(r.unit) &&
      EFFORT.test(`${text.slice(0, r.start).slice(-60)} ${(r.after.split(/[;.]/)[0] ?? '').slice(0, 120)}`)
    )
      continue;
    // "the drive is aiming for 45 percent by 2020": a goal, not a result.
    if (
      GOAL.test(
        (
          text
            .slice(0, r.start)
            .split(/[;:]|,(?!\d)/)
            .pop() ?? ''
        ).slice(-80),
      )
    )
      continue;
    // Scope, not a result: "all 14 prefecture-level cities", "26 measures", "more than 90 countries".
    // The first word or the counted head: "launched eight online service measures" is a package too.
    const scopeWord = [r.unitWords[0] ?? '', r.unit].find((w) => SCOPE_UNIT.test(w));
    if (!isPercent && scopeWord && (!r.verb || PACKAGE_UNIT.test(scopeWord))) continue;
    if (!isPercent && PLACE_UNIT.test(r.unitWords[0] ?? '') && /\ball(?:\s+the)?\s+$/i.test(text.slice(0, r.start)))
      continue;
    // "7,000 officers participated in the campaign in 14 provinces": where the effort was made, not
    // what it achieved ("piloted … in 36 cities" stays a result).
    if (
      !isPercent &&
      !r.verb &&
      PLACE_UNIT.test(r.unit) &&
      /\b(?:in|across|from|covering|throughout)\s+(?:(?:more than|over|nearly|about|all)\s+)?$/i.test(
        text.slice(0, r.start),
      ) &&
      EFFORT.test(text.slice(0, r.start).split(/[;:]/).pop() ?? '')
    )
      continue;
    // "the drive covered 28 provinces": the places a campaign spanned are its scope.
    if (
      !isPercent &&
      PLACE_UNIT.test(r.unit) &&
      /\b(?:cover|covers|covered|covering|span|spans|spanned|spanning)\s+(?:(?:more than|over|nearly|about|almost|all|some)\s+)?$/i.test(
        text.slice(0, r.start),
      )
    )
      continue;
    // "on the 100 most-wanted list", "China's 100 most-wanted": the size of a named set, not a result.
    if (
      !isPercent &&
      /(?:\bthe|['’]s)\s+$/.test(text.slice(0, r.start)) &&
      /^[a-z]+-[a-z]+$/i.test(r.unitWords[0] ?? '')
    )
      continue;
    // "one of 14 pilot zones", "one of the over 100,000 cases": the whole a thing belongs to, said in passing.
    if (/\bone of(?:\s+the)?\s+$/i.test(text.slice(0, r.start)) && !r.verb) continue;
    // "within 100 kilometers", "20 milligrams of alcohol": a measure with no result verb is a size or a limit.
    if (!isPercent && !r.verb && MEASUREMENT.test(r.unitWords[0] ?? '')) continue;
    // "… to 70 percent by 2030": a figure due by a year after the report is a target.
    const due = /^[^.;]{0,40}?\bby\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b/i.exec(r.after)?.[1];
    if (due && ctx.published?.year !== undefined && Number(due) > ctx.published.year) continue;
    // "about 90 km from the county seat": a distance, not a result.
    if (LENGTH.test(r.unit) && /^\s+\S+\s+(?:from|away|south|north|east|west)\b/i.test(r.after)) continue;
    // A scope, a state of affairs, a crime's own amounts, a ceiling, a label or a list count; a figure
    // joined by "and" to a crime's amount or a state describes it too ("involved 28 million yuan and
    // 1,600 victims", "had 319 million vehicles and 396 million drivers").
    const why = nonResult({
      before: lead,
      after: r.after,
      numText: r.numText,
      value,
      isPercent,
      scaled: scaleText !== undefined,
      ...(qualifierKey ? { qualifierKey } : {}),
      unit: r.unit,
      unitWords: r.unitWords,
      ...(r.verb ? { verb: r.verb } : {}),
      docAfter: input.doc.text.slice(input.sentence.start + r.start, input.sentence.start + r.start + 200),
      docBefore: input.doc.text.slice(
        Math.max(0, input.sentence.start + r.start - 600),
        input.sentence.start + r.start,
      ),
    });
    const joinedTo = raws[raws.indexOf(r) - 1];
    if (
      why === 'crime' ||
      why === 'state' ||
      (joinedTo &&
        described.has(joinedTo) &&
        /^(?:\s+[a-z-]+){0,4}\s*,?\s*(?:and|or)\s+$/i.test(text.slice(joinedTo.end, r.start)))
    )
      described.add(r);
    if (why || described.has(r)) continue;
    const ref = r.ref && 'kind' in r.ref ? r.ref : r.ref ? made.get(r.ref) : undefined;
    const useRef = ref !== undefined && isPercent && r.metricWords.length === 0;
    const metricWords = useRef
      ? String(ref.fields.metricText ?? '').split(' ')
      : [
          ...r.metricWords,
          // "losses recovered", not "losses recovered losses": the verb's noun is already there.
          ...(r.verb ? r.verb.split(' ').filter((w, i) => i === 0 || !r.metricWords.includes(w)) : []),
        ];
    // "above 5 million in urban areas": no counted noun, no words before it, no verb: nothing is named.
    if (!isPercent && !r.unit && metricWords.every((w) => !w)) continue;
    const unit = r.unit || 'units';
    const metricPhrase = metricWords.filter((w) => w).join(' ') || unit;
    const qualifier: Qualifier = qualifierKey
      ? (QUALIFIERS[qualifierKey] ?? 'EXACT')
      : r.total && !isPercent
        ? 'A_TOTAL_OF'
        : 'EXACT';
    const fields: Record<string, unknown> = {
      metric: slug(metricPhrase, 8),
      metricText: metricPhrase,
      value,
      unit,
      qualifier,
      // A unit of measure is part of the figure as worded ("about 3.8 billion yuan"); a counted noun is not.
      figure: MEASURE.test(r.unitWords[0] ?? '') ? `${whole.trim()} ${r.unitWords[0]}` : whole.trim(),
    };
    Object.assign(fields, when(input, ctx, dates, span.start, span.end, r.after));
    const own = yearsOf.get(r);
    if (own) {
      delete fields.period;
      fields.year = own;
    }
    const ante = r.antecedent?.fields;
    if (ante && figureDates(input, dates).length === 0) {
      for (const k of ['year', 'period'] as const) delete fields[k];
      Object.assign(fields, ante.year ? { year: ante.year } : {}, ante.period ? { period: ante.period } : {});
    }
    if (useRef && ref) {
      for (const k of ['year', 'period'] as const) delete fields[k];
      Object.assign(
        fields,
        ref.fields.year ? { year: ref.fields.year } : {},
        ref.fields.period ? { period: ref.fields.period } : {},
      );
    }
    const baseline = baselineOf(text, r.start, r.numText, isPercent);
    if (baseline) Object.assign(fields, baseline);
    if (r.change) {
      fields.change = r.change;
      if (r.change.direction) fields.direction = r.change.direction;
      const y = changeBaselineYear(r.change, fields);
      if (y) fields.baseline = { ...((fields.baseline as object | undefined) ?? {}), year: y };
    }
    if (/\b(?:nationwide|across the country|national|nationally)\b/i.test(text)) fields.scope = { level: 'NATIONAL' };
    const label = (fields.year as string | undefined) ?? (fields.period as { end?: string } | undefined)?.end ?? '';
    const finding: Finding = {
      kind: 'OUTCOME',
      name: `${capitalise(metricPhrase)}${label ? ` (${label})` : ''}`,
      ...span,
      sentence: input.sentence.index,
      rule: isPercent
        ? r.change
          ? 'outcome-change'
          : 'outcome-percent'
        : scaleText
          ? 'outcome-large-number'
          : 'outcome-count',
      confidence:
        r.unitWords.length === 0 && !ref && !isPercent ? 0.6 : qualifierKey || scaleText || isPercent ? 0.85 : 0.75,
      fields,
      quote: { start: base, end: input.sentence.end },
    };
    made.set(r, finding);
    out.push(finding);
  }
  return out;
}

/** Keeps singular() reachable for callers comparing units. */
export const unitHead = (unit: string): string => singular((unit.split(/\s+/).pop() ?? '').toLowerCase());
