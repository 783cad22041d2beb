/**
 * Analyst questions that no single source answers: each needs two or more of the bundled
 * documents (a metric's series across years from different reports, a campaign reported twice,
 * two reposts of one report that disagree, a person or bureau met in several texts). Asked as
 * real GraphQL operations against the bundled data; the expected figures were read from the
 * texts in graph-data/documents/.
 */
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/graphql.js';

interface Point {
  date: { text: string };
  value: number;
  unit: string | null;
  direction: string | null;
  isBaseline: boolean;
  change: { absolute: number; percentagePoints: number | null } | null;
  sources: { outcome: { id: string }; document: { id: string } }[];
}
interface Group {
  kind: string;
  metric: string | null;
  date: { text: string } | null;
  outcomes: { id: string }[];
  values: number[];
  sources: { outcome: { id: string }; document: { id: string }; published: { text: string } | null }[];
  resolved: { id: string } | null;
}
interface Rel {
  id: string;
  type: string;
  sourceId: string;
  targetId: string;
  role: string | null;
  date: { text: string } | null;
  evidence: { quote: string; document: { id: string } }[];
}

const SERIES = `query S($metric: String!, $asOf: String) {
  metricSeries(metric: $metric, asOf: $asOf) {
    unit excludedAsPublishedLater
    points {
      date { text } value unit direction isBaseline
      change { absolute percentagePoints }
      sources { outcome { id } document { id } }
    }
  }
}`;
const CONFLICTS = `query C($resolve: ConflictResolution) {
  conflicts(resolve: $resolve) {
    kind metric date { text } outcomes { id } values resolved { id }
    sources { outcome { id } document { id } published { text } }
  }
}`;
const REL = 'id type sourceId targetId role date { text } evidence { quote document { id } }';

const series = async (metric: string, asOf?: string) =>
  (await query(SERIES, { metric, asOf })).metricSeries as {
    unit: string;
    excludedAsPublishedLater: number;
    points: Point[];
  };
/** The points that carry counts (not the year-on-year percentages reported beside them). */
const levels = (points: Point[], unit: string) => points.filter((p) => p.unit === unit && !p.direction);
const documentsOf = (points: Point[]) => new Set(points.flatMap((p) => p.sources.map((s) => s.document.id)));
const rels = (conn: { edges: { node: Rel }[] }): Rel[] => conn.edges.map((e) => e.node);
const relationsOf = async (id: string, direction: string, types: string[]) =>
  rels(
    (
      await query(
        `query R($id: ID!) { entity(id: $id) { relations(direction: ${direction}, types: [${types.join(', ')}]) { edges { node { ${REL} } } } } }`,
        {
          id,
        },
      )
    ).entity.relations,
  );
const documentsOfEntity = async (id: string): Promise<string[]> =>
  (await query(`query D($id: ID!) { entity(id: $id) { documents { id } } }`, { id })).entity.documents.map(
    (d: { id: string }) => d.id,
  );
const conflictGroups = async (resolve?: string) => (await query(CONFLICTS, { resolve })).conflicts as Group[];
const groupOf = (groups: Group[], outcome: string) =>
  groups.find((g) => g.kind === 'DISAGREEING_VALUES' && g.outcomes.some((o) => o.id === outcome));

const SRC = (id: string) => `source/${id}`;

