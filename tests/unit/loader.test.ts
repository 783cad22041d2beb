import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadProgress, loadGraphData, validateGraphData } from '../../src/graph/load.js';
import { DataValidationError } from '../../src/model/errors.js';
import { FIXTURES } from '../helpers/graphql.js';

const bad = (name: string) => join(FIXTURES, 'bad-data', name);

function problemsOf(name: string) {
  const { snapshot, problems } = validateGraphData(bad(name));
  expect(snapshot).toBeUndefined();
  return problems;
}

describe('loader on bad data: each kind of problem gets its own message, with file, line and path', () => {
  it.each([
    ['yaml-syntax', 'knowledge/data.yaml', '', /YAML syntax error/],
    ['unknown-kind', 'knowledge/data.yaml', 'entities[2].kind', /unknown kind "AGENCY"; expected one of ORGAN/],
    ['unknown-relation-type', 'knowledge/data.yaml', 'relations[0].type', /unknown relation type "STARTED"/],
    [
      'duplicate-id',
      'knowledge/data.yaml',
      'entities[2].id',
      /duplicate id "organ\/mps", first defined in knowledge\/data.yaml at line 3/,
    ],
    [
      'dangling-reference',
      'knowledge/data.yaml',
      'relations[0].source',
      /dangling reference: no entity "organ\/ministry-of-silly-walks"/,
    ],
    [
      'ontology-violation',
      'knowledge/data.yaml',
      'relations[0].type',
      /violates the ontology: LAUNCHED joins ORGAN\|PERSON to CAMPAIGN\|REFORM, not CAMPAIGN to ORGAN/,
    ],
    [
      'quote-not-found',
      'knowledge/data.yaml',
      'relations[0].evidence[0].quote',
      /quote not found verbatim; closest passage .*document has "launched the/,
    ],
    [
      'missing-assertion',
      'knowledge/data.yaml',
      'relations[0].assertion',
      /every relation needs an assertion: one of STATED, IMPLIED_BY_CONTEXT, CURATOR_INFERENCE/,
    ],
    [
      'mixed-units',
      'knowledge/data.yaml',
      'entities[1].unit',
      /metric "cases-solved" is in "cases" \(e.g. outcome\/cases-2021\) but this outcome says "files": a series has one unit/,
    ],
    ['invalid-date', 'knowledge/data.yaml', 'entities[2].year', /must be a real date/],
    ['invalid-value', 'knowledge/data.yaml', 'entities[2].value', /expected number/],
  ])('%s', (name, file, path, reason) => {
    const problems = problemsOf(name);
    expect(problems).toHaveLength(name === 'yaml-syntax' ? problems.length : 1);
    const [first] = problems;
    expect(first?.file).toBe(file);
    expect(first?.path).toBe(path);
    expect(first?.reason).toMatch(reason);
    expect(first?.line).toBeGreaterThan(0);
  });

  it('reports every problem at once instead of stopping at the first', () => {
    const reasons = problemsOf('many-problems').map((p) => p.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/duplicate id "organ\/mps"/),
        expect.stringMatching(/dangling reference: no entity "organ\/nobody"/),
        expect.stringMatching(/unknown document "no-such-document"/),
      ]),
    );
    expect(reasons.length).toBeGreaterThanOrEqual(3);
  });

  it('throws a DataValidationError carrying the problems when loading', () => {
    expect(() => loadGraphData(bad('dangling-reference'))).toThrow(DataValidationError);
  });

  it('refuses a directory that does not exist', () => {
    expect(validateGraphData(bad('no-such-dir')).problems[0]?.reason).toMatch(/does not exist/);
  });
});

describe('loader on good data', () => {
  const snapshot = loadGraphData(join(FIXTURES, 'valid-data'));

  it('records offsets that slice each quote out of its document', () => {
    const text = readFileSync(join(FIXTURES, 'valid-data/documents/doc.txt'), 'utf8');
    for (const e of snapshot.entities()) {
      for (const ev of e.evidence) expect(text.slice(ev.start, ev.end)).toBe(ev.quote);
    }
    const outcome = snapshot.getEntity('outcome/cases-2021');
    expect(outcome?.evidence[0]?.start).toBe(text.indexOf('It reported 1,200 cases solved.'));
  });

  it('reports progress through every phase up to its total', () => {
    const seen: LoadProgress[] = [];
    validateGraphData(join(FIXTURES, 'valid-data'), { onProgress: (p) => seen.push(p) });
    const last = new Map(seen.map((p) => [p.phase, p]));
    expect([...last.keys()]).toEqual(['documents', 'read', 'entities', 'relations', 'snapshot']);
    for (const p of last.values()) expect(p.done).toBe(p.total);
    expect(last.get('entities')?.total).toBe(3);
  });

  it('links the document to what it mentions and keeps curated relations', () => {
    expect(snapshot.counts().relations).toMatchObject({ LAUNCHED: 1, PRODUCED: 1, MENTIONS: 3 });
    expect(snapshot.relationsOf('organ/mps', 'OUT', ['LAUNCHED'])[0]?.target).toBe('campaign/spring-thunder');
  });
});

describe('reform-graph validate (CLI)', () => {
  const cli = (data: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', resolve('src/cli/main.ts'), 'validate', '--data', data], {
      encoding: 'utf8',
    });

  it('exits non-zero and prints file:line path: reason for bad data', () => {
    const run = cli(bad('many-problems'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/knowledge\/data\.yaml:\d+ relations\[0\]\.source: dangling reference/);
    expect(run.stderr).toMatch(/\d+ problems in /);
  });

  it('exits zero and prints counts for good data', () => {
    const run = cli(join(FIXTURES, 'valid-data'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\| OUTCOME \| 1 \|/);
    // No progress bar for a small corpus.
    expect(run.stderr).toBe('');
  });
});
