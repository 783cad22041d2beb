/**
 * Loads graph-data/ into an immutable snapshot. Every problem in every file is collected
 * before anything is built, so a curator sees all of them at once and bad data never
 * half-loads.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import {
  documentMetaSchema,
  type EntityInput,
  type EvidenceInput,
  entitySchema,
  extensionSchema,
  knowledgeFileSchema,
  type RelationInput,
  relationSchema,
} from '../model/data-schema.js';
import { comparePartialDates, type PartialDate, parsePartialDate } from '../model/dates.js';
import { type DataProblem, DataValidationError } from '../model/errors.js';
import {
  type Assertion,
  CURATED_RELATION_TYPES,
  ENTITY_KIND_NAMES,
  ENTITY_KINDS,
  type EntityKind,
  type EvidenceContext,
  ontologyViolation,
  type RelationType,
  SOURCE_PREFIX,
} from '../model/ontology.js';
import type {
  EntityRecord,
  EvidenceRecord,
  OutcomeFields,
  RelationRecord,
  SourceDocumentRecord,
} from '../model/records.js';
import { CheckMemo, type Stamps } from './check-memo.js';
import { DataHasher, DOCUMENTS_DIR, KNOWLEDGE_DIR, yamlFilesUnder } from './data-hash.js';
import { contextLocator } from './evidence-context.js';
import { type ParseJob, ParsePool } from './parse-pool.js';
import { explainMiss, locateQuote } from './quotes.js';
import { type EncodedSnapshotInput, encodeSnapshotInput, Snapshot, type SnapshotInput } from './snapshot.js';
import { type PathSegment, YamlFile, YamlFileRef } from './yaml-file.js';

export { DOCUMENTS_DIR, KNOWLEDGE_DIR };

export interface LoadResult {
  readonly snapshot?: Snapshot;
  readonly problems: readonly DataProblem[];
}

/**
 * How far a load has got: `documents` counts document manifests read, `read` knowledge files
 * parsed (most of the time on a big corpus), `entities` and `relations` the records checked;
 * `snapshot` is the final build of the graph (0 of 1, then 1 of 1).
 */
export interface LoadProgress {
  readonly phase: 'documents' | 'read' | 'entities' | 'relations' | 'snapshot';
  readonly done: number;
  readonly total: number;
}

export interface LoadOptions {
  /** Called at the start and end of each phase and every so often within it. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /**
   * Parse results of earlier loads: a knowledge file whose content is unchanged is not parsed
   * or checked against the schema again (a watching server re-reads only what was edited).
   */
  readonly cache?: ParseCache;
}

/** Records checked between two progress calls. */
const PROGRESS_EVERY = 10_000;

/**
 * A batch for a parse worker: enough to make a message's overhead small against the parse,
 * few enough that the workers' batches in flight hold little text (a 1M corpus has 50,000
 * files of ~46 KB).
 */
const BATCH_FILES = 64;
const BATCH_BYTES = 1 << 21;

/** Corpora from which `workers: 'auto'` starts a pool: below it, starting workers costs more than it saves. */
const AUTO_MIN_FILES = 256;

/** A knowledge file read on the main thread, waiting for its parse (or found in the cache). */
interface PoolEntry {
  readonly file: YamlFileRef;
  readonly digest: string;
  readonly parsed?: ParsedKnowledgeFile;
  readonly bytes?: Buffer;
}

/** Loads and validates; throws DataValidationError listing every problem. */
export function loadGraphData(dataDir: string): Snapshot {
  const { snapshot, problems } = validateGraphData(dataDir);
  if (!snapshot) throw new DataValidationError(problems);
  return snapshot;
}

/** Loads and validates; returns the problems instead of throwing. */
export function validateGraphData(dataDir: string, options: LoadOptions = {}): LoadResult {
  const { input, problems } = validateRecords(dataDir, options);
  if (!input) return { problems };
  options.onProgress?.({ phase: 'snapshot', done: 0, total: 1 });
  const snapshot = new Snapshot(input);
  options.onProgress?.({ phase: 'snapshot', done: 1, total: 1 });
  return { snapshot, problems: [] };
}

/**
 * Where a load parses the knowledge files: on worker threads (this many, or `'auto'`: one per
 * core once the corpus has a few hundred files), or with 0 on the calling thread. The result,
 * problems included, is the same either way.
 */
export interface ParallelLoadOptions extends LoadOptions {
  readonly workers: number | 'auto';
  /** Most files handed to a worker at once (default 64, and at most ~2 MB of them). */
  readonly batchFiles?: number;
}

/** validateGraphData with the knowledge files parsed on worker threads. */
export async function validateGraphDataInParallel(dataDir: string, options: ParallelLoadOptions): Promise<LoadResult> {
  const { input, problems } = await new Loader(dataDir, options.onProgress, options.cache).runInPool(
    options.workers,
    options.batchFiles ?? BATCH_FILES,
  );
  if (!input) return { problems };
  options.onProgress?.({ phase: 'snapshot', done: 0, total: 1 });
  const snapshot = new Snapshot(input);
  options.onProgress?.({ phase: 'snapshot', done: 1, total: 1 });
  return { snapshot, problems: [] };
}

