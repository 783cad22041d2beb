/**
 * Analyst questions, one to three hops, asked as real GraphQL operations against the bundled data.
 * Every expected answer was read from the source texts (graph-data/documents/*.txt), not only from
 * the YAML: the question is whether an analyst who read the documents finds what they say.
 */
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/graphql.js';

interface WithId {
  id: string;
}
interface Rel {
  type: string;
  sourceId: string;
  targetId: string;
  role: string | null;
  note: string | null;
  date: { text: string; precision: string } | null;
  evidence: { quote: string }[];
}

const ids = (list: WithId[]): string[] => list.map((e) => e.id);
const rels = (conn: { edges: { node: Rel }[] }): Rel[] => conn.edges.map((e) => e.node);

const REL = 'type sourceId targetId role note date { text precision } evidence { quote }';
const REL_LIGHT = 'type sourceId targetId date { text precision }';
const OUTCOME = `... on Outcome {
  metric value unit qualifier figure
  year { text precision } period { start { text precision } end { text precision } }
  baseline { value figure year { text precision } } direction scope { level place }
}`;

const DOC = {
  improve: 'source/improve-public-security-system',
  guangming: 'source/guangming-2022-07-26-safe-china',
  pps: 'source/pps-daily-2024-reform-innovation',
  qiushi: 'source/qiushi-2009-maintain-stability',
  demo: 'source/demonstration-city-2023-05-20',
};
const MPS = 'organ/ministry-of-public-security';

describe('"Improve Public Security System" (document 000, no publication date)', () => {
  it('which session proposed reform tasks for food and drug safety, and when?', async () => {
    const data = await query(`{
      entity(id: "reform/food-and-drug-safety-regulation") {
        name
        relations(direction: IN, types: [PROPOSED]) { totalCount edges { node { ${REL} } } }
        neighbors(direction: IN, types: [PROPOSED]) {
          id name
          ... on PlenarySession { sessionType ordinal bodyOrdinal series date { text precision } }
        }
      }
    }`);
    const e = data.entity;
    expect(e.relations.totalCount).toBe(1);
    const [proposed] = rels(e.relations);
    expect(proposed).toMatchObject({
      sourceId: 'session/18th-cc-third-plenary-session',
      date: { text: '2013', precision: 'YEAR' },
    });
    expect(proposed?.evidence[0]?.quote).toContain(
      'the Third Plenary Session of the Eighteenth CPC Central Committee, focusing on improving the public security system, proposed the reform tasks of system and mechanism in food and drug safety',
    );
    expect(e.neighbors).toEqual([
      {
        id: 'session/18th-cc-third-plenary-session',
        name: 'Third Plenary Session of the 18th Central Committee of the Communist Party of China',
        sessionType: 'PLENARY_SESSION',
        ordinal: 3,
        bodyOrdinal: 18,
        series: '18th-central-committee-plenums',
        date: { text: '2013', precision: 'YEAR' },
      },
    ]);
  });

  it('which reform tasks does the text itself list for the Third Plenary Session of the 18th Central Committee, and which are only loosely attributed?', async () => {
    // "In 2013, the Third Plenary Session ..., focusing on improving the public security system, proposed the
    // reform tasks of system and mechanism in food and drug safety, work safety, disaster prevention, mitigation
    // and relief, and social security prevention and control, etc."
    const data = await query(`{
      entity(id: "session/18th-cc-third-plenary-session") {
        relations(direction: OUT, types: [PROPOSED], first: 50) { totalCount edges { node { ${REL} } } }
      }
    }`);
    const proposed = rels(data.entity.relations);
    for (const r of proposed) expect(r.date).toEqual({ text: '2013', precision: 'YEAR' });
    const stated = proposed.filter((r) => r.note === null).map((r) => r.targetId);
    const loose = proposed.filter((r) => r.note !== null).map((r) => r.targetId);
    expect(stated.sort()).toEqual([
      'reform/disaster-prevention-and-mitigation-system',
      'reform/food-and-drug-safety-regulation',
      'reform/public-security-system',
      'reform/social-security-prevention-and-control-system',
      'reform/work-safety-management-system-reform',
    ]);
    expect(loose.sort()).toEqual([
      'reform/comprehensive-public-security-governance',
      'reform/internet-management-leadership-system',
      'reform/national-security-committee-establishment',
      'reform/national-security-system-and-strategy',
    ]);
    for (const r of proposed.filter((p) => p.note !== null)) expect(r.note).toMatch(/^Loose/);
  });

  it('on what date did the Political Bureau hold its 23rd collective study, who spoke, and what did it address?', async () => {
    const data = await query(`{
      entity(id: "session/18th-politburo-23rd-collective-study") {
        name
        ... on PlenarySession { sessionType ordinal bodyOrdinal date { text precision year month day } }
        heldBy: neighbors(direction: IN, types: [HELD]) { id }
        speakers: neighbors(direction: IN, types: [SPOKE_AT]) { id name }
        spoke: relations(direction: IN, types: [SPOKE_AT]) { edges { node { ${REL} } } }
        proposed: neighbors(direction: OUT, types: [PROPOSED]) { id }
        promoted: relations(direction: OUT, types: [PROMOTED]) { edges { node { targetId assertion } } }
      }
    }`);
    const e = data.entity;
    expect(e).toMatchObject({
      sessionType: 'COLLECTIVE_STUDY',
      ordinal: 23,
      bodyOrdinal: 18,
      date: { text: '2015-05-29', precision: 'DAY', year: 2015, month: 5, day: 29 },
    });
    expect(ids(e.heldBy)).toEqual(['organ/political-bureau']);
    expect(e.speakers).toEqual([{ id: 'person/xi-jinping', name: 'Xi Jinping' }]);
    expect(rels(e.spoke)[0]?.date).toEqual({ text: '2015-05-29', precision: 'DAY' });
    // The study was devoted to a system the 18th Congress had proposed in 2012: it promoted it.
    expect(ids(e.proposed)).toEqual([]);
    expect(rels(e.promoted)).toEqual([{ targetId: 'reform/public-security-system', assertion: 'IMPLIED_BY_CONTEXT' }]);
  });

  it('what did the 4th Plenary Session of the CPC 18th Central Committee put forward, and in which year?', async () => {
    const data = await query(`{
      search(query: "4th Plenary Session of the CPC 18th Central Committee", kinds: [PLENARY_SESSION], first: 1) {
        matchType matchedOn
        entity {
          id
          ... on PlenarySession { ordinal bodyOrdinal date { text precision } }
          relations(direction: OUT, types: [PROPOSED]) { edges { node { ${REL} } } }
        }
      }
    }`);
    const [hit] = data.search;
    expect(hit).toMatchObject({
      matchType: 'EXACT',
      matchedOn: 'ALIAS',
      entity: { id: 'session/18th-cc-fourth-plenary-session', ordinal: 4, bodyOrdinal: 18, date: { text: '2014' } },
    });
    const proposed = rels(hit.entity.relations);
    expect(proposed.map((r) => [r.targetId, r.date?.text])).toEqual([['reform/public-security-legislation', '2014']]);
    expect(proposed[0]?.evidence[0]?.quote).toContain(
      'put forward requirements for strengthening public security legislation and advancing the legalization on public security',
    );
  });

  it('what did the 18th CPC National Congress propose in 2012, with the year kept as a year (not January 1st)?', async () => {
    const data = await query(`{
      entity(id: "session/18th-national-congress") {
        ... on PlenarySession { sessionType bodyOrdinal date { text precision year month day firstDay lastDay } }
        relations(direction: OUT, types: [PROPOSED]) { edges { node { ${REL} } } }
      }
    }`);
    expect(data.entity).toMatchObject({
      sessionType: 'NATIONAL_CONGRESS',
      bodyOrdinal: 18,
      date: {
        text: '2012',
        precision: 'YEAR',
        year: 2012,
        month: null,
        day: null,
        firstDay: '2012-01-01',
        lastDay: '2012-12-31',
      },
    });
    const proposed = rels(data.entity.relations);
    expect(proposed.map((r) => [r.targetId, r.date?.text, r.date?.precision])).toEqual([
      ['reform/public-security-system', '2012', 'YEAR'],
    ]);
    expect(proposed[0]?.evidence[0]?.quote).toContain(
      'the 18th CPC National Congress proposed to strengthen the construction of the public security system',
    );
  });

  it('which measures make up the food and drug safety reform?', async () => {
    // "improving a unified and authoritative food and drug safety regulatory agency, establishing the strictest
    // supervision system covering the entire process, and establishing a food origin traceability system and a
    // quality labeling system to ensure food and drug safety"
    const data = await query(`{
      entity(id: "reform/food-and-drug-safety-regulation") {
        parts: neighbors(direction: IN, types: [PART_OF]) { id name }
        whole: neighbors(direction: OUT, types: [PART_OF]) { id }
      }
    }`);
    expect(ids(data.entity.parts)).toEqual([
      'reform/food-origin-traceability-system',
      'reform/food-quality-labeling-system',
      'reform/unified-food-and-drug-regulatory-agency',
      'reform/whole-process-food-and-drug-supervision',
    ]);
    expect(ids(data.entity.whole)).toEqual(['reform/public-security-system']);
  });

  it('which source gives no publication date, and which of the five do?', async () => {
    const data = await query(
      `{ documents { id documentId title publisher author publishedText published { text precision } } }`,
    );
    const byId = Object.fromEntries(data.documents.map((d: WithId) => [d.id, d]));
    expect(Object.keys(byId)).toEqual(expect.arrayContaining(Object.values(DOC)));
    // Of all 31 documents, only this essay has no publication date.
    expect(data.documents).toHaveLength(31);
    expect(data.documents.filter((d: { published: unknown }) => d.published === null).map((d: WithId) => d.id)).toEqual(
      [DOC.improve],
    );
    expect(byId[DOC.improve]).toMatchObject({
      title: 'Improve Public Security System',
      published: null,
      publishedText: null,
    });
    expect(byId[DOC.guangming]).toMatchObject({
      publisher: 'Guangming Daily',
      author: 'Peng Jinghui',
      published: { text: '2022-07-26', precision: 'DAY' },
    });
    expect(byId[DOC.pps]).toMatchObject({
      publisher: "People's Public Security Daily",
      author: 'Xu Ting',
      publishedText: 'Updated on 2024-03-05',
      published: { text: '2024-03-05', precision: 'DAY' },
    });
    expect(byId[DOC.qiushi].published).toEqual({ text: '2011-09-20', precision: 'DAY' });
    expect(byId[DOC.demo]).toMatchObject({
      publishedText: 'Post time: May-20-2023',
      published: { text: '2023-05-20' },
    });
  });
});

