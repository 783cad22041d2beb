/**
 * Metrics over time and disagreements between sources, as GraphQL. The series, changes and
 * conflict rules live in src/graph/metrics.ts and metric-conflicts.ts; resolvers here only turn ids into records.
 */
import {
  type ConflictGroup,
  type ConflictKind,
  type ConflictResolution,
  conflicts,
  seriesWithConflicts,
} from '../graph/metric-conflicts.js';
import {
  listMetrics,
  type MetricChange,
  type MetricPoint,
  type MetricSeries,
  type MetricSource,
  type MetricSummary,
} from '../graph/metrics.js';
import type { Snapshot } from '../graph/snapshot.js';
import type { EntityRecord } from '../model/records.js';
import { builder } from './builder.js';
import { OutcomeRef } from './entity.js';
import { ChangeDirectionEnum } from './enums.js';
import { LIMITS } from './limits.js';
import { memberWindowArgs, windowArgs, windowOf } from './paging.js';
import { DocumentRef, PartialDateRef } from './refs.js';

// Ids come from the snapshot's own outcomes and evidence, so a miss is a bug, not a client error.
function outcomeRecord(snapshot: Snapshot, id: string): EntityRecord {
  const e = snapshot.getEntity(id);
  if (!e) throw new Error(`metrics returned unknown outcome ${id}`);
  return e;
}

function documentRecord(snapshot: Snapshot, id: string) {
  const d = snapshot.getDocument(id);
  if (!d) throw new Error(`metrics returned unknown document ${id}`);
  return d;
}

const ConflictKindEnum = builder.enumType('ConflictKind', {
  description: 'Why outcomes are grouped as a conflict.',
  values: {
    DISAGREEING_VALUES: {
      description: 'Same metric, same year or period and same scope, but different values.',
    },
    REPEATED_UNCHANGED: {
      description:
        'Same metric and scope, one value, at different years or periods: possibly a stale figure restated by a later source rather than a measured standstill.',
    },
    FLAGGED_AMBIGUITY: {
      description:
        'A curator note calls the figure garbled, ambiguous, contradictory, conflicting, unclear or implausible, or says the same figure is given for another year or metric.',
    },
  } satisfies Record<ConflictKind, { description: string }>,
});

const ConflictResolutionEnum = builder.enumType('ConflictResolution', {
  description: 'How to pick one outcome of a conflict group. Ties are not broken: the pick is then null.',
  values: {
    ALL: { description: 'No pick: keep every outcome.' },
    LATEST_PUBLISHED: { description: 'The outcome from the most recently published document.' },
    EARLIEST_PUBLISHED: { description: 'The outcome from the earliest published document.' },
    HIGHEST: { description: 'The highest value.' },
    LOWEST: { description: 'The lowest value.' },
  } satisfies Record<ConflictResolution, { description: string }>,
});

const MetricSourceRef = builder.objectRef<MetricSource>('MetricSource').implement({
  description: 'An outcome and one document it is quoted from.',
  fields: (t) => ({
    outcome: t.field({
      type: OutcomeRef,
      nullable: false,
      resolve: (s, _a, { snapshot }) => outcomeRecord(snapshot, s.outcome),
    }),
    document: t.field({
      type: DocumentRef,
      nullable: false,
      resolve: (s, _a, { snapshot }) => documentRecord(snapshot, s.document),
    }),
    published: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When the document was published; null when it does not say.',
      resolve: (s) => s.published,
    }),
    isBaseline: t.exposeBoolean('isBaseline', {
      nullable: false,
      description: 'True when the outcome gives this value as its baseline (the earlier point it compares with).',
    }),
  }),
});

const MetricChangeRef = builder.objectRef<MetricChange>('MetricChange').implement({
  description: 'The change from an earlier point of a series to this one.',
  fields: (t) => ({
    from: t.field({ type: PartialDateRef, nullable: false, resolve: (c) => c.from }),
    fromValue: t.exposeFloat('fromValue', { nullable: false }),
    absolute: t.exposeFloat('absolute', { nullable: false, description: 'This value minus the earlier one.' }),
    relative: t.exposeFloat('relative', {
      nullable: true,
      description: 'The absolute change as a fraction of the earlier value (0.1 = 10%); null when that is 0.',
    }),
    percentagePoints: t.exposeFloat('percentagePoints', {
      nullable: true,
      description: 'For values in percent: the change in percentage points; null for other units.',
    }),
  }),
});