/**
 * validateGraphDataInParallel up to the encoded records, without the graph: what `build`
 * writes to a snapshot file, which stores no graph. Building a graphology graph of 1M entities
 * and 6M relations only to read the records back out of it was a third of `build`'s time.
 */
export async function validateEncodedInParallel(
  dataDir: string,
  options: ParallelLoadOptions,
): Promise<{ input?: EncodedSnapshotInput; problems: readonly DataProblem[] }> {
  const { input, problems } = await new Loader(dataDir, options.onProgress, options.cache).runInPool(
    options.workers,
    options.batchFiles ?? BATCH_FILES,
  );
  if (!input) return { problems };
  options.onProgress?.({ phase: 'snapshot', done: 0, total: 1 });
  const encoded = encodeSnapshotInput(input);
  options.onProgress?.({ phase: 'snapshot', done: 1, total: 1 });
  return { input: encoded, problems: [] };
}

/**
 * Loads and validates up to the records a snapshot is built from, without building it: what
 * a worker thread does for a watching server, which then builds the graph in slices.
 */
export function validateRecords(
  dataDir: string,
  options: LoadOptions = {},
): { input?: SnapshotInput; problems: readonly DataProblem[] } {
  return new Loader(dataDir, options.onProgress, options.cache).run();
}

/** An entity, extension or relation as one file gives it, with its place in that file. */
interface Placed<T> {
  readonly input: T;
  readonly path: PathSegment[];
}

interface ExtensionInput {
  readonly id: string;
  readonly aliases: string[];
  readonly evidence: EvidenceInput[];
}

/**
 * One knowledge file parsed and checked on its own (syntax, schema, kinds, id prefixes): all
 * that does not depend on any other file. Plain data, so a worker thread can produce it and a
 * cache can keep it for as long as the file's content is the same; the checks that need the
 * whole corpus (dangling references, ontology endpoints, duplicates, quotes against documents)
 * run on these in Loader, every load.
 */
export interface ParsedKnowledgeFile {
  readonly problems: readonly DataProblem[];
  /** The file's default document, as written (whether it exists is a cross-file check). */
  readonly document?: string;
  readonly entities: readonly Placed<EntityInput>[];
  readonly extensions: readonly Placed<ExtensionInput>[];
  readonly relations: readonly Placed<RelationInput>[];
}

/**
 * Parse results per knowledge file, keyed by path and valid while the file's content digest
 * (sha256, the one the data binding records anyway) is the same. `parses` counts the files
 * actually parsed, which is what an incremental reload saves.
 */
export class ParseCache {
  private readonly byPath = new Map<string, { digest: string; parsed: ParsedKnowledgeFile }>();
  parses = 0;
  /** Files actually read (opened and hashed): a file whose stamp is unchanged is not. */
  reads = 0;
  /** Per file read, its size and mtime when read, and its digest: see Loader.fileDigest. */
  readonly stamps = new Map<string, FileStamp>();
  /** Document manifests parsed, with their text's record, while manifest and text are the same. */
  readonly documents = new Map<string, CachedDocument>();
  /** When set, every file is read and hashed each load, as before the stamps (a bench compares both). */
  stampsDisabled = false;
  /** The cross-file checks' results, kept per parsed element while what they read is the same. */
  readonly checks = new CheckMemo();

  get(absPath: string, digest: string): ParsedKnowledgeFile | undefined {
    const hit = this.byPath.get(absPath);
    return hit?.digest === digest ? hit.parsed : undefined;
  }

  set(absPath: string, digest: string, parsed: ParsedKnowledgeFile): void {
    this.byPath.set(absPath, { digest, parsed });
  }

  /** The parse of every knowledge file as the last load took it, by absolute path. */
  files(): Map<string, ParsedKnowledgeFile> {
    return new Map([...this.byPath].map(([path, { parsed }]) => [path, parsed]));
  }

  /** The digest a file's last parse was made from, if any. */
  digestOf(absPath: string): string | undefined {
    return this.byPath.get(absPath)?.digest;
  }

  /** Forgets the files a load did not read (deleted or renamed), so they are not kept alive. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.byPath.keys()) if (!paths.has(path)) this.byPath.delete(path);
  }

  /** As keepOnly, for the document manifests. */
  keepOnlyDocuments(paths: ReadonlySet<string>): void {
    for (const path of this.documents.keys()) if (!paths.has(path)) this.documents.delete(path);
  }

  get size(): number {
    return this.byPath.size;
  }
}

/**
 * A file as it was when last read: while its size and mtime (ns) are the same, its digest is
 * taken as still true and the file is not read again. Only stamps of files whose mtime was
 * already `RACY_MS` old when they were read are kept (as git does with its index): a write in
 * the same clock tick as the read could otherwise leave size and mtime unchanged.
 */
export interface FileStamp {
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly digest: string;
}

const RACY_MS = 2_000n;

