/**
 * Campaign and reform shapes of the fifth wave (issue 15, item 3), each on an invented sentence
 * that no article of the real set contains: coordinated purpose verbs, campaigns an organ
 * organises under a distinguishing modifier, "the normalized fight against X", what a campaign
 * protects is not what it fights, and reforms written as services handled across provinces or
 * online, pilots, policies introduced or relaxed, and restrictions lifted.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const names = (text: string, kind: string) =>
  extractInvented(text, 'wave5')
    .entities.filter((e) => e.kind === kind)
    .map((e) => e.name);

describe('campaigns', () => {
  it('two purpose verbs joined by "and" keep the target after the second', () => {
    expect(
      names(
        'The bureau opened a special campaign to investigate and punish illegal sand mining last week.',
        'CAMPAIGN',
      ),
    ).toEqual(['Special campaign to investigate and punish illegal sand mining']);
    expect(
      names('Provinces began a joint operation to crack down on and rectify fake charity appeals.', 'CAMPAIGN'),
    ).toEqual(['Joint operation to crack down on and rectify fake charity appeals']);
  });
  it('campaigns an organ organises under a modifier of its own, and a counted target', () => {
    expect(
      names('The ministry kept organizing provincial sweeps and border battles against smuggling rings.', 'CAMPAIGN'),
    ).toEqual(['Provincial sweeps', 'Border battles against smuggling rings']);
    expect(
      names('Police in the port city launched a wave crackdown on 12 major wildlife smuggling cases.', 'CAMPAIGN'),
    ).toEqual(['Wave crackdown on 12 major wildlife smuggling cases']);
  });
  it('"the normalized fight against X" is a campaign; a bare fight is not', () => {
    expect(names('Officials joined the normalized fight against pyramid schemes this spring.', 'CAMPAIGN')).toEqual([
      'Normalized fight against pyramid schemes',
    ]);
    expect(names('The fight against crime never ends, the officer said.', 'CAMPAIGN')).toEqual([]);
  });
  it('what a campaign protects is not a target: "crackdown on public security"', () => {
    expect(
      names('During the summer drive for crackdown on public security, patrols doubled.', 'CAMPAIGN'),
    ).not.toContain('Crackdown on public security');
  });
});

describe('reforms', () => {
  it('services handled across provinces, online or nationwide', () => {
    expect(
      names('By October, four vehicle licensing services will be handled across provinces in the country.', 'REFORM'),
    ).toEqual(['Cross-provincial handling of four vehicle licensing services']);
    expect(
      names('Residents can now apply for the online renewal of fishing permits at any station.', 'REFORM'),
    ).toEqual(['Online renewal of fishing permits']);
  });
  it('a pilot of something, or something piloted', () => {
    expect(names('The city will run a pilot of remote notarisation for overseas residents.', 'REFORM')).toEqual([
      'Pilot of remote notarisation for overseas residents',
    ]);
    expect(names('Twelve districts piloted paperless parking permits in the first half.', 'REFORM')).toEqual([
      'Pilot of paperless parking permits',
    ]);
  });
  it('a policy introduced, extended or relaxed, in the active or the passive', () => {
    expect(names('The ministry introduced a visa-free transit policy for cruise groups.', 'REFORM')).toEqual([
      'Visa-free transit policy for cruise groups',
    ]);
    expect(names('The points-based settlement policy was relaxed in smaller cities.', 'REFORM')).toEqual([
      'Points-based settlement policy',
    ]);
  });
  it('restrictions lifted or requirements cancelled, named as the easing', () => {
    expect(names('Several provinces lifted restrictions on settling in county towns last year.', 'REFORM')).toEqual([
      'Lifting of restrictions on settling in county towns',
    ]);
    expect(
      names('The bureau cancelled the requirement for printed photos in passport applications.', 'REFORM'),
    ).toEqual(['Cancellation of the requirement for printed photos in passport applications']);
  });
});

describe('where a target ends', () => {
  it('a quotation after the target is the name, not more of the target', () => {
    expect(
      names(
        'Police opened a two-month special campaign to crack down on and rectify dog theft "Quiet Kennel 2019".',
        'CAMPAIGN',
      ),
    ).toEqual(['Two-month special campaign to crack down on and rectify dog theft']);
  });
});

describe('what names no policy', () => {
  it('a policy phrase may not run across function words', () => {
    expect(names('Bureaus will optimize the workflow to improve the policy supply for small firms.', 'REFORM')).toEqual(
      [],
    );
    expect(names('The county announced a series of new policies.', 'REFORM')).toEqual([]);
  });
});

describe('reforms built up or rolled out', () => {
  it('"accelerate the construction of X" is the construction of X', () => {
    expect(
      names('The province will accelerate the construction of smart checkpoints on mountain roads.', 'REFORM'),
    ).toEqual(['Construction of smart checkpoints on mountain roads']);
    expect(names('Cadres must speed up the construction of a prosperous nation.', 'REFORM')).toEqual([]);
    // "strengthen the construction of" is exhortation about existing work (it added an unmatched
    // relation on the curated corpus), not a reform's start.
    expect(names('Officers must strengthen the construction of the river patrol team.', 'REFORM')).toEqual([]);
  });
  it('an electronic licence rolled out is a reform; one merely shown is not', () => {
    expect(names('Electronic fishing licences were rolled out in eleven coastal counties in May.', 'REFORM')).toEqual([
      'Electronic fishing licences',
    ]);
    expect(names('Drivers showed their electronic licences at the checkpoint.', 'REFORM')).toEqual([]);
  });
});
