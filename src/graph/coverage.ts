/**
 * Corpus coverage: does the graph account for every figure, date and quoted name of its
 * source texts? Each such item must sit inside an evidence quote, or be listed with a reason
 * in an exclusion file. What is left over is knowledge the curators have not captured yet.
 *
 * Exclusions live in `coverage-exclusions/<document-id>.yaml`
 * (`{document, exclusions: [{text, reason}]}`) and/or one `coverage-exclusions.yaml`
 * (`{documents: {<id>: [{text, reason}]}}`). A listed text excludes every occurrence of
 * itself in that document.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { type DataProblem, DataValidationError } from '../model/errors.js';
import type { EvidenceRecord, SourceDocumentRecord } from '../model/records.js';
import { type UnlinkedListItem, unlinkedListItems } from './list-links.js';
import { occurrencesOf } from './quotes.js';
import type { Snapshot } from './snapshot.js';
import { type PathSegment, YamlFile } from './yaml-file.js';

export const EXCLUSIONS_DIR = 'coverage-exclusions';
export const EXCLUSIONS_FILE = 'coverage-exclusions.yaml';

export type CoverageKind = 'NUMBER' | 'DATE' | 'QUOTED_NAME';

/** A half-open character range [start, end) in UTF-16 code units, like evidence offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One thing in a text that the graph should account for. */
export interface CoverageItem extends Span {
  readonly kind: CoverageKind;
  /** The characters as the text has them (a quoted name without its quote marks). */
  readonly text: string;
  /**
   * The spans that must be covered. A date counts as covered when its digits are (the month
   * name carries no fact of its own), so a date's parts are its digit runs; for everything
   * else the single part is the whole item.
   */
  readonly parts: readonly Span[];
}

export interface UncoveredItem {
  readonly kind: CoverageKind;
  readonly text: string;
  readonly offset: number;
  /** 1-based line in the document text. */
  readonly line: number;
  /** About 20 characters either side of the item, the item included (a long one elided), whitespace collapsed. */
  readonly context: string;
}

export type StaleReason = 'NOT_IN_DOCUMENT' | 'ALREADY_COVERED' | 'EXCLUDES_NO_ITEM';

export interface StaleExclusion {
  readonly text: string;
  readonly reason: string;
  /** The exclusion file, relative to the data directory. */
  readonly file: string;
  readonly stale: StaleReason;
}

export interface CoverageCounts {
  readonly items: number;
  readonly covered: number;
  readonly excluded: number;
  readonly uncovered: number;
  /** covered / (items − excluded) × 100: excluded items need no evidence. 100 when nothing is due. */
  readonly percentCovered: number;
}

export interface DocumentCoverage extends CoverageCounts {
  readonly document: string;
  readonly uncoveredItems: readonly UncoveredItem[];
  readonly staleExclusions: readonly StaleExclusion[];
}

export interface CoverageReport {
  readonly documents: readonly DocumentCoverage[];
  readonly totals: CoverageCounts & { readonly staleExclusions: number };
  /** Warnings, not failures: listed items not linked to the whole their sentence names. */
  readonly unlinkedListItems: readonly UnlinkedListItem[];
}

/** Builds the coverage report; throws DataValidationError when an exclusion file is invalid. */
export function coverageReport(dataDir: string, snapshot: Snapshot): CoverageReport {
  const documents = [...snapshot.documents()].sort((a, b) => a.id.localeCompare(b.id));
  const exclusions = loadExclusions(dataDir, new Set(documents.map((d) => d.id)));
  const evidence = evidenceByDocument(snapshot);
  const perDocument = documents.map((doc) =>
    documentCoverage(doc, evidence.get(doc.id) ?? [], exclusions.get(doc.id) ?? []),
  );
  return { documents: perDocument, totals: sumCounts(perDocument), unlinkedListItems: unlinkedListItems(snapshot) };
}

// ---------------------------------------------------------------------------------------------
// Scanning a text for items

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?(?!\\d)';
const YEAR = '\\d{4}(?!\\d)';