describe('Guangming Daily, "China\'s Ten Years" press conference (document 001)', () => {
  it('which outcomes did the campaign launched in 2018 report?', async () => {
    const campaigns = await query(`{
      entities(kind: CAMPAIGN, first: 40) {
        totalCount
        edges { node { id start { text precision } launched: relations(direction: IN, types: [LAUNCHED], first: 3) { edges { node { ${REL_LIGHT} } } } } }
      }
    }`);
    expect(campaigns.entities.totalCount).toBeLessThanOrEqual(40);
    const launched2018 = campaigns.entities.edges
      .map((e: { node: { id: string; launched: { edges: { node: Rel }[] } } }) => e.node)
      .filter((c: { launched: { edges: { node: Rel }[] } }) => rels(c.launched).some((r) => r.date?.text === '2018'));
    expect(ids(launched2018)).toEqual(['campaign/cleaning-the-internet']);
    expect(rels(launched2018[0].launched).map((r) => r.sourceId)).toEqual([MPS]);

    const data = await query(`{
      entity(id: "campaign/cleaning-the-internet") {
        name start { text precision }
        ... on Campaign { campaignType }
        produced: neighbors(direction: OUT, types: [PRODUCED]) { id ${OUTCOME} }
      }
    }`);
    expect(data.entity).toMatchObject({ start: { text: '2018', precision: 'YEAR' }, campaignType: 'SPECIAL_CAMPAIGN' });
    const figures = data.entity.produced.map((o: { id: string; value: number; qualifier: string; figure: string }) => [
      o.id,
      o.value,
      o.qualifier,
      o.figure,
    ]);
    expect(figures).toEqual([
      ['outcome/cleaning-the-internet-cybercrime-cases-detected', 255000, 'A_TOTAL_OF', 'a total of 255,000'],
      ['outcome/cleaning-the-internet-cybercrime-suspects-arrested', 385000, 'A_TOTAL_OF', '385,000'],
      ['outcome/cybercrime-chain-suspects-arrested-2021', 73000, 'MORE_THAN', 'more than 73,000'],
      ['outcome/cybercrime-gangs-destroyed-2021', 6000, 'MORE_THAN', 'more than 6,000'],
      ['outcome/internet-companies-administratively-penalized', 162000, 'A_TOTAL_OF', 'a total of 162,000'],
    ]);
    const cumulative = data.entity.produced.find(
      (o: WithId) => o.id === 'outcome/cleaning-the-internet-cybercrime-cases-detected',
    );
    expect(cumulative.period).toEqual({
      start: { text: '2018', precision: 'YEAR' },
      end: { text: '2022-07', precision: 'MONTH' },
    });
    const gangs = data.entity.produced.find((o: WithId) => o.id === 'outcome/cybercrime-gangs-destroyed-2021');
    expect(gangs).toMatchObject({ year: { text: '2021', precision: 'YEAR' }, period: null, unit: 'gangs' });
  });

  it('who reported the cybercrime figures, what is his position, and which ministry is his bureau part of?', async () => {
    const data = await query(`{
      entity(id: "outcome/cleaning-the-internet-cybercrime-cases-detected") {
        reporters: neighbors(direction: IN, types: [REPORTED]) {
          id name
          ... on Person { position }
          heads: relations(direction: OUT, types: [HEADS]) { edges { node { ${REL} } } }
          memberOf: neighbors(direction: OUT, types: [MEMBER_OF]) { id }
          bureau: neighbors(direction: OUT, types: [HEADS]) {
            id name
            ministry: neighbors(direction: OUT, types: [PART_OF]) { id name }
          }
        }
      }
    }`);
    const [reporter] = data.entity.reporters;
    expect(data.entity.reporters).toHaveLength(1);
    expect(reporter).toMatchObject({
      id: 'person/wang-yingwei',
      name: 'Wang Yingwei',
      position: 'director of the Cyber Security Bureau of the Ministry of Public Security',
    });
    // A director heads his bureau: HEADS, not MEMBER_OF.
    expect(rels(reporter.heads).map((r) => [r.targetId, r.role])).toEqual([
      ['organ/mps-cyber-security-bureau', 'director'],
    ]);
    expect(reporter.memberOf).toEqual([]);
    expect(reporter.bureau).toEqual([
      {
        id: 'organ/mps-cyber-security-bureau',
        name: 'Cyber Security Bureau of the Ministry of Public Security',
        ministry: [{ id: MPS, name: 'Ministry of Public Security' }],
      },
    ]);
  });

  it('what was the sense of security in 2021, its 2012 baseline, and who gave it?', async () => {
    const data = await query(`{
      entity(id: "outcome/sense-of-security-2021") {
        ${OUTCOME}
        reporters: neighbors(direction: IN, types: [REPORTED]) { id ... on Person { position } }
        evidence { quote document { id } }
      }
    }`);
    expect(data.entity).toMatchObject({
      metric: 'public-sense-of-security',
      value: 98.62,
      unit: 'percent',
      qualifier: 'EXACT',
      figure: '98.62%',
      year: { text: '2021', precision: 'YEAR' },
      baseline: { value: 87.55, figure: '87.55%', year: { text: '2012', precision: 'YEAR' } },
      direction: null,
      scope: { level: 'NATIONAL' },
    });
    expect(data.entity.reporters).toEqual([
      { id: 'person/sun-maoli', position: 'member of the Party Committee of the Ministry of Public Security' },
    ]);
    expect(data.entity.evidence.map((e: { quote: string }) => e.quote).join(' ')).toContain(
      'has risen from 87.55% in 2012 to 98.62% in 2021',
    );
  });

  it('who held the "China\'s Ten Years" press conference, on which day, and who spoke at it?', async () => {
    const data = await query(`{
      entity(id: "session/mps-china-ten-years-press-conference-2022-07-25") {
        ... on PlenarySession { sessionType date { text precision } }
        heldBy: neighbors(direction: IN, types: [HELD]) { id name }
        speakers: neighbors(direction: IN, types: [SPOKE_AT]) { id ... on Person { position } }
        documents { id published { text } }
      }
    }`);
    const e = data.entity;
    expect(e).toMatchObject({ sessionType: 'PRESS_CONFERENCE', date: { text: '2022-07-25', precision: 'DAY' } });
    expect(e.heldBy).toEqual([
      {
        id: 'organ/cpc-central-committee-propaganda-department',
        name: 'Propaganda Department of the CPC Central Committee',
      },
    ]);
    expect(e.speakers).toEqual([
      {
        id: 'person/qiu-baoli',
        position: 'director of the Public Security Administration of the Ministry of Public Security',
      },
      { id: 'person/sun-maoli', position: 'member of the Party Committee of the Ministry of Public Security' },
      {
        id: 'person/wang-yingwei',
        position: 'director of the Cyber Security Bureau of the Ministry of Public Security',
      },
    ]);
    // The conference (July 25) and the report (July 26) are kept apart.
    expect(e.documents).toEqual([{ id: DOC.guangming, published: { text: '2022-07-26' } }]);
  });

  it('which laws did the Ministry help the legislature formulate, and which body enacted them?', async () => {
    const data = await query(`{
      entity(id: "organ/ministry-of-public-security") {
        drafted: relations(direction: OUT, types: [CONTRIBUTED_TO_DRAFTING], first: 50) { edges { node { ${REL} } } }
        proposed: neighbors(direction: OUT, types: [PROPOSED], kinds: [LAW]) { id }
        enacted: neighbors(direction: OUT, types: [ENACTED]) { id }
      }
      antiTerror: search(query: "Anti-Terrorism Law", kinds: [LAW], first: 1) {
        matchedOn entity { id neighbors(direction: IN, types: [ENACTED]) { id } }
      }
      cyber: entity(id: "law/cybersecurity-law") { neighbors(direction: IN, types: [ENACTED]) { id } }
    }`);
    // "cooperated with the legislature to formulate": the Ministry took part in drafting, it neither
    // proposed nor enacted these laws.
    expect(data.entity.proposed).toEqual([]);
    // What it did enact is its own procedural regulations, which it revised.
    expect(ids(data.entity.enacted)).toEqual([
      'law/administrative-case-procedure-regulations',
      'law/criminal-case-procedure-regulations',
    ]);
    const laws = rels(data.entity.drafted);
    expect(laws.map((r) => [r.targetId, r.role])).toEqual([
      ['law/anti-terrorism-law', 'cooperated with the legislature in formulating the law'],
      ['law/cybersecurity-law', 'cooperated with the legislature in formulating the law'],
    ]);
    expect(laws[0]?.evidence[0]?.quote).toContain('the Anti-Terrorism Law and the Cybersecurity Law');
    expect(data.antiTerror[0]).toMatchObject({
      matchedOn: 'ALIAS',
      entity: { id: 'law/anti-terrorism-law', neighbors: [{ id: 'organ/npc-standing-committee' }] },
    });
    expect(ids(data.cyber.neighbors)).toEqual(['organ/npc-standing-committee']);
  });

  it('how many police officers hold basic-level and advanced law enforcement qualifications, as worded?', async () => {
    const data = await query(`{
      basic: entity(id: "outcome/basic-law-enforcement-qualification-2022") { ${OUTCOME} neighbors(direction: IN, types: [REPORTED]) { id } }
      advanced: entity(id: "outcome/advanced-law-enforcement-qualification-2022") { ${OUTCOME} neighbors(direction: IN, types: [REPORTED]) { id } }
    }`);
    // “Up to now, regarding 1.9 million police officers ... have obtained basic-level law enforcement
    // qualifications, and 60,000 people have obtained advanced law enforcement qualifications.” Sun Maoli said.
    expect(data.basic).toMatchObject({
      value: 1900000,
      unit: 'police officers',
      qualifier: 'ABOUT',
      figure: 'regarding 1.9 million',
      period: { start: null, end: { text: '2022-07', precision: 'MONTH' } },
    });
    expect(data.advanced).toMatchObject({ value: 60000, qualifier: 'EXACT', figure: '60,000' });
    expect(ids(data.basic.neighbors)).toEqual(['person/sun-maoli']);
    expect(ids(data.advanced.neighbors)).toEqual(['person/sun-maoli']);
  });

  it('which figures did Qiu Baoli list for the social security prevention and control system?', async () => {
    const data = await query(`{
      entity(id: "person/qiu-baoli") {
        reported: neighbors(direction: OUT, types: [REPORTED], kinds: [OUTCOME]) { id ${OUTCOME} }
        other: neighbors(direction: OUT, types: [REPORTED], kinds: [CAMPAIGN, REFORM]) { id }
      }
    }`);
    const figures = data.entity.reported.map((o: { id: string; value: number; figure: string }) => [
      o.id,
      o.value,
      o.figure,
    ]);
    expect(figures).toEqual([
      ['outcome/community-police-offices-2022', 136000, '136,000'],
      ['outcome/public-security-checkpoints-2022', 5026, '5,026'],
      ['outcome/smart-security-communities-2022', 256000, '256,000'],
      ['outcome/smart-security-communities-778000-2022', 778000, '778,000'],
      ['outcome/street-police-stations-2022', 21000, 'A total of 21,000'],
      ['outcome/theft-cases-decrease-2021-62-6', 62.6, '62.6%'],
      ['outcome/theft-cases-decrease-2021-96-1', 96.1, '96.1%'],
      ['outcome/two-robberies-cases-decrease-2021', 96.1, '96.1%'],
      ['outcome/zero-incident-communities-2021', 218000, '218,000'],
    ]);
    expect(ids(data.entity.other)).toEqual([
      'campaign/demonstration-city-creation',
      'reform/social-security-prevention-and-control-system',
    ]);
  });

  it('by how much did "two robberies" and theft cases fall in 2021 compared with 2012?', async () => {
    const data = await query(`{
      robberies: entity(id: "outcome/two-robberies-cases-decrease-2021") { ${OUTCOME} }
      theft: entity(id: "outcome/theft-cases-decrease-2021-62-6") { ${OUTCOME} }
    }`);
    expect(data.robberies).toMatchObject({
      metric: 'two-robberies-cases',
      value: 96.1,
      unit: 'percent',
      direction: 'DECREASE',
      year: { text: '2021' },
      baseline: { value: null, year: { text: '2012', precision: 'YEAR' } },
    });
    expect(data.theft).toMatchObject({
      metric: 'theft-cases',
      value: 62.6,
      direction: 'DECREASE',
      year: { text: '2021' },
      baseline: { year: { text: '2012' } },
    });
  });

  it('which mass prevention and control brands did Qiu Baoli name, and is "Hangzhou Volunteers" found by alias?', async () => {
    // “Chaoyang People”, “Shenyang Volunteers”, “Hangzhou Volunteers”, “Suzhou Blue Shield Volunteers”,
    // “Xiamen People” and “Shenzhen People”
    const data = await query(`{
      entity(id: "reform/social-security-prevention-and-control-system") {
        participants: neighbors(direction: IN, types: [PARTICIPATED_IN], kinds: [ORGAN]) {
          id ... on Organ { level } documents { id }
        }
      }
      search(query: "Hangzhou Volunteers", first: 1) { matchedOn matchType entity { id name } }
    }`);
    const brands = data.entity.participants.filter((o: { level: string }) => o.level === 'GRASSROOTS');
    const inGuangming = brands.filter((o: { documents: WithId[] }) => ids(o.documents).includes(DOC.guangming));
    expect(ids(inGuangming)).toEqual([
      'organ/chaoyang-people',
      'organ/hangzhou-yi-police',
      'organ/shenyang-volunteers',
      'organ/shenzhen-people',
      'organ/suzhou-blue-shield-volunteers',
      'organ/xiamen-people',
    ]);
    expect(data.search[0]).toMatchObject({
      matchedOn: 'ALIAS',
      matchType: 'EXACT',
      entity: { id: 'organ/hangzhou-yi-police', name: 'Hangzhou Yi Police' },
    });
  });
});

