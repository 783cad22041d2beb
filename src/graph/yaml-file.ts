/**
 * Reads one YAML file into plain data. The syntax tree is dropped at once (on a large corpus
 * keeping every file's tree alive until the end ran out of memory); when a problem needs a
 * line number, the file is read and parsed again, which is rare.
 */
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { DataProblem } from '../model/errors.js';

export type PathSegment = string | number;

/**
 * js-yaml first: it parses our files about 10x faster than the `yaml` package (which was 80%
 * of validating a 1M-entity corpus), with the same YAML 1.2 core schema (no timestamps, no
 * merge keys), and it throws on a repeated key. Whatever it refuses, an empty file included,
 * goes to `yaml`, which words the error with its line or, if the file is fine after all,
 * parses it. tests/unit/yaml-parsers.test.ts checks that both give the same data.
 */
export function parseFast(text: string): { ok: true; data: unknown } | { ok: false } {
  try {
    return { ok: true, data: loadYaml(text, { schema: CORE_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}

/** A repeated key in a mapping is a syntax error, not a silent overwrite. */
const PARSE_OPTIONS = { uniqueKeys: true } as const;

/**
 * A file by its paths alone: what the loader keeps per entity, relation and evidence item to
 * point a problem at a line later, without holding the file's data or syntax tree.
 */
export class YamlFileRef {
  constructor(
    /** Path relative to graph-data/, as shown to curators. */
    readonly relPath: string,
    readonly absPath: string,
  ) {}

  /**
   * The 1-based line of the value at `path`, or of its nearest existing ancestor. Re-reads
   * and re-parses the file (a few recent ones are cached, since problems come in runs per
   * file); undefined if it can no longer be read. Should the file have changed since it was
   * read, the line is the one in its current text.
   */
  lineOf(path: readonly PathSegment[]): number | undefined {
    const located = locatable(this.absPath);
    if (!located) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = located.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return located.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  problem(path: readonly PathSegment[], reason: string): DataProblem {
    return { file: this.relPath, path: formatPath(path), line: this.lineOf(path), reason };
  }
}

export class YamlFile {
  private constructor(
    readonly ref: YamlFileRef,
    readonly data: unknown,
  ) {}

  /** Path relative to graph-data/, as shown to curators. */
  get relPath(): string {
    return this.ref.relPath;
  }

  /**
   * Parses a file; on syntax errors returns the problems instead. Pass `source` when the
   * caller has already read the file, to save a second read.
   */
  static read(absPath: string, relPath: string, source?: string): YamlFile | DataProblem[] {
    let text: string;
    try {
      text = source ?? readFileSync(absPath, 'utf8');
    } catch (err) {
      return [{ file: relPath, path: '', reason: `cannot read file: ${(err as Error).message}` }];
    }
    const fast = parseFast(text);
    if (fast.ok) return new YamlFile(new YamlFileRef(relPath, absPath), detachStrings(fast.data, new Set()));
    // Without line counting or pretty errors: that is needed only to report a problem, so a
    // file with syntax errors is parsed again below to word them with their lines.
    const doc = parseDocument(text, { ...PARSE_OPTIONS, prettyErrors: false });
    if (doc.errors.length > 0) return syntaxProblems(text, relPath);
    return new YamlFile(new YamlFileRef(relPath, absPath), detachStrings(doc.toJS(), new Set()));
  }

  lineOf(path: readonly PathSegment[]): number | undefined {
    return this.ref.lineOf(path);
  }

  problem(path: readonly PathSegment[], reason: string): DataProblem {
    return this.ref.problem(path, reason);
  }
}

/**
 * V8 keeps a string of 13 or more characters as a slice of its parent or a chain of
 * concatenations rather than a copy, and yaml returns plain scalars as slices of the file's
 * text and builds double-quoted ones a character at a time. An id the loader keeps would then
 * hold the whole file's text (or ~20 bytes per character); so every such string is replaced,
 * in place, by a flat copy (JSON round trip: exact, including lone surrogates).
 */
function detachStrings(value: unknown, seen: Set<object>): unknown {
  if (typeof value === 'string') return value.length >= 13 ? JSON.parse(JSON.stringify(value)) : value;
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  // Aliases can share (or nest) a collection: each is visited once.
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = detachStrings(value[i], seen);
  } else {
    const record = value as Record<string, unknown>;
    // Assigning `__proto__` would set the prototype; that key fails validation anyway.
    for (const key of Object.keys(record)) {
      if (key !== '__proto__') record[key] = detachStrings(record[key], seen);
    }
  }
  return value;
}

function syntaxProblems(text: string, relPath: string): DataProblem[] {
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: new LineCounter(), prettyErrors: true });
  return doc.errors.map((e) => ({
    file: relPath,
    path: '',
    line: e.linePos?.[0]?.line,
    reason: `YAML syntax error: ${e.message.split('\n')[0]?.replace(/:$/, '')}`,
  }));
}

interface Located {
  readonly text: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/**
 * Recently re-parsed files, most recent last; small, so at most a few trees stay alive. An
 * entry is reused only while the file still has the same text (a watching server reloads
 * changed files through the same paths).
 */
const recent = new Map<string, Located>();
const RECENT_FILES = 4;

function locatable(absPath: string): Located | undefined {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch {
    return undefined;
  }
  let located = recent.get(absPath);
  recent.delete(absPath);
  if (located?.text !== text) {
    const lines = new LineCounter();
    located = { text, doc: parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines }), lines };
  }
  recent.set(absPath, located);
  if (recent.size > RECENT_FILES) {
    const oldest = recent.keys().next();
    if (!oldest.done) recent.delete(oldest.value);
  }
  return located;
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}
