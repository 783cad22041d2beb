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
import {
  baselineOf,
  CHANGE_JUNK,
  CHANGE_WORDS,
  changeBaselineYear,
  comparedMeasures,
  DECREASE,
  linkChanges,
  YEAR_ON_YEAR,
} from './outcomes/change.js';
import { FIGURE, MEASURE, NUM, QUAL, QUALIFIERS, type Raw, round, SCALES } from './outcomes/figure.js';
import type { OutcomeContext } from './outcomes/outcome-context.js';
import { figureDates, respectiveYears, when } from './outcomes/time.js';
import {
  ADJECTIVE,
  AUXILIARY,
  IRREGULAR,
  IRREGULAR_WORD,
  NOUN_LINK,
  NOUN_STOP,
  PAST_VERB,
} from './outcomes/word-classes.js';

export type { OutcomeContext } from './outcomes/outcome-context.js';
export { actionDay } from './outcomes/time.js';

const UNIT_STOP =
  /^(?:have|has|had|were|was|will|would|are|is|be|been|of|in|and|to|for|from|at|on|with|such|that|which|including|by|as|per|or|than|the|a|an|this|these|its|their|compared|respectively)$/i;

const LENGTH = /^(?:kilometers?|kilometres?|km|meters?|metres?|miles?)$/i;
const TIME_UNITS = /^(?:years?|months?|days?|hours?|minutes?|times|consecutive|weeks?|o'clock|am|pm)$/i;
const MONTH_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|No\.|Version|version|Article|article)\s*$/;

const AMOUNT = new RegExp(
  `^\\s*(?:(?:more than|less than|over|about|at least)\\s+)?(?:\\d[\\d.,]*|${Object.keys(WORD_NUMBERS).join('|')})(?:\\s+(?:hundred|thousand|million|billion))?\\s+(?:yuan|dollars?|euros?)\\b`,
  'i',
);

/** Words after which a noun phrase goes on about its head: "suspects at large", "cases in the field of …". */
const HEAD_END = /^(?:at|in|suspected|accused|involved|wanted|engaged|related|linked|connected)$/i;

const CURRENCY_UNIT = /^(?:yuan|dollars?|euros?)$/i;
const SHARED_VERB_GAP = /^\s+[a-z][a-z -]{0,60}?(?:\s*,\s*(?:and\s+)?|\s+and\s+)$/i;
/** "300 fewer than in 2021": a difference of the figure before. */
const DIFFERENCE =
  /^\s+(more|fewer|less)\s+than\s+(?:in\s+)?((?:19|20)\d{2}|last year|a year (?:earlier|ago|before)|the (?:same period (?:of|in) )?(?:last|previous) year)\b/i;
const LIST_OPENER = /\s+(?:the following|as follows)\s*$/i;
const MONEY_WORTH = new RegExp(
  `((?:[a-z-]+\\s+){0,3}[a-z-]+)\\s+(?:worth|totall?ing|valued at|amounting to)\\s+(?:${QUAL}\\s+)?$`,
  'i',
);

const PASSIVE = new RegExp(
  `^\\s*,?\\s*(?:(?:across the country|nationwide|in China|across China)\\s+)?(?:have|has|had|were|was|are|is|will be|would be)\\s+(?:been\\s+)?(?:successfully\\s+|urgently\\s+|effectively\\s+|also\\s+)?([a-z]+ed|${IRREGULAR})\\b`,
  'i',
);
const BARE_PARTICIPLE = new RegExp(`^\\s+([a-z]+ed|${IRREGULAR})\\b(?!\\s+(?:by|to)\\b)`, 'i');
/** An active verb right before the figure: "cracked about 200,000 cases", "solving a total of 84,000". */
const PARTICLE = '(?:\\s+(?:down|up|off|out|back))?';
const ACTIVE = new RegExp(
  `\\b((?:(?:[a-z]+ed|${IRREGULAR})${PARTICLE}\\s*,?\\s+(?:and|or)\\s+)?(?:[a-z]+(?:ed|ing)|${IRREGULAR})${PARTICLE})\\s+(?:(?:a total of|more than|nearly|almost|about|around|approximately|over|some|another|an additional|up to|at least)\\s+)?$`,
  'i',
);
const LIGHT_VERB = new RegExp(
  `\\b([a-z]+ed|${IRREGULAR})\\s+((?:out\\s+)?(?:the\\s+|its\\s+|their\\s+)?(?:[a-z-]+\\s+)?[a-z-]+)\\s+(?:on|of)\\s+(?:(?:a total of|more than|nearly|almost|about|around|approximately|over|some|up to|at least)\\s+)?$`,
  'i',
);
const NOT_RESULT_VERB =
  /^(?:including|involving|according|accounting|amounting|reaching|totaling|totalling|marking|following|during|being|having|regarding|nothing|during|bring|adding|saying|noting|stating|telling|calling|urging)$/i;
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