describe("People's Public Security Daily, reform in 2023 (document 002)", () => {
  it('which two ministries jointly issued the 2023-2025 three-year action plan, and when?', async () => {
    const data = await query(`{
      entity(id: "campaign/science-technology-police-three-year-action-plan") {
        name start { text precision } end { text precision }
        ... on Campaign { campaignType }
        issued: relations(direction: IN, types: [ISSUED]) { edges { node { ${REL} } } }
        issuers: neighbors(direction: IN, types: [ISSUED]) { id name }
      }
    }`);
    const e = data.entity;
    expect(e).toMatchObject({
      campaignType: 'ACTION_PLAN',
      start: { text: '2023', precision: 'YEAR' },
      end: { text: '2025', precision: 'YEAR' },
    });
    expect(e.issuers).toEqual([
      { id: MPS, name: 'Ministry of Public Security' },
      { id: 'organ/ministry-of-science-and-technology', name: 'Ministry of Science and Technology' },
    ]);
    for (const r of rels(e.issued)) {
      expect(r).toMatchObject({ role: 'jointly', date: { text: '2023-02', precision: 'MONTH' } });
    }
  });

  it('when was the action plan promotion meeting held, by whom, and which event followed it?', async () => {
    const data = await query(`{
      entity(id: "session/science-technology-police-action-plan-promotion-meeting-2023") {
        ... on PlenarySession { sessionType series date { text precision } }
        heldBy: neighbors(direction: IN, types: [HELD]) { id }
        followedBy: neighbors(direction: IN, types: [FOLLOWS]) {
          id start { text precision } end { text precision }
          heldBy: neighbors(direction: IN, types: [HELD]) { id }
        }
        proposed: neighbors(direction: OUT, types: [PROPOSED]) { id }
        promoted: neighbors(direction: OUT, types: [PROMOTED]) { id }
      }
    }`);
    const e = data.entity;
    expect(e).toMatchObject({ sessionType: 'MEETING', date: { text: '2023-05-15', precision: 'DAY' } });
    expect(ids(e.heldBy)).toEqual([MPS, 'organ/ministry-of-science-and-technology']);
    // The plan was issued in February; the May meeting pushed it forward, it did not propose it.
    expect(ids(e.proposed)).toEqual([]);
    expect(ids(e.promoted)).toEqual(['campaign/science-technology-police-three-year-action-plan']);
    // "From November 6 to 9 of the same year, the Ministry of Public Security held a training course ..."
    expect(e.followedBy).toEqual([
      {
        id: 'session/science-technology-police-action-plan-training-course-2023',
        start: { text: '2023-11-06', precision: 'DAY' },
        end: { text: '2023-11-09', precision: 'DAY' },
        heldBy: [{ id: MPS }],
      },
    ]);
  });

  it('what did the Ministry of Public Security issue, and when (month precision kept apart from day precision)?', async () => {
    const data = await query(`{
      entity(id: "organ/ministry-of-public-security") {
        issued: relations(direction: OUT, types: [ISSUED], first: 50) { edges { node { ${REL} } } }
      }
    }`);
    const issued = rels(data.entity.issued).map((r) => [r.targetId, r.date?.text ?? null, r.date?.precision ?? null]);
    expect(issued.sort()).toEqual(
      [
        ['campaign/police-station-work-three-year-action-plan', '2023-03', 'MONTH'],
        ['campaign/science-technology-police-three-year-action-plan', '2023-02', 'MONTH'],
        ['document/law-enforcement-detailed-rules', null, null],
        ['document/notice-science-technology-police-three-year-action-plan', '2023-02', 'MONTH'],
        ['document/on-site-law-enforcement-guidelines', null, null],
        ['reform/26-measures-high-quality-development-services', '2023-08-03', 'DAY'],
      ].sort(),
    );
  });

  it('which measures are part of the 26 measures issued on August 3, 2023?', async () => {
    const data = await query(`{
      search(query: "26 measures", kinds: [REFORM], first: 1) {
        entity {
          id date { text precision }
          parts: neighbors(direction: IN, types: [PART_OF]) { id }
          issuedBy: neighbors(direction: IN, types: [ISSUED]) { id }
        }
      }
    }`);
    const e = data.search[0].entity;
    expect(e).toMatchObject({
      id: 'reform/26-measures-high-quality-development-services',
      date: { text: '2023-08-03' },
    });
    expect(ids(e.issuedBy)).toEqual([MPS]);
    expect(ids(e.parts)).toEqual([
      'reform/administrative-licensing-list-management',
      'reform/one-window-comprehensive-service',
      'reform/port-visas-for-foreign-business-personnel',
      'reform/rural-traffic-management-licensing-facilitation',
    ]);
  });

  it('how many cross-provincial household registration migrations were handled in 2023 (the year described, not the 2024 publication), and who reported it?', async () => {
    const data = await query(`{
      entity(id: "outcome/cross-provincial-hukou-migration-2023") {
        ${OUTCOME}
        reporters: neighbors(direction: IN, types: [REPORTED]) {
          id ... on Person { position }
          neighbors(direction: OUT, types: [MEMBER_OF]) { id }
        }
        producedBy: neighbors(direction: IN, types: [PRODUCED]) { id }
        evidence { quote document { id published { text precision } } }
      }
    }`);
    const e = data.entity;
    expect(e).toMatchObject({
      value: 1730000,
      qualifier: 'MORE_THAN',
      figure: 'more than 1.73 million',
      year: { text: '2023', precision: 'YEAR' },
    });
    expect(e.evidence[0].document).toEqual({ id: DOC.pps, published: { text: '2024-03-05', precision: 'DAY' } });
    expect(e.reporters).toEqual([
      {
        id: 'person/xu-ting',
        position: "Reporter, People's Public Security Daily",
        neighbors: [{ id: 'organ/peoples-public-security-daily' }],
      },
    ]);
    expect(ids(e.producedBy)).toEqual(['reform/cross-provincial-general-office']);
  });

  it('what were the other 2023 "cross-provincial general office" figures, as worded?', async () => {
    const data = await query(`{
      entity(id: "reform/cross-provincial-general-office") {
        produced: neighbors(direction: OUT, types: [PRODUCED]) { id ${OUTCOME} }
      }
    }`);
    const figures = data.entity.produced.map((o: { id: string; value: number; qualifier: string; figure: string }) => [
      o.id,
      o.value,
      o.qualifier,
      o.figure,
    ]);
    expect(figures).toEqual([
      ['outcome/cross-provincial-first-resident-id-cards-2023', 80, 'MORE_THAN', 'more than 80'],
      ['outcome/cross-provincial-handling-savings-2023', 3800000000, 'ABOUT', 'about 3.8 billion yuan'],
      ['outcome/cross-provincial-household-registration-certificates-2023', 740000, 'MORE_THAN', 'more than 740,000'],
      ['outcome/cross-provincial-hukou-migration-2023', 1730000, 'MORE_THAN', 'more than 1.73 million'],
      ['outcome/cross-provincial-newborn-registrations-2023', 30000, 'MORE_THAN', 'more than 30,000'],
      ['outcome/cross-provincial-temporary-resident-id-cards-2023', 480000, 'MORE_THAN', 'more than 480,000'],
    ]);
    for (const o of data.entity.produced) expect(o.year).toEqual({ text: '2023', precision: 'YEAR' });
  });

  it('at which sessions did the general secretary speak, and on which days?', async () => {
    const data = await query(`{
      entity(id: "person/xi-jinping") {
        spokeAt: neighbors(direction: OUT, types: [SPOKE_AT]) { id ... on PlenarySession { date { text precision } } }
        issued: neighbors(direction: OUT, types: [ISSUED]) { id date { text precision } }
      }
    }`);
    expect(data.entity.spokeAt).toEqual([
      { id: 'session/18th-politburo-23rd-collective-study', date: { text: '2015-05-29', precision: 'DAY' } },
      { id: 'session/20th-congress-spirit-seminar-2023', date: { text: '2023-02-07', precision: 'DAY' } },
      { id: 'session/20th-deepening-reform-commission-1st-meeting', date: { text: '2023-04-21', precision: 'DAY' } },
      { id: 'session/20th-politburo-2nd-collective-study', date: { text: '2023-01-31', precision: 'DAY' } },
      // From Xinhua's May 2024 report; the conference has a start and an end (May 28-29), no single date.
      { id: 'session/national-public-security-work-conference-2024', date: null },
    ]);
    // "In January 2024, the general secretary of ** made important instructions on political and legal work."
    expect(data.entity.issued).toEqual([
      { id: 'document/xi-instructions-political-legal-work-2024-01', date: { text: '2024-01', precision: 'MONTH' } },
    ]);
  });

  it('what did the National Conference of Directors of Public Security Departments on January 8, 2023 propose?', async () => {
    // "work hard in the organizational system, police operation mechanism, smart public security construction, etc."
    const data = await query(`{
      search(query: "National Conference of Directors of Public Security Departments", first: 1) {
        entity {
          id
          ... on PlenarySession { sessionType date { text precision } }
          proposed: neighbors(direction: OUT, types: [PROPOSED]) { id }
          promoted: neighbors(direction: OUT, types: [PROMOTED]) { id }
        }
      }
    }`);
    const e = data.search[0].entity;
    expect(e).toMatchObject({
      id: 'session/national-public-security-directors-conference-2023',
      sessionType: 'WORK_CONFERENCE',
      date: { text: '2023-01-08', precision: 'DAY' },
    });
    expect(ids(e.proposed)).toEqual([
      'reform/police-operation-mechanism-innovation',
      'reform/police-system-and-mechanism-reform',
      'reform/smart-public-security-construction',
    ]);
    // "it is necessary to further promote public security reform": the new-era reform was under way.
    expect(ids(e.promoted)).toEqual(['reform/public-security-reform-new-era']);
  });

  it('which police station appears in the photo caption of January 8, 2023, and how is it nested?', async () => {
    const data = await query(`{
      entity(id: "organ/caoqiao-police-station") {
        ... on Organ { level }
        did: relations(direction: OUT, types: [PARTICIPATED_IN]) { edges { node { ${REL} } } }
        up1: neighbors(direction: OUT, types: [PART_OF]) {
          id ... on Organ { level }
          up2: neighbors(direction: OUT, types: [PART_OF]) {
            id
            up3: neighbors(direction: OUT, types: [PART_OF]) { id }
          }
        }
      }
    }`);
    const e = data.entity;
    expect(e.level).toBe('GRASSROOTS');
    expect(rels(e.did).map((r) => [r.targetId, r.date?.text])).toEqual([
      ['reform/one-window-comprehensive-service', '2023-01-08'],
    ]);
    expect(e.up1).toEqual([
      {
        id: 'organ/pinghu-city-public-security-bureau',
        level: 'COUNTY',
        up2: [{ id: 'organ/local-public-security-organs', up3: [{ id: 'organ/national-public-security-organs' }] }],
      },
    ]);
  });

  it('which local public security organs does the article name for smart public security, and what did each build?', async () => {
    const data = await query(`{
      entity(id: "reform/smart-public-security-construction") {
        direct: neighbors(direction: IN, types: [PARTICIPATED_IN], kinds: [ORGAN]) { id }
        parts: neighbors(direction: IN, types: [PART_OF]) { id promotedBy: neighbors(direction: IN, types: [PROMOTED]) { id } }
      }
      tianjin: entity(id: "organ/tianjin-public-security-organs") {
        units: neighbors(direction: IN, types: [PART_OF]) { id }
        built: neighbors(direction: OUT, types: [BUILT]) { id }
        reliesOn: relations(direction: OUT, types: [RELIES_ON]) { edges { node { targetId assertion } } }
      }
    }`);
    expect(ids(data.entity.direct)).toEqual([
      'organ/local-public-security-organs',
      'organ/national-public-security-organs',
      'organ/tianjin-public-security-organs',
    ]);
    expect(data.entity.parts).toEqual([
      {
        id: 'reform/heilongjiang-smart-traffic-management-projects',
        promotedBy: [{ id: 'organ/heilongjiang-public-security-organs' }],
      },
      {
        id: 'reform/shanghai-science-technology-informatization',
        promotedBy: [{ id: 'organ/shanghai-public-security-organs' }],
      },
    ]);
    // "Relying on the big data combat center, the Tianjin public security organs have built a physical
    // illegal and criminal investigation center": one centre built, one relied on, neither said to be a part.
    expect(ids(data.tianjin.units)).toEqual([]);
    expect(ids(data.tianjin.built)).toEqual(['organ/tianjin-illegal-and-criminal-investigation-center']);
    expect(rels(data.tianjin.reliesOn)).toEqual([
      { targetId: 'organ/tianjin-big-data-combat-center', assertion: 'STATED' },
    ]);
  });

  it('how many people benefited from the "10+5+8" traffic management reform measures in 2023?', async () => {
    const data = await query(`{
      search(query: "10+5+8 reform measures", kinds: [REFORM], first: 1) {
        matchedOn
        entity { id produced: neighbors(direction: OUT, types: [PRODUCED]) { id ${OUTCOME} } parts: neighbors(direction: IN, types: [PART_OF]) { id } }
      }
    }`);
    const e = data.search[0].entity;
    expect(e.id).toBe('reform/traffic-management-10-5-8-measures');
    expect(e.produced).toEqual([
      expect.objectContaining({
        id: 'outcome/traffic-reform-beneficiaries-2023',
        value: 10000000,
        unit: 'people',
        qualifier: 'MORE_THAN',
        figure: 'more than 10 million',
        year: { text: '2023', precision: 'YEAR' },
      }),
    ]);
    expect(ids(e.parts)).toEqual([
      'reform/bus-lane-adjustment',
      'reform/new-car-factory-inspection',
      'reform/one-certificate-vehicle-registration',
      'reform/traffic-accident-handling-pilot',
    ]);
  });

  it('finds the science-and-technology action plan by its Chinese name 科技兴警三年行动计划', async () => {
    const data = await query(
      `{ search(query: "科技兴警三年行动计划", first: 1) { matchedOn matchType entity { id kind } } }`,
    );
    expect(data.search[0]).toEqual({
      matchedOn: 'NAME_ZH',
      matchType: 'EXACT',
      entity: { id: 'campaign/science-technology-police-three-year-action-plan', kind: 'CAMPAIGN' },
    });
  });

  it('which unit carried out actual combat training on September 6, 2023?', async () => {
    const data = await query(`{
      timeline(from: "2023-09-06", to: "2023-09-06", kinds: [CAMPAIGN]) {
        date { text precision }
        entity { id neighbors(direction: IN, types: [LAUNCHED]) { id name } }
      }
    }`);
    // Year-long campaigns of 2023 overlap the day too; the one dated to that day is the answer.
    const onThatDay = data.timeline.filter((t: { date: { precision: string } }) => t.date.precision === 'DAY');
    expect(onThatDay).toEqual([
      {
        date: { text: '2023-09-06', precision: 'DAY' },
        entity: {
          id: 'campaign/yixing-actual-combat-training-2023',
          neighbors: [
            {
              id: 'organ/yixing-city-public-security-bureau',
              name: 'Public Security Bureau of Yixing City, Jiangsu Province',
            },
          ],
        },
      },
    ]);
  });

  it("who took the photos in the People's Public Security Daily article?", async () => {
    const viaSearch = await query(`{
      a: search(query: "Xie Yuanyuan", kinds: [PERSON]) { entity { id ... on Person { position } } }
      b: search(query: "Wang Jie", kinds: [PERSON]) { entity { id ... on Person { position } } }
    }`);
    expect(viaSearch.a[0].entity).toEqual({
      id: 'person/xie-yuanyuan',
      position: expect.stringMatching(/^photographer/),
    });
    expect(viaSearch.b[0].entity).toEqual({ id: 'person/wang-jie', position: expect.stringMatching(/^photographer/) });
  });
});

