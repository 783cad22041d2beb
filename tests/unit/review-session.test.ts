/**
 * The review command's session without a browser: a save writes the draft back and the
 * accepted items through accept, refuses (writing no knowledge) with problems pinned to the
 * draft's own items and lines, takes exactly what was accepted, and exclusions go through the
 * coverage checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateGraphData } from '../../src/graph/load.js';
import type { CandidateFile } from '../../src/ingest/candidates.js';
import { copyData, removeDir } from '../../src/ingest/holdout.js';
import { ingestDocument } from '../../src/ingest/ingest.js';
import { BadInputError } from '../../src/model/errors.js';
import { ReviewSession, type Section } from '../../src/server/review/session.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ID = 'mps-press-conference-2024-01-10';
let ingested: string;
let data: string;
let session: ReviewSession;

beforeAll(() => {
  ingested = copyData(join(ROOT, 'graph-data'));
  ingestDocument({
    dataDir: ingested,
    file: join(ROOT, 'tests/fixtures/ingest/press-conference-2024-01.txt'),
    id: ID,
    title: 'T',
    published: '2024-01-11',
  });
}, 60_000);
afterAll(() => removeDir(ingested));
beforeEach(() => {
  data = copyData(ingested);
  session = new ReviewSession(data, join(data, 'candidates', `${ID}.yaml`));
});
afterEach(() => removeDir(data));

const knowledgePath = () => join(data, 'knowledge', `${ID}.yaml`);
const all = (f: CandidateFile, section: Section) => f[section].map((_x, i) => i);
const indexOf = (f: CandidateFile, section: Section, pick: (x: Record<string, unknown>) => boolean) =>
  f[section].findIndex(pick);

describe('review session', () => {
  it('shows the document, its candidates, the palette, the editable fields and coverage', () => {
    const state = session.state();
    expect(state.document.text).toContain('Summer Crackdown');
    expect(state.file.entities.length).toBeGreaterThan(3);
    expect(state.existing['organ/ministry-of-public-security']?.name).toBe('Ministry of Public Security');
    expect(state.colors.OUTCOME).toBe('#d62728');
    expect(state.fields.OUTCOME.map((f) => f.key)).toEqual(expect.arrayContaining(['metric', 'value', 'unit', 'year']));
    expect(state.fields.ORGAN.find((f) => f.key === 'level')?.options).toContain('CENTRAL');
    expect(state.coverage?.uncovered).toBeGreaterThan(0);
    expect(session.search('MPS')[0]?.id).toBe('organ/ministry-of-public-security');
  });

  it('refuses a draft that would not validate, writing no knowledge, with the problem on the draft item and line', () => {
    const file = session.state().file;
    const person = indexOf(file, 'entities', (e) => e.kind === 'PERSON');
    (file.entities[person]?.evidence as { quote: string }[])[0] = { quote: 'words this press conference never said' };
    // Accept only the person: in the accepted subset it is item 0, in the draft it is not.
    expect(person).toBeGreaterThan(0);
    const out = session.save({ file, accepted: { entities: [person], extends: [], relations: [] } });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const problem = out.problems.find((p) => p.path.includes('evidence[0]'));
    expect(problem).toMatchObject({
      section: 'entities',
      index: person,
      path: `entities[${person}].evidence[0].quote`,
    });
    const draftLines = readFileSync(join(data, 'candidates', `${ID}.yaml`), 'utf8').split('\n');
    expect(draftLines[(problem?.line ?? 0) - 1]).toContain('words this press conference never said');
    expect(existsSync(knowledgePath())).toBe(false);
  });

  it('writes exactly what was accepted: a rejected relation stays out though its ends are in', () => {
    const file = session.state().file;
    const rejected = indexOf(file, 'relations', (r) => r.type === 'MEMBER_OF');
    const relations = all(file, 'relations').filter((i) => i !== rejected);
    file.review['person/li-guozhong'] = {
      confidence: 0.9,
      rule: 'person-with-position',
      decision: 'rejected',
    } as never;
    const out = session.save({
      file,
      accepted: { entities: all(file, 'entities'), extends: all(file, 'extends'), relations },
    });
    expect(out.ok).toBe(true);
    const written = parse(readFileSync(knowledgePath(), 'utf8')) as CandidateFile;
    expect(written.relations.some((r) => r.type === 'MEMBER_OF')).toBe(false);
    expect(written.relations).toHaveLength(relations.length);
    expect(validateGraphData(data).problems).toEqual([]);
    // The draft, decisions included, went back to the candidate file, its header kept.
    const draft = readFileSync(join(data, 'candidates', `${ID}.yaml`), 'utf8');
    expect(draft.startsWith('# Candidates extracted')).toBe(true);
    expect((parse(draft) as CandidateFile).review['person/li-guozhong']).toMatchObject({ decision: 'rejected' });
    if (out.ok) expect(out.saved.entities).toContain('person/li-guozhong');
  });

  it('applies a later edit of an item saved before (accept alone would keep the old fields), only if it validates', () => {
    const file = session.state().file;
    const accepted = {
      entities: all(file, 'entities'),
      extends: all(file, 'extends'),
      relations: all(file, 'relations'),
    };
    expect(session.save({ file, accepted }).ok).toBe(true);
    const outcome = indexOf(file, 'entities', (e) => e.id === 'outcome/criminal-cases-solved-2023');
    const item = file.entities[outcome] as Record<string, unknown>;
    item.year = '2023-13';
    const bad = session.save({ file, accepted });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.find((p) => p.path.includes('year'))).toMatchObject({ section: 'entities', index: outcome });
    const read = () =>
      (parse(readFileSync(knowledgePath(), 'utf8')) as CandidateFile).entities.find((e) => e.id === item.id);
    expect(read()?.year).toBe('2023');
    item.year = '2023';
    item.unit = 'criminal cases';
    delete item.qualifier;
    const good = session.save({ file, accepted });
    expect(good).toMatchObject({ ok: true, updated: 1 });
    expect(read()).toMatchObject({ unit: 'criminal cases', year: '2023' });
    expect(read()?.qualifier).toBeUndefined();
    expect(read()?.evidence).toHaveLength(1);
    expect(validateGraphData(data).problems).toEqual([]);
  });

  it('refuses a request about another document or with indices that are not in the draft', () => {
    const file = session.state().file;
    expect(() =>
      session.save({ file: { ...file, document: 'other' }, accepted: { entities: [], extends: [], relations: [] } }),
    ).toThrow(BadInputError);
    expect(() => session.save({ file, accepted: { entities: [999], extends: [], relations: [] } })).toThrow(
      /not an index/,
    );
  });

  it('excludes an uncovered item with a reason, and refuses one without a reason or that excludes nothing', () => {
    const target = join(data, 'coverage-exclusions', `${ID}.yaml`);
    const noReason = session.exclude('1.3 million', '  ');
    expect(noReason.ok).toBe(false);
    const absent = session.exclude('a figure the text does not have', 'test');
    expect(absent).toMatchObject({ ok: false, problems: [{ reason: expect.stringMatching(/does not occur/) }] });
    expect(existsSync(target)).toBe(false);
    const before = session.state().coverage?.uncovered ?? 0;
    const ok = session.exclude('1.3 million', 'counted again in a later report');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.coverage?.uncovered).toBe(before - 1);
    expect(parse(readFileSync(target, 'utf8'))).toEqual({
      document: ID,
      exclusions: [{ text: '1.3 million', reason: 'counted again in a later report' }],
    });
    expect(session.exclude('1.3 million', 'twice').ok).toBe(false);
  });
});
