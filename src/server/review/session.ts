/**
 * One review of one candidate file: what the review page shows, and the only two ways it
 * writes — saving (the curator's draft back to the candidate file, the accepted items through
 * `acceptCandidates`, so the knowledge file is written only when graph-data validates) and
 * excluding a coverage item (through the same loader and coverage checks, in a temp copy).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { coverageReport, type DocumentCoverage, EXCLUSIONS_DIR } from '../../graph/coverage.js';
import { KNOWLEDGE_DIR, loadGraphData, validateGraphData } from '../../graph/load.js';
import type { Snapshot } from '../../graph/snapshot.js';
import { formatPath, type PathSegment, YamlFileRef } from '../../graph/yaml-file.js';
import { AcceptRefusedError, acceptCandidates, parseProblemPath } from '../../ingest/accept.js';
import { type CandidateFile, relationId, serialise } from '../../ingest/candidates.js';
import { copyData, removeDir, tempDir } from '../../ingest/holdout.js';
import { KIND_COLORS } from '../../layout/palette.js';
import { BadInputError, type DataProblem, DataValidationError } from '../../model/errors.js';
import {
  ASSERTION_NAMES,
  ASSERTIONS,
  CURATED_RELATION_TYPES,
  ENTITY_KINDS,
  type EntityKind,
  relationSpec,
} from '../../model/ontology.js';
import { editableFields } from './fields.js';

type Item = Record<string, unknown>;
export type Section = 'entities' | 'extends' | 'relations';
const SECTIONS: readonly Section[] = ['entities', 'extends', 'relations'];

export interface ExistingEntity {
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  readonly aliases: readonly string[];
}

/** A problem the page shows beside the item (and span) it is about, or in a general list. */
export interface ReviewProblem extends DataProblem {
  readonly section?: Section;
  readonly index?: number;
}

export interface SaveRequest {
  readonly file: CandidateFile;
  /** Indices into file.entities / extends / relations of the items the curator accepted. */
  readonly accepted: Readonly<Record<Section, readonly number[]>>;
}

export type SaveOutcome =
  | {
      readonly ok: true;
      readonly knowledgeFile: string;
      readonly added: { entities: number; extends: number; relations: number };
      /** Items saved before whose fields this save changed. */
      readonly updated: number;
      readonly trimmedQuotes: number;
      readonly coverage: DocumentCoverage | null;
      readonly saved: SavedIds;
    }
  | { readonly ok: false; readonly problems: readonly ReviewProblem[] };

export type ExcludeOutcome =
  | { readonly ok: true; readonly file: string; readonly coverage: DocumentCoverage | null }
  | { readonly ok: false; readonly problems: readonly ReviewProblem[] };

/** Ids already in the document's knowledge file, so the page can mark them saved. */
export interface SavedIds {
  readonly entities: readonly string[];
  readonly extends: readonly string[];
  readonly relations: readonly string[];
}

export class ReviewSession {
  readonly candidatesPath: string;
  readonly documentId: string;
  private snapshot: Snapshot;

  constructor(
    readonly dataDir: string,
    candidatesPath: string,
  ) {
    this.candidatesPath = resolve(candidatesPath);
    if (!existsSync(this.candidatesPath)) throw new BadInputError(`no such candidate file: ${candidatesPath}`);
    const file = this.readFile();
    this.documentId = file.document;
    // Throws DataValidationError on bad graph-data: the command reports it and does not start.
    this.snapshot = loadGraphData(dataDir);
    if (!this.snapshot.getDocument(this.documentId)) {
      throw new BadInputError(
        `${candidatesPath} is about document "${this.documentId}", which graph-data/documents/ does not hold: ingest it first`,
      );
    }
  }

  /** Everything the page needs to draw itself. */
  state() {
    const doc = this.snapshot.getDocument(this.documentId);
    const file = this.readFile();
    return {
      document: { id: this.documentId, title: doc?.title ?? '', text: doc?.text ?? '' },
      candidatesFile: shown(this.candidatesPath),
      file,
      existing: this.existingReferencedBy(file),
      saved: this.savedIds(),
      coverage: this.coverage(),
      colors: KIND_COLORS,
      kinds: Object.fromEntries(Object.entries(ENTITY_KINDS).map(([k, v]) => [k, { prefix: v.prefix }])),
      relationTypes: CURATED_RELATION_TYPES.map((type) => ({
        type,
        from: relationSpec(type).from,
        to: relationSpec(type).to,
      })),
      fields: editableFields(),
      // Every relation must state one; the page offers them with what each means.
      assertions: ASSERTION_NAMES.map((name) => ({ name, meaning: ASSERTIONS[name] })),
    };
  }