describe('Qiushi essay by the Minister of Public Security (document 003)', () => {
  it('which police stations and local organs are named in the Qiushi essay, and how are they nested (PART_OF chain)?', async () => {
    const data = await query(`{
      entity(id: "organ/dongjiaominxiang-police-station") {
        ... on Organ { level }
        partOf: neighbors(direction: OUT, types: [PART_OF]) {
          id ... on Organ { level }
          partOf: neighbors(direction: OUT, types: [PART_OF]) {
            id ... on Organ { level }
            partOf: neighbors(direction: OUT, types: [PART_OF]) { id }
          }
        }
      }
      community: entity(id: "organ/community-police-stations") { neighbors(direction: OUT, types: [PART_OF]) { id } }
      qiushi: document(id: "qiushi-2009-maintain-stability") { entities(kind: ORGAN, first: 100) { edges { node { id } } } }
    }`);
    const e = data.entity;
    expect(e.level).toBe('GRASSROOTS');
    expect(e.partOf).toEqual([
      {
        id: 'organ/beijing-psb-dongcheng-branch',
        level: 'COUNTY',
        partOf: [
          {
            id: 'organ/beijing-public-security-bureau',
            level: 'MUNICIPAL',
            partOf: [{ id: 'organ/local-public-security-organs' }],
          },
        ],
      },
      {
        id: 'organ/public-security-police-stations',
        level: 'GRASSROOTS',
        partOf: [
          {
            id: 'organ/local-public-security-organs',
            level: 'NATIONWIDE',
            partOf: [{ id: 'organ/national-public-security-organs' }],
          },
        ],
      },
    ]);
    expect(ids(data.community.neighbors)).toEqual(['organ/public-security-police-stations']);
    const organs = data.qiushi.entities.edges.map((edge: { node: WithId }) => edge.node.id);
    expect(organs).toEqual(
      expect.arrayContaining([
        'organ/beijing-psb-dongcheng-branch',
        'organ/beijing-public-security-bureau',
        'organ/community-police-stations',
        'organ/dongjiaominxiang-police-station',
      ]),
    );
  });

  it('who wrote the Qiushi essay, with what position, and when (2009 original vs 2011 English edition)?', async () => {
    const data = await query(`{
      entity(id: "person/minister-of-public-security-2009") {
        name date { text precision }
        ... on Person { position }
        posts: relations(direction: OUT, types: [HEADS, MEMBER_OF]) { edges { node { ${REL} } } }
      }
      document(id: "qiushi-2009-maintain-stability") { title publisher publishedText published { text precision } }
    }`);
    expect(data.entity).toMatchObject({
      date: { text: '2009', precision: 'YEAR' },
      position: 'a member of the State Council and Minister of Public Security of the People’s Republic of China',
    });
    // The minister heads the Ministry (HEADS) and sits in the State Council (MEMBER_OF).
    expect(rels(data.entity.posts).map((r) => [r.type, r.targetId, r.role, r.date?.text])).toEqual([
      ['HEADS', MPS, 'Minister of Public Security', '2009'],
      ['MEMBER_OF', 'organ/state-council', 'member of the State Council (State Councilor)', '2009'],
    ]);
    expect(data.document).toEqual({
      title: 'Strengthening the Abilities of the Public Security Organs to Maintain Social Stability',
      publisher: 'Qiushi Journal English Edition',
      publishedText: 'Updated: 2011-09-20 12:21 (From Qiushi in Chinese No. 23, 2009)',
      published: { text: '2011-09-20', precision: 'DAY' },
    });
  });

  it('what did the Dongjiaominxiang officers take part in on March 7, 2010, which sessions were sitting, and who took the photo?', async () => {
    const data = await query(`{
      station: entity(id: "organ/dongjiaominxiang-police-station") {
        did: relations(direction: OUT, types: [PARTICIPATED_IN]) { edges { node { ${REL} } } }
      }
      npc: entity(id: "session/11th-npc-3rd-session") { ... on PlenarySession { date { text precision } } neighbors(direction: IN, types: [HELD]) { id } }
      cppcc: entity(id: "session/11th-cppcc-3rd-session") { ... on PlenarySession { date { text precision } } neighbors(direction: IN, types: [HELD]) { id } }
      photographer: entity(id: "person/chen-shugen") { ... on Person { position } neighbors(direction: OUT, types: [MEMBER_OF]) { id } }
    }`);
    const did = rels(data.station.did);
    expect(did.map((r) => [r.targetId, r.date])).toEqual([
      ['reform/harmonious-police-public-relations', { text: '2010-03-07', precision: 'DAY' }],
    ]);
    expect(did[0]?.evidence[0]?.quote).toContain('present hot duck soup to volunteer security guards');
    expect(data.npc).toEqual({
      date: { text: '2010-03', precision: 'MONTH' },
      neighbors: [{ id: 'organ/national-peoples-congress' }],
    });
    expect(data.cppcc).toEqual({
      date: { text: '2010-03', precision: 'MONTH' },
      neighbors: [{ id: 'organ/cppcc-national-committee' }],
    });
    expect(data.photographer).toEqual({ position: 'Xinhua reporter', neighbors: [{ id: 'organ/xinhua-news-agency' }] });
  });

  it('which five abilities does the Qiushi essay set out, and did its author propose them?', async () => {
    // The five section headings of the essay.
    const data = await query(`{
      entity(id: "reform/stability-maintenance-ability-building") {
        date { text precision }
        parts: neighbors(direction: IN, types: [PART_OF]) { id name }
        proposedBy: neighbors(direction: IN, types: [PROPOSED]) { id }
      }
    }`);
    expect(data.entity.date).toEqual({ text: '2009', precision: 'YEAR' });
    expect(ids(data.entity.parts)).toEqual([
      'reform/harmonious-police-public-relations',
      'reform/law-enforcement-standardization',
      'reform/major-emergency-handling',
      'reform/public-communication-via-modern-media',
      'reform/public-security-informatization',
    ]);
    expect(ids(data.entity.proposedBy)).toEqual(['person/minister-of-public-security-2009']);
  });

  it('which mechanisms make up the handling of major emergencies?', async () => {
    const data = await query(`{
      entity(id: "reform/major-emergency-handling") { parts: neighbors(direction: IN, types: [PART_OF]) { id } }
    }`);
    expect(ids(data.entity.parts)).toEqual([
      'reform/emergency-command-mechanism',
      'reform/emergency-preparedness-and-drills',
      'reform/prevention-first-dispute-resolution',
      'reform/rapid-handling-of-mass-disturbances',
    ]);
  });
});

