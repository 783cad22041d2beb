/**
 * `accept` as a curator meets it: a problem points at the line of the candidate file being
 * edited, quotes lose the blank lines around them, and what the document still leaves
 * uncovered is listed with a ready exclusion entry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAccept } from '../../src/cli/ingest.js';
import { formatDocumentFollowUp } from '../../src/graph/coverage-format.js';
import { loadGraphData } from '../../src/graph/load.js';
import { AcceptRefusedError, acceptCandidates, parseProblemPath } from '../../src/ingest/accept.js';
import type { CandidateFile } from '../../src/ingest/candidates.js';
import { serialise } from '../../src/ingest/candidates.js';
import { copyData, removeDir } from '../../src/ingest/holdout.js';
import { ingestDocument } from '../../src/ingest/ingest.js';

const DATA = resolve(import.meta.dirname, '../../graph-data');
const FIXTURE = resolve(import.meta.dirname, '../fixtures/ingest/press-conference-2024-01.txt');
const ID = 'mps-press-conference-2024-01-10';

let data: string;
let candidates: string;
beforeEach(() => {
  data = copyData(DATA);
  ingestDocument({ dataDir: data, file: FIXTURE, id: ID, title: 'T', published: '2024-01-11' });
  candidates = join(data, 'candidates', `${ID}.yaml`);
});
afterEach(() => removeDir(data));

const readCandidates = () => parse(readFileSync(candidates, 'utf8')) as CandidateFile;
const lineOf = (needle: string) =>
  readFileSync(candidates, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

describe('accept', () => {
  it('points a problem at the file and line of the candidate being edited, and writes nothing', () => {
    const cand = readCandidates();
    const target = cand.entities.findIndex((e) => e.kind === 'PERSON');
    const evidence = cand.entities[target]?.evidence as { quote: string }[];
    evidence[0] = { quote: 'a sentence this press conference never said' };
    writeFileSync(candidates, serialise(cand));
    let error: unknown;
    try {
      acceptCandidates(data, candidates);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AcceptRefusedError);
    const problems = (error as AcceptRefusedError).problems;
    const quoteProblem = problems.find((p) => p.path.startsWith(`entities[${target}].evidence[0]`));
    expect(quoteProblem).toBeDefined();
    expect(resolve(quoteProblem?.file ?? '')).toBe(candidates);
    expect(quoteProblem?.line).toBe(lineOf('a sentence this press conference never said'));
    expect(() => readFileSync(join(data, 'knowledge', `${ID}.yaml`))).toThrow();
  });

  it('a problem in an existing entity extended by the candidates points at that extends item', () => {
    const cand = readCandidates();
    const at = cand.extends.findIndex((x) => x.id === 'organ/ministry-of-public-security');
    const mps = cand.extends[at];
    if (!mps) throw new Error('the fixture no longer links the Ministry');
    (mps.evidence as { quote: string }[]).push({ quote: 'Ministry of Public Security of Atlantis' });
    writeFileSync(candidates, serialise(cand));
    const error = (() => {
      try {
        acceptCandidates(data, candidates);
      } catch (err) {
        return err as AcceptRefusedError;
      }
      return undefined;
    })();
    const p = error?.problems.find((x) => x.reason.includes('not found') || x.path.includes('quote'));
    expect(p?.path).toMatch(new RegExp(`^extends\\[${at}\\]\\.evidence\\[\\d+\\]`));
    expect(p?.line).toBe(lineOf('Ministry of Public Security of Atlantis'));
  });

  it('trims blank lines around quotes and recounts their occurrence', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const cand = readCandidates();
    const first = cand.entities[0] as { evidence: { quote: string; occurrence?: number }[] };
    const quote = first.evidence[0]?.quote ?? '';
    const at = text.indexOf(quote);
    // Widen the quote to the blank lines and spaces the text has around it, as a careless cut would.
    let s = at;
    while (s > 0 && /\s/.test(text[s - 1] ?? '')) s--;
    let e = at + quote.length;
    while (e < text.length && /\s/.test(text[e] ?? '')) e++;
    expect(e - s).toBeGreaterThan(quote.length); // the fixture has whitespace around it
    first.evidence[0] = { quote: text.slice(s, e) };
    writeFileSync(candidates, serialise(cand));
    const r = acceptCandidates(data, candidates);
    expect(r.trimmedQuotes).toBeGreaterThanOrEqual(1);
    const written = parse(readFileSync(r.path, 'utf8'));
    const ev = written.entities[0].evidence[0];
    expect(ev.quote).toBe(quote);
    const served = loadGraphData(data).getEntity(String(written.entities[0].id));
    expect(served?.evidence.some((x) => x.quote === quote && text.slice(x.start, x.end) === quote)).toBe(true);
  });

  it('lists what the new document still leaves uncovered, with a ready exclusion entry', () => {
    // Accepting one candidate leaves the document's other figures uncovered.
    const only = ['person/li-guozhong'];
    const coverage = acceptCandidates(data, candidates, only).coverage;
    if (!coverage) throw new Error('accept returned no coverage for the new document');
    expect(coverage.document).toBe(ID);
    expect(coverage.uncovered).toBeGreaterThan(0);
    const follow = formatDocumentFollowUp(coverage);
    expect(follow).toContain(`coverage-exclusions/${ID}.yaml`);
    for (const item of coverage.uncoveredItems) expect(follow).toContain(`text: ${JSON.stringify(item.text)}`);
    // Excluding every listed item with a reason makes the document coverage-clean.
    const texts = [...new Set(coverage.uncoveredItems.map((i) => i.text))];
    const entries = texts.map((text) => `  - text: ${JSON.stringify(text)}\n    reason: test\n`);
    writeFileSync(join(data, 'coverage-exclusions', `${ID}.yaml`), `document: ${ID}\nexclusions:\n${entries.join('')}`);
    const again = acceptCandidates(data, candidates, only).coverage;
    expect(again?.uncovered).toBe(0);
    expect(formatDocumentFollowUp(again ?? coverage)).toContain('are covered or excluded');
  });

  it('the command prints the follow-up and exits 0', () => {
    const logs: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => logs.push(a.join(' '));
    try {
      expect(runAccept(['accept', candidates, '--data', data])).toBe(0);
    } finally {
      console.log = log;
    }
    expect(logs.join('\n')).toMatch(/coverage of mps-press-conference-2024-01-10/);
  });
});

describe('parseProblemPath', () => {
  it('reads the loader’s path notation back into segments', () => {
    expect(parseProblemPath('entities[3].evidence[0].quote')).toEqual(['entities', 3, 'evidence', 0, 'quote']);
    expect(parseProblemPath('relations[12]')).toEqual(['relations', 12]);
  });
});