  search(query: string, first = 10): ExistingEntity[] {
    return this.snapshot.search.search(query, undefined, first).map((hit) => existing(hit.entity));
  }

  save(request: SaveRequest): SaveOutcome {
    const file = checkFile(request.file, this.documentId);
    const accepted = checkAccepted(request.accepted, file);
    this.writeDraft(file);
    // Only the accepted items go to accept: it then takes exactly them, and a rejected relation
    // does not come along with its accepted ends.
    const subset: CandidateFile = { document: file.document, entities: [], extends: [], relations: [], review: {} };
    const backTo = new Map<string, number>();
    for (const section of SECTIONS) {
      for (const index of accepted[section]) {
        backTo.set(`${section}.${subset[section].length}`, index);
        subset[section].push(file[section][index] as Item);
      }
    }
    const work = tempDir('review');
    const subsetPath = join(work, `${file.document}.yaml`);
    const edits = this.editsOfSaved(subset, backTo);
    // accept merges quotes into items already saved but keeps their fields; the page's edits
    // of those fields are applied to a copy first, so they too are written only if it validates.
    const acceptIn = edits ? copyData(this.dataDir) : this.dataDir;
    try {
      writeFileSync(subsetPath, serialise(subset));
      if (edits) writeFileSync(join(acceptIn, this.knowledgeRel()), serialise(edits.knowledge as CandidateFile));
      const result = acceptCandidates(acceptIn, subsetPath);
      if (edits) writeAtomically(join(this.dataDir, this.knowledgeRel()), readFileSync(result.path, 'utf8'));
      this.snapshot = loadGraphData(this.dataDir);
      return {
        ok: true,
        knowledgeFile: shown(join(this.dataDir, this.knowledgeRel())),
        added: result.added,
        updated: edits?.byKnowledgePath.size ?? 0,
        trimmedQuotes: result.trimmedQuotes,
        coverage: result.coverage ?? null,
        saved: this.savedIds(),
      };
    } catch (err) {
      if (!(err instanceof AcceptRefusedError)) throw err;
      const problems = err.problems.map((p) => this.inDraft(p, subsetPath, backTo, edits?.byKnowledgePath));
      return { ok: false, problems };
    } finally {
      removeDir(work);
      if (edits) removeDir(acceptIn);
    }
  }

  private knowledgeRel(): string {
    return join(KNOWLEDGE_DIR, `${this.documentId}.yaml`);
  }

  /**
   * The knowledge file with the fields of already saved items replaced by the draft's, where
   * they differ (their quotes stay: accept adds new ones), or null when nothing saved changed.
   */
  private editsOfSaved(
    subset: CandidateFile,
    backTo: ReadonlyMap<string, number>,
  ): { knowledge: Partial<Record<Section, Item[]>>; byKnowledgePath: Map<string, number> } | null {
    const path = join(this.dataDir, this.knowledgeRel());
    if (!existsSync(path)) return null;
    const knowledge = (parse(readFileSync(path, 'utf8')) ?? {}) as Partial<Record<Section, Item[]>>;
    const byKnowledgePath = new Map<string, number>();
    const keyOf = (section: Section, item: Item) => (section === 'relations' ? relationId(item) : String(item.id));
    const fields = ({ evidence: _e, ...rest }: Item) =>
      JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
    for (const section of SECTIONS) {
      const saved = knowledge[section] ?? [];
      subset[section].forEach((item, at) => {
        const k = saved.findIndex((x) => keyOf(section, x) === keyOf(section, item));
        const before = saved[k];
        if (!before || fields(before) === fields(item)) return;
        const { evidence: _e, ...rest } = item;
        saved[k] = { ...rest, evidence: before.evidence };
        byKnowledgePath.set(`${section}.${k}`, backTo.get(`${section}.${at}`) ?? -1);
      });
    }
    return byKnowledgePath.size > 0 ? { knowledge, byKnowledgePath } : null;
  }