describe('Demonstration cities post of May 20, 2023 (document 004)', () => {
  it('how many public security checkpoints had been built as of May 2023, and who revealed it?', async () => {
    const data = await query(`{
      entity(id: "outcome/public-security-checkpoints-2023") {
        ${OUTCOME}
        revealedBy: neighbors(direction: IN, types: [REPORTED]) { id name }
        producedBy: neighbors(direction: IN, types: [PRODUCED]) { id }
        evidence { quote }
      }
    }`);
    const e = data.entity;
    expect(e).toMatchObject({
      metric: 'public-security-checkpoints-built',
      value: 5026,
      unit: 'checkpoints',
      qualifier: 'A_TOTAL_OF',
      figure: 'a total of 5026',
      year: null,
      period: { start: null, end: { text: '2023-05', precision: 'MONTH' } },
      scope: { level: 'NATIONAL' },
    });
    expect(e.revealedBy).toEqual([{ id: MPS, name: 'Ministry of Public Security' }]);
    expect(ids(e.producedBy)).toEqual(['campaign/demonstration-city-creation']);
    expect(e.evidence.map((x: { quote: string }) => x.quote).join(' ')).toContain(
      'a total of 5026 public security checkpoints',
    );
  });

  it('how many intelligent security communities and "zero incident" residential areas does the post report, as worded?', async () => {
    const data = await query(`{
      communities: entity(id: "outcome/intelligent-security-communities-2023") { ${OUTCOME} }
      zero: entity(id: "outcome/zero-incident-residential-areas-2022") { ${OUTCOME} }
      patrols: entity(id: "outcome/daily-social-patrol-forces-2023") { ${OUTCOME} }
    }`);
    expect(data.communities).toMatchObject({ value: 300000, qualifier: 'NEARLY', figure: 'Nearly 300000' });
    expect(data.zero).toMatchObject({
      value: 218000,
      unit: 'residential areas',
      qualifier: 'A_TOTAL_OF',
      figure: 'a total of 218000',
      year: { text: '2022', precision: 'YEAR' },
    });
    expect(data.patrols).toMatchObject({ value: 740000, qualifier: 'AVERAGE', figure: 'An average of 740000' });
  });

  it('who launched the first batch of demonstration cities, since when, and which reform and session does it implement?', async () => {
    const data = await query(`{
      search(query: "first batch of demonstration cities", first: 1) {
        entity {
          id start { text precision }
          launched: relations(direction: IN, types: [LAUNCHED]) { edges { node { ${REL} } } }
          implements: neighbors(direction: OUT, types: [IMPLEMENTS]) { id }
          participants: neighbors(direction: IN, types: [PARTICIPATED_IN]) { id }
        }
      }
    }`);
    const e = data.search[0].entity;
    expect(e).toMatchObject({ id: 'campaign/demonstration-city-creation', start: { text: '2022', precision: 'YEAR' } });
    const launched = rels(e.launched);
    expect([...new Set(launched.map((r) => r.sourceId))]).toEqual([MPS]);
    expect(launched.map((r) => r.date?.text ?? null)).toContain('2022');
    expect(ids(e.implements)).toEqual([
      'reform/social-security-prevention-and-control-system',
      'session/19th-national-congress',
    ]);
    expect(ids(e.participants)).toEqual([
      'organ/local-public-security-organs',
      'organ/national-public-security-organs',
    ]);
  });

  it('which brands of mass prevention and control does the post name, and under whose leadership do local organs act?', async () => {
    const data = await query(`{
      document(id: "demonstration-city-2023-05-20") { entities(kind: ORGAN, first: 100) { edges { node { id ... on Organ { level } } } } }
      local: entity(id: "organ/local-public-security-organs") { neighbors(direction: IN, types: [LEADS]) { id } }
    }`);
    const organs = data.document.entities.edges.map((e: { node: { id: string; level: string } }) => e.node);
    expect(ids(organs.filter((o: { level: string }) => o.level === 'GRASSROOTS'))).toEqual([
      'organ/chaoyang-people',
      'organ/hangzhou-yi-police',
      'organ/xiamen-people',
    ]);
    expect(ids(data.local.neighbors)).toEqual(['organ/party-committees-and-governments']);
  });
});

