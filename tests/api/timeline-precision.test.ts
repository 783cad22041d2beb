/** How a date's precision meets a timeline window (issue 18), on the bundled data. */
import { describe, expect, it } from 'vitest';
import { errorCodes, execute, query } from '../helpers/graphql.js';

interface Entry {
  entity: { id: string };
  date: { text: string; precision: string };
  withinWindow: boolean;
}

describe('timeline: precision against the window', () => {
  it('a one-day window puts the session of that day first, before year-dated entities that only overlap it', async () => {
    const data = await query(`{
      timeline(from: "2023-01-08", to: "2023-01-08") { entity { id } date { text precision } withinWindow }
    }`);
    const entries: Entry[] = data.timeline;
    expect(entries[0]).toEqual({
      entity: { id: 'session/national-public-security-directors-conference-2023' },
      date: { text: '2023-01-08', precision: 'DAY' },
      withinWindow: true,
    });
    const rest = entries.slice(1);
    expect(rest.length).toBeGreaterThan(10);
    for (const e of rest) {
      expect(e.withinWindow).toBe(false);
      expect(e.date.precision).not.toBe('DAY');
    }
  });

  it('minPrecision keeps only dates at least that precise', async () => {
    const data = await query(`{
      day: timeline(from: "2023-01-08", to: "2023-01-08", minPrecision: DAY) { entity { id } withinWindow }
      month: timeline(from: "2023", to: "2023", minPrecision: MONTH) { date { precision } withinWindow }
      year: timeline(from: "2023", to: "2023", minPrecision: YEAR) { date { precision } }
    }`);
    expect(data.day).toEqual([
      { entity: { id: 'session/national-public-security-directors-conference-2023' }, withinWindow: true },
    ]);
    expect(data.month.length).toBeGreaterThan(3);
    for (const e of data.month) expect(['MONTH', 'DAY']).toContain(e.date.precision);
    // Within a year window every 2023 date lies inside it.
    expect(data.month.every((e: { withinWindow: boolean }) => e.withinWindow)).toBe(true);
    expect(data.year.length).toBeGreaterThan(data.month.length);
  });

  it('without a window every entry is within it and the order is by date', async () => {
    const data = await query('{ timeline(limit: 500) { date { text } withinWindow } }');
    expect(data.timeline.every((e: { withinWindow: boolean }) => e.withinWindow)).toBe(true);
    const firsts = data.timeline.map((e: { date: { text: string } }) => e.date.text.slice(0, 4));
    expect(firsts).toEqual([...firsts].sort());
  });

  it('an unknown precision is a validation error', async () => {
    const result = await execute('{ timeline(minPrecision: WEEK) { withinWindow } }');
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
