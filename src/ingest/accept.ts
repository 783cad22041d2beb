/**
 * Accepting candidates: merges them (all, or only the ids given) into
 * graph-data/knowledge/<document>.yaml. An existing file is merged into, never overwritten:
 * its entities, extends and relations stay as they are, new ones are appended, and new
 * quotes are added to the evidence of the same id. The result is validated in a temp copy
 * first, so a failed accept writes nothing; its problems point at the lines of the candidate
 * file the curator is editing, since the knowledge file they would be in does not exist yet.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parse } from 'yaml';
import { coverageReport, type DocumentCoverage } from '../graph/coverage.js';
import { validateGraphData } from '../graph/load.js';
import { occurrencesOf } from '../graph/quotes.js';
import { formatPath, type PathSegment, YamlFileRef } from '../graph/yaml-file.js';
import { BadInputError, type DataProblem, formatProblem } from '../model/errors.js';
import { type CandidateFile, relationId, serialise } from './candidates.js';
import { copyData, removeDir } from './holdout.js';

type Item = Record<string, unknown>;
type Knowledge = { document?: string; entities?: Item[]; extends?: Item[]; relations?: Item[] };
type Section = 'entities' | 'extends' | 'relations';

export interface AcceptResult {
  readonly path: string;
  readonly added: { entities: number; extends: number; relations: number };
  /** Evidence quotes whose surrounding blank lines or spaces were trimmed on the way in. */
  readonly trimmedQuotes: number;
  /** Coverage of the accepted document after the merge: what is still to cover or exclude. */
  readonly coverage?: DocumentCoverage;
}

/** An accept that would not validate; `problems` point at the candidate file where they can. */
export class AcceptRefusedError extends BadInputError {
  constructor(readonly problems: readonly DataProblem[]) {
    super(`accepting would make graph-data invalid; nothing written:\n${problems.map(formatProblem).join('\n')}`, {
      problems,
    });
  }
}

function readCandidates(path: string): CandidateFile {
  if (!existsSync(path)) throw new BadInputError(`no such candidate file: ${path}`);
  const data = parse(readFileSync(path, 'utf8')) as CandidateFile | null;
  if (!data?.document) throw new BadInputError(`${path} is not a candidate file (no \`document\`)`);
  return {
    ...data,
    entities: data.entities ?? [],
    extends: data.extends ?? [],
    relations: data.relations ?? [],
    review: data.review ?? {},
  };
}

/** A candidate item with the place it came from in the candidate file. */
interface Sourced {
  readonly item: Item;
  readonly from: readonly PathSegment[];
}

const sourced = (section: Section, items: Item[], keep: (item: Item) => boolean): Sourced[] =>
  items.flatMap((item, index) => (keep(item) ? [{ item, from: [section, index] }] : []));

export function acceptCandidates(dataDir: string, candidatesPath: string, only?: readonly string[]): AcceptResult {
  const cand = readCandidates(candidatesPath);
  const wanted = only && only.length > 0 ? new Set(only) : null;
  const picked = (e: Item) => !wanted || wanted.has(String(e.id));
  const entities = sourced('entities', cand.entities, picked);
  const extensions = sourced('extends', cand.extends, picked);
  const newIds = new Set(cand.entities.map((e) => String(e.id)));
  const acceptedIds = new Set(entities.map((e) => String(e.item.id)));
  // A relation comes along when asked for, or when both its ends are accepted or already curated.
  const relations = sourced('relations', cand.relations, (r) => {
    const endsOk = [r.source, r.target].every((id) => !newIds.has(String(id)) || acceptedIds.has(String(id)));
    if (!endsOk) return false;
    if (!wanted) return true;
    return wanted.has(relationId(r)) || [r.source, r.target].some((id) => wanted.has(String(id)));
  });
  const trimmer = new QuoteTrimmer(dataDir, cand.document);
  for (const s of [...entities, ...extensions, ...relations]) trimmer.trimEvidenceOf(s.item);

  const relTarget = join('knowledge', `${cand.document}.yaml`);
  const target = join(dataDir, relTarget);
  const existing: Knowledge = existsSync(target)
    ? ((parse(readFileSync(target, 'utf8')) as Knowledge | null) ?? {})
    : {};
  const merged = mergeKnowledge(existing, cand.document, entities, extensions, relations);
  const work = copyData(dataDir);
  let coverage: DocumentCoverage | undefined;
  try {
    writeFileSync(join(work, relTarget), serialise(merged.file));
    const { problems, snapshot } = validateGraphData(work);
    if (problems.length > 0) {
      const where = new ProblemLocator(candidatesPath, target, relTarget, merged.origins);
      throw new AcceptRefusedError(problems.map((p) => where.locate(p)));
    }
    if (snapshot) coverage = coverageReport(work, snapshot).documents.find((d) => d.document === cand.document);
  } finally {
    removeDir(work);
  }
  writeFileSync(target, serialise(merged.file));
  return { path: target, added: merged.added, trimmedQuotes: trimmer.trimmed, coverage };
}

