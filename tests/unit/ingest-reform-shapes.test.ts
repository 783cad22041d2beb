/**
 * Reform shapes of the genre beyond the first ones (issue 15, fourth wave), each checked on an
 * invented sentence: where a reform's object ends, reforms named by a quotation, systems and
 * mechanisms set up in the passive or named by what they are for, and packages of measures or
 * guidelines named by their purpose.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const reforms = (text: string) =>
  extractInvented(text, 'shapes')
    .entities.filter((e) => e.kind === 'REFORM')
    .map((e) => e.name);

describe("a reform's object ends where a new verb phrase begins", () => {
  it('"and" before a bare verb or an adverb opens a new clause', () => {
    expect(reforms('Officials will push the reform of the vehicle licence system and abolish the old quota.')).toEqual([
      'Reform of the vehicle licence system',
    ]);
    expect(reforms('Cities will deepen the reform of boat registration and steadily expand online filing.')).toEqual([
      'Reform of boat registration',
    ]);
  });
  it('"and" between two nouns still joins them', () => {
    expect(reforms('The county began the reform of pawnshop licensing and inspection last spring.')).toEqual([
      'Reform of pawnshop licensing and inspection',
    ]);
  });
});

describe('a reform named by a quotation', () => {
  it('"reform of “…”" keeps the whole quotation, commas and all', () => {
    expect(
      reforms(
        'Police bureaus pressed on with the reform of “fewer forms, faster permits and shorter queues” this year.',
      ),
    ).toEqual(['Reform of “fewer forms, faster permits and shorter queues”']);
  });
  it('a quoted mechanism, system or model is a reform like a quoted reform', () => {
    expect(reforms('The “one desk for every permit” mechanism was tried in the port district.')).toEqual([
      '“one desk for every permit” mechanism',
    ]);
  });
});

describe('systems and mechanisms', () => {
  it('set up in the passive: "the X system will be implemented"', () => {
    expect(reforms('The pet registration system will be fully implemented in the province next year.')).toEqual([
      'Pet registration system',
    ]);
  });
  it('named by what they are for: "improve the mechanism for X"', () => {
    expect(reforms('Bureaus will improve the mechanism for handling noise complaints in old districts.')).toEqual([
      'Mechanism for handling noise complaints',
    ]);
  });
});

describe('packages named by their purpose', () => {
  it('"measures to <verb> <object>" keeps the object, not only the verb', () => {
    expect(reforms('The bureau unveiled 9 measures to improve the management of parking permits.')).toEqual([
      'Measures to improve the management of parking permits',
    ]);
  });
  it('"N measures to X, including A, B and C": the items listed after the purpose, each a reform', () => {
    expect(
      reforms(
        'The bureau unveiled 9 measures to improve parking management, including the online renewal of resident permits, the abolition of paper receipts at car parks and the issuance of permits within three days.',
      ),
    ).toEqual([
      'Measures to improve parking management',
      'Online renewal of resident permits',
      'Abolition of paper receipts at car parks',
      'Issuance of permits within three days',
    ]);
  });
  it('"issued guidelines/opinions on X": the issuing verb is not part of the name', () => {
    expect(reforms('The ministry issued guidelines on regulating roadside checks by traffic police.')).toEqual([
      'Guidelines on regulating roadside checks',
    ]);
    expect(reforms('The council released opinions on improving ferry safety inspections.')).toEqual([
      'Opinions on improving ferry safety inspections',
    ]);
  });
});

const campaigns = (text: string) =>
  extractInvented(text, 'shapes')
    .entities.filter((e) => e.kind === 'CAMPAIGN')
    .map((e) => e.name);

describe('campaigns named by what they fight', () => {
  it('a time or place between the campaign noun and its purpose is not part of the name', () => {
    expect(
      campaigns('The bureau launched a province-wide campaign in May to crack down on illegal egg trading.'),
    ).toEqual(['Province-wide campaign to crack down on illegal egg trading']);
  });
  it('"special rectification of X" is a campaign', () => {
    expect(
      campaigns('Police have carried out a special rectification of the scooter rental market since May.'),
    ).toEqual(['Special rectification of the scooter rental market']);
  });
  it('"and organized crime": a participle used as an adjective joins the target', () => {
    expect(campaigns('The city will start a two-year action to fight loan sharks and organized crime.')).toEqual([
      'Two-year action to fight loan sharks and organized crime',
    ]);
  });
});
