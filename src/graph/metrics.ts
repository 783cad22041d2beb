/**
 * Metrics over time and disagreements between sources. Outcomes sharing a `metric` key form a
 * series; this module orders them into points, computes the change between points, and finds
 * where the sources disagree. Pure functions of a snapshot: no GraphQL here.
 */
import { distance } from 'fastest-levenshtein';
import { comparePartialDates, dateBounds, type PartialDate, parsePartialDate } from '../model/dates.js';
import { BadInputError, NotFoundError } from '../model/errors.js';
import type { ChangeDirection } from '../model/ontology.js';
import type { EntityRecord, OutcomeFields } from '../model/records.js';
import type { Snapshot } from './snapshot.js';

// ------------------------------------------------------------------ types

/** One document an outcome is quoted from, with when that document was published. */
export interface MetricSource {
  readonly outcome: string;
  /** Bare document id, as in evidence. */
  readonly document: string;
  readonly published?: PartialDate;
  /** True when the outcome states this value as its baseline, not as its own figure. */
  readonly isBaseline: boolean;
}

export interface MetricChange {
  /** The earlier point the change is measured from. */
  readonly from: PartialDate;
  readonly fromValue: number;
  readonly absolute: number;
  /** Fraction of the earlier value; null when the earlier value is 0. */
  readonly relative: number | null;
  /** Only when both points are in percent: the absolute change, in percentage points. */
  readonly percentagePoints: number | null;
}

export interface MetricPoint {
  readonly date: PartialDate;
  readonly value: number;
  readonly unit?: string;
  /** Set when the value is itself a change against a baseline ("dropped by 96.1%"), not a level. */
  readonly direction?: ChangeDirection;
  /** True when every source gives this value only as a baseline. */
  readonly isBaseline: boolean;
  /** Change from the previous date, when that date holds exactly one level. */
  readonly change: MetricChange | null;
  /** Change from each level at the previous date (several when the sources disagree there). */
  readonly changes: readonly MetricChange[];
  readonly sources: readonly MetricSource[];
}

export interface MetricSeries {
  readonly metric: string;
  /** The unit most of the series' outcomes use. */
  readonly unit?: string;
  readonly units: readonly string[];
  readonly points: readonly MetricPoint[];
  /** Years between the first and last point with no point at all. */
  readonly missingYears: readonly number[];
  /** Outcomes of the metric that give no point: no value, or no year or period. */
  readonly outcomesWithoutPoint: readonly string[];
  /** With asOf: outcomes left out because none of their documents has a publication date. */
  readonly excludedForUnknownPublication: number;
  /** With asOf: outcomes left out because all their documents were published after asOf. */
  readonly excludedAsPublishedLater: number;
  readonly asOf?: PartialDate;
}

export interface MetricSummary {
  readonly metric: string;
  readonly outcomeCount: number;
  readonly units: readonly string[];
  readonly firstYear?: number;
  readonly lastYear?: number;
}

export type ConflictKind = 'DISAGREEING_VALUES' | 'FLAGGED_AMBIGUITY';
export type ConflictResolution = 'ALL' | 'LATEST_PUBLISHED' | 'EARLIEST_PUBLISHED' | 'HIGHEST' | 'LOWEST';

export interface ConflictGroup {
  readonly kind: ConflictKind;
  /** Null when the group spans several metrics (one figure given for two metrics). */
  readonly metric: string | null;
  readonly metrics: readonly string[];
  /** Null when the members are at different dates. */
  readonly date: PartialDate | null;
  readonly outcomes: readonly string[];
  /** Distinct values, ascending. */
  readonly values: readonly number[];
  readonly sources: readonly MetricSource[];
  /** The strategy's pick; null for ALL and when the strategy cannot tell the outcomes apart. */
  readonly resolved: string | null;
  /** Outcomes the strategy could not choose between (all of them for ALL); empty when resolved. */
  readonly unresolvedBetween: readonly string[];
  /** Why the outcomes form a group. */
  readonly note: string;
  /** The curators' notes on the members. */
  readonly curatorNotes: readonly string[];
}

// ------------------------------------------------------------------ shared helpers

const round = (x: number): number => Number(x.toPrecision(12)); // drops float noise: 98.62 - 87.55 = 11.07