// ---------------------------------------------------------------------------------------------
// Quotes: extraction can cut a quote at a paragraph break, and a quote that begins with blank
// lines reads badly wherever it is shown, so the whitespace around a quote is dropped and its
// occurrence recounted for the shorter text.

class QuoteTrimmer {
  trimmed = 0;
  private readonly texts = new Map<string, string | null>();

  constructor(
    private readonly dataDir: string,
    private readonly document: string,
  ) {}

  trimEvidenceOf(item: Item): void {
    const evidence = item.evidence;
    if (!Array.isArray(evidence)) return;
    item.evidence = evidence.map((ev: Item) => this.trim(ev));
  }

  private trim(ev: Item): Item {
    const quote = ev.quote;
    if (typeof quote !== 'string' || quote.trim() === quote || quote.trim() === '') return ev;
    const text = this.text(String(ev.document ?? this.document));
    if (text === null) return ev;
    const at = occurrencesOf(text, quote)[(Number(ev.occurrence) || 1) - 1];
    if (at === undefined) return ev; // not verbatim: the loader will say so, with the near-match
    const trimmed = quote.trim();
    const start = at + (quote.length - quote.trimStart().length);
    const found = occurrencesOf(text, trimmed);
    const occurrence = found.indexOf(start) + 1;
    const { occurrence: _old, ...rest } = ev;
    this.trimmed++;
    return { ...rest, quote: trimmed, ...(found.length > 1 ? { occurrence } : {}) };
  }

  private text(documentId: string): string | null {
    if (!this.texts.has(documentId)) this.texts.set(documentId, readDocumentText(this.dataDir, documentId));
    return this.texts.get(documentId) ?? null;
  }
}

function readDocumentText(dataDir: string, documentId: string): string | null {
  const manifest = join(dataDir, 'documents', `${documentId}.yaml`);
  if (!existsSync(manifest)) return null;
  const file = (parse(readFileSync(manifest, 'utf8')) as { file?: string } | null)?.file;
  const path = file ? join(dataDir, 'documents', file) : '';
  return file && existsSync(path) ? readFileSync(path, 'utf8') : null;
}

// ---------------------------------------------------------------------------------------------
// Merging, remembering where each merged item (or added quote) came from in the candidate file

const quoteKey = (ev: Item, doc: string | undefined) =>
  `${ev.document ?? doc}\u0000${ev.quote}\u0000${ev.occurrence ?? 1}`;

const pathKey = (path: readonly PathSegment[]) => path.join('.');