describe('across the documents', () => {
  it('finds the Ministry of Public Security by its Chinese name 公安部 and by the alias MPS', async () => {
    const data = await query(`{
      zh: search(query: "公安部", first: 1) { matchedOn matchType matchedText entity { id name nameZh } }
      alias: search(query: "MPS", first: 1) { matchedOn matchedText entity { id } }
    }`);
    expect(data.zh[0]).toEqual({
      matchedOn: 'NAME_ZH',
      matchType: 'EXACT',
      matchedText: '公安部',
      entity: { id: MPS, name: 'Ministry of Public Security', nameZh: '公安部' },
    });
    expect(data.alias[0]).toEqual({ matchedOn: 'ALIAS', matchedText: 'MPS', entity: { id: MPS } });
  });

  it('finds the Third Plenary Session by the wording of document 000 ("Eighteenth CPC Central Committee")', async () => {
    const data = await query(`{
      search(query: "Third Plenary Session of the Eighteenth CPC Central Committee", kinds: [PLENARY_SESSION], first: 3) {
        matchedOn matchType entity { id }
      }
    }`);
    expect(data.search[0]).toEqual({
      matchedOn: 'ALIAS',
      matchType: 'EXACT',
      entity: { id: 'session/18th-cc-third-plenary-session' },
    });
  });

  it('which sessions follow which (FOLLOWS)?', async () => {
    const data = await query(`{
      entities(kind: PLENARY_SESSION, first: 30) {
        totalCount
        edges { node { id ... on PlenarySession { series } follows: relations(direction: OUT, types: [FOLLOWS], first: 5) { edges { node { ${REL_LIGHT} } } } } }
      }
    }`);
    expect(data.entities.totalCount).toBeLessThanOrEqual(30);
    const sessions = data.entities.edges.map(
      (e: { node: { id: string; series: string; follows: { edges: { node: Rel }[] } } }) => e.node,
    );
    const pairs = sessions.flatMap((s: { follows: { edges: { node: Rel }[] } }) =>
      rels(s.follows).map((r) => [r.sourceId, r.targetId]),
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['session/18th-cc-fourth-plenary-session', 'session/18th-cc-third-plenary-session'],
        ['session/19th-national-congress', 'session/18th-national-congress'],
        [
          'session/science-technology-police-action-plan-training-course-2023',
          'session/science-technology-police-action-plan-promotion-meeting-2023',
        ],
      ]),
    );
    // A FOLLOWS link only joins sessions of one series.
    const series = Object.fromEntries(sessions.map((s: { id: string; series: string }) => [s.id, s.series]));
    for (const [from, to] of pairs) expect(series[from]).toBe(series[to]);
    expect(series['session/18th-national-congress']).toBe('cpc-national-congresses');
  });

  it('does the 20th National Congress follow the 19th, and the 19th the 18th (FOLLOWS)?', async () => {
    const data = await query(`{
      entity(id: "session/20th-national-congress") {
        neighbors(direction: OUT, types: [FOLLOWS]) { id neighbors(direction: OUT, types: [FOLLOWS]) { id } }
      }
    }`);
    expect(data.entity.neighbors).toEqual([
      { id: 'session/19th-national-congress', neighbors: [{ id: 'session/18th-national-congress' }] },
    ]);
  });

  it('keeps date precision: a year-only session stays a year, a collective study keeps its day, a notice its month', async () => {
    const data = await query(`{
      nodes(ids: ["session/18th-cc-third-plenary-session", "session/18th-politburo-23rd-collective-study", "document/notice-science-technology-police-three-year-action-plan"]) {
        id ... on Entity { date { text precision year month day firstDay lastDay } }
      }
    }`);
    expect(data.nodes).toEqual([
      {
        id: 'session/18th-cc-third-plenary-session',
        date: {
          text: '2013',
          precision: 'YEAR',
          year: 2013,
          month: null,
          day: null,
          firstDay: '2013-01-01',
          lastDay: '2013-12-31',
        },
      },
      {
        id: 'session/18th-politburo-23rd-collective-study',
        date: {
          text: '2015-05-29',
          precision: 'DAY',
          year: 2015,
          month: 5,
          day: 29,
          firstDay: '2015-05-29',
          lastDay: '2015-05-29',
        },
      },
      {
        id: 'document/notice-science-technology-police-three-year-action-plan',
        date: {
          text: '2023-02',
          precision: 'MONTH',
          year: 2023,
          month: 2,
          day: null,
          firstDay: '2023-02-01',
          lastDay: '2023-02-28',
        },
      },
    ]);
  });

  it('the same figures in two documents: checkpoints and street police stations in July 2022 and May 2023, "zero incidents" in 2021 and 2022', async () => {
    const data = await query(`{
      nodes(ids: [
        "outcome/public-security-checkpoints-2022", "outcome/public-security-checkpoints-2023",
        "outcome/street-police-stations-2022", "outcome/street-police-stations-2023",
        "outcome/zero-incident-communities-2021", "outcome/zero-incident-residential-areas-2022"
      ]) { id ... on Outcome { metric value year { text } period { end { text } } documents { id } } }
    }`);
    expect(
      data.nodes.map(
        (o: {
          id: string;
          metric: string;
          value: number;
          year: { text: string } | null;
          period: { end: { text: string } } | null;
          documents: WithId[];
        }) => [o.id, o.metric, o.value, o.year?.text ?? o.period?.end.text, ids(o.documents)],
      ),
    ).toEqual([
      [
        'outcome/public-security-checkpoints-2022',
        'public-security-checkpoints-built',
        5026,
        '2022-07',
        [DOC.guangming],
      ],
      ['outcome/public-security-checkpoints-2023', 'public-security-checkpoints-built', 5026, '2023-05', [DOC.demo]],
      ['outcome/street-police-stations-2022', 'street-police-stations-built', 21000, '2022-07', [DOC.guangming]],
      ['outcome/street-police-stations-2023', 'street-police-stations-built', 21000, '2023-05', [DOC.demo]],
      ['outcome/zero-incident-communities-2021', 'zero-incident-residential-areas', 218000, '2021', [DOC.guangming]],
      ['outcome/zero-incident-residential-areas-2022', 'zero-incident-residential-areas', 218000, '2022', [DOC.demo]],
    ]);
  });

  it('which people do the five documents name, with the positions they state?', async () => {
    const data = await query(
      `{ entities(kind: PERSON, first: 100) { totalCount edges { node { id documents { id } ... on Person { position } } } } }`,
    );
    const five = new Set<string>(Object.values(DOC));
    const people = data.entities.edges
      .filter((e: { node: { documents: WithId[] } }) => e.node.documents.some((d) => five.has(d.id)))
      .map((e: { node: { id: string; position: string } }) => [e.node.id, e.node.position]);
    expect(people).toEqual([
      ['person/chen-shugen', 'Xinhua reporter'],
      [
        'person/minister-of-public-security-2009',
        'a member of the State Council and Minister of Public Security of the People’s Republic of China',
      ],
      ['person/peng-jinghui', 'Guangming Daily reporter'],
      ['person/qiu-baoli', 'director of the Public Security Administration of the Ministry of Public Security'],
      ['person/sun-maoli', 'member of the Party Committee of the Ministry of Public Security'],
      ['person/wang-jie', 'photographer (credited for the Yixing training photo)'],
      ['person/wang-yingwei', 'director of the Cyber Security Bureau of the Ministry of Public Security'],
      ['person/xi-jinping', 'General Secretary of the CPC Central Committee'],
      ['person/xie-yuanyuan', 'photographer (credited for the Caoqiao Police Station photo)'],
      ['person/xu-ting', "Reporter, People's Public Security Daily"],
    ]);
    // The twenty-six documents added since name 20 more people (officials, reporters, police officers).
    expect(data.entities.totalCount).toBe(30);
  });

  it.each([
    [
      'session/18th-politburo-23rd-collective-study',
      DOC.improve,
      'On May 29, 2015, the Political Bureau of the CPC Central Committee conducted the 23rd collective study',
    ],
    ['outcome/sense-of-security-2021', DOC.guangming, '98.62%'],
    ['outcome/cross-provincial-hukou-migration-2023', DOC.pps, 'more than 1.73 million'],
    ['organ/dongjiaominxiang-police-station', DOC.qiushi, 'Dongjiaominxiang Police Station'],
    ['outcome/intelligent-security-communities-2023', DOC.demo, 'Nearly 300000 intelligent security communities'],
  ])('what does each evidence quote of %s slice from the text of %s?', async (id, docId, phrase) => {
    const data = await query(
      `query($id: ID!) { entity(id: $id) { evidence { quote start end before after document { id text length } } } }`,
      { id },
    );
    const evidence = data.entity.evidence.filter((ev: { document: WithId }) => ev.document.id === docId);
    expect(evidence.length).toBeGreaterThan(0);
    for (const ev of evidence) {
      expect(ev.document.text.slice(ev.start, ev.end)).toBe(ev.quote);
      expect(ev.end - ev.start).toBe(ev.quote.length);
      expect(ev.document.text.slice(0, ev.start).endsWith(ev.before)).toBe(true);
      expect(ev.document.text.slice(ev.end).startsWith(ev.after)).toBe(true);
      expect(ev.document.length).toBe(ev.document.text.length);
    }
    expect(evidence.some((ev: { quote: string }) => ev.quote.includes(phrase))).toBe(true);
  });
});

