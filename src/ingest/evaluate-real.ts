/**
 * Evaluation on the real-article set (issue 15): the extractor runs on each article of one
 * split against the bundled graph, and its candidates are paired one-to-one with the hand
 * annotations, the way NER work scores (CoNLL/seqeval): precision, recall and F1 per kind.
 * A duplicate candidate (a thing proposed twice) is a false positive.
 *
 * Matching (stated in the README):
 * - Entities of the same kind pair, strongest first: (3) exact: the normalised name (case,
 *   plural, hyphens, quotes, punctuation ignored) of the candidate, one of its mentions or its
 *   linked entity's aliases equals the annotated name; (2) words: the content words of one
 *   name contain the other's and what is left over are only generic words for the kind
 *   ("special", "campaign", "municipal", "China" …), or their Dice overlap is ≥ 0.75;
 *   (1) span overlap: a candidate mention overlaps an occurrence of the annotated name in the
 *   text (when the name never occurs verbatim, the annotated quote). "strict" counts only (3).
 * - Outcomes pair when the value is equal, the unit agrees (percent with percent; money in the
 *   same currency; counts when the unit words agree or one side's unit is among the other's
 *   metric words), the metric words agree (at least half of the annotated metric's content
 *   words, stemmed, are in the candidate's metric, and at least a third of the candidate's
 *   metric words are annotated ones) and the time agrees (year or period endpoints equal at
 *   month precision, days ignored; a period from January to December is its year; an
 *   annotation without time accepts any).
 * - Group rows (CAMPAIGN+REFORM, ORGAN+PLENARY_SESSION) pair across the kinds of the group.
 * - Relations are scored among correctly found items: a proposed relation whose endpoints
 *   are both paired candidates is right when an annotated relation of the same type joins
 *   their annotated entities; recall is over annotated relations whose endpoints were found.
 */
import type { Snapshot } from '../graph/snapshot.js';
import { BadInputError } from '../model/errors.js';
import { extract } from './extract.js';
import { normPhrase, normWords } from './normalise.js';
import {
  articlesInSplit,
  type GoldEntity,
  type GoldRelation,
  type GoldTime,
  loadArticle,
  outcomeRef,
  type RealArticle,
  type Split,
} from './real-set.js';
import type { CandidateEntity, CandidateRelation, Extraction } from './types.js';

export const REAL_KINDS = [
  'ORGAN',
  'PLENARY_SESSION',
  'CAMPAIGN',
  'REFORM',
  'LAW',
  'PERSON',
  'DOCUMENT',
  'OUTCOME',
] as const;
export const REAL_GROUPS: Record<string, readonly string[]> = {
  'CAMPAIGN+REFORM': ['CAMPAIGN', 'REFORM'],
  'ORGAN+PLENARY_SESSION': ['ORGAN', 'PLENARY_SESSION'],
};

export interface Score {
  tp: number;
  predicted: number;
  gold: number;
  /** Pairs by exact normalised name only. */
  strictTp: number;
}

export interface Rates {
  precision: number;
  recall: number;
  f1: number;
}

export interface RealArticleResult {
  readonly slug: string;
  readonly ms: number;
  readonly scores: Record<string, Score>;
  readonly relations: {
    tp: number;
    predicted: number;
    gold: number;
    /** Annotated relations between found items that were not proposed: `source TYPE target`. */
    missed: readonly string[];
    /** Proposed relations between found items that match no annotation: `source TYPE target [rule]`. */
    wrong: readonly string[];
  };
  readonly falsePositives: readonly string[];
  /** Annotated items not found: `KIND name`. */
  readonly misses: readonly string[];
  /** Proposed items that found nothing: `KIND name [rule]`. */
  readonly wrong: readonly string[];
  readonly details: ReturnType<typeof outcomeDetails>;
}