/**
 * Date phrases, longest forms first so `January 8, 2023` is not cut to `January 8`. The digit
 * lookarounds keep a phrase from starting or ending inside a longer number.
 */
const DATE_PATTERN = new RegExp(
  [
    `(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?!\\d)`, // 2024-03-05
    `${MONTH}-\\d{1,2}-${YEAR}`, // May-20-2023
    `${MONTH} ${DAY}(?:\\s?(?:to|-|–|and)\\s?${DAY})?(?:,? ${YEAR})?`, // July 25; January 8, 2023; November 6 to 9
    `${MONTH},? ${YEAR}`, // January 2024
    `(?<!\\d)\\d{4}\\s?[-–]\\s?${YEAR}`, // 2023-2025
    `(?<![\\d:])\\d{1,2}:\\d{2}(?![\\d:])`, // 12:21 (a time of day)
  ].join('|'),
  'g',
);

/**
 * Numbers as written with digits: thousands separators, decimals, digit ordinals (18th), and
 * the percent sign or scale word that belongs to the figure (87.55%, 3.8 billion). Units such
 * as "yuan" are left out: the figure is the fact, the unit is ordinary wording.
 */
const NUMBER_PATTERN =
  /(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th)?(?:\s?%|\s(?:hundred|thousand|million|billion|trillion)\b)?/g;

/** Quoted text on one line; straight quotes pair up in order of appearance. */
const QUOTED_PATTERN = /“([^“”\n]+)”|"([^"\n]+)"/g;

/** A bare four-digit number in this range reads as a year. */
const isYear = (token: string): boolean => /^(?:19|20)\d\d$/.test(token);

/** Every number, date and quoted name of `text`, in order of position. */
export function scanItems(text: string): CoverageItem[] {
  const dates = scanDates(text);
  const numbers = scanNumbers(text).filter((n) => !dates.some((d) => inside(n, d)));
  return [...dates, ...numbers, ...scanQuotedNames(text)].sort((a, b) => a.start - b.start || b.end - a.end);
}

function scanDates(text: string): CoverageItem[] {
  return [...text.matchAll(DATE_PATTERN)].map((m) => {
    const start = m.index;
    const parts = [...m[0].matchAll(/\d+/g)].map((d) => span(start + d.index, d[0].length));
    return { kind: 'DATE', text: m[0], ...span(start, m[0].length), parts };
  });
}

function scanNumbers(text: string): CoverageItem[] {
  return [...text.matchAll(NUMBER_PATTERN)].map((m) => {
    const whole = span(m.index, m[0].length);
    return { kind: isYear(m[0]) ? 'DATE' : 'NUMBER', text: m[0], ...whole, parts: [whole] };
  });
}

function scanQuotedNames(text: string): CoverageItem[] {
  const out: CoverageItem[] = [];
  for (const m of text.matchAll(QUOTED_PATTERN)) {
    const inner = m[1] ?? m[2] ?? '';
    if (inner.trim() === '') continue;
    // The name is what lies between the marks: a quote of the name alone covers it.
    const whole = span(m.index + 1, inner.length);
    out.push({ kind: 'QUOTED_NAME', text: inner, ...whole, parts: [whole] });
  }
  return out;
}

const span = (start: number, length: number): Span => ({ start, end: start + length });

