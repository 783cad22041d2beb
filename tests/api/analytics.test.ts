/** stats, centrality, communities and Entity.community, on the bundled graph-data. */
import { describe, expect, it } from 'vitest';
import { centrality, communities } from '../../src/graph/analytics.js';
import { loadGraphData } from '../../src/graph/load.js';
import { createServer } from '../../src/server/yoga.js';
import { bundledSnapshot, DATA_DIR, errorCodes, execute, query } from '../helpers/graphql.js';

const MINISTRY = 'organ/ministry-of-public-security';

interface Score {
  rank: number;
  score: number;
  entity: { id: string; kind: string };
}
interface CommunityAnswer {
  id: number;
  size: number;
  kinds: { kind: string; count: number }[];
  members: { id: string; kind: string; community: number }[];
}

describe('stats', () => {
  it('counts entities per kind, relations per type and entities per document', async () => {
    const { stats, kinds, relationTypes, snapshot } = await query(`{
      stats {
        kinds { kind count }
        relationTypes { type count }
        documents { document { id } entityCount }
      }
      kinds { kind count }
      relationTypes { type count }
      snapshot { entityCount relationCount documentCount }
    }`);
    expect(stats.kinds).toEqual(kinds);
    const total = stats.kinds.reduce((n: number, k: { count: number }) => n + k.count, 0);
    expect(total).toBe(snapshot.entityCount);
    const present = relationTypes.filter((r: { count: number }) => r.count > 0);
    expect([...stats.relationTypes].sort((a, b) => a.type.localeCompare(b.type))).toEqual(
      [...present].sort((a, b) => a.type.localeCompare(b.type)),
    );
    expect(stats.relationTypes.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(
      snapshot.relationCount,
    );
    expect(stats.documents).toHaveLength(snapshot.documentCount);
    const reference = stats.documents.find(
      (d: { document: { id: string } }) => d.document.id === 'source/improve-public-security-system',
    );
    const quoted = await query('{ entities(where: { document: "improve-public-security-system" }) { totalCount } }');
    expect(reference.entityCount).toBe(quoted.entities.totalCount);
  });
});

describe('centrality', () => {
  const CENTRALITY = `query($kind: EntityKind, $measure: CentralityMeasure, $first: Int) {
    centrality(kind: $kind, measure: $measure, first: $first) { rank score entity { id kind } }
  }`;

  it('ranks the Ministry of Public Security among the most connected entities by degree', async () => {
    const scores: Score[] = (await query(CENTRALITY, { first: 10 })).centrality;
    expect(scores).toHaveLength(10);
    expect(scores.map((s) => s.rank)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(scores.slice(0, 3).map((s) => s.entity.id)).toContain(MINISTRY);
    const organs: Score[] = (await query(CENTRALITY, { kind: 'ORGAN', first: 5 })).centrality;
    expect(organs.every((s) => s.entity.kind === 'ORGAN')).toBe(true);
    expect(organs.slice(0, 2).map((s) => s.entity.id)).toContain(MINISTRY);
  });

  it.each(['DEGREE', 'PAGERANK', 'BETWEENNESS'])(
    '%s scores are ranked high to low, ties by id, and never use documents',
    async (measure) => {
      const scores: Score[] = (await query(CENTRALITY, { measure, first: 100 })).centrality;
      expect(scores).toHaveLength(100);
      for (let i = 1; i < scores.length; i++) {
        const [a, b] = [scores[i - 1] as Score, scores[i] as Score];
        expect(a.score > b.score || (a.score === b.score && a.entity.id.localeCompare(b.entity.id) < 0)).toBe(true);
      }
      expect(scores.some((s) => s.entity.id.startsWith('source/'))).toBe(false);
      expect(scores.slice(0, 5).map((s) => s.entity.id)).toContain(MINISTRY);
    },
  );

  it('is cached per snapshot and the same on a fresh load', () => {
    const snapshot = bundledSnapshot();
    expect(centrality(snapshot, { measure: 'PAGERANK', first: 20 })).toEqual(
      centrality(loadGraphData(DATA_DIR), { measure: 'PAGERANK', first: 20 }),
    );
  });

  it('refuses bad first values with typed errors', async () => {
    expect(errorCodes(await execute('{ centrality(first: 101) { rank } }'))).toEqual(['LIMIT_EXCEEDED']);
    expect(errorCodes(await execute('{ centrality(first: -1) { rank } }'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await execute('{ centrality(measure: CLOSENESS) { rank } }'))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
  });
});

describe('communities', () => {
  const COMMUNITIES = '{ communities { id size kinds { kind count } members { id kind community } } }';

  it('puts every entity in exactly one community, largest first, with its kinds counted', async () => {
    const found: CommunityAnswer[] = (await query(COMMUNITIES)).communities;
    const members = found.flatMap((c) => c.members.map((m) => m.id));
    const everyEntity = bundledSnapshot()
      .entities()
      .map((e) => e.id);
    expect([...members].sort()).toEqual([...everyEntity].sort());
    expect(new Set(members).size).toBe(members.length);
    expect(found.map((c) => c.id)).toEqual(found.map((_, i) => i));
    expect(found.map((c) => c.size)).toEqual([...found.map((c) => c.size)].sort((a, b) => b - a));
    for (const c of found) {
      expect(c.members).toHaveLength(c.size);
      for (const m of c.members) expect(m.community).toBe(c.id);
      const counted = new Map<string, number>();
      for (const m of c.members) counted.set(m.kind, (counted.get(m.kind) ?? 0) + 1);
      expect(new Map(c.kinds.map((k) => [k.kind, k.count]))).toEqual(counted);
    }
    // More than one community, and none is the whole graph.
    expect(found.length).toBeGreaterThan(1);
    expect(found[0]?.size).toBeLessThan(everyEntity.length);
  });

  it('is deterministic: two fresh loads give the same communities', async () => {
    const a = communities(loadGraphData(DATA_DIR));
    const b = communities(loadGraphData(DATA_DIR));
    expect(a).toEqual(b);
    const fresh = createServer({ snapshot: loadGraphData(DATA_DIR), logging: false });
    const response = await fresh.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ communities { id size members { id } } }' }),
    });
    const viaFresh = ((await response.json()) as { data: { communities: unknown } }).data.communities;
    expect(viaFresh).toEqual((await query('{ communities { id size members { id } } }')).communities);
  });

  it('limits members with first', async () => {
    const data = await query('{ communities { size members(first: 2) { id } } }');
    for (const c of data.communities) expect(c.members).toHaveLength(Math.min(2, c.size));
    expect(errorCodes(await execute('{ communities { members(first: -1) { id } } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('gives each entity its community id', async () => {
    const data = await query(`{ entity(id: "${MINISTRY}") { community } communities { id members { id } } }`);
    const home = data.communities.find((c: { members: { id: string }[] }) => c.members.some((m) => m.id === MINISTRY));
    expect(data.entity.community).toBe(home.id);
  });
});
