/**
 * Issue 18 on the bundled data, through real GraphQL operations: every relation says how firmly
 * the text backs it and every filter honours that; refined relation types; paths over entity
 * hops; where each quote stands in its document.
 */
import { describe, expect, it } from 'vitest';
import { bundledSnapshot, errorCodes, execute, query } from '../helpers/graphql.js';

const MPS = 'organ/ministry-of-public-security';
const THIRD_PLENUM = 'session/18th-cc-third-plenary-session';
const ids = (list: { id: string }[]) => list.map((e) => e.id);

describe('assertion: stated, implied by context, or the curator’s inference', () => {
  it('every curated relation carries one, and all three occur', () => {
    const counts: Record<string, number> = {};
    bundledSnapshot().graph.forEachEdge((_k, r) => {
      if (r.type !== 'MENTIONS') counts[r.assertion] = (counts[r.assertion] ?? 0) + 1;
    });
    expect(Object.keys(counts).sort()).toEqual(['CURATOR_INFERENCE', 'IMPLIED_BY_CONTEXT', 'STATED']);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(bundledSnapshot().graph.size - mentionCount());
  });

  it('Relation.assertion reads back what the data says, and relations/neighbors filter by it', async () => {
    const data = await query(`{
      entity(id: "${MPS}") {
        all: relations(direction: OUT, first: 100) { totalCount edges { node { assertion } } }
        stated: relations(direction: OUT, first: 100, assertions: [STATED]) { totalCount edges { node { assertion } } }
        inferred: relations(direction: OUT, first: 100, assertions: [IMPLIED_BY_CONTEXT, CURATOR_INFERENCE]) {
          totalCount edges { node { targetId type assertion } }
        }
        ledStated: neighbors(direction: OUT, types: [LEADS], assertions: [STATED]) { id }
        ledAny: neighbors(direction: OUT, types: [LEADS]) { id }
      }
    }`);
    const e = data.entity;
    expect(e.stated.totalCount + e.inferred.totalCount).toBe(e.all.totalCount);
    expect(e.stated.edges.every((x: { node: { assertion: string } }) => x.node.assertion === 'STATED')).toBe(true);
    // "ministerial-level general management" implies the Ministry leads the organs; no sentence says so.
    expect(e.inferred.edges.map((x: { node: unknown }) => x.node)).toContainEqual({
      targetId: 'organ/national-public-security-organs',
      type: 'LEADS',
      assertion: 'IMPLIED_BY_CONTEXT',
    });
    expect(ids(e.ledAny)).toContain('organ/national-public-security-organs');
    expect(ids(e.ledStated)).not.toContain('organ/national-public-security-organs');
  });

  it('neighborhood follows only relations with the given assertions', async () => {
    const data = await query(`{
      all: neighborhood(ids: ["${MPS}"], depth: 1, limit: 100) { nodes { id } edges { assertion } }
      stated: neighborhood(ids: ["${MPS}"], depth: 1, limit: 100, assertions: [STATED]) { nodes { id } edges { assertion } }
    }`);
    expect(data.stated.edges.length).toBeGreaterThan(0);
    expect(new Set(data.stated.edges.map((r: { assertion: string }) => r.assertion))).toEqual(new Set(['STATED']));
    expect(ids(data.all.nodes)).toContain('organ/national-public-security-organs');
    expect(ids(data.stated.nodes)).not.toContain('organ/national-public-security-organs');
  });

  it('paths and shortestPath avoid inferred links when asked, and take a longer stated route', async () => {
    const data = await query(`{
      any: shortestPath(from: "${MPS}", to: "${THIRD_PLENUM}", directed: false) { nodes { id } }
      stated: shortestPath(from: "${MPS}", to: "${THIRD_PLENUM}", directed: false, assertions: [STATED]) {
        nodes { id } hops { relations { assertion } }
      }
      paths(from: "${MPS}", to: "${THIRD_PLENUM}", directed: false, maxLength: 3, first: 20, assertions: [STATED]) {
        hops { relations { assertion } }
      }
    }`);
    // The shortest route goes through the Ministry's implied leadership of prevention and control.
    expect(ids(data.any.nodes)).toEqual([MPS, 'reform/social-security-prevention-and-control-system', THIRD_PLENUM]);
    expect(ids(data.stated.nodes)).toEqual([
      MPS,
      'campaign/demonstration-city-creation',
      'reform/social-security-prevention-and-control-system',
      THIRD_PLENUM,
    ]);
    const assertions = [data.stated, ...data.paths].flatMap((p: { hops: { relations: { assertion: string }[] }[] }) =>
      p.hops.flatMap((h) => h.relations.map((r) => r.assertion)),
    );
    expect(new Set(assertions)).toEqual(new Set(['STATED']));
  });

  it('outcomeChains and drivers: the demonstration-city figures rest on the paragraph, not a stated link', async () => {
    const data = await query(`{
      chains: outcomeChains(from: "campaign/demonstration-city-creation") { outcome { id } }
      statedChains: outcomeChains(from: "campaign/demonstration-city-creation", assertions: [STATED]) { outcome { id } }
      drivers(outcome: "outcome/public-security-checkpoints-2023") { entity { id } }
      statedDrivers: drivers(outcome: "outcome/public-security-checkpoints-2023", assertions: [STATED]) { entity { id } }
      stations: drivers(outcome: "outcome/street-police-stations-2022", assertions: [STATED]) {
        entity { id } path { hops { relations { assertion } } }
      }
    }`);
    expect(data.chains.map((c: { outcome: { id: string } }) => c.outcome.id)).toEqual([
      'outcome/daily-social-patrol-forces-2023',
      'outcome/public-security-checkpoints-2023',
      'outcome/street-police-stations-2023',
    ]);
    expect(data.statedChains).toEqual([]);
    expect(data.drivers.length).toBeGreaterThan(5);
    expect(data.statedDrivers).toEqual([]);
    // Qiu Baoli's 2022 figures are stated results of the prevention and control system.
    expect(data.stations.map((d: { entity: { id: string } }) => d.entity.id)).toContain(
      'reform/social-security-prevention-and-control-system',
    );
    for (const d of data.stations) {
      for (const h of d.path.hops) for (const r of h.relations) expect(r.assertion).toBe('STATED');
    }
  });

  it('an unknown assertion is a GraphQL validation error, not a crash', async () => {
    const result = await execute(`{ entity(id: "${MPS}") { neighbors(assertions: [GUESSED]) { id } } }`);
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('refined relation types, defined once in the ontology', () => {
  it('lists the new types with their endpoints and chain direction', async () => {
    const data = await query('{ relationTypes { type from to chain count } }');
    const byType = Object.fromEntries(data.relationTypes.map((r: { type: string }) => [r.type, r]));
    expect(byType.PROMOTED).toMatchObject({ from: ['PLENARY_SESSION', 'ORGAN', 'PERSON'], chain: 'forward' });
    expect(byType.CONTRIBUTED_TO_DRAFTING).toMatchObject({ to: ['LAW', 'DOCUMENT'], count: 2 });
    expect(byType.HEADS).toMatchObject({ from: ['PERSON'], to: ['ORGAN', 'CAMPAIGN'], count: 13 });
    expect(byType.BUILT).toMatchObject({ count: 2 });
    expect(byType.RELIES_ON).toMatchObject({ count: 1, chain: null });
    expect(byType.LEADS.from).toEqual(['ORGAN']);
  });

  it('a meeting that promoted an already-issued plan did not propose it', async () => {
    const data = await query(`{
      entity(id: "campaign/science-technology-police-three-year-action-plan") {
        proposedBy: neighbors(direction: IN, types: [PROPOSED]) { id }
        promotedBy: neighbors(direction: IN, types: [PROMOTED]) { id }
        issuedBy: neighbors(direction: IN, types: [ISSUED]) { id }
      }
    }`);
    expect(data.entity.proposedBy).toEqual([]);
    expect(ids(data.entity.promotedBy)).toEqual([
      'session/science-technology-police-action-plan-promotion-meeting-2023',
      'session/science-technology-police-action-plan-training-course-2023',
    ]);
    expect(ids(data.entity.issuedBy)).toEqual([MPS, 'organ/ministry-of-science-and-technology']);
  });
});

describe('paths over entity hops', () => {
  it('the same link recorded from two documents is one hop carrying both relations, not two paths', async () => {
    const data = await query(`{
      paths(from: "${MPS}", to: "reform/social-security-prevention-and-control-system", maxLength: 2, first: 20) {
        length nodes { id }
        edges { id }
        hops { from { id } to { id } relations { id type evidence { document { id } } } }
      }
    }`);
    const nodePaths = data.paths.map((p: { nodes: { id: string }[] }) => ids(p.nodes).join(' > '));
    expect(new Set(nodePaths).size).toBe(nodePaths.length);
    const viaDemo = data.paths.find((p: { nodes: { id: string }[] }) =>
      ids(p.nodes).includes('campaign/demonstration-city-creation'),
    );
    expect(viaDemo.length).toBe(2);
    expect(viaDemo.hops[0].from.id).toBe(MPS);
    expect(viaDemo.hops[0].to.id).toBe('campaign/demonstration-city-creation');
    const launched = viaDemo.hops[0].relations;
    expect(launched.map((r: { type: string }) => r.type)).toEqual(['LAUNCHED', 'LAUNCHED']);
    expect(launched.map((r: { evidence: { document: { id: string } }[] }) => r.evidence[0]?.document.id)).toEqual([
      'source/demonstration-city-2023-05-20',
      'source/guangming-2022-07-26-safe-china',
    ]);
    // edges keeps one relation per hop, the first by id.
    expect(viaDemo.edges.map((r: { id: string }) => r.id)).toEqual(
      viaDemo.hops.map((h: { relations: { id: string }[] }) => h.relations[0]?.id),
    );
  });

  it('first counts distinct entity paths', async () => {
    const data = await query(`{
      two: paths(from: "${MPS}", to: "${THIRD_PLENUM}", directed: false, maxLength: 3, first: 2) { nodes { id } }
      many: paths(from: "${MPS}", to: "${THIRD_PLENUM}", directed: false, maxLength: 3, first: 50) { nodes { id } }
    }`);
    expect(data.two).toHaveLength(2);
    const keys = data.many.map((p: { nodes: { id: string }[] }) => ids(p.nodes).join(' > '));
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.two).toEqual(data.many.slice(0, 2));
  });
});

describe('Evidence.context: headline, body, caption, byline', () => {
  it('derives the context from the line a quote starts in', async () => {
    const data = await query(`{
      caption: entity(id: "organ/caoqiao-police-station") {
        relations(direction: OUT, types: [PARTICIPATED_IN]) { edges { node { evidence { context quote } } } }
      }
      byline: entity(id: "person/xu-ting") {
        relations(direction: OUT, types: [MEMBER_OF]) { edges { node { evidence { context quote } } } }
      }
      headline: entity(id: "reform/public-security-system") { evidence { context quote } }
    }`);
    const [caption] = data.caption.relations.edges[0].node.evidence;
    expect(caption.context).toBe('CAPTION');
    expect(caption.quote).toMatch(/^On January 8, 2023, the police of the Caoqiao Police Station/);
    expect(data.byline.relations.edges[0].node.evidence.map((ev: { context: string }) => ev.context)).toEqual([
      'BYLINE',
      'BYLINE',
    ]);
    const contexts = Object.fromEntries(
      data.headline.evidence.map((ev: { quote: string; context: string }) => [ev.quote, ev.context]),
    );
    expect(contexts['Improve Public Security System']).toBe('HEADLINE');
    expect(contexts['In China, improving the public security system include:']).toBe('BODY');
  });

  it('relations filter by where their quotes stand', async () => {
    const data = await query(`{
      session: entity(id: "session/11th-npc-3rd-session") {
        captions: relations(evidenceContexts: [CAPTION]) { totalCount edges { node { type sourceId assertion } } }
        body: relations(evidenceContexts: [BODY]) { totalCount }
      }
    }`);
    // The NPC session of March 2010 is known only from the photo caption of the Qiushi essay.
    expect(data.session.captions.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { type: 'HELD', sourceId: 'organ/national-peoples-congress', assertion: 'CURATOR_INFERENCE' },
      { type: 'MENTIONS', sourceId: 'source/qiushi-2009-maintain-stability', assertion: 'STATED' },
    ]);
    expect(data.session.body.totalCount).toBe(0);
  });
});

function mentionCount(): number {
  let n = 0;
  bundledSnapshot().graph.forEachEdge((_k, r) => {
    if (r.type === 'MENTIONS') n++;
  });
  return n;
}