const inside = (inner: Span, outer: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;

const insideAny = (inner: Span, outers: readonly Span[]): boolean => outers.some((o) => inside(inner, o));

// ---------------------------------------------------------------------------------------------
// Evidence

/** Evidence quotes of entities and curated relations, grouped by document. */
function evidenceByDocument(snapshot: Snapshot): Map<string, EvidenceRecord[]> {
  const byDoc = new Map<string, EvidenceRecord[]>();
  const add = (evidence: readonly EvidenceRecord[]) => {
    for (const ev of evidence) byDoc.set(ev.document, [...(byDoc.get(ev.document) ?? []), ev]);
  };
  for (const entity of snapshot.entities()) add(entity.evidence);
  snapshot.graph.forEachEdge((_key, relation) => {
    // MENTIONS edges are derived from entity evidence, already counted above.
    if (relation.type !== 'MENTIONS') add(relation.evidence);
  });
  return byDoc;
}

// ---------------------------------------------------------------------------------------------
// Exclusion files

/** Exact characters: not trimmed, since the text is searched verbatim. */
const exclusionText = z.string().refine((s) => s.trim().length > 0, 'must not be empty');
const exclusionReason = z.string().trim().min(1, 'must not be empty');
const exclusionSchema = z.strictObject({ text: exclusionText, reason: exclusionReason });
const exclusionList = z.array(exclusionSchema);

const perDocumentFileSchema = z.strictObject({
  document: z.string().trim().min(1, 'must not be empty'),
  exclusions: exclusionList,
});
const combinedFileSchema = z.strictObject({ documents: z.record(z.string(), exclusionList) });

export interface Exclusion {
  readonly text: string;
  readonly reason: string;
  readonly file: string;
}

/**
 * Reads every exclusion file under `dataDir`, keyed by document id. Collects all problems
 * (shape, unknown document, misnamed file, repeated text) before throwing, as the loader does.
 */
export function loadExclusions(dataDir: string, documentIds: ReadonlySet<string>): Map<string, Exclusion[]> {
  const out = new Map<string, Exclusion[]>();
  const problems: DataProblem[] = [];
  const add = (file: YamlFile, path: PathSegment[], document: string, list: z.infer<typeof exclusionList>) => {
    if (!documentIds.has(document)) {
      problems.push(file.problem(path, `unknown document "${document}"`));
      return;
    }
    const existing = out.get(document) ?? [];
    list.forEach(({ text, reason }, i) => {
      if (existing.some((e) => e.text === text)) {
        problems.push(file.problem([...path, i, 'text'], `"${text}" is already excluded for ${document}`));
      } else existing.push({ text, reason, file: file.relPath });
    });
    out.set(document, existing);
  };

  for (const abs of exclusionFiles(dataDir)) {
    const file = YamlFile.read(abs, relative(dataDir, abs));
    if (Array.isArray(file)) {
      problems.push(...file);
      continue;
    }
    if (basename(abs) === EXCLUSIONS_FILE) readCombined(file, problems, add);
    else readPerDocument(file, abs, problems, add);
  }
  if (problems.length > 0) throw new DataValidationError(problems);
  return out;
}

type AddExclusions = (
  file: YamlFile,
  path: PathSegment[],
  document: string,
  list: z.infer<typeof exclusionList>,
) => void;

function readCombined(file: YamlFile, problems: DataProblem[], add: AddExclusions): void {
  const parsed = combinedFileSchema.safeParse(file.data);
  if (!parsed.success) {
    problems.push(...zodProblems(file, parsed.error));
    return;
  }
  for (const [document, list] of Object.entries(parsed.data.documents)) {
    add(file, ['documents', document], document, list);
  }
}

function readPerDocument(file: YamlFile, abs: string, problems: DataProblem[], add: AddExclusions): void {
  const parsed = perDocumentFileSchema.safeParse(file.data);
  if (!parsed.success) {
    problems.push(...zodProblems(file, parsed.error));
    return;
  }
  const { document, exclusions } = parsed.data;
  // One file per document, named after it, so a curator finds a document's list at once.
  const expected = basename(abs).replace(/\.ya?ml$/, '');
  if (document !== expected) {
    problems.push(file.problem(['document'], `file is named ${basename(abs)} but lists exclusions for "${document}"`));
    return;
  }
  add(file, ['exclusions'], document, exclusions);
}

function exclusionFiles(dataDir: string): string[] {
  const dir = join(dataDir, EXCLUSIONS_DIR);
  const perDocument = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(dir, name))
    : [];
  const combined = join(dataDir, EXCLUSIONS_FILE);
  return existsSync(combined) ? [combined, ...perDocument] : perDocument;
}

