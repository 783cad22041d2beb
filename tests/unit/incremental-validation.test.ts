/**
 * Incremental validation (issue 20, item 3): a load that keeps its parse cache and the
 * cross-file checks' results (ParseCache.checks) must report exactly what a load from nothing
 * reports, and build exactly the same records, after every kind of edit: an entity added,
 * renamed or removed while other files refer to it, a duplicate id in another file, broken
 * YAML, a quote no longer in its document, a document's text edited under other files' quotes,
 * an entity's kind changed under other files' relations, an `extends` entry edited; each one
 * then undone.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseCache, validateRecords } from '../../src/graph/load.js';
import { Snapshot } from '../../src/graph/snapshot.js';
import type { DataProblem } from '../../src/model/errors.js';
import { createServer } from '../../src/server/yoga.js';
import { DATA_DIR, execute } from '../helpers/graphql.js';

const data = mkdtempSync(join(tmpdir(), 'reform-graph-incremental-validation-'));
cpSync(DATA_DIR, data, { recursive: true });
afterAll(() => rmSync(data, { recursive: true, force: true }));
// Files written an hour ago, as a curator's corpus is: a load trusts their size and mtime and
// does not read them again (files written in the last seconds are always read, see FileStamp).
const anHourAgo = new Date(Date.now() - 3_600_000);
for (const entry of readdirSync(data, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) utimesSync(join(entry.parentPath ?? entry.path, entry.name), anHourAgo, anHourAgo);
}

const COMMON = 'knowledge/common.yaml';
const GUANGMING = 'knowledge/guangming-2022-07-26-safe-china.yaml';
const DEMONSTRATION = 'knowledge/demonstration-city-2023-05-20.yaml';
/** common.yaml's default document: its quotes (and others') point into this text. */
const DEMONSTRATION_TEXT = 'documents/004_39d5484bfcc9ea6e.txt';

const read = (file: string) => readFileSync(join(data, file), 'utf8');
const write = (file: string, text: string) => writeFileSync(join(data, file), text);

/** Replaces exactly one occurrence, so an edit that silently does nothing fails the test. */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count =
    typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`expected one occurrence of ${from}, found ${count}`);
  return text.replace(from, to);
}

const ANSWERS = [
  `{ entities(first: 1000) { totalCount edges { node { id kind name aliases file
      evidence { quote start end context document { id } }
      relations(first: 100) { edges { node { id type assertion source { id } target { id } } } } } } } }`,
  '{ document(id: "demonstration-city-2023-05-20") { id entities(first: 200) { totalCount edges { node { id name } } } } }',
];

/** A few GraphQL answers over a snapshot of these records. */
async function answers(input: NonNullable<ReturnType<typeof validateRecords>['input']>): Promise<string[]> {
  const yoga = createServer({ snapshot: new Snapshot(input), logging: false });
  const out: string[] = [];
  for (const query of ANSWERS) out.push(JSON.stringify(await execute(query, undefined, yoga)));
  return out;
}

const cache = new ParseCache();

/** Loads incrementally and from nothing; both must agree on every problem, record and answer. */
async function agree(): Promise<readonly DataProblem[]> {
  const incremental = validateRecords(data, { cache });
  const full = validateRecords(data);
  expect(incremental.problems).toEqual(full.problems);
  expect(incremental.input === undefined).toBe(full.input === undefined);
  if (incremental.input && full.input) {
    expect(incremental.input).toEqual(full.input);
    expect(await answers(incremental.input)).toEqual(await answers(full.input));
  }
  return incremental.problems;
}

const reasons = (problems: readonly DataProblem[]) =>
  problems.map((p) => `${p.file} ${p.path}: ${p.reason}`).join('\n');

/** Applies an edit, checks both loads agree (and on what), undoes it, checks again. */
async function edit(files: Record<string, string>, expected: RegExp | undefined): Promise<readonly DataProblem[]> {
  const before = Object.fromEntries(Object.keys(files).map((f) => [f, read(f)]));
  for (const [file, text] of Object.entries(files)) write(file, text);
  let problems: readonly DataProblem[];
  try {
    problems = await agree();
    if (expected) expect(reasons(problems)).toMatch(expected);
    else expect(reasons(problems)).toBe('');
  } finally {
    for (const [file, text] of Object.entries(before)) write(file, text);
  }
  expect(await agree()).toEqual([]);
  return problems;
}