describe('filtering by how firmly the text states a link, and by where a quote stands (issue 18)', () => {
  it('which outcomes does the text itself credit to the prevention and control system, and which rest on the paragraph only?', async () => {
    // "A total of 21,000 street police stations, ... have been built nationwide, ..., effectively improving the
    // three-dimensional and informatization level of the social security prevention and control system."
    const data = await query(`{
      entity(id: "reform/social-security-prevention-and-control-system") {
        stated: neighbors(direction: OUT, types: [PRODUCED], assertions: [STATED]) { id }
        implied: relations(direction: OUT, types: [PRODUCED], assertions: [IMPLIED_BY_CONTEXT], first: 50) {
          edges { node { targetId note } }
        }
      }
    }`);
    expect(ids(data.entity.stated)).toEqual([
      'outcome/community-police-offices-2022',
      'outcome/public-security-checkpoints-2022',
      'outcome/smart-security-communities-2022',
      'outcome/smart-security-communities-778000-2022',
      'outcome/street-police-stations-2022',
    ]);
    const implied = rels(data.entity.implied);
    // Qiu Baoli's 2021 case figures and the 2022-2023 figures of the May 2023 post are reported beside the system.
    expect(implied.map((r) => r.targetId)).toEqual([
      'outcome/intelligent-security-communities-2023',
      'outcome/theft-cases-decrease-2021-62-6',
      'outcome/theft-cases-decrease-2021-96-1',
      'outcome/two-robberies-cases-decrease-2021',
      'outcome/zero-incident-communities-2021',
      'outcome/zero-incident-residential-areas-2022',
    ]);
    for (const r of implied) expect(r.note).not.toBeNull();
  });

  it('which outcomes can be traced back to the Ministry through stated links only?', async () => {
    const data = await query(`{
      all: outcomeChains(from: "${MPS}") { outcome { id } }
      stated: outcomeChains(from: "${MPS}", assertions: [STATED]) {
        outcome { id } path { hops { relations { type assertion } } }
      }
    }`);
    const stated = data.stated.map((c: { outcome: WithId }) => c.outcome.id);
    // The Cleaning the Internet campaign's own totals and the household-registration figures are stated;
    // the 2021 cybercrime figures and the demonstration-city figures are not.
    expect(stated).toContain('outcome/cleaning-the-internet-cybercrime-cases-detected');
    expect(stated).toContain('outcome/cross-provincial-hukou-migration-2023');
    expect(stated).not.toContain('outcome/cybercrime-gangs-destroyed-2021');
    expect(stated).not.toContain('outcome/public-security-checkpoints-2023');
    expect(data.all.length).toBeGreaterThan(stated.length);
    for (const c of data.stated) {
      for (const h of c.path.hops) for (const r of h.relations) expect(r.assertion).toBe('STATED');
    }
  });

  it('which local units and dates do the photo captions of the 2024 article name, apart from its body?', async () => {
    // "Editor: On January 8, 2023, the police of the Caoqiao Police Station ... 'one-window service' convenience
    // publicity. Photo by Xie Yuanyuan." / "On September 6, 2023, the Public Security Bureau of Yixing City ...
    // carried out actual combat training. Photo by Wang Jie."
    const data = await query(`{
      caoqiao: entity(id: "organ/caoqiao-police-station") {
        relations(evidenceContexts: [CAPTION], types: [PARTICIPATED_IN]) { edges { node { ${REL} } } }
      }
      yixing: entity(id: "organ/yixing-city-public-security-bureau") {
        relations(evidenceContexts: [CAPTION], types: [LAUNCHED, PART_OF]) {
          edges { node { type targetId assertion date { text precision } evidence { context } } }
        }
      }
      measures: entity(id: "reform/26-measures-high-quality-development-services") { date { text } }
    }`);
    const [caption] = rels(data.caoqiao.relations);
    expect(caption).toMatchObject({
      targetId: 'reform/one-window-comprehensive-service',
      date: { text: '2023-01-08', precision: 'DAY' },
    });
    // The caption's date is seven months before the measures the body lists the service under.
    expect(data.measures.date.text).toBe('2023-08-03');
    const yixing = data.yixing.relations.edges.map((e: { node: unknown }) => e.node);
    expect(yixing).toEqual([
      {
        type: 'LAUNCHED',
        targetId: 'campaign/yixing-actual-combat-training-2023',
        assertion: 'STATED',
        date: { text: '2023-09-06', precision: 'DAY' },
        evidence: [{ context: 'CAPTION' }],
      },
      {
        type: 'PART_OF',
        targetId: 'organ/local-public-security-organs',
        assertion: 'CURATOR_INFERENCE',
        date: null,
        evidence: [{ context: 'CAPTION' }],
      },
    ]);
  });

  it('who is known only from a byline, and what does the byline support?', async () => {
    const data = await query(`{
      entity(id: "person/xu-ting") {
        byline: relations(evidenceContexts: [BYLINE], types: [MEMBER_OF]) { edges { node { targetId assertion } } }
        body: relations(evidenceContexts: [BODY], types: [MEMBER_OF]) { totalCount }
        reported: relations(types: [REPORTED], assertions: [STATED]) { totalCount }
        reportedImplied: relations(types: [REPORTED], assertions: [IMPLIED_BY_CONTEXT]) { totalCount }
      }
    }`);
    expect(rels(data.entity.byline)).toEqual([
      { targetId: 'organ/peoples-public-security-daily', assertion: 'IMPLIED_BY_CONTEXT' },
    ]);
    expect(data.entity.body.totalCount).toBe(0);
    // Every figure credited to the reporter rests on her byline, none on a sentence naming her.
    expect(data.entity.reported.totalCount).toBe(0);
    expect(data.entity.reportedImplied.totalCount).toBe(19);
  });
});
