/**
 * Leave-one-document-out on the five corpus documents. The floors are the figures measured
 * after the extractor's last change (rounded down), so a change that loses ground fails here.
 * Recall counts each gold entity found once, by one candidate (see evaluate.ts).
 * Issue targets: outcome recall ≥ 0.9, organ/session/campaign recall ≥ 0.8, precision ≥ 0.8:
 * all are met. Strict scoring (no credit for a mention inside a curated quote) falls short for
 * sessions; its floors below keep that figure from sliding unseen.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EvalReport, evaluateCorpus } from '../../src/ingest/evaluate.js';

const DATA = resolve(import.meta.dirname, '../../graph-data');
/**
 * The five documents curated by hand before the extractor existed: the gold standard. The twenty
 * added since were curated from the extractor's own candidates (graph-data/CURATION-LOG.md), so
 * they are no independent gold and stay out of this measure; each of the five is still held out
 * from the whole graph of 25.
 */
const GOLD = [
  'demonstration-city-2023-05-20',
  'guangming-2022-07-26-safe-china',
  'improve-public-security-system',
  'pps-daily-2024-reform-innovation',
  'qiushi-2009-maintain-stability',
];

const FLOORS: Record<string, { precision: number; recall: number }> = {
  OUTCOME: { precision: 0.95, recall: 0.97 }, // target recall 0.9: met
  ORGAN: { precision: 0.88, recall: 0.87 }, // target recall 0.8: met
  PLENARY_SESSION: { precision: 1, recall: 0.88 }, // target recall 0.8: met
  CAMPAIGN: { precision: 1, recall: 1 }, // target recall 0.8: met
  PERSON: { precision: 1, recall: 0.83 },
  LAW: { precision: 1, recall: 1 },
};

describe('ingest evaluation (leave one document out)', () => {
  let report: EvalReport;
  // Five held-out graph builds and extractions: ~10 s alone, near 30 s beside other suites on two cores.
  it('runs over the five corpus documents', { timeout: 120_000 }, () => {
    report = evaluateCorpus(DATA, false, GOLD);
    expect(report.documents).toBe(5);
  });
  for (const [kind, floor] of Object.entries(FLOORS)) {
    it(`${kind}: precision ≥ ${floor.precision}, recall ≥ ${floor.recall}`, () => {
      const s = report.kinds[kind];
      expect(s).toBeDefined();
      expect(s?.precision).toBeGreaterThanOrEqual(floor.precision);
      expect(s?.recall).toBeGreaterThanOrEqual(floor.recall);
    });
  }
  it('outcomes mostly carry the figure exactly as worded', () => {
    expect(report.kinds.OUTCOME?.exactShare).toBeGreaterThanOrEqual(1);
  });
  it('relations: precision and recall stay at their measured floors (no target)', () => {
    // 0.827 with five documents in the graph and the old rules; 0.817 with the issue-15 rules;
    // 0.765 with 25 documents, where more mentions in the five link to entities the later
    // documents define and so propose relations the five's curated files do not record.
    // 0.867 / 0.174 after the wave-7 and wave-8 relation rules (2026-12-01).
    expect(report.relations.precision).toBeGreaterThanOrEqual(0.86);
    expect(report.relations.recall).toBeGreaterThanOrEqual(0.17);
  });
});

const STRICT_FLOORS: Record<string, { precision: number; recall: number }> = {
  OUTCOME: { precision: 0.95, recall: 0.97 },
  ORGAN: { precision: 0.8, recall: 0.8 }, // target recall 0.8: met when strict since wave 8 (81.0%)
  PLENARY_SESSION: { precision: 0.81, recall: 0.72 }, // target recall 0.8: not met when strict
  CAMPAIGN: { precision: 0.81, recall: 0.87 },
};

describe('ingest evaluation, strict (names, aliases and links only)', () => {
  let report: EvalReport;
  it('runs', { timeout: 120_000 }, () => {
    report = evaluateCorpus(DATA, true, GOLD);
    expect(report.documents).toBe(5);
  });
  for (const [kind, floor] of Object.entries(STRICT_FLOORS)) {
    it(`${kind}: precision ≥ ${floor.precision}, recall ≥ ${floor.recall}`, () => {
      expect(report.kinds[kind]?.precision).toBeGreaterThanOrEqual(floor.precision);
      expect(report.kinds[kind]?.recall).toBeGreaterThanOrEqual(floor.recall);
    });
  }
  it('never scores above the lenient evaluation', () => {
    const lenient = evaluateCorpus(DATA, false, GOLD);
    for (const kind of Object.keys(STRICT_FLOORS)) {
      expect(report.kinds[kind]?.recall).toBeLessThanOrEqual(lenient.kinds[kind]?.recall ?? 0);
    }
  });
});