/** One document manifest's parse, kept while its digest (and its text's) stays the same. */
export interface CachedDocument {
  readonly manifestDigest: string;
  /** Problems of the manifest alone (syntax, schema). */
  readonly problems: readonly DataProblem[];
  readonly ref?: YamlFileRef;
  readonly meta?: z.infer<typeof documentMetaSchema>;
  /** The record built with its text, and that text's digest. */
  textDigest?: string;
  record?: SourceDocumentRecord;
}

/** Parses one knowledge file and checks what it alone can show; see ParsedKnowledgeFile. */
export function parseKnowledgeFile(absPath: string, relPath: string, text: string): ParsedKnowledgeFile {
  const problems: DataProblem[] = [];
  const out = {
    problems,
    document: undefined as string | undefined,
    entities: [] as Placed<EntityInput>[],
    extensions: [] as Placed<ExtensionInput>[],
    relations: [] as Placed<RelationInput>[],
  };
  const yaml = YamlFile.read(absPath, relPath, text);
  if (Array.isArray(yaml)) {
    problems.push(...yaml);
    return out;
  }
  const file = yaml.ref;
  const zodProblems = (base: PathSegment[], error: z.ZodError) => {
    for (const issue of error.issues) {
      const path = [...base, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
      problems.push(file.problem(path, issue.message));
    }
  };
  const parsed = knowledgeFileSchema.safeParse(yaml.data ?? {});
  if (!parsed.success) {
    zodProblems([], parsed.error);
    return out;
  }
  const { document, entities = [], extends: extensions = [], relations = [] } = parsed.data;
  out.document = document;
  for (const [i, raw] of entities.entries()) {
    const path: PathSegment[] = ['entities', i];
    const kind = (raw as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !(ENTITY_KIND_NAMES as string[]).includes(kind)) {
      problems.push(
        file.problem(
          [...path, 'kind'],
          `unknown kind ${JSON.stringify(kind)}; expected one of ${ENTITY_KIND_NAMES.join(', ')}`,
        ),
      );
      continue;
    }
    const entity = entitySchema.safeParse(raw);
    if (!entity.success) {
      zodProblems(path, entity.error);
      continue;
    }
    const prefix = ENTITY_KINDS[entity.data.kind].prefix;
    if (!entity.data.id.startsWith(`${prefix}/`)) {
      problems.push(file.problem([...path, 'id'], `id of a ${entity.data.kind} must start with "${prefix}/"`));
    }
    out.entities.push({ input: entity.data, path });
  }
  for (const [i, raw] of extensions.entries()) {
    const path: PathSegment[] = ['extends', i];
    const extension = extensionSchema.safeParse(raw);
    if (!extension.success) {
      zodProblems(path, extension.error);
      continue;
    }
    const { id, aliases = [], evidence } = extension.data;
    out.extensions.push({ input: { id, aliases, evidence }, path });
  }
  for (const [i, raw] of relations.entries()) {
    const path: PathSegment[] = ['relations', i];
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(CURATED_RELATION_TYPES as string[]).includes(type)) {
      problems.push(
        file.problem(
          [...path, 'type'],
          `unknown relation type ${JSON.stringify(type)}; expected one of ${CURATED_RELATION_TYPES.join(', ')}`,
        ),
      );
      continue;
    }
    const relation = relationSchema.safeParse(raw);
    if (!relation.success) {
      zodProblems(path, relation.error);
      continue;
    }
    out.relations.push({ input: relation.data, path });
  }
  return out;
}

const date = (s: string | undefined): PartialDate | undefined =>
  s === undefined ? undefined : (parsePartialDate(s) ?? undefined);

interface PendingEvidence {
  file: YamlFileRef;
  path: PathSegment[];
  defaultDocument?: string;
  input: EvidenceInput;
}

/**
 * What the loader keeps per element until the checks that need the whole graph: the parsed
 * input and where it came from (a file reference, never the file's data or syntax tree).
 */
interface Located {
  file: YamlFileRef;
  path: PathSegment[];
}

class Loader {
  private readonly problems: DataProblem[] = [];
  /** What the snapshot is built from, so a snapshot file can be bound to this data. */
  private readonly sources: DataHasher;
  private readonly documents = new Map<string, SourceDocumentRecord>();
  private readonly entities = new Map<string, Located & { input: EntityInput; defaultDocument?: string }>();
  private readonly extensions: (Located & {
    id: string;
    aliases: string[];
    evidence: PendingEvidence[];
    input: ExtensionInput;
  })[] = [];
  private readonly relations: (Located & { input: RelationInput; defaultDocument?: string })[] = [];
  /** Evidence that `extends` entries add, per entity id; an entity's own is read from its input. */
  private readonly extensionEvidence = new Map<string, PendingEvidence[]>();
  /** Per document id, the digests of its manifest and text: what a check that reads it depends on. */
  private readonly documentStamps = new Map<string, string>();
  /** Per document, where each offset stands (headline, body, caption, byline). */
  private readonly locators = new Map<string, (offset: number) => EvidenceContext>();

  constructor(
    private readonly dataDir: string,
    private readonly onProgress?: (progress: LoadProgress) => void,
    private readonly cache?: ParseCache,
  ) {
    this.sources = new DataHasher(dataDir);
  }

