/**
 * Wave 7 (issue 15 item 2): the time of an outcome, written spec-first from the annotators'
 * conventions (ANNOTATION.md, NOTES-2009-2019.md "Period", NOTES-s26a3.md "Periods"): the
 * campaign window when the figure covers it, the year when the text gives one, `end` = the report
 * date for "so far"/"as of" figures, spans counted back from the report month. Every sentence is
 * invented; unless a test says otherwise it is published Saturday 2023-06-10.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

/** The time of the outcome with `value`, as the evaluator reads it (year, or period at month precision). */
function timeOf(text: string, value: number, published?: string): unknown {
  const f = extractInvented(text, 'time-wave7', published)
    .entities.filter((e) => e.kind === 'OUTCOME')
    .find((e) => e.fields.value === value)?.fields;
  if (!f) return 'no outcome';
  if (f.year !== undefined) return String(f.year);
  const p = f.period as { start?: string; end?: string } | undefined;
  if (!p) return 'none';
  return `${p.start?.slice(0, 7) ?? '?'}..${p.end?.slice(0, 7) ?? '?'}`;
}

describe('time: the report’s year so far', () => {
  it('"this year" at a mid-year report runs from January to the report', () => {
    expect(timeOf('This year, forestry police have solved 520 illegal logging cases.', 520)).toBe('2023-01..2023-06');
  });
  it('"so far this year" runs from January to the report', () => {
    expect(timeOf('So far this year, traffic police have revoked 2,750 driving licences.', 2750)).toBe(
      '2023-01..2023-06',
    );
  });
  it('"this year" after the figure, in the figure’s clause', () => {
    expect(timeOf('Railway police have returned 430 lost children to their parents this year.', 430)).toBe(
      '2023-01..2023-06',
    );
  });
  it('"since the start of the year" runs from January to the report', () => {
    expect(timeOf('Since the start of the year, customs police have seized 610 fake passports.', 610)).toBe(
      '2023-01..2023-06',
    );
  });
});

describe('time: part of the year named by its months', () => {
  it('"from January to May" is a period of the report’s year', () => {
    expect(timeOf('From January to May, police solved 4,100 pension fraud cases.', 4100)).toBe('2023-01..2023-05');
  });
  it('"in the first five months" is January to May of the report’s year', () => {
    expect(timeOf('In the first five months, police seized 1,150 illegal guns.', 1150)).toBe('2023-01..2023-05');
  });
  it('"in the first half of the year" is January to June', () => {
    expect(timeOf('In the first half of the year, border police caught 870 smugglers.', 870)).toBe('2023-01..2023-06');
  });
  it('"in the first quarter" is January to March', () => {
    expect(timeOf('In the first quarter, police cracked 2,300 telecom fraud cases.', 2300)).toBe('2023-01..2023-03');
  });
  it('"between March and May" is a period', () => {
    expect(timeOf('Between March and May, police destroyed 3,900 illegal nets.', 3900)).toBe('2023-03..2023-05');
  });
  it('"in May" is that month', () => {
    expect(timeOf('In May, police caught 640 drunk drivers.', 640)).toBe('2023-05..2023-05');
  });
  it('"in the first half of 2022" is January to June of that year', () => {
    expect(timeOf('In the first half of 2022, police caught 760 drunk drivers.', 760)).toBe('2022-01..2022-06');
  });
});

describe('time: a year named', () => {
  it('"last year" is the year before the report', () => {
    expect(timeOf('Last year, police solved 3,400 burglary cases.', 3400)).toBe('2022');
  });
  it('"in 2022" is that year', () => {
    expect(timeOf('In 2022, police solved 3,450 burglary cases.', 3450)).toBe('2022');
  });
  it('"last year" in a January report is the year just ended', () => {
    expect(timeOf('Last year, police solved 3,460 burglary cases.', 3460, '2024-01-12')).toBe('2023');
  });
  it('"throughout last year" in a January report is the year just ended', () => {
    expect(timeOf('Throughout last year, police solved 3,470 burglary cases.', 3470, '2024-01-12')).toBe('2023');
  });
  it('two figures of different years: "340 in 2022, up from 120 in 2021"', () => {
    // The baseline level (120 in 2021) is not proposed as an outcome at all, and "The number of
    // gangs rose from 120 in 2021 to 340 in 2022" proposes nothing: outcome finding, not time
    // (left for the outcome helpers; listed in FIGURES.md wave 7).
    expect(timeOf('Police broke up 340 fraud gangs in 2022, up from 120 in 2021.', 340)).toBe('2022');
  });
  it('"the same period of last year" is the baseline, not the time', () => {
    const text =
      'From January to May, police solved 5,000 robbery cases, up 12 percent over the same period of last year.';
    expect(timeOf(text, 5000)).toBe('2023-01..2023-05');
    expect(timeOf(text, 12)).toBe('2023-01..2023-05');
  });
  it('"compared with 2021" is the baseline of a 2022 figure', () => {
    expect(timeOf('In 2022, drug cases fell by 8.5 percent compared with 2021.', 8.5)).toBe('2022');
  });
});

