/**
 * Outcome naming that does not lean on any article's words (issue 15, fourth wave), each
 * checked on an invented sentence: who said a figure is not what it counts, a verb's dangling
 * preposition is no part of a metric, "since … in YEAR" opens a period, and places a campaign
 * covered are its scope, not its result.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const outcomes = (text: string) =>
  extractInvented(text, 'shapes')
    .entities.filter((e) => e.kind === 'OUTCOME')
    .map((e) => e.fields);
const outcome = (text: string, value: number) => outcomes(text).find((f) => f.value === value);

describe('metric words', () => {
  it('the reporting clause before a percentage is not part of its metric', () => {
    const f = outcome('The bureau said 64 percent of the bicycle thefts happened at night.', 64);
    expect(f?.unit).toBe('percent');
    expect(String(f?.metricText)).not.toMatch(/\b(?:bureau|said)\b/);
    expect(String(f?.metricText)).toMatch(/bicycle thefts/);
  });
  it('a preposition left hanging by the verb is dropped', () => {
    expect(outcome('Last year 640 smugglers were brought back from 21 countries.', 640)?.metricText).toBe(
      'smugglers brought back',
    );
  });
});

describe('time', () => {
  it('"since the service was launched in YEAR" opens a period that runs to the report', () => {
    expect(
      outcome(
        'More than 9 million drivers have renewed licences online since the service was launched in 2019.',
        9000000,
      )?.period,
    ).toEqual({ start: '2019', end: '2023-06' });
  });
});

describe('scope is not a result', () => {
  it('places a campaign covered or spanned', () => {
    const values = outcomes('In 2022 the drive covered 28 provinces, and police caught 3,000 smugglers.').map(
      (f) => f.value,
    );
    expect(values).toEqual([3000]);
  });
});
