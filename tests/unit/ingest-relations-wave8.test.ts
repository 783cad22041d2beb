/**
 * Wave 8 (issue 15): relations among correctly found items, each shape on an INVENTED text
 * (not copied from any article), written from ANNOTATION.md and the NOTES files. Each test
 * failed before its rule.
 */
import { describe, expect, it } from 'vitest';
import { inventedRelations } from '../helpers/ingest.js';

const MPS = 'Ministry of Public Security';

describe('relation shapes of wave 8', () => {
  it('REPORTED: the source named in the opening paragraph gives the figures that follow', () => {
    const r = inventedRelations(
      'Xinhua, March 3. According to the website of the Ministry of Public Security, in 2023 public security organs kept up the fight against pension fraud.\n\nOver the year, more than 4,200 pension fraud cases were solved and more than 910 fraud gangs were smashed.',
      'wave8-source-opening',
      'REPORTED',
    );
    expect(r).toContain(`${MPS} REPORTED #4200`);
    expect(r).toContain(`${MPS} REPORTED #910`);
  });

  it('PART_OF: a counted list ("5 matters including …") is part of the reform named before with that count', () => {
    const r = inventedRelations(
      'At a press conference on Monday, an official of the Ministry of Public Security said that five vehicle registration services will be handled across provinces by June.\n\nUnder the plan, 5 matters including the transfer of vehicle registration of retired drivers, the renewal of licence plates of rental cars and the registration of electric bicycles of students will be handled online.',
      'wave8-counted-list',
      'PART_OF',
    );
    expect(r.filter((x) => /PART_OF .*five vehicle registration services/i.test(x))).toHaveLength(3);
  });

  it('MEMBER_OF / HEADS: a title before the name with its field ("vice public security minister Li Ming")', () => {
    const r = inventedRelations(
      'The Ministry of Public Security opened a training course for traffic police in Beijing on Monday, with vice public security minister Li Ming urging officers to serve the public.',
      'wave8-titled-vice-minister',
    );
    expect(r).toContain(`Li Ming MEMBER_OF ${MPS}`);
  });

  it('HEADS: "Minister Zhao Wen" signing a decree of the one ministry the text names', () => {
    const r = inventedRelations(
      'Order of the Ministry of Public Security\n\nThe Provisions on the Handling of Traffic Accidents are hereby promulgated and shall come into force on July 1.\n\nMinister Zhao Wen',
      'wave8-titled-minister-decree',
    );
    expect(r).toContain(`Zhao Wen HEADS ${MPS}`);
  });

  it('PRODUCED: a paragraph opening "As a result," goes on with the campaign of the paragraph before', () => {
    const r = inventedRelations(
      'Police in nine provinces joined the "Clear Spring" special campaign against fake medicine this month. More than 2,000 officers took part in the campaign.\n\nAs a result, 420 suspects were arrested.',
      'wave8-as-a-result',
      'PRODUCED',
    );
    expect(r).toContain('Clear Spring PRODUCED #420');
  });

  it('REPORTED: a campaign announced in a sentence its speaker closes or opens', () => {
    const closing = inventedRelations(
      'China has started the "Iron Shield 2025" special action against pension scams in all provinces, the Ministry of Public Security said on Friday.',
      'wave8-announced-closing',
      'REPORTED',
    );
    expect(closing).toContain(`${MPS} REPORTED Iron Shield 2025`);
    const opening = inventedRelations(
      'According to the relevant person in charge of the Ministry of Public Security, the "Iron Shield 2025" special action will focus on scams against the elderly.',
      'wave8-announced-opening',
      'REPORTED',
    );
    expect(opening).toContain(`${MPS} REPORTED Iron Shield 2025`);
    // A statement of figures reports the figures, not the campaign they were achieved in.
    const figures = inventedRelations(
      'Police also carried out the "Iron Shield 2025" special action, solving 3,400 pension scam cases, the Ministry of Public Security said.',
      'wave8-announced-figures',
      'REPORTED',
    );
    expect(figures).not.toContain(`${MPS} REPORTED Iron Shield 2025`);
  });

  it('REPORTED: the information office that hosts a press conference does not give the figures', () => {
    const r = inventedRelations(
      'At a press conference held by the Weifang Municipal Government Information Office on May 9, the city police described their spring campaign.\n\nOver the past two months, 1,240 cases were solved and 860 suspects were detained.',
      'wave8-press-office',
      'REPORTED',
    );
    expect(r.filter((x) => /Information Office REPORTED/i.test(x))).toEqual([]);
  });
});