describe('telecom fraud: one series from nine reports, 2016 to 2023', () => {
  it('how many telecom fraud cases were solved, report by report?', async () => {
    const s = await series('telecom-fraud-cases-solved');
    const cases = levels(s.points, 'cases');
    expect(cases.map((p) => [p.date.text, p.value])).toEqual([
      ['2016', 83000],
      ['2019', 200000],
      ['2021-05', 114000],
      ['2021-07', 185000],
      ['2022-04', 394000],
      ['2022-07', 594000],
      ['2023-11', 390000],
      ['2023-11', 391000],
    ]);
    expect(documentsOf(cases)).toEqual(
      new Set(
        [
          '2017-04-21-telecom-fraud-2016',
          '2020-04-15-cloud-sword-2020-fraud-crackdown',
          '2021-06-17-telecom-fraud-january-may',
          '2021-08-26-telecom-fraud-january-july',
          '2022-04-telecom-fraud-nine-month-decline',
          '2022-08-17-telecom-fraud-decline-14-months',
          '2024-01-31-telecom-fraud-2023-anti-fraud-law',
          '2024-09-telecom-fraud-391000-cases-2023',
        ].map(SRC),
      ),
    );
  });

  it('by how much did solved cases grow year on year, in the reports that say so?', async () => {
    // Change figures are a series of their own (one unit per series): percent, year on year.
    const s = await series('telecom-fraud-cases-solved-change');
    const changes = s.points.filter((p) => p.direction === 'INCREASE');
    expect(changes.map((p) => [p.date.text, p.value])).toEqual([
      ['2016', 49.6],
      ['2019', 52.7],
      ['2021-05', 60.4],
      ['2022-04', 28.5],
    ]);
    expect(documentsOf(changes).size).toBe(4);
  });

  it('how many suspects were caught: 19,345 in 2016 (procuratorate) up to 790,000 in 2023?', async () => {
    const s = await series('telecom-fraud-suspects-arrested');
    expect(levels(s.points, 'people').map((p) => [p.date.text, p.value])).toEqual([
      ['2016', 19345],
      ['2019', 160000],
      ['2021-05', 154000],
      ['2021-07', 247000],
      ['2021-11', 549000],
      ['2022-04', 634000],
      ['2023-11', 79000],
      ['2023-11', 790000],
    ]);
    expect(documentsOf(levels(s.points, 'people')).size).toBe(8);
  });

  it('what could an analyst have known at the end of 2021? Later reports stay out', async () => {
    const s = await series('telecom-fraud-cases-solved', '2021-12-31');
    expect(levels(s.points, 'cases').map((p) => p.value)).toEqual([83000, 200000, 114000, 185000]);
    expect(s.excludedAsPublishedLater).toBe(4); // the later level figures (the 2022 change figure is in the -change series)
  });

  it('for how many months had reported cases fallen: 9 by April 2022, 14 by August 2022', async () => {
    const s = await series('telecom-fraud-cases-consecutive-monthly-declines');
    expect(s.points.map((p) => [p.date.text, p.value, p.sources[0]?.document.id])).toEqual([
      ['2022-02', 9, SRC('2022-04-telecom-fraud-nine-month-decline')],
      ['2022-07', 14, SRC('2022-08-17-telecom-fraud-decline-14-months')],
    ]);
    expect(s.points[1]?.change?.absolute).toBe(5);
  });

  it('how much money, calls and people did interception save, January-November 2021 against April 2021-July 2022?', async () => {
    const funds = await series('fraud-funds-intercepted');
    expect(funds.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2021-11', 326500000000],
      ['2022-07', 551800000000],
    ]);
    const calls = await series('fraud-calls-intercepted');
    expect(calls.points.map((p) => p.value)).toEqual([1550000000, 2810000000]);
    const people = await series('people-kept-from-being-defrauded');
    expect(people.points.map((p) => p.value)).toEqual([23370000, 109000000]);
    expect(documentsOf([...funds.points, ...calls.points, ...people.points])).toEqual(
      new Set([SRC('2021-12-31-telecom-fraud-drop-june-november'), SRC('2022-08-17-telecom-fraud-decline-14-months')]),
    );
  });
});

describe('two reposts of one Ministry report disagree (January-November 2023)', () => {
  it('were 390,000 or 391,000 cases solved? The conflict lists both sources', async () => {
    const group = groupOf(await conflictGroups(), 'outcome/telecom-fraud-cases-solved-2023-01-11-cctv');
    expect(group).toBeDefined();
    expect(group?.metric).toBe('telecom-fraud-cases-solved');
    expect(group?.values).toEqual([390000, 391000]);
    expect(group?.sources.map((s) => [s.document.id, s.published?.text]).sort()).toEqual([
      [SRC('2024-01-31-telecom-fraud-2023-anti-fraud-law'), '2024-01-31'],
      [SRC('2024-09-telecom-fraud-391000-cases-2023'), '2024-09'],
    ]);
  });

  it('79,000 or 790,000 suspects? Latest-published resolves to the later repost; the other stays listed', async () => {
    const groups = await conflictGroups('LATEST_PUBLISHED');
    const group = groupOf(groups, 'outcome/telecom-fraud-suspects-arrested-2023');
    expect(group?.values).toEqual([79000, 790000]);
    expect(group?.resolved?.id).toBe('outcome/telecom-fraud-suspects-arrested-2023-cctv');
  });

  it('the operations behind the 2023 arrests are the same four in both reposts', async () => {
    for (const outcome of [
      'outcome/telecom-fraud-suspects-arrested-2023',
      'outcome/telecom-fraud-suspects-arrested-2023-cctv',
    ]) {
      const produced = await relationsOf(outcome, 'IN', ['PRODUCED']);
      expect(produced.map((r) => r.sourceId).sort()).toEqual([
        'campaign/broken-card',
        'campaign/broken-streams',
        'campaign/great-wall-operation',
        'campaign/nail-pulling',
      ]);
    }
  });
});

