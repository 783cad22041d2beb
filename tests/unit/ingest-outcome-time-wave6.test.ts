/**
 * Wave 6 (issue 15 item 2): the time of an outcome, from shapes any press report uses, each on
 * an invented sentence (every test is published Saturday 2023-06-10).
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const outcome = (text: string, value: number) =>
  extractInvented(text, 'time-wave6')
    .entities.filter((e) => e.kind === 'OUTCOME')
    .find((e) => e.fields.value === value)?.fields;
const month = (d: unknown) => String(d).slice(0, 7);

describe('time: abbreviated months ("Sept. 30")', () => {
  it('a range between abbreviated months is the figures’ period', () => {
    const f = outcome(
      'Border police ran raids on smuggling rings between Feb. 6 and Apr. 30, seizing 2,400 kilograms of contraband.',
      2400,
    );
    const p = f?.period as { start?: string; end?: string } | undefined;
    expect(month(p?.start)).toBe('2023-02');
    expect(month(p?.end)).toBe('2023-04');
  });
  it('"since Mar." opens a period that runs to the report', () => {
    expect(outcome('Since Mar. 1, forestry police have solved 730 logging cases.', 730)?.period).toEqual({
      start: '2023-03-01',
      end: '2023-06',
    });
  });
});

describe('time: the report’s year is not the last year named', () => {
  it('a cut-off day without a year ("by May 15") is the last such day up to the report', () => {
    const f = outcome(
      'The hotline opened in April 2019.\n\nBy May 15, it had taken 8,600 calls about missing pets.',
      8600,
    );
    expect(month((f?.period as { end?: string } | undefined)?.end)).toBe('2023-05');
  });
  it('a baseline year ("than in the same period of 2021") does not date the next sentence', () => {
    const f = outcome(
      'Burglaries fell 12 percent from March to May, compared with the same period of 2021. Since April, police have recovered 340 stolen cars.',
      340,
    );
    expect(f?.period).toEqual({ start: '2023-04', end: '2023-06' });
  });
  it('"this year" is the report’s year, even after a sentence about an earlier one', () => {
    // Wave 7: at a mid-year report "this year" runs from January to the report (NOTES-s26a3 "Periods").
    const f = outcome('The drive against poaching began in 2021. This year, rangers have caught 520 poachers.', 520);
    expect(f?.period).toEqual({ start: '2023-01', end: '2023-06' });
  });
  it('"the first five months this year" (no "of") is a period of the report’s year', () => {
    const f = outcome(
      'Thefts dropped compared with 2020. In the first five months this year, police caught 1,150 pickpockets.',
      1150,
    );
    expect(f?.period).toEqual({ start: '2023-01', end: '2023-05' });
  });
});

describe('time: months counted from a campaign’s launch', () => {
  it('"during the first four months of the campaign" runs from its launch', () => {
    const f = outcome(
      'A campaign against illegal fishing was launched in January. During the first four months of the campaign, police seized 1,300 illegal nets.',
      1300,
    );
    expect(f?.period).toEqual({ start: '2023-01', end: '2023-04' });
  });
});

describe('time: the year so far and spans of years', () => {
  it('"since the beginning of this year" runs from its January to the report', () => {
    expect(
      outcome('Since the beginning of this year, customs police have seized 610 fake passports.', 610)?.period,
    ).toEqual({ start: '2023-01', end: '2023-06' });
  });
  it('"so far this year" runs from January to the report', () => {
    expect(outcome('So far this year, traffic police have revoked 2,750 driving licences.', 2750)?.period).toEqual({
      start: '2023-01',
      end: '2023-06',
    });
  });
  it('"the 2019-2021 period" is a span of years', () => {
    expect(
      outcome('In the 2019-2021 period, railway police returned 380 lost children to their parents.', 380)?.period,
    ).toEqual({ start: '2019', end: '2021' });
  });
});

describe('time: the past decade', () => {
  it('"over the past decade" is the ten years up to the report', () => {
    // Counted back from the report month, as NOTES-s26a3 "Periods" does for "the past three years".
    expect(outcome('Over the past decade, water police have rescued 1,940 swimmers.', 1940)?.period).toEqual({
      start: '2013-06',
      end: '2023-06',
    });
  });
});
