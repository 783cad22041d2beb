import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAccept, runIngest } from '../../src/cli/ingest.js';
import { loadGraphData, validateGraphData } from '../../src/graph/load.js';
import { acceptCandidates } from '../../src/ingest/accept.js';
import { asKnowledge, type CandidateFile, serialise } from '../../src/ingest/candidates.js';
import { extract } from '../../src/ingest/extract.js';
import { copyData, removeDir, tempDir } from '../../src/ingest/holdout.js';
import { ingestDocument } from '../../src/ingest/ingest.js';
import { parsePartialDate } from '../../src/model/dates.js';
import { BadInputError } from '../../src/model/errors.js';
import { createServer } from '../../src/server/yoga.js';
import { execute } from '../helpers/graphql.js';

const DATA = resolve(import.meta.dirname, '../../graph-data');
const FIXTURE = resolve(import.meta.dirname, '../fixtures/ingest/press-conference-2024-01.txt');
const ID = 'mps-press-conference-2024-01-10';
const request = (dataDir: string, extra: Partial<Parameters<typeof ingestDocument>[0]> = {}) => ({
  dataDir,
  file: FIXTURE,
  id: ID,
  title: 'Public security organs report results of the "Summer Crackdown" special operation',
  published: '2024-01-11',
  ...extra,
});