describe('operations that several reports name', () => {
  it('which reports mention the Broken card operation, and who ran it?', async () => {
    expect((await documentsOfEntity('campaign/broken-card')).sort()).toEqual(
      [
        '2022-08-17-telecom-fraud-decline-14-months',
        '2024-01-31-telecom-fraud-2023-anti-fraud-law',
        '2024-09-telecom-fraud-391000-cases-2023',
      ].map(SRC),
    );
    const into = await relationsOf('campaign/broken-card', 'IN', ['LAUNCHED', 'PARTICIPATED_IN']);
    expect(into.map((r) => [r.type, r.sourceId, r.evidence[0]?.document.id])).toEqual([
      ['LAUNCHED', 'organ/ministry-of-public-security', SRC('2024-01-31-telecom-fraud-2023-anti-fraud-law')],
      ['PARTICIPATED_IN', 'organ/national-public-security-organs', SRC('2022-08-17-telecom-fraud-decline-14-months')],
    ]);
  });

  it('Cloud Sword 2020 is one edition of the Cloud Sword operations the 2022 report names', async () => {
    const [partOf] = await relationsOf('campaign/cloud-sword-2020', 'OUT', ['PART_OF']);
    expect(partOf?.targetId).toBe('campaign/cloud-sword');
    expect(new Set(partOf?.evidence.map((e) => e.document.id))).toEqual(
      new Set([SRC('2020-04-15-cloud-sword-2020-fraud-crackdown'), SRC('2022-08-17-telecom-fraud-decline-14-months')]),
    );
  });

  it('"unfreezing national assets" scams: 11,000 suspects in 620 groups in 2019, 4,385 in 247 in the 2024 campaign', async () => {
    const suspects = await series('unfreezing-national-assets-fraud-suspects-arrested');
    expect(suspects.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2019', 11000],
      ['2024-10-25', 4385],
    ]);
    const groups = await series('unfreezing-national-assets-fraud-groups-busted');
    expect(groups.points.map((p) => p.value)).toEqual([620, 247]);
    expect(documentsOf([...suspects.points, ...groups.points])).toEqual(
      new Set([SRC('2020-04-15-cloud-sword-2020-fraud-crackdown'), SRC('2024-10-26-unfreezing-national-assets-fraud')]),
    );
    const [launched] = await relationsOf('campaign/unfreezing-national-assets-fraud-campaign-2024', 'IN', ['LAUNCHED']);
    expect(launched).toMatchObject({ sourceId: 'organ/ministry-of-public-security', date: { text: '2024-02' } });
  });
});

