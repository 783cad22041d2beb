/**
 * The extractor: finds mentions of existing entities (alias index) and of new ones (rules),
 * merges mentions of the same thing, and proposes relations. Pure: text in, candidates out,
 * same input → same output, nothing written.
 */
import type { Snapshot } from '../graph/snapshot.js';
import type { PartialDate } from '../model/dates.js';
import { ENTITY_KINDS, type EntityKind } from '../model/ontology.js';
import { AliasIndex } from './alias-index.js';
import { type Analysed, analyse } from './analyse.js';
import { campaignBackReferences, campaignRounds, withoutRelatedLinks } from './campaign-rounds.js';
import { type DateMention, findDates, yearOf } from './dates.js';
import { roundedHeadlines } from './headline-figures.js';
import { normPhrase, normWords, slug } from './normalise.js';
import { findRelations, type Mention, quoteAt } from './relations.js';
import { campaignPhrases, EDITION_RULE, genericCampaigns } from './rules/campaigns.js';
import { capitalisedNames } from './rules/names.js';
import { actionDay, outcomes } from './rules/outcomes.js';
import { people } from './rules/people.js';
import { lawPhrases, organPhrases, sessionPhrases } from './rules/phrases.js';
import { reformPhrases } from './rules/reforms.js';
import type { CandidateEntity, CandidateEvidence, Extraction, Finding } from './types.js';

export interface ExtractOptions {
  readonly documentId: string;
  readonly published?: PartialDate;
}

/** The alias index is built once per snapshot: snapshots are immutable. */
const indexes = new WeakMap<Snapshot, { index: AliasIndex; byName: Map<string, string> }>();

function indexFor(snapshot: Snapshot) {
  let entry = indexes.get(snapshot);
  if (!entry) {
    const byName = new Map<string, string>();
    for (const e of snapshot.entities()) {
      if (e.kind === 'OUTCOME') continue;
      for (const n of [e.name, ...e.aliases]) {
        const key = `${e.kind}:${normPhrase(n)}`;
        if (!byName.has(key)) byName.set(key, e.id);
      }
    }
    entry = { index: new AliasIndex(snapshot.entities()), byName };
    indexes.set(snapshot, entry);
  }
  return entry;
}

const MAX_EVIDENCE = 3;

/** A determiner or number that counts what follows. */
const COUNTED =
  /(?:\b(?:a|an|one|each|every|another|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of)|\d)\s+$/i;

export function extract(snapshot: Snapshot, text: string, options: ExtractOptions): Extraction {
  const doc = analyse(text);
  const { index, byName } = indexFor(snapshot);
  const linked: Finding[] = index.scan(doc).flatMap((hit) => {
    const e = snapshot.getEntity(hit.id);
    const sentence = sentenceAt(doc, hit.start);
    if (!e || sentence < 0) return [];
    // A bracketed Chinese name ("(公安部)") glosses the name before it; a credit is in English.
    const han = /^\p{Script=Han}+$/u.test(hit.alias);
    if (e.kind === 'ORGAN' && !han && isCredit(doc.text, hit.start, hit.end)) return [];
    // A person's name is capitalised: "vice minister of public security" is a post, not the minister.
    if (e.kind === 'PERSON' && /^\p{Ll}/u.test(doc.text.slice(hit.start, hit.end))) return [];
    // A post the graph keeps as a person's alias ("Minister of Public Security") is only a title
    // when another name follows it: "Vice Minister of Public Security Li Ming".
    if (e.kind === 'PERSON' && hit.alias !== e.name && TITLE_THEN_NAME.test(doc.text.slice(hit.end, hit.end + 30)))
      return [];
    // A common-noun alias ("police stations") counted or taken one at a time ("a police station
    // in Tianlin", "12 police stations") names instances, not the class the graph holds.
    if (hit.alias === hit.alias.toLowerCase() && COUNTED.test(doc.text.slice(Math.max(0, hit.start - 20), hit.start)))
      return [];
    return [
      {
        kind: e.kind,
        name: e.name,
        start: hit.start,
        end: hit.end,
        sentence,
        rule: normPhrase(hit.alias) === normPhrase(e.name) ? 'link-name' : 'link-alias',
        confidence: 0.95,
        fields: {},
        linkedTo: e.id,
      },
    ];
  });
  const found = runRules(doc, options.published)
    .filter((f) => f.kind !== 'ORGAN' || !isCredit(doc.text, f.start, f.end))
    .map((f) => withoutCountry(doc, f));
  const expanded = expandedAbbreviations(doc, linked);
  const resolved = abbreviations(
    doc,
    corefOrgans(
      doc,
      campaignBackReferences(
        doc,
        corefCampaigns(
          doc,
          campaignRounds(
            doc.text,
            withoutRelatedLinks(
              doc.text,
              resolve(
                expanded.hits,
                // The expansion before the brackets is part of the longer name, not a name of its own.
                found.filter((f) => !expanded.spans.some(([a, b]) => a <= f.start && f.end <= b)),
                byName,
              ),
            ),
            (offset) => sentenceAt(doc, offset),
          ),
        ),
        keyOf,
      ),
    ),
  );
  const entities = merge(doc, resolved, snapshot);
  const mentions: Mention[] = resolved.map((f) => ({
    id: idOf(f, entities.ids),
    kind: f.kind,
    start: f.start,
    end: f.end,
    sentence: f.sentence,
    paragraph: doc.sentences[f.sentence]?.paragraph ?? 0,
    position: typeof f.fields.position === 'string' ? f.fields.position : undefined,
    date: typeof f.fields.date === 'string' ? f.fields.date : undefined,
    launched: typeof f.fields.start === 'string' ? f.fields.start : undefined,
    until: outcomeEnd(f),
    linked: f.linkedTo !== undefined,
  }));
  return { documentId: options.documentId, entities: entities.list, relations: findRelations(doc, mentions) };
}

