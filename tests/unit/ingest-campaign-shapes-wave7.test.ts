/**
 * Campaign shapes of the seventh wave (issue 15, item 3), written from the annotation
 * conventions (ANNOTATION.md, the NOTES files) and ordinary news English, not from one article,
 * each on an invented sentence no article of the real set contains. The shapes a press report
 * uses: a quoted name before or after its campaign noun, a code-named operation with or without
 * its year, a campaign named by what it fights ("special action against X", "a crackdown on X",
 * "the campaign to sweep away black and evil", "the people's war on drugs"), a length or season
 * ("a three-year nationwide campaign"), action plans named by their modifiers, an earlier
 * edition of a campaign, one candidate for a headline and a body naming the same campaign, the
 * launch date, and who launched, deployed or led it; and what is NOT a campaign (a generic "crack
 * down on crime", "the fight against crime", operations without a distinguishing word).
 */
import { describe, expect, it } from 'vitest';
import { extractInvented, inventedRelations } from '../helpers/ingest.js';

const run = (text: string) => extractInvented(text, 'wave7c');
const campaigns = (text: string) =>
  run(text)
    .entities.filter((e) => e.kind === 'CAMPAIGN')
    .map((e) => e.name);
const launched = (text: string) =>
  run(text)
    .entities.filter((e) => e.kind === 'CAMPAIGN')
    .map((e) => `${e.name}: ${String(e.fields.start ?? '-')}`);
const relations = (text: string, type: string) => inventedRelations(text, 'wave7c', type);

describe('named campaigns (passing before wave 7)', () => {
  it('a quoted name before or after its campaign noun', () => {
    expect(campaigns('The ministry launched the "Jade Gate" special campaign in April.')).toEqual(['Jade Gate']);
    expect(campaigns('Police opened a special campaign called "Safe Harbour" to protect pensioners.')).toEqual([
      'Safe Harbour',
    ]);
  });
  it('a code-named operation, with or without "Operation" and its year', () => {
    expect(campaigns('The Fox Hunt operation brought back 120 fugitives this year.')).toEqual(['Fox Hunt']);
    expect(campaigns('Under Operation Fox Hunt, 120 fugitives returned.')).toEqual(['Fox Hunt']);
    expect(campaigns('The Sky Net 2023 campaign has so far returned 600 fugitives.')).toEqual(['Sky Net 2023']);
    expect(campaigns('The Spring Breeze action helped 20,000 migrant workers.')).toEqual(['Spring Breeze']);
    expect(campaigns('The Cut-off campaign targeted bank cards rented to fraud gangs.')).toEqual(['Cut-off']);
  });
  it('a special campaign, operation, action or rectification against what it fights', () => {
    expect(campaigns('The bureau started a special operation to crack down on illegal sand mining.')).toEqual([
      'Special operation to crack down on illegal sand mining',
    ]);
    expect(campaigns('The city ran a special rectification against unlicensed taxis.')).toEqual([
      'Special rectification against unlicensed taxis',
    ]);
    expect(campaigns('Police launched a crackdown on illegal fishing in the lake.')).toEqual([
      'Crackdown on illegal fishing',
    ]);
  });
  it('who launched or deployed a campaign, and when', () => {
    expect(
      relations(
        'The "Amber Shield" campaign, launched by the Ministry of Public Security in March, covers all provinces.',
        'LAUNCHED',
      ),
    ).toEqual(['Ministry of Public Security LAUNCHED Amber Shield']);
    expect(
      relations('The Ministry of Public Security deployed the "Amber Shield" campaign in March.', 'LAUNCHED'),
    ).toEqual(['Ministry of Public Security LAUNCHED Amber Shield']);
    expect(launched('The "Amber Shield" campaign was launched in March.')).toEqual(['Amber Shield: 2023-03']);
    expect(
      launched(
        'The "Amber Shield" campaign covers all provinces. Since the campaign began on June 25, police have solved 3,000 cases.',
      ),
    ).toEqual(['Amber Shield: 2023-06-25']);
  });
  it('no campaign in a generic call to crack down, a fight against crime or bare operations', () => {
    expect(campaigns('Police must crack down on crime and keep order, the minister said.')).toEqual([]);
    expect(campaigns('The fight against crime never ends.')).toEqual([]);
    expect(campaigns('Officers carried out operations in three villages.')).toEqual([]);
  });
});