  run(): { input?: SnapshotInput; problems: readonly DataProblem[] } {
    if (!existsSync(this.dataDir)) return this.missingDir();
    this.readDocuments();
    this.readKnowledge();
    return this.finish();
  }

  /** As run, with the knowledge files parsed by a pool of worker threads (see ParallelLoadOptions). */
  async runInPool(
    workers: number | 'auto',
    batchFiles: number,
  ): Promise<{ input?: SnapshotInput; problems: readonly DataProblem[] }> {
    if (!existsSync(this.dataDir)) return this.missingDir();
    this.readDocuments();
    await this.readKnowledgeInPool(workers, batchFiles);
    return this.finish();
  }

  private missingDir(): { problems: readonly DataProblem[] } {
    return { problems: [{ file: this.dataDir, path: '', reason: 'data directory does not exist' }] };
  }

  /** The checks that need the whole corpus, once every knowledge file has been added. */
  private finish(): { input?: SnapshotInput; problems: readonly DataProblem[] } {
    const entities = this.buildEntities();
    const relations = this.buildRelations(entities);
    // The inputs are no longer needed: let them go before the snapshot builds its graph.
    this.entities.clear();
    this.extensions.length = 0;
    this.relations.length = 0;
    this.extensionEvidence.clear();
    if (this.problems.length > 0) {
      const problems = [...this.problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
      return { problems };
    }
    const binding = this.sources.binding();
    return {
      input: {
        // The data binding's hash: derived from per-file digests, so a load that reads only
        // the changed files still knows it (before: a sha256 over every byte in reading order).
        version: binding.hash.slice(0, 12),
        documents: [...this.documents.values()],
        entities: [...entities.values()],
        relations,
        data: binding,
      },
      problems: [],
    };
  }

  private rel(abs: string): string {
    return relative(this.dataDir, abs);
  }

  /**
   * A file's digest, recorded for the data binding, and its bytes when they had to be read.
   * With a cache, a file whose size and mtime are those of its stamp is not read when `have`
   * says the cache holds what was made from that digest (its parse, its record).
   */
  private fileDigest(abs: string, have: (digest: string) => boolean, text = false): { digest: string; bytes?: Buffer } {
    const cache = this.cache;
    if (!cache) {
      const bytes = readFileSync(abs);
      return { digest: this.sources.add(abs, bytes, text), bytes };
    }
    const st = statSync(abs, { bigint: true });
    const stamp = cache.stamps.get(abs);
    if (
      stamp &&
      !cache.stampsDisabled &&
      stamp.size === st.size &&
      stamp.mtimeNs === st.mtimeNs &&
      have(stamp.digest)
    ) {
      return { digest: this.sources.addDigest(abs, stamp.digest, Number(st.size), text) };
    }
    const bytes = readFileSync(abs);
    cache.reads++;
    const digest = this.sources.add(abs, bytes, text);
    // Stamped with the stat from before the read: a write after it changes the mtime.
    if (st.size === BigInt(bytes.length) && st.mtimeNs < BigInt(Date.now() - Number(RACY_MS)) * 1_000_000n) {
      cache.stamps.set(abs, { size: st.size, mtimeNs: st.mtimeNs, digest });
    } else cache.stamps.delete(abs);
    return { digest, bytes };
  }

  /** A document manifest parsed (syntax, schema), or its cached parse while its digest is the same. */
  private readManifest(abs: string): CachedDocument {
    const cached = this.cache?.documents.get(abs);
    const { digest, bytes } = this.fileDigest(abs, (d) => cached?.manifestDigest === d);
    if (cached && cached.manifestDigest === digest) return cached;
    const relPath = this.rel(abs);
    const file = YamlFile.read(abs, relPath, (bytes ?? readFileSync(abs)).toString('utf8'));
    let parsed: CachedDocument;
    if (Array.isArray(file)) parsed = { manifestDigest: digest, problems: file };
    else {
      const meta = documentMetaSchema.safeParse(file.data);
      if (meta.success) parsed = { manifestDigest: digest, problems: [], ref: file.ref, meta: meta.data };
      else {
        const problems: DataProblem[] = [];
        for (const issue of meta.error.issues) {
          const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
          problems.push(file.problem(path, issue.message));
        }
        parsed = { manifestDigest: digest, problems };
      }
    }
    this.cache?.documents.set(abs, parsed);
    return parsed;
  }

  private readDocuments(): void {
    const dir = join(this.dataDir, DOCUMENTS_DIR);
    const metas = yamlFilesUnder(dir);
    if (metas.length === 0) {
      this.problems.push({ file: DOCUMENTS_DIR, path: '', reason: 'no document manifests (*.yaml) found' });
    }
    for (const [n, abs] of metas.entries()) {
      this.onProgress?.({ phase: 'documents', done: n, total: metas.length });
      const manifest = this.readManifest(abs);
      this.problems.push(...manifest.problems);
      const { meta, ref } = manifest;
      if (!meta || !ref) continue;
      if (this.documents.has(meta.id)) {
        this.problems.push(ref.problem(['id'], `duplicate document id "${meta.id}"`));
        continue;
      }
      const textPath = join(abs, '..', meta.file);
      if (!existsSync(textPath)) {
        this.problems.push(ref.problem(['file'], `text file "${meta.file}" does not exist beside the manifest`));
        continue;
      }
      const { digest, bytes } = this.fileDigest(textPath, (d) => manifest.textDigest === d, true);
      this.documentStamps.set(meta.id, `${manifest.manifestDigest} ${digest}`);
      let record = manifest.textDigest === digest ? manifest.record : undefined;
      if (!record) {
        record = {
          ...meta,
          nodeId: `${SOURCE_PREFIX}/${meta.id}`,
          published: date(meta.published),
          text: (bytes ?? readFileSync(textPath)).toString('utf8'),
        };
        // Kept only with a cache: the same record object while manifest and text are the same.
        if (this.cache) {
          manifest.textDigest = digest;
          manifest.record = record;
        }
      }
      this.documents.set(meta.id, record);
    }
    this.cache?.keepOnlyDocuments(new Set(metas));
    this.onProgress?.({ phase: 'documents', done: metas.length, total: metas.length });
  }

  private readKnowledge(files = yamlFilesUnder(join(this.dataDir, KNOWLEDGE_DIR))): void {
    if (files.length === 0) {
      this.problems.push({ file: KNOWLEDGE_DIR, path: '', reason: 'no knowledge files (*.yaml) found' });
    }
    this.onProgress?.({ phase: 'read', done: 0, total: files.length });
    for (const [n, abs] of files.entries()) {
      this.readKnowledgeFile(abs);
      this.onProgress?.({ phase: 'read', done: n + 1, total: files.length });
    }
    this.cache?.keepOnly(new Set(files));
  }

  /**
   * readKnowledge with the parsing on worker threads. This thread reads and hashes the files in
   * order and hands them out in batches; results are taken into the corpus strictly in file
   * order (a duplicate is reported against the same first definition as on one thread), and
   * at most a few batches are out at once, so memory holds only those batches' texts.
   */
  private async readKnowledgeInPool(workers: number | 'auto', batchFiles: number): Promise<void> {
    const files = yamlFilesUnder(join(this.dataDir, KNOWLEDGE_DIR));
    const size = workers === 'auto' ? (files.length >= AUTO_MIN_FILES ? availableParallelism() : 0) : workers;
    if (size < 1 || files.length === 0) {
      this.readKnowledge(files);
      return;
    }
    this.onProgress?.({ phase: 'read', done: 0, total: files.length });
    const pool = new ParsePool(size);
    try {
      type Batch = Promise<{ file: YamlFileRef; parsed: ParsedKnowledgeFile }[]>;
      const inFlight: Batch[] = [];
      let next = 0;
      let done = 0;
      while (next < files.length || inFlight.length > 0) {
        while (next < files.length && inFlight.length < size * 2) {
          const batch: PoolEntry[] = [];
          let bytes = 0;
          while (next < files.length && batch.length < batchFiles && bytes < BATCH_BYTES) {
            const entry = this.readForPool(files[next++] as string);
            bytes += entry.bytes?.length ?? 0;
            batch.push(entry);
          }
          inFlight.push(this.parseBatch(batch, pool));
          // A rejected batch is awaited below, in its turn; until then it is not unhandled.
          inFlight.at(-1)?.catch(() => {});
        }
        const results = await (inFlight.shift() as Batch);
        for (const { file, parsed } of results) this.addKnowledge(file, parsed);
        done += results.length;
        this.onProgress?.({ phase: 'read', done, total: files.length });
      }
    } finally {
      await pool.close();
    }
    this.cache?.keepOnly(new Set(files));
  }

  /** Reads and hashes one file here, in file order; its bytes are kept (to parse) unless cached. */
  private readForPool(abs: string): PoolEntry {
    const relPath = this.rel(abs);
    const cached = this.cache?.digestOf(abs);
    const { digest, bytes } = this.fileDigest(abs, (d) => cached === d);
    const parsed = this.cache?.get(abs, digest);
    return {
      file: new YamlFileRef(relPath, abs),
      digest,
      parsed,
      bytes: parsed ? undefined : (bytes ?? readFileSync(abs)),
    };
  }

  private async parseBatch(
    batch: readonly PoolEntry[],
    pool: ParsePool,
  ): Promise<{ file: YamlFileRef; parsed: ParsedKnowledgeFile }[]> {
    const jobs: ParseJob[] = [];
    for (const { file, bytes } of batch) if (bytes) jobs.push({ absPath: file.absPath, relPath: file.relPath, bytes });
    const fresh = jobs.length > 0 ? await pool.parse(jobs) : [];
    let j = 0;
    return batch.map(({ file, parsed, digest }) => {
      if (parsed) return { file, parsed };
      return { file, parsed: this.remember(file, digest, fresh[j++] as ParsedKnowledgeFile) };
    });
  }

  private readKnowledgeFile(abs: string): void {
    const { file, digest, parsed, bytes } = this.readForPool(abs);
    // readForPool keeps the bytes exactly when there is no cached parse.
    this.addKnowledge(
      file,
      parsed ?? this.remember(file, digest, parseKnowledgeFile(abs, file.relPath, (bytes as Buffer).toString('utf8'))),
    );
  }

  /** A fresh parse, counted and cached for the next load of the same bytes. */
  private remember(file: YamlFileRef, digest: string, parsed: ParsedKnowledgeFile): ParsedKnowledgeFile {
    if (this.cache) {
      this.cache.parses++;
      this.cache.set(file.absPath, digest, parsed);
    }
    return parsed;
  }

  /** Takes one file's parsed elements into the corpus: the checks against the files before it. */
  private addKnowledge(file: YamlFileRef, parsed: ParsedKnowledgeFile): void {
    this.problems.push(...parsed.problems);
    const { document } = parsed;
    if (document !== undefined && !this.documents.has(document)) {
      this.problems.push(file.problem(['document'], `unknown document "${document}"`));
    }
    for (const { input, path } of parsed.entities) {
      const earlier = this.entities.get(input.id);
      if (earlier) {
        this.problems.push(
          file.problem(
            [...path, 'id'],
            `duplicate id "${input.id}", first defined in ${earlier.file.relPath} at ${formatAt(earlier)}`,
          ),
        );
        continue;
      }
      this.entities.set(input.id, { input, file, path, defaultDocument: document });
    }
    for (const { input, path } of parsed.extensions) {
      this.extensions.push({
        input,
        id: input.id,
        aliases: input.aliases,
        file,
        path,
        evidence: pendingEvidence(file, path, document, input.evidence),
      });
    }
    for (const { input, path } of parsed.relations)
      this.relations.push({ input, file, path, defaultDocument: document });
  }

  private resolveEvidence(items: readonly PendingEvidence[]): EvidenceRecord[] {
    const out: EvidenceRecord[] = [];
    for (const { file, path, defaultDocument, input } of items) {
      const docId = input.document ?? defaultDocument;
      if (docId === undefined) {
        this.problems.push(
          file.problem([...path, 'document'], 'no document given, and the file sets no default `document`'),
        );
        continue;
      }
      const doc = this.documents.get(docId);
      if (!doc) {
        this.problems.push(file.problem([...path, 'document'], `unknown document "${docId}"`));
        continue;
      }
      const at = locateQuote(doc.text, input.quote, input.occurrence ?? 1);
      if (!at) {
        const reason =
          input.occurrence && locateQuote(doc.text, input.quote)
            ? `quote occurs fewer than ${input.occurrence} times in ${docId}`
            : `${explainMiss(doc.text, input.quote)} (document ${docId})`;
        this.problems.push(file.problem([...path, 'quote'], reason));
        continue;
      }
      let locate = this.locators.get(docId);
      if (!locate) {
        locate = contextLocator(doc.text, doc.title);
        this.locators.set(docId, locate);
      }
      const context = (input.context as EvidenceContext | undefined) ?? locate(at.start);
      out.push({ document: docId, quote: input.quote, start: at.start, end: at.end, context, note: input.note });
    }
    return out;
  }

  private buildEntities(): Map<string, EntityRecord> {
    const aliasesFromExtensions = new Map<string, string[]>();
    const extensionInputs = new Map<string, ExtensionInput[]>();
    for (const ext of this.extensions) {
      if (!this.entities.has(ext.id)) {
        this.problems.push(ext.file.problem([...ext.path, 'id'], `extends unknown entity "${ext.id}"`));
        continue;
      }
      const added = this.extensionEvidence.get(ext.id);
      if (added) added.push(...ext.evidence);
      else this.extensionEvidence.set(ext.id, [...ext.evidence]);
      aliasesFromExtensions.set(ext.id, [...(aliasesFromExtensions.get(ext.id) ?? []), ...ext.aliases]);
      extensionInputs.set(ext.id, [...(extensionInputs.get(ext.id) ?? []), ext.input]);
    }
    const out = new Map<string, EntityRecord>();
    const total = this.entities.size;
    this.onProgress?.({ phase: 'entities', done: 0, total });
    const memo = this.cache?.checks;
    for (const [id, { input, file, path, defaultDocument }] of this.entities) {
      // Unchanged input, extends entries and documents: the same record and problems as last time.
      const stamps = memo && this.entityStamps(input, defaultDocument, extensionInputs.get(id));
      const kept = memo && stamps && memo.get(memo.entities, input, stamps);
      if (kept) {
        for (const problem of kept.problems) this.problems.push(problem);
        out.set(id, kept.record);
        if (out.size % PROGRESS_EVERY === 0) this.onProgress?.({ phase: 'entities', done: out.size, total });
        continue;
      }
      const mark = this.problems.length;
      const evidence = this.resolveEvidence([
        ...pendingEvidence(file, path, defaultDocument, input.evidence),
        ...(this.extensionEvidence.get(id) ?? []),
      ]);
      this.checkDates(file, path, input.start, input.end, 'start', 'end');
      const record: EntityRecord = {
        id,
        kind: input.kind,
        name: input.name,
        aliases: [...new Set([...(input.aliases ?? []), ...(aliasesFromExtensions.get(id) ?? [])])],
        nameZh: input.nameZh,
        description: input.description,
        note: input.note,
        date: date(input.date),
        start: date(input.start),
        end: date(input.end),
        evidence,
        file: file.relPath,
        ...kindFields(input),
      };
      if (input.kind === 'OUTCOME') this.checkOutcome(file, path, input, evidence);
      if ('statedCount' in input && input.statedCount) {
        const { figure } = input.statedCount;
        if (evidence.length > 0 && !evidence.some((ev) => ev.quote.includes(figure))) {
          this.problems.push(
            file.problem(
              [...path, 'statedCount', 'figure'],
              `figure "${figure}" appears in none of the entity's quotes`,
            ),
          );
        }
      }
      out.set(id, record);
      if (memo && stamps) memo.entities.set(input, { stamps, record, problems: this.problems.slice(mark) });
      if (out.size % PROGRESS_EVERY === 0) this.onProgress?.({ phase: 'entities', done: out.size, total });
    }
    this.onProgress?.({ phase: 'entities', done: total, total });
    this.checkSeriesUnits();
    return out;
  }

  /** The document one evidence item points into, as it is now (undefined: none, or unknown). */
  private documentStamp(input: EvidenceInput, defaultDocument: string | undefined): string | undefined {
    const id = input.document ?? defaultDocument;
    return id === undefined ? undefined : this.documentStamps.get(id);
  }

  /**
   * What an entity's checks read besides its own input: the documents of its evidence and the
   * `extends` entries that add aliases and evidence to it (parsed objects: unchanged while their
   * files are), with the documents of theirs.
   */
  private entityStamps(
    input: EntityInput,
    defaultDocument: string | undefined,
    extensions: readonly ExtensionInput[] = [],
  ): Stamps {
    const stamps: unknown[] = [];
    for (const ev of input.evidence) stamps.push(this.documentStamp(ev, defaultDocument));
    for (const ext of extensions) stamps.push(ext);
    for (const pending of this.extensionEvidence.get(input.id) ?? []) {
      stamps.push(this.documentStamp(pending.input, pending.defaultDocument));
    }
    return stamps;
  }

  /** What a relation's checks read besides its own input: its ends' kinds (undefined: dangling) and its documents. */
  private relationStamps(input: RelationInput, defaultDocument: string | undefined): Stamps {
    const stamps: unknown[] = [
      this.entities.get(input.source)?.input.kind,
      this.entities.get(input.target)?.input.kind,
    ];
    for (const ev of input.evidence) stamps.push(this.documentStamp(ev, defaultDocument));
    return stamps;
  }

  /**
   * A metric's outcomes form one series, and a series in two units ("communities" and
   * "residential areas") cannot be compared point to point: each metric has one unit. The
   * outcomes off the unit most of the series uses (ties: the first met) are the problems.
   */
  private checkSeriesUnits(): void {
    const byMetric = new Map<string, (Located & { id: string; unit: string })[]>();
    for (const { input, file, path } of this.entities.values()) {
      if (input.kind !== 'OUTCOME' || input.unit === undefined) continue;
      const list = byMetric.get(input.metric) ?? [];
      list.push({ id: input.id, unit: input.unit, file, path });
      byMetric.set(input.metric, list);
    }
    for (const [metric, outcomes] of byMetric) {
      const counts = new Map<string, number>();
      for (const o of outcomes) counts.set(o.unit, (counts.get(o.unit) ?? 0) + 1);
      if (counts.size < 2) continue;
      const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      const example = outcomes.find((o) => o.unit === main);
      for (const o of outcomes.filter((x) => x.unit !== main)) {
        this.problems.push(
          o.file.problem(
            [...o.path, 'unit'],
            `metric "${metric}" is in "${main}" (e.g. ${example?.id}) but this outcome says "${o.unit}": a series has one unit; normalise the unit or give the outcome its own metric`,
          ),
        );
      }
    }
  }

  private checkDates(
    file: YamlFileRef,
    path: PathSegment[],
    start: string | undefined,
    end: string | undefined,
    startKey: string,
    endKey: string,
  ): void {
    const s = date(start);
    const e = date(end);
    if (s && e && comparePartialDates(s, e) > 0) {
      this.problems.push(file.problem([...path, endKey], `${endKey} ${e.text} is before ${startKey} ${s.text}`));
    }
  }

  private checkOutcome(
    file: YamlFileRef,
    path: PathSegment[],
    input: Extract<EntityInput, { kind: 'OUTCOME' }>,
    evidence: EvidenceRecord[],
  ): void {
    if (input.period) this.checkDates(file, [...path, 'period'], input.period.start, input.period.end, 'start', 'end');
    if (input.figure && evidence.length > 0 && !evidence.some((ev) => ev.quote.includes(input.figure ?? ''))) {
      this.problems.push(
        file.problem([...path, 'figure'], `figure "${input.figure}" appears in none of the outcome's evidence quotes`),
      );
    }
    if (input.value === undefined && (input.unit !== undefined || input.qualifier !== undefined)) {
      this.problems.push(file.problem([...path, 'value'], 'a unit or qualifier is given but no value'));
    }
  }

  private buildRelations(entities: Map<string, EntityRecord>): RelationRecord[] {
    const out: RelationRecord[] = [];
    // Per relation id, the index in this.relations of the latest relation with that id.
    const seen = new Map<string, number>();
    const total = this.relations.length;
    this.onProgress?.({ phase: 'relations', done: 0, total });
    const memo = this.cache?.checks;
    for (const [n, { input, file, path, defaultDocument }] of this.relations.entries()) {
      if (n > 0 && n % PROGRESS_EVERY === 0) this.onProgress?.({ phase: 'relations', done: n, total });
      const type = input.type as RelationType;
      // Same input, same kinds at its ends, same documents: the same problems and record as last time.
      const stamps = memo && this.relationStamps(input, defaultDocument);
      const kept = memo && stamps && memo.get(memo.relations, input, stamps);
      const source = entities.get(input.source);
      const target = entities.get(input.target);
      let mark = this.problems.length;
      if (kept) for (const problem of kept.dangling) this.problems.push(problem);
      else {
        const missing = [
          ...(source || this.entities.has(input.source) ? [] : [['source', input.source] as const]),
          ...(target || this.entities.has(input.target) ? [] : [['target', input.target] as const]),
        ];
        for (const [key, id] of missing) {
          this.problems.push(file.problem([...path, key], `dangling reference: no entity "${id}"`));
        }
      }
      const dangling = kept ? [] : this.problems.slice(mark);
      const id = `rel/${input.id ?? `${input.source}-${type}->${input.target}`}`;
      const latest = seen.get(id);
      const earlier = latest === undefined ? undefined : this.relations[latest];
      if (earlier) {
        this.problems.push(
          file.problem(
            path,
            `duplicate relation "${id}" (also at ${earlier.file.relPath} ${formatAt(earlier)}); merge their evidence or give one an explicit id`,
          ),
        );
      }
      seen.set(id, n);
      if (kept) {
        for (const problem of kept.problems) this.problems.push(problem);
        if (kept.record) out.push(kept.record);
        continue;
      }
      mark = this.problems.length;
      const evidence = this.resolveEvidence(pendingEvidence(file, path, defaultDocument, input.evidence));
      if (!source || !target) {
        if (memo && stamps) memo.relations.set(input, { stamps, dangling, problems: this.problems.slice(mark) });
        continue;
      }
      const violation = ontologyViolation(type, source.kind, target.kind);
      if (violation)
        this.problems.push(file.problem([...path, 'type'], `relation violates the ontology: ${violation}`));
      const record: RelationRecord = {
        id,
        type,
        source: input.source,
        target: input.target,
        assertion: input.assertion as Assertion,
        role: input.role,
        date: date(input.date),
        note: input.note,
        evidence,
        file: file.relPath,
      };
      out.push(record);
      if (memo && stamps) memo.relations.set(input, { stamps, dangling, problems: this.problems.slice(mark), record });
    }
    this.onProgress?.({ phase: 'relations', done: total, total });
    return out;
  }
}

function pendingEvidence(
  file: YamlFileRef,
  path: PathSegment[],
  defaultDocument: string | undefined,
  evidence: readonly EvidenceInput[],
): PendingEvidence[] {
  return evidence.map((input, j) => ({ file, path: [...path, 'evidence', j], defaultDocument, input }));
}

function formatAt(at: Located): string {
  const line = at.file.lineOf(at.path);
  return line ? `line ${line}` : at.path.join('.');
}

function kindFields(input: EntityInput): Partial<EntityRecord> {
  switch (input.kind) {
    case 'ORGAN':
      return { level: input.level };
    case 'PLENARY_SESSION':
      return {
        sessionType: input.sessionType,
        ordinal: input.ordinal,
        bodyOrdinal: input.bodyOrdinal,
        series: input.series,
      };
    case 'CAMPAIGN':
      return { campaignType: input.campaignType, statedCount: input.statedCount };
    case 'REFORM':
    case 'LAW':
    case 'DOCUMENT':
      return { statedCount: input.statedCount };
    case 'PERSON':
      return { position: input.position };
    case 'OUTCOME': {
      const outcome: OutcomeFields = {
        metric: input.metric,
        value: input.value,
        unit: input.unit,
        qualifier: input.qualifier,
        figure: input.figure,
        year: date(input.year),
        period: input.period && { start: date(input.period.start), end: date(input.period.end) },
        baseline: input.baseline && {
          value: input.baseline.value,
          year: date(input.baseline.year),
          figure: input.baseline.figure,
        },
        direction: input.direction,
        scope: input.scope,
      };
      return { outcome };
    }
    default:
      return {};
  }
}

export function isEntityKind(s: string): s is EntityKind {
  return (ENTITY_KIND_NAMES as string[]).includes(s);
}
