import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CoverageReport, coverageReport, scanItems } from '../../src/graph/coverage.js';
import { formatCoverage } from '../../src/graph/coverage-format.js';
import { loadGraphData } from '../../src/graph/load.js';
import { DataValidationError } from '../../src/model/errors.js';
import { DATA_DIR, FIXTURES } from '../helpers/graphql.js';

const FIXTURE = join(FIXTURES, 'coverage');

const reportFor = (dir: string): CoverageReport => coverageReport(dir, loadGraphData(dir));

/** The fixture's single document. */
function tiny(report: CoverageReport) {
  const [doc] = report.documents;
  if (!doc) throw new Error('fixture report has no document');
  return doc;
}

/** A scratch copy of the fixture, for variants of its exclusion files. */
const scratch: string[] = [];
function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coverage-'));
  scratch.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scanItems', () => {
  const scan = (text: string) => scanItems(text).map((i) => [i.kind, i.text]);

  it('finds numbers with separators, decimals, ordinals, percentages and scale words', () => {
    expect(scan('a total of 5026 and 21,000 posts, 87.55% and 96.1 %, 3.8 billion yuan, the 18th one')).toEqual([
      ['NUMBER', '5026'],
      ['NUMBER', '21,000'],
      ['NUMBER', '87.55%'],
      ['NUMBER', '96.1 %'],
      ['NUMBER', '3.8 billion'],
      ['NUMBER', '18th'],
    ]);
  });

  it('reads whole date phrases, keeping "March 2023" apart from a day of March', () => {
    expect(
      scan(
        'In 2012; July 25; January 8, 2023; 2024-03-05; May-20-2023; November 6 to 9; March 2023; (2023-2025); 12:21.',
      ),
    ).toEqual([
      ['DATE', '2012'],
      ['DATE', 'July 25'],
      ['DATE', 'January 8, 2023'],
      ['DATE', '2024-03-05'],
      ['DATE', 'May-20-2023'],
      ['DATE', 'November 6 to 9'],
      ['DATE', 'March 2023'],
      ['DATE', '2023-2025'],
      ['DATE', '12:21'],
    ]);
  });

  it('makes the digits of a date the parts to cover', () => {
    const text = 'On January 8, 2023 it began.';
    const [date] = scanItems(text);
    expect(date?.parts.map((p) => text.slice(p.start, p.end))).toEqual(['8', '2023']);
  });

  it('finds names in straight and curly double quotes, without the marks', () => {
    expect(scan('the "Spring Thunder" and “Blue Shield” teams, not ‘single’ ones')).toEqual([
      ['QUOTED_NAME', 'Spring Thunder'],
      ['QUOTED_NAME', 'Blue Shield'],
    ]);
  });
});

describe('coverageReport on the fixture', () => {
  it('counts covered, excluded and uncovered items', () => {
    const doc = tiny(reportFor(FIXTURE));
    expect(doc).toMatchObject({
      document: 'tiny',
      items: 10,
      covered: 4,
      excluded: 2,
      uncovered: 4,
      percentCovered: 50,
    });
  });

  it('lists each uncovered number, percentage, date and quoted name with line and context', () => {
    const { uncoveredItems } = tiny(reportFor(FIXTURE));
    expect(uncoveredItems.map((i) => [i.kind, i.text, i.line])).toEqual([
      ['QUOTED_NAME', 'Blue Shield', 3],
      ['NUMBER', '3.8 billion', 3],
      ['NUMBER', '96.1%', 3],
      ['DATE', 'March 2022', 3],
    ]);
    const [blueShield] = uncoveredItems;
    expect(blueShield?.context).toBe('Officials said the “Blue Shield” teams saved 3.8 bi');
  });

  it('reports stale exclusions, each with its reason', () => {
    const { staleExclusions } = tiny(reportFor(FIXTURE));
    expect(staleExclusions.map((s) => [s.text, s.stale, s.file])).toEqual([
      ['Not in this text', 'NOT_IN_DOCUMENT', 'coverage-exclusions/tiny.yaml'],
      ['1,200', 'ALREADY_COVERED', 'coverage-exclusions/tiny.yaml'],
      ['Officials', 'EXCLUDES_NO_ITEM', 'coverage-exclusions/tiny.yaml'],
    ]);
  });

  it('adds the single coverage-exclusions.yaml to the per-document files', () => {
    const dir = fixtureCopy();
    writeFileSync(
      join(dir, 'coverage-exclusions.yaml'),
      'documents:\n  tiny:\n    - { text: 3.8 billion, reason: a saving the graph does not model }\n',
    );
    const doc = tiny(reportFor(dir));
    expect(doc).toMatchObject({ excluded: 3, uncovered: 3 });
    expect(doc.uncoveredItems.map((i) => i.text)).not.toContain('3.8 billion');
  });

  it('rejects invalid exclusion files, listing every problem with its path', () => {
    const dir = fixtureCopy();
    writeFileSync(
      join(dir, 'coverage-exclusions', 'tiny.yaml'),
      'document: tiny\nexclusions:\n  - { text: "  ", reason: blank text }\n  - { text: "2021" }\n',
    );
    writeFileSync(join(dir, 'coverage-exclusions.yaml'), 'documents:\n  nowhere: []\n');
    try {
      reportFor(dir);
      expect.unreachable('an invalid exclusion file must throw');
    } catch (err) {
      expect(err).toBeInstanceOf(DataValidationError);
      const problems = (err as DataValidationError).problems.map((p) => [p.file, p.path, p.line]);
      expect(problems).toEqual([
        ['coverage-exclusions.yaml', 'documents.nowhere', 2],
        ['coverage-exclusions/tiny.yaml', 'exclusions[0].text', 3],
        ['coverage-exclusions/tiny.yaml', 'exclusions[1].reason', 4],
      ]);
    }
  });

  it('formats a table and one line per uncovered item', () => {
    const text = formatCoverage(reportFor(FIXTURE));
    expect(text).toMatch(/^document +items +covered +excluded +uncovered +% covered$/m);
    expect(text).toMatch(/^tiny +10 +4 +2 +4 +50\.0$/m);
    expect(text).toContain('tiny:3  "3.8 billion"  …Shield” teams saved 3.8 billion yuan, and theft fel…');
  });
});

describe('coverage of the bundled graph-data', () => {
  it('leaves no number, date or quoted name of any document uncovered', () => {
    const report = reportFor(DATA_DIR);
    const uncovered = report.documents.flatMap((d) => d.uncoveredItems.map((i) => `${d.document}:${i.line} ${i.text}`));
    expect(uncovered).toEqual([]);
  });
});
