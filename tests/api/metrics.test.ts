/** Metrics over time and disagreements between sources, through yoga on the bundled graph-data. */
import { describe, expect, it } from 'vitest';
import { errorCodes, execute, query } from '../helpers/graphql.js';

const GUANGMING = 'source/guangming-2022-07-26-safe-china';
const DEMO_CITY = 'source/demonstration-city-2023-05-20';
const PPS_2024 = 'source/pps-daily-2024-reform-innovation';

const SERIES = `
  query Series($metric: String!, $asOf: String) {
    metricSeries(metric: $metric, asOf: $asOf) {
      metric unit units missingYears excludedForUnknownPublication excludedAsPublishedLater
      asOf { text }
      points {
        date { text precision } value unit direction isBaseline
        change { from { text } fromValue absolute relative percentagePoints }
        changes { from { text } fromValue absolute relative percentagePoints }
        conflicts changeWithheld
        sources { outcome { id } document { id } published { text } isBaseline }
      }
    }
  }`;

interface Source {
  outcome: { id: string };
  document: { id: string };
  published: { text: string } | null;
  isBaseline: boolean;
}
interface Change {
  from: { text: string };
  fromValue: number;
  absolute: number;
  relative: number | null;
  percentagePoints: number | null;
}
interface Point {
  date: { text: string; precision: string };
  value: number;
  unit: string | null;
  direction: string | null;
  isBaseline: boolean;
  change: Change | null;
  changes: Change[];
  conflicts: string[];
  changeWithheld: string | null;
  sources: Source[];
}
interface Group {
  kind: string;
  metric: string | null;
  metrics: string[];
  date: { text: string } | null;
  outcomes: { id: string }[];
  values: number[];
  sources: Source[];
  resolved: { id: string } | null;
  unresolvedBetween: { id: string }[];
  note: string;
  curatorNotes: string[];
}

const series = async (metric: string, asOf?: string) =>
  (await query(SERIES, { metric, asOf })).metricSeries as {
    metric: string;
    unit: string | null;
    units: string[];
    missingYears: number[];
    excludedForUnknownPublication: number;
    excludedAsPublishedLater: number;
    asOf: { text: string } | null;
    points: Point[];
  };

const CONFLICTS = `
  query Conflicts($resolve: ConflictResolution, $asOf: String) {
    conflicts(resolve: $resolve, asOf: $asOf) {
      kind metric metrics date { text } outcomes { id } values note curatorNotes
      sources { outcome { id } document { id } published { text } isBaseline }
      resolved { id } unresolvedBetween { id }
    }
  }`;

const conflictGroups = async (resolve?: string, asOf?: string) =>
  (await query(CONFLICTS, { resolve, asOf })).conflicts as Group[];

const ids = (list: { id: string }[]) => list.map((o) => o.id);
const groupWith = (groups: Group[], outcome: string, kind: string) =>
  groups.find((g) => g.kind === kind && ids(g.outcomes).includes(outcome));

