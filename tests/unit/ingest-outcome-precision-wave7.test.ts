/**
 * Wave 7, outcome precision (issue 15, item 2): the shapes in which a press report writes a
 * number that is NOT a result, as ANNOTATION.md and the annotators' NOTES define them, each on an
 * invented sentence; and beside each, the close shape that IS a result and must stay. A result
 * is what was achieved or reported (cases solved, suspects arrested, money recovered, rates,
 * changes, registrations done); a scope, a state of affairs, a crime's own amounts, a ceiling,
 * a duration, an age, a phone number, a number inside a name, a plan and a list's own count are
 * not.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const values = (text: string) =>
  extractInvented(text, 'precision-wave7')
    .entities.filter((e) => e.kind === 'OUTCOME')
    .map((e) => e.fields.value)
    .sort((a, b) => Number(a) - Number(b));

describe('scope: what an effort or a text covers', () => {
  it('departments that took part, even with a verb of their own', () => {
    expect(values('In May, 35 departments jointly issued a plan against wildlife smuggling.')).toEqual([]);
  });
  it('facilities where a policy applies', () => {
    expect(values('Travellers from 54 countries can now stay visa-free at 9 international airports.')).toEqual([]);
  });
  it('still a result: places piloted', () => {
    expect(values('In 2022 the scheme was piloted in 36 cities.')).toEqual([36]);
  });
});

describe('states of affairs: what exists, not what was done', () => {
  it('"the country had N …"', () => {
    expect(values('The country had 287 million registered motorcycles at the end of March.')).toEqual([]);
  });
  it('"there are N …"', () => {
    expect(values('There are 4,600 rural police stations in the province.')).toEqual([]);
  });
  it('"a population of N", "cities with fewer than N residents", "a city of N people"', () => {
    expect(values('The reform covers towns with a population of 500,000 or less.')).toEqual([]);
    expect(values('Settlement curbs were dropped for towns with fewer than 2 million residents.')).toEqual([]);
    expect(values('The city of 20 million people has seen crime fall.')).toEqual([]);
  });
  it('"is home to N", "China has N", and a second figure joined to the first', () => {
    expect(values('The province is home to 12 million migrant workers.')).toEqual([]);
    expect(values('China has 1.9 million police officers and 2.4 million auxiliary staff.')).toEqual([]);
  });
  it('still a result: a machine-translated list of results that opens with "there are"', () => {
    expect(values('There are more than 1,700 fake shopping sites, and 2,300 suspects have been arrested.')).toEqual([
      1700, 2300,
    ]);
  });
  it('still a result: "had" or "has" as an auxiliary of a result verb', () => {
    expect(values('By the end of March, the bureau had registered 1.3 million migrant workers.')).toEqual([1300000]);
    expect(values('In 2022, the ministry has issued 870,000 electronic permits.')).toEqual([870000]);
  });
});

describe("a crime's own amounts", () => {
  it('what a gang or a suspect took', () => {
    expect(values('Police broke up a ring that had swindled 3.4 million yuan out of pensioners.')).toEqual([]);
    expect(values('The suspect had cheated 72 retirees in Hebei, police said.')).toEqual([]);
  });
  it('what was taken from victims, how much a gang made, what one case involved', () => {
    expect(values('A woman surnamed Li was cheated out of 180,000 yuan by a fake police officer.')).toEqual([]);
    expect(values('The fraudsters stole 2.6 million yuan from 300 victims.')).toEqual([]);
    expect(values('Police said the gang had sold 1,500 fake diplomas since 2019.')).toEqual([]);
    expect(values('The gang made profits of 40 million yuan from the scheme.')).toEqual([]);
    expect(values('The case involved 28 million yuan and 1,600 victims across 20 provinces.')).toEqual([]);
  });
  it('the size of one group', () => {
    expect(values('The gang, made up of 12 members, was busted in March.')).toEqual([]);
    expect(values('Police busted a ring of 9 pickpockets at the station.')).toEqual([]);
  });
  it('the age of a suspect or a victim', () => {
    expect(values('A 52-year-old courier was detained in Wuxi on Monday.')).toEqual([]);
    expect(values('Police detained a courier aged 52 in Wuxi on Monday.')).toEqual([]);
  });
  it('still a result: what police did about it, and the money their cases involved', () => {
    expect(values('The ring, which had swindled pensioners, was broken up and 14 suspects were detained.')).toEqual([
      14,
    ]);
    expect(values('In 2022 police cracked 830 pension fraud cases involving 1.6 billion yuan.')).toEqual([
      830, 1600000000,
    ]);
  });
});

describe('ceilings of rewards and penalties', () => {
  it('"rewards of up to N yuan", "a bounty of N yuan", "fines of up to N yuan"', () => {
    expect(values('The bureau offers rewards of up to 200,000 yuan for tips on poachers.')).toEqual([]);
    expect(values('Police posted a bounty of 50,000 yuan for the fugitive.')).toEqual([]);
    expect(values('Offenders face fines of up to 3,000 yuan under the new rules.')).toEqual([]);
    expect(values('Police offered a reward of 30,000 yuan for information.')).toEqual([]);
  });
  it('still a result: penalties imposed', () => {
    expect(values('In 2022 traffic police imposed fines on 6,200 drivers.')).toEqual([6200]);
  });
});

describe('durations', () => {
  it('"for N years", "the longest span of N years", "within N working days"', () => {
    expect(values('One of them had hidden in a forest for 17 years.')).toEqual([]);
    expect(values('The oldest case cleared had the longest span of 43 years.')).toEqual([]);
    expect(values('Permits are now issued within 7 working days.')).toEqual([]);
  });
  it('still a result: what was done within the time', () => {
    expect(values('Within 5 working days, police traced 260 stolen cars.')).toEqual([260]);
  });
});

describe('dates, ordinals, phone numbers and numbers inside names', () => {
  it('a day written before its month', () => {
    expect(values('The rules take effect on 15 August across the country.')).toEqual([]);
  });
  it('a hotline or an emergency number', () => {
    expect(values('Residents can call the 96110 hotline to report scams.')).toEqual([]);
    expect(values('Victims should dial 110 or use the 12389 reporting platform.')).toEqual([]);
  });
  it('a number inside a name', () => {
    expect(values('The plan follows Decree No 57 and the 14th Five-Year Plan.')).toEqual([]);
    expect(values('Apps such as Youku, Douban and 360 Search joined the alert system.')).toEqual([]);
  });
  it('still a result: the calls a hotline took', () => {
    expect(values('In 2022 the 96110 hotline took 2.3 million calls.')).toEqual([2300000]);
  });
});

describe('targets and plans', () => {
  it('"will", "plans to", "is expected to", "is set to"', () => {
    expect(values('The province will recruit 10,000 auxiliary officers this year.')).toEqual([]);
    expect(values('The ministry plans to build 500 border police stations.')).toEqual([]);
    expect(values('The city is expected to handle 2 million visa applications.')).toEqual([]);
    expect(values('The bureau is set to open 40 new service halls.')).toEqual([]);
    expect(values('Under the 2035 plan, the number of officers will rise to 2 million.')).toEqual([]);
    expect(values('The city plans to cut traffic deaths by 20 percent.')).toEqual([]);
    expect(values('Under the rule, drivers will be fined 200 yuan for each offence.')).toEqual([]);
  });
  it('a capacity: "can handle N a day"', () => {
    expect(values('The platform can handle 50,000 applications a day.')).toEqual([]);
  });
  it('still a result: a precise figure a translation put in the future', () => {
    expect(values('In the campaign, the ministry will shut down 3,417 illegal websites.')).toEqual([3417]);
  });
  it('still a result: what was done in the past', () => {
    expect(values('Last year the province recruited 10,000 auxiliary officers.')).toEqual([10000]);
  });
});

describe("counts of the text's own list", () => {
  it('"the following N …", "these N …", "N key tasks"', () => {
    expect(values('The guideline sets out the following 4 areas: training, equipment, pay and housing.')).toEqual([]);
    expect(values('These 6 steps are meant to shorten waiting times.')).toEqual([]);
    expect(values('The plan lists 3 key priorities for rural policing.')).toEqual([]);
  });
  it('still a result: a count of things done', () => {
    expect(values('In 2022 police closed 3 illegal casinos.')).toEqual([3]);
  });
});

describe('what a campaign put in', () => {
  it('money invested, allocated or budgeted', () => {
    expect(values('The city invested 2 billion yuan in surveillance cameras last year.')).toEqual([]);
    expect(values('The province allocated 300 million yuan for rural policing.')).toEqual([]);
    expect(values('The project has a budget of 450 million yuan.')).toEqual([]);
  });
  it('working groups and teams sent or set up', () => {
    expect(values('The ministry dispatched 12 working groups to the provinces in March.')).toEqual([]);
    expect(values('The ministry sent 30 supervision teams to oversee the campaign.')).toEqual([]);
  });
  it('still a result: money recovered, criminal groups busted, applications handled', () => {
    expect(values('In 2022 police recovered 2 billion yuan of stolen funds.')).toEqual([2000000000]);
    expect(values('In 2022 police busted 300 criminal groups.')).toEqual([300]);
    expect(values('The bureau handled 12,000 residence permit applications in May.')).toEqual([12000]);
  });
});

describe('examples and the present state of things', () => {
  it('typical cases a report presents', () => {
    expect(values('The procuratorate released 10 typical cases of elder fraud on Tuesday.')).toEqual([]);
  });
  it('"N foreigners live in China", "N drivers hold licences"', () => {
    expect(values('About 900,000 foreigners live in China, the bureau said.')).toEqual([]);
    expect(values('Some 1.2 million drivers hold commercial licences in the city.')).toEqual([]);
  });
  it('a range of fines set by the rules', () => {
    expect(values('Violators face fines of 5,000 to 20,000 yuan.')).toEqual([]);
    expect(values('Violators will be given fines of between 500 and 2,000 yuan.')).toEqual([]);
  });
  it('still a result: cases cracked, and fugitives who were caught', () => {
    expect(values('In 2022 police cracked 1,200 elder fraud cases.')).toEqual([1200]);
    expect(values('In 2022, 300 fugitives living abroad were caught.')).toEqual([300]);
  });
});

describe('a headline rounds what the body states', () => {
  const body =
    '\n\nBeijing, June 8 (Xinhua) Police caught 1,532 poachers in a drive that began in March, the ministry said.';
  it('"over 1,500 poachers" above "1,532 poachers" is one result, the body’s', () => {
    expect(values(`Police catch over 1,500 poachers in spring drive${body}`)).toEqual([1532]);
    expect(values(`Nearly 1,600 poachers caught in spring drive${body}`)).toEqual([1532]);
  });
  it('still two results: another unit, or a figure the qualifier does not allow', () => {
    expect(values(`Police free over 1,500 birds in spring drive${body}`)).toEqual([1500, 1532]);
    expect(values(`Police catch over 1,000 poachers in spring drive${body}`)).toEqual([1000, 1532]);
  });
});

describe('who there are, and what a campaign cost', () => {
  it('"China’s N internet users", "a platform with N users"', () => {
    expect(values('Fraud targets China’s 1.07 billion internet users, the report said.')).toEqual([]);
    expect(values('The app, a platform with 300 million users, was fined in May.')).toEqual([]);
  });
  it('police who died or were hurt on duty', () => {
    expect(values('In 2022, 308 police officers died on duty and 4,500 were injured.')).toEqual([]);
  });
  it('still a result: officers commended; of a force "with N officers" only what it did', () => {
    expect(values('In 2022, 3,000 officers were commended for their work.')).toEqual([3000]);
    expect(values('The police force, with 2,000 officers, arrested 300 suspects.')).toEqual([300]);
  });
});