/** Parses the asOf argument; a malformed date is the client's error. */
export function parseAsOf(asOf: string | undefined): PartialDate | undefined {
  if (asOf === undefined) return undefined;
  const date = parsePartialDate(asOf);
  if (!date)
    throw new BadInputError(`asOf must be a date like 2022, 2022-12 or 2022-12-31, got "${asOf}"`, {
      argument: 'asOf',
    });
  return date;
}

/** The date an outcome's figure describes: its year, else its period's end, else its start. */
export function outcomeDate(o: OutcomeFields): PartialDate | undefined {
  return o.year ?? o.period?.end ?? o.period?.start;
}

/** Key of the time an outcome describes: a whole period, so "2018 to 2022-07" differs from "to 2022-07". */
function timeKey(o: OutcomeFields): string | undefined {
  if (o.year) return o.year.text;
  if (o.period?.start || o.period?.end) return `${o.period.start?.text ?? ''}..${o.period.end?.text ?? ''}`;
  return undefined;
}

type Visibility =
  | { status: 'KNOWN'; documents: { id: string; published?: PartialDate }[] }
  | { status: 'UNKNOWN' | 'LATER' };

/**
 * Which of an outcome's documents count as known at asOf. A document counts when its whole
 * publication date lies on or before the last day asOf covers (a document dated only "2022"
 * is not known "as of 2022-06", since it may be from December). Undated documents are unknown.
 */
function visibility(snapshot: Snapshot, e: EntityRecord, asOf: PartialDate | undefined): Visibility {
  const ids = [...new Set(e.evidence.map((ev) => ev.document))].sort();
  const all = ids.map((id) => ({ id, published: snapshot.getDocument(id)?.published }));
  if (!asOf) return { status: 'KNOWN', documents: all };
  const limit = dateBounds(asOf).last;
  const known = all.filter((d) => d.published && dateBounds(d.published).last <= limit);
  if (known.length > 0) return { status: 'KNOWN', documents: known };
  return { status: all.some((d) => !d.published) ? 'UNKNOWN' : 'LATER' };
}

interface Considered {
  readonly entity: EntityRecord;
  readonly outcome: OutcomeFields;
  readonly documents: readonly { id: string; published?: PartialDate }[];
}

/** Outcomes (optionally of one metric) whose sources are known at asOf, plus what was left out. */
function consider(snapshot: Snapshot, asOf: PartialDate | undefined, metric?: string) {
  const kept: Considered[] = [];
  let unknown = 0;
  let later = 0;
  for (const e of snapshot.entities('OUTCOME')) {
    if (!e.outcome || (metric !== undefined && e.outcome.metric !== metric)) continue;
    const v = visibility(snapshot, e, asOf);
    if (v.status === 'KNOWN') kept.push({ entity: e, outcome: e.outcome, documents: v.documents });
    else if (v.status === 'UNKNOWN') unknown++;
    else later++;
  }
  return { kept, unknown, later };
}

const sourcesOf = (c: Considered, isBaseline: boolean): MetricSource[] =>
  c.documents.map((d) => ({ outcome: c.entity.id, document: d.id, published: d.published, isBaseline }));

