/**
 * Campaign and reform rules written as shapes of the genre, checked on constructed sentences
 * that no development article contains (names and wordings invented for the test), so a rule
 * keyed to one article's phrasing would fail here.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const run = (text: string) => extractInvented(text, 'genre');
const names = (text: string, kind: string) =>
  run(text)
    .entities.filter((e) => e.kind === kind)
    .map((e) => e.name);

describe('campaigns by shape', () => {
  it('a capitalised name before modifiers and a campaign noun, and Operation + name', () => {
    expect(
      names('Police in Hebei carried out the Iron Fist 2021 special operation across the province.', 'CAMPAIGN'),
    ).toEqual(['Iron Fist 2021']);
    expect(names('Officers joined Operation Jade Mountain last winter.', 'CAMPAIGN')).toEqual(['Jade Mountain']);
  });
  it('a quoted name with several modifiers before a plural campaign noun', () => {
    expect(names('Provinces launched the "Bright Lake" nationwide special actions in May.', 'CAMPAIGN')).toEqual([
      'Bright Lake',
    ]);
  });
  it('what a campaign fights, kept to the target and stopped at the next clause', () => {
    expect(
      names(
        'The ministry deployed a special campaign to crack down on illegal fundraising in rural areas.',
        'CAMPAIGN',
      ),
    ).toEqual(['Special campaign to crack down on illegal fundraising']);
    expect(names('A joint crackdown on gangs and evil forces was announced.', 'CAMPAIGN')).toEqual([
      'Joint crackdown on gangs and evil forces',
    ]);
  });
  it('an unnamed mention beside a named campaign is that campaign, not a second one', () => {
    const x = run(
      'The ministry launched a nationwide campaign against online gambling. The campaign, code-named "Clear Wave", ran until May.',
    );
    const campaigns = x.entities.filter((e) => e.kind === 'CAMPAIGN');
    expect(campaigns.map((c) => c.name)).toEqual(['Clear Wave']);
    expect(campaigns[0]?.mentions).toHaveLength(2);
  });
  it('campaigns named by their length or season, and action plans by their modifiers', () => {
    expect(names('Police began a 90-day campaign on Monday.', 'CAMPAIGN')).toEqual(['90-day campaign']);
    expect(names('The State Council adopted the national anti-smuggling action plan last year.', 'CAMPAIGN')).toEqual([
      'National anti-smuggling action plan',
    ]);
  });
});

describe('reforms and measures by shape', () => {
  it('"reform of X" and "X reform" of the same thing are one candidate', () => {
    const x = run(
      'The ministry pressed on with the reform of the vehicle inspection regime. The vehicle inspection regime reform saved drivers time.',
    );
    const reforms = x.entities.filter((e) => e.kind === 'REFORM');
    expect(reforms).toHaveLength(1);
    expect(reforms[0]?.mentions).toHaveLength(2);
  });
  it('a counted package of measures, its count an attribute and not an outcome', () => {
    const x = run('The ministry issued 18 measures to streamline exit and entry permits for residents.');
    const reform = x.entities.find((e) => e.kind === 'REFORM');
    expect(reform?.name).toBe('Measures to streamline exit and entry permits');
    expect(reform?.fields.measureCount).toBe(18);
    expect(x.entities.filter((e) => e.kind === 'OUTCOME')).toEqual([]);
  });
  it('the items a counted package lists, each a reform; "take measures" is no package', () => {
    expect(
      names(
        'This year 3 services including the renewal of driving licences online, the transfer of vehicle records between provinces, and the issuance of temporary identity cards at airports will be offered.',
        'REFORM',
      ),
    ).toEqual([
      'Renewal of driving licences online',
      'Transfer of vehicle records between provinces',
      'Issuance of temporary identity cards at airports',
    ]);
    expect(names('Police will take effective measures to protect residents.', 'REFORM')).toEqual([]);
  });
  it('a system or mechanism established, and a capitalised reform', () => {
    expect(names('Shanghai established a joint case handling mechanism in 2020.', 'REFORM')).toEqual([
      'Joint case handling mechanism',
    ]);
    expect(names('The Police Rank Reform took effect.', 'REFORM')).toEqual(['Police Rank Reform']);
  });
});

describe('outcome metrics and times by shape', () => {
  const outcome = (text: string, value: number) =>
    run(text).entities.find((e) => e.kind === 'OUTCOME' && e.fields.value === value)?.fields;
  it('a result verb keeps what completes it', () => {
    expect(outcome('Last year 3,400 smugglers were put under criminal detention.', 3400)?.metricText).toBe(
      'smugglers put under criminal detention',
    );
  });
  it('a figure whose noun is left out counts what the figure before it counted; persons count as people', () => {
    const f = outcome(
      'Police caught 9,100 fugitives in 2022.\nOf them, 1,200 were former officials of state-owned firms.',
      1200,
    );
    expect(f).toMatchObject({ unit: 'people', year: '2022' });
    expect(String(f?.metricText)).toMatch(/^fugitives former officials of state-owned firms/);
  });
  it('"since X" carries through its paragraph; "as of the end of 2022" is December', () => {
    expect(
      outcome(
        'Since 2019, the ministry has pushed the reform of the vehicle inspection regime. As of the end of 2022, 3.1 million drivers had renewed licences online.',
        3100000,
      )?.period,
    ).toEqual({ start: '2019', end: '2022-12' });
  });
});

describe('what is not a result', () => {
  const values = (text: string) =>
    run(text)
      .entities.filter((e) => e.kind === 'OUTCOME')
      .map((e) => e.fields.value);
  it('the police a campaign deployed, a goal, a figure of "last year"', () => {
    expect(values('More than 4,000 police officers were dispatched to the border counties.')).toEqual([]);
    expect(values('The province is aiming for 60 percent coverage by 2025.')).toEqual([]);
    expect(values('Thefts fell from 320 in 2019 to 41 last year.')).toEqual([]);
  });
  it('"such" before a noun points back to it', () => {
    expect(
      run('Police handled 1,350 such cases in 2020.').entities.find((e) => e.kind === 'OUTCOME')?.fields.unit,
    ).toBe('cases');
  });
});