/** The noun phrase after a figure: "pension fraud cases", "cases of telecom fraud", up to eight words. */
function nounPhrase(after: string, subject = false): { words: string[]; length: number; verb?: string; head?: number } {
  const words: string[] = [];
  let head: number | undefined;
  // "high -risk": a hyphen set off by a space still joins its word.
  const re = /\s*([“"‘]?[A-Za-z][A-Za-z'’-]*(?:\s+-[A-Za-z][A-Za-z'’-]*)*[”"’]?)([,;:.!?)]?)/y;
  let pos = 0;
  let verb: string | undefined;
  let pendingLink: string | undefined;
  while (words.length < 8) {
    re.lastIndex = pos;
    const m = re.exec(after);
    if (!m) break;
    const raw = (m[1] ?? '').replace(/\s+-/g, '-');
    const w = raw.replace(/[“”"‘’]/g, '');
    if (NOUN_LINK.test(w)) {
      if (words.length === 0 || pendingLink) break;
      pendingLink = w;
      pos = re.lastIndex;
      continue;
    }
    // "1,283 turned themselves in": a verb, not a noun, when a pronoun or preposition follows.
    if (
      words.length === 0 &&
      /^[a-z]+ed$/.test(w) &&
      /^\s+(?:themselves|itself|themself|in|on|to|into|from|out|up|down|back)\b/i.test(after.slice(re.lastIndex))
    )
      break;
    // "handled 13,500 such cases": "such" without "as" points back, the noun follows.
    if (words.length === 0 && /^such$/i.test(w) && !/^\s+as\b/i.test(after.slice(re.lastIndex))) {
      pos = re.lastIndex;
      continue;
    }
    if (w === 'at' && words.length > 0 && /^\s*large\b/.test(after.slice(re.lastIndex))) {
      words.push('at', 'large');
      pos = re.lastIndex + (/^\s*large/.exec(after.slice(re.lastIndex))?.[0].length ?? 0);
      continue;
    }
    // "cases in the field of food safety": the domain is part of what is counted.
    const field = w === 'in' && words.length > 0 ? /^\s+the\s+fields?\s+of\b/i.exec(after.slice(re.lastIndex)) : null;
    if (field) {
      words.push('in', 'the', 'field', 'of');
      pos = re.lastIndex + field[0].length;
      continue;
    }
    // "cases related to cross-border gambling": what the cases concern is part of the noun phrase.
    const related =
      words.length > 0 && !pendingLink && /^(?:related|linked|connected)$/i.test(w)
        ? /^\s+(?:to|with)\b/i.exec(after.slice(re.lastIndex))
        : null;
    if (related) {
      words.push(w, related[0].trim());
      pos = re.lastIndex + related[0].length;
      continue;
    }
    // "illegal and criminal web pages": two adjectives joined before their noun.
    const joined =
      /^(?:and|or)$/i.test(w) && ADJECTIVE.test(words[words.length - 1] ?? '') && !m[2]
        ? /^\s+([a-z-]+)\s+([a-z-]+)/i.exec(after.slice(re.lastIndex))
        : null;
    if (joined && ADJECTIVE.test(joined[1] ?? '') && !NOUN_STOP.test(joined[2] ?? '')) {
      words.push(w);
      pos = re.lastIndex;
      continue;
    }
    // "cases involving deception of more than one million yuan": an amount qualifies the noun.
    const amount = pendingLink ? AMOUNT.exec(after.slice(pos)) : null;
    if (amount) {
      words.push(pendingLink ?? '', ...amount[0].trim().split(/\s+/));
      pendingLink = undefined;
      pos += amount[0].length;
      break;
    }
    // "women and children listed as missing", "guns and explosives": a second noun joined to the
    // first is counted with it, unless it opens a clause of its own ("cases and officers were …").
    if (
      /^(?:and|or)$/i.test(w) &&
      words.length > 0 &&
      !pendingLink &&
      !m[2] &&
      conjunct(after.slice(re.lastIndex), subject)
    ) {
      words.push(w);
      pos = re.lastIndex;
      continue;
    }
    // "43 websites that spread illegal information", "suspects who had fled abroad": a relative clause
    // says which things are counted (up to four words; "that were seized" is the result verb instead).
    if (/^(?:that|which|who)$/i.test(w) && words.length > 0 && !pendingLink && !m[2]) {
      const tail = after.slice(re.lastIndex);
      const aux = /^\s+(?:had|have|has)(?=\s+[a-z]+ed\b)/i.exec(tail)?.[0].length ?? 0;
      const wr = /[ \t]+([a-z][a-z-]*)([,;]?)/iy;
      wr.lastIndex = aux;
      const clause: string[] = [];
      let end = 0;
      for (let x = wr.exec(tail); x && clause.length < 4; x = wr.exec(tail)) {
        const bare = x[1] ?? '';
        if (NOUN_STOP.test(bare) || AUXILIARY.test(bare)) break;
        // "who allegedly engaged in …": the adverb says nothing of what is counted.
        if (!/ly$/i.test(bare)) clause.push(bare);
        end = wr.lastIndex - (x[2] ?? '').length;
        if (x[2]) break;
      }
      // "who police said ran the ring": a reported clause, not a description.
      if (clause.length > 0 && !clause.some((x) => /^(?:said|says|say|told|added)$/i.test(x))) {
        head = words.length;
        words.push(...clause);
        pos = re.lastIndex + end;
      }
      break;
    }
    if (NOUN_STOP.test(w) || /^\d/.test(w)) break;
    // "fugitives suspected of economic offenses", "suspects at large": still the noun phrase.
    // So is "materials used in the manufacturing of drugs" (what they serve, not what was done).
    if (
      /^(?:suspected|accused|involved|wanted|engaged|used)$/.test(w) &&
      /^\s*(?:of|in|for)\b/.test(after.slice(re.lastIndex))
    ) {
      words.push(w);
      pendingLink = undefined;
      pos = re.lastIndex;
      const link = /^\s*(of|in|for)\b/.exec(after.slice(pos));
      if (link) {
        pendingLink = link[1];
        pos += link[0].length;
        // "suspects involved in the trafficking of women": the article does not end the phrase.
        pos += /^\s+the(?=\s+[a-z])/i.exec(after.slice(pos))?.[0].length ?? 0;
      }
      continue;
    }
    if (words.length > 0 && !pendingLink && (/^[a-z]+ed$/.test(w) || PAST_VERB.test(w))) {
      verb = w;
      break;
    }
    if (pendingLink) {
      words.push(pendingLink);
      pendingLink = undefined;
    }
    words.push(w);
    pos = re.lastIndex;
    // "food, drug and environment cases": a list of modifiers before one noun goes on past its commas.
    // A plural before the comma is a noun of its own ("300 suspects, thieves and robbers …").
    const list = m[2] === ',' && !/s$/i.test(w) ? MODIFIER_LIST.exec(after.slice(pos))?.[0] : undefined;
    if (list && conjunct(after.slice(pos + list.length), true)) {
      words.push(...list.split(/[\s,]+/).filter((x) => x));
      pos += list.length;
      continue;
    }
    if (m[2]) break;
    // A quoted term is a whole noun phrase ("14 “hotspots”") unless a noun follows it:
    // "574 “fake investment” fraud cases" counts cases.
    if (
      /[”"’]$/.test(raw) &&
      !/^\s+(?!(?:and|or|in|of|for|on|at|to|by|with|from|as|that|which|who)\b)[a-z][a-z-]*\b/.test(after.slice(pos))
    )
      break;
  }
  return { words, length: pos, ...(verb ? { verb } : {}), ...(head !== undefined ? { head } : {}) };
}

const LABEL_BEFORE =
  /(?:\b(?:Chapter|Section|Part|Clause|Item|Paragraph|Phase|Stage|Round|Level|Grade|Class|Category|Step|Tier|Annex|Appendix|Page|Rule|Decree|Order)|\b(?:chapter|section|clause|paragraph|phase|page|per))\s+$/;
/** Units of measure that state a size, a distance or a limit: with no result verb, not a result. */
const MEASUREMENT =
  /^(?:milligrams?|millilit(?:er|re)s?|grams?|lit(?:er|re)s?|kilometers?|kilometres?|km|meters?|metres?|miles?|centimet(?:er|re)s?|decibels?|degrees?|square)$/i;
/** "beef, pork and mutton": words and commas up to an "and"/"or", with nothing between that ends a noun phrase. */
const MODIFIER_LIST = /^(?:\s*[a-z][a-z-]*\s*,)*\s*[a-z][a-z-]*\s*,?\s+(?:and|or)\s/i;

/** Whether the words after "and" continue the noun phrase: a noun run not followed by a finite verb. */
function conjunct(tail: string, list = false): boolean {
  const words = /^\s*((?:[a-z][a-z-]*\s+){0,5}[a-z][a-z-]*)/i.exec(tail)?.[1]?.split(/\s+/) ?? [];
  const first = words[0] ?? '';
  if (
    !first ||
    NOUN_STOP.test(first) ||
    /^[a-z]+ed$/i.test(first) ||
    PAST_VERB.test(first) ||
    IRREGULAR_WORD.test(first)
  )
    return false;
  if (/ly$|^(?:also|then|so|still|later|further)$/i.test(first)) return false;
  // "and recovering 2 billion yuan": a second verb with its object, not a noun.
  if (
    /ing$/i.test(first) &&
    /^\s*\S+\s+(?:of\s+)?(?:\d|(?:the|a|an|more|over|nearly|about|some|their|its)\b)/i.test(tail)
  )
    return false;
  if (/^\d/.test(tail.trimStart())) return false;
  for (const w of words.slice(1)) {
    // After a comma list the run is surely one noun phrase: "meat, dairy and seafood cases were solved".
    if (AUXILIARY.test(w)) return list;
    if (NOUN_STOP.test(w) || /^[a-z]+ed$/i.test(w) || PAST_VERB.test(w) || NOUN_LINK.test(w)) return true;
  }
  return true;
}

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

const SUBJECT_LEAD = new RegExp(`^\\s*(?:${QUAL}\\s*)?$`, 'i');

function describe(text: string, r: Raw, previous: Raw | undefined): void {
  const before = text.slice(0, r.start);
  // At most the last 160 characters: the patterns anchored at its end must not rescan a whole sentence.
  const clauseBefore = (before.split(/[;:]|,(?!\d)/).pop() ?? '').slice(-160);
  if (r.isPercent) {
    r.unit = 'percent';
    // "an increase of 60.4%, 80.6%, and 146.5%": the list shares its change.
    if (
      previous?.isPercent &&
      previous.change &&
      /^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$/.test(text.slice(previous.end, r.start))
    ) {
      r.change = { ...previous.change };
      return;
    }
    // "stood at 98.2 percent in 2023, compared with 87.55 percent in 2012": the same metric.
    if (previous?.isPercent && !previous.change && /\bcompared (?:with|to)\s+$/i.test(before)) {
      r.metricWords = previous.metricWords;
      return;
    }
    const around = `${clauseBefore} ${r.after.split(/[;,.]/)[0] ?? ''}`;
    // "15 percent more than a year earlier": a comparative after the figure states a change too.
    const comparative = /^\s*(?:-percent|percent|%)?\s*(more|less|fewer)\s+than\b/i.exec(r.after)?.[1];
    const stated =
      CHANGE_WORDS.test(clauseBefore.split(/\d/).pop() ?? '') ||
      comparative !== undefined ||
      /^\s*(?:-percent|percent|%)?\s*(?:increase|decrease|rise|drop|decline|growth|reduction|higher|lower)\b/i.test(
        r.after,
      );
    if (stated || (YEAR_ON_YEAR.test(around) && !/\bof\s+(?:the\s+)?[a-z]/i.test(r.after.slice(0, 12)))) {
      const sentenceTail = `${clauseBefore} ${r.after}`;
      const compared =
        /\b(?:compared (?:with|to)|from|than(?: in)?)\s+((?:19|20)\d{2}|January|February|March|April|May|June|July|August|September|October|November|December|last year)\b/i.exec(
          r.after.split(/[;.]/)[0] ?? '',
        );
      const kind = YEAR_ON_YEAR.test(sentenceTail) || !compared ? 'YEAR_ON_YEAR' : 'COMPARED_WITH';
      const dirText = `${clauseBefore} ${r.after.slice(0, 40)}`;
      const direction =
        comparative !== undefined
          ? /^more$/i.test(comparative)
            ? 'INCREASE'
            : 'DECREASE'
          : DECREASE.test(dirText)
            ? 'DECREASE'
            : CHANGE_WORDS.test(dirText)
              ? 'INCREASE'
              : undefined;
      // "the national theft cases will drop by 96.1%" names its own metric; "an increase of 12%" does not.
      r.metricWords = percentSubject(before.slice(-200)).filter((w) => !CHANGE_JUNK.test(w));
      // "Reported burglaries kept falling in 2022, dropping 20.5 percent": the subject of the clause before.
      if (r.metricWords.length === 0) r.metricWords = subjectBefore(before.slice(-200));
      r.change = {
        kind,
        ...(direction ? { direction } : {}),
        ...(kind === 'COMPARED_WITH' && compared?.[1] && /^\d{4}$/.test(compared[1]) ? { baseline: compared[1] } : {}),
      };
      return;
    }
    // "solved 4,200 online fraud cases, accounting for 35 percent of all cases": the share of the figure before.
    if (SHARE_VERB.test(clauseBefore)) {
      const of = /^\s*of\s+(?:the\s+)?((?:[a-z-]+\s+){0,4}[a-z-]+)/i.exec(r.after)?.[1];
      const whole = of ? ['as', 'a', 'share', 'of', ...of.split(/\s+/).filter((w) => !NOUN_STOP.test(w))] : [];
      const part =
        previous &&
        !previous.isPercent &&
        previous.unitWords.length > 0 &&
        !/[;:]/.test(text.slice(previous.end, r.start))
          ? [...previous.metricWords, ...(previous.verb ? [previous.verb] : [])]
          : percentSubject(clauseBefore.replace(SHARE_VERB, ''));
      if (part.length > 0) {
        r.metricWords = [...part, ...whole];
        return;
      }
    }
    // "5,000 complaints, 98 percent of which were resolved": a share of the figure before.
    const share = OF_WHICH_PREDICATE.exec(r.after);
    if (share && previous && !previous.isPercent && previous.unitWords.length > 0) {
      r.metricWords = [previous.unit, ...predicateWords(share[1] ?? '')];
      return;
    }
    r.metricWords = percentMetric(before.slice(-200), r.after);
    return;
  }
  let rest = r.after;
  let offset = 0;
  // A unit of measure or currency first: "9.6 billion yuan of losses", "430,000 tons of drugs".
  const measure = /^\s+([A-Za-z]+)/.exec(rest);
  if (measure && MEASURE.test(measure[1] ?? '')) {
    r.unit = (measure[1] ?? '').toLowerCase() === 'rmb' ? 'yuan' : (measure[1] ?? '');
    r.unitWords = [r.unit];
    offset = measure[0].length;
    rest = rest.slice(offset).replace(/^\s*\([^)]{0,60}\)/, '');
    const link = /^\s+(?:of|in|worth of)\s+/i.exec(rest);
    const np = link ? nounPhrase(rest.slice(link[0].length)) : { words: [] as string[], length: 0 };
    // "total losses of 2.5 billion yuan": the noun before the figure.
    // "funds worth 3 billion yuan", "seized drugs and cash totalling 1.2 billion yuan": the noun
    // before the worth, and the nouns joined with it.
    const worth = MONEY_WORTH.exec(clauseBefore)?.[1];
    const lead =
      worth ??
      /((?:[a-z-]+\s+){0,2}[a-z-]+)\s+of\s+(?:about\s+|over\s+|more than\s+|nearly\s+)?$/i.exec(clauseBefore)?.[1];
    const leadAll = lead
      ? lead
          .split(/\s+/)
          .filter((w, i, all) =>
            worth && /^and$/i.test(w)
              ? i > 0 && i < all.length - 1
              : !NOUN_STOP.test(w) && !/^(?:total|a|an)$/i.test(w),
          )
      : [];
    // "the campaign recovered losses of 3.2 billion yuan": the noun after the verb, not its subject.
    const verbAt = leadAll.findLastIndex((w) => /^[a-z]+ed$/i.test(w) || IRREGULAR_WORD.test(w));
    const leadWords = verbAt >= 0 && verbAt < leadAll.length - 1 ? leadAll.slice(verbAt + 1) : leadAll;
    // "574 fraud cases involving 12.95 billion yuan": the money the counted things involved.
    const involving =
      np.words.length === 0 &&
      previous &&
      previous.unitWords.length > 0 &&
      !MEASURE.test(previous.unit) &&
      new RegExp(
        `^[^,;.:!?]{0,80}\\b(?:involving|involved|worth|amounting to|with a value of)\\s+(?:${QUAL}\\s+)?$`,
        'i',
      ).test(text.slice(previous.end, r.start));
    // "The amount of drugs seized rose 31.4 percent year on year to 5.8 tons": the level of its subject.
    // (Only after a change verb: "the value involved in the cases amounted to" keeps its lead.)
    const level =
      np.words.length === 0 && !lead && !involving && CHANGED_TO.test(clauseBefore) ? levelSubject(clauseBefore) : null;
    r.metricWords =
      np.words.length > 0
        ? np.words
        : level
          ? level.words
          : involving && previous
            ? ['money', 'involved', 'in', ...previous.metricWords, ...(previous.verb ? [previous.verb] : [])]
            : leadWords;
    let tail = link ? rest.slice(link[0].length + np.length) : rest;
    // "27.7 billion yuan of funds involved": "involved" describes the funds; the verb is elsewhere.
    const involved = np.words.length > 0 ? /^\s+involved\b(?!\s+(?:in|with)\b)/i.exec(tail) : null;
    if (involved) {
      r.metricWords = [...r.metricWords, 'involved'];
      tail = tail.slice(involved[0].length);
    }
    r.verb =
      verbAfter(tail) ??
      ('verb' in np && !involved ? np.verb : undefined) ??
      verbBefore(clauseBefore, previous, text, r) ??
      (worth && verbAt >= 0 ? leadAll[verbAt]?.toLowerCase() : undefined);
    // "the funds involved were intercepted by 5.5 billion yuan": what the money is, said before it.
    if (r.metricWords.length === 0 && !r.verb) r.metricWords = leadPhrase(clauseBefore);
    // "seized and froze 30 million yuan": money named by nothing else is money.
    if (r.metricWords.length === 0 && r.verb && CURRENCY_UNIT.test(r.unit)) r.metricWords = ['money'];
    return;
  }
  const diff = DIFFERENCE.exec(rest);
  if (diff && previous && !previous.isPercent && previous.unitWords.length > 0) {
    r.unit = previous.unit;
    r.unitWords = previous.unitWords;
    r.metricWords = previous.metricWords;
    if (previous.verb) r.verb = previous.verb;
    const year = /^\d{4}$/.test(diff[2] ?? '') ? diff[2] : undefined;
    r.change = {
      kind: year ? 'COMPARED_WITH' : 'YEAR_ON_YEAR',
      direction: /^more$/i.test(diff[1] ?? '') ? 'INCREASE' : 'DECREASE',
      ...(year ? { baseline: year } : {}),
    };
    return;
  }
  const service = quotedService(rest);
  if (service) {
    r.unit = 'cases';
    r.unitWords = service;
    r.metricWords = service;
    return;
  }
  // "A total of 10 narcotic drugs and psychotropic substances were added": a figure that opens its
  // clause is the subject, so the nouns joined before the auxiliary are counted together.
  const np = nounPhrase(rest, SUBJECT_LEAD.test(clauseBefore));
  if (np.words.length === 0) {
    // "the number of telecom fraud cases cracked reached 12,000": the figure is the level of its subject.
    const level = levelSubject(clauseBefore);
    if (level) {
      r.metricWords = level.words;
      r.unitWords = [level.head];
      r.unit = level.head;
      return;
    }
    r.verb = verbBefore(clauseBefore, previous, text, r);
    const lead = leadPhrase(clauseBefore);
    if (r.scaleText && lead.length > 0) {
      r.metricWords = lead;
      r.unitWords = [lead[lead.length - 1] ?? ''];
      r.unit = lead[lead.length - 1] ?? '';
    }
    return;
  }
  r.unitWords = np.words;
  // The counted noun is the head before "of"/"for": "cases of telecom fraud" counts cases.
  // "women and children", "guns and explosives": the first of two joined plural nouns is the head.
  const headEnd = np.words
    .slice(0, np.head)
    .findIndex(
      (w, i) =>
        NOUN_LINK.test(w) ||
        HEAD_END.test(w) ||
        (/^(?:and|or)$/i.test(w) &&
          /(?:s|^women|^men|^children|^people)$/i.test(np.words[i - 1] ?? '') &&
          !ADJECTIVE.test(np.words[i - 1] ?? '')),
    );
  const headWords =
    headEnd > 0 ? np.words.slice(0, headEnd) : np.head !== undefined ? np.words.slice(0, np.head) : np.words;
  r.unit = headWords[headWords.length - 1] ?? '';
  r.metricWords = np.words;
  // A noun phrase closed by punctuation has no verb after it: "2,421 suspects; focused on …".
  const closed = /[,;:.!?)]\s*$/.test(rest.slice(0, np.length));
  if (
    !closed &&
    /^\s+(?:will|shall|would)\s+(?:(?:also|further|gradually|soon)\s+)?be\s+(?!able\b)[a-z]+/i.test(
      rest.slice(np.length),
    )
  )
    r.planned = true;
  // "119 websites (portals) such as A, B and C were closed": a gloss names them too, examples do not.
  const aside = closed ? null : ASIDE.exec(rest.slice(np.length));
  if (aside?.[0] && !/\d/.test(aside[1] ?? ''))
    r.metricWords = [...np.words, ...(aside[1] ?? '').split(/\s+/).filter((w) => w)];
  r.verb = (closed ? undefined : verbAfter(rest.slice(np.length + (aside?.[0].length ?? 0)))) ?? np.verb;
  if (!r.verb) {
    const active = verbBefore(clauseBefore, previous, text, r);
    // "put 15,673 suspects under criminal detention", "seized 51,000 suspects in 5,320 cases for
    // offering fraudulent loans": what completes an active verb comes after its object.
    const complement = active && !closed ? complementAfter(rest.slice(np.length)) : [];
    r.verb = active && complement.length > 0 ? [active, ...complement].join(' ') : active;
  }
  if (r.verb || !previous || previous.isPercent || previous.unitWords.length === 0) return;
  const between = text.slice(previous.end, r.start);
  // "of which 800 involved minors": a verb and its object, said of part of the figure before.
  if (SUBSET_LEAD.test(between) && np.words.length >= 2 && /^[a-z]+ed$/i.test(np.words[0] ?? '')) {
    r.unitWords = [];
    r.metricWords = [];
    r.unit = '';
    return;
  }
  // "more than 2,000 people were rescued, including 500 children": the part was done what the whole was.
  if (INCLUDING_LEAD.test(between)) r.verb = previous.verb;
  // "dismantled 300 gangs with 4,000 members": members of the gangs counted before.
  else if (WITH_PART.test(between))
    r.metricWords = [...np.words, 'of', previous.unit, ...(previous.verb ? [previous.verb] : [])];
}