/** The most frequent unit first, then the others by name. */
function unitsOf(outcomes: readonly OutcomeFields[]): string[] {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (o.unit) counts.set(o.unit, (counts.get(o.unit) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([u]) => u);
}

function requireMetric(snapshot: Snapshot, metric: string): void {
  const known = [...new Set(snapshot.entities('OUTCOME').flatMap((e) => (e.outcome ? [e.outcome.metric] : [])))];
  if (known.includes(metric)) return;
  // Suggest metrics sharing a word with the request, else those within a few edits of it.
  const words = new Set(
    metric
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
  const scored = known
    .map((m) => ({ m, shared: m.split('-').filter((w) => words.has(w)).length, d: distance(metric.toLowerCase(), m) }))
    .filter((s) => s.shared > 0 || s.d <= Math.max(3, metric.length / 3))
    .sort((a, b) => b.shared - a.shared || a.d - b.d || a.m.localeCompare(b.m))
    .slice(0, 3)
    .map((s) => s.m);
  const hint = scored.length > 0 ? `; did you mean ${scored.join(', ')}?` : '';
  throw new NotFoundError(`no metric "${metric}"${hint}`, { metric, suggestions: scored });
}

// ------------------------------------------------------------------ series

interface RawPoint {
  date: PartialDate;
  value: number;
  unit?: string;
  direction?: ChangeDirection;
  sources: MetricSource[];
}

function rawPoints(kept: readonly Considered[]): RawPoint[] {
  const raw: RawPoint[] = [];
  for (const c of kept) {
    const date = outcomeDate(c.outcome);
    if (date && c.outcome.value !== undefined) {
      raw.push({
        date,
        value: c.outcome.value,
        unit: c.outcome.unit,
        direction: c.outcome.direction,
        sources: sourcesOf(c, false),
      });
    }
    const b = c.outcome.baseline;
    // A baseline is a level even when the outcome's own value is a change against it.
    if (b?.value !== undefined && b.year) {
      raw.push({ date: b.year, value: b.value, unit: c.outcome.unit, sources: sourcesOf(c, true) });
    }
  }
  return raw;
}

/** Same time, same value and same sort of value (level or change): one point, all sources kept. */
function mergePoints(raw: readonly RawPoint[]): RawPoint[] {
  const byKey = new Map<string, RawPoint>();
  for (const p of raw) {
    const key = `${p.date.text}|${p.value}|${p.direction ?? ''}`;
    const seen = byKey.get(key);
    if (seen) seen.sources.push(...p.sources);
    else byKey.set(key, { ...p, sources: [...p.sources] });
  }
  return [...byKey.values()].sort(
    (a, b) =>
      comparePartialDates(a.date, b.date) ||
      a.date.text.localeCompare(b.date.text) ||
      a.value - b.value ||
      (a.sources[0]?.outcome ?? '').localeCompare(b.sources[0]?.outcome ?? ''),
  );
}

function changeBetween(from: RawPoint, to: RawPoint): MetricChange {
  const absolute = round(to.value - from.value);
  return {
    from: from.date,
    fromValue: from.value,
    absolute,
    relative: from.value === 0 ? null : round((to.value - from.value) / from.value),
    percentagePoints: from.unit === 'percent' && to.unit === 'percent' ? absolute : null,
  };
}

/**
 * Changes are measured between levels only: a value that is itself a change ("dropped by
 * 96.1%") has no meaningful difference from a level. Each level is compared with the levels
 * at the nearest earlier date; same-date values are a disagreement, not a change.
 */
function withChanges(points: readonly RawPoint[]): MetricPoint[] {
  const levels = points.filter((p) => p.direction === undefined);
  return points.map((p) => {
    let changes: MetricChange[] = [];
    if (p.direction === undefined) {
      const earlier = levels.filter((q) => comparePartialDates(q.date, p.date) < 0 && q.date.text !== p.date.text);
      const last = earlier.at(-1);
      if (last) changes = earlier.filter((q) => q.date.text === last.date.text).map((q) => changeBetween(q, p));
    }
    const sources = dedupeSources(p.sources);
    return {
      date: p.date,
      value: p.value,
      unit: p.unit,
      direction: p.direction,
      isBaseline: sources.every((s) => s.isBaseline),
      change: changes.length === 1 ? (changes[0] ?? null) : null,
      changes,
      sources,
    };
  });
}

function dedupeSources(sources: readonly MetricSource[]): MetricSource[] {
  const seen = new Map<string, MetricSource>();
  for (const s of sources) seen.set(`${s.outcome}|${s.document}|${s.isBaseline}`, s);
  return [...seen.values()].sort((a, b) => a.outcome.localeCompare(b.outcome) || a.document.localeCompare(b.document));
}

function missingYears(points: readonly MetricPoint[]): number[] {
  const years = new Set(points.map((p) => p.date.year));
  if (years.size === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const missing: number[] = [];
  for (let y = first + 1; y < last; y++) if (!years.has(y)) missing.push(y);
  return missing;
}

/** The series of one metric, optionally as known from documents published by asOf. */
export function metricSeries(snapshot: Snapshot, metric: string, options: { asOf?: string } = {}): MetricSeries {
  const asOf = parseAsOf(options.asOf);
  requireMetric(snapshot, metric);
  const { kept, unknown, later } = consider(snapshot, asOf, metric);
  const points = withChanges(mergePoints(rawPoints(kept)));
  const units = unitsOf(kept.map((c) => c.outcome));
  return {
    metric,
    unit: units[0],
    units,
    points,
    missingYears: missingYears(points),
    outcomesWithoutPoint: kept
      .filter((c) => c.outcome.value === undefined || !outcomeDate(c.outcome))
      .map((c) => c.entity.id),
    excludedForUnknownPublication: unknown,
    excludedAsPublishedLater: later,
    asOf,
  };
}

/** Every metric key with how many outcomes report it, their units and the years they span. */
export function listMetrics(snapshot: Snapshot): MetricSummary[] {
  const byMetric = new Map<string, OutcomeFields[]>();
  for (const e of snapshot.entities('OUTCOME')) {
    if (e.outcome) byMetric.set(e.outcome.metric, [...(byMetric.get(e.outcome.metric) ?? []), e.outcome]);
  }
  return [...byMetric]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([metric, outcomes]) => {
      const years = outcomes
        .flatMap((o) => [outcomeDate(o)?.year, o.baseline?.year?.year])
        .filter((y): y is number => y !== undefined);
      return {
        metric,
        outcomeCount: outcomes.length,
        units: unitsOf(outcomes),
        firstYear: years.length > 0 ? Math.min(...years) : undefined,
        lastYear: years.length > 0 ? Math.max(...years) : undefined,
      };
    });
}

// ------------------------------------------------------------------ conflicts

/**
 * The rule for a curator note that flags a doubtful figure. Any of these words:
 * garbled, ambiguous/ambiguity, contradict(s/ion), conflict(s/ing), unclear, implausible;
 * or "same figure" followed within a few words by "for" ("the same figure for 2022", "the same
 * figure, 96.1%, is then given for theft cases"): one figure given for two years or two
 * metrics. A plain "gives the same figure … ten months later" only notes that a cumulative
 * total was restated, and flags nothing.
 */
export const FLAG_WORDS = /\b(garbled|ambigu\w*|contradict\w*|conflict\w*|unclear|implausib\w*)\b/i;
export const SAME_FIGURE_FOR = /\bsame figure\b.{0,40}?\bfor\b/i;

const OUTCOME_ID = /\boutcome\/[a-z0-9-]+/g;

/**
 * Outcomes a flagged note ties its outcome to: those it names that give the same value (one
 * figure reused) or the same metric at the same time (two figures at once). Named outcomes
 * that merely give context (a later figure of the series) stay out of the group.
 */
function tiedByNote(c: Considered, byId: ReadonlyMap<string, Considered>): Considered[] {
  const named = [...new Set(c.entity.note?.match(OUTCOME_ID) ?? [])];
  return named
    .map((id) => byId.get(id))
    .filter((o): o is Considered => o !== undefined && o !== c)
    .filter(
      (o) =>
        (o.outcome.value !== undefined && o.outcome.value === c.outcome.value) ||
        (o.outcome.metric === c.outcome.metric && timeKey(o.outcome) === timeKey(c.outcome)),
    );
}

function isFlagged(c: Considered, byId: ReadonlyMap<string, Considered>): boolean {
  const note = c.entity.note ?? '';
  if (FLAG_WORDS.test(note)) return true;
  // "Same figure for …" needs the other outcome with that figure to be known too (asOf).
  return SAME_FIGURE_FOR.test(note) && tiedByNote(c, byId).some((o) => o.outcome.value === c.outcome.value);
}

/** Same metric, same time, same scope and same sort of value, yet several values. */
function disagreeing(kept: readonly Considered[]): Considered[][] {
  const groups = new Map<string, Considered[]>();
  for (const c of kept) {
    const time = timeKey(c.outcome);
    if (!time || c.outcome.value === undefined) continue;
    const o = c.outcome;
    const key = [o.metric, time, o.scope?.level ?? '', o.scope?.place ?? '', o.direction ?? ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].filter((g) => new Set(g.map((c) => c.outcome.value)).size > 1);
}

/** Connected groups of flagged outcomes and the outcomes their notes tie them to. */
function flaggedGroups(kept: readonly Considered[], byId: ReadonlyMap<string, Considered>): Considered[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const p = parent.get(id) ?? id;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  const members = new Set<string>();
  for (const c of kept.filter((k) => isFlagged(k, byId))) {
    members.add(c.entity.id);
    for (const o of tiedByNote(c, byId)) {
      members.add(o.entity.id);
      parent.set(find(o.entity.id), find(c.entity.id));
    }
  }
  const groups = new Map<string, Considered[]>();
  for (const id of [...members].sort()) {
    const c = byId.get(id);
    if (c) groups.set(find(id), [...(groups.get(find(id)) ?? []), c]);
  }
  return [...groups.values()];
}

const latestPublished = (c: Considered): string =>
  c.documents.reduce(
    (max, d) => (d.published && dateBounds(d.published).last > max ? dateBounds(d.published).last : max),
    '',
  );
const earliestPublished = (c: Considered): string =>
  c.documents.reduce(
    (min, d) => (d.published && dateBounds(d.published).first < min ? dateBounds(d.published).first : min),
    '\uffff', // unknown publication sorts after every date, so it is never the earliest
  );

/** The strategy's pick, or the outcomes it cannot tell apart (a tie is not silently broken). */
function resolve(group: readonly Considered[], strategy: ConflictResolution) {
  const ids = group.map((c) => c.entity.id);
  if (strategy === 'ALL') return { resolved: null, unresolvedBetween: ids };
  const score: (c: Considered) => string | number = {
    LATEST_PUBLISHED: latestPublished,
    EARLIEST_PUBLISHED: earliestPublished,
    HIGHEST: (c: Considered) => c.outcome.value ?? Number.NEGATIVE_INFINITY,
    LOWEST: (c: Considered) => c.outcome.value ?? Number.POSITIVE_INFINITY,
  }[strategy];
  const wantsMax = strategy === 'LATEST_PUBLISHED' || strategy === 'HIGHEST';
  const scores = group.map(score);
  // Scores are ISO days (strings) or values (numbers), never mixed within one strategy.
  const ascending = [...scores].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const best = wantsMax ? ascending.at(-1) : ascending[0];
  const top = ids.filter((_id, i) => scores[i] === best);
  return top.length === 1
    ? { resolved: top[0] ?? null, unresolvedBetween: [] }
    : { resolved: null, unresolvedBetween: top };
}

function describeGroup(kind: ConflictKind, group: readonly Considered[], strategy: ConflictResolution): ConflictGroup {
  const sorted = [...group].sort((a, b) => a.entity.id.localeCompare(b.entity.id));
  const metrics = [...new Set(sorted.map((c) => c.outcome.metric))].sort();
  const dates = [...new Set(sorted.map((c) => outcomeDate(c.outcome)?.text))];
  const first = sorted[0] ? outcomeDate(sorted[0].outcome) : undefined;
  const values = [...new Set(sorted.flatMap((c) => (c.outcome.value === undefined ? [] : [c.outcome.value])))].sort(
    (a, b) => a - b,
  );
  const note =
    kind === 'DISAGREEING_VALUES'
      ? `${values.length} different values for ${metrics[0]} at ${first?.text ?? 'the same time'}: ${values.join(', ')}`
      : `a curator note flags ${sorted.length === 1 ? 'this figure' : 'these figures'} as doubtful (garbled, ambiguous, unclear or one figure given twice)`;
  return {
    kind,
    metric: metrics.length === 1 ? (metrics[0] ?? null) : null,
    metrics,
    date: dates.length === 1 ? (first ?? null) : null,
    outcomes: sorted.map((c) => c.entity.id),
    values,
    sources: sorted.flatMap((c) => sourcesOf(c, false)),
    ...resolve(sorted, strategy),
    note,
    curatorNotes: sorted.flatMap((c) => (c.entity.note ? [c.entity.note] : [])),
  };
}

/**
 * Where sources disagree: DISAGREEING_VALUES groups (same metric, same year or period, same
 * scope, different values; the same metric at different dates is a series, not a conflict) and
 * FLAGGED_AMBIGUITY groups (see FLAG_WORDS). A flagged group that a disagreement group already
 * holds entirely is not repeated: its notes travel with the disagreement.
 */
export function conflicts(
  snapshot: Snapshot,
  options: { asOf?: string; resolve?: ConflictResolution } = {},
): ConflictGroup[] {
  const asOf = parseAsOf(options.asOf);
  const strategy = options.resolve ?? 'ALL';
  const { kept } = consider(snapshot, asOf);
  const byId = new Map(kept.map((c) => [c.entity.id, c]));
  const disagreements = disagreeing(kept);
  const covered = (g: readonly Considered[]) => disagreements.some((d) => g.every((c) => d.includes(c)));
  const flagged = flaggedGroups(kept, byId).filter((g) => !covered(g));
  return [
    ...disagreements.map((g) => describeGroup('DISAGREEING_VALUES', g, strategy)),
    ...flagged.map((g) => describeGroup('FLAGGED_AMBIGUITY', g, strategy)),
  ].sort((a, b) => a.kind.localeCompare(b.kind) || (a.outcomes[0] ?? '').localeCompare(b.outcomes[0] ?? ''));
}