describe('people and bureaus met in several texts', () => {
  it('Du Hangwei: vice minister announcing Cloud Sword 2020, deputy minister giving the 2022 figures', async () => {
    expect((await documentsOfEntity('person/du-hangwei')).sort()).toEqual(
      [SRC('2020-04-15-cloud-sword-2020-fraud-crackdown'), SRC('2022-04-telecom-fraud-nine-month-decline')].sort(),
    );
    const memberOf = await relationsOf('person/du-hangwei', 'OUT', ['MEMBER_OF']);
    expect(memberOf.map((r) => [r.targetId, r.role])).toEqual([
      ['organ/ministry-of-public-security', 'vice minister of public security'],
      ['organ/ministry-of-public-security', 'deputy minister of public security'],
    ]);
    const reported = await relationsOf('person/du-hangwei', 'OUT', ['REPORTED']);
    expect(reported.map((r) => r.targetId)).toContain('campaign/cloud-sword-2020');
    expect(reported.map((r) => r.targetId)).toContain('outcome/telecom-fraud-suspects-arrested-2021-04-2022-04');
  });

  it('who in the Criminal Investigation Bureau spoke for the Ministry, in 2021 and in 2024?', async () => {
    // Its director heads it (HEADS); its deputy head is a member (MEMBER_OF).
    const members = await relationsOf('organ/mps-criminal-investigation-bureau', 'IN', ['MEMBER_OF', 'HEADS']);
    expect(members.map((r) => [r.sourceId, r.role, r.evidence[0]?.document.id])).toEqual([
      ['person/chen-shiqu', 'deputy head', SRC('2024-10-26-unfreezing-national-assets-fraud')],
      ['person/liu-zhongyi', 'director', SRC('2021-06-17-telecom-fraud-january-may')],
    ]);
  });

  it("Qiu Baoli heads the Public Security Administration Bureau in 2022 and, under SCIO's name for it, in 2024", async () => {
    const memberOf = await relationsOf('person/qiu-baoli', 'OUT', ['HEADS']);
    expect(memberOf.map((r) => r.targetId)).toEqual([
      'organ/mps-public-security-administration-bureau',
      'organ/mps-public-security-administration-bureau',
    ]);
    expect(new Set(memberOf.flatMap((r) => r.evidence.map((e) => e.document.id)))).toEqual(
      new Set([
        SRC('guangming-2022-07-26-safe-china'),
        SRC('2024-09-21-scio-briefing-public-security-high-quality-development'),
      ]),
    );
    const bureau = await query(`{ entity(id: "organ/mps-public-security-administration-bureau") { aliases } }`);
    expect(bureau.entity.aliases).toContain('Bureau of Public Security Management of the Ministry of Public Security');
  });

  it('at which sessions did Xi Jinping speak, across the documents?', async () => {
    const spoke = await relationsOf('person/xi-jinping', 'OUT', ['SPOKE_AT']);
    expect(spoke.map((r) => r.targetId)).toContain('session/national-public-security-work-conference-2024');
    expect(spoke.map((r) => r.targetId)).toContain('session/18th-politburo-23rd-collective-study');
    expect(new Set(spoke.flatMap((r) => r.evidence.map((e) => e.document.id))).size).toBeGreaterThanOrEqual(3);
  });

  it('China Daily reported both cross-provincial anti-trafficking operations', async () => {
    // Its name is in the text of the 2012 report and of the 2021 Sky Net byline.
    expect(await documentsOfEntity('organ/china-daily')).toEqual([
      SRC('2012-03-09-anti-trafficking-campaign-310-held'),
      SRC('2021-02-25-sky-net-2021-relaunched'),
    ]);
    const reported = await relationsOf('organ/china-daily', 'OUT', ['REPORTED']);
    expect(reported.map((r) => r.targetId)).toEqual(['outcome/human-trafficking-suspects-arrested-2012-03']);
    // The 2013 report is China Daily's by its address (recorded in the manifest), not by its text.
    const doc = await query(
      `{ document(id: "source/2013-03-10-child-trafficking-cross-provincial-action") { publisher } }`,
    );
    expect(doc.document.publisher).toBe('China Daily');
  });
});