const ASIDE =
  /^(?:\s*\(([^()\d]{1,80})\))?(?:\s*,?\s*such as\s+[^;]{1,160}?(?=\s+(?:were|was|have|has|had|are|is)\s))?/i;
const INCLUDING_LEAD = /^[^;:.]*?(?:\bincluding|\b(?:of|among)\s+(?:them|whom)\s*,?)\s*$/i;
const WITH_PART = new RegExp(`^\\s+(?:[a-z-]+\\s+){0,3}with\\s+(?:${QUAL}\\s+)?$`, 'i');
/** "…, of which", "Among them,": what follows is said of part of the figure before. */
const SUBSET_LEAD = /\b(?:of|among)\s+(?:which|whom|them|these|those)\s*,?\s*$/i;

/**
 * "the number of X reached", "traffic deaths totalled", "rose by 15 percent to": a verb that
 * states a level, with the subject it is the level of. "was"/"were" only after "the number of".
 */
const LEVEL = new RegExp(
  `^(.*?)\\s+(?:(?:has|have|had)\\s+)?(?:(reached|totall?ed|stood at|amounted to|came to|(?:rose|risen|increased|grew|grown|climbed|fell|fallen|dropped|declined|decreased)(?:\\s+(?:by\\s+)?${NUM}\\s*(?:%|percent|per cent)(?:\\s+year[ -]on[ -]year)?)?\\s+to)|(?<be>was|were))\\s+(?:${QUAL}\\s+)?$`,
  'i',
);
const CHANGED_TO =
  /\b(?:rose|risen|increased|grew|grown|climbed|fell|fallen|dropped|declined|decreased)\s+(?:by\s+)?[\d.,]{1,12}\s*(?:%|percent|per cent)(?:\s+year[ -]on[ -]year)?\s+to\s+(?:[a-z]+\s+){0,2}$/i;
