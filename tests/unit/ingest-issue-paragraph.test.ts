/**
 * The constructed paragraph of issue 15 (published 2024-08-01) and the proposals the issue
 * expects from it: named metrics, "respectively" resolved into year-on-year changes, the
 * January-June period, money with its multiplier, no scope count, the campaign's launch
 * month, and no relation from the byline's reporter.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { extract } from '../../src/ingest/extract.js';
import { parsePartialDate } from '../../src/model/dates.js';

const DATA = resolve(import.meta.dirname, '../../graph-data');
const TEXT = readFileSync(
  resolve(import.meta.dirname, '../fixtures/ingest/real-eval/2024-08-01-safe-harbour.txt'),
  'utf8',
);
const x = extract(loadGraphData(DATA), TEXT, {
  documentId: 'safe-harbour',
  published: parsePartialDate('2024-08-01') ?? undefined,
});
const outcomes = x.entities.filter((e) => e.kind === 'OUTCOME');
const outcome = (value: number) => outcomes.find((o) => o.fields.value === value);
const H1 = { start: '2024-01', end: '2024-06' };

describe('issue 15 paragraph', () => {
  it('names each figure’s metric, unit and the January-June period', () => {
    expect(outcome(48000)?.fields).toMatchObject({ metric: 'pension-fraud-cases-solved', unit: 'cases', period: H1 });
    expect(outcome(61000)?.fields).toMatchObject({
      metric: 'criminal-suspects-arrested',
      unit: 'suspects',
      period: H1,
    });
    expect(outcome(48000)?.fields.qualifier).toBe('EXACT');
  });
  it('resolves "23.5% and 37.2% year-on-year respectively" into changes of those two figures', () => {
    expect(outcome(23.5)?.fields).toMatchObject({
      metric: 'pension-fraud-cases-solved',
      unit: 'percent',
      direction: 'INCREASE',
      period: H1,
      change: { kind: 'YEAR_ON_YEAR', direction: 'INCREASE' },
    });
    expect(outcome(37.2)?.fields).toMatchObject({
      metric: 'criminal-suspects-arrested',
      direction: 'INCREASE',
      period: H1,
    });
  });
  it('keeps money with its multiplier and "a total of"', () => {
    expect(outcome(9.6e9)?.fields).toMatchObject({ unit: 'yuan', qualifier: 'A_TOTAL_OF', metric: 'losses-recovered' });
  });
  it('proposes no outcome for the scope "all 14 prefecture-level cities", and no "Percent"/"Increase" names', () => {
    expect(outcome(14)).toBeUndefined();
    expect(outcomes.map((o) => o.name).join('|')).not.toMatch(/^Percent|\|Percent|Increase/);
    expect(outcomes).toHaveLength(5);
  });
  it('finds the campaign once, with its launch month', () => {
    const campaigns = x.entities.filter((e) => e.kind === 'CAMPAIGN');
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]?.fields.start).toBe('2024-03');
  });
  it('gives the byline reporter no relation; the ministry that held the press conference reported the figures', () => {
    const li = x.entities.find((e) => e.kind === 'PERSON' && e.name === 'Li Ming');
    expect(x.relations.filter((r) => r.source === li?.id)).toEqual([]);
    const reported = x.relations.filter((r) => r.type === 'REPORTED');
    expect(reported.length).toBe(5);
    expect(new Set(reported.map((r) => r.source))).toEqual(new Set(['organ/ministry-of-public-security']));
  });
  it('every candidate carries a rule and a confidence, and quotes start on text, not blank lines', () => {
    for (const e of x.entities) {
      expect(e.rule).toBeTruthy();
      expect(e.confidence).toBeGreaterThan(0);
      for (const ev of e.evidence) expect(ev.quote).toBe(ev.quote.trim());
    }
  });
});