const MetricPointRef = builder.objectRef<MetricPoint>('MetricPoint').implement({
  description: 'A value of a metric at one time, with every outcome and document that gives it.',
  fields: (t) => ({
    date: t.field({
      type: PartialDateRef,
      nullable: false,
      description: "The outcome's year, else its period's end, else its period's start; or a baseline's year.",
      resolve: (p) => p.date,
    }),
    value: t.exposeFloat('value', { nullable: false }),
    unit: t.exposeString('unit', { nullable: true }),
    direction: t.field({
      type: ChangeDirectionEnum,
      nullable: true,
      description: 'Set when the value is itself a change against a baseline ("dropped by 96.1%"), not a level.',
      resolve: (p) => p.direction,
    }),
    isBaseline: t.exposeBoolean('isBaseline', {
      nullable: false,
      description: 'True when every source gives the value only as a baseline.',
    }),
    change: t.field({
      type: MetricChangeRef,
      nullable: true,
      description:
        'Change from the level at the previous date. Null for the first point, for change values, when the previous date holds several disagreeing levels (see changes), and when the two values belong to one conflict group (see changeWithheld).',
      resolve: (p) => p.change,
    }),
    changes: t.field({
      type: [MetricChangeRef],
      nullable: false,
      description: 'Change from each level at the previous date: more than one when the sources disagree there.',
      resolve: (p) => p.changes,
    }),
    conflicts: t.field({
      type: [ConflictKindEnum],
      nullable: false,
      description: 'Kinds of the conflict groups an outcome giving this value belongs to (empty: none).',
      resolve: (p) => p.conflicts,
    }),
    changeWithheld: t.exposeString('changeWithheld', {
      nullable: true,
      description:
        'Why no change is given from the previous date although it holds a level: the two values belong to one conflict group. Null otherwise.',
    }),
    sources: t.field({ type: [MetricSourceRef], nullable: false, resolve: (p) => p.sources }),
  }),
});

const MetricSeriesRef = builder.objectRef<MetricSeries>('MetricSeries').implement({
  description:
    'The outcomes of one metric as points in time order. Values at the same time that differ stay separate points (see conflicts).',
  fields: (t) => ({
    metric: t.exposeString('metric', { nullable: false }),
    unit: t.exposeString('unit', { nullable: true, description: 'The unit most outcomes of the series use.' }),
    units: t.exposeStringList('units', { nullable: false, description: 'Every unit the outcomes use.' }),
    asOf: t.field({ type: PartialDateRef, nullable: true, resolve: (s) => s.asOf }),
    points: t.field({ type: [MetricPointRef], nullable: false, resolve: (s) => s.points }),
    missingYears: t.exposeIntList('missingYears', {
      nullable: false,
      description: 'Years between the first and the last point with no reported value.',
    }),
    outcomesWithoutPoint: t.field({
      type: [OutcomeRef],
      nullable: false,
      description: 'Outcomes of the metric that give no point: no value, or no year or period.',
      resolve: (s, _a, { snapshot }) => s.outcomesWithoutPoint.map((id) => outcomeRecord(snapshot, id)),
    }),
    excludedForUnknownPublication: t.exposeInt('excludedForUnknownPublication', {
      nullable: false,
      description: 'With asOf: outcomes left out because their documents give no publication date.',
    }),
    excludedAsPublishedLater: t.exposeInt('excludedAsPublishedLater', {
      nullable: false,
      description: 'With asOf: outcomes left out because every document stating them was published after asOf.',
    }),
  }),
});

const MetricSummaryRef = builder.objectRef<MetricSummary>('MetricSummary').implement({
  description: 'A metric key: how many outcomes report it, in which units, over which years.',
  fields: (t) => ({
    metric: t.exposeString('metric', { nullable: false }),
    outcomeCount: t.exposeInt('outcomeCount', { nullable: false }),
    units: t.exposeStringList('units', { nullable: false }),
    firstYear: t.exposeInt('firstYear', {
      nullable: true,
      description: 'Earliest year an outcome reports a figure for (baselines aside, see baselineYears).',
    }),
    lastYear: t.exposeInt('lastYear', {
      nullable: true,
      description: 'Latest year an outcome reports a figure for (baselines aside).',
    }),
    baselineYears: t.exposeIntList('baselineYears', {
      nullable: false,
      description: 'Years that appear only as baselines a figure is compared with ("compared with 2012"), ascending.',
    }),
  }),
});

const member = LIMITS.defaultMemberListSize;
const windowed = (what: string, count: string) =>
  `${member} ${what} at a time unless \`limit\` says otherwise; ${count} says how many there are.`;