/** Two capitalised words after a post: the name of whoever holds it. */
const TITLE_THEN_NAME = /^[^\S\n]+\p{Lu}\p{Ll}+[^\S\n]+\p{Lu}\p{Ll}+/u;

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** "(Xinhua)", "[Photo/Xinhua]", "/ for China Daily)", "Source: …", "By Xinhua" at a line's end. */
const CREDIT_BEFORE = /(?:[([/]|\bfor|Source\s*:|Editor\s*:|Photo\s*:)\s*$/i;
/** What closes a credit: a bracket, a line end, or the "|" between fields of a source line. */
const CREDIT_CLOSE = /^\s*(?:[)\]|]|$|\n)/;
/** "Xinhua reports:", "Xinhua Insight:", "Xinhua, February 9, 2017", "Xinhua News Agency, Beijing, August 17 (…". */
const CREDIT_AFTER = new RegExp(`^(?:\\s+(?:reports?|Insight)\\s*[:.]|,\\s*(?:[A-Z][a-z]+,\\s*)?${MONTH}\\s+\\d)`);
/** A byline or dateline line: "By Xinhua", "Updated: 2024-05-30 Xinhua". */
const CREDIT_LINE = /(?:^|\n)[^\S\n]*(?:By|Updated\s*:\s*[\d-]+)\s+$/;
/**
 * A line that only credits the story ("Source: Xinhua | …", "Editor: …", "Reporter Zhao Gang,
 * Xinhua News Agency", "Photo: …"): nothing named on it acts in the story.
 */
