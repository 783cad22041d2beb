/**
 * Outcome precision, eighth wave (issue 15): figures a press report writes that are no result at
 * all (shares, costs, inputs, sizes of each item, page furniture, copies cut mid-sentence), each on an
 * invented sentence (published 2023-06-10). Beside each, a result of the same shape stays.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const values = (text: string) =>
  extractInvented(text, 'wave8p')
    .entities.filter((e) => e.kind === 'OUTCOME')
    .map((e) => e.fields.value);

describe('figures that are no result', () => {
  it('a share of a total: "accounted for N percent of the province\'s total"', () => {
    const text =
      "In 2022, police in the county seized 2.4 tonnes of drugs, which accounted for 35 percent of the province's total.";
    expect(values(text)).toEqual([2.4]);
  });
  it('"N percent and M percent of the country\'s total respectively"', () => {
    const text =
      "In 2022, the city seized 3.1 tonnes of heroin and 1.2 tonnes of opium, which accounted for 40 percent and 15 percent of the country's total respectively.";
    expect(values(text)).toEqual([3.1, 1.2]);
  });
  it('"more than N percent of all X": a share; "N percent of the cases were solved" stays', () => {
    expect(values('In 2022, the harbour police made more than 60 percent of all seizures in the region.')).toEqual([]);
    expect(values('In 2022, nearly 92 percent of the cases reported on the hotline were solved.')).toEqual([92]);
  });
  it('police hurt in a campaign are its cost: "another N injured"', () => {
    const text = 'Police arrested 4,200 suspects in the drive, and three officers were killed and another 11 injured.';
    expect(values(text)).toEqual([4200]);
  });
  it('people mobilized or deployed are an input', () => {
    const text =
      'In May, the county mobilized more than 9,000 volunteers for night patrols and inspected 1,420 entertainment venues.';
    expect(values(text)).toEqual([1420]);
  });
  it('"each attracting over N": the size of each item, not a total', () => {
    const text = 'In 2022, police secured more than 300 large concerts, each attracting over 20,000 fans.';
    expect(values(text)).toEqual([300]);
  });
  it('the country\'s population after "of" is no result; a verb of its own makes it one', () => {
    expect(values('The campaign protects the property of 1.4 billion people, the minister said in 2022.')).toEqual([]);
    expect(values('By the end of 2022, 1.2 billion people had registered for the new digital identity card.')).toEqual([
      1.2e9,
    ]);
  });
  it('"16 px" of a page\'s font-size control is furniture', () => {
    expect(values('+ ↺ − 18 px\n\nPolice solved 3,100 burglary cases in 2022.')).toEqual([3100]);
  });
  it('a figure cut before its sentence ends, the copy ending in "[…]"', () => {
    const text =
      'Police solved 7,300 fraud cases in 2022.\n\nIn Hangzhou, officers also broke up 14 rings that had ch\n[…]';
    expect(values(text)).toEqual([7300]);
  });
  it('headlines of a related-story list are page furniture', () => {
    const text =
      'Police solved 8,800 theft cases in 2022, the ministry said.\n\nRelated Stories\n- Over 2,400 held in crackdown on gambling\n- Police rescue 57 children in joint operation\n';
    expect(values(text)).toEqual([8800]);
  });
});

describe('places a campaign reaches are its scope', () => {
  it('"has begun in N cities": where a campaign began', () => {
    expect(
      values('A new drive against gun crime has begun in 75 cities, the ministry said on Monday in 2023.'),
    ).toEqual([]);
  });
  it('"organs in N provinces": where the acting bodies are', () => {
    const text = 'In 2023, police organs in 9 provinces and cities along the coast solved 640 smuggling cases.';
    expect(values(text)).toEqual([640]);
  });
  it('"the N neighbouring provinces": a definite set', () => {
    expect(values('The ministry asked the 5 neighbouring provinces to tighten checkpoints in 2023.')).toEqual([]);
  });
  it('"N cities to start": places that are to act', () => {
    expect(values('In 2023, a total of 42 cities to start the online vehicle inspection service.')).toEqual([]);
  });
  it('"the number of countries … increased to N": the reach of a policy', () => {
    expect(values('In 2023, the number of countries covered by the transit policy has also increased to 48.')).toEqual(
      [],
    );
  });
  it('"piloted N enterprises in M cities" stays (the curated corpus counts it)', () => {
    expect(values('Over the past year, police have piloted 21 factories in 30 cities to inspect new trucks.')).toEqual([
      21, 30,
    ]);
  });
});

describe('single cases inside a campaign story', () => {
  it('"arrested N suspects involved in a gang": the members of one group', () => {
    const text =
      'In 2023, police across the province solved 5,600 fraud cases. In Yichang, officers arrested 37 suspects involved in a phishing ring.';
    expect(values(text)).toEqual([5600]);
  });
});
