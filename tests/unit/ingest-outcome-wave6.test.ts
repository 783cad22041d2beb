/**
 * Outcome metric words and outcome precision, sixth wave (issue 15, item 2), each on an invented
 * sentence: joined nouns and a list of modifiers stay in the metric; labels, denominators,
 * measures and targets due after the report are not results.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const outcomes = (text: string) =>
  extractInvented(text, 'wave6')
    .entities.filter((e) => e.kind === 'OUTCOME')
    .map((e) => e.fields);
const outcome = (text: string, value: number) => outcomes(text).find((f) => f.value === value);

describe('metric words', () => {
  it('two nouns joined by "and" are both counted', () => {
    expect(
      outcome('Police said 1,530 women and children reported as missing were found in 2022.', 1530)?.metricText,
    ).toMatch(/^women and children\b/);
    const f = outcome(
      'Officers caught 320 gangs involved in drugs and firearms, busted 410 dens and arrested many suspects.',
      320,
    );
    expect(f?.metricText).toBe('gangs involved in drugs and firearms caught');
    expect(f?.unit).toBe('gangs');
  });
  it('"and" that opens a clause or a second verb is not part of the noun', () => {
    expect(outcome('In 2022 police solved 5,000 fraud cases and officers were praised.', 5000)?.metricText).toBe(
      'fraud cases solved',
    );
    expect(
      outcome('In 2022, police solved 2,100 cases of ticket touting and arrested 800 suspects.', 2100)?.metricText,
    ).toBe('cases of ticket touting solved');
  });
  it('a list of modifiers before one noun goes on past its commas', () => {
    const f = outcome('In 2022, 6,110 meat, dairy and seafood cases were solved.', 6110);
    expect(f?.unit).toBe('cases');
    expect(f?.metricText).toBe('meat dairy and seafood cases solved');
    // A plural before the comma is a noun of its own.
    expect(outcome('In 2022, police caught 300 suspects, thieves and robbers were jailed.', 300)?.metricText).toBe(
      'suspects caught',
    );
  });
});

describe('not a result', () => {
  it('a chapter number or a denominator', () => {
    expect(
      outcomes('Chapter 12 Police Equipment sets out rules, and police caught 3,000 smugglers.').map((f) => f.value),
    ).toEqual([3000]);
  });
  it('a measure without a result verb: a limit or a distance', () => {
    expect(outcomes('The limit is 20 milligrams of alcohol per 100 milliliters of blood.')).toEqual([]);
    expect(outcomes('The alerts reach residents within 50 kilometers in an hour.')).toEqual([]);
    expect(outcome('In 2022, police seized 300 kilograms of precursors.', 300)?.metricText).toBe('precursors seized');
  });
  it('a figure due by a year after the report is a target', () => {
    expect(outcomes('The plan raises the share of online services to 90 percent by 2027.')).toEqual([]);
  });
});

describe('a figure that names nothing', () => {
  it('a large number with no noun, no words before it and no verb is not proposed', () => {
    expect(outcomes('Limits will ease in towns of under 3 million, above 5 million in urban areas.')).toEqual([]);
  });
});

describe('"respectively" after changes of a joined subject', () => {
  it('pairs each change with its own subject', () => {
    const text =
      'Since March, the number of burglaries and vehicle thefts fell by 18 percent and 9.5 percent, respectively, year on year.';
    expect(outcome(text, 18)?.metricText).toBe('burglaries');
    expect(outcome(text, 9.5)?.metricText).toBe('vehicle thefts');
  });
});

describe('a relative clause after the counted noun', () => {
  it('says which things are counted; the head stays the unit and the verb after it is found', () => {
    const f = outcome('In 2022, 75 websites that sold fake diplomas were shut down.', 75);
    expect(f?.unit).toBe('websites');
    expect(f?.metricText).toMatch(/^websites sold fake diplomas shut/);
    expect(outcome('Police caught 120 fugitives who had fled abroad in 2022.', 120)?.metricText).toBe(
      'fugitives fled abroad caught',
    );
  });
  it('a reported clause is no description', () => {
    expect(outcome('Police in 2022 caught 300 suspects who police said ran the ring.', 300)?.metricText).toBe(
      'suspects caught',
    );
  });
});

describe('a relative clause with an adverb, or a headline that ends at the line', () => {
  it('keeps the head noun as the unit', () => {
    const f = outcome('The bureau published the names of 35 fugitives who allegedly took bribes in 2021.', 35);
    expect(f?.unit).toBe('fugitives');
    expect(f?.metricText).not.toMatch(/allegedly/);
    expect(outcome('Police caught 640 drivers who fled\nMay 3 Traffic police said on Monday.', 640)?.metricText).toBe(
      'drivers fled caught',
    );
  });
});