/** Every file under a directory with its content hash: "nothing written" means this is unchanged. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = createHash('sha1').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('ingest, accept and query a new document (in a temp copy of graph-data)', () => {
  let data: string;
  beforeAll(() => {
    data = copyData(DATA);
  });
  afterAll(() => removeDir(data));

  it('writes the text byte for byte, a manifest and candidates that validate and link', () => {
    const r = ingestDocument(request(data));
    expect(r.documentAdded).toBe(true);
    expect(readFileSync(join(data, 'documents', `${ID}.txt`)).equals(readFileSync(FIXTURE))).toBe(true);
    const text = readFileSync(FIXTURE, 'utf8');
    const cand = parse(readFileSync(r.candidatesPath, 'utf8')) as CandidateFile;
    // The real loader checks the candidates as a knowledge file (review stripped).
    const check = copyData(data);
    try {
      writeFileSync(join(check, 'knowledge', 'candidates.yaml'), serialise(asKnowledge(cand)));
      expect(validateGraphData(check).problems).toEqual([]);
    } finally {
      removeDir(check);
    }
    const items = [...cand.entities, ...cand.extends, ...cand.relations];
    for (const item of items) {
      for (const ev of item.evidence as { quote: string }[]) expect(text).toContain(ev.quote);
    }
    // Existing entities are linked, not duplicated.
    expect(cand.extends.map((x) => x.id)).toContain('organ/ministry-of-public-security');
    expect(cand.entities.map((e) => e.id)).not.toContain('organ/ministry-of-public-security');
    expect(cand.extends.map((x) => x.id)).toContain('session/20th-cc-2nd-plenary-session');
    const kinds = cand.entities.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['CAMPAIGN', 'PLENARY_SESSION', 'PERSON', 'OUTCOME']));
    // The Criminal Investigation Bureau came into the graph with the June 2021 telecom fraud report,
    // so the fixture's mention of it is linked too.
    expect(cand.extends.map((x) => x.id)).toContain('organ/mps-criminal-investigation-bureau');
    const cases = cand.entities.find((e) => e.value === 1300000);
    expect(cases).toMatchObject({ unit: 'cases', qualifier: 'A_TOTAL_OF', figure: 'a total of 1.3 million' });
    expect(cand.relations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'LAUNCHED', source: 'organ/ministry-of-public-security' }),
        expect.objectContaining({ type: 'HEADS', source: 'person/li-guozhong', role: 'director' }),
      ]),
    );
    for (const item of [...cand.entities, ...cand.extends]) {
      expect(cand.review[String(item.id)]).toMatchObject({ confidence: expect.any(Number), rule: expect.any(String) });
    }
    // Candidates are not facts: the loader ignores graph-data/candidates/.
    expect(loadGraphData(data).getEntity('person/li-guozhong')).toBeUndefined();
  });

  it('re-ingesting is idempotent: same candidates byte for byte, the document not added twice', () => {
    const path = join(data, 'candidates', `${ID}.yaml`);
    const before = readFileSync(path, 'utf8');
    const manifests = readdirSync(join(data, 'documents')).length;
    const again = ingestDocument(request(data));
    expect(again.documentAdded).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(join(data, 'documents')).length).toBe(manifests);
  });

  it('accepts into knowledge/<id>.yaml; validate passes; GraphQL serves the new entities with evidence', async () => {
    const curated = tree(join(data, 'knowledge'));
    const code = runAccept(['accept', join(data, 'candidates', `${ID}.yaml`), '--data', data]);
    expect(code).toBe(0);
    const after = tree(join(data, 'knowledge'));
    for (const [f, h] of Object.entries(curated)) expect(after[f]).toBe(h);
    const snapshot = loadGraphData(data);
    expect(snapshot.getEntity('person/li-guozhong')).toBeDefined();
    const yoga = createServer({ snapshot, logging: false });
    const res = await execute(
      `{ entity(id: "person/li-guozhong") { name ... on Person { position } evidence { quote start end document { id text } } } }`,
      undefined,
      yoga,
    );
    expect(res.errors).toBeUndefined();
    const e = res.data.entity;
    expect(e.position).toContain('Criminal Investigation Bureau');
    for (const ev of e.evidence) expect(ev.document.text.slice(ev.start, ev.end)).toBe(ev.quote);
    const mps = await execute(
      `{ entity(id: "organ/ministry-of-public-security") { evidence { document { id } } } }`,
      undefined,
      yoga,
    );
    expect(mps.data.entity.evidence.map((ev: { document: { id: string } }) => ev.document.id)).toContain(
      `source/${ID}`,
    );
    // Accepting again, or re-ingesting after accepting, changes nothing.
    const accepted = readFileSync(join(data, 'knowledge', `${ID}.yaml`), 'utf8');
    const cand = readFileSync(join(data, 'candidates', `${ID}.yaml`), 'utf8');
    expect(
      runIngest(['ingest', FIXTURE, '--id', ID, '--title', 'T', '--published', '2024-01-11', '--data', data]),
    ).toBe(0);
    expect(readFileSync(join(data, 'candidates', `${ID}.yaml`), 'utf8')).toBe(cand);
    acceptCandidates(data, join(data, 'candidates', `${ID}.yaml`));
    expect(readFileSync(join(data, 'knowledge', `${ID}.yaml`), 'utf8')).toBe(accepted);
  });

  it('accept --only takes the listed ids, and merging keeps what the file already holds', () => {
    const other = copyData(DATA);
    try {
      ingestDocument(request(other));
      const path = join(other, 'candidates', `${ID}.yaml`);
      acceptCandidates(other, path, ['person/li-guozhong']);
      const first = parse(readFileSync(join(other, 'knowledge', `${ID}.yaml`), 'utf8'));
      expect(first.entities.map((e: { id: string }) => e.id)).toEqual(['person/li-guozhong']);
      acceptCandidates(other, path);
      const all = parse(readFileSync(join(other, 'knowledge', `${ID}.yaml`), 'utf8'));
      expect(all.entities[0]).toEqual(first.entities[0]);
      expect(all.entities.length).toBeGreaterThan(3);
      expect(validateGraphData(other).problems).toEqual([]);
    } finally {
      removeDir(other);
    }
  });
});

describe('bad input: a clear error and nothing written', () => {
  let data: string;
  let files: string;
  beforeAll(() => {
    data = copyData(DATA);
    files = tempDir('bad-input');
  });
  afterAll(() => {
    removeDir(data);
    removeDir(files);
  });

  const cases: [string, () => Partial<Parameters<typeof ingestDocument>[0]>, RegExp][] = [
    ['an empty file', () => ({ file: write('empty.txt', Buffer.alloc(0)) }), /empty/],
    ['a binary file', () => ({ file: write('img.bin', Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01, 0x02])) }), /binary/],
    [
      'non-UTF-8 text',
      () => ({ file: write('latin1.txt', Buffer.from([0x50, 0x6f, 0x6c, 0x69, 0x63, 0xe9, 0x20])) }),
      /UTF-8/,
    ],
    ['a 10 MB file', () => ({ file: write('big.txt', Buffer.alloc(10 * 1024 * 1024, 0x61)) }), /at most/],
    [
      'a 5 MB article',
      () => ({
        file: write('five.txt', Buffer.from('The Ministry of Public Security held a press conference. '.repeat(92000))),
      }),
      /at most/,
    ],
    [
      'HTML instead of text',
      () => ({
        file: write(
          'page.html',
          Buffer.from(
            '<!DOCTYPE html><html><head><title>MPS</title></head><body><p>The Ministry of Public Security held a press conference.</p></body></html>',
          ),
        ),
      }),
      /looks like HTML/,
    ],
    [
      'non-English text',
      () => ({
        file: write(
          'zh.txt',
          Buffer.from('公安部召开新闻发布会，通报打击电信网络诈骗犯罪工作成效。今年以来，全国公安机关共破获案件。'),
        ),
      }),
      /not English/,
    ],
    ['text of only spaces', () => ({ file: write('blank.txt', Buffer.from('   \n\n  ')) }), /whitespace/],
    ['a duplicate id', () => ({ id: 'qiushi-2009-maintain-stability' }), /already exists/],
    ['a date that does not parse', () => ({ published: '2024-13-45' }), /not a date/],
    ['a bad id', () => ({ id: 'Not An Id' }), /kebab-case/],
  ];
  function write(name: string, bytes: Buffer): string {
    const p = join(files, name);
    writeFileSync(p, bytes);
    return p;
  }
  for (const [label, make, message] of cases) {
    it(`refuses ${label}`, () => {
      const before = tree(data);
      const extra = make();
      expect(() => ingestDocument(request(data, extra))).toThrow(BadInputError);
      expect(() => ingestDocument(request(data, extra))).toThrow(message);
      expect(tree(data)).toEqual(before);
    });
  }

  it('refuses a text already ingested under another id', () => {
    const before = tree(data);
    const copy = write('same.txt', readFileSync(join(DATA, 'documents', '004_39d5484bfcc9ea6e.txt')));
    expect(() => ingestDocument(request(data, { file: copy, id: 'another-id' }))).toThrow(/already in graph-data/);
    expect(tree(data)).toEqual(before);
  });
});

describe('rules generalise to a new report of the genre (second fixture, names not in the corpus)', () => {
  const text = readFileSync(resolve(import.meta.dirname, '../fixtures/ingest/provincial-report-2024-06.txt'), 'utf8');
  const x = extract(loadGraphData(DATA), text, {
    documentId: 'provincial-report',
    published: parsePartialDate('2024-06-10') ?? undefined,
  });
  const names = (kind: string) => x.entities.filter((e) => e.kind === kind).map((e) => e.name);
  const linked = (kind: string) => x.entities.filter((e) => e.kind === kind && e.linkedTo).map((e) => e.linkedTo);

  it('finds organs named in lower case, nested in a longer name, or listed as quoted groups', () => {
    expect(names('ORGAN')).toEqual(
      expect.arrayContaining([
        'Hunan public security organs',
        'Changsha public security organs',
        'Hunan Provincial Public Security Department',
        'Yuelu Branch of the Changsha Municipal Public Security Bureau',
        'Changsha Municipal Public Security Bureau',
        'Smart policing command center',
        'Xiangjiang Guardians',
        'Furong Volunteers',
      ]),
    );
    // "at the city and county levels", "in all localities": the organs the graph already holds.
    expect(linked('ORGAN')).toEqual(
      expect.arrayContaining([
        'organ/municipal-public-security-organs',
        'organ/county-public-security-organs',
        'organ/local-public-security-organs',
      ]),
    );
    // The generic term inside "Hunan public security organs" is not a second mention.
    expect(linked('ORGAN')).not.toContain('organ/national-public-security-organs');
  });

  it('finds trainings as campaigns, topic seminars as sessions and lower-case rules as laws', () => {
    expect(names('CAMPAIGN')).toContain('“case handling” law enforcement training');
    expect(linked('CAMPAIGN')).toContain('campaign/whole-police-actual-combat-training');
    expect(names('PLENARY_SESSION')).toContain('Seminar on improving the modern police service system');
    expect(names('LAW')).toContain('Procedural rules for handling traffic violations');
  });

  it('counts a quoted service as cases, keeps "yuan" in the figure, and credits the voice that gave them', () => {
    const outcomes = x.entities.filter((e) => e.kind === 'OUTCOME');
    expect(outcomes.map((o) => [o.fields.value, o.fields.unit, o.fields.figure, o.fields.year])).toEqual([
      [52000, 'cases', 'more than 52,000', '2023'],
      [1200000000, 'yuan', 'about 1.2 billion yuan', '2023'],
    ]);
    const reported = x.relations.filter((r) => r.type === 'REPORTED').map((r) => r.source);
    expect(reported).toEqual(['person/luo-jianming', 'person/luo-jianming']);
  });
});

describe('a proposed relation the graph already holds', () => {
  let data: string;
  beforeAll(() => {
    data = copyData(DATA);
  });
  afterAll(() => removeDir(data));

  it('is left out of the candidates instead of failing the ingest', () => {
    // The extractor proposes the bureau PART_OF the ministry, which guangming-2022 already curates.
    const file = join(data, 'bureau.txt');
    writeFileSync(
      file,
      'At the press conference, Zhang Xiaopeng, deputy director of the Public Security Administration of the Ministry of Public Security, said that 6 services will be handled across provinces.\n',
    );
    const r = ingestDocument(request(data, { file, id: 'bureau-note-2021-05-10', published: '2021-05-10' }));
    const cand = parse(readFileSync(r.candidatesPath, 'utf8')) as CandidateFile;
    const ids = cand.relations.map((x) => `${x.source}-${x.type}->${x.target}`);
    expect(ids).not.toContain(
      'organ/mps-public-security-administration-bureau-PART_OF->organ/ministry-of-public-security',
    );
    expect(cand.extends.map((x) => x.id)).toContain('organ/mps-public-security-administration-bureau');
  });
});
