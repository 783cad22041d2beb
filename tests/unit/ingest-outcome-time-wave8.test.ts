/**
 * Times and metric words of outcome candidates, eighth wave (issue 15): shapes in which a found
 * figure's period or metric disagreed with the annotation, each on an invented sentence (published 2023-06-10).
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const outcome = (text: string, value: number) =>
  extractInvented(text, 'wave8-time')
    .entities.filter((e) => e.kind === 'OUTCOME')
    .map((e) => e.fields)
    .find((f) => f.value === value);
const time = (text: string, value: number) => {
  const f = outcome(text, value);
  return { year: f?.year, period: f?.period };
};

describe('when a campaign began', () => {
  it('the day the news was told is not the launch: "On June 8, X learned that since March, …"', () => {
    const text =
      'On June 8, reporters learned from the ministry that since March, police in nine provinces have carried out a special campaign against river pollution.\nThe ministry has made the campaign a key task. It has supervised 12 major cases.';
    expect(time(text, 12)).toEqual({ year: undefined, period: { start: '2023-03', end: '2023-06' } });
  });
  it('"Since the launch of the campaign" with no launch date counts to the report', () => {
    const text =
      'At a press conference on June 8, the city police reported the results of their summer campaign. Since the launch of the campaign, they have detected 4,321 cases.';
    expect(time(text, 4321)).toEqual({ year: undefined, period: { end: '2023-06' } });
  });
});

describe('the day of an action told in the sentence before', () => {
  it('"carried out an operation on the night of June 3. The operation led to …": that month', () => {
    const text =
      'Police in the city carried out a concentrated clean-up operation on the night of June 3. The operation led to the arrest of 512 suspects.';
    expect(time(text, 512)).toEqual({ year: undefined, period: { start: '2023-06', end: '2023-06' } });
  });
  it('a press conference day is no action day: the figures keep their year', () => {
    const text = 'The city police held a press conference on June 3. Police have arrested 512 suspects.';
    expect(time(text, 512).period).not.toEqual({ start: '2023-06', end: '2023-06' });
  });
});

describe('metric words of a level after a change', () => {
  it('"the amount of X rose P percent year on year to N tons": N tons of X', () => {
    const text = 'In 2022, the amount of heroin seized in the province rose 12.5 percent year on year to 3.2 tons.';
    expect(outcome(text, 3.2)?.metricText).toMatch(/^heroin seized/);
  });
});

describe('metric words of a baseline measure', () => {
  it('"seized 8.2 tonnes of heroin, up 20 percent compared with 6.8 tonnes in 2021": heroin too', () => {
    const text =
      'Police in the province seized 8.2 tonnes of heroin in 2022, up 20 percent compared with 6.8 tonnes in 2021.';
    const main = outcome(text, 8.2)?.metricText;
    expect(main).toMatch(/heroin/);
    expect(outcome(text, 6.8)?.metricText).toBe(main);
  });
});

describe('a reduced relative clause after the counted noun', () => {
  it('"seized 310 tons of chemicals used in the production of drugs": the verb is "seized"', () => {
    const text = 'In 2022, customs officers seized 310 tons of chemicals used in the production of drugs.';
    const m = outcome(text, 310)?.metricText ?? '';
    expect(m).toMatch(/^chemicals used in .*production/);
    expect(m).toMatch(/seized$/);
  });
});

describe('nouns joined before the verb of a figure that opens its clause', () => {
  it('"A total of 12 synthetic opioids and sedatives were banned": both nouns are counted', () => {
    const text = 'In 2022, a total of 12 synthetic opioids and sedatives were banned by the authorities.';
    expect(outcome(text, 12)?.metricText).toMatch(/^synthetic opioids and sedatives/);
  });
});
