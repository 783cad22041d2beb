/**
 * Wave 6 (issue 15 item 5 and the genre's credits), on invented texts: one candidate per thing
 * however often and in whatever form the text names it, links to the graph only where the text
 * names the entity, and credit lines that are not the article's content.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented, inventedRelations } from '../helpers/ingest.js';

const run = (text: string) => extractInvented(text, 'wave6');

const ofKind = (text: string, kind: string) =>
  run(text)
    .entities.filter((e) => e.kind === kind)
    .map((e) => e.name);

const relations = (text: string, type?: string) => inventedRelations(text, 'wave6', type);

describe('credit lines are not the article’s content', () => {
  it('a "Source: … |" line, an "Editor:" line and a reporter line propose no organ', () => {
    expect(
      ofKind('Source: Xinhua | 09:12 UTC+8 May 3, 2023 | Print Edition\nPolice in Hubei solved 120 cases.', 'ORGAN'),
    ).toEqual([]);
    expect(ofKind('Reporter Zhao Gang, Xinhua News Agency\nPolice in Hubei solved 120 cases.', 'ORGAN')).toEqual([]);
  });
  it('a news outlet cited as the carrier of the report is its publisher', () => {
    expect(ofKind('Police in Hubei solved 120 theft cases in May, reports Xinhua News Agency.', 'ORGAN')).toEqual([]);
    expect(ofKind('The county opened 12 police stations in May, Xinhua reported.', 'ORGAN')).toEqual([]);
    // An outlet that acts in the story stays.
    expect(ofKind('The Xinhua News Agency opened a bureau in Lhasa in May.', 'ORGAN')).toEqual(['Xinhua News Agency']);
  });
  it('the reporter of a byline gives way to the organ the story quotes, however far back', () => {
    const text =
      'Jinan, March 3 (Reporter Li Ming) The Jinan Public Security Bureau said on Monday that police cracked 500 burglary cases last year.\n\nIn the first quarter, 200 fraud cases were solved in the city.';
    expect(relations(text, 'REPORTED')).toEqual([
      'Jinan Public Security Bureau REPORTED #200',
      'Jinan Public Security Bureau REPORTED #500',
    ]);
    expect(relations(text, 'MEMBER_OF')).toEqual([]);
  });
});

describe('links by name and alias only where the text names the entity', () => {
  it('"the party" in lower case is not the Party the graph knows', () => {
    expect(ofKind("Villagers said the party's host had left. A party to the case appealed.", 'ORGAN')).toEqual([]);
    expect(ofKind('The Party set the goal in 2021.', 'ORGAN')).toEqual(['Communist Party of China']);
  });
  it('a class named by a common noun is not one counted instance of it', () => {
    expect(ofKind('Three officers left from a police station in Longxi county on Monday.', 'ORGAN')).toEqual([]);
    expect(ofKind('Reforms reached police stations and other grass-roots units.', 'ORGAN')).toEqual([
      'Public security police stations',
    ]);
  });
});

describe('one candidate per thing', () => {
  /** The candidates of a kind as `name: mention | mention`. */
  const merged = (text: string, kind: string) =>
    run(text)
      .entities.filter((e) => e.kind === kind)
      .map((e) => `${e.name}: ${(e.mentions ?? []).map((m) => text.slice(m.start, m.end)).join(' | ')}`);

  it('a headline in title case and the body name one campaign', () => {
    const text =
      'Special Campaign Against Tomb Raiding nets 120 suspects\nThe special campaign against tomb raiding has netted 120 suspects since March, the ministry said.';
    expect(merged(text, 'CAMPAIGN')).toEqual([
      'Special Campaign Against Tomb Raiding: Special Campaign Against Tomb Raiding | special campaign against tomb raiding',
    ]);
  });
  it('an abbreviation the text defines is a later mention of the same organ', () => {
    const text =
      'The Provincial Water Safety Administration (PWSA) opened 40 new river posts in May. The PWSA said the posts served boatmen.';
    expect(merged(text, 'ORGAN')).toEqual([
      'Provincial Water Safety Administration: Provincial Water Safety Administration | PWSA',
    ]);
  });
  it('"X (ABBR) Central Committee" is the committee, not also the party', () => {
    const text = 'Members of the Communist Party of China (CPC) Central Committee met in Beijing on Monday.';
    expect(merged(text, 'ORGAN').map((m) => m.split(':')[0])).toEqual([
      'Central Committee of the Communist Party of China',
    ]);
  });
  it("the country's possessive does not make a new organ of one the graph holds", () => {
    const x = run("China's Ministry of Public Security said on Friday that it had issued new rules.");
    expect(x.entities.filter((e) => e.kind === 'ORGAN').map((e) => e.linkedTo)).toEqual([
      'organ/ministry-of-public-security',
    ]);
  });
  it('an organ named "X of Y" and "Y X" is one candidate', () => {
    const text =
      'The Dongling Municipal Public Security Bureau solved 300 cases in May. The Public Security Bureau of Dongling Municipality said more would follow.';
    expect(merged(text, 'ORGAN')).toEqual([
      'Dongling Municipal Public Security Bureau: Dongling Municipal Public Security Bureau | Public Security Bureau of Dongling Municipality',
    ]);
  });
  it('a date after a connector ends a capitalised name', () => {
    const text = 'The drive launched by the Provincial Forestry Bureau in April caught 2,000 poachers.';
    expect(merged(text, 'ORGAN').map((m) => m.split(':')[0])).toEqual(['Provincial Forestry Bureau']);
  });
});

describe('links by Chinese name', () => {
  it('a Chinese name in an English text links to the entity that carries it', () => {
    const x = run('Officers of the 公安部治安管理局 visited Lanzhou on Monday to inspect 12 checkpoints.');
    expect(x.entities.filter((e) => e.kind === 'ORGAN').map((e) => e.linkedTo)).toEqual([
      'organ/mps-public-security-administration-bureau',
    ]);
  });
  it('an English name with its Chinese name in brackets is one candidate', () => {
    const x = run('The Ministry of Public Security (公安部) opened 12 checkpoints in Lanzhou on Monday.');
    const organs = x.entities.filter((e) => e.kind === 'ORGAN');
    expect(organs.map((e) => [e.linkedTo, e.mentions?.length])).toEqual([['organ/ministry-of-public-security', 2]]);
  });
});

describe('a headline and the body state one figure', () => {
  it('an unpunctuated headline line is a sentence of its own, and its rate joins the body’s', () => {
    const text =
      'Ferry thefts down 40 percent in Linhai\nFerry thefts in Linhai fell by 40 percent year-on-year in the first half of 2023, the city police said.';
    const outcomes = run(text).entities.filter((e) => e.kind === 'OUTCOME');
    expect(outcomes.map((e) => [e.fields.value, e.mentions?.length])).toEqual([[40, 2]]);
  });
  it('the body’s statement of a figure names it, not the headline’s', () => {
    const text =
      'WORLD / CRIME\n1,234 smugglers returned during three-year "Blue Tide" campaign\n\nFrom 2020 to May this year, 1,234 smugglers have been caught abroad and sent back under the "Blue Tide" operation.';
    const outcomes = run(text).entities.filter((e) => e.kind === 'OUTCOME');
    expect(outcomes.map((e) => e.name)).toEqual(['Smugglers caught abroad (2023-05)']);
  });
});