const LEVEL_LEAD = /^(?:.*\b(?:the|a|its|their)\s+)?(?:total\s+)?(?:numbers?|amounts?|counts?|totals?)\s+of\s+/i;

/** Figures joined by "and" after a level verb, "respectively": each is the level of one part of the subject. */
function respectiveLevels(text: string, raws: Raw[]): void {
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

function levelSubject(clauseBefore: string): { words: string[]; head: string } | null {
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

/** "under criminal detention", "(in 5,320 cases) for offering fraudulent loans": at most four words. */
function complementAfter(tail: string): string[] {
  const m = /^(?:\s+in\s+[\d,]+\s+[a-z]+)?\s+(under|into|for)\s+((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)/i.exec(tail);
  if (!m) return [];
  if (m[1]?.toLowerCase() === 'for' && !/^[a-z]+ing\b/i.test(m[2] ?? '')) return [];
  const words: string[] = [];
  for (const w of (m[2] ?? '').split(/\s+/)) {
    if (COMPLEMENT_STOP.test(w) || /^(?:in|on|at|to|from|of|by)$/i.test(w)) break;
    words.push(w);
  }
  return words.length > 0 ? [m[1] ?? '', ...words] : [];
}

const PERSONS =
  /^(?:suspects?|fugitives?|people|persons?|criminals?|offenders?|officials?|victims?|children|women|men|members?|staff|residents?|migrants?|users?|drivers?|workers?|students?)$/i;

/** "A total of 410 had been members of …", "Of them, 2,212 were …", "over 600,000 more were found taking drugs". */
const ELIDED =
  /^\s+(?:more\s+|others?\s+)?((?:had been|have been|has been|were|was|are|is|had|have)\s+[^,;.:!?]{3,80})/i;

/**
 * A figure whose noun is left out counts what the figure before it counted (in its sentence or
 * the one before); what is said of it names the metric. Persons count as people.
 */
function elided(r: Raw, before: readonly Raw[], recent: readonly Finding[], text: string): void {
  if (r.isPercent || r.scaleText || r.unitWords.length > 0) return;
  const lead = text.slice(0, r.start);
  // "So far, 39 of China's 100 most-wanted have returned": the figure counts part of the set it names.
  // "3,400 suspects were arrested, 600 of them gang leaders": a part named by its own noun.
  const ofThem = OF_THEM.exec(r.after);
  const whole = ofThem ? [...before].reverse().find((x) => !x.isPercent && x.unitWords.length > 0) : undefined;
  if (ofThem && whole) {
    const np = nounPhrase(r.after.slice(ofThem[0].length));
    if (np.words.length === 0 || np.verb) return;
    r.unitWords = np.words;
    r.unit = np.words[np.words.length - 1] ?? '';
    r.metricWords = [...np.words, ...(whole.verb ? [whole.verb] : [])];
    r.predicate = true;
    return;
  }
  const part = PARTITIVE.exec(r.after);
  if (part) {
    const set = (part[1] ?? '').trim();
    const head = set.split(/\s+/).pop() ?? '';
    r.unit = PERSONS.test(head) || /wanted$/i.test(head) ? 'people' : head;
    r.unitWords = [head];
    r.metricWords = [...set.split(/\s+/), ...predicateWords(part[2] ?? '')];
    return;
  }
  // "Of them, 1,283 turned themselves in"; "…, including 139 on the wanted list".
  const subset = /\b(?:(?:of|among)\s+(?:them|these|those|which)\s*,?|including)\s*$/i.test(lead);
  const m = ELIDED.exec(r.after) ?? (subset ? SUBSET_PREDICATE.exec(r.after) : null);
  if (!m) return;
  const counted = (x: { unit: string }) => x.unit !== '' && x.unit !== 'units' && !MEASURE.test(x.unit);
  const lastRaw = [...before].reverse().find((x) => !x.isPercent && x.unitWords.length > 0 && counted(x));
  const lastFinding = [...recent].reverse().find((f) => counted({ unit: String(f.fields.unit ?? '') }));
  const noun = lastRaw
    ? lastRaw.unit === 'people'
      ? (lastRaw.unitWords[0] ?? 'people')
      : lastRaw.unit
    : lastFinding
      ? String(lastFinding.fields.unit ?? '')
      : '';
  if (!noun) return;
  const predicate = predicateWords(m[1] ?? '');
  if (predicate.length === 0) return;
  if (!lastRaw && lastFinding) r.antecedent = lastFinding;
  // "and 800 were prosecuted": the verb is the predicate's, not the figure's before.
  r.verb = undefined;
  r.predicate = true;
  r.unit = PERSONS.test(noun) ? 'people' : noun;
  r.unitWords = [noun];
  r.metricWords = [noun, ...predicate];
}

/** What is said of an elided figure, without its auxiliaries and attribution: at most ten words. */
function predicateWords(clause: string): string[] {
  return clause
    .replace(/\s+(?:according to|(?:the ministry|it|he|she|they|police)\s+(?:said|says|added|noted)|said)\b.*$/i, '')
    .replace(/^(?:(?:had|have|has|been|were|was|are|is)\s+)+/i, '')
    .split(/\s+/)
    .filter((w) => w)
    .slice(0, 10);
}

/** "600 of them gang leaders": no verb follows "of them", a noun does. */
const OF_THEM = /^\s+of\s+(?:them|whom)\s*,?(?=\s+(?!(?:were|was|are|is|had|have|has|who|which|that)\b)[a-z])/i;
/** "39 of China's 100 most-wanted have returned …": a part of a named set, and what it did. */
const PARTITIVE =
  /^\s+of\s+((?:the\s+|[A-Z][A-Za-z]*['’]s\s+)?(?:\d[\d,]*\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}?)\s+((?:have|has|had|were|was|are|is)\s+[^,;.:!?]{3,80})/;
/** After "of them," or "including": a verb or a prepositional phrase says what the subset is. */
const SUBSET_PREDICATE = new RegExp(
  `^\\s+((?:who|which|that|on|in|from|with)\\s+[^,;.:!?]{3,80}|(?:[a-z]+ed|${IRREGULAR})\\s+[^,;.:!?]{3,80})`,
  'i',
);

const SHARE_VERB =
  /\b(?:(?:accounting|accounted|accounts?)\s+for|representing|represented|making up|made up|constituting)\s*$/i;

/** The subject of the clause before, when that clause states no figure: "Reported burglaries kept falling". */
function subjectBefore(before: string): string[] {
  const clauses = before.split(/[;:]|,(?!\d)/);
  const prev = clauses[clauses.length - 2];
  if (!prev || /\d/.test(prev.replace(/\b(?:19|20)\d{2}\b/g, ''))) return [];
  const words = prev.trim().split(/\s+/);
  // The first word may be a participle of the subject ("Reported burglaries"), never its verb.
  const verb = words.findIndex(
    (w, i) => i > 0 && /^(?:[a-z]+ed|kept|fell|rose|grew|saw|went|remained|was|were|has|have|had|is|are)$/.test(w),
  );
  if (verb <= 0) return [];
  const subject = words
    .slice(0, verb)
    .join(' ')
    .replace(LEVEL_LEAD, '')
    .split(/\s+/)
    .filter((w) => /^[a-z][a-z-]*$/i.test(w) && !/^(?:the|a|an|this|these|its|their)$/i.test(w))
    .map((w, i) => (i === 0 && /^[A-Z][a-z-]+$/.test(w) ? w.toLowerCase() : w));
  return subject.length <= 6 ? subject : [];
}

const OF_WHICH_PREDICATE = new RegExp(
  `^\\s*(?:of|among)\\s+(?:which|whom|them|these|those)\\s*,?\\s+((?:(?:had|have|has)\\s+been|were|was|are|is)\\s+[^,;.:!?]{3,80}|(?:[a-z]+ed|${IRREGULAR})\\s+[^,;.:!?]{0,80})`,
  'i',
);

/** "total losses of", "the funds involved in the case were urgently intercepted by": the words before a bare figure. */
function leadPhrase(clauseBefore: string): string[] {
  const m =
    /((?:[A-Za-z-]+\s+){0,7}[A-Za-z-]+)\s+(?:of|by|for|to|reached|reaching|at|totaling|totalling)\s+(?:about\s+|over\s+|more than\s+|nearly\s+|a total of\s+)?$/i.exec(
      clauseBefore,
    );
  if (!m) return [];
  return (m[1] ?? '')
    .split(/\s+/)
    .filter(
      (w) => !/^(?:the|a|an|and|total|were|was|have|has|had|been|is|are|will|be|which|that|it|they|this)$/i.test(w),
    )
    .slice(-6);
}

const DANGLING = /^(?:from|to|of|in|by|with|for|at|on|into|under|as|over|across)$/i;
/** Words that end a verb's complement: another clause, a place or time, a change figure. */
const COMPLEMENT_STOP =
  /^(?:over|past|more|less|than|about|nearly|some|other|its|their|and|or|which|that|while|respectively|year-on-year|across|nationwide|throughout|this|last|compared|since|during|after|before|accounting|representing|up|down|increase|increased|decrease|an|a|with|were|was|have|has|had|is|are|will|so|far|country|China|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/**
 * The result verb after a figure's noun and what completes it: "put under criminal detention",
 * "given administrative penalties", "seized for offering fraudulent loans" (at most four words;
 * a place, a time or the next clause ends it).
 */
function verbAfter(tail: string): string | undefined {
  const m = PASSIVE.exec(tail) ?? BARE_PARTICIPLE.exec(tail);
  if (!m) return undefined;
  const verb = m[1] ?? '';
  const rest = tail.slice(m.index + m[0].length);
  const lead = /^\s+(under|into|for|to|as|on|by|from|in)\b/.exec(rest);
  const words: string[] = [];
  const re = /\s+([A-Za-z][A-Za-z'’-]*)(?=[\s,;.:!?)]|$)/y;
  re.lastIndex = lead ? lead[0].length : 0;
  for (let w = re.exec(rest); w && words.length < 4; w = re.exec(rest)) {
    const word = w[1] ?? '';
    if (
      COMPLEMENT_STOP.test(word) ||
      /ly$|^to$/i.test(word) ||
      (words.length === 0 && /^(?:the|its|their)$/i.test(word) && !lead)
    )
      break;
    words.push(word);
    if (/^[,;.:!?)]/.test(rest.slice(re.lastIndex))) break;
  }
  // "brought back from 21 countries": the place is dropped, so is the preposition it left.
  while (words.length > 0 && DANGLING.test(words[words.length - 1] ?? '')) words.pop();
  // "in 2016", "in the country": a place or time, not what was done.
  if (words.length === 0 || (lead?.[1] === 'in' && /^(?:the|this|all)$/i.test(words[0] ?? ''))) return verb;
  if (!lead && !/^[a-z]/.test(words[0] ?? '')) return verb;
  return [verb, ...(lead ? [lead[1] ?? ''] : []), ...words].join(' ');
}

/** "cracked about 200,000 cases"; in "freed 10,621 women and 5,896 children" the second shares the verb. */
function verbBefore(clauseBefore: string, previous: Raw | undefined, text: string, r: Raw): string | undefined {
  // "led to the arrest of 3,000 suspects": the act is named by its noun.
  const act = NOMINAL.exec(clauseBefore)?.[1]?.toLowerCase();
  if (act) return NOMINAL_VERBS[act];
  // "shut down or suspended more than 3,400 websites", "cleaned up 1.5 million posts".
  const active = ACTIVE.exec(clauseBefore)?.[1]?.replace(/\s+/g, ' ');
  if (active && !active.split(' ').some((w) => NOT_RESULT_VERB.test(w))) return active.toLowerCase();
  // "released detailed information on 22", "supervised the investigation of 26", "handed out
  // administrative penalties on 1,518": a verb and its noun say what was done to what is counted.
  const light = LIGHT_VERB.exec(clauseBefore);
  if (light && !NOT_RESULT_VERB.test(light[1] ?? '')) {
    const noun = (light[2] ?? '').split(/\s+/).filter((w) => !/^(?:the|its|their|a|an)$/i.test(w));
    if (noun.length > 0 && !noun.some((w) => NOUN_STOP.test(w))) return [light[1]?.toLowerCase(), ...noun].join(' ');
  }
  if (previous && /^[^,;.]*\band\s+$/i.test(text.slice(previous.end, r.start))) return previous.verb;
  // A headline tells in the present: "China solves 12,000 fraud cases", "Police bust 120 gangs".
  if (!/[.!?;:"”’)]\s*$/.test(text)) {
    const verb = HEADLINE_VERB.exec(clauseBefore)?.[1];
    if (verb && !HEADLINE_NOT_VERB.test(verb) && !NOUN_STOP.test(verb)) return verb.toLowerCase();
  }
  return undefined;
}

/** Nouns of a result's act and their past participles ("the seizure of" is "seized"). */
const NOMINAL_VERBS: Record<string, string> = {
  arrest: 'arrested',
  seizure: 'seized',
  capture: 'captured',
  detention: 'detained',
  interception: 'intercepted',
  rescue: 'rescued',
  recovery: 'recovered',
  resolution: 'resolved',
  destruction: 'destroyed',
  closure: 'closed',
  repatriation: 'repatriated',
  dismantling: 'dismantled',
  removal: 'removed',
  prosecution: 'prosecuted',
  conviction: 'convicted',
};
const NOMINAL = new RegExp(
  `\\b(?:the|and)\\s+(${Object.keys(NOMINAL_VERBS).join('|')})\\s+of\\s+(?:${QUAL}\\s+)?$`,
  'i',
);
const HEADLINE_VERB = new RegExp(
  `(?:^|\\s)(?:China|Chinese police|[Pp]olice|[A-Z][a-z]+)\\s+([a-z]+s|nab|bust|seize|arrest|solve|crack|rescue|detain|catch|capture|recover|intercept|dismantle|smash|destroy|free|save|return|repatriate)\\s+(?:${QUAL}\\s+)?$`,
);
const HEADLINE_NOT_VERB =
  /^(?:has|is|was|does|says|sees|eyes|plans|aims|targets|seeks|sets|wants|needs|expects|hopes|vows|pledges|calls|urges|news|times|days|years|months|weeks)$/;

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

/** For a percentage, the subject before the verb ("the national theft cases will drop by"), and what it is a share of. */
function percentMetric(before: string, after: string): string[] {
  const subject = percentSubject(before.slice(-200)).filter(
    (w) => !/^(?:only|just|about|some|marking|stood|standing|at|reaching|Reaching)$/i.test(w),
  );
  const of = /^\s*of\s+(?:the\s+)?((?:[a-z-]+\s+){0,4}[a-z-]+)/i.exec(after)?.[1];
  const ofWords = of ? of.split(/\s+/).filter((w) => !NOUN_STOP.test(w)) : [];
  const verb = of
    ? /^\s*((?:held|holding|had|have|live|lived|living|used|using)\s+(?:[a-z]+\s+){0,2}[a-z]+)/i.exec(
        after.slice(after.indexOf(of) + of.length),
      )?.[1]
    : undefined;
  return [...subject, ...ofWords, ...(verb ? verb.split(/\s+/) : [])];
}

function percentSubject(before: string): string[] {
  const clause = (
    before
      .replace(/\s+from\s+[\d.,]+\s*%?(?:\s+in\s+\d{4})?\s+to\s*$/i, '')
      .split(/[,;:“”"]/)
      .pop() ?? ''
  )
    .replace(/[‘’]/g, '')
    // "The bureau said 64 percent of …": who told the figure is not what it measures.
    .replace(
      /^.*\b(?:said|says|added|noted|stated|showed|shows|revealed|indicated|announced|reported)\s+(?:that\s+)?/i,
      '',
    );
  const words = clause
    .replace(
      /\b(?:has|have|had|will|would|was|were|is|are)?\s*(?:risen|rose|dropped|drop|fell|fall|decreased|decrease|increased|increase|reached|reach|grown|grew|declined|decline)?\s*(?:by|from|to|of)?\s*$/i,
      '',
    )
    .split(/\s+/)
    .filter((w) => /^[a-z][a-z-]*$/i.test(w) && !/^(?:the|a|an|and|compared|with|of|among|in|will)$/i.test(w));
  return words.slice(-5);
}

/** "the number of relevant cases and related property losses dropped by": one subject per figure, or null. */
function subjectParts(before: string, n: number): string[][] | null {
  const clause = (before.split(/[,;:“”"]/).pop() ?? '')
    .replace(
      /\s+(?:has|have|had|were|was|is|are)?\s*(?:risen|rose|dropped|fell|decreased|increased|grown|grew|declined|gone up|gone down|went up|went down)\s*(?:by|from|to)?\s*$/i,
      '',
    )
    .replace(/^\s*(?:the\s+)?(?:numbers?|amounts?)\s+of\s+/i, '');
  const parts = clause.split(/\s+and\s+/i);
  if (parts.length !== n) return null;
  const words = parts.map((p) =>
    p.split(/\s+/).filter((w) => /^[a-z][a-z-]*$/i.test(w) && !/^(?:the|a|an|of|both|its|their)$/i.test(w)),
  );
  return words.every((w) => w.length > 0 && w.length <= 6) ? words : null;
}

/** Keeps singular() reachable for callers comparing units. */
export const unitHead = (unit: string): string => singular((unit.split(/\s+/).pop() ?? '').toLowerCase());
