/**
 * Leave-one-document-out on the five corpus documents. The floors are the figures measured
 * when the extractor was written (rounded down), so a change that loses ground fails here.
 * Issue targets: outcome recall ≥ 0.9, organ/session/campaign recall ≥ 0.8, precision ≥ 0.8;
 * where a floor sits below its target the extractor has not reached it yet.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EvalReport, evaluateCorpus } from '../../src/ingest/evaluate.js';

const DATA = resolve(import.meta.dirname, '../../graph-data');

const FLOORS: Record<string, { precision: number; recall: number }> = {
  OUTCOME: { precision: 0.8, recall: 0.85 }, // target recall 0.9: not reached
  ORGAN: { precision: 0.8, recall: 0.53 }, // target recall 0.8: not reached
  PLENARY_SESSION: { precision: 1, recall: 0.72 }, // target recall 0.8: not reached
  CAMPAIGN: { precision: 1, recall: 0.62 }, // target recall 0.8: not reached
  PERSON: { precision: 1, recall: 0.83 },
  LAW: { precision: 1, recall: 0.5 },
};

describe('ingest evaluation (leave one document out)', () => {
  let report: EvalReport;
  it('runs over the five corpus documents', () => {
    report = evaluateCorpus(DATA);
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
    expect(report.kinds.OUTCOME?.exactShare).toBeGreaterThanOrEqual(0.9);
  });
  it('relations: precision stays at its measured floor', () => {
    expect(report.relations.precision).toBeGreaterThanOrEqual(0.6);
  });
});