function mergeKnowledge(
  existing: Knowledge,
  document: string,
  entities: Sourced[],
  extensions: Sourced[],
  relations: Sourced[],
) {
  const file = {
    document: existing.document ?? document,
    entities: [...(existing.entities ?? [])],
    extends: [...(existing.extends ?? [])],
    relations: [...(existing.relations ?? [])],
  };
  const added = { entities: 0, extends: 0, relations: 0 };
  /** Merged-file path → candidate-file path. */
  const origins = new Map<string, readonly PathSegment[]>();
  // Candidate quotes use the candidate's document; say so when the file's default differs.
  const withDoc = (ev: Item) => (file.document === document || ev.document ? ev : { document, ...ev });
  const addEvidence = (into: Item, at: readonly PathSegment[], from: Sourced) => {
    const have = ((into.evidence as Item[]) ?? []).slice();
    const keys = new Set(have.map((ev) => quoteKey(ev, file.document)));
    ((from.item.evidence as Item[]) ?? []).forEach((ev, index) => {
      const out = withDoc(ev);
      if (keys.has(quoteKey(out, file.document))) return;
      keys.add(quoteKey(out, file.document));
      origins.set(pathKey([...at, 'evidence', have.length]), [...from.from, 'evidence', index]);
      have.push(out);
    });
    into.evidence = have;
  };
  const append = (section: Section, from: Sourced) => {
    const list = file[section];
    origins.set(pathKey([section, list.length]), from.from);
    list.push({ ...from.item, evidence: ((from.item.evidence as Item[]) ?? []).map(withDoc) });
    added[section]++;
  };
  const indexIn = (section: Section, match: (x: Item) => boolean) => file[section].findIndex(match);
  for (const e of entities) {
    const i = indexIn('entities', (x) => x.id === e.item.id);
    if (i >= 0) addEvidence(file.entities[i] as Item, ['entities', i], e);
    else append('entities', e);
  }
  for (const x of extensions) {
    const here = indexIn('entities', (e) => e.id === x.item.id);
    const ext = here >= 0 ? -1 : indexIn('extends', (e) => e.id === x.item.id);
    if (here >= 0) addEvidence(file.entities[here] as Item, ['entities', here], x);
    else if (ext >= 0) addEvidence(file.extends[ext] as Item, ['extends', ext], x);
    else append('extends', x);
  }
  for (const r of relations) {
    const i = indexIn('relations', (x) => relationId(x) === relationId(r.item));
    if (i >= 0) addEvidence(file.relations[i] as Item, ['relations', i], r);
    else append('relations', r);
  }
  return { file: file as Omit<CandidateFile, 'review'>, added, origins };
}

// ---------------------------------------------------------------------------------------------
// Problems: the loader reports them against the merged knowledge file in a temp copy; the
// curator edits the candidate file, so a problem in a candidate's item is moved there.

/** `entities[3].evidence[0].quote` → ['entities', 3, 'evidence', 0, 'quote']. */
export function parseProblemPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) out.push(m[1] !== undefined ? Number(m[1]) : String(m[2]));
  return out;
}

class ProblemLocator {
  constructor(
    private readonly candidatesPath: string,
    private readonly knowledgePath: string,
    private readonly knowledgeRel: string,
    private readonly origins: ReadonlyMap<string, readonly PathSegment[]>,
  ) {}

  locate(p: DataProblem): DataProblem {
    if (p.file !== this.knowledgeRel) return p;
    const path = parseProblemPath(p.path);
    for (let n = path.length; n > 0; n--) {
      const origin = this.origins.get(pathKey(path.slice(0, n)));
      if (!origin) continue;
      const inCandidates = [...origin, ...path.slice(n)];
      const file = displayPath(this.candidatesPath);
      const line = new YamlFileRef(file, this.candidatesPath).lineOf(inCandidates);
      return { file, path: formatPath(inCandidates), reason: p.reason, ...(line ? { line } : {}) };
    }
    // An item the knowledge file already held: its line is the one in the real file.
    if (!existsSync(this.knowledgePath)) return { file: p.file, path: p.path, reason: p.reason };
    const line = new YamlFileRef(p.file, this.knowledgePath).lineOf(path);
    return { file: p.file, path: p.path, reason: p.reason, ...(line ? { line } : {}) };
  }
}

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