function zodProblems(file: YamlFile, error: z.ZodError): DataProblem[] {
  return error.issues.map((issue) =>
    file.problem(
      issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
      issue.message,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Classifying items and exclusions of one document

type Status = 'COVERED' | 'EXCLUDED' | 'UNCOVERED';

/** Covered when every part is in evidence; excluded when every part is in evidence or excluded. */
function statusOf(item: CoverageItem, quotes: readonly Span[], excluded: readonly Span[]): Status {
  const open = item.parts.filter((p) => !insideAny(p, quotes));
  if (open.length === 0) return 'COVERED';
  return open.every((p) => insideAny(p, excluded)) ? 'EXCLUDED' : 'UNCOVERED';
}

function documentCoverage(
  doc: SourceDocumentRecord,
  evidence: readonly EvidenceRecord[],
  exclusions: readonly Exclusion[],
): DocumentCoverage {
  const items = scanItems(doc.text);
  const occurrences = new Map(exclusions.map((e) => [e, occurrenceSpans(doc.text, e.text)] as const));
  const excludedSpans = [...occurrences.values()].flat();
  const statuses = items.map((item) => statusOf(item, evidence, excludedSpans));
  const count = (s: Status) => statuses.filter((x) => x === s).length;
  const lines = lineStarts(doc.text);
  const uncoveredItems = items
    .filter((_item, i) => statuses[i] === 'UNCOVERED')
    .map((item) => describe(doc.text, lines, item));
  const staleExclusions = exclusions.flatMap((e) => {
    const stale = staleness(occurrences.get(e) ?? [], items, evidence);
    return stale ? [{ ...e, stale }] : [];
  });
  return {
    document: doc.id,
    ...counts(items.length, count('COVERED'), count('EXCLUDED')),
    uncoveredItems,
    staleExclusions,
  };
}

function occurrenceSpans(text: string, needle: string): Span[] {
  return occurrencesOf(text, needle).map((start) => span(start, needle.length));
}

/** Why an exclusion does nothing useful, or undefined when it is needed. */
function staleness(
  occurrences: readonly Span[],
  items: readonly CoverageItem[],
  quotes: readonly Span[],
): StaleReason | undefined {
  if (occurrences.length === 0) return 'NOT_IN_DOCUMENT';
  if (occurrences.every((o) => insideAny(o, quotes))) return 'ALREADY_COVERED';
  const parts = items.flatMap((item) => item.parts).filter((p) => insideAny(p, occurrences));
  if (parts.length === 0) return 'EXCLUDES_NO_ITEM';
  return parts.every((p) => insideAny(p, quotes)) ? 'ALREADY_COVERED' : undefined;
}

function counts(items: number, covered: number, excluded: number): CoverageCounts {
  const due = items - excluded;
  const percentCovered = due === 0 ? 100 : Math.round((covered / due) * 1000) / 10;
  return { items, covered, excluded, uncovered: items - covered - excluded, percentCovered };
}

function sumCounts(documents: readonly DocumentCoverage[]): CoverageReport['totals'] {
  const sum = (pick: (d: DocumentCoverage) => number) => documents.reduce((n, d) => n + pick(d), 0);
  return {
    ...counts(
      sum((d) => d.items),
      sum((d) => d.covered),
      sum((d) => d.excluded),
    ),
    staleExclusions: sum((d) => d.staleExclusions.length),
  };
}

// ---------------------------------------------------------------------------------------------
// Describing an uncovered item

const CONTEXT_SIDE = 20;
/** A long quoted passage is shown by its two ends, so the context stays one short line. */
const CONTEXT_ITEM_MAX = 60;

/** Offsets at which each line starts, for turning an offset into a line number. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function describe(text: string, lines: readonly number[], item: CoverageItem): UncoveredItem {
  const before = text.slice(Math.max(0, item.start - CONTEXT_SIDE), item.start);
  const after = text.slice(item.end, item.end + CONTEXT_SIDE);
  const context = `${before}${elide(item.text, CONTEXT_ITEM_MAX)}${after}`.replace(/\s+/g, ' ').trim();
  return { kind: item.kind, text: item.text, offset: item.start, line: lineOf(lines, item.start), context };
}

function elide(s: string, max: number): string {
  if (s.length <= max) return s;
  const half = Math.floor((max - 1) / 2);
  return `${s.slice(0, half)}…${s.slice(s.length - half)}`;
}