describe('trafficking, Sky Net and hukou: series across a decade of reports', () => {
  it('how many trafficked children were freed: 5,896 by the 2009-10 crackdown, 77 and 63 in the 2012 and 2013 operations', async () => {
    const s = await series('trafficked-children-rescued');
    expect(s.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2010-09-06', 5896],
      ['2012-03-09', 77],
      ['2013-03-09', 63],
    ]);
    expect(documentsOf(s.points).size).toBe(3);
    const suspects = await series('human-trafficking-suspects-arrested');
    expect(suspects.points.map((p) => p.value)).toEqual([310, 368]);
  });

  it('how big were the two cross-provincial operations: >7,000 police in 14 provinces, >6,000 in 20 regions', async () => {
    const police = await series('anti-trafficking-operation-police-deployed');
    expect(police.points.map((p) => p.value)).toEqual([7000, 6000]);
    const provinces = await series('anti-trafficking-operation-provinces');
    expect(provinces.points.map((p) => p.value)).toEqual([14, 20]);
    // The Ministry launched one and coordinated (led) the other.
    expect((await relationsOf('campaign/anti-trafficking-operation-2012-03', 'IN', ['LAUNCHED']))[0]?.sourceId).toBe(
      'organ/ministry-of-public-security',
    );
    expect((await relationsOf('campaign/anti-trafficking-operation-2013-03', 'IN', ['LEADS']))[0]).toMatchObject({
      sourceId: 'organ/ministry-of-public-security',
      role: 'coordinated the actions',
    });
  });

  it('Sky Net: 2,566 fugitives by 2016, 8,363 by October 2020; funds from 8.6 to 20.8 billion yuan', async () => {
    const fugitives = await series('sky-net-fugitives-captured');
    expect(fugitives.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2016', 2566],
      ['2020-10', 8363],
    ]);
    const funds = await series('sky-net-funds-recovered');
    expect(funds.points.map((p) => p.value)).toEqual([8600000000, 20800000000]);
    expect(documentsOf([...fugitives.points, ...funds.points])).toEqual(
      new Set([SRC('2017-03-25-sky-net-2014-2016'), SRC('2020-12-14-sky-net-fugitives-repatriated')]),
    );
  });

  it('how many of the 100 most-wanted had come back: 39 by March 2017, 60 by October 2020', async () => {
    const s = await series('most-wanted-fugitives-returned');
    expect(s.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2017-03-25', 39],
      ['2020-10', 60],
    ]);
    expect(s.points[1]?.change?.absolute).toBe(21);
  });

  it('who deployed Sky Net, and what is Fox Hunt to it? Each answer comes from a different report', async () => {
    const [launched] = await relationsOf('campaign/sky-net', 'IN', ['LAUNCHED']);
    expect(launched).toMatchObject({
      sourceId: 'organ/central-anti-corruption-coordination-group',
      date: { text: '2015-04' },
    });
    expect(launched?.evidence[0]?.document.id).toBe(SRC('2020-12-14-sky-net-fugitives-repatriated'));
    const [part] = await relationsOf('campaign/fox-hunt', 'OUT', ['PART_OF']);
    expect(part?.targetId).toBe('campaign/sky-net');
    expect(part?.evidence[0]?.document.id).toBe(SRC('2017-03-25-sky-net-2014-2016'));
  });

  it('what share of people held urban hukou: 39.9% (2015), 41.2% (2016), 45.4% (2020)?', async () => {
    const s = await series('registered-urban-population-share');
    expect(s.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2015', 39.9],
      ['2016', 41.2],
      ['2020', 45.4],
    ]);
    expect(s.points[2]?.change?.percentagePoints).toBeCloseTo(4.2, 6);
    expect(s.points[2]?.sources[0]?.document.id).toBe(
      SRC('2021-05-10-cross-provincial-household-registration-services'),
    );
    // Both figures are credited to the household administration reform the 2024 review names.
    const produced = await relationsOf('reform/household-administration-reform', 'OUT', ['PRODUCED']);
    expect(produced.map((r) => r.targetId)).toEqual(
      expect.arrayContaining([
        'outcome/registered-urban-population-share-2016',
        'outcome/registered-urban-population-share-2020',
      ]),
    );
    expect(await documentsOfEntity('reform/household-administration-reform')).toEqual(
      expect.arrayContaining([SRC('pps-daily-2024-reform-innovation'), SRC('2017-02-09-urban-hukou-41-percent')]),
    );
  });

  it('which parts make up cross-provincial handling, from the 2021 plan and the 2024 review?', async () => {
    const parts = await relationsOf('reform/cross-provincial-general-office', 'IN', ['PART_OF']);
    expect(parts.map((r) => r.sourceId)).toEqual([
      'reform/cross-provincial-newborn-and-first-id-card-pilot-2021',
      'reform/six-hukou-services-cross-provincial-2021',
    ]);
    expect((await documentsOfEntity('reform/cross-provincial-general-office')).sort()).toEqual(
      [
        SRC('2021-05-10-cross-provincial-household-registration-services'),
        SRC('pps-daily-2024-reform-innovation'),
      ].sort(),
    );
  });

  it('the sense of security: 87.55% in 2012, 98.62% in 2021 (Guangming Daily), 98.2% in 2023 (Xinhua)', async () => {
    const s = await series('public-sense-of-security');
    expect(s.points.map((p) => [p.date.text, p.value, p.isBaseline])).toEqual([
      ['2012', 87.55, true],
      ['2021', 98.62, false],
      ['2023', 98.2, false],
    ]);
    expect(s.points[2]?.change?.percentagePoints).toBeCloseTo(-0.42, 6);
    // Both reports give the same 2012 baseline, so it is one point with two sources.
    expect(s.points[0]?.sources.map((x) => x.document.id).sort()).toEqual(
      [SRC('2024-05-30-national-conference-public-security-work'), SRC('guangming-2022-07-26-safe-china')].sort(),
    );
  });
});