describe('time: periods running to the report', () => {
  it('"since March" runs from March to the report', () => {
    expect(timeOf('Since March, police have rescued 906 trafficked women.', 906)).toBe('2023-03..2023-06');
  });
  it('"since the launch of the campaign in March" runs from March to the report', () => {
    expect(timeOf('Since the launch of the campaign in March, police have solved 1,240 poaching cases.', 1240)).toBe(
      '2023-03..2023-06',
    );
  });
  it('"since the campaign was launched in March" runs from March to the report', () => {
    expect(timeOf('Since the campaign was launched in March, police have solved 1,250 poaching cases.', 1250)).toBe(
      '2023-03..2023-06',
    );
  });
  it('"since 2014" runs from that year to the report', () => {
    expect(timeOf('Since 2014, police have brought back 8,300 fugitives.', 8300)).toBe('2014..2023-06');
  });
  it('"since last year" runs from last year to the report', () => {
    expect(timeOf('Since last year, police have shut down 2,600 gambling websites.', 2600)).toBe('2022..2023-06');
  });
  it('"since June last year" runs from that month to the report', () => {
    expect(timeOf('Since June last year, police have shut down 2,700 gambling websites.', 2700)).toBe(
      '2022-06..2023-06',
    );
  });
  it('"since the 18th National Congress" starts in November 2012 (curator knowledge)', () => {
    expect(
      timeOf(
        'Since the 18th National Congress of the Communist Party of China, police have solved 815,000 economic crimes.',
        815000,
      ),
    ).toBe('2012-11..2023-06');
  });
  it('"since the 19th CPC National Congress" starts in October 2017 (curator knowledge)', () => {
    expect(timeOf('Since the 19th CPC National Congress, police have broken up 3,600 mafia groups.', 3600)).toBe(
      '2017-10..2023-06',
    );
  });
});

describe('time: spans counted back from the report month', () => {
  it('"in the past two months" is the two months up to the report', () => {
    expect(timeOf('In the past two months, police have seized 5.2 tons of drugs.', 5.2)).toBe('2023-04..2023-06');
  });
  it('"over the past three years" starts three years before the report month', () => {
    expect(timeOf('Over the past three years, police have broken up 11,000 criminal gangs.', 11000)).toBe(
      '2020-06..2023-06',
    );
  });
  it('"in the past five years" starts five years before the report month', () => {
    expect(timeOf('In the past five years, police have recovered 30 billion yuan of stolen money.', 30000000000)).toBe(
      '2018-06..2023-06',
    );
  });
  it('"over the past decade" starts ten years before the report month', () => {
    expect(timeOf('Over the past decade, water police have rescued 1,940 swimmers.', 1940)).toBe('2013-06..2023-06');
  });
  it('"over the past year" in an early-year review is the calendar year just ended (curated corpus, pps-daily-2024)', () => {
    expect(
      timeOf(
        'In 2023, police rebuilt 300 stations.\n\nOver the past year, police have closed 480 illegal casinos.',
        480,
        '2024-03-05',
      ),
    ).toBe('2023');
  });
  it('a figure then "over the past three years" in its clause', () => {
    expect(timeOf('Police have broken up 11,200 criminal gangs over the past three years.', 11200)).toBe(
      '2020-06..2023-06',
    );
  });
});

describe('time: stocks at a cut-off', () => {
  it('"as of the end of May" is a stock ending that month', () => {
    expect(timeOf('As of the end of May, 1.2 million people had applied for residence permits.', 1200000)).toBe(
      '?..2023-05',
    );
  });
  it('"by the end of 2022" is a stock ending that December', () => {
    expect(timeOf('By the end of 2022, 3,500 police stations had been rebuilt.', 3500)).toBe('?..2022-12');
  });
  it('"as of the end of 2022" is a stock ending that December', () => {
    expect(timeOf('As of the end of 2022, 3,510 police stations had been rebuilt.', 3510)).toBe('?..2022-12');
  });
});

describe('time: the campaign’s window', () => {
  it('a figure after the sentence that names the campaign’s window inherits it', () => {
    expect(
      timeOf(
        'The Clear Water campaign ran from April to October last year. Police solved 3,000 pollution cases and arrested 1,200 suspects.',
        3000,
      ),
    ).toBe('2022-04..2022-10');
  });
  it('a figure in the clause after the window inherits it', () => {
    expect(
      timeOf(
        'The Clear River campaign, which ran from April to October last year, targeted illegal sand mining; 3,100 cases were solved.',
        3100,
      ),
    ).toBe('2022-04..2022-10');
  });
  it('"during the campaign" runs from its launch to the report', () => {
    expect(
      timeOf(
        'The ministry launched a campaign against illegal fishing in March. During the campaign, police solved 800 cases.',
        800,
      ),
    ).toBe('2023-03..2023-06');
  });
  it('"since the campaign began" runs from its launch to the report', () => {
    expect(
      timeOf(
        'The ministry launched a campaign against illegal fishing in March. Since the campaign began, police have seized 810 boats.',
        810,
      ),
    ).toBe('2023-03..2023-06');
  });
});

