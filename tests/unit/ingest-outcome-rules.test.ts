/**
 * Outcome rules (issue 15, metric naming and attachment) written as shapes of the genre, checked
 * on constructed sentences that no article of the real set contains: invented figures, nouns and
 * wordings, so a rule keyed to one article's phrasing would fail here.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

/** Published on a Saturday, so weekdays resolve to the days before. */
const run = (text: string) => extractInvented(text, 'outcome-shapes');
const outcomes = (text: string) =>
  run(text)
    .entities.filter((e) => e.kind === 'OUTCOME')
    .map((e) => e.fields as Record<string, unknown>);
const outcome = (text: string, value: number) => outcomes(text).find((f) => f.value === value);
const values = (text: string) => outcomes(text).map((f) => f.value);

describe('the counted noun phrase', () => {
  it('keeps a quoted modifier before its noun, and a domain after "in the field of"', () => {
    expect(outcome('Police solved 312 “fake lottery” fraud cases in 2022.', 312)).toMatchObject({
      unit: 'cases',
      metricText: 'fake lottery fraud cases solved',
    });
    expect(outcome('Police solved 7,300 criminal cases in the field of food safety in 2022.', 7300)).toMatchObject({
      unit: 'cases',
      metricText: 'criminal cases in the field of food safety solved',
    });
  });
  it('an amount after "of" qualifies the noun, and a change of it shares the metric', () => {
    const text =
      'In 2022 a total of 381 cases involving losses of more than one million yuan were cracked, an increase of 20.5% year-on-year.';
    expect(outcome(text, 381)?.metricText).toBe('cases involving losses of more than one million yuan cracked');
    expect(outcome(text, 20.5)?.metricText).toBe('cases involving losses of more than one million yuan cracked');
  });
  it('"suspects at large" counts suspects, and a place before the verb does not hide it', () => {
    expect(outcome('In 2021, 3,200 suspects at large were caught.', 3200)).toMatchObject({
      unit: 'suspects',
      metricText: 'suspects at large caught',
    });
    expect(
      String(
        outcome('By 2022, 2.3 million people across the country have received new identity cards.', 2300000)
          ?.metricText,
      ),
    ).toMatch(/^people received new identity cards/);
  });
});

describe('the verb that says what was done', () => {
  it('an active verb keeps what completes it after its object', () => {
    expect(outcome('Police put 2,300 smugglers under criminal detention in 2021.', 2300)?.metricText).toBe(
      'smugglers put under criminal detention',
    );
    expect(
      outcome('Police arrested 700 suspects in 90 cases for selling counterfeit medicine in 2021.', 700)?.metricText,
    ).toBe('suspects arrested for selling counterfeit medicine');
  });
  it('a verb with its noun before "of" or "on" names the act', () => {
    expect(outcome('In 2022 the bureau supervised the handling of 31 major cases.', 31)?.metricText).toBe(
      'major cases supervised handling',
    );
    expect(outcome('In 2022 officers handed out fines on 640 drivers.', 640)?.metricText).toBe(
      'drivers handed out fines',
    );
  });
  it('a noun phrase closed by punctuation takes no verb from the next clause', () => {
    expect(outcome('In 2022 police arrested 800 suspects; focused on curbing online gambling.', 800)?.metricText).toBe(
      'suspects arrested',
    );
  });
  it('"respectively" pairs the figures of one noun with the years in order', () => {
    const text = 'The agency named 14 and 19 fugitives in 2019 and 2020, respectively.';
    expect(outcome(text, 14)).toMatchObject({ year: '2019', metricText: 'fugitives named' });
    expect(outcome(text, 19)).toMatchObject({ year: '2020', metricText: 'fugitives named' });
  });
});

describe('a figure whose noun is left out', () => {
  it('"Of them," with an active verb counts what the sentence before counted, not its money', () => {
    const f = outcome(
      'Police caught 900 fugitives and recovered 3 billion yuan in 2022.\nOf them, 300 surrendered themselves to the police.',
      300,
    );
    expect(f).toMatchObject({ unit: 'people', year: '2022' });
    expect(String(f?.metricText)).toMatch(/^fugitives surrendered themselves/);
  });
  it('"including N on …" is a subset of the figure before it', () => {
    const f = outcome('Police caught 5,300 smugglers in 2021, including 75 on the provincial wanted list.', 75);
    expect(f).toMatchObject({ unit: 'smugglers', year: '2021' });
    expect(f?.metricText).toBe('smugglers on the provincial wanted list');
  });
  it('"N of the M most-wanted" counts a part of the set; the set\'s size is no result', () => {
    const text = 'By 2022, 12 of the 50 most-wanted have been caught.';
    expect(values(text)).toEqual([12]);
    expect(String(outcome(text, 12)?.metricText)).toMatch(/most-wanted caught/);
  });
});