describe('metrics', () => {
  it('lists the metric keys with counts, units and the years they span', async () => {
    const { metrics } = await query(`{ metrics { metric outcomeCount units firstYear lastYear baselineYears } }`);
    const byKey = new Map(metrics.map((m: { metric: string }) => [m.metric, m]));
    // 2012 is only the baseline the 2021 figure is compared with: no value is reported for it.
    expect(byKey.get('public-sense-of-security')).toEqual({
      metric: 'public-sense-of-security',
      outcomeCount: 2, // 2021 (Guangming Daily, July 2022) and 2023 (Xinhua, May 2024)
      units: ['percent'],
      firstYear: 2021,
      lastYear: 2023,
      baselineYears: [2012],
    });
    expect(byKey.get('theft-cases')).toMatchObject({ firstYear: 2021, lastYear: 2021, baselineYears: [2012] });
    expect(byKey.get('smart-security-communities-built')).toMatchObject({
      outcomeCount: 3,
      units: ['communities'],
      firstYear: 2022,
      lastYear: 2023,
    });
    expect(byKey.get('zero-incident-residential-areas')).toMatchObject({
      outcomeCount: 2,
      firstYear: 2021,
      lastYear: 2022,
    });
    // One unit per series: the loader refuses a metric in two units.
    for (const m of metrics) expect(m.units.length).toBeLessThanOrEqual(1);
    expect(byKey.get('zero-incident-residential-areas')).toMatchObject({ units: ['residential areas'] });
    const keys = metrics.map((m: { metric: string }) => m.metric);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('metricSeries', () => {
  it('gives the sense of security from 87.55% in 2012 (baseline) to 98.62% in 2021: +11.07 percentage points', async () => {
    const s = await series('public-sense-of-security');
    expect(s.unit).toBe('percent');
    expect(s.points.map((p) => [p.date.text, p.value, p.isBaseline])).toEqual([
      ['2012', 87.55, true],
      ['2021', 98.62, false],
      ['2023', 98.2, false], // the May 2024 report of the national conference on public security work
    ]);
    const [baseline, latest] = s.points;
    // The baseline point comes from the outcomes that give it: the 2021 figure and the 2023 one.
    expect(baseline?.sources).toEqual([
      {
        outcome: { id: 'outcome/public-sense-of-security-2023' },
        document: { id: 'source/2024-05-30-national-conference-public-security-work' },
        published: { text: '2024-05-30' },
        isBaseline: true,
      },
      {
        outcome: { id: 'outcome/sense-of-security-2021' },
        document: { id: GUANGMING },
        published: { text: '2022-07-26' },
        isBaseline: true,
      },
    ]);
    expect(baseline?.change).toBeNull();
    expect(latest?.change).toMatchObject({
      from: { text: '2012' },
      fromValue: 87.55,
      absolute: 11.07,
      percentagePoints: 11.07,
    });
    expect(latest?.change?.relative).toBeCloseTo(11.07 / 87.55, 9);
    expect(s.missingYears).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2022]);
  });

  it('follows smart security communities from the July 2022 report to the May 2023 post', async () => {
    const s = await series('smart-security-communities-built');
    expect(s.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2022-07', 256000],
      ['2022-07', 778000], // the garbled figure of the same sentence stays a separate point
      ['2023-05', 300000],
    ]);
    expect(s.points[0]?.sources.map((x) => [x.outcome.id, x.document.id, x.published?.text])).toEqual([
      ['outcome/smart-security-communities-2022', GUANGMING, '2022-07-26'],
    ]);
    const may2023 = s.points[2];
    expect(may2023?.sources.map((x) => [x.outcome.id, x.document.id, x.published?.text])).toEqual([
      ['outcome/intelligent-security-communities-2023', DEMO_CITY, '2023-05-20'],
    ]);
    // Two disagreeing values in July 2022: no single change, one change from each.
    expect(may2023?.change).toBeNull();
    expect(may2023?.changes.map((c) => [c.fromValue, c.absolute])).toEqual([
      [256000, 44000],
      [778000, -478000],
    ]);
    expect(may2023?.changes[0]?.relative).toBeCloseTo(44000 / 256000, 9);
    expect(may2023?.changes[0]?.percentagePoints).toBeNull(); // not a percent series
    expect(s.points[1]?.changes).toEqual([]); // same date as 256,000: a disagreement, not a change
    expect(s.missingYears).toEqual([]);
  });

  it('does not report a change of 0 for 218,000 zero-incident areas in 2021 and in 2022: one figure, two years', async () => {
    const s = await series('zero-incident-residential-areas');
    expect(s.units).toEqual(['residential areas']);
    expect(s.points.map((p) => [p.date.text, p.value, p.unit, p.sources[0]?.document.id, p.conflicts])).toEqual([
      ['2021', 218000, 'residential areas', GUANGMING, ['FLAGGED_AMBIGUITY', 'REPEATED_UNCHANGED']],
      ['2022', 218000, 'residential areas', DEMO_CITY, ['FLAGGED_AMBIGUITY', 'REPEATED_UNCHANGED']],
    ]);
    expect(s.points[1]?.change).toBeNull();
    expect(s.points[1]?.changes).toEqual([]);
    expect(s.points[1]?.changeWithheld).toMatch(
      /^no change computed from 2021 to 2022: both values belong to one conflict group/,
    );
    expect(s.points[0]?.changeWithheld).toBeNull();
    const groups = await conflictGroups();
    expect(
      groups.filter((g) => g.kind === 'DISAGREEING_VALUES' && g.metric === 'zero-incident-residential-areas'),
    ).toEqual([]);
  });

  it('lists figures repeated unchanged at different dates as possibly stale, and withholds their change', async () => {
    const groups = (await conflictGroups()).filter((g) => g.kind === 'REPEATED_UNCHANGED');
    expect(groups.map((g) => [g.metric, g.values, ids(g.outcomes)])).toEqual([
      [
        'public-security-checkpoints-built',
        [5026],
        ['outcome/public-security-checkpoints-2022', 'outcome/public-security-checkpoints-2023'],
      ],
      // Sky Net 2020's Red Notice returnees: 28 by November (January 2021 report), 28 for the year
      // (February 2021 report).
      [
        'sky-net-red-notice-fugitives-returned-yearly',
        [28],
        [
          'outcome/sky-net-red-notice-fugitives-returned-yearly-2020',
          'outcome/sky-net-red-notice-fugitives-returned-yearly-2020-01-11',
        ],
      ],
      [
        'street-police-stations-built',
        [21000],
        ['outcome/street-police-stations-2022', 'outcome/street-police-stations-2023'],
      ],
      [
        'zero-incident-residential-areas',
        [218000],
        ['outcome/zero-incident-communities-2021', 'outcome/zero-incident-residential-areas-2022'],
      ],
    ]);
    expect(groups[0]?.note).toMatch(/possibly a stale figure restated/);
    const stations = await series('street-police-stations-built');
    expect(stations.points.map((p) => [p.date.text, p.change, p.conflicts])).toEqual([
      ['2022-07', null, ['REPEATED_UNCHANGED']],
      ['2023-05', null, ['REPEATED_UNCHANGED']],
    ]);
    expect(stations.points[1]?.changeWithheld).toMatch(/REPEATED_UNCHANGED/);
    // A series without conflicts keeps its change.
    const sense = await series('public-sense-of-security');
    expect(sense.points[1]?.change?.absolute).toBe(11.07);
    expect(sense.points.every((p) => p.conflicts.length === 0 && p.changeWithheld === null)).toBe(true);
  });

  it('marks values that are themselves changes and computes no change for them', async () => {
    const s = await series('theft-cases');
    expect(s.points.map((p) => [p.date.text, p.value, p.direction])).toEqual([
      ['2021', 62.6, 'DECREASE'],
      ['2021', 96.1, 'DECREASE'],
    ]);
    expect(s.points.every((p) => p.change === null && p.changes.length === 0)).toBe(true);
  });

  it('merges the same value at the same time into one point with every source', async () => {
    // Both street-police-station totals are 21,000 but at different months: two points.
    const s = await series('street-police-stations-built');
    expect(s.points.map((p) => [p.date.text, p.value, p.sources.length])).toEqual([
      ['2022-07', 21000, 1],
      ['2023-05', 21000, 1],
    ]);
  });

  it('answers "what was known by the end of 2022": the 2023 and 2024 documents drop out', async () => {
    const s = await series('smart-security-communities-built', '2022');
    expect(s.asOf).toEqual({ text: '2022' });
    expect(s.points.map((p) => p.value)).toEqual([256000, 778000]);
    expect(s.excludedAsPublishedLater).toBe(1);
    expect(s.excludedForUnknownPublication).toBe(0);
    const all = s.points.flatMap((p) => p.sources.map((x) => x.document.id));
    expect(all).not.toContain(DEMO_CITY);

    const zero = await series('zero-incident-residential-areas', '2022-12-31');
    expect(zero.points.map((p) => p.date.text)).toEqual(['2021']);

    const pps = await series('cross-provincial-hukou-migration-handled', '2022');
    expect(pps.points).toEqual([]);
    expect(pps.excludedAsPublishedLater).toBe(1);
    const later = await series('cross-provincial-hukou-migration-handled', '2024-03');
    expect(later.points[0]?.sources[0]?.document.id).toBe(PPS_2024);
  });

  it('counts a document as known only once its whole publication date has passed', async () => {
    // Guangming is dated 2022-07-26: known "as of 2022-07" (the whole month), not as of the 25th.
    expect((await series('public-sense-of-security', '2022-07')).points).toHaveLength(2);
    expect((await series('public-sense-of-security', '2022-07-25')).points).toHaveLength(0);
  });

  it('is reachable from an outcome', async () => {
    const data = await query(`{
      entity(id: "outcome/intelligent-security-communities-2023") {
        ... on Outcome { series { metric points { value } } }
      }
    }`);
    expect(data.entity.series).toEqual({
      metric: 'smart-security-communities-built',
      points: [{ value: 256000 }, { value: 778000 }, { value: 300000 }],
    });
  });

  it('refuses an unknown metric with NOT_FOUND and suggestions, and a bad asOf with BAD_USER_INPUT', async () => {
    const unknown = await execute(SERIES, { metric: 'sense-of-security' });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(unknown.errors?.[0]?.message).toContain('public-sense-of-security');
    expect(unknown.errors?.[0]?.extensions?.suggestions).toContain('public-sense-of-security');

    for (const asOf of ['end of 2022', '2022-13', '2022-02-30']) {
      const bad = await execute(SERIES, { metric: 'public-sense-of-security', asOf });
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors?.[0]?.extensions?.argument).toBe('asOf');
    }
    const badConflicts = await execute(CONFLICTS, { asOf: '22' });
    expect(errorCodes(badConflicts)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('conflicts', () => {
  it('groups different values for one metric at one time, with their sources', async () => {
    const groups = await conflictGroups();
    const disagreeing = groups.filter((g) => g.kind === 'DISAGREEING_VALUES');
    expect(disagreeing.map((g) => [g.metric, g.date?.text, ids(g.outcomes), g.values])).toEqual([
      // Kunlun 2021 to the end of June: the July 29 press conference against Xinhua's August report.
      [
        'food-drug-ip-crime-cases-solved',
        '2021-06',
        [
          'outcome/food-drug-ip-crime-cases-solved-2021-04-06',
          'outcome/food-drug-ip-crime-cases-solved-2021-04-06-xinhua-08',
        ],
        [20000, 23000],
      ],
      [
        'food-drug-ip-crime-suspects-arrested',
        '2021-06',
        [
          'outcome/food-drug-ip-crime-suspects-arrested-2021-04-06',
          'outcome/food-drug-ip-crime-suspects-arrested-2021-04-06-xinhua-08',
        ],
        [36000, 42000],
      ],
      [
        'smart-security-communities-built',
        '2022-07',
        ['outcome/smart-security-communities-2022', 'outcome/smart-security-communities-778000-2022'],
        [256000, 778000],
      ],
      // Two reposts of the Ministry's January 2024 report: 390,000 (garbled) against 391,000.
      [
        'telecom-fraud-cases-solved',
        '2023-11',
        ['outcome/telecom-fraud-cases-solved-2023-01-11', 'outcome/telecom-fraud-cases-solved-2023-01-11-cctv'],
        [390000, 391000],
      ],
      [
        'telecom-fraud-suspects-arrested',
        '2023-11',
        ['outcome/telecom-fraud-suspects-arrested-2023', 'outcome/telecom-fraud-suspects-arrested-2023-cctv'],
        [79000, 790000],
      ],
      [
        'theft-cases',
        '2021',
        ['outcome/theft-cases-decrease-2021-62-6', 'outcome/theft-cases-decrease-2021-96-1'],
        [62.6, 96.1],
      ],
    ]);
    const ssc = disagreeing[2];
    expect(ssc?.sources.map((x) => [x.document.id, x.published?.text])).toEqual([
      [GUANGMING, '2022-07-26'],
      [GUANGMING, '2022-07-26'],
    ]);
    expect(ssc?.curatorNotes.some((n) => n.includes('Garbled'))).toBe(true);
    // No series of different dates is reported as a conflict.
    for (const g of disagreeing) expect(g.date).not.toBeNull();
  });

  it('groups figures a curator note flags, such as the 96.1% given for two metrics', async () => {
    const groups = await conflictGroups();
    const sameFigure = groupWith(groups, 'outcome/two-robberies-cases-decrease-2021', 'FLAGGED_AMBIGUITY');
    expect(sameFigure).toMatchObject({ metric: null, metrics: ['theft-cases', 'two-robberies-cases'] });
    expect(ids(sameFigure?.outcomes ?? [])).toEqual([
      'outcome/theft-cases-decrease-2021-62-6',
      'outcome/theft-cases-decrease-2021-96-1',
      'outcome/two-robberies-cases-decrease-2021',
    ]);
    expect(sameFigure?.values).toEqual([62.6, 96.1]);

    // One figure for two years: flagged by its note, though the series itself is no conflict.
    const zero = groupWith(groups, 'outcome/zero-incident-communities-2021', 'FLAGGED_AMBIGUITY');
    expect(ids(zero?.outcomes ?? [])).toEqual([
      'outcome/zero-incident-communities-2021',
      'outcome/zero-incident-residential-areas-2022',
    ]);
    expect(zero?.date).toBeNull();

    // A note that only says a cumulative total was restated later flags nothing (the repetition
    // itself is a REPEATED_UNCHANGED group).
    expect(groupWith(groups, 'outcome/street-police-stations-2022', 'FLAGGED_AMBIGUITY')).toBeUndefined();
    // "unclear" whether a qualifier applies: flagged on its own.
    expect(groupWith(groups, 'outcome/advanced-law-enforcement-qualification-2022', 'FLAGGED_AMBIGUITY')).toBeDefined();
    // Both garbled smart-community figures are already one disagreement: not repeated as a flag.
    expect(groupWith(groups, 'outcome/smart-security-communities-778000-2022', 'FLAGGED_AMBIGUITY')).toBeUndefined();
  });

  it('makes no pick with ALL and lists every outcome instead', async () => {
    for (const g of await conflictGroups('ALL')) {
      expect(g.resolved).toBeNull();
      expect(ids(g.unresolvedBetween)).toEqual(ids(g.outcomes));
    }
  });

  it('picks by publication date, and does not break a tie', async () => {
    const latest = await conflictGroups('LATEST_PUBLISHED');
    const earliest = await conflictGroups('EARLIEST_PUBLISHED');
    const zeroLatest = groupWith(latest, 'outcome/zero-incident-communities-2021', 'FLAGGED_AMBIGUITY');
    const zeroEarliest = groupWith(earliest, 'outcome/zero-incident-communities-2021', 'FLAGGED_AMBIGUITY');
    expect(zeroLatest?.resolved).toEqual({ id: 'outcome/zero-incident-residential-areas-2022' }); // May 2023 post
    expect(zeroEarliest?.resolved).toEqual({ id: 'outcome/zero-incident-communities-2021' }); // July 2022 report
    expect(zeroLatest?.unresolvedBetween).toEqual([]);
    // Both smart-community figures come from one document: the date cannot choose.
    const ssc = groupWith(latest, 'outcome/smart-security-communities-2022', 'DISAGREEING_VALUES');
    expect(ssc?.resolved).toBeNull();
    expect(ids(ssc?.unresolvedBetween ?? [])).toHaveLength(2);
  });

  it('picks the highest or the lowest value', async () => {
    const highest = await conflictGroups('HIGHEST');
    const lowest = await conflictGroups('LOWEST');
    const pick = (groups: Group[], outcome: string, kind = 'DISAGREEING_VALUES') =>
      groupWith(groups, outcome, kind)?.resolved?.id ?? null;
    expect(pick(highest, 'outcome/smart-security-communities-2022')).toBe(
      'outcome/smart-security-communities-778000-2022',
    );
    expect(pick(lowest, 'outcome/smart-security-communities-2022')).toBe('outcome/smart-security-communities-2022');
    expect(pick(highest, 'outcome/theft-cases-decrease-2021-62-6')).toBe('outcome/theft-cases-decrease-2021-96-1');
    expect(pick(lowest, 'outcome/theft-cases-decrease-2021-62-6')).toBe('outcome/theft-cases-decrease-2021-62-6');
    // 96.1% twice (two robberies and theft): the highest is a tie.
    const tie = groupWith(highest, 'outcome/two-robberies-cases-decrease-2021', 'FLAGGED_AMBIGUITY');
    expect(tie?.resolved).toBeNull();
    expect(ids(tie?.unresolvedBetween ?? [])).toEqual([
      'outcome/theft-cases-decrease-2021-96-1',
      'outcome/two-robberies-cases-decrease-2021',
    ]);
  });

  it('answers as of the end of 2022 without the 2023 and 2024 documents', async () => {
    const groups = await conflictGroups('ALL', '2022');
    const documents = new Set(groups.flatMap((g) => g.sources.map((x) => x.document.id)));
    // Guangming Daily's garbled figures, and the flagged ones of reports published by 2022.
    expect([...documents].sort()).toEqual(
      [
        'source/2015-04-16-hundred-cities-anti-drug-war',
        'source/2017-03-25-sky-net-2014-2016',
        'source/2017-04-21-telecom-fraud-2016',
        'source/2021-01-20-sky-net-2020-january-november',
        'source/2021-02-25-sky-net-2021-relaunched',
        'source/2021-07-30-kunlun-2021-first-half',
        'source/2021-08-26-telecom-fraud-january-july',
        'source/2022-04-telecom-fraud-nine-month-decline',
        'source/2022-08-17-telecom-fraud-decline-14-months',
        GUANGMING,
      ].sort(),
    );
    // The 2022 figure of zero-incident areas is not known yet, so its "same figure" flag lapses.
    expect(groups.some((g) => ids(g.outcomes).includes('outcome/zero-incident-communities-2021'))).toBe(false);
    expect(groups.filter((g) => g.kind === 'DISAGREEING_VALUES')).toHaveLength(4);
  });
});