describe('time: more press-report shapes', () => {
  it('"during the “Clean Water” special action" (a quoted name) runs from its launch to the report', () => {
    expect(
      timeOf(
        'The ministry launched the “Clean Water” special action in March. During the “Clean Water” special action, police solved 1,340 cases.',
        1340,
      ),
    ).toBe('2023-03..2023-06');
  });
  it('"since the special action was carried out" runs from its launch to the report', () => {
    expect(
      timeOf(
        'The ministry launched a special action against illegal fishing in March. Since the special action was carried out, police have seized 1,350 boats.',
        1350,
      ),
    ).toBe('2023-03..2023-06');
  });
  it('"compared with the same period last year" (no "of") is the baseline, not the time', () => {
    expect(
      timeOf(
        'Compared with the same period last year, burglaries fell by 12.5 percent in the first five months.',
        12.5,
      ),
    ).toBe('2023-01..2023-05');
  });
  it('"up 14 percent on last year" is the baseline, not the time', () => {
    expect(timeOf('So far this year, police have cracked 4,300 fraud cases, up 14 percent on last year.', 14)).toBe(
      '2023-01..2023-06',
    );
  });
  it('"throughout the year" in a January report is the year just ended', () => {
    expect(timeOf('Throughout the year, police solved 3,480 burglary cases.', 3480, '2024-01-12')).toBe('2023');
  });
  it('"since early March" runs from March to the report', () => {
    expect(timeOf('Since early March, police have rescued 916 trafficked women.', 916)).toBe('2023-03..2023-06');
  });
  it('"in mid-April" is that month', () => {
    expect(timeOf('In mid-April, police caught 650 drunk drivers.', 650)).toBe('2023-04..2023-04');
  });
  it('"as of the end of last year" is a stock ending last December', () => {
    expect(timeOf('As of the end of last year, 3,520 police stations had been rebuilt.', 3520)).toBe('?..2022-12');
  });
  it('"by the end of May" is a stock ending that month', () => {
    expect(timeOf('By the end of May, 3,530 police stations had been rebuilt.', 3530)).toBe('?..2023-05');
  });
  it('"in the past month" is the month up to the report', () => {
    expect(timeOf('In the past month, police have closed 490 illegal casinos.', 490)).toBe('2023-05..2023-06');
  });
  it('"since the 18th CPC National Congress in 2012" starts in November 2012', () => {
    expect(
      timeOf('Since the 18th CPC National Congress in 2012, police have solved 816,000 economic crimes.', 816000),
    ).toBe('2012-11..2023-06');
  });
  it('two figures, last year’s and this year’s so far, in one sentence', () => {
    const text = 'Police solved 3,010 poaching cases last year and 1,810 so far this year.';
    expect(timeOf(text, 3010)).toBe('2022');
    expect(timeOf(text, 1810)).toBe('2023-01..2023-06');
  });
  it('a sub-count after a year’s total keeps the year ("Among them, …")', () => {
    expect(
      timeOf('In 2023, police solved 3,020 fraud cases. Among them, 1,210 involved online loans.', 1210, '2024-01-12'),
    ).toBe('2023');
  });
});

describe('time: a day with a relative year', () => {
  it('"launched on June 25 this year" opens the campaign’s window to the report', () => {
    expect(
      timeOf(
        'The “Summer Action”, launched on June 25 this year, has solved 566,000 criminal cases.',
        566000,
        '2023-10-10',
      ),
    ).toBe('2023-06..2023-10');
  });
  it('"since June 1 last year" starts in last year’s June', () => {
    expect(timeOf('Since June 1 last year, police have handled 140,000 household transfers.', 140000)).toBe(
      '2022-06..2023-06',
    );
  });
  it('"a 9.5 percent drop on last year" is the baseline, not the time', () => {
    expect(timeOf('In the first five months, road deaths fell, a 9.5 percent drop on last year.', 9.5)).toBe(
      '2023-01..2023-05',
    );
  });
});

describe('time: a named campaign’s window', () => {
  it('"during the “Hundred Days Action”" (the quoted name ends the phrase) runs from its launch', () => {
    expect(
      timeOf(
        'The ministry launched the “Hundred Days Action” in March. During the “Hundred Days Action”, police solved 1,360 cases.',
        1360,
      ),
    ).toBe('2023-03..2023-06');
  });
  it('"during the Hundred Days Action" (a capitalised name) runs from its launch', () => {
    expect(
      timeOf(
        'The ministry launched the Hundred Days Action in March. During the Hundred Days Action, police solved 1,370 cases.',
        1370,
      ),
    ).toBe('2023-03..2023-06');
  });
});

describe('time: months relative to the report', () => {
  it('"last month" is the month before the report', () => {
    expect(timeOf('Last month, police caught 660 drunk drivers.', 660)).toBe('2023-05..2023-05');
  });
  it('"last month" in a January report is last December', () => {
    expect(timeOf('Last month, police caught 670 drunk drivers.', 670, '2024-01-12')).toBe('2023-12..2023-12');
  });
  it('"earlier this month" is the report’s month', () => {
    expect(timeOf('Earlier this month, police caught 680 drunk drivers.', 680)).toBe('2023-06..2023-06');
  });
});
