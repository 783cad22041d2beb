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

/**
 * Wave 5: the time a figure covers, from the shapes a press report uses to say it (published
 * Saturday 2023-06-10 in every test).
 */
describe('time: what is not the figures’ time', () => {
  it('a dateline ("Shenzhen, June 8 (Reporter …)") is when the report was filed', () => {
    expect(
      outcome(
        'Shenzhen, June 8 (Reporter Wang Fang) Police have seized 1,200 kilograms of fake medicine in a drive that started in March, the bureau said.',
        1200,
      )?.period,
    ).toEqual({ start: '2023-03', end: '2023-06' });
  });
  it('"learned from <organ> on <date>" is when the news was told', () => {
    const text =
      'In January, the provincial police launched a special operation against smuggling.\n\nThe Evening News learned from the Provincial Public Security Department on June 2 that since the launch of the special operation, police have arrested 2,345 smugglers.';
    expect(outcome(text, 2345)?.period).toEqual({ start: '2023-01', end: '2023-06' });
  });
  it('a year that ends a campaign name ("Iron Shield 2022") does not date its launch', () => {
    const text =
      'Police launched the “Iron Shield 2022” operation in April.\n\nDuring the operation, 850 poachers were caught.';
    expect(outcome(text, 850)?.period).toEqual({ start: '2023-04', end: '2023-06' });
  });
  it('a month later in the year than the report is last year’s ("launched in September", published in June)', () => {
    expect(
      outcome('Since the crackdown was launched in September, police have arrested 1,800 loan sharks.', 1800)?.period,
    ).toEqual({ start: '2022-09', end: '2023-06' });
  });
});

describe('time: periods a report names in words', () => {
  it('"Throughout the year" is the year the text is about', () => {
    const f = outcome(
      'In 2022, border police stepped up patrols.\n\nThroughout the year, 4,300 smuggling cases were solved.',
      4300,
    );
    expect(f?.year).toBe('2022');
    expect(f?.period).toBeUndefined();
  });
  it('"this week" runs from its Monday to the report', () => {
    expect(outcome('Police rescued 45 trafficked women in raids this week.', 45)?.period).toEqual({
      start: '2023-06-05',
      end: '2023-06-10',
    });
  });
});

describe('metric words: what the counted noun phrase holds', () => {
  it('coordinated verbs and their particles name the act ("shut down or suspended", "cleaned up")', () => {
    expect(outcome('In 2022, police shut down or suspended more than 2,100 gambling websites.', 2100)?.metricText).toBe(
      'gambling websites shut down or suspended',
    );
    expect(outcome('In 2022, customs officers cleaned up 35,000 fake listings.', 35000)?.metricText).toBe(
      'fake listings cleaned up',
    );
  });
  it('"according to law" after the noun is no part of it', () => {
    const f = outcome('In 2022, inspectors interviewed 800 landlords according to law.', 800);
    expect(f?.unit).toBe('landlords');
    expect(String(f?.metricText)).not.toMatch(/according/);
  });
  it('"related to X" keeps what the counted things concern, with the noun as the unit', () => {
    const f = outcome('In 2022, 5,200 cases related to illegal mining were solved.', 5200);
    expect(f?.unit).toBe('cases');
    expect(f?.metricText).toBe('cases related to illegal mining solved');
  });
  it('two adjectives joined by "and" before their noun are one noun phrase', () => {
    const f = outcome('In 2022, regulators removed 9,000 fraudulent and abusive mobile apps.', 9000);
    expect(f?.unit).toBe('apps');
    expect(f?.metricText).toBe('fraudulent and abusive mobile apps removed');
  });
  it('"with <what they had>" qualifies the counted noun', () => {
    expect(outcome('In 2022, police fined 700 drivers with expired licences.', 700)?.metricText).toBe(
      'drivers with expired licences fined',
    );
  });
  it('money after "involving" is the money the counted things involved', () => {
    const f = outcome('In 2022, police solved 312 smuggling cases involving 4.5 billion yuan.', 4500000000);
    expect(f?.unit).toBe('yuan');
    expect(f?.metricText).toBe('money involved in smuggling cases solved');
  });
  it('what "will be" done is a plan, not a result', () => {
    expect(outcome('By the end of this year, 12 new border checkpoints will be opened.', 12)).toBeUndefined();
  });
});

describe('time: parts of the year and months with a figure after them', () => {
  it('"the first half of the year" and "the first three quarters" are periods of the year in hand', () => {
    expect(
      outcome('In the first half of the year, 12,400 counterfeit banknotes were seized across the province.', 12400)
        ?.period,
    ).toEqual({ start: '2023-01', end: '2023-06' });
    expect(outcome('Police dismantled 230 gangs in the first three quarters, the ministry said.', 230)?.period).toEqual(
      {
        start: '2023-01',
        end: '2023-09',
      },
    );
  });
  it('"since the campaign began in March, 4,700 …": the figure after the comma is no day of March', () => {
    expect(
      outcome('Since the campaign began in March, 4,700 illegal miners have been detained.', 4700)?.period,
    ).toEqual({ start: '2023-03', end: '2023-06' });
  });
});

describe('metric words: what is not part of them', () => {
  it('"last year" after the noun is its time, not its unit', () => {
    const f = outcome(
      'The anti-fraud centre intercepted 1.2 million fraudulent calls and 800,000 text messages last year.',
      800000,
    );
    expect(f?.unit).toBe('messages');
    expect(f?.year).toBe('2022');
  });
  it('money "of" a verb\'s noun is named by that noun and verb once ("losses recovered")', () => {
    expect(
      outcome('Last year, the campaign recovered losses of 3.2 billion yuan for victims.', 3200000000)?.metricText,
    ).toBe('losses recovered');
  });
});

describe('time: a lead that sums up a campaign launched later in the report', () => {
  it('counts from the launch a later sentence gives', () => {
    const text =
      'Police have arrested 1,300 loan sharks, the bureau said on Friday.\n\nThe special campaign, launched by the bureau in February, targets illegal lending.';
    expect(outcome(text, 1300)?.period).toEqual({ start: '2023-02', end: '2023-06' });
  });
});

describe('plans and translated results', () => {
  it('"will be" after a past year is a result as translated, not a plan', () => {
    expect(outcome('In 2021, more than 5,000 fake licences will be revoked.', 5000)?.year).toBe('2021');
  });
});