export interface RealReport {
  readonly split: Split;
  readonly articles: readonly string[];
  readonly kinds: Record<string, Score & Rates & { strictPrecision: number; strictRecall: number }>;
  readonly relations: { tp: number; predicted: number; gold: number } & Rates;
  /** Outcomes whose value and unit were found, whatever their metric and time. */
  readonly outcomeValues: { found: number; gold: number };
  /**
   * Annotated outcomes whose value and unit were found but which did not pair: only the time
   * disagreed (some candidate's metric agreed), only the metric (some candidate's time agreed),
   * or both.
   */
  readonly outcomeValuesLost: { metric: number; time: number; both: number };
  /** Among paired outcomes: how many carry the annotated qualifier and change direction. */
  readonly outcomeDetails: { paired: number; qualifier: number; changes: number; direction: number };
  readonly falsePositiveRules: readonly [string, number][];
  readonly msPerDocument: { mean: number; max: number };
  readonly perArticle: readonly RealArticleResult[];
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'and',
  'for',
  'to',
  'by',
  'on',
  'at',
  'with',
  'from',
  'were',
  'was',
  'been',
  'be',
  'have',
  'ha',
  'had',
  'is',
  'are',
  'number',
  'total',
  'all',
]);

/** A crude stem so "cracked"/"crack", "solved"/"solve", "arrests"/"arrested" meet. */
export function stem(w: string): string {
  let s = w;
  if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  if (s.length > 4 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

export function contentWords(phrase: string): string[] {
  return [...new Set(normWords(phrase.replace(/[-_]/g, ' ')).filter((w) => !STOP.has(w)))].map(stem);
}

const GENERIC: Record<string, RegExp> = {
  ORGAN:
    /^(?:china|chines|prc|people|republic|national|central|municipal|provincial|city|county|district|level|local|state|party|cpc|communist)$/,
  PLENARY_SESSION: /^(?:national|work|meet|conference|session|press|plenary|video|teleconferenc|\d{4})$/,
  CAMPAIGN:
    /^(?:special|campaign|operation|action|activit|activity|crackdown|rectification|nationwide|national|plan|program|programm|project|\d{4}|year|day|month|drive|initiative|the)$/,
  REFORM: /^(?:reform|reforms|system|mechanism|measure|pilot|comprehensive|deepen|work|the)$/,
  LAW: /^(?:people|republic|china|prc|law|regulation|provision|the)$/,
  PERSON: /^$/,
  DOCUMENT: /^(?:notice|opinion|guideline|the)$/,
};

function genericFor(kind: string, w: string): boolean {
  return (GENERIC[kind] ?? /^$/).test(w) || (GENERIC.CAMPAIGN?.test(w) === true && kind === 'REFORM');
}

/** Pairing strength of a candidate name with an annotated name (3 exact, 2 words, 0 none). */
function nameStrength(kind: string, names: readonly string[], gold: string): number {
  const g = normPhrase(gold);
  if (names.some((n) => normPhrase(n) === g)) return 3;
  const gw = contentWords(gold);
  for (const n of names) {
    const cw = contentWords(n);
    if (cw.length === 0 || gw.length === 0) continue;
    const shared = cw.filter((w) => gw.includes(w)).length;
    if ((2 * shared) / (cw.length + gw.length) >= 0.75) return 2;
    const [small, big] = cw.length <= gw.length ? [cw, gw] : [gw, cw];
    if (
      small.every((w) => big.includes(w)) &&
      small.some((w) => !genericFor(kind, w)) &&
      big.filter((w) => !small.includes(w)).every((w) => genericFor(kind, w))
    )
      return 2;
  }
  return 0;
}

/** Every occurrence of the annotated name in the text, case-insensitive. */
function nameSpans(text: string, name: string): [number, number][] {
  const out: [number, number][] = [];
  if (name.length < 3) return out;
  const hay = text.toLowerCase();
  const needle = name.toLowerCase();
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

/** Where the annotated entity is named: its name's occurrences, or failing those its quote's. */
function goldSpans(text: string, g: GoldEntity): [number, number][] {
  const byName = nameSpans(text, g.name);
  if (byName.length > 0) return byName;
  const at = g.quote ? text.indexOf(g.quote) : -1;
  return at >= 0 ? [[at, at + g.quote.length]] : [];
}

// ---- outcomes ----

const CURRENCY: Record<string, string> = {
  yuan: 'CNY',
  rmb: 'CNY',
  cny: 'CNY',
  renminbi: 'CNY',
  dollar: 'USD',
  usd: 'USD',
  'us dollar': 'USD',
  euro: 'EUR',
  eur: 'EUR',
  'hong kong dollar': 'HKD',
  hkd: 'HKD',
};

function unitClass(unit: string): string {
  const u = normPhrase(unit);
  if (/^(?:percent|per cent|%|percentage point)$/.test(u) || unit.trim() === '%') return 'percent';
  if (/percentage point/.test(u)) return 'points';
  for (const [k, v] of Object.entries(CURRENCY)) if (u === k || u.endsWith(` ${k}`)) return v;
  return 'count';
}

export function unitsAgree(cand: { unit: string; metric: string }, gold: { unit: string; metric: string }): boolean {
  const a = unitClass(cand.unit);
  const b = unitClass(gold.unit);
  if (a !== b) return false;
  if (a !== 'count') return true;
  const cu = contentWords(cand.unit);
  const gu = contentWords(gold.unit);
  if (cu.some((w) => gu.includes(w))) return true;
  const cm = contentWords(cand.metric);
  const gm = contentWords(gold.metric);
  return cu.some((w) => gm.includes(w)) || gu.some((w) => cm.includes(w));
}

export function metricsAgree(cand: string, gold: string): boolean {
  const c = contentWords(cand);
  const g = contentWords(gold);
  if (g.length === 0) return true;
  const shared = g.filter((w) => c.includes(w)).length;
  return shared / g.length >= 0.5 && c.length > 0 && shared / c.length >= 1 / 3;
}

interface Interval {
  start?: string;
  end?: string;
}

function interval(t: GoldTime): Interval | null {
  if (t.year) return { start: t.year.slice(0, 4), end: t.year.slice(0, 4) };
  if (!t.period) return null;
  const { start, end } = t.period;
  // January to December of one year is that year.
  if (start && end && start.slice(0, 4) === end.slice(0, 4) && /^\d{4}(?:-01(?:-01)?)?$/.test(start)) {
    if (/^\d{4}(?:-12(?:-31)?)?$/.test(end)) return { start: start.slice(0, 4), end: end.slice(0, 4) };
  }
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

function sameEndpoint(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  // Days are ignored; a year and a month never agree.
  const pa = a.slice(0, 7);
  const pb = b.slice(0, 7);
  return pa.length === pb.length && pa === pb;
}

function showTime(t: GoldTime): string {
  if (t.year) return t.year;
  if (t.period) return `${t.period.start ?? '?'}..${t.period.end ?? '?'}`;
  return 'none';
}

export function timesAgree(cand: GoldTime, gold: GoldTime): boolean {
  const g = interval(gold);
  if (!g) return true;
  const c = interval(cand);
  if (!c) return false;
  return sameEndpoint(c.start, g.start) && sameEndpoint(c.end, g.end);
}

interface CandOutcome {
  value: number;
  unit: string;
  metric: string;
  time: GoldTime;
}

function candOutcome(c: CandidateEntity): CandOutcome {
  const f = c.fields as Record<string, unknown>;
  const period = f.period as { start?: unknown; end?: unknown } | undefined;
  const metricText = typeof f.metricText === 'string' ? f.metricText : String(f.metric ?? c.name);
  return {
    value: Number(f.value),
    unit: String(f.unit ?? ''),
    metric: metricText.replace(/-/g, ' '),
    time: {
      ...(f.year !== undefined ? { year: String(f.year) } : {}),
      ...(period
        ? {
            period: {
              ...(period.start !== undefined ? { start: String(period.start) } : {}),
              ...(period.end !== undefined ? { end: String(period.end) } : {}),
            },
          }
        : {}),
    },
  };
}

const sameValue = (a: number, b: number | undefined) =>
  b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function outcomeStrength(c: CandidateEntity, g: GoldEntity): number {
  const o = candOutcome(c);
  const gold = { unit: g.unit ?? '', metric: g.metric ?? g.name };
  if (!sameValue(o.value, g.value) || !unitsAgree(o, gold)) return 0;
  return metricsAgree(o.metric, gold.metric) && timesAgree(o.time, g) ? 3 : 0;
}

// ---- pairing ----

interface Candidate {
  readonly c: CandidateEntity;
  readonly names: readonly string[];
  readonly spans: readonly [number, number][];
}

function strength(x: Candidate, g: GoldEntity, text: string, kinds: readonly string[]): number {
  if (!kinds.includes(x.c.kind) || !kinds.includes(g.kind)) return 0;
  if (g.kind === 'OUTCOME' || x.c.kind === 'OUTCOME') {
    return g.kind === 'OUTCOME' && x.c.kind === 'OUTCOME' ? outcomeStrength(x.c, g) : 0;
  }
  const byName = nameStrength(g.kind, x.names, g.name);
  if (byName > 0) return byName;
  const spans = goldSpans(text, g);
  return spans.some(([a, b]) => x.spans.some(([s, e]) => s < b && a < e)) ? 1 : 0;
}

/** Candidate index → gold index, strongest pairs first, each pass in text order. */
function pairUp(
  cands: readonly Candidate[],
  gold: readonly GoldEntity[],
  text: string,
  kinds: readonly string[],
  minStrength: number,
): Map<number, number> {
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  const table = cands.map((x) => gold.map((g) => strength(x, g, text, kinds)));
  for (const level of [3, 2, 1]) {
    if (level < minStrength) continue;
    for (const [ci] of cands.entries()) {
      if (pairs.has(ci)) continue;
      const gi = gold.findIndex((_g, i) => !used.has(i) && table[ci]?.[i] === level);
      if (gi >= 0) {
        pairs.set(ci, gi);
        used.add(gi);
      }
    }
  }
  return pairs;
}

function namesOf(snapshot: Snapshot, c: CandidateEntity, text: string): string[] {
  const linked = c.linkedTo ? snapshot.getEntity(c.linkedTo) : undefined;
  const mentions = (c.mentions ?? [c.mention]).map((m) => text.slice(m.start, m.end));
  return [...new Set([c.name, ...c.aliases, ...mentions, ...(linked ? [linked.name, ...linked.aliases] : [])])];
}

/** What is scored against an article's annotation: by default what the extractor proposes. */
export type Proposer = (snapshot: Snapshot, article: RealArticle) => Extraction;

const extractorProposes: Proposer = (snapshot, article) =>
  extract(snapshot, article.text, {
    documentId: article.slug,
    ...(article.published ? { published: article.published } : {}),
  });

export function evaluateArticle(
  snapshot: Snapshot,
  article: RealArticle,
  propose: Proposer = extractorProposes,
): RealArticleResult {
  const started = performance.now();
  const extraction = propose(snapshot, article);
  const ms = performance.now() - started;
  const text = article.text;
  const cands: Candidate[] = extraction.entities.map((c) => ({
    c,
    names: namesOf(snapshot, c, text),
    spans: (c.mentions ?? [c.mention]).map((m) => [m.start, m.end] as [number, number]),
  }));
  const gold = article.entities;
  const scores: Record<string, Score> = {};
  const falsePositives: string[] = [];
  const misses: string[] = [];
  const wrong: string[] = [];
  const goldOf = new Map<string, number>();
  const rows: [string, readonly string[]][] = [
    ...REAL_KINDS.map((k) => [k, [k]] as [string, readonly string[]]),
    ...Object.entries(REAL_GROUPS),
  ];
  for (const [row, kinds] of rows) {
    const cs = cands.filter((x) => kinds.includes(x.c.kind));
    const gs = gold.filter((g) => kinds.includes(g.kind));
    const pairs = pairUp(cs, gs, text, kinds, 1);
    const strict = pairUp(cs, gs, text, kinds, 3);
    scores[row] = { tp: pairs.size, predicted: cs.length, gold: gs.length, strictTp: strict.size };
    if (kinds.length > 1) continue;
    for (const [ci, x] of cs.entries()) {
      const gi = pairs.get(ci);
      if (gi === undefined) {
        falsePositives.push(x.c.rule);
        wrong.push(`${x.c.kind} ${x.c.name} [${x.c.rule}]`);
      } else goldOf.set(x.c.id, gold.indexOf(gs[gi] as GoldEntity));
    }
    const found = new Set(pairs.values());
    for (const [gi, g] of gs.entries()) if (!found.has(gi)) misses.push(`${g.kind} ${g.name}`);
  }
  return {
    slug: article.slug,
    ms,
    scores,
    relations: scoreRelations(
      extraction.relations,
      article.relations,
      gold,
      goldOf,
      falsePositives,
      (id) => extraction.entities.find((c) => c.id === id)?.name ?? id,
    ),
    falsePositives,
    misses,
    wrong,
    details: outcomeDetails(extraction.entities, article),
  };
}

function goldIndexByRef(gold: readonly GoldEntity[]): Map<string, number> {
  const byRef = new Map<string, number>();
  for (const [i, g] of gold.entries()) {
    const refs = g.kind === 'OUTCOME' ? [outcomeRef(g), g.name] : [g.name];
    for (const r of refs) if (!byRef.has(normPhrase(r))) byRef.set(normPhrase(r), i);
  }
  return byRef;
}

function scoreRelations(
  proposed: readonly CandidateRelation[],
  annotated: readonly GoldRelation[],
  gold: readonly GoldEntity[],
  goldOf: ReadonlyMap<string, number>,
  falsePositives: string[],
  nameOf: (id: string) => string,
): RealArticleResult['relations'] {
  const byRef = goldIndexByRef(gold);
  const found = new Set(goldOf.values());
  const wanted = new Map<string, string>();
  for (const r of annotated) {
    const s = byRef.get(normPhrase(r.source));
    const t = byRef.get(normPhrase(r.target));
    if (s !== undefined && t !== undefined && found.has(s) && found.has(t)) {
      wanted.set(`${s}|${r.type}|${t}`, `${r.source} ${r.type} ${r.target}`);
    }
  }
  const wrong: string[] = [];
  let tp = 0;
  let predicted = 0;
  const hit = new Set<string>();
  for (const r of proposed) {
    const s = goldOf.get(r.source);
    const t = goldOf.get(r.target);
    if (s === undefined || t === undefined) continue;
    predicted++;
    const key = `${s}|${r.type}|${t}`;
    if (wanted.has(key) && !hit.has(key)) {
      hit.add(key);
      tp++;
    } else {
      falsePositives.push(r.rule);
      wrong.push(`${nameOf(r.source)} ${r.type} ${nameOf(r.target)} [${r.rule}]`);
    }
  }
  const missed = [...wanted].filter(([k]) => !hit.has(k)).map(([, label]) => label);
  return { tp, predicted, gold: wanted.size, missed, wrong };
}

const rates = (tp: number, predicted: number, gold: number): Rates => {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : tp / predicted;
  const recall = gold === 0 ? 1 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
};

/** Diagnostics beside the score: value+unit found, and qualifier/direction among paired outcomes. */
function outcomeDetails(entities: readonly CandidateEntity[], article: RealArticle) {
  const cands = entities.filter((c) => c.kind === 'OUTCOME');
  const gold = article.entities.filter((g) => g.kind === 'OUTCOME');
  const x = cands.map((c) => ({ c, names: [c.name], spans: [] as [number, number][] }));
  const pairs = pairUp(x, gold, article.text, ['OUTCOME'], 3);
  const pairedGold = new Set([...pairs.values()]);
  const outcomes = cands.map(candOutcome);
  let valueFound = 0;
  // Why a found value did not count: which of the two remaining tests its candidates failed.
  const lost = { metric: 0, time: 0, both: 0 };
  const lostItems: string[] = [];
  gold.forEach((g, gi) => {
    const gu = { unit: g.unit ?? '', metric: g.metric ?? g.name };
    const same = outcomes.filter((o) => sameValue(o.value, g.value) && unitsAgree(o, gu));
    if (same.length === 0) return;
    valueFound++;
    if (pairedGold.has(gi)) return;
    const label = `OUTCOME ${gu.metric} (${g.value})`;
    const metricRight = same.find((o) => metricsAgree(o.metric, gu.metric));
    if (metricRight) {
      lost.time++;
      lostItems.push(`${label}: time ${showTime(metricRight.time)}, annotated ${showTime(g)}`);
    } else if (same.some((o) => timesAgree(o.time, g))) {
      lost.metric++;
      lostItems.push(`${label}: metric "${same.map((o) => o.metric).join('" / "')}"`);
    } else {
      lost.both++;
      lostItems.push(
        `${label}: metric "${same[0]?.metric}" and time ${showTime(same[0]?.time ?? {})}, annotated ${showTime(g)}`,
      );
    }
  });
  let qualifier = 0;
  let changes = 0;
  let direction = 0;
  for (const [ci, gi] of pairs) {
    const c = x[ci]?.c;
    const g = gold[gi];
    if (!c || !g) continue;
    if ((c.fields.qualifier ?? 'EXACT') === (g.qualifier ?? 'EXACT')) qualifier++;
    if (g.change) {
      changes++;
      const change = c.fields.change as { direction?: string } | undefined;
      if ((change?.direction ?? c.fields.direction) === g.change.direction) direction++;
    }
  }
  return { valueFound, lost, lostItems, goldCount: gold.length, paired: pairs.size, qualifier, changes, direction };
}

/**
 * Which articles of the split to score: `only` names them (each must be in the split), `exclude`
 * leaves some out. Lets a tuner keep an inner holdout inside dev without reading it.
 */
export interface ArticleSubset {
  readonly only?: readonly string[];
  readonly exclude?: readonly string[];
}

export function selectArticles(all: readonly string[], subset: ArticleSubset, split: Split): string[] {
  const unknown = [...(subset.only ?? []), ...(subset.exclude ?? [])].filter((s) => !all.includes(s));
  if (unknown.length > 0) {
    throw new BadInputError(`not articles of the ${split} split: ${unknown.join(', ')}`);
  }
  const only = subset.only && subset.only.length > 0 ? new Set(subset.only) : undefined;
  const exclude = new Set(subset.exclude ?? []);
  return all.filter((s) => (only === undefined || only.has(s)) && !exclude.has(s));
}

export function evaluateReal(
  snapshot: Snapshot,
  dir: string,
  split: Split,
  subset: ArticleSubset = {},
  propose: Proposer = extractorProposes,
): RealReport {
  const slugs = selectArticles(articlesInSplit(dir, split), subset, split);
  const perArticle: RealArticleResult[] = [];
  const totals: Record<string, Score> = {};
  const rel = { tp: 0, predicted: 0, gold: 0 };
  const fp = new Map<string, number>();
  const values = { found: 0, gold: 0 };
  const lost = { metric: 0, time: 0, both: 0 };
  const details = { paired: 0, qualifier: 0, changes: 0, direction: 0 };
  // Warm-up, so the first article's time is not wink's start-up.
  extract(snapshot, 'The Ministry of Public Security held a press conference.', { documentId: 'warm-up' });
  for (const slug of slugs) {
    const article = loadArticle(dir, slug, split);
    const r = evaluateArticle(snapshot, article, propose);
    perArticle.push(r);
    for (const [k, s] of Object.entries(r.scores)) {
      const t = totals[k] ?? { tp: 0, predicted: 0, gold: 0, strictTp: 0 };
      totals[k] = t;
      t.tp += s.tp;
      t.predicted += s.predicted;
      t.gold += s.gold;
      t.strictTp += s.strictTp;
    }
    rel.tp += r.relations.tp;
    rel.predicted += r.relations.predicted;
    rel.gold += r.relations.gold;
    for (const rule of r.falsePositives) fp.set(rule, (fp.get(rule) ?? 0) + 1);
    const d = r.details;
    values.found += d.valueFound;
    values.gold += d.goldCount;
    lost.metric += d.lost.metric;
    lost.time += d.lost.time;
    lost.both += d.lost.both;
    details.paired += d.paired;
    details.qualifier += d.qualifier;
    details.changes += d.changes;
    details.direction += d.direction;
  }
  const kinds = Object.fromEntries(
    Object.entries(totals).map(([k, s]) => {
      const strict = rates(s.strictTp, s.predicted, s.gold);
      return [
        k,
        { ...s, ...rates(s.tp, s.predicted, s.gold), strictPrecision: strict.precision, strictRecall: strict.recall },
      ];
    }),
  );
  const times = perArticle.map((a) => a.ms);
  return {
    split,
    articles: slugs,
    kinds,
    relations: { ...rel, ...rates(rel.tp, rel.predicted, rel.gold) },
    outcomeValues: values,
    outcomeValuesLost: lost,
    outcomeDetails: details,
    falsePositiveRules: [...fp.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12),
    msPerDocument: {
      mean: times.length ? times.reduce((a, b) => a + b, 0) / times.length : 0,
      max: times.length ? Math.max(...times) : 0,
    },
    perArticle,
  };
}