describe('documents curated through the review page (issue 16, item 4)', () => {
  it('Kunlun 2021 to the end of June: 23,000 cases (press conference) or 20,000 (Xinhua a month later)?', async () => {
    const s = await series('food-drug-ip-crime-cases-solved');
    expect(s.points.map((p) => [p.date.text, p.value, p.sources[0]?.document.id])).toEqual([
      ['2021-06', 20000, SRC('2021-08-26-telecom-fraud-january-july')],
      ['2021-06', 23000, SRC('2021-07-30-kunlun-2021-first-half')],
      ['2022', 84000, SRC('2023-02-24-kunlun-2022-results')],
    ]);
    // The two June figures are one conflict group; no change is computed between them.
    const group = groupOf(await conflictGroups(), 'outcome/food-drug-ip-crime-cases-solved-2021-04-06');
    expect(group?.values).toEqual([20000, 23000]);
    expect(new Set(group?.sources.map((x) => x.document.id))).toEqual(
      new Set([SRC('2021-07-30-kunlun-2021-first-half'), SRC('2021-08-26-telecom-fraud-january-july')]),
    );
    expect(s.points.every((p) => p.change === null)).toBe(true);
  });

  it('and the suspects: 42,000 or 36,000 by June 2021, 116,000 in all of 2022', async () => {
    const s = await series('food-drug-ip-crime-suspects-arrested');
    expect(s.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2021-06', 36000],
      ['2021-06', 42000],
      ['2022', 116000],
    ]);
    // Both June figures are credited to Kunlun 2021, which is part of the Kunlun series since 2019.
    const produced = await relationsOf('campaign/kunlun-2021', 'OUT', ['PRODUCED']);
    expect(produced.map((r) => r.targetId)).toEqual(
      expect.arrayContaining([
        'outcome/food-drug-ip-crime-suspects-arrested-2021-04-06',
        'outcome/food-drug-ip-crime-suspects-arrested-2021-04-06-xinhua-08',
      ]),
    );
    const [part] = await relationsOf('campaign/kunlun-2021', 'OUT', ['PART_OF']);
    expect(part?.targetId).toBe('campaign/kunlun-special-operation');
    expect(await documentsOfEntity('campaign/kunlun-special-operation')).toEqual(
      expect.arrayContaining([SRC('2021-07-30-kunlun-2021-first-half'), SRC('2023-02-24-kunlun-2022-results')]),
    );
  });

  it('how many telecom fraud cases were cracked in June and July 2021 (July report minus May report)?', async () => {
    const s = await series('telecom-fraud-cases-solved');
    const july = s.points.find((p) => p.date.text === '2021-07');
    expect(july?.value).toBe(185000);
    expect(july?.change?.absolute).toBe(71000); // 185,000 − 114,000 of January to May
    expect(july?.sources[0]?.document.id).toBe(SRC('2021-08-26-telecom-fraud-january-july'));
    const may = s.points.find((p) => p.date.text === '2021-05');
    expect(may?.sources[0]?.document.id).toBe(SRC('2021-06-17-telecom-fraud-january-may'));
  });

  it('missing and abducted children found in 2021: 2,609 by July 13, over 3,000 by late August', async () => {
    const s = await series('missing-abducted-children-found');
    expect(s.points.map((p) => [p.date.text, p.value, p.sources[0]?.document.id])).toEqual([
      ['2021-07-13', 2609, SRC('2021-07-14-reunion-campaign-missing-children')],
      ['2021-08', 3000, SRC('2021-08-26-telecom-fraud-january-july')],
    ]);
    expect(s.points[1]?.change?.absolute).toBe(391);
    // One campaign, named in both texts only as "a nationwide campaign launched in January".
    const produced = await relationsOf('campaign/missing-children-search-2021', 'OUT', ['PRODUCED']);
    expect(new Set(produced.flatMap((r) => r.evidence.map((e) => e.document.id)))).toEqual(
      new Set([SRC('2021-07-14-reunion-campaign-missing-children'), SRC('2021-08-26-telecom-fraud-january-july')]),
    );
  });

  it('Sky Net year by year: 1,229 by November 2020, 1,421 for 2020, 1,273 for 2021', async () => {
    const s = await series('sky-net-fugitives-returned-yearly');
    expect(s.points.map((p) => [p.date.text, p.value, p.sources[0]?.document.id])).toEqual([
      ['2020', 1421, SRC('2021-02-25-sky-net-2021-relaunched')],
      ['2020-11', 1229, SRC('2021-01-20-sky-net-2020-january-november')],
      ['2021', 1273, SRC('2022-02-25-sky-net-2021-1273-fugitives')],
    ]);
    const funds = await series('sky-net-funds-recovered-yearly');
    expect(funds.points.map((p) => [p.date.text, p.value])).toEqual([
      ['2020', 2950000000],
      ['2020-11', 2400000000],
      ['2021', 16740000000],
    ]);
    // The yearly figures stay out of the cumulative series counted since 2014.
    const cumulative = await series('sky-net-fugitives-captured');
    expect(cumulative.points.map((p) => p.value)).toEqual([2566, 8363]);
  });

  it('Sky Net 2021: who launched it, who carries it out, and what it brought back a year later', async () => {
    const [launched] = await relationsOf('campaign/sky-net-2021', 'IN', ['LAUNCHED']);
    expect(launched).toMatchObject({
      sourceId: 'organ/central-fugitive-repatriation-office',
      date: { text: '2021-02-24' },
    });
    expect(launched?.evidence[0]?.document.id).toBe(SRC('2021-02-25-sky-net-2021-relaunched'));
    const participants = await relationsOf('campaign/sky-net-2021', 'IN', ['PARTICIPATED_IN']);
    expect(participants.map((r) => r.sourceId).sort()).toEqual([
      'organ/ministry-of-public-security',
      'organ/national-supervisory-commission',
      'organ/peoples-bank-of-china',
      'organ/supreme-peoples-court',
      'organ/supreme-peoples-procuratorate',
    ]);
    const produced = await relationsOf('campaign/sky-net-2021', 'OUT', ['PRODUCED']);
    expect(produced.map((r) => r.targetId).sort()).toEqual([
      'outcome/sky-net-fugitives-returned-yearly-2021',
      'outcome/sky-net-funds-recovered-yearly-2021',
      'outcome/sky-net-red-notice-fugitives-returned-yearly-2021',
    ]);
    expect(produced.every((r) => r.evidence[0]?.document.id === SRC('2022-02-25-sky-net-2021-1273-fugitives'))).toBe(
      true,
    );
    // The office that launched it is the one the 2017 report names.
    expect(await documentsOfEntity('organ/central-fugitive-repatriation-office')).toEqual(
      expect.arrayContaining([SRC('2017-03-25-sky-net-2014-2016'), SRC('2021-02-25-sky-net-2021-relaunched')]),
    );
  });

  it('Sky Net 2020: its Red Notice returnees, 28 by November and 28 for the year, flagged as repeated', async () => {
    const produced = await relationsOf('campaign/sky-net-2020', 'OUT', ['PRODUCED']);
    expect(new Set(produced.flatMap((r) => r.evidence.map((e) => e.document.id)))).toEqual(
      new Set([SRC('2021-01-20-sky-net-2020-january-november'), SRC('2021-02-25-sky-net-2021-relaunched')]),
    );
    const repeated = (await conflictGroups()).find(
      (g) => g.kind === 'REPEATED_UNCHANGED' && g.metric === 'sky-net-red-notice-fugitives-returned-yearly',
    );
    expect(repeated?.values).toEqual([28]);
    expect(repeated?.outcomes.map((o) => o.id)).toEqual([
      'outcome/sky-net-red-notice-fugitives-returned-yearly-2020',
      'outcome/sky-net-red-notice-fugitives-returned-yearly-2020-01-11',
    ]);
  });
});
