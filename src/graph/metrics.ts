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

/** Why outcomes form a conflict group (see metric-conflicts.ts). */
export type ConflictKind = 'DISAGREEING_VALUES' | 'FLAGGED_AMBIGUITY' | 'REPEATED_UNCHANGED';

/** The outcomes of a conflict group, as a series needs them. */
export interface ConflictMembership {
  readonly kind: ConflictKind;
  readonly outcomes: readonly string[];
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
  /** Kinds of the conflict groups holding an outcome that gives this value (not as a baseline). */
  readonly conflicts: readonly ConflictKind[];
  /** Why no change was computed from the previous date although it holds a level, or null. */
  readonly changeWithheld: string | null;
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
  /** Earliest and latest year an outcome reports a figure for (its year or period), baselines aside. */
  readonly firstYear?: number;
  readonly lastYear?: number;
  /** Years that appear only as baselines ("compared with 2012"), ascending. */
  readonly baselineYears: readonly number[];
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
export function timeKey(o: OutcomeFields): string | undefined {
  if (o.year) return o.year.text;
  if (o.period?.start || o.period?.end) return `${o.period.start?.text ?? ''}..${o.period.end?.text ?? ''}`;
  return undefined;
}

export type Visibility =
  | { status: 'KNOWN'; documents: { id: string; published?: PartialDate }[] }
  | { status: 'UNKNOWN' | 'LATER' };

/**
 * Which of an outcome's documents count as known at asOf. A document counts when its whole
 * publication date lies on or before the last day asOf covers (a document dated only "2022"
 * is not known "as of 2022-06", since it may be from December). Undated documents are unknown.
 */
export function visibility(snapshot: Snapshot, e: EntityRecord, asOf: PartialDate | undefined): Visibility {
  const ids = [...new Set(e.evidence.map((ev) => ev.document))].sort();
  const all = ids.map((id) => ({ id, published: snapshot.getDocument(id)?.published }));
  if (!asOf) return { status: 'KNOWN', documents: all };
  const limit = dateBounds(asOf).last;
  const known = all.filter((d) => d.published && dateBounds(d.published).last <= limit);
  if (known.length > 0) return { status: 'KNOWN', documents: known };
  return { status: all.some((d) => !d.published) ? 'UNKNOWN' : 'LATER' };
}

export interface Considered {
  readonly entity: EntityRecord;
  readonly outcome: OutcomeFields;
  readonly documents: readonly { id: string; published?: PartialDate }[];
}

/** Outcomes (optionally of one metric) whose sources are known at asOf, plus what was left out. */
export function consider(snapshot: Snapshot, asOf: PartialDate | undefined, metric?: string) {
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

export const sourcesOf = (c: Considered, isBaseline: boolean): MetricSource[] =>
  c.documents.map((d) => ({ outcome: c.entity.id, document: d.id, published: d.published, isBaseline }));

/** The most frequent unit first, then the others by name. */
function unitsOf(outcomes: readonly OutcomeFields[]): string[] {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (o.unit) counts.set(o.unit, (counts.get(o.unit) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([u]) => u);
}

function requireMetric(snapshot: Snapshot, metric: string): void {
  // The metric list is kept per snapshot: collecting the keys of 100k outcomes per call cost 32 ms.
  const known = knownMetrics(snapshot);
  if (known.has(metric)) return;
  // Metric keys are short; an edit distance against a huge argument allocates its square.
  if (metric.length > 200)
    throw new NotFoundError(`no metric "${metric.slice(0, 80)}…"`, { metric: metric.slice(0, 80) });
  // Suggest metrics sharing a word with the request, else those within a few edits of it.
  const words = new Set(
    metric
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
  const scored = [...known]
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
function withChanges(points: readonly RawPoint[], groups: readonly ConflictMembership[]): MetricPoint[] {
  const levels = points.filter((p) => p.direction === undefined);
  // A point belongs to the groups of the outcomes giving its value; a baseline's outcome gives another value.
  const groupsOf = (p: RawPoint) =>
    groups.filter((g) => p.sources.some((s) => !s.isBaseline && g.outcomes.includes(s.outcome)));
  return points.map((p) => {
    let changes: MetricChange[] = [];
    let changeWithheld: string | null = null;
    const mine = groupsOf(p);
    if (p.direction === undefined) {
      const earlier = levels.filter((q) => comparePartialDates(q.date, p.date) < 0 && q.date.text !== p.date.text);
      const last = earlier.at(-1);
      const previous = last ? earlier.filter((q) => q.date.text === last.date.text) : [];
      const shared = (q: RawPoint) => groupsOf(q).filter((g) => mine.includes(g));
      const across = previous.filter((q) => shared(q).length > 0);
      changes = previous.filter((q) => shared(q).length === 0).map((q) => changeBetween(q, p));
      if (across.length > 0) {
        const kinds = [...new Set(across.flatMap((q) => shared(q).map((g) => g.kind)))].sort();
        changeWithheld = `no change computed from ${last?.date.text} to ${p.date.text}: both values belong to one conflict group (${kinds.join(', ')}), so the difference may be an artefact of the sources; see conflicts`;
      }
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
      conflicts: [...new Set(mine.map((g) => g.kind))].sort(),
      changeWithheld,
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

/**
 * The series of one metric, optionally as known from documents published by asOf. `groups`
 * are the conflict groups the series' outcomes belong to (metric-conflicts.ts finds them):
 * points in one are marked, and no change is computed between two points of one group.
 */
export function metricSeries(
  snapshot: Snapshot,
  metric: string,
  options: { asOf?: string; groups?: readonly ConflictMembership[] } = {},
): MetricSeries {
  const asOf = parseAsOf(options.asOf);
  requireMetric(snapshot, metric);
  const { kept, unknown, later } = consider(snapshot, asOf, metric);
  const points = withChanges(mergePoints(rawPoints(kept)), options.groups ?? []);
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

/** The years an outcome's own figure describes: its year, or its period's start and end. */
function reportedYears(o: OutcomeFields): number[] {
  return [o.year?.year, o.period?.start?.year, o.period?.end?.year].filter((y): y is number => y !== undefined);
}

/**
 * Every metric key with how many outcomes report it, their units and the years they span.
 * Depends on the snapshot alone, so it is computed once per snapshot.
 */
export function listMetrics(snapshot: Snapshot): readonly MetricSummary[] {
  let list = metricsBySnapshot.get(snapshot);
  if (!list) {
    list = computeMetrics(snapshot);
    metricsBySnapshot.set(snapshot, list);
  }
  return list;
}

const metricsBySnapshot = new WeakMap<Snapshot, readonly MetricSummary[]>();

const metricKeysBySnapshot = new WeakMap<Snapshot, ReadonlySet<string>>();
function knownMetrics(snapshot: Snapshot): ReadonlySet<string> {
  let keys = metricKeysBySnapshot.get(snapshot);
  if (!keys) {
    keys = new Set(listMetrics(snapshot).map((m) => m.metric));
    metricKeysBySnapshot.set(snapshot, keys);
  }
  return keys;
}

function computeMetrics(snapshot: Snapshot): MetricSummary[] {
  const byMetric = new Map<string, OutcomeFields[]>();
  for (const e of snapshot.entities('OUTCOME')) {
    if (!e.outcome) continue;
    // In place: copying the list per outcome was quadratic in a metric's outcomes (100k corpus).
    const list = byMetric.get(e.outcome.metric);
    if (list) list.push(e.outcome);
    else byMetric.set(e.outcome.metric, [e.outcome]);
  }
  return [...byMetric]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([metric, outcomes]) => {
      const years = outcomes.flatMap((o) => reportedYears(o));
      const reported = new Set(years);
      const baselineYears = [...new Set(outcomes.flatMap((o) => (o.baseline?.year ? [o.baseline.year.year] : [])))]
        .filter((y) => !reported.has(y))
        .sort((a, b) => a - b);
      return {
        metric,
        outcomeCount: outcomes.length,
        units: unitsOf(outcomes),
        // A loop, not Math.min(...years): a metric of 100k outcomes overflows the argument stack.
        firstYear: years.length > 0 ? years.reduce((a, b) => (b < a ? b : a)) : undefined,
        lastYear: years.length > 0 ? years.reduce((a, b) => (b > a ? b : a)) : undefined,
        baselineYears,
      };
    });
}
