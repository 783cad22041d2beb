/**
 * Organs and sessions in the shapes press reports write them in lower case (wave 5), on invented
 * sentences: local units, a unit named by its owner ("the ministry's … department"), organs
 * listed by place, coordinating groups and joint conferences, and conferences an organ holds.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const named = (text: string, kind: string) =>
  extractInvented(text, 'organ-session-shapes')
    .entities.filter((e) => e.kind === kind)
    .map((e) => e.name);

describe('organs written in lower case', () => {
  it('a local public security bureau or department with its place or level', () => {
    expect(named('The Hangzhou public security bureau arrested 12 suspects on Monday.', 'ORGAN')).toEqual([
      'Hangzhou Public Security Bureau',
    ]);
    expect(named('Officers of the Wuhan municipal public security bureau took part.', 'ORGAN')).toEqual([
      'Wuhan Municipal Public Security Bureau',
    ]);
    // A bare "public security bureau" names no one unit.
    expect(named('He went to the public security bureau to ask.', 'ORGAN')).toEqual([]);
  });
  it('"the ministry’s X department" is X of the ministry named before', () => {
    const text =
      "The Ministry of Water Resources opened an inquiry. Zhao Lin, deputy head of the ministry's flood control department, said 40 dams were checked.";
    expect(named(text, 'ORGAN')).toContain('Flood Control Department of the Ministry of Water Resources');
    const x = extractInvented(text, 'organ-session-shapes');
    const id = (n: string) => x.entities.find((e) => e.name === n)?.id;
    expect(
      x.relations.some(
        (r) =>
          r.type === 'MEMBER_OF' &&
          r.source === id('Zhao Lin') &&
          r.target === id('Flood Control Department of the Ministry of Water Resources'),
      ),
    ).toBe(true);
  });
  it('"public security organs in A, B, C and other places": one organ per place', () => {
    expect(
      named('The public security organs in Hubei, Hunan, Anhui and other places worked together.', 'ORGAN').filter(
        (n) => n !== 'National public security organs',
      ),
    ).toEqual(['Hubei public security organs', 'Hunan public security organs', 'Anhui public security organs']);
  });
  it('coordinating groups and joint conferences; an office under a group is part of it', () => {
    expect(named('The central anti-smuggling coordination group issued a list.', 'ORGAN')).toEqual([
      'Central anti-smuggling coordination group',
    ]);
    // A verb ends the name: "… for river affairs met" is not part of it.
    expect(named('The provincial leading group for river affairs met on Monday.', 'ORGAN')).toEqual([
      'Provincial leading group',
    ]);
    const text = 'A statement came from the office in charge of refunds under the national pension coordination group.';
    expect(named(text, 'ORGAN')).toEqual([
      'Office in charge of refunds under the national pension coordination group',
      'National pension coordination group',
    ]);
    const x = extractInvented(text, 'organ-session-shapes');
    expect(x.relations.map((r) => r.type)).toEqual(['PART_OF']);
    expect(named('The inter-ministerial joint conference met in Beijing.', 'ORGAN')).toEqual([
      'Inter-ministerial joint conference',
    ]);
  });
});

describe('sessions an organ holds', () => {
  it('"the national … work conference", a teleconference held, a press conference of an organ', () => {
    expect(named('The national road safety work conference opened in Beijing.', 'PLENARY_SESSION')).toEqual([
      'National road safety work conference',
    ]);
    expect(named('The Ministry of Public Security held a teleconference on Thursday.', 'PLENARY_SESSION')).toEqual([
      'Teleconference (2023-06-08)',
    ]);
    const text = 'At a press conference of the State Council Information Office, officials gave the figures.';
    expect(named(text, 'PLENARY_SESSION')).toEqual(['Press conference']);
    const x = extractInvented(text, 'organ-session-shapes');
    expect(x.relations.map((r) => r.type)).toEqual(['HELD']);
  });
});
