/**
 * Ingesting a document: check it, extract candidates against the graph (minus anything
 * already curated from this document, so re-ingesting gives the same candidates), check the
 * candidates with the real loader in a temp copy, then write the text, its manifest and
 * graph-data/candidates/<id>.yaml. Nothing is written unless every check passes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadGraphData, validateGraphData } from '../graph/load.js';
import type { Snapshot } from '../graph/snapshot.js';
import type { PartialDate } from '../model/dates.js';
import { BadInputError, type DataProblem } from '../model/errors.js';
import { asKnowledge, type CandidateFile, relationId, serialise, toCandidateFile } from './candidates.js';
import { extract } from './extract.js';
import { copyWithout, removeDir } from './holdout.js';
import { checkDate, checkId, checkText } from './input.js';
import type { Extraction } from './types.js';

export const CANDIDATES_DIR = 'candidates';

export interface IngestRequest {
  readonly dataDir: string;
  readonly file: string;
  readonly id: string;
  readonly title: string;
  readonly published: string;
  readonly publisher?: string;
}

export interface IngestResult {
  readonly documentAdded: boolean;
  readonly candidatesPath: string;
  readonly extraction: Extraction;
  readonly dropped: readonly DataProblem[];
  readonly counts: { entities: number; extends: number; relations: number };
}

interface Manifest {
  id: string;
  file: string;
  title?: string;
}

function manifests(dataDir: string): { path: string; meta: Manifest }[] {
  const dir = join(dataDir, 'documents');
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => ({ path: join(dir, n), meta: parse(readFileSync(join(dir, n), 'utf8')) as Manifest }));
}

export function ingestDocument(req: IngestRequest): IngestResult {
  checkId(req.id);
  if (!req.title?.trim()) throw new BadInputError('--title is required');
  const published = checkDate(req.published);
  if (!existsSync(req.file)) throw new BadInputError(`no such file: ${req.file}`);
  const bytes = readFileSync(req.file);
  const text = checkText(bytes, req.file);
  let documentAdded = true;
  for (const { meta } of manifests(req.dataDir)) {
    const existing = join(req.dataDir, 'documents', meta.file);
    const same = existsSync(existing) && readFileSync(existing).equals(bytes);
    if (meta.id === req.id) {
      if (!same) throw new BadInputError(`document id "${req.id}" already exists with a different text`);
      documentAdded = false;
    } else if (same) {
      throw new BadInputError(`this text is already in graph-data as document "${meta.id}"`);
    }
  }
  // Check everything in a copy that holds the new document but nothing curated from it.
  const work = copyWithout(req.dataDir, req.id);
  try {
    const textName = `${req.id}.txt`;
    const manifest = {
      id: req.id,
      file: textName,
      title: req.title,
      ...(req.publisher ? { publisher: req.publisher } : {}),
      published: published.text,
      origin: `Ingested with \`reform-graph ingest\` from ${basename(req.file)}; copied byte for byte.`,
    };
    if (documentAdded) {
      writeFileSync(join(work, 'documents', textName), bytes);
      writeFileSync(join(work, 'documents', `${req.id}.yaml`), stringify(manifest));
    }
    const snapshot = loadGraphData(work);
    const extraction = extract(snapshot, text, { documentId: req.id, published });
    const { file, dropped } = validatedCandidates(work, withoutCuratedRelations(snapshot, toCandidateFile(extraction)));
    const candidatesPath = join(req.dataDir, CANDIDATES_DIR, `${req.id}.yaml`);
    if (documentAdded) {
      writeFileSync(join(req.dataDir, 'documents', textName), bytes);
      writeFileSync(join(req.dataDir, 'documents', `${req.id}.yaml`), stringify(manifest));
    }
    mkdirSync(join(req.dataDir, CANDIDATES_DIR), { recursive: true });
    writeFileSync(candidatesPath, serialise(file, candidateHeader(req.id)));
    return {
      documentAdded,
      candidatesPath,
      extraction,
      dropped,
      counts: { entities: file.entities.length, extends: file.extends.length, relations: file.relations.length },
    };
  } finally {
    removeDir(work);
  }
}

function candidateHeader(id: string): string {
  return [
    `Candidates extracted from document ${id}: NOT part of the graph until accepted with`,
    `\`reform-graph accept graph-data/candidates/${id}.yaml [--only ID ...]\`.`,
    'Same format as a knowledge file; `review` gives each item its confidence and rule.',
  ].join('\n');
}

const CHECK_FILE = join('knowledge', '__candidates__.yaml');

/**
 * Drops proposed relations the graph already holds (an organ's PART_OF its ministry, curated
 * from another document): the loader refuses a second relation with the same id, and that
 * problem lies in the curated file, so it would fail the whole ingest. Evidence for a relation
 * another file defines is added there or as a relation with its own `id`.
 */
export function withoutCuratedRelations(snapshot: Snapshot, file: CandidateFile): CandidateFile {
  const known = new Set(file.relations.map(relationId).filter((id) => snapshot.getRelation(id) !== undefined));
  if (known.size === 0) return file;
  const relations = file.relations.filter((r) => !known.has(relationId(r)));
  const review = Object.fromEntries(Object.entries(file.review).filter(([k]) => !known.has(k)));
  return { ...file, relations, review };
}

/**
 * Loads the data in `work` plus the candidates (without `review`) as a knowledge file; items
 * the loader rejects are dropped, with relations that pointed at them, until it loads clean.
 */
export function validatedCandidates(
  work: string,
  file: CandidateFile,
): { file: CandidateFile; dropped: DataProblem[] } {
  const dropped: DataProblem[] = [];
  let current = file;
  for (let round = 0; round < 4; round++) {
    writeFileSync(join(work, CHECK_FILE), serialise(asKnowledge(current)));
    const { problems } = validateGraphData(work);
    if (problems.length === 0) break;
    const bad = { entities: new Set<number>(), extends: new Set<number>(), relations: new Set<number>() };
    for (const p of problems) {
      const m = /^(entities|extends|relations)\[(\d+)\]/.exec(p.path);
      if (p.file !== CHECK_FILE || !m)
        throw new BadInputError(`graph-data does not validate: ${p.file} ${p.path}: ${p.reason}`);
      bad[m[1] as keyof typeof bad].add(Number(m[2]));
      dropped.push(p);
    }
    const entities = current.entities.filter((_e, i) => !bad.entities.has(i));
    const gone = new Set(current.entities.filter((_e, i) => bad.entities.has(i)).map((e) => String(e.id)));
    const relations = current.relations.filter(
      (r, i) => !bad.relations.has(i) && !gone.has(String(r.source)) && !gone.has(String(r.target)),
    );
    const extensions = current.extends.filter((_x, i) => !bad.extends.has(i));
    const keepIds = new Set([...entities, ...extensions].map((e) => String(e.id)).concat(relations.map(relationId)));
    const review = Object.fromEntries(Object.entries(current.review).filter(([k]) => keepIds.has(k)));
    current = { ...current, entities, extends: extensions, relations, review };
  }
  return { file: current, dropped };
}

/** The graph as ingest sees it for a document: everything but what was curated from it. */
export function referenceSnapshot(dataDir: string, documentId: string): Snapshot {
  const work = copyWithout(dataDir, documentId);
  try {
    return loadGraphData(work);
  } finally {
    removeDir(work);
  }
}

export type { PartialDate };
