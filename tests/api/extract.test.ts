import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EXTRACT_CHARS } from '../../src/schema/extract.js';
import { errorCodes, execute, query } from '../helpers/graphql.js';

const TEXT = readFileSync(resolve(import.meta.dirname, '../fixtures/ingest/press-conference-2024-01.txt'), 'utf8');
const Q = `query ($text: String!, $published: String) {
  extract(text: $text, published: $published) {
    entities { id kind name mention start end linkedTo confidence rule position evidence { quote start end } }
    outcomes { id value unit qualifier figure year evidence { quote start end } }
    relations { id type source target role confidence rule evidence { quote } }
  }
}`;

describe('extract(text, published)', () => {
  it('returns linked and new entities, outcomes and relations with offsets into the text', async () => {
    const data = await query(Q, { text: TEXT, published: '2024-01-11' });
    const x = data.extract;
    const mps = x.entities.find((e: { linkedTo: string | null }) => e.linkedTo === 'organ/ministry-of-public-security');
    expect(mps).toMatchObject({ kind: 'ORGAN', mention: 'Ministry of Public Security' });
    expect(TEXT.slice(mps.start, mps.end)).toBe(mps.mention);
    expect(x.entities.find((e: { id: string }) => e.id === 'person/li-guozhong')?.position).toContain('director');
    expect(x.outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 540000, unit: 'suspects', qualifier: 'MORE_THAN', year: '2023' }),
        expect.objectContaining({ value: 3800000000, unit: 'yuan', qualifier: 'NEARLY', year: '2023' }),
      ]),
    );
    for (const item of [...x.entities, ...x.outcomes]) {
      for (const ev of item.evidence) expect(TEXT.slice(ev.start, ev.end)).toBe(ev.quote);
    }
    expect(x.relations.map((r: { type: string }) => r.type)).toContain('LAUNCHED');
  });

  it('is deterministic and writes nothing', async () => {
    const a = await query(Q, { text: TEXT, published: '2024-01-11' });
    const b = await query(Q, { text: TEXT, published: '2024-01-11' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const after = await query(`{ search(query: "Li Guozhong", first: 1) { entity { id } } }`);
    expect(after.search.filter((h: { entity: { id: string } }) => h.entity.id === 'person/li-guozhong')).toEqual([]);
  });

  it('refuses a long run without spaces at once (the name rules took seconds on one), with BAD_USER_INPUT', async () => {
    const started = performance.now();
    const res = await execute(`query ($t: String!) { extract(text: $t) { entities { id } } }`, {
      t: 'y'.repeat(60_000),
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a text over the limit with LIMIT_EXCEEDED and a bad date with BAD_USER_INPUT', async () => {
    const big = await execute(Q, { text: 'a'.repeat(MAX_EXTRACT_CHARS + 1) });
    expect(errorCodes(big)).toContain('LIMIT_EXCEEDED');
    const bad = await execute(Q, { text: TEXT, published: 'yesterday' });
    expect(errorCodes(bad)).toContain('BAD_USER_INPUT');
  });
});