// Each step loads the bundled data four times (two loads, two snapshots with their answers).
describe('incremental validation against a load from nothing', { timeout: 300_000 }, () => {
  it('agrees on the bundled data, and reuses the checks of an unchanged corpus', async () => {
    expect(await agree()).toEqual([]);
    const { hits, misses } = cache.checks;
    expect(await agree()).toEqual([]);
    // The second load re-ran no entity or relation check: everything came from the memo.
    expect(cache.checks.misses).toBe(misses);
    expect(cache.checks.hits).toBeGreaterThan(hits + 1000);
  });

  it('reads no file whose size and mtime are unchanged, and only the edited one after an edit', async () => {
    await agree();
    let reads = cache.reads;
    let parses = cache.parses;
    expect(await agree()).toEqual([]);
    expect(cache.reads - reads).toBe(0);
    // A knowledge file: read (and parsed) alone, as are the document's manifest and text below.
    const common = read(COMMON);
    write(COMMON, replaceOnce(common, 'name: Local public security organs', 'name: Local organs, renamed'));
    reads = cache.reads;
    parses = cache.parses;
    try {
      expect(await agree()).toEqual([]);
      expect(cache.reads - reads).toBe(1);
      expect(cache.parses - parses).toBe(1);
    } finally {
      write(COMMON, common);
    }
    const text = read(DEMONSTRATION_TEXT);
    write(DEMONSTRATION_TEXT, `${text} `);
    reads = cache.reads;
    try {
      expect(await agree()).toEqual([]);
      // The edited text, and common.yaml written back above (seconds ago: not trusted yet).
      expect(cache.reads - reads).toBe(2);
    } finally {
      write(DEMONSTRATION_TEXT, text);
    }
    expect(await agree()).toEqual([]);
  });

  it('an entity added', async () => {
    const common = read(COMMON);
    await edit(
      {
        [COMMON]: replaceOnce(
          common,
          '\nentities:\n',
          `\nentities:\n  - id: organ/added-by-the-test
    kind: ORGAN
    name: Added by the test
    level: NATIONWIDE
    evidence:
      - quote: local public security organs actively participate\n\n`,
        ),
      },
      undefined,
    );
  });

  it('an entity that other files refer to renamed, then removed: dangling references, unknown extends', async () => {
    const common = read(COMMON);
    const renamed = await edit(
      {
        [COMMON]: replaceOnce(
          common,
          '- id: organ/local-public-security-organs\n',
          '- id: organ/renamed-local-organs\n',
        ),
      },
      /dangling reference: no entity "organ\/local-public-security-organs"/,
    );
    // The references are in other files than the one edited.
    expect(renamed.some((p) => p.file.endsWith('demonstration-city-2023-05-20.yaml'))).toBe(true);
    expect(renamed.some((p) => p.file.endsWith('guangming-2022-07-26-safe-china.yaml'))).toBe(true);
    const removed = await edit(
      { [COMMON]: replaceOnce(common, /\n {2}- id: organ\/ministry-of-public-security\n[\s\S]*?\n\n/, '\n') },
      /extends unknown entity "organ\/ministry-of-public-security"/,
    );
    expect(reasons(removed)).toMatch(/dangling reference: no entity "organ\/ministry-of-public-security"/);
  });

  it('a duplicate id in another file', async () => {
    const guangming = read(GUANGMING);
    await edit(
      {
        [GUANGMING]: replaceOnce(
          guangming,
          '\nextends:\n',
          `\n  - id: organ/local-public-security-organs
    kind: ORGAN
    name: Local organs, again
    level: NATIONWIDE
    evidence:
      - quote: 'the Ministry of Public Security has organized public security organs across the country'
\nextends:\n`,
        ),
      },
      /duplicate id "organ\/local-public-security-organs", first defined in knowledge\/common.yaml/,
    );
  });

  it('broken YAML', async () => {
    await edit({ [DEMONSTRATION]: `${read(DEMONSTRATION)}\n  - : [unclosed\n` }, /.+/);
  });

  it('a quote no longer in its document', async () => {
    const common = read(COMMON);
    await edit(
      {
        [COMMON]: replaceOnce(
          common,
          'quote: local public security organs actively participate in the creation',
          'quote: local public security organs actively participated in the creation',
        ),
      },
      /entities\[2\]\.evidence\[0\]\.quote: .*demonstration-city-2023-05-20/,
    );
  });

  it("a document's text edited under other files' quotes, then shifted without losing them", async () => {
    const text = read(DEMONSTRATION_TEXT);
    const broken = await edit(
      {
        [DEMONSTRATION_TEXT]: replaceOnce(
          text,
          'the Ministry of Public Security has deployed the national public security organs',
          'the Ministry of Public Security has sent the national public security organs',
        ),
      },
      /quote/,
    );
    // The quotes that fail are in the knowledge files, none of which changed.
    expect(broken.every((p) => p.file.startsWith('knowledge/'))).toBe(true);
    // Every offset after the insertion moves: the records must carry the new ones.
    const at = text.lastIndexOf('\n', text.indexOf('the Ministry of Public Security has deployed')) + 1;
    await edit({ [DEMONSTRATION_TEXT]: `${text.slice(0, at)}Inserted by the test. ${text.slice(at)}` }, undefined);
  });

  it("an entity's kind changed under other files' relations: the ontology is checked again", async () => {
    const common = read(COMMON);
    const changed = await edit(
      {
        [COMMON]: replaceOnce(
          common,
          /(- id: organ\/local-public-security-organs\n {4})kind: ORGAN\n([\s\S]*?) {4}level: NATIONWIDE\n/,
          '$1kind: LAW\n$2',
        ),
      },
      /relation violates the ontology/,
    );
    expect(changed.some((p) => p.file !== COMMON && /violates the ontology/.test(p.reason))).toBe(true);
  });

  it("an extends entry edited in another file: the entity's record changes", async () => {
    const guangming = read(GUANGMING);
    await edit(
      {
        [GUANGMING]: replaceOnce(
          guangming,
          'aliases: [grass-roots law enforcement units]',
          'aliases: [grass-roots law enforcement units, added by the test]',
        ),
      },
      undefined,
    );
    await edit(
      {
        [GUANGMING]: replaceOnce(
          guangming,
          "- quote: 'Continue to deepen the standardization construction of law enforcement in the public security system'",
          "- quote: 'Continue to deepen the standardisation construction of law enforcement in the public security system'",
        ),
      },
      /extends\[1\]\.evidence\[0\]\.quote/,
    );
  });
});