const CREDIT_LINE_START =
  /^[^\S\n]*[([]?(?:Source|Sources|Editor|Editors|Editor-in-charge|Reporter|Reporters|Writer|Written by|Correspondent|Photo|Photos|Photo by|By|Updated|Author|Translated by|Responsible editor)\b[^\n]*$/i;
/** A news outlet: the publisher of a report, never its subject unless the text makes it one. */
const MEDIA =
  /\b(?:Xinhua|News\s+Agency|News\s+Service|Daily|CCTV|CGTN|Television|Radio|Times|Chinanews|Press|Network)\b/i;
/** "…, reports Xinhua.", "…, Xinhua reported.", "according to Xinhua": the outlet that carried it. */
const REPORTED_BY_BEFORE = /\b(?:reports?|reported|according\s+to|said|told|via)\s+(?:the\s+)?$/i;
const REPORTED_BY_AFTER = /^\s*(?:reported|reports|learned|said|says)\b/i;
/** "2015-12-12 14:00Xinhua Editor: Gu Liping": a page's time stamp, outlet and editor. */
const STAMP_LINE = /^[^\S\n]*\d{4}-\d{1,2}-\d{1,2}[^\S\n]+\d{1,2}:\d{2}/;

/**
 * A credit names the publisher of the story, not an actor in it: a dateline, byline, source
 * or photo credit, a credit line, or a news outlet cited as the one that carried the report.
 * Its organ is not proposed.
 */
function isCredit(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const name = text.slice(start, end);
  return (
    (CREDIT_BEFORE.test(before) && CREDIT_CLOSE.test(after)) ||
    CREDIT_AFTER.test(after) ||
    (CREDIT_LINE.test(before) && CREDIT_CLOSE.test(after)) ||
    // A short line: a caption that opens "Editor:" and tells what police did is the story's.
    (line.length <= 100 && CREDIT_LINE_START.test(line)) ||
    (MEDIA.test(name) && (REPORTED_BY_BEFORE.test(before) || REPORTED_BY_AFTER.test(after))) ||
    // An outlet alone on its line (the sign-off under a story) or on a time-stamp line.
    (MEDIA.test(name) && (line.trim() === name || (line.length <= 100 && STAMP_LINE.test(line))))
  );
}

/** "China's Ministry of Public Security": the country's possessive is not part of the organ's name. */
const COUNTRY_POSSESSIVE = /^(?:China|the\s+country|the\s+nation)['’]s\s+/i;

function withoutCountry(doc: Analysed, f: Finding): Finding {
  if (f.kind !== 'ORGAN' && f.kind !== 'CAMPAIGN' && f.kind !== 'REFORM') return f;
  const m = COUNTRY_POSSESSIVE.exec(doc.text.slice(f.start, f.end));
  if (!m || f.end - f.start - m[0].length < 3) return f;
  const start = f.start + m[0].length;
  const name = doc.text.slice(start, f.end);
  return { ...f, start, name: name.charAt(0).toUpperCase() + name.slice(1) };
}

/**
 * "the Communist Party of China (CPC) Central Committee" names one organ: the alias hit "CPC
 * Central Committee" starts inside the brackets, and the expansion before them is part of its
 * name, not a mention of the Party of its own.
 */
function expandedAbbreviations(doc: Analysed, linked: Finding[]): { hits: Finding[]; spans: [number, number][] } {
  const dropped = new Set<Finding>();
  const spans: [number, number][] = [];
  const out = linked.map((h) => {
    const inside = doc.text.slice(h.start, h.end);
    if (!/^[A-Z]{2,}\)/.test(inside) || doc.text.charAt(h.start - 1) !== '(') return h;
    const head = linked.find(
      (g) => g !== h && g.end <= h.start && /^\s*\($/.test(doc.text.slice(g.end, h.start)) && g.sentence === h.sentence,
    );
    if (!head) return h;
    dropped.add(head);
    spans.push([head.start, h.start]);
    return { ...h, start: head.start };
  });
  return { hits: out.filter((h) => !dropped.has(h)), spans };
}

/** "the National Immigration Administration (NIA)": the bracketed letters name it from then on. */
const DEFINED_ABBREVIATION = /^\s*\(([A-Z][A-Z&]{1,9})\)/;

/**
 * An abbreviation the text defines after a name is a later mention of the same entity: "The NIA
 * said …" is the administration, one candidate with both mentions' evidence.
 */
function abbreviations(doc: Analysed, findings: Finding[]): Finding[] {
  const defined = new Map<string, Finding>();
  for (const f of findings) {
    if (f.kind === 'OUTCOME' || f.kind === 'PERSON') continue;
    const m = DEFINED_ABBREVIATION.exec(doc.text.slice(f.end, f.end + 14));
    if (m?.[1] && !defined.has(m[1])) defined.set(m[1], f);
  }
  if (defined.size === 0) return findings;
  const added: Finding[] = [];
  for (const [abbr, named] of defined) {
    for (const m of doc.text.matchAll(new RegExp(`(?<![\\p{L}(])${abbr}(?![\\p{L}])`, 'gu'))) {
      const start = m.index;
      const end = start + abbr.length;
      if (start < named.end) continue;
      if (findings.some((f) => f.start < end && start < f.end)) continue;
      const sentence = sentenceAt(doc, start);
      if (sentence < 0) continue;
      added.push({
        ...named,
        start,
        end,
        sentence,
        rule: `${named.rule}+abbreviation`,
        confidence: named.confidence * 0.95,
      });
    }
  }
  return added.length === 0 ? findings : [...findings, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

function sentenceAt(doc: Analysed, offset: number): number {
  // Sentences are few (hundreds); a binary search keeps linking linear overall.
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid];
    if (!s) break;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function runRules(doc: Analysed, published: PartialDate | undefined): Finding[] {
  const out: Finding[] = [];
  let year: number | undefined;
  let paragraph = -1;
  let paragraphYear: number | undefined;
  let paragraphDay: string | undefined;
  let period: { start?: string; end?: string } | undefined;
  /** "Since April 2021, …": the start of what the paragraph's later figures cover. */
  let since: { start: string; end?: string } | undefined;
  /** Periods the text has named ("from April 2021 to July 2022"), so a later "since April 2021" ends where they do. */
  const ranges: { start: string; end: string }[] = [];
  /** "The special campaign launched by the ministry in February": a launch without a named campaign. */
  let unnamedLaunch: string | undefined;
  let previous: Finding[] = [];
  const reviewYear = reviewYearOf(doc, published);
  const laterLaunch = firstLaunch(doc, published);
  for (const sentence of doc.sentences) {
    if (sentence.paragraph !== paragraph) {
      paragraph = sentence.paragraph;
      paragraphYear = undefined;
      paragraphDay = undefined;
      since = undefined;
      previous = [];
    }
    const text = doc.text.slice(sentence.start, sentence.end);
    const input = { doc, sentence, text };
    const dates = findDates(text, sentence.start, { published, year });
    const names = [
      ...capitalisedNames(input),
      ...organPhrases(input),
      ...lawPhrases(input),
      ...sessionPhrases(input),
      ...campaignPhrases(input),
      ...genericCampaigns(input),
      ...reformPhrases(input),
      ...people(input),
    ];
    // A session takes the date its sentence gives ("On May 29, 2015, … conducted the 23rd collective study").
    const at = dates.find((d) => d.role === 'AT');
    // "The campaign was launched … in March", "Since September 2014, police … 'hundred cities anti-drug war'".
    const launch = launchDate(text, sentence.start, dates);
    // "The campaign was launched … in March": the campaign named last.
    if (
      launch &&
      !names.some((f) => f.kind === 'CAMPAIGN') &&
      /\b(?:the|this)\s+(?:special\s+)?(?:campaign|operation|action|crackdown)\b/i.test(text)
    ) {
      const last = out.findLastIndex((f) => f.kind === 'CAMPAIGN');
      const c = out[last];
      if (c && c.fields.start === undefined)
        out[last] = { ...c, fields: { ...c.fields, start: launch.from ?? launch.date } };
    }
    for (const f of names) {
      if (f.kind === 'CAMPAIGN' && launch)
        out.push({ ...f, fields: { ...f.fields, start: launch.from ?? launch.date } });
      else if (f.kind !== 'PLENARY_SESSION' || !at) out.push(f);
      // "held a press conference" names no session: its date tells it apart.
      else if (f.rule.startsWith('phrase-session-held') && !f.name.includes('“')) {
        out.push({ ...f, name: `${f.name} (${at.date})`, fields: { ...f.fields, date: at.date } });
      } else out.push({ ...f, fields: { ...f.fields, date: at.date } });
    }
    if (launch && !names.some((f) => f.kind === 'CAMPAIGN') && CAMPAIGN_WORD.test(text))
      unnamedLaunch = launch.from ?? launch.date;
    const campaignStart =
      (out.findLast((f) => f.kind === 'CAMPAIGN' && typeof f.fields.start === 'string')?.fields.start as
        | string
        | undefined) ??
      unnamedLaunch ??
      // A lead that sums up a campaign launched in a later sentence counts from that launch.
      (laterLaunch && laterLaunch.sentence > sentence.index ? laterLaunch.date : undefined);
    const found = outcomes(
      input,
      {
        published,
        paragraphYear,
        ...(paragraphDay ? { paragraphDay } : {}),
        reviewYear,
        period,
        previous,
        campaignStart,
        ...(since ? { since } : {}),
        before: out.filter((f) => f.kind === 'OUTCOME' && f.sentence === sentence.index - 1),
      },
      dates,
    );
    out.push(...found);
    previous = [...previous, ...found];
    // A baseline ("compared with 2012", "than in the same period of 2022") is not the year the
    // text goes on about.
    const last = [...dates]
      .reverse()
      .find(
        (d) =>
          d.role !== 'UNTIL' &&
          !/(?:compared (?:with|to)|same period(?: of| in)?|than(?: in)?)\s*$/i.test(
            doc.text.slice(Math.max(0, d.start - 20), d.start),
          ),
      );
    if (last) {
      year = yearOf(last.date);
      paragraphDay = actionDay(doc.text, sentence, last) ? last.date : undefined;
      // A period ("from January to May this year") covers what follows until another date is named.
      if (last.role === 'RANGE') {
        period = { ...(last.from ? { start: last.from } : {}), end: last.date };
        if (last.from) ranges.push({ start: last.from, end: last.date });
        paragraphYear = undefined;
      } else if (last.role === 'SINCE') {
        // What follows in the paragraph counts from then: to the end of a period that started
        // then, or to publication.
        const same = ranges.find((r) => r.start.slice(0, 7) === last.date.slice(0, 7));
        since = { start: last.date, ...(same ? { end: same.end } : publishedMonth(published)) };
        period = undefined;
        paragraphYear = undefined;
      } else {
        period = undefined;
        paragraphYear = year;
      }
    }
  }
  return shortOrganNames(datedHeldSessions(out));
}

/** "Provincial Department" in "Provincial Public Security Department": its first and last words, with words left out between. */
function sameEnds(full: string, short: string): boolean {
  const a = full.split(' ');
  const b = short.split(' ');
  return b.length === 2 && a.length > 2 && !full.includes(' of ') && a[0] === b[0] && a.at(-1) === b[1];
}

/**
 * "the Nancheng Branch" after "the Dongguan Public Security Department Nancheng Branch", "the
 * Public Security Department" after "the Anhui Provincial Public Security Department", "the
 * Provincial Department" after "the Provincial Public Security Department": a capitalised organ
 * name that ends a longer one named before it, or keeps its first and last words, is that organ.
 */
function shortOrganNames(out: Finding[]): Finding[] {
  const organs = out.filter((f) => f.kind === 'ORGAN');
  return out.map((f) => {
    if (f.kind !== 'ORGAN' || !f.rule.startsWith('name-organ') || !/\s/.test(f.name)) return f;
    // "Standing Committee of the Political Bureau …" holds the Political Bureau: "of the" joins two organs.
    const full = organs.find(
      (o) =>
        o.start < f.start &&
        ((o.name.endsWith(` ${f.name}`) &&
          !/\b(?:of|the|and|for|on|in|under)$/i.test(o.name.slice(0, -f.name.length).trim())) ||
          sameEnds(o.name, f.name)),
    );
    return full ? { ...f, name: full.name, fields: { ...full.fields, ...f.fields } } : f;
  });
}

/**
 * A headline's "X held a video conference …" names the session its body dates ("On July 18, X held a
 * video conference …"): an undated "held" session takes the one dated name it shares a base with.
 */
function datedHeldSessions(out: Finding[]): Finding[] {
  const dated = new Map<string, Finding[]>();
  for (const f of out)
    if (f.kind === 'PLENARY_SESSION' && f.rule.startsWith('phrase-session-held') && typeof f.fields.date === 'string') {
      const base = f.name.replace(/ \([^)]*\)$/, '');
      dated.set(base, [...(dated.get(base) ?? []), f]);
    }
  return out.map((f) => {
    if (f.kind !== 'PLENARY_SESSION' || !f.rule.startsWith('phrase-session-held') || f.fields.date !== undefined)
      return f;
    const group = dated.get(f.name) ?? [];
    const d = group[0];
    // Two dated sessions of one base name leave the headline's ambiguous.
    if (!d?.name || group.some((g) => g.name !== d.name)) return f;
    return { ...f, name: d.name, fields: { ...f.fields, date: d.fields.date } };
  });
}

/** The first sentence that launches a campaign, and when. */
function firstLaunch(
  doc: Analysed,
  published: PartialDate | undefined,
): { sentence: number; date: string } | undefined {
  for (const sentence of doc.sentences) {
    const text = doc.text.slice(sentence.start, sentence.end);
    if (!LAUNCH.test(text) || !CAMPAIGN_WORD.test(text)) continue;
    const d = launchDate(text, sentence.start, findDates(text, sentence.start, { published }));
    if (d) return { sentence: sentence.index, date: d.from ?? d.date };
  }
  return undefined;
}

const CAMPAIGN_WORD = /\b(?:campaign|operation|crackdown|special action|action plan)s?\b/i;

function publishedMonth(published: PartialDate | undefined): { end?: string } {
  if (!published) return {};
  return {
    end: published.month ? `${published.year}-${String(published.month).padStart(2, '0')}` : String(published.year),
  };
}

const LAUNCH = /\b(?:launched|launch|started|initiated|kicked off|began|since|deployed)\b/i;

/**
 * The date a sentence launches something: the first after its launch word, else its first.
 * "On November 19, The Paper learned … that since March, the ministry has organized … a
 * battle": the day it was told comes before "since", the launch after it.
 */
function launchDate(text: string, offset: number, dates: readonly DateMention[]): DateMention | undefined {
  const word = LAUNCH.exec(text);
  if (!word) return undefined;
  const usable = dates.filter((d) => d.role === 'AT' || d.role === 'SINCE' || d.role === 'RANGE');
  return usable.find((d) => d.start >= offset + word.index) ?? usable[0];
}

/** The last day an outcome's figure covers, as written (YYYY, YYYY-MM or YYYY-MM-DD). */
function outcomeEnd(f: Finding): string | undefined {
  if (f.kind !== 'OUTCOME') return undefined;
  const x = f.fields as { year?: string; period?: { start?: string; end?: string } };
  return x.year ?? x.period?.end;
}

/** A report published in the first quarter that names the previous year most describes that year. */
function reviewYearOf(doc: Analysed, published: PartialDate | undefined): number | undefined {
  if (!published?.month || published.month > 3) return undefined;
  const counts = new Map<number, number>();
  for (const m of doc.text.matchAll(/\b((?:19|20)\d{2})\b/g))
    counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const prev = counts.get(published.year - 1) ?? 0;
  return prev > 0 && [...counts.values()].every((c) => c <= prev) ? published.year - 1 : undefined;
}

/** Linked mentions win over rule findings for the same words; overlapping findings keep the longest. */
function resolve(linked: Finding[], found: Finding[], byName: Map<string, string>): Finding[] {
  const kept: Finding[] = [...linked];
  const sorted = [...found].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || b.confidence - a.confidence,
  );
  for (const f of sorted) {
    // "Hunan public security organs" holds the generic "public security organs": the place wins.
    // So does a capitalised name's head: "Dongjiaominxiang Police Station" is not the generic
    // police stations (a linked name after "of the" is the organ it belongs to, and stays).
    const head = (k: Finding) =>
      f.rule.startsWith('phrase-organ') ||
      (f.rule.startsWith('name-organ') &&
        k.start > f.start &&
        !/\s(?:of|for|on|in)\s/.test(f.name.slice(0, k.start - f.start)));
    if (f.rule.startsWith('phrase-organ') || f.rule.startsWith('name-organ')) {
      for (let i = kept.length - 1; i >= 0; i--) {
        const k = kept[i];
        // "State Council Information Office" is not the State Council: a linked name that only
        // opens a longer organ's name modifies it ("Political Bureau of the …" is the clash below).
        const opens =
          k?.linkedTo !== undefined &&
          k.kind === f.kind &&
          k.start === f.start &&
          k.end < f.end &&
          /^\s+[A-Z]/.test(f.name.slice(k.end - k.start));
        if (opens) {
          kept.splice(i, 1);
          continue;
        }
        if (
          k?.linkedTo &&
          head(k) &&
          k.kind === f.kind &&
          f.start <= k.start &&
          k.end <= f.end &&
          f.end - f.start > k.end - k.start
        )
          kept.splice(i, 1);
      }
    }
    const existing = byName.get(`${f.kind}:${normPhrase(f.name)}`);
    if (existing && f.kind !== 'OUTCOME') {
      if (!linked.some((l) => l.linkedTo === existing && l.start === f.start)) {
        kept.push({ ...f, linkedTo: existing, rule: `${f.rule}+link-name`, confidence: 0.9 });
      }
      continue;
    }
    // A capitalised name is a firmer boundary than an alias hit that crosses it: in "of the
    // Party Committee of …" the alias "the Party" ends inside the name.
    if (f.rule.startsWith('name-')) {
      for (let i = kept.length - 1; i >= 0; i--) {
        const k = kept[i];
        if (!k?.linkedTo || k.kind !== f.kind) continue;
        const crosses =
          (k.start < f.start && f.start < k.end && k.end < f.end) ||
          (f.start < k.start && k.start < f.end && f.end < k.end);
        if (crosses) kept.splice(i, 1);
      }
    }
    const nested = f.rule.endsWith('-nested');
    const clash = kept.some(
      (k) =>
        !(nested && k.start <= f.start && f.end <= k.end && (k.start < f.start || f.end < k.end)) &&
        ((k.start < f.end &&
          f.start < k.end &&
          (k.kind === f.kind || (k.start === f.start && k.end === f.end)) &&
          // "Criminal Investigation Bureau of the Ministry of Public Security" holds a linked name.
          !(f.start <= k.start && f.end >= k.end && f.end - f.start > k.end - k.start && k.linkedTo !== undefined)) ||
          // "Political Bureau of the Communist Party of China": the head is a linked name.
          (k.linkedTo !== undefined &&
            k.kind === f.kind &&
            k.start === f.start &&
            /^\s+of\s/.test(f.name.slice(k.end - k.start)))),
    );
    if (!clash || f.kind === 'OUTCOME') kept.push(f);
  }
  return kept.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.linkedTo ?? a.name).localeCompare(b.linkedTo ?? b.name),
  );
}

/** Rules that describe a campaign without naming it ("a nationwide campaign to crack down on fraud"). */
const UNNAMED_CAMPAIGN =
  /^(?:phrase-campaign-against|phrase-campaign-anti|generic-campaign-fights|generic-campaign-length-or-season|generic-campaign-launched-unnamed|generic-campaign-noun-modified)$/;
/** "The special campaign launched …" refers back to the campaign named before it, if any. */
const BACK_REFERENCE_RULE = 'generic-campaign-launched-unnamed';

/**
 * Reports describe their campaign before or after naming it: "China has launched a nationwide
 * campaign to crack down on fraud … The operation, codenamed “Cloud Sword 2020”". An unnamed
 * mention is the named campaign of its own or a neighbouring sentence of the paragraph, or,
 * when the report names one campaign only, that one; otherwise it stands alone.
 */
function corefCampaigns(doc: Analysed, findings: Finding[]): Finding[] {
  const named = findings.filter(
    (f) => f.kind === 'CAMPAIGN' && !UNNAMED_CAMPAIGN.test(f.rule) && f.rule !== EDITION_RULE,
  );
  if (named.length === 0) return findings;
  const distinct = new Set(named.map((f) => f.linkedTo ?? campaignCore(f.name)));
  const paragraphOf = (f: Finding) => doc.sentences[f.sentence]?.paragraph ?? -1;
  return findings.map((f) => {
    if (f.kind === 'CAMPAIGN' && f.rule === EDITION_RULE) {
      // "the 2022 edition of the campaign": that year's round of the campaign named before.
      const of = named.filter((n) => n.end <= f.start).pop() ?? (distinct.size === 1 ? named[0] : undefined);
      const core = of?.name.replace(/\s+(?:19|20)\d{2}$/, '');
      return core ? { ...f, name: `${core} ${String(f.fields.edition)}`, rule: `${f.rule}+coref` } : f;
    }
    if (f.kind !== 'CAMPAIGN' || !UNNAMED_CAMPAIGN.test(f.rule)) return f;
    const near = named
      .filter(
        (n) => paragraphOf(n) === paragraphOf(f) && Math.abs(n.sentence - f.sentence) <= 1 && !coordinated(doc, f, n),
      )
      .sort((a, b) => Math.abs(a.sentence - f.sentence) - Math.abs(b.sentence - f.sentence) || a.start - b.start)[0];
    const before = f.rule === BACK_REFERENCE_RULE ? named.filter((n) => n.end <= f.start).pop() : undefined;
    // "… since 2018, when the government launched a three-year nationwide campaign", paragraphs
    // away from "Operation Fox Hunt … since 2012": a campaign launched at another time is another.
    const only =
      distinct.size === 1 && !otherLaunch(f, named[0]) && !named.some((n) => coordinated(doc, f, n))
        ? named[0]
        : undefined;
    const target = near ?? before ?? only;
    if (!target) return f;
    return {
      ...f,
      name: target.name,
      rule: `${f.rule}+coref`,
      ...(target.linkedTo ? { linkedTo: target.linkedTo } : {}),
    };
  });
}

/** "the summer crackdown and the “Kunlun 2024” special action": two campaigns joined by "and" are two. */
function coordinated(doc: Analysed, a: Finding, b: Finding): boolean {
  const [x, y] = a.start < b.start ? [a, b] : [b, a];
  return (
    y.start >= x.end &&
    /^\s*,?\s*(?:and|or|as\s+well\s+as)\s+(?:the\s+|a\s+|an\s+)?[“"‘]?$/.test(doc.text.slice(x.end, y.start))
  );
}

/** Both campaigns say when they were launched, and not the same time. */
function otherLaunch(a: Finding, b: Finding | undefined): boolean {
  const x = a.fields.start;
  const y = b?.fields.start;
  if (typeof x !== 'string' || typeof y !== 'string') return false;
  const n = Math.min(x.length, y.length);
  return x.slice(0, n) !== y.slice(0, n);
}

/** "the ministry", "The bureau": the organ of that kind the text named last. */
const ORGAN_BACK_REFERENCE =
  /\b[Tt]he\s+(ministry|bureau|department|commission|procuratorate|court|office|cent(?:er|re))(?!\s+(?:of|for)\b)\b/g;

/**
 * A report names its organ once and then says "the ministry": each such back-reference is a
 * mention of the organ of that kind named last before it, so what the ministry said or launched
 * is credited to it.
 */
function corefOrgans(doc: Analysed, findings: Finding[]): Finding[] {
  const organs = findings.filter((f) => f.kind === 'ORGAN');
  if (organs.length === 0) return findings;
  const added: Finding[] = [];
  for (const m of doc.text.matchAll(ORGAN_BACK_REFERENCE)) {
    const start = m.index + m[0].length - (m[1]?.length ?? 0) - 4;
    const end = m.index + m[0].length;
    if (findings.some((f) => f.start < end && start < f.end)) continue;
    const head = new RegExp(`\\b${m[1]}\\b`, 'i');
    const named = organs.filter((f) => f.end <= start && head.test(f.name)).pop();
    const sentence = sentenceAt(doc, start);
    if (!named || sentence < 0) continue;
    added.push({ ...named, start, end, sentence, rule: `${named.rule}+coref`, confidence: named.confidence * 0.9 });
  }
  return added.length === 0 ? findings : [...findings, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

function keyOf(f: Finding): string {
  if (f.linkedTo) return f.linkedTo;
  // The same figure stated twice (headline and body, "310 held" and "310 suspects were
  // arrested") is one outcome; a percent keeps its metric, as two rates may share a value.
  if (f.kind === 'OUTCOME') {
    const x = f.fields;
    return x.unit === 'percent'
      ? `OUTCOME:${String(x.value)}|percent|${x.change ? 'change' : 'level'}|${String(x.metric)}`
      : `OUTCOME:${String(x.value)}`;
  }
  // "crackdown against human trafficking" and "anti-human-trafficking campaign", "Sky Net"
  // manhunt and "Sky Net" operation: a campaign is what it targets or what it is called.
  if (f.kind === 'CAMPAIGN') return `CAMPAIGN:${campaignCore(f.name)}`;
  // "reform of the household registration system" is the "household registration system reform".
  if (f.kind === 'REFORM' && !f.linkedTo) {
    return `REFORM:${[...new Set(normWords(f.name).filter((w) => !/^(?:reform|of|the|a|an)$/.test(w)))].sort().join(' ')}`;
  }
  // "Public Security Bureau of Shenzhen Municipality" is the "Shenzhen Municipal Public Security
  // Bureau": an organ is the words of its name, in whatever order, "of the" aside.
  if (f.kind === 'ORGAN') {
    const words = normWords(f.name.replace(/-/g, ' '))
      .filter((w) => !/^(?:of|the|a|an|s)$/.test(w))
      .map((w) => w.replace(/ity$/, '').replace(/al$/, ''));
    return `ORGAN:${[...new Set(words)].sort().join(' ')}`;
  }
  return `${f.kind}:${normPhrase(f.name)}`;
}

const CAMPAIGN_GENERIC = new Set([
  'campaign',
  'crackdown',
  'operation',
  'action',
  'special',
  'national',
  'nationwide',
  'cross',
  'provincial',
  'against',
  'on',
  'anti',
  'war',
  'drive',
  'manhunt',
  'the',
  'a',
  'of',
  'targeting',
]);

function campaignCore(name: string): string {
  const words = normWords(name.replace(/-/g, ' ')).filter((w) => !CAMPAIGN_GENERIC.has(w));
  return words.length > 0 ? words.join(' ') : normPhrase(name);
}

function idOf(f: Finding, ids: Map<string, string>): string {
  return ids.get(keyOf(f)) ?? '';
}

/**
 * "Ferry thefts down 40 percent" (a headline) and "ferry thefts in Linhai fell by 40 percent
 * year-on-year" state one change: the same rate, the same kind of figure, and one metric's words
 * all within the other's. The shorter-named group joins the longer-named one.
 */
function samePercents(groups: Map<string, Finding[]>): Map<string, string> {
  const into = new Map<string, string>();
  const percents = [...groups.keys()]
    .map((key) => ({ key, m: /^OUTCOME:([^|]+)\|percent\|(change|level)\|(.*)$/.exec(key) }))
    .filter((x) => x.m !== null)
    .map((x) => ({ key: x.key, value: x.m?.[1], change: x.m?.[2], words: new Set((x.m?.[3] ?? '').split('-')) }));
  for (const a of percents) {
    const b = percents
      .filter(
        (o) =>
          o.key !== a.key &&
          o.value === a.value &&
          o.change === a.change &&
          o.words.size > a.words.size &&
          [...a.words].every((w) => o.words.has(w)),
      )
      .sort((x, y) => y.words.size - x.words.size || x.key.localeCompare(y.key))[0];
    if (b) into.set(a.key, b.key);
  }
  // Follow chains to the longest name.
  for (const [k, v] of into) {
    let end = v;
    for (let n = 0; into.has(end) && n < 10; n++) end = into.get(end) ?? end;
    into.set(k, end);
  }
  return into;
}

function merge(doc: Analysed, findings: Finding[], snapshot: Snapshot) {
  const grouped = new Map<string, Finding[]>();
  for (const f of findings) grouped.set(keyOf(f), [...(grouped.get(keyOf(f)) ?? []), f]);
  const into = new Map([...samePercents(grouped), ...roundedHeadlines(doc, grouped)]);
  const groups = new Map<string, Finding[]>();
  for (const [key, group] of grouped) {
    const target = into.get(key) ?? key;
    groups.set(
      target,
      [...(groups.get(target) ?? []), ...group].sort((a, b) => a.start - b.start || a.end - b.end),
    );
  }
  const ids = new Map<string, string>();
  const used = new Set<string>();
  const list: CandidateEntity[] = [];
  for (const [key, group] of groups) {
    const first = group[0];
    if (!first) continue;
    let id = first.linkedTo ?? newId(first.kind === 'OUTCOME' ? bestOutcome(doc, group) : first);
    if (!first.linkedTo) {
      const base = id;
      for (let n = 2; used.has(id) || snapshot.getEntity(id); n++) id = `${base}-${n}`;
    }
    used.add(id);
    ids.set(key, id);
    for (const [from, to] of into) if (to === key) ids.set(from, id);
    const evidence: CandidateEvidence[] = [];
    for (const f of group) {
      const span = f.quote ?? doc.sentences[f.sentence];
      if (!span) continue;
      const ev = quoteAt(doc.text, span.start, span.end);
      if (!evidence.some((e) => e.quote === ev.quote) && evidence.length < MAX_EVIDENCE) evidence.push(ev);
    }
    const names = [...new Set(group.map((f) => doc.text.slice(f.start, f.end)))];
    const mentionText = doc.text.slice(first.start, first.end);
    const best = first.kind === 'OUTCOME' ? bestOutcome(doc, group) : first;
    const fields =
      first.kind === 'OUTCOME'
        ? { ...best.fields }
        : (Object.assign({}, ...group.map((f) => f.fields).reverse()) as Record<string, unknown>);
    list.push({
      id,
      kind: first.kind,
      name: best.name,
      ...(first.linkedTo ? { linkedTo: first.linkedTo } : {}),
      mention: { text: mentionText, start: first.start, end: first.end },
      mentions: group.map((f) => ({ start: f.start, end: f.end })),
      aliases:
        first.linkedTo || first.kind === 'OUTCOME' ? [] : names.filter((n) => normPhrase(n) !== normPhrase(first.name)),
      evidence,
      fields,
      confidence: Math.max(...group.map((f) => f.confidence)),
      rule: first.rule,
    });
  }
  list.sort((a, b) => a.mention.start - b.mention.start || a.id.localeCompare(b.id));
  return { list, ids };
}

/** Of several mentions of one figure, the body's fullest: a period over a year, a named metric over a bare unit. */
function bestOutcome(doc: Analysed, group: readonly Finding[]): Finding {
  const score = (f: Finding) => {
    const x = f.fields as { period?: { start?: string }; year?: string; metricText?: string };
    const time = x.period?.start ? 3 : x.period ? 1 : x.year ? 2 : 0;
    const words = Math.min(6, String(x.metricText ?? '').split(' ').length);
    // A headline is an unpunctuated line (or the first one): the body's sentence states the figure fully.
    const s = doc.sentences[f.sentence];
    const punctuated = s !== undefined && /[.!?;:"”’)]\s*$/.test(doc.text.slice(s.start, s.end));
    const body = (s?.paragraph ?? 0) > 0 && punctuated ? 100 : 0;
    return body + time * 10 + words;
  };
  return [...group].sort((a, b) => score(b) - score(a) || a.start - b.start)[0] ?? (group[0] as Finding);
}

function newId(f: Finding): string {
  const prefix = ENTITY_KINDS[f.kind as EntityKind].prefix;
  if (f.kind === 'OUTCOME') {
    const label = (f.fields.year as string | undefined) ?? (f.fields.period as { end?: string } | undefined)?.end ?? '';
    return `${prefix}/${slug(`${String(f.fields.metric ?? f.name)} ${label}`, 9)}`;
  }
  return `${prefix}/${slug(f.name)}`;
}
