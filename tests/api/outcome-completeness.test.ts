/**
 * The corpus issue's bar for outcomes, asked of the served graph rather than the YAML: every
 * outcome has a value, a unit and a year or period, quotes that slice out of its document, and
 * at least one `drivers` path to the campaign, reform, organ or session it belongs to.
 */
import { describe, expect, it } from 'vitest';
import { query } from '../helpers/graphql.js';

interface OutcomeRow {
  id: string;
  value: number | null;
  unit: string | null;
  year: { text: string } | null;
  period: { start: { text: string } | null; end: { text: string } | null } | null;
  evidence: { quote: string; start: number; end: number; document: { id: string } }[];
}

const OUTCOMES = `{
  outcomes(first: 100) {
    totalCount
    edges { node { id value unit year { text } period { start { text } end { text } }
      evidence { quote start end document { id } } } }
  }
  documents { id text }
}`;

const DRIVER_KINDS = new Set(['CAMPAIGN', 'REFORM', 'ORGAN', 'PLENARY_SESSION']);

describe('every outcome in the bundled graph', async () => {
  // Each document's text once: a copy per quote would be megabytes, past maxResponseTextChars.
  const data = await query<{
    outcomes: { totalCount: number; edges: { node: OutcomeRow }[] };
    documents: { id: string; text: string }[];
  }>(OUTCOMES);
  const outcomes = data.outcomes.edges.map((e) => e.node);
  const textOf = new Map(data.documents.map((d) => [d.id, d.text]));

  it('is listed in one page (the page holds them all)', () => {
    expect(outcomes.length).toBe(data.outcomes.totalCount);
    expect(outcomes.length).toBeGreaterThanOrEqual(40);
  });

  it.each(outcomes.map((o) => [o.id, o] as const))('%s has value, unit, year or period, and exact quotes', (_id, o) => {
    expect(o.value).toEqual(expect.any(Number));
    expect(o.unit).toEqual(expect.any(String));
    expect(o.year ?? o.period?.start ?? o.period?.end).toBeTruthy();
    expect(o.evidence.length).toBeGreaterThan(0);
    for (const e of o.evidence) expect(textOf.get(e.document.id)?.slice(e.start, e.end)).toBe(e.quote);
  });

  it.each(outcomes.map((o) => [o.id] as const))('%s has a driver path', async (id) => {
    const d = await query<{ drivers: { entity: { kind: string }; path: { length: number } }[] }>(
      `query ($id: ID!) { drivers(outcome: $id) { entity { kind } path { length } } }`,
      { id },
    );
    const kinds = d.drivers.filter((x) => x.path.length >= 1).map((x) => x.entity.kind);
    expect(kinds.some((k) => DRIVER_KINDS.has(k))).toBe(true);
  });
});