describe('campaign shapes fixed in wave 7', () => {
  it('a code name and year before a campaign noun name it, not the target after it', () => {
    expect(campaigns('Officers took part in the Kunlun 2023 operation against fake medicines.')).toEqual([
      'Kunlun 2023',
    ]);
  });
  it('"a three-year nationwide campaign to eliminate organized crime": a participle before a noun is part of the target', () => {
    expect(
      campaigns('The country launched a three-year nationwide campaign to eliminate organized crime in 2018.'),
    ).toEqual(['Three-year nationwide campaign to eliminate organized crime']);
  });
  it('"the campaign to sweep away black and evil (forces)"', () => {
    expect(campaigns('Officials praised the campaign to sweep away black and evil forces.')).toEqual([
      'Campaign to sweep away black and evil forces',
    ]);
    expect(campaigns('Police continued the campaign to sweep away black and evil.')).toEqual([
      'Campaign to sweep away black and evil',
    ]);
  });
  it('"the people\'s war on drugs" keeps its people', () => {
    expect(campaigns("The province joined the people's war on drugs last year.")).toEqual(["People's war on drugs"]);
  });
  it('an action plan named by its noun modifiers', () => {
    expect(campaigns('The ministry issued the rural road safety action plan in May.')).toEqual([
      'Rural road safety action plan',
    ]);
    // A bare or vaguely modified plan names nothing.
    expect(campaigns('The ministry issued a new action plan in May.')).toEqual([]);
  });
  it('an earlier edition of a campaign is its own campaign', () => {
    expect(campaigns('In the 2019 version of the campaign, police cracked 12,000 cases.')).toEqual([
      '2019 version of the campaign',
    ]);
    expect(
      campaigns(
        'The "Amber Shield" campaign was launched in March. Police cracked 9,000 cases, against 12,000 in the 2022 edition of the campaign.',
      ),
    ).toEqual(['Amber Shield', 'Amber Shield 2022']);
  });
  it('a campaign named only by its target ends before the verb of its clause', () => {
    expect(campaigns('A campaign against pension fraud began in April.')).toEqual(['Campaign against pension fraud']);
    expect(campaigns('The special campaign against pension fraud caught 800 suspects.')).toEqual([
      'Special campaign against pension fraud',
    ]);
  });
  it('a headline and the body naming the same campaign are one candidate', () => {
    expect(
      campaigns(
        'Special Campaign Against Pension Fraud Nets 800 Suspects\n\nThe special campaign against pension fraud caught 800 suspects, the ministry said.',
      ),
    ).toEqual(['Special Campaign Against Pension Fraud']);
  });
  it('an unnamed campaign of its own length and year is not the one code-named elsewhere', () => {
    expect(
      campaigns(
        'Operation Fox Hunt has netted 600 fugitives since 2015.\n\nOfficials also fought organized crime after 2018, when the government launched a three-year nationwide campaign.',
      ),
    ).toEqual(['Fox Hunt', 'Three-year nationwide campaign']);
    // Without a launch of its own, the length describes the one named campaign.
    expect(
      campaigns(
        'Since March 2022, police have been mobilized to fight what the authorities call "clear water war".\n\nAs the 6-month special operation comes to a close, police plan new patrols.',
      ),
    ).toEqual(['Clear water war']);
  });
  it('who launched a campaign when a time stands between the verb and "by"', () => {
    expect(
      relations(
        'A yearlong campaign against wildlife trade was launched in March by the State Forestry Administration.',
        'LAUNCHED',
      ),
    ).toEqual(['State Forestry Administration LAUNCHED Yearlong campaign against wildlife trade']);
  });
  it('who leads a campaign: "is led by"', () => {
    expect(relations('The "Amber Shield" campaign is led by the Ministry of Public Security.', 'LEADS')).toEqual([
      'Ministry of Public Security LEADS Amber Shield',
    ]);
  });
  it('"step up the crackdown on crime" names no campaign', () => {
    expect(campaigns('The police will step up the crackdown on crime this year.')).toEqual([]);
  });
  it('a quoted name that opens with a number ("90-day Action") is a name, apart from the crackdown in its sentence', () => {
    expect(
      campaigns(
        'Police joined the "90-day Action" for road order in autumn, and officers launched a cluster crackdown on 12 major smuggling cases.',
      ),
    ).toEqual(['90-day Action', 'Cluster crackdown on 12 major smuggling cases']);
  });
  it('a campaign to improve, protect or regulate something, but not what every campaign protects', () => {
    expect(campaigns('The bureau opened a campaign to improve rural fire safety.')).toEqual([
      'Campaign to improve rural fire safety',
    ]);
    expect(campaigns('They joined a campaign to protect public safety.')).toEqual([]);
  });
  it('a month-long or yearlong campaign is named by its length, with its launch', () => {
    expect(launched('A month-long joint campaign was launched in May by three ministries.')).toEqual([
      'Month-long joint campaign: 2023-05',
    ]);
  });
  it('a special rectification action on X; a special sweep of all kinds of a named thing', () => {
    expect(campaigns('Police ran a special rectification action on illegal mining.')).toEqual([
      'Special rectification action on illegal mining',
    ]);
    expect(campaigns('The county held special operations against all kinds of gun and knife offences.')).toEqual([
      'Special operations against all kinds of gun and knife offences',
    ]);
    // Not special, or every kind of crime: no campaign.
    expect(campaigns('Police launched campaigns against all kinds of crimes.')).toEqual([]);
    expect(campaigns('The city ran special campaigns against all kinds of crimes.')).toEqual([]);
  });
  it('a code name with its year is that year’s round, with or without a campaign noun', () => {
    expect(campaigns('Sky Net 2023 has brought back 600 fugitives.')).toEqual(['Sky Net 2023']);
    expect(
      campaigns(
        'The Jade Shield 2022 operation netted 900 suspects. The ministry said Jade Shield 2023 will start in April.',
      ),
    ).toEqual(['Jade Shield 2022', 'Jade Shield 2023']);
    // The same round named twice is one candidate; a range of years is no round.
    expect(
      campaigns(
        'The Jade Shield 2022 operation netted 900 suspects.\n\nDuring Jade Shield 2022, police solved 1,200 cases.',
      ),
    ).toEqual(['Jade Shield 2022']);
    expect(campaigns('The Jade Shield operation ran for years. Jade Shield 2015-2016 was the first.')).toEqual([
      'Jade Shield',
    ]);
  });
  it('a campaign named by the nouns of what it is about, after a determiner', () => {
    expect(campaigns('The online betting crackdown netted 300 suspects.')).toEqual(['Online betting crackdown']);
    expect(campaigns('The knife and crossbow control campaign ended in May.')).toEqual([
      'Knife and crossbow control campaign',
    ]);
    // Campaigns of other genres, and bare or vaguely modified ones, are none.
    expect(campaigns('The election campaign began.')).toEqual([]);
    expect(campaigns('Police must keep up a high-pressure crackdown this year.')).toEqual([]);
    expect(campaigns('The new campaign and the special crackdown continued.')).toEqual([]);
  });
  it('translated purposes: "a special campaign of cracking down on X", "for combating X"', () => {
    expect(campaigns('Police launched a special campaign of cracking down on pet smuggling.')).toEqual([
      'Special campaign of cracking down on pet smuggling',
    ]);
    expect(campaigns('The special action for combating loan sharks achieved results.')).toEqual([
      'Special action for combating loan sharks',
    ]);
  });
});
