/**
 * Relations proposed only where the text supports them, checked on constructed sentences (names
 * and figures invented for the test): which campaign a figure is credited to, a part named with
 * its whole, who launched a campaign and who reported a figure.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented, inventedRelations } from '../helpers/ingest.js';

const relations = (text: string, type?: string) => inventedRelations(text, 'relations', type);

describe('PRODUCED: the figure names its campaign', () => {
  it('a campaign named after the figure that the figure is placed in', () => {
    expect(
      relations(
        'Police seized 4,120 smugglers from 2020 to 2022 during the "Blue Harbour" special operation.',
        'PRODUCED',
      ),
    ).toEqual(['Blue Harbour PRODUCED #4120']);
  });
  it('"In the campaign" in a later paragraph means the campaign named just before', () => {
    const text =
      'The ministry launched the "Silver Gate" special campaign in March.\n\nIn the campaign, police broke up 312 smuggling gangs.';
    expect(relations(text, 'PRODUCED')).toEqual(['Silver Gate PRODUCED #312']);
  });
  it('a sentence that goes on listing figures on the next line keeps the campaign of the line before', () => {
    const text =
      'During the "Red Kite" special campaign, 5,400 suspects were arrested.\nOver 2,300 gangs were broken up, up by 40 percent.';
    expect(relations(text, 'PRODUCED')).toContain('Red Kite PRODUCED #2300');
    // A line with a subject of its own is a new statement, not the campaign's figure.
    const other =
      'During the "Red Kite" special campaign, 5,400 suspects were arrested.\nCustoms officers seized 2,300 parcels, the bureau said.';
    expect(relations(other, 'PRODUCED')).not.toContain('Red Kite PRODUCED #2300');
  });
  it('one item of a list of campaigns is not credited with the figures the list shares', () => {
    expect(
      relations(
        'Police carried out special operations such as "Stone Bridge", "Quiet Bay" and "Pine Road", seizing 7,800 suspects.',
        'PRODUCED',
      ),
    ).toEqual([]);
  });
  it('"X, part of Y, netted N": the part produced the figure, and is part of the whole', () => {
    const text = 'The "Kite Line" campaign, an important part of the "Wide Sky" manhunt, netted 615 fugitives in 2022.';
    expect(relations(text, 'PRODUCED')).toEqual(['Kite Line PRODUCED #615']);
    expect(relations(text, 'PART_OF')).toEqual(['Kite Line PART_OF Wide Sky']);
  });
});

describe('REPORTED: the speaker of the figure', () => {
  it('"the ministry" after the ministry is named is the ministry, and says the figures', () => {
    const text =
      'The Ministry of Public Security opened the "Clear River" special campaign in May 2022.\n\nIn the campaign, police broke up 286 gangs, said the ministry in a statement.';
    expect(relations(text, 'REPORTED')).toEqual(['Ministry of Public Security REPORTED #286']);
  });
  it('the person speaks, not the organ named in their post', () => {
    const text =
      'Zhao Ming, director of the Economic Crime Investigation Bureau of the Ministry of Public Security, introduced that 9,300 cases were solved in 2022.';
    expect(relations(text, 'REPORTED')).toEqual(['Zhao Ming REPORTED #9300']);
  });
  it('"according to" and "told" name the speaker', () => {
    expect(
      relations('Police solved 712 smuggling cases in 2022, according to the Ministry of Public Security.', 'REPORTED'),
    ).toEqual(['Ministry of Public Security REPORTED #712']);
    const text =
      "Police captured 1,250 suspects in 2022, Sun Wei, deputy head of the ministry's anti-smuggling department told a news conference.";
    expect(relations(text, 'REPORTED')).toEqual(['Sun Wei REPORTED #1250']);
  });
});

describe('sessions: a conference the text says was held', () => {
  it('"the press conference held by" an organ is its session; "told a news conference" names none', () => {
    const held =
      'Reporters learned from the press conference held by the Ministry of Public Security on Tuesday that …';
    // "on Tuesday" is read against the publication date (Saturday 2023-06-10), so the session is dated.
    expect(relations(held, 'HELD')).toEqual(['Ministry of Public Security HELD Press conference (2023-06-06)']);
    const told = extractInvented(
      'Police solved 310 cases in May, Ma Lin told a news conference on Tuesday.',
      'relations',
    );
    expect(told.entities.filter((e) => e.kind === 'PLENARY_SESSION')).toEqual([]);
  });
});

describe('campaigns and reforms known by a description', () => {
  const kinds = (text: string, kind: string) =>
    extractInvented(text, 'relations')
      .entities.filter((e) => e.kind === kind)
      .map((e) => e.name);
  it('"The special campaign launched by the ministry" is a campaign when none is named before', () => {
    expect(
      kinds(
        'The special campaign launched by the Ministry of Public Security in March led to 812 arrests.',
        'CAMPAIGN',
      ),
    ).toEqual(['Special campaign']);
    // … and the named one when it is.
    expect(
      kinds(
        'The ministry opened the "North Wind" special operation in March. Officials said the special operation launched in March had ended.',
        'CAMPAIGN',
      ),
    ).toEqual(['North Wind']);
  });
  it('a policy eased, a system called for, people brought into a system', () => {
    expect(kinds('Urban residents rose after easing of the residence permit policy.', 'REFORM')).toEqual([
      'Easing of the residence permit policy',
    ]);
    expect(kinds('The bureau called for a fairer points system for migrants.', 'REFORM')).toEqual([
      'Fairer points system',
    ]);
    expect(kinds('Cities are bringing the floating population into the social insurance system.', 'REFORM')).toEqual([
      'Bringing the floating population into the social insurance system',
    ]);
  });
  it('the organ that calls for a reform proposed it, not the meeting it spoke at', () => {
    expect(
      relations(
        'At a work meeting held on Friday, the Ministry of Public Security called for a unified residence permit system.',
        'PROPOSED',
      ),
    ).toEqual(['Ministry of Public Security PROPOSED Unified residence permit system']);
  });
});

describe('credits name the publisher, not an actor', () => {
  const organs = (text: string) =>
    extractInvented(text, 'relations')
      .entities.filter((e) => e.kind === 'ORGAN')
      .map((e) => e.name);
  it('datelines, bylines and photo credits propose no organ', () => {
    expect(organs('Xinhua, June 9, 2023\nPolice in Hubei solved 120 cases, Xinhua reports.')).toEqual([]);
    expect(organs('By Wang Lei (China Daily)\nPolice in Hubei solved 120 cases.\n[Photo/Xinhua]')).toEqual([]);
    // The same agency as an actor of the story stays.
    expect(organs('The Xinhua News Agency opened a bureau in Lhasa.')).toEqual(['Xinhua News Agency']);
  });
  it('a linked name that opens a longer organ name, or a post in lower case, is not that entity', () => {
    expect(organs('The State Council Information Office held a briefing on Monday.')).toEqual([
      'State Council Information Office',
    ]);
    const people = extractInvented(
      'Zhou Ping, vice minister of public security, spoke on Monday.',
      'relations',
    ).entities.filter((e) => e.kind === 'PERSON');
    expect(people.map((e) => e.name)).toEqual(['Zhou Ping']);
  });
});

describe('wave 5: speakers, owners and back-references (invented sentences)', () => {
  it('"…, it said" is the organ that spoke last; a paragraph opening "Further," goes on with the campaign', () => {
    const text =
      'The Ministry of Public Security opened the "Clear River" special campaign in May 2022.\n\nIn the campaign, police broke up 286 gangs, said the ministry.\n\nFurther, police detained 1,420 suspects, it said.';
    expect(relations(text, 'REPORTED')).toContain('Ministry of Public Security REPORTED #1420');
    expect(relations(text, 'PRODUCED')).toContain('Clear River PRODUCED #1420');
  });
  it('an organ that spoke in the sentence before still gives the figures of the paragraph', () => {
    const text =
      'Nearly 2 million migrants settled in towns in 2022, according to the Ministry of Public Security. The ministry also issued 3.4 million residence permits in 2022.';
    expect(relations(text, 'REPORTED')).toContain('Ministry of Public Security REPORTED #3400000');
  });
  it('figures learned from a press conference held by an organ are that organ’s', () => {
    const text =
      'Reporters learned from the press conference held by the Ministry of Public Security that police solved 5,230 smuggling cases in 2022.';
    expect(relations(text, 'REPORTED')).toEqual(['Ministry of Public Security REPORTED #5230']);
  });
  it('"the ministry’s crackdown on …": the organ owns, so launched, the campaign', () => {
    expect(
      relations(
        "Police from 12 provinces joined the Ministry of Public Security's crackdown on boat smuggling gangs.",
        'LAUNCHED',
      ),
    ).toEqual(['Ministry of Public Security LAUNCHED Crackdown on boat smuggling gangs']);
  });
  it('"in the actions coordinated by" an organ: the campaign named before, led by the organ, produced the figure', () => {
    const text =
      'Police rescued children in the "Bright Path" special campaign, the ministry said.\nNine gangs were broken up and 210 suspects detained in the actions coordinated by the Ministry of Public Security.';
    expect(relations(text, 'LEADS')).toEqual(['Ministry of Public Security LEADS Bright Path']);
    expect(relations(text, 'PRODUCED')).toContain('Bright Path PRODUCED #210');
  });
  it('a report about one campaign means it by "the campaign" however many sentences later', () => {
    const text =
      'The "Amber Gate" special campaign started in March. Officials toured the coast. Boats were checked. Ports were closed at night. Fishermen were warned.\n\nDuring this year\'s campaign, police seized 75 boats.';
    expect(relations(text, 'PRODUCED')).toEqual(['Amber Gate PRODUCED #75']);
  });
});

describe('a speaker is not what was said', () => {
  it('"X said that the public security organs will …": the figure after is X\'s, not the organs\'', () => {
    expect(
      relations(
        'Wang Lin, spokesperson of the Ministry of Public Security, spoke at the briefing. Wang Lin said that the public security organs will keep up the pressure. More than 2,000 gangs were broken up last year.',
        'REPORTED',
      ),
    ).toEqual(['Wang Lin REPORTED #2000']);
  });
});
