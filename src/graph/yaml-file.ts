/** Reads one YAML file keeping enough of its syntax tree to point problems at a line. */
import { readFileSync } from 'node:fs';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { DataProblem } from '../model/errors.js';

export type PathSegment = string | number;

export class YamlFile {
  private constructor(
    /** Path relative to graph-data/, as shown to curators. */
    readonly relPath: string,
    readonly data: unknown,
    private readonly doc: Document | null,
    private readonly lines: LineCounter,
  ) {}

  /** Parses a file; on syntax errors returns the problems instead. */
  static read(absPath: string, relPath: string): YamlFile | DataProblem[] {
    let source: string;
    try {
      source = readFileSync(absPath, 'utf8');
    } catch (err) {
      return [{ file: relPath, path: '', reason: `cannot read file: ${(err as Error).message}` }];
    }
    const lines = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return doc.errors.map((e) => ({
        file: relPath,
        path: '',
        line: e.linePos?.[0]?.line,
        reason: `YAML syntax error: ${e.message.split('\n')[0]?.replace(/:$/, '')}`,
      }));
    }
    return new YamlFile(relPath, doc.toJS(), doc, lines);
  }

  /** The 1-based line of the value at `path`, or of its nearest existing ancestor. */
  lineOf(path: readonly PathSegment[]): number | undefined {
    if (!this.doc) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  problem(path: readonly PathSegment[], reason: string): DataProblem {
    return { file: this.relPath, path: formatPath(path), line: this.lineOf(path), reason };
  }
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}
