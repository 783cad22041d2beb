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

// A page holds at most 100; the graph has more outcomes than that, so the test pages through.
const OUTCOMES = `query ($after: String) {
  outcomes(first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id value unit year { text } period { start { text } end { text } }
      evidence { quote start end document { id } } } }
  }
}`;

interface Page {
  outcomes: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: OutcomeRow }[];
  };
}

const DRIVER_KINDS = new Set(['CAMPAIGN', 'REFORM', 'ORGAN', 'PLENARY_SESSION']);

describe('every outcome in the bundled graph', async () => {
  const outcomes: OutcomeRow[] = [];
  let page = await query<Page>(OUTCOMES);
  const totalCount = page.outcomes.totalCount;
  for (;;) {
    outcomes.push(...page.outcomes.edges.map((e) => e.node));
    if (!page.outcomes.pageInfo.hasNextPage) break;
    page = await query<Page>(OUTCOMES, { after: page.outcomes.pageInfo.endCursor });
  }
  // Each document's text once: a copy per quote would be megabytes, past maxResponseTextChars.
  const docs = await query<{ documents: { id: string; text: string }[] }>('{ documents { id text } }');
  const textOf = new Map(docs.documents.map((d) => [d.id, d.text]));

  it('is listed once across the pages, all of them', () => {
    expect(outcomes.length).toBe(totalCount);
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(totalCount);
    expect(outcomes.length).toBeGreaterThanOrEqual(150);
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