  /** Adds `{text, reason}` to coverage-exclusions/<document>.yaml if graph-data stays valid and it excludes something. */
  exclude(text: string, reason: string): ExcludeOutcome {
    if (typeof text !== 'string' || typeof reason !== 'string') throw new BadInputError('text and reason are strings');
    const rel = join(EXCLUSIONS_DIR, `${this.documentId}.yaml`);
    const target = join(this.dataDir, rel);
    const current = existsSync(target)
      ? ((parse(readFileSync(target, 'utf8')) as { document?: string; exclusions?: Item[] } | null) ?? {})
      : {};
    const next = {
      ...current,
      document: current.document ?? this.documentId,
      exclusions: [...(current.exclusions ?? [])],
    };
    next.exclusions.push({ text, reason: reason.trim() });
    const body = stringify(next, { lineWidth: 0 });
    const work = copyData(this.dataDir);
    try {
      mkdirSync(join(work, EXCLUSIONS_DIR), { recursive: true });
      writeFileSync(join(work, rel), body);
      const { problems, snapshot } = validateGraphData(work);
      if (!snapshot) return { ok: false, problems };
      let coverage: DocumentCoverage | undefined;
      try {
        coverage = coverageReport(work, snapshot).documents.find((d) => d.document === this.documentId);
      } catch (err) {
        if (err instanceof DataValidationError) return { ok: false, problems: err.problems };
        throw err;
      }
      const stale = coverage?.staleExclusions.find((s) => s.text === text);
      if (stale) {
        const why = {
          NOT_IN_DOCUMENT: 'does not occur in the document',
          ALREADY_COVERED: 'is already covered by an evidence quote',
          EXCLUDES_NO_ITEM: 'contains no number, date or quoted name',
        }[stale.stale];
        const at = (next.exclusions.length - 1) as number;
        return { ok: false, problems: [{ file: rel, path: `exclusions[${at}].text`, reason: `"${text}" ${why}` }] };
      }
      mkdirSync(dirname(target), { recursive: true });
      writeAtomically(target, body);
      return { ok: true, file: rel, coverage: coverage ?? null };
    } finally {
      removeDir(work);
    }
  }

  // -------------------------------------------------------------------------------------------

  private readFile(): CandidateFile {
    const data = parse(readFileSync(this.candidatesPath, 'utf8')) as Partial<CandidateFile> | null;
    if (!data?.document) throw new BadInputError(`${this.candidatesPath} is not a candidate file (no \`document\`)`);
    return {
      document: data.document,
      entities: data.entities ?? [],
      extends: data.extends ?? [],
      relations: data.relations ?? [],
      review: data.review ?? {},
    };
  }

  /** The draft goes back to the candidate file, its comment header kept, so work survives a restart. */
  private writeDraft(file: CandidateFile): void {
    const old = readFileSync(this.candidatesPath, 'utf8');
    const lines = old.split('\n');
    const header = lines.slice(
      0,
      Math.max(
        0,
        lines.findIndex((l) => !l.startsWith('#')),
      ),
    );
    const body = serialise(file);
    writeAtomically(this.candidatesPath, header.length > 0 ? `${header.join('\n')}\n${body}` : body);
  }

  /** A problem in the accepted subset, moved to the item and line of the draft it came from. */
  private inDraft(
    p: DataProblem,
    subsetPath: string,
    backTo: ReadonlyMap<string, number>,
    edited?: ReadonlyMap<string, number>,
  ): ReviewProblem {
    const path = parseProblemPath(p.path);
    const [section, at] = path;
    // An edited item that was saved before: the problem is in the knowledge file, the item in the draft.
    const editedIndex = p.file === this.knowledgeRel() ? edited?.get(`${section}.${at}`) : undefined;
    if (editedIndex !== undefined && editedIndex >= 0) {
      return {
        ...p,
        file: shown(join(this.dataDir, this.knowledgeRel())),
        section: section as Section,
        index: editedIndex,
      };
    }
    if (resolve(p.file) !== subsetPath) return p;
    const index = backTo.get(`${section}.${at}`);
    if (index === undefined || !SECTIONS.includes(section as Section)) return { ...p, file: this.displayPath() };
    const draftPath: PathSegment[] = [section as Section, index, ...path.slice(2)];
    const line = new YamlFileRef(this.displayPath(), this.candidatesPath).lineOf(draftPath);
    return {
      file: this.displayPath(),
      path: formatPath(draftPath),
      reason: p.reason,
      section: section as Section,
      index,
      ...(line ? { line } : {}),
    };
  }

