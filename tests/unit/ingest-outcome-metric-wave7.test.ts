/**
 * Metric words of outcome candidates, seventh wave (issue 15, item 2): the shapes in which a
 * press report says what a figure counts, each on an invented sentence (published 2023-06-10).
 * A name is what is counted and the verb, in the text's own words.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const outcomes = (text: string) =>
  extractInvented(text, 'wave7')
    .entities.filter((e) => e.kind === 'OUTCOME')
    .map((e) => e.fields);
const outcome = (text: string, value: number) => outcomes(text).find((f) => f.value === value);
const metric = (text: string, value: number) => outcome(text, value)?.metricText;

describe('a counted noun with its verb (shapes that passed before wave 7)', () => {
  it('an active verb before "N cases of X"', () => {
    expect(metric('In 2022, police cracked 12,000 cases of telecom fraud.', 12000)).toBe(
      'cases of telecom fraud cracked',
    );
  });
  it('a passive verb after "N X cases"', () => {
    expect(metric('In 2022, 12,000 telecom fraud cases were cracked.', 12000)).toBe('telecom fraud cases cracked');
  });
  it('a second verb as a participle: "cracked N cases, arresting M suspects"', () => {
    expect(metric('In 2022, police cracked 12,000 cases, arresting 3,400 suspects.', 3400)).toBe('suspects arresting');
  });
  it('"A and B rose 10% and 12% respectively"', () => {
    const text = 'In 2022, burglaries and car thefts rose 10% and 12% respectively.';
    expect(metric(text, 10)).toBe('burglaries');
    expect(metric(text, 12)).toBe('car thefts');
  });
  it('"a detection rate of 95 percent"', () => {
    expect(metric('In 2022, police solved 800 murder cases, with a detection rate of 95 percent.', 95)).toMatch(
      /detection rate$/,
    );
  });
  it('"recovered losses of 1.2 billion yuan"', () => {
    expect(metric('Last year, the campaign recovered losses of 1.2 billion yuan.', 1.2e9)).toBe('losses recovered');
  });
  it('"brought back from 20 countries": the places are scope', () => {
    const found = outcomes('In 2022, a total of 56 fugitives were brought back from 20 countries.');
    expect(found.map((f) => f.value)).toEqual([56]);
    expect(found[0]?.metricText).toBe('fugitives brought back');
  });
  it('"x cases, up 10 percent": the change names the cases', () => {
    expect(metric('In 2022, police solved 5,200 fraud cases, up 10 percent year-on-year.', 10)).toBe(
      'fraud cases solved',
    );
  });
});

describe('a figure after the verb of its subject ("the number of X reached N")', () => {
  it('"the number of telecom fraud cases cracked reached 12,000"', () => {
    const f = outcome('In 2022, the number of telecom fraud cases cracked reached 12,000.', 12000);
    expect(f?.metricText).toBe('telecom fraud cases cracked');
    expect(f?.unit).toBe('cases');
  });
  it('"rose to", "totalled", "stood at"', () => {
    expect(metric('In 2022, the number of drunk-driving cases rose to 1,200.', 1200)).toBe('drunk-driving cases');
    expect(metric('In 2022, traffic deaths totalled 1,500, down 8 percent.', 1500)).toBe('traffic deaths');
    expect(metric('In 2022, traffic deaths totalled 1,500, down 8 percent.', 8)).toBe('traffic deaths');
    expect(metric('By the end of May, registered e-bikes stood at 3,100.', 3100)).toBe('registered e-bikes');
  });
  it('"rose by 15 percent to 8,000": the level after the change', () => {
    expect(metric('In 2022, the number of suspects arrested rose by 15 percent to 8,000.', 8000)).toBe(
      'suspects arrested',
    );
  });
});

describe('a part of a figure counts what the whole counted, and was done what the whole was', () => {
  it('"including 500 children"', () => {
    expect(metric('In 2022, more than 2,000 people were rescued, including 500 children.', 500)).toBe(
      'children rescued',
    );
    expect(metric('In 2022, police arrested 3,400 suspects, including 120 foreigners.', 120)).toBe(
      'foreigners arrested',
    );
  });
  it('"of which 800 involved minors"', () => {
    const f = outcome('In 2022, police solved 5,000 fraud cases, of which 800 involved minors.', 800);
    expect(f?.unit).toBe('cases');
    expect(f?.metricText).toBe('cases involved minors');
  });
  it('"600 of them gang leaders"', () => {
    const f = outcome('In 2022, police arrested 3,400 suspects, 600 of them gang leaders.', 600);
    expect(f?.metricText).toBe('gang leaders arrested');
  });
  it('"98 percent of which were resolved"', () => {
    expect(metric('In 2022, the bureau handled 5,000 complaints, 98 percent of which were resolved.', 98)).toBe(
      'complaints resolved',
    );
  });
  it('"dismantled 300 gangs with 4,000 members"', () => {
    expect(metric('In 2022, police dismantled 300 gangs with 4,000 members.', 4000)).toBe(
      'members of gangs dismantled',
    );
  });
  it('an elided figure after "and" takes its own verb only', () => {
    expect(metric('In 2022, police arrested 3,400 suspects and 800 were prosecuted.', 800)).toBe('suspects prosecuted');
  });
});

describe('a change whose subject is said before it', () => {
  it('in the clause before: "Reported burglaries kept falling, dropping 20.5 percent"', () => {
    expect(metric('Reported burglaries kept falling in 2022, dropping 20.5 percent year-on-year.', 20.5)).toBe(
      'reported burglaries',
    );
  });
  it('"15 percent more than a year earlier" names the figure before it', () => {
    expect(metric('In 2022, some 8,000 suspects were arrested, 15 percent more than a year earlier.', 15)).toBe(
      'suspects arrested',
    );
  });
  it('"accounting for 35 percent of all cases" is the share of the figure before', () => {
    expect(
      metric('In 2022, police solved 4,200 online fraud cases, accounting for 35 percent of all cases solved.', 35),
    ).toBe('online fraud cases solved as a share of all cases solved');
  });
});

describe('money', () => {
  it('"funds worth 3 billion yuan were intercepted"', () => {
    expect(metric('In 2022, funds worth 3 billion yuan were intercepted.', 3e9)).toBe('funds intercepted');
  });
  it('"seized drugs and cash totalling 1.2 billion yuan"', () => {
    expect(metric('In 2022, police seized drugs and cash totalling 1.2 billion yuan.', 1.2e9)).toBe(
      'drugs and cash seized',
    );
  });
  it('money with no noun is money: "seized and froze 30 million yuan"', () => {
    expect(metric('In 2022, the city police seized and froze 30 million yuan.', 3e7)).toBe('money seized and froze');
  });
  it('"froze 2.5 billion yuan of funds": an irregular past before the figure', () => {
    expect(metric('In 2022, police froze 2.5 billion yuan of funds.', 2.5e9)).toBe('funds froze');
  });
});

describe('lists and headlines', () => {
  it('a list after a colon takes the verb before it', () => {
    const text = 'In 2022, police seized: 2 tons of drugs, 300 guns and 5,000 rounds of ammunition.';
    expect(metric(text, 2)).toBe('drugs seized');
    expect(metric(text, 300)).toBe('guns seized');
    expect(metric(text, 5000)).toBe('rounds of ammunition seized');
  });
  it('a headline in the present tense: "China solves 12,000 fraud cases"', () => {
    expect(metric('China solves 12,000 fraud cases in 2022', 12000)).toBe('fraud cases solves');
    expect(metric('Police bust 120 smuggling gangs in 2022', 120)).toBe('smuggling gangs bust');
  });
  it('examples after the counted noun are not what is counted: "N websites such as A and B were closed"', () => {
    expect(metric('In 2022, 119 websites such as Quickbet, Lucky Star and Jinma were closed.', 119)).toBe(
      'websites closed',
    );
  });
});

describe('verbs a report puts before the figure in other shapes', () => {
  it('a verb with its preposition: "investigated and dealt with 4,600 cases"', () => {
    expect(metric('Public security organs investigated and dealt with 4,600 cases of food crimes in 2022.', 4600)).toBe(
      'cases of food crimes investigated and dealt with',
    );
  });
  it('a noun for the act: "led to the arrest of 3,000 suspects and the seizure of 2 tons of drugs"', () => {
    const text = 'The operation led to the arrest of 3,000 suspects and the seizure of 2 tons of drugs in 2022.';
    expect(metric(text, 3000)).toBe('suspects arrested');
    expect(metric(text, 2)).toBe('drugs seized');
    const joined = 'In 2022 the drive led to the capture of 4,385 suspects and dismantling of 247 gangs, police said.';
    expect(metric(joined, 4385)).toBe('suspects captured');
    expect(metric(joined, 247)).toBe('gangs dismantled');
  });
  it('"funds involved" is the noun, the verb is before it: "stopped payment of 27.7 billion yuan of funds involved"', () => {
    expect(metric('In 2022, the police stopped payment of 27.7 billion yuan of funds involved.', 2.77e10)).toBe(
      'funds involved stopped payment',
    );
  });
});

describe('what the counted noun phrase holds, continued', () => {
  it('"suspects involved in the trafficking of women": the article does not end it', () => {
    expect(
      metric('In 2022, police detained 1,069 suspects involved in the trafficking of women and children.', 1069),
    ).toBe('suspects involved in trafficking of women and children detained');
  });
  it('two counted nouns before one passive verb share it', () => {
    const text = 'In 2022, 1.2 million fraud calls and 800,000 text messages were intercepted.';
    expect(metric(text, 1.2e6)).toBe('fraud calls intercepted');
    expect(metric(text, 800000)).toBe('text messages intercepted');
  });
  it('"300 fewer than in 2021": a difference counts what the figure before counted', () => {
    const f = outcome('The province recorded 1,200 traffic deaths in 2022, 300 fewer than in 2021.', 300);
    expect(f?.metricText).toBe('traffic deaths recorded');
    expect(f?.unit).toBe('deaths');
    expect(f?.change).toMatchObject({ kind: 'COMPARED_WITH', direction: 'DECREASE', baseline: '2021' });
  });
});

describe('lists of counted nouns', () => {
  it('objects listed after one verb share it: "cracked 1,200 cases, 3,400 suspects and 56 gangs"', () => {
    const text = 'In 2022, police cracked 1,200 cases, 3,400 suspects and 56 gangs.';
    expect(metric(text, 3400)).toBe('suspects cracked');
    expect(metric(text, 56)).toBe('gangs cracked');
  });
  it('"the numbers of A and B were X and Y respectively"', () => {
    const text = 'In 2022, the numbers of cases solved and suspects arrested were 12,000 and 3,400 respectively.';
    expect(outcome(text, 12000)).toMatchObject({ metricText: 'cases solved', unit: 'cases' });
    expect(outcome(text, 3400)).toMatchObject({ metricText: 'suspects arrested', unit: 'suspects' });
  });
});
