/**
 * Sessions, people, documents and organ names, eighth wave (issue 15): shapes of English press
 * writing about meetings and the people at them, each on an invented sentence.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const named = (text: string, kind: string) =>
  extractInvented(text, 'wave8s')
    .entities.filter((e) => e.kind === kind)
    .map((e) => e.name);

describe('sessions named in lower case', () => {
  it('central and provincial work conferences whose spirit a meeting studies', () => {
    const found = named(
      'The bureau studied the spirit of the central economic work conference, the central political and legal work conference and the provincial economic work conference.',
      'PLENARY_SESSION',
    );
    expect(found).toContain('Central economic work conference');
    expect(found).toContain('Central political and legal work conference');
    expect(found).toContain('Provincial economic work conference');
  });
  it('a national meeting named by who meets', () => {
    expect(
      named(
        'Zhang made the remarks at a national meeting attended by police chiefs from across the country.',
        'PLENARY_SESSION',
      ),
    ).toEqual(['National meeting attended by police chiefs']);
    expect(
      named(
        'It conveyed the spirit of the national conference of directors of the public security department.',
        'PLENARY_SESSION',
      ),
    ).toEqual(['National conference of directors of the public security department']);
  });
  it('"the provincial two sessions"', () => {
    expect(named('The meeting followed the provincial two sessions in January.', 'PLENARY_SESSION')).toContain(
      'Provincial two sessions',
    );
  });
  it("a local party committee's plenary session in lower case", () => {
    expect(
      named('Delegates studied the third plenary session of the tenth provincial party committee.', 'PLENARY_SESSION'),
    ).toEqual(['Third plenary session of the tenth provincial party committee']);
  });
  it('a session that is the subject of "was held", with a word that says which', () => {
    expect(
      named('The launching ceremony of the Smart Policing Pilot Project was held in Foshan.', 'PLENARY_SESSION'),
    ).toEqual(['Launching ceremony of the Smart Policing Pilot Project']);
    expect(
      named('The second batch of model station directors seminar was held in Jiaxing.', 'PLENARY_SESSION'),
    ).toEqual(['Second batch of model station directors seminar']);
    expect(
      named('The meeting was held in Jiaxing. The previous such conference was held in 2015.', 'PLENARY_SESSION'),
    ).toEqual([]);
  });
  it('a conference on a title-case topic, not on a weekday', () => {
    expect(
      named(
        'Officials followed the spirit of the June 3 conference on Safeguarding Security during the Spring Festival.',
        'PLENARY_SESSION',
      ),
    ).toEqual(['Conference on Safeguarding Security during the Spring Festival']);
    expect(named('Addressing the conference on Friday, Zhang urged loyalty.', 'PLENARY_SESSION')).toEqual([]);
  });
  it('a press conference "hosted by" an organ', () => {
    expect(
      named(
        'The figures were given during a press conference hosted by the State Council Information Office on Friday.',
        'PLENARY_SESSION',
      ),
    ).toHaveLength(1);
  });
  it("a Party committee's study sessions named in title case, one each", () => {
    expect(
      named(
        'The Bureau Party Committee’s Special Theory Study Seminar and Central Group Learning Conference set requirements.',
        'PLENARY_SESSION',
      ),
    ).toEqual(['Special Theory Study Seminar', 'Central Group Learning Conference']);
  });
  it("a headline's undated video conference is the one its body dates", () => {
    const text =
      'The City Public Security Bureau held a video conference on flood relief\n\nOn June 2, the City Public Security Bureau held a video conference on flood relief work.';
    expect(named(text, 'PLENARY_SESSION')).toHaveLength(1);
  });
});

describe('people at meetings', () => {
  it('a capitalised post after the comma', () => {
    expect(
      named('Zhou Ming, Deputy Director-General of the Hefei Public Security Bureau, attended the meeting.', 'PERSON'),
    ).toEqual(['Zhou Ming']);
    expect(named('Zhou Ming, Beijing, is a city guide.', 'PERSON')).toEqual([]);
  });
  it('names listed after the post they share', () => {
    expect(
      named(
        'The briefing was attended by senior NIA officials including Xiong Wei, Chi Ming, and Liu Fang, who spoke.',
        'PERSON',
      ),
    ).toEqual(['Xiong Wei', 'Chi Ming', 'Liu Fang']);
  });
});

describe('documents cited without a title', () => {
  it('"according to a guideline jointly issued by", "a notice released by four agencies"', () => {
    expect(
      named(
        'Cities will ease limits, according to a guideline jointly issued by the General Office of the State Council.',
        'DOCUMENT',
      ),
    ).toEqual(['Guideline']);
    expect(
      named('Gangs are the main target, according to a notice released by four government agencies.', 'DOCUMENT'),
    ).toEqual(['Notice']);
    expect(named('Permits will go, according to the plan approved by the authorities.', 'DOCUMENT')).toEqual([]);
  });
  it('a Five-Year Plan is a policy document, not a campaign', () => {
    const text = 'The office reviewed work during the 13th Five-Year Plan period.';
    expect(named(text, 'DOCUMENT')).toEqual(['13th Five-Year Plan']);
    expect(named(text, 'CAMPAIGN')).toEqual([]);
  });
});

describe('organ names', () => {
  it('a shortened capitalised name is the organ named in full before it', () => {
    const found = named(
      'The Luohu Public Security Bureau Xinxiu Branch opened a hall. Later the Xinxiu Branch served 300 people.',
      'ORGAN',
    );
    expect(found.filter((n) => n === 'Xinxiu Branch')).toEqual([]);
  });
  it('a title-case headline verb ends the name', () => {
    expect(named('Ministry of Justice Launches Legal Aid Week', 'ORGAN')).not.toContain(
      'Ministry of Justice Launches Legal Aid Week',
    );
  });
  it('"in China" after a ministry is no part of its name', () => {
    expect(named('The Ministry of Civil Affairs in China is making efforts.', 'ORGAN')).not.toContain(
      'Ministry of Civil Affairs in China',
    );
  });
});

describe('organs written in lower case', () => {
  it('"police in <place>": the place\'s police, with its kind', () => {
    expect(named('Border police in Guangxi seized 40 guns.', 'ORGAN')).toContain('Guangxi border police');
    expect(named("Police in northwest China's Gansu Province caught 12 suspects.", 'ORGAN')).toContain('Gansu police');
    expect(named('Police in China caught 12 suspects.', 'ORGAN')).not.toContain('China police');
    expect(named('Police in Jinan city caught 12 suspects.', 'ORGAN')).toContain('Jinan police');
  });
  it("a ministry's unit in lower case, of the ministry named or named before", () => {
    expect(
      named(
        'Wu, deputy head of the economic crime investigation bureau of the Ministry of Public Security, spoke.',
        'ORGAN',
      ),
    ).toContain('Economic Crime Investigation Bureau of the Ministry of Public Security');
    expect(
      named('The Ministry of Public Security said the drug control bureau of the ministry seized 3 tonnes.', 'ORGAN'),
    ).toContain('Drug Control Bureau of the Ministry of Public Security');
  });
  it('"the public security and civil affairs ministries": one ministry each', () => {
    expect(named('Staff of the justice and civil affairs ministries met.', 'ORGAN')).toEqual(
      expect.arrayContaining(['Ministry of Justice', 'Ministry of Civil Affairs']),
    );
  });
  it('a short capitalised name keeping the first and last words of one named before', () => {
    const found = named(
      'The Provincial Public Security Department held a meeting. On May 5, the Provincial Department issued a notice on traffic work.',
      'ORGAN',
    );
    expect(found).not.toContain('Provincial Department');
  });
});