  private displayPath(): string {
    return shown(this.candidatesPath);
  }

  private coverage(): DocumentCoverage | null {
    try {
      return coverageReport(this.dataDir, this.snapshot).documents.find((d) => d.document === this.documentId) ?? null;
    } catch (err) {
      if (err instanceof DataValidationError) return null;
      throw err;
    }
  }

  private savedIds(): SavedIds {
    const path = join(this.dataDir, this.knowledgeRel());
    if (!existsSync(path)) return { entities: [], extends: [], relations: [] };
    const k = (parse(readFileSync(path, 'utf8')) ?? {}) as Partial<Record<Section, Item[]>>;
    return {
      entities: (k.entities ?? []).map((e) => String(e.id)),
      extends: (k.extends ?? []).map((e) => String(e.id)),
      relations: (k.relations ?? []).map((r) => relationId(r)),
    };
  }

  /** The existing entities the file links to or relates, by id, so the page can name them. */
  private existingReferencedBy(file: CandidateFile): Record<string, ExistingEntity> {
    const ids = new Set<string>();
    for (const x of file.extends) ids.add(String(x.id));
    for (const r of file.relations) for (const id of [r.source, r.target]) ids.add(String(id));
    const out: Record<string, ExistingEntity> = {};
    for (const id of ids) {
      const entity = this.snapshot.getEntity(id);
      if (entity) out[id] = existing(entity);
    }
    return out;
  }
}

const existing = (e: { id: string; name: string; kind: EntityKind; aliases: readonly string[] }): ExistingEntity => ({
  id: e.id,
  name: e.name,
  kind: e.kind,
  aliases: e.aliases,
});

/** Relative to the working directory when inside it, as accept shows paths; absolute otherwise. */
function shown(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

function writeAtomically(path: string, body: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, body);
  renameSync(tmp, path);
}

// ---------------------------------------------------------------------------------------------
// Requests come from a page, so their shape is checked before anything is written.

const isItem = (x: unknown): x is Item => typeof x === 'object' && x !== null && !Array.isArray(x);

function checkFile(file: unknown, documentId: string): CandidateFile {
  if (!isItem(file)) throw new BadInputError('`file` must be a candidate file object');
  if (file.document !== documentId) {
    throw new BadInputError(`this review is of document "${documentId}", not "${String(file.document)}"`);
  }
  for (const section of SECTIONS) {
    const list = file[section] ?? [];
    if (!Array.isArray(list) || !list.every(isItem))
      throw new BadInputError(`\`file.${section}\` must be a list of objects`);
  }
  if (file.review !== undefined && !isItem(file.review)) throw new BadInputError('`file.review` must be an object');
  return {
    document: documentId,
    entities: (file.entities ?? []) as Item[],
    extends: (file.extends ?? []) as Item[],
    relations: (file.relations ?? []) as Item[],
    review: (file.review ?? {}) as CandidateFile['review'],
  };
}

function checkAccepted(accepted: unknown, file: CandidateFile): Record<Section, number[]> {
  if (!isItem(accepted)) throw new BadInputError('`accepted` must map entities/extends/relations to lists of indices');
  const out = { entities: [], extends: [], relations: [] } as Record<Section, number[]>;
  for (const section of SECTIONS) {
    const list = accepted[section] ?? [];
    if (!Array.isArray(list)) throw new BadInputError(`\`accepted.${section}\` must be a list of indices`);
    for (const index of list) {
      if (!Number.isInteger(index) || index < 0 || index >= file[section].length) {
        throw new BadInputError(
          `\`accepted.${section}\` holds ${JSON.stringify(index)}, not an index of file.${section}`,
        );
      }
    }
    out[section] = [...new Set(list as number[])].sort((a, b) => a - b);
  }
  return out;
}
