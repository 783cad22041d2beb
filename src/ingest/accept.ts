/**
 * Accepting candidates: merges them (all, or only the ids given) into
 * graph-data/knowledge/<document>.yaml. An existing file is merged into, never overwritten:
 * its entities, extends and relations stay as they are, new ones are appended, and new
 * quotes are added to the evidence of the same id. The result is validated in a temp copy
 * first, so a failed accept writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateGraphData } from '../graph/load.js';
import { BadInputError, formatProblem } from '../model/errors.js';
import { type CandidateFile, relationId, serialise } from './candidates.js';
import { copyData, removeDir } from './holdout.js';

type Item = Record<string, unknown>;
type Knowledge = { document?: string; entities?: Item[]; extends?: Item[]; relations?: Item[] };

export interface AcceptResult {
  readonly path: string;
  readonly added: { entities: number; extends: number; relations: number };
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

export function acceptCandidates(dataDir: string, candidatesPath: string, only?: readonly string[]): AcceptResult {
  const cand = readCandidates(candidatesPath);
  const wanted = only && only.length > 0 ? new Set(only) : null;
  const entities = cand.entities.filter((e) => !wanted || wanted.has(String(e.id)));
  const extensions = cand.extends.filter((e) => !wanted || wanted.has(String(e.id)));
  const newIds = new Set(cand.entities.map((e) => String(e.id)));
  const acceptedIds = new Set(entities.map((e) => String(e.id)));
  // A relation comes along when asked for, or when both its ends are accepted or already curated.
  const relations = cand.relations.filter((r) => {
    const endsOk = [r.source, r.target].every((id) => !newIds.has(String(id)) || acceptedIds.has(String(id)));
    if (!endsOk) return false;
    if (!wanted) return true;
    return wanted.has(relationId(r)) || [r.source, r.target].some((id) => wanted.has(String(id)));
  });
  const target = join(dataDir, 'knowledge', `${cand.document}.yaml`);
  const existing: Knowledge = existsSync(target)
    ? ((parse(readFileSync(target, 'utf8')) as Knowledge | null) ?? {})
    : {};
  const merged = mergeKnowledge(existing, cand.document, entities, extensions, relations);
  const work = copyData(dataDir);
  try {
    writeFileSync(join(work, 'knowledge', `${cand.document}.yaml`), serialise(merged.file));
    const { problems } = validateGraphData(work);
    if (problems.length > 0) {
      throw new BadInputError(
        `accepting would make graph-data invalid; nothing written:\n${problems.map(formatProblem).join('\n')}`,
      );
    }
  } finally {
    removeDir(work);
  }
  writeFileSync(target, serialise(merged.file));
  return { path: target, added: merged.added };
}

const quoteKey = (ev: Item, doc: string | undefined) =>
  `${ev.document ?? doc}\u0000${ev.quote}\u0000${ev.occurrence ?? 1}`;

function mergeKnowledge(
  existing: Knowledge,
  document: string,
  entities: Item[],
  extensions: Item[],
  relations: Item[],
) {
  const file: Knowledge = {
    document: existing.document ?? document,
    entities: [...(existing.entities ?? [])],
    extends: [...(existing.extends ?? [])],
    relations: [...(existing.relations ?? [])],
  };
  const added = { entities: 0, extends: 0, relations: 0 };
  // Candidate quotes use the candidate's document; say so when the file's default differs.
  const withDoc = (ev: Item) => (file.document === document || ev.document ? ev : { document, ...ev });
  const addEvidence = (into: Item, evidence: Item[]) => {
    const have = new Set(((into.evidence as Item[]) ?? []).map((ev) => quoteKey(ev, file.document)));
    const fresh = evidence.map(withDoc).filter((ev) => !have.has(quoteKey(ev, file.document)));
    if (fresh.length > 0) into.evidence = [...((into.evidence as Item[]) ?? []), ...fresh];
    return fresh.length;
  };
  for (const e of entities) {
    const same = file.entities?.find((x) => x.id === e.id);
    if (same) addEvidence(same, e.evidence as Item[]);
    else {
      file.entities?.push({ ...e, evidence: (e.evidence as Item[]).map(withDoc) });
      added.entities++;
    }
  }
  for (const x of extensions) {
    const definedHere = file.entities?.find((e) => e.id === x.id);
    const same = definedHere ?? file.extends?.find((e) => e.id === x.id);
    if (same) addEvidence(same, x.evidence as Item[]);
    else {
      file.extends?.push({ ...x, evidence: (x.evidence as Item[]).map(withDoc) });
      added.extends++;
    }
  }
  for (const r of relations) {
    const same = file.relations?.find((x) => relationId(x) === relationId(r));
    if (same) addEvidence(same, r.evidence as Item[]);
    else {
      file.relations?.push({ ...r, evidence: (r.evidence as Item[]).map(withDoc) });
      added.relations++;
    }
  }
  return { file: file as Omit<CandidateFile, 'review'>, added };
}
