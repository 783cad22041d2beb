/**
 * The real-article evaluator (eval-ingest --real): the split rule, that an article of the
 * other split is never read, and the outcome matching rules, on the constructed paragraph of
 * issue 15 (tests/fixtures/ingest/real-eval/), not on the real articles.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { evaluateReal, metricsAgree, selectArticles, timesAgree, unitsAgree } from '../../src/ingest/evaluate-real.js';
import { copyKeepingOnly, FIRST_FIVE_DOCUMENTS, removeDir } from '../../src/ingest/holdout.js';
import { articlesInSplit, loadArticle, splitOf } from '../../src/ingest/real-set.js';

const DIR = resolve(import.meta.dirname, '../fixtures/ingest/real-eval');
const DATA = resolve(import.meta.dirname, '../../graph-data');

describe('real-article split', () => {
  it('puts an article in dev when sha256(source) starts with 0-7', () => {
    expect(splitOf('https://example.org/constructed/paragraph-2')).toBe('dev'); // 7…
    expect(splitOf('https://example.org/constructed/paragraph-1')).toBe('test'); // 9…
  });
  it('lists only the articles of the split asked for, and refuses to load another', () => {
    expect(articlesInSplit(DIR, 'dev')).toEqual(['2024-08-01-safe-harbour']);
    expect(articlesInSplit(DIR, 'test')).toEqual(['2024-08-01-other-split']);
    expect(() => loadArticle(DIR, '2024-08-01-other-split', 'dev')).toThrow(/not in the dev split/);
  });
});

describe('outcome matching rules', () => {
  it('metric words: half the annotated words, a third of the proposed ones', () => {
    expect(metricsAgree('pension fraud cases solved', 'pension fraud cases solved')).toBe(true);
    expect(metricsAgree('cases solved', 'criminal cases cracked')).toBe(false);
    expect(metricsAgree('criminal cases cracked nationwide', 'criminal cases cracked')).toBe(true);
    expect(metricsAgree('percent', 'criminal cases cracked')).toBe(false);
    expect(metricsAgree('women', 'abducted women freed')).toBe(false);
  });
  it('units: percent with percent, a currency with itself, counts by their words', () => {
    expect(unitsAgree({ unit: 'percent', metric: 'x' }, { unit: 'percent', metric: 'y' })).toBe(true);
    expect(unitsAgree({ unit: 'yuan', metric: 'x' }, { unit: 'percent', metric: 'y' })).toBe(false);
    expect(unitsAgree({ unit: 'RMB', metric: 'x' }, { unit: 'yuan', metric: 'y' })).toBe(true);
    expect(
      unitsAgree(
        { unit: 'suspects', metric: 'criminal suspects arrested' },
        { unit: 'people', metric: 'criminal suspects arrested' },
      ),
    ).toBe(true);
    expect(unitsAgree({ unit: 'gangs', metric: 'gangs' }, { unit: 'cases', metric: 'cases solved' })).toBe(false);
  });
  it('time: endpoints at month precision, a January-December period is its year', () => {
    expect(timesAgree({ year: '2024' }, { year: '2024' })).toBe(true);
    expect(timesAgree({ year: '2024' }, { period: { start: '2024-01', end: '2024-06' } })).toBe(false);
    expect(timesAgree({ period: { start: '2024-01', end: '2024-12' } }, { year: '2024' })).toBe(true);
    expect(
      timesAgree(
        { period: { start: '2022-06-25', end: '2022-07' } },
        { period: { start: '2022-06', end: '2022-07-31' } },
      ),
    ).toBe(true);
    expect(timesAgree({ period: { end: '2010-09' } }, { period: { start: '2009-04', end: '2010-09' } })).toBe(false);
    expect(timesAgree({}, {})).toBe(true);
  });
});

describe('eval-ingest --real on the constructed paragraph', () => {
  it('scores each kind, the groups and relations, on dev only', () => {
    const r = evaluateReal(loadGraphData(DATA), DIR, 'dev');
    expect(r.articles).toEqual(['2024-08-01-safe-harbour']);
    for (const k of ['ORGAN', 'CAMPAIGN', 'OUTCOME', 'CAMPAIGN+REFORM', 'ORGAN+PLENARY_SESSION']) {
      expect(r.kinds[k]).toBeDefined();
    }
    expect(r.kinds.OUTCOME?.gold).toBe(5);
    expect(r.kinds.ORGAN?.tp).toBe(1);
    expect(r.msPerDocument.max).toBeGreaterThan(0);
  });
});

describe('the five-document graph (eval-ingest --real --graph-docs first5)', () => {
  it('keeps only what was curated from the five first documents, so dev articles cannot link to their own curation', () => {
    const copy = copyKeepingOnly(DATA, FIRST_FIVE_DOCUMENTS);
    try {
      const full = loadGraphData(DATA);
      const five = loadGraphData(copy);
      const docs = (s: typeof five) => new Set([...s.entities()].flatMap((e) => e.evidence.map((ev) => ev.document)));
      expect([...docs(five)].sort()).toEqual([...FIRST_FIVE_DOCUMENTS].sort());
      expect(docs(full).size).toBeGreaterThan(5);
      expect([...five.entities()].length).toBeLessThan([...full.entities()].length);
    } finally {
      removeDir(copy);
    }
  });
});

describe('eval-ingest --real --articles / --exclude (an inner holdout inside dev)', () => {
  it('scores only the named articles, or all but the excluded ones', () => {
    const snap = loadGraphData(DATA);
    expect(evaluateReal(snap, DIR, 'dev', { only: ['2024-08-01-safe-harbour'] }).articles).toEqual([
      '2024-08-01-safe-harbour',
    ]);
    expect(evaluateReal(snap, DIR, 'dev', { exclude: ['2024-08-01-safe-harbour'] }).articles).toEqual([]);
  });
  it('refuses a name that is not an article of the split, so the other split is never read', () => {
    expect(selectArticles(['a', 'b'], { only: ['a'] }, 'dev')).toEqual(['a']);
    expect(selectArticles(['a', 'b'], { exclude: ['a'] }, 'dev')).toEqual(['b']);
    expect(() => selectArticles(['a'], { only: ['typo'] }, 'dev')).toThrow(/not articles of the dev split: typo/);
    const snap = loadGraphData(DATA);
    expect(() => evaluateReal(snap, DIR, 'dev', { only: ['2024-08-01-other-split'] })).toThrow(/not articles/);
  });
});

describe('eval-ingest --real: why a found value did not count', () => {
  it('says for each annotated outcome whose value was found unpaired whether the time, the metric or both disagreed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'real-eval-lost-'));
    try {
      cpSync(DIR, dir, { recursive: true });
      const file = join(dir, '2024-08-01-safe-harbour.yaml');
      const gold = readFileSync(file, 'utf8')
        // 48,000: the annotated period ends a month earlier than the text's, so only the time disagrees.
        .replace(
          'period: { start: 2024-01, end: 2024-06 }\n    quote: "From January',
          'period: { start: 2024-01, end: 2024-05 }\n    quote: "From January',
        )
        // 61,000: another metric, same time.
        .replace(
          'metric: criminal suspects arrested\n    value: 61000',
          'metric: suspects detained abroad\n    value: 61000',
        )
        // 9.6 billion: both.
        .replace('metric: losses recovered', 'metric: fines imposed on platforms')
        .replace(
          'period: { start: 2024-01, end: 2024-06 }\n    quote: "a total of',
          'year: 2023\n    quote: "a total of',
        );
      writeFileSync(file, gold);
      const r = evaluateReal(loadGraphData(DATA), dir, 'dev');
      expect(r.outcomeValues).toEqual({ found: 5, gold: 5 });
      expect(r.kinds.OUTCOME?.tp).toBe(2);
      expect(r.outcomeValuesLost).toEqual({ time: 1, metric: 1, both: 1 });
      const items = r.perArticle[0]?.details.lostItems ?? [];
      expect(items).toHaveLength(3);
      expect(items.find((l) => l.includes('(48000)'))).toMatch(/time 2024-01\.\.2024-06, annotated 2024-01\.\.2024-05/);
      expect(items.find((l) => l.includes('(61000)'))).toMatch(/: metric "/);
      expect(items.find((l) => l.includes('(9600000000)'))).toMatch(/and time .*annotated 2023/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
