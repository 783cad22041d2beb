import { dateBounds, type PartialDate } from '../model/dates.js';
import { Lru } from './lru.js';
import {
  type ConflictKind,
  type Considered,
  consider,
  type MetricSeries,
  type MetricSource,
  metricSeries,
  outcomeDate,
  parseAsOf,
  sourcesOf,
  timeKey,
} from './metrics.js';
import type { Snapshot } from './snapshot.js';

export type { ConflictKind };
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

/** Appends in place: copying the group on every member made a large group quadratic (100k corpus). */
function pushTo<K>(groups: Map<K, Considered[]>, key: K, c: Considered): void {
  const group = groups.get(key);
  if (group) group.push(c);
  else groups.set(key, [c]);
}

/** Same metric, same time, same scope and same sort of value, yet several values. */
function disagreeing(kept: readonly Considered[]): Considered[][] {
  const groups = new Map<string, Considered[]>();
  for (const c of kept) {
    const time = timeKey(c.outcome);
    if (!time || c.outcome.value === undefined) continue;
    const o = c.outcome;
    const key = [o.metric, time, o.scope?.level ?? '', o.scope?.place ?? '', o.direction ?? ''].join('|');
    pushTo(groups, key, c);
  }
  return [...groups.values()].filter((g) => new Set(g.map((c) => c.outcome.value)).size > 1);
}

/**
 * Same metric, same scope and same sort of value, one value, at different times: a figure
 * repeated unchanged, possibly a stale figure restated by a later source.
 */
function repeatedUnchanged(kept: readonly Considered[]): Considered[][] {
  const groups = new Map<string, Considered[]>();
  for (const c of kept) {
    const o = c.outcome;
    if (!timeKey(o) || o.value === undefined) continue;
    const key = [o.metric, o.value, o.scope?.level ?? '', o.scope?.place ?? '', o.direction ?? ''].join('|');
    pushTo(groups, key, c);
  }
  return [...groups.values()].filter((g) => new Set(g.map((c) => timeKey(c.outcome))).size > 1);
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
    if (c) pushTo(groups, find(id), c);
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
  const times = [...new Set(sorted.map((c) => timeKey(c.outcome)))].sort();
  const note =
    kind === 'DISAGREEING_VALUES'
      ? `${values.length} different values for ${metrics[0]} at ${first?.text ?? 'the same time'}: ${values.join(', ')}`
      : kind === 'REPEATED_UNCHANGED'
        ? `the same value for ${metrics[0]}, ${values[0]}, at ${times.join(' and ')}: possibly a stale figure restated, not a measured standstill`
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
 * Where sources disagree or may mislead: DISAGREEING_VALUES groups (same metric, same year or
 * period, same scope, different values; the same metric at different dates is a series, not
 * a conflict), REPEATED_UNCHANGED groups (one value of a metric at different dates, see
 * repeatedUnchanged) and FLAGGED_AMBIGUITY groups (see FLAG_WORDS). A flagged group that a
 * disagreement group already holds entirely is not repeated: its notes travel with the
 * disagreement.
 */
export function conflicts(
  snapshot: Snapshot,
  options: { asOf?: string; resolve?: ConflictResolution } = {},
): readonly ConflictGroup[] {
  const asOf = parseAsOf(options.asOf);
  const strategy = options.resolve ?? 'ALL';
  // The answer depends on the snapshot and these two arguments only: computed once per snapshot.
  let cache = conflictsBySnapshot.get(snapshot);
  if (!cache) {
    cache = new Lru(CONFLICT_ANSWERS_KEPT);
    conflictsBySnapshot.set(snapshot, cache);
  }
  const key = `${options.asOf ?? ''}\u0000${strategy}`;
  let groups = cache.get(key);
  if (!groups) {
    groups = computeConflicts(snapshot, asOf, strategy);
    cache.set(key, groups);
  }
  return groups;
}

/** Answers kept per snapshot: one per (asOf, resolve) asked, the least recently used dropped. */
const CONFLICT_ANSWERS_KEPT = 32;
const conflictsBySnapshot = new WeakMap<Snapshot, Lru<readonly ConflictGroup[]>>();

function computeConflicts(
  snapshot: Snapshot,
  asOf: ReturnType<typeof parseAsOf>,
  strategy: ConflictResolution,
): ConflictGroup[] {
  const { kept } = consider(snapshot, asOf);
  const byId = new Map(kept.map((c) => [c.entity.id, c]));
  const disagreements = disagreeing(kept);
  // Disagreement groups partition what they hold (one key per outcome), so a flagged group is
  // held entirely by one exactly when all its members are in the same one.
  const groupOf = new Map<Considered, number>();
  for (const [i, d] of disagreements.entries()) for (const c of d) groupOf.set(c, i);
  const covered = (g: readonly Considered[]) => {
    const i = g[0] === undefined ? undefined : groupOf.get(g[0]);
    return i !== undefined && g.every((c) => groupOf.get(c) === i);
  };
  const flagged = flaggedGroups(kept, byId).filter((g) => !covered(g));
  return [
    ...disagreements.map((g) => describeGroup('DISAGREEING_VALUES', g, strategy)),
    ...repeatedUnchanged(kept).map((g) => describeGroup('REPEATED_UNCHANGED', g, strategy)),
    ...flagged.map((g) => describeGroup('FLAGGED_AMBIGUITY', g, strategy)),
  ].sort((a, b) => a.kind.localeCompare(b.kind) || (a.outcomes[0] ?? '').localeCompare(b.outcomes[0] ?? ''));
}

/** The series of one metric with its points marked by the conflict groups they belong to. */
export function seriesWithConflicts(snapshot: Snapshot, metric: string, options: { asOf?: string } = {}): MetricSeries {
  const groups = conflicts(snapshot, { asOf: options.asOf }).filter((g) => g.metrics.includes(metric));
  return metricSeries(snapshot, metric, { ...options, groups });
}
