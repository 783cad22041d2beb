/**
 * Campaigns and reforms, eighth wave (issue 15): links to other stories, back-references to the
 * report's one campaign, a headline's campaign, campaigns named by length and nouns, and reforms
 * promoted as a process. Each on an invented text (published 2023-06-10).
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const named = (text: string, kind: 'CAMPAIGN' | 'REFORM') =>
  extractInvented(text, 'wave8')
    .entities.filter((e) => e.kind === kind)
    .map((e) => e.name);
const campaigns = (text: string) => named(text, 'CAMPAIGN');
const reforms = (text: string) => named(text, 'REFORM');

describe('campaigns (wave 8)', () => {
  it('a campaign named only in a "Related Stories" list of links is no candidate', () => {
    const text =
      'Police in Fujian close 300 cases\nFUZHOU, May 3 (Xinhua) -- Police in Fujian solved 300 burglary cases in April, the bureau said.\nRelated Stories\n- Guangxi police launch campaign on protecting river fisheries\n- Police warn of holiday scams\n';
    expect(campaigns(text)).toEqual([]);
  });
  it('"crimes and other violations" is no target that names a campaign', () => {
    expect(campaigns('Thanks to police campaigns to crack down on crimes and other violations, calls fell.')).toEqual(
      [],
    );
  });
  it('"the two-year campaign" refers back to the one campaign the report introduced', () => {
    const text =
      'Police have solved 900 cases since a campaign against illegal fishing nets was launched in Hunan in March. During the first three months of the two-year campaign, police seized 4,000 nets.';
    expect(campaigns(text)).toEqual(['Campaign against illegal fishing nets']);
  });
  it('a campaign that another is part of is not a back-reference', () => {
    const text =
      'Police launched a special action to combat online loan sharks in March. They treat the special action as an important part of the normalized fight against gangsters and evil.';
    expect(campaigns(text)).toHaveLength(2);
  });
  it("a headline's described campaign is the campaign the body introduces first", () => {
    const text =
      'Hunan launches anti-poaching campaign\n\nA new round of crackdowns on the illegal hunting of wild birds has begun in 30 counties across Hunan, the provincial bureau said on Monday.';
    expect(campaigns(text)).toEqual(['Crackdowns on the illegal hunting of wild birds']);
  });
  it('"a three-month security enforcement campaign" is a campaign, and "this year\'s summer campaign" is it again', () => {
    const text =
      "Police in Hebei are running a three-month security enforcement campaign. This year's summer campaign has cut road accidents by 10 percent.";
    expect(campaigns(text)).toEqual(['Three-month security enforcement campaign']);
  });
});

describe('campaigns (wave 8, second round)', () => {
  it('"summer night security inspections" are a campaign of their own', () => {
    expect(campaigns('Police in Linyi carried out two rounds of summer night security inspections in July.')).toContain(
      'Summer night security inspections',
    );
  });
  it('"the successful crackdown on X" refers back to the campaign the body introduced', () => {
    const text =
      'Police in Linyi reported results of their winter public security campaign on Friday. The director praised the successful crackdown on armed robbery in rural areas.';
    expect(campaigns(text)).toEqual(['Winter public security campaign']);
  });
  it('a described campaign joined by "and" to a named one is another campaign, read with "and rectification"', () => {
    const text =
      'The ministry folded the river work into the national winter public security crackdown and rectification campaign and the “Jade Shield 2021” special action.';
    const found = campaigns(text);
    expect(found).toContain('Winter public security crackdown and rectification campaign');
    expect(found).toContain('Jade Shield 2021');
  });
});

describe('reforms (wave 8)', () => {
  it('"promoting reform in the traffic management sector" names a reform by its field', () => {
    expect(reforms('The governor urged promoting reform in the traffic management sector.')).toContain(
      'Reform in the traffic management sector',
    );
  });
  it('"departments … will be amalgamated" is a reform of those departments', () => {
    expect(reforms('Under the pilot, offices with overlapping duties will be amalgamated to cut red tape.')).toContain(
      'Amalgamation of offices with overlapping duties',
    );
  });
  it('a title-case reform project: "the Border Police Reform Pilot Project"', () => {
    expect(reforms('The launch of the Border Police Reform Pilot Project took place in Ruili on Monday.')).toContain(
      'Border Police Reform Pilot Project',
    );
  });
  it('"a reform that vows to improve X and boost Y": each aim is a measure', () => {
    const found = reforms(
      'The change is part of a wider customs reform that also vows to improve border inspection efficiency and boost the pay of the inspection staff.',
    );
    expect(found).toContain('Improving border inspection efficiency');
    expect(found).toContain('Boosting the pay of the inspection staff');
  });
  it('modernisation is a reform when the report leads with it, not as a purpose in passing', () => {
    const lead =
      'Governor stresses modernization of fire rescue work\nThe governor urged promoting the modernization of fire rescue work.';
    expect(reforms(lead)).toContain('Modernization of fire rescue work');
    const passing =
      'The ministry issued rules on fire drills on Monday. The rules aim to advance the modernization of fire rescue work.';
    expect(reforms(passing)).not.toContain('Modernization of fire rescue work');
  });
  it('"and called on public …" ends an object: a verb with its particle is no adjective', () => {
    const text =
      'Governor stresses modernization of fire rescue work\nThe governor urged promoting the modernization of fire rescue work and called on local officials to act.';
    expect(reforms(text)).toContain('Modernization of fire rescue work');
  });
});