const ConflictGroupRef = builder.objectRef<ConflictGroup>('ConflictGroup').implement({
  description: 'Outcomes whose figures disagree, or whose figures a curator note flags as doubtful.',
  fields: (t) => ({
    kind: t.field({ type: ConflictKindEnum, nullable: false, resolve: (g) => g.kind }),
    metric: t.exposeString('metric', { nullable: true, description: 'Null when the group spans several metrics.' }),
    metrics: t.stringList({
      nullable: false,
      description: `The metrics the members name. ${windowed('metrics', 'metricCount')}`,
      args: memberWindowArgs,
      resolve: (g, args) => windowOf(args, g.metrics, member),
    }),
    metricCount: t.int({
      nullable: false,
      description: 'How many distinct metrics the group spans.',
      resolve: (g) => g.metrics.length,
    }),
    date: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'The time the figures describe; null when the members are at different times.',
      resolve: (g) => g.date,
    }),
    outcomes: t.field({
      type: [OutcomeRef],
      nullable: false,
      description: windowed('outcomes', 'outcomeCount'),
      args: memberWindowArgs,
      resolve: (g, args, { snapshot }) => windowOf(args, g.outcomes, member).map((id) => outcomeRecord(snapshot, id)),
    }),
    outcomeCount: t.int({
      nullable: false,
      description: 'How many outcomes the group holds.',
      resolve: (g) => g.outcomes.length,
    }),
    values: t.floatList({
      nullable: false,
      description: `The distinct values, ascending. ${windowed('values', 'valueCount')}`,
      args: memberWindowArgs,
      resolve: (g, args) => windowOf(args, g.values, member),
    }),
    valueCount: t.int({
      nullable: false,
      description: 'How many distinct values the group holds.',
      resolve: (g) => g.values.length,
    }),
    sources: t.field({
      type: [MetricSourceRef],
      nullable: false,
      description: windowed('sources', 'sourceCount'),
      args: memberWindowArgs,
      resolve: (g, args) => windowOf(args, g.sources, member),
    }),
    sourceCount: t.int({
      nullable: false,
      description: 'How many sources the group holds.',
      resolve: (g) => g.sources.length,
    }),
    resolved: t.field({
      type: OutcomeRef,
      nullable: true,
      description: 'The pick of the resolve strategy; null for ALL and when the strategy ties.',
      resolve: (g, _a, { snapshot }) => (g.resolved ? outcomeRecord(snapshot, g.resolved) : null),
    }),
    unresolvedBetween: t.field({
      type: [OutcomeRef],
      nullable: false,
      description: `The outcomes the strategy could not choose between (every outcome for ALL); empty when resolved. ${windowed('outcomes', 'unresolvedCount')}`,
      args: memberWindowArgs,
      resolve: (g, args, { snapshot }) =>
        windowOf(args, g.unresolvedBetween, member).map((id) => outcomeRecord(snapshot, id)),
    }),
    unresolvedCount: t.int({
      nullable: false,
      description: 'How many outcomes the strategy could not choose between.',
      resolve: (g) => g.unresolvedBetween.length,
    }),
    note: t.exposeString('note', { nullable: false, description: 'Why these outcomes form a group.' }),
    curatorNotes: t.stringList({
      nullable: false,
      description: windowed('notes', 'curatorNoteCount'),
      args: memberWindowArgs,
      resolve: (g, args) => windowOf(args, g.curatorNotes, member),
    }),
    curatorNoteCount: t.int({
      nullable: false,
      description: "How many curator notes the group's outcomes carry.",
      resolve: (g) => g.curatorNotes.length,
    }),
  }),
});

const asOfDescription =
  'Only what documents published by this date (YYYY, YYYY-MM or YYYY-MM-DD) state; documents without a publication date are left out.';

builder.queryFields((t) => ({
  metrics: t.field({
    type: [MetricSummaryRef],
    nullable: false,
    description: 'Every metric key of the outcomes, with counts, units and the years covered.',
    complexity: 5,
    resolve: (_r, _a, { snapshot }) => listMetrics(snapshot),
  }),
  metricSeries: t.field({
    type: MetricSeriesRef,
    // Nullable so an unknown metric does not null the rest of a multi-field query.
    nullable: true,
    description: 'One metric over time. An unknown metric is a NOT_FOUND error with suggestions.',
    args: {
      metric: t.arg.string({ required: true }),
      asOf: t.arg.string({ description: asOfDescription }),
    },
    complexity: 10,
    resolve: (_r, args, { snapshot }) => seriesWithConflicts(snapshot, args.metric, { asOf: args.asOf ?? undefined }),
  }),
  conflicts: t.field({
    type: [ConflictGroupRef],
    nullable: false,
    description: `Where sources disagree: different values for one metric at one time, and figures curator notes flag as doubtful. The same metric at different times is a series, not a conflict. ${LIMITS.defaultListSize} groups at a time unless \`limit\` says otherwise.`,
    args: {
      resolve: t.arg({ type: ConflictResolutionEnum, defaultValue: 'ALL' }),
      asOf: t.arg.string({ description: asOfDescription }),
      ...windowArgs,
    },
    complexity: 20,
    resolve: (_r, args, { snapshot }) =>
      windowOf(args, conflicts(snapshot, { resolve: args.resolve ?? 'ALL', asOf: args.asOf ?? undefined })),
  }),
}));

builder.objectField(OutcomeRef, 'series', (t) =>
  t.field({
    type: MetricSeriesRef,
    nullable: false,
    description: "The whole series of this outcome's metric.",
    complexity: 10,
    resolve: (e, _a, { snapshot }) => seriesWithConflicts(snapshot, e.outcome?.metric ?? ''),
  }),
);
