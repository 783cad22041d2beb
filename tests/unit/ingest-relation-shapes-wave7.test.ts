/**
 * Wave 7 (issue 15 item 4): the shapes a press report uses to state a relation, each on an
 * INVENTED sentence (not copied from any article), written from the conventions in ANNOTATION.md
 * and the NOTES files before any rule was changed. The report of wave 7 in FIGURES.md lists
 * which passed before the wave and which the wave fixed.
 */
import { describe, expect, it } from 'vitest';
import { inventedRelations } from '../helpers/ingest.js';

const MPS = 'Ministry of Public Security';

describe('relation shapes of a press report (wave 7)', () => {
  it('LAUNCHED: "the ministry launched a campaign"', () => {
    const r = inventedRelations(
      'The Ministry of Public Security launched a special campaign against pension fraud in March.',
      'shape-launched-active',
    );
    expect(r).toContain(`${MPS} LAUNCHED Special campaign against pension fraud`);
  });

  it('LAUNCHED: "a campaign, launched by the ministry"', () => {
    const r = inventedRelations(
      'The special campaign against pension fraud, launched by the Ministry of Public Security in March, will last until December.',
      'shape-launched-passive',
    );
    expect(r).toContain(`${MPS} LAUNCHED Special campaign against pension fraud`);
  });

  it('LAUNCHED and PARTICIPATED_IN: "the ministry deployed public security organs to carry out a campaign"', () => {
    const r = inventedRelations(
      'In February, the Ministry of Public Security deployed public security organs across the country to carry out the "Clean Harbour" special campaign.',
      'shape-deployed-to-carry-out',
    );
    expect(r).toContain(`${MPS} LAUNCHED Clean Harbour`);
    // The organs sent to carry it out took part in it; they did not launch it.
    expect(r).not.toContain('National public security organs LAUNCHED Clean Harbour');
    expect(r).toContain('National public security organs PARTICIPATED_IN Clean Harbour');
  });

  it('HELD: "the ministry held a press conference"', () => {
    const r = inventedRelations(
      'The Ministry of Public Security held a press conference on Thursday on the results of the "Clean Harbour" special campaign.',
      'shape-held',
    );
    expect(r.some((x) => x.startsWith(`${MPS} HELD Press conference`))).toBe(true);
  });

  it('REPORTED and MEMBER_OF: "X, spokesman of the ministry, said" before or after the figure', () => {
    for (const text of [
      'Li Ming, spokesman of the Ministry of Public Security, said that police had solved 48,000 pension fraud cases since January.',
      'Police solved 48,000 pension fraud cases from January to May, Li Ming, spokesman of the Ministry of Public Security, said on Thursday.',
    ]) {
      const r = inventedRelations(text, 'shape-spokesman');
      expect(r).toContain('Li Ming REPORTED #48000');
      expect(r).toContain(`Li Ming MEMBER_OF ${MPS}`);
      expect(r).not.toContain(`${MPS} REPORTED #48000`);
    }
  });

  it('REPORTED: "according to the ministry" and "…, it said"', () => {
    expect(
      inventedRelations(
        'According to the Ministry of Public Security, police solved 3,000 fraud cases in the first quarter.',
        'shape-according-to',
      ),
    ).toContain(`${MPS} REPORTED #3000`);
    expect(
      inventedRelations(
        'The Ministry of Public Security held a press conference on Thursday. Police solved 3,000 cases in the first quarter, it said.',
        'shape-it-said',
      ),
    ).toContain(`${MPS} REPORTED #3000`);
  });

  it('REPORTED: "reporters learned from the ministry that …"', () => {
    expect(
      inventedRelations(
        'Reporters learned from the Ministry of Public Security on Tuesday that police had solved 5,000 pension fraud cases since January.',
        'shape-learned-from',
      ),
    ).toContain(`${MPS} REPORTED #5000`);
  });

  it('REPORTED: "according to a statement issued Friday, March 3 by the ministry", then "according to the statement"', () => {
    const r = inventedRelations(
      'Police caught 2,000 fugitives last year. Of them, 700 returned voluntarily, according to a statement issued Friday, March 3 by the Ministry of Public Security. The manhunt went on in many countries. Most fugitives had fled to Southeast Asia. Many had used false passports. A total of 150 suspects were arrested abroad, according to the statement.',
      'shape-statement-by',
    );
    expect(r).toContain(`${MPS} REPORTED #700`);
    expect(r).toContain(`${MPS} REPORTED #150`);
  });

  it('REPORTED: "…, the Ministry said, adding that …" in the paragraph after the ministry spoke', () => {
    const r = inventedRelations(
      'Police caught 3,000 suspects in a crackdown on food crimes, the Ministry of Public Security said Monday.\n\nThe money involved in the cases amounted to 1.2 billion yuan, the Ministry said, adding that more than 900 criminal gangs were busted.',
      'shape-the-ministry-said',
    );
    expect(r).toContain(`${MPS} REPORTED #3000`);
    expect(r).toContain(`${MPS} REPORTED #1200000000`);
    expect(r).toContain(`${MPS} REPORTED #900`);
  });

  it('REPORTED: a speaker quoted paragraphs before an unattributed figure did not report it', () => {
    const r = inventedRelations(
      'Li Ming, spokesman of the Ministry of Public Security, said on Thursday that police would keep up pressure on fraud.\n\n"We will never let up," Li said.\n\nThe "Clean Harbour" campaign targets fraud gangs.\n\nIn 2022, courts across the country concluded 2,100 fraud trials.',
      'shape-voice-far',
    );
    expect(r).toContain(`Li Ming MEMBER_OF ${MPS}`);
    expect(r.filter((x) => x.includes('REPORTED'))).toEqual([]);
  });

  it('REPORTED: an official quoted before and again after the figures holds the floor over them', () => {
    const r = inventedRelations(
      'Li Ming, spokesman of the Ministry of Public Security, introduced the results of the campaign against fraud.\n\nPolice have taken firm steps against fraud gangs and their helpers across the country.\n\nIn 2022, police solved 60,000 fraud cases.\n\nLi Ming said that the police will keep up the pressure next year.',
      'shape-voice-sandwich',
    );
    expect(r).toContain('Li Ming REPORTED #60000');
  });

  it('HEADS: the director of a bureau of the ministry heads the bureau, not the ministry', () => {
    const r = inventedRelations(
      'Zhang Hua, director of the criminal investigation bureau of the Ministry of Public Security, said that 3,000 cases were solved this year.',
      'shape-head-of-bureau',
    );
    expect(r).not.toContain(`Zhang Hua HEADS ${MPS}`);
    expect(r).toContain('Zhang Hua REPORTED #3000');
  });

  it('PART_OF and MEMBER_OF: "X, deputy head of the ministry\'s criminal investigation department"', () => {
    const r = inventedRelations(
      "The Ministry of Public Security said on Friday that police had solved 500 fraud cases this year. Zhang Hua, deputy head of the ministry's criminal investigation department, told a news conference that the ministry would keep up the pressure.",
      'shape-possessive-unit',
    );
    expect(r).toContain(`Criminal Investigation Department of the ${MPS} PART_OF ${MPS}`);
    expect(r).toContain(`Zhang Hua MEMBER_OF Criminal Investigation Department of the ${MPS}`);
  });

  it('HEADS: "X, minister of public security" heads the ministry; a vice minister is a member', () => {
    const head = inventedRelations(
      'Zhao Ming, minister of the Ministry of Public Security, said that 3,000 cases were solved this year.',
      'shape-minister',
    );
    expect(head).toContain(`Zhao Ming HEADS ${MPS}`);
    const vice = inventedRelations(
      'Zhao Ming, vice minister of the Ministry of Public Security, said that 3,000 cases were solved this year.',
      'shape-vice-minister',
    );
    expect(vice).toContain(`Zhao Ming MEMBER_OF ${MPS}`);
  });

  it('MEMBER_OF and HEADS: "X, vice minister of public security" when the ministry is named elsewhere', () => {
    const opening = 'The Ministry of Public Security held a press conference on Friday. ';
    expect(
      inventedRelations(
        `${opening}Zhao Ming, vice minister of public security, said that 3,000 fraud cases were solved this year.`,
        'shape-vice-minister-title',
      ),
    ).toContain(`Zhao Ming MEMBER_OF ${MPS}`);
    expect(
      inventedRelations(
        `${opening}Zhao Ming, minister of public security, said that 3,000 fraud cases were solved this year.`,
        'shape-minister-title',
      ),
    ).toContain(`Zhao Ming HEADS ${MPS}`);
  });

  it('SPOKE_AT: "X addressed the conference" and "Addressing the conference, X urged"', () => {
    expect(
      inventedRelations(
        'Wang Xiaohong, minister of public security, addressed the national conference on public security work held in Beijing on Tuesday.',
        'shape-addressed',
      ),
    ).toContain('Wang Xiaohong SPOKE_AT National conference on public security work');
    expect(
      inventedRelations(
        'Addressing the national conference on public security work on Tuesday, Wang Xiaohong, minister of public security, urged police to stay loyal.',
        'shape-addressing',
      ),
    ).toContain('Wang Xiaohong SPOKE_AT National conference on public security work');
    // Attending is not speaking, and the speaker named later in the sentence is someone else.
    expect(
      inventedRelations(
        'Wang Xiaohong attended the national conference on public security work, which Li Hua addressed.',
        'shape-attended',
      ).filter((x) => x.includes('SPOKE_AT')),
    ).toEqual([]);
  });

  it('PRODUCED: "During the campaign, police solved N cases"', () => {
    const r = inventedRelations(
      'The Ministry of Public Security launched the "Clean Harbour" campaign in January. During the campaign, police solved 3,000 cases and arrested 4,500 suspects.',
      'shape-during',
    );
    expect(r).toContain('Clean Harbour PRODUCED #3000');
    expect(r).toContain('Clean Harbour PRODUCED #4500');
  });

  it('PRODUCED: "In a nationwide crackdown, police solved N …", the campaign named in the next sentence', () => {
    const r = inventedRelations(
      'In a nationwide crackdown, police have solved 800 pension fraud cases, the Ministry of Public Security said on Friday.\nThe special campaign against pension fraud, launched by the ministry in March, will run until the end of the year.',
      'shape-in-a-crackdown',
    );
    expect(r).toContain('Special campaign against pension fraud PRODUCED #800');
    // No campaign the figure lies in: the one named next is not its cause.
    const none = inventedRelations(
      'Police have solved 800 pension fraud cases this year, the Ministry of Public Security said on Friday.\nThe special campaign against pension fraud, launched by the ministry in March, will run until the end of the year.',
      'shape-no-crackdown',
    );
    expect(none.filter((x) => x.includes('PRODUCED'))).toEqual([]);
  });

  it('PRODUCED: never from a campaign launched after the figure’s year', () => {
    const r = inventedRelations(
      'In 2022, police across the country solved 60,000 fraud cases.\n\nIn March 2023, the Ministry of Public Security launched the "Clean Harbour" special campaign against fraud.',
      'shape-later-campaign',
    );
    expect(r.filter((x) => x.includes('PRODUCED'))).toEqual([]);
  });

  it('PRODUCED: never to a figure whose period began before the campaign', () => {
    const r = inventedRelations(
      'From January to June this year, police solved 48,000 pension fraud cases. The "Clean Harbour" special campaign was launched in March.',
      'shape-period-before',
    );
    expect(r.filter((x) => x.includes('PRODUCED'))).toEqual([]);
  });

  it('PART_OF: "N measures, including A, B and C"', () => {
    const r = inventedRelations(
      'The ministry announced 12 new measures on vehicle administration, including the reform of vehicle inspection, the reform of driving test registration and the reform of licence renewal.',
      'shape-including',
    );
    expect(r).toContain('Reform of vehicle inspection PART_OF Measures on vehicle administration');
    expect(r).toContain('Reform of licence renewal PART_OF Measures on vehicle administration');
  });

  it('ENACTED: "the law was adopted by the Standing Committee"; "took effect" names no enactor', () => {
    expect(
      inventedRelations(
        "The Anti-Telecom and Online Fraud Law was adopted by the Standing Committee of the National People's Congress on September 2, 2022.",
        'shape-adopted-by',
      ),
    ).toContain("Standing Committee of the National People's Congress ENACTED Anti-Telecom and Online Fraud Law");
    expect(
      inventedRelations('The Anti-Telecom and Online Fraud Law took effect on December 1, 2022.', 'shape-took-effect'),
    ).toEqual([]);
  });
});