describe('what is not a result', () => {
  it('a pronoun, "one of N", a distance and a counted place of origin', () => {
    expect(values('In 2022 the gunmen killed a guard and 3 others in the market.')).toEqual([]);
    expect(values('In 2022 the county was one of 12 "pilot zones" of the reform.')).toEqual([]);
    expect(values('In 2022 officers drove to a hamlet about 40 km from the county seat.')).toEqual([]);
    expect(values('In 2022 the drill drew teams from 20 provincial-level regions.')).toEqual([]);
  });
});

describe('when a figure happened', () => {
  it('a weekday resolves against publication; a day-level date stands for its month', () => {
    expect(outcome('The bureau also seized 45 counterfeit stamps on Thursday.', 45)?.period).toEqual({
      start: '2023-06',
      end: '2023-06',
    });
    expect(outcome('On March 3, 2023, police rescued 42 children.', 42)?.period).toEqual({
      start: '2023-03',
      end: '2023-03',
    });
  });
  it('"as of <month>" is the last such month before publication, whatever year was named before', () => {
    expect(
      outcome('The office opened in 2019.\nThe office has registered 5,400 vehicles as of May.', 5400)?.period,
    ).toEqual({ end: '2023-05' });
  });
  it('a baseline and a date of telling do not date the figure', () => {
    expect(
      outcome(
        'In the first quarter, police seized 8,000 tons of drugs, up by nearly 40 percent compared to the same period of last year.',
        8000,
      )?.year,
    ).not.toBe('2022');
    expect(
      outcome(
        'Police caught 900 fugitives in 2021.\nOf them, 300 were former officials, according to a statement issued Friday, June 9.',
        300,
      )?.year,
    ).toBe('2021');
  });
});

describe('numbers written as words, changes and money', () => {
  it('a word number counts with its result verb, not in a slogan or on its own', () => {
    expect(outcome('Six smuggling rings were dismantled in 2022.', 6)).toMatchObject({
      unit: 'rings',
      metricText: 'smuggling rings dismantled',
    });
    expect(values('In 2022 the slogan was “hitting three targets at once”. Ten thousand, it said.')).toEqual([]);
  });
  it('"The number is a 12-percent increase from 2019" changes the figure of the sentence before', () => {
    const f = outcome(
      'Police solved 4,100 smuggling cases in 2020.\nThe number is a 12-percent increase from 2019.',
      12,
    );
    expect(f).toMatchObject({ unit: 'percent', metricText: 'smuggling cases solved', year: '2020' });
    expect(f?.change).toMatchObject({ kind: 'COMPARED_WITH', direction: 'INCREASE', baseline: '2019' });
  });
  it('"during this year\'s campaign" runs from the launch to the report', () => {
    expect(
      outcome(
        "The special campaign was launched in February.\nDuring this year's campaign, the bureau has closed 15 illegal casinos.",
        15,
      )?.period,
    ).toEqual({ start: '2023-02', end: '2023-06' });
  });
  it('money with no noun after it is named by the words before it; a spaced hyphen joins', () => {
    expect(
      String(outcome('In 2022 the funds of the victims were intercepted by 2.4 billion yuan.', 2400000000)?.metricText),
    ).toMatch(/^funds .*intercepted$/);
    expect(
      String(outcome('In 2022 police cleaned up 3.5 million high -risk phone cards.', 3500000)?.metricText),
    ).toMatch(/^high-risk phone cards/);
  });
  it('places where the effort was made and a counted package are no results; places piloted are', () => {
    expect(values('More than 900 officers took part in the drill in 12 provinces in 2022.')).toEqual([]);
    expect(values('In 2022 the ministry launched nine online service measures for travellers.')).toEqual([]);
    expect(values('In 2022 the scheme was piloted in 36 cities.')).toEqual([36]);
  });
});
