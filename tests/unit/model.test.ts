import { describe, expect, it } from 'vitest';
import { closestMatch, explainMiss, locateQuote } from '../../src/graph/quotes.js';
import { normaliseName, SearchIndex } from '../../src/graph/search.js';
import { comparePartialDates, dateBounds, parsePartialDate } from '../../src/model/dates.js';
import { ontologyViolation } from '../../src/model/ontology.js';
import type { EntityRecord } from '../../src/model/records.js';

describe('partial dates', () => {
  it('keeps the precision the text gives', () => {
    expect(parsePartialDate('2015')).toMatchObject({ precision: 'YEAR', year: 2015 });
    expect(parsePartialDate('2015-05')).toMatchObject({ precision: 'MONTH', month: 5 });
    expect(parsePartialDate('2015-05-29')).toMatchObject({ precision: 'DAY', day: 29 });
  });
  it('rejects impossible dates', () => {
    for (const bad of ['2015-13', '2015-02-30', '15', '2015/05/29', '2015-5']) expect(parsePartialDate(bad)).toBeNull();
    expect(parsePartialDate('2024-02-29')).not.toBeNull();
  });
  it('orders by first day, coarser first', () => {
    const d = (s: string) =>
      parsePartialDate(s) ??
      (() => {
        throw new Error(s);
      })();
    expect(comparePartialDates(d('2015'), d('2015-01-01'))).toBeLessThan(0);
    expect(comparePartialDates(d('2015-05-29'), d('2015-06'))).toBeLessThan(0);
    expect(dateBounds(d('2023-02'))).toEqual({ first: '2023-02-01', last: '2023-02-28' });
  });
});

describe('quotes', () => {
  const text = 'He said “cleaning the Internet” works. Then he said it again: “cleaning the Internet”.';
  it('finds the n-th occurrence', () => {
    expect(locateQuote(text, 'cleaning the Internet', 2)?.start).toBe(text.lastIndexOf('cleaning the Internet'));
    expect(locateQuote(text, 'cleaning the Internet')?.occurrences).toBe(2);
    expect(locateQuote(text, 'cleaning the Internet', 3)).toBeNull();
  });
  it('explains a near miss with the first differing character', () => {
    expect(closestMatch(text, 'He said "cleaning the Internet" works.')?.start).toBe(0);
    expect(explainMiss(text, 'He said "cleaning the Internet" works.')).toMatch(
      /differs only in quote marks or spacing/,
    );
    expect(explainMiss(text, 'completely unrelated sentence about tax policy')).toMatch(/no passage is close/);
  });
});

describe('search ranking', () => {
  const entity = (id: string, name: string, aliases: string[] = [], nameZh?: string) =>
    ({ id, kind: 'ORGAN', name, aliases, nameZh, evidence: [], file: 'x' }) as unknown as EntityRecord;
  const index = new SearchIndex([
    entity('organ/mps', 'Ministry of Public Security', ['MPS'], '公安部'),
    entity('organ/mst', 'Ministry of Science and Technology'),
    entity('organ/psb', 'Public Security Bureau of Beijing'),
  ]);
  it('ranks exact above prefix above word above fuzzy', () => {
    expect(index.search('MPS')[0]).toMatchObject({ matchType: 'EXACT', matchedOn: 'ALIAS' });
    expect(index.search('公安部')[0]).toMatchObject({ matchType: 'EXACT', matchedOn: 'NAME_ZH' });
    const ministry = index.search('ministry');
    expect(ministry.map((h) => h.matchType)).toEqual(['PREFIX', 'PREFIX']);
    expect(index.search('public security').map((h) => h.entity.id)).toEqual(['organ/psb', 'organ/mps']);
    expect(index.search('Minstry of Public Securty')[0]).toMatchObject({
      matchType: 'FUZZY',
      entity: { id: 'organ/mps' },
    });
  });
  it('finds Chinese words inside longer Chinese names, highlighting them exactly', () => {
    const zh = new SearchIndex([
      entity('organ/prc-mps', 'Ministry of Public Security of the PRC', [], '中华人民共和国公安部'),
      entity('organ/other', 'Other', [], '国务院'),
    ]);
    for (const q of ['公安部', '公安', '人民']) {
      const [hit, ...rest] = zh.search(q);
      expect(hit).toMatchObject({ matchedOn: 'NAME_ZH', matchType: 'SUBSTRING', entity: { id: 'organ/prc-mps' } });
      expect(hit?.highlights.map((x) => hit.matchedText.slice(x.start, x.end))).toEqual([q]);
      expect(rest).toEqual([]);
    }
  });
  it('normalises case, quotes and punctuation', () => {
    expect(normaliseName('“Cleaning the Internet”')).toBe('cleaning the internet');
  });
});

describe('ontology', () => {
  it('says why a relation may not join two kinds', () => {
    expect(ontologyViolation('LAUNCHED', 'ORGAN', 'CAMPAIGN')).toBeNull();
    expect(ontologyViolation('PRODUCED', 'ORGAN', 'OUTCOME')).toMatch(/not ORGAN to OUTCOME/);
    expect(ontologyViolation('PART_OF', 'ORGAN', 'REFORM')).toMatch(/same kind/);
  });
});
