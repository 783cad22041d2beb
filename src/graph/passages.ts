/**
 * Passage search: the source documents cut into passages of a few sentences, indexed with
 * MiniSearch, so an analyst who remembers a phrase, a number or a Chinese term from a source
 * finds the place in it, and the entities whose evidence lies there.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { EntityRecord, SourceDocumentRecord } from '../model/records.js';
import { compactIndex, loadCompact, loadCompactAsync } from './compact-index.js';
import {
  forTypos,
  type Highlight,
  highlights,
  matchText,
  type ParsedQuery,
  parseQuery,
  plan,
  runPlan,
} from './fulltext.js';
import { runToEnd } from './steps.js';
import { indexTerms } from './text-tokens.js';

/** Passages end at a sentence end once they reach this many characters (never mid-sentence). */
const PASSAGE_CHARS = 500;

export interface PassageHit {
  readonly document: SourceDocumentRecord;
  /** UTF-16 offsets of the passage in the document text; snippet is text.slice(start, end). */
  readonly start: number;
  readonly end: number;
  readonly snippet: string;
  /** Offsets into snippet. */
  readonly highlights: readonly Highlight[];
  /** Entities with evidence overlapping the passage, by id. */
  readonly entities: readonly EntityRecord[];
  readonly score: number;
}

export interface PassageSearchOptions {
  /** Document ids (bare) to search in; all when empty or absent. */
  readonly documents?: readonly string[];
  readonly first?: number;
}

/** The serialised form: the MiniSearch index and the passage table it points into. */
export interface PassageIndexData {
  readonly index: AsPlainObject;
  /** [document index, start, end] per passage, flattened. */
  readonly table: readonly number[];
}

/** Passage boundaries of a text: [start, end) pairs, flattened, at sentence ends and line breaks. */
export function cutPassages(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  const close = (end: number) => {
    let s = start;
    while (s < end && /\s/.test(text.charAt(s))) s++;
    let e = end;
    while (e > s && /\s/.test(text.charAt(e - 1))) e--;
    if (e > s) out.push(s, e);
    start = end;
  };
  // A boundary after sentence-ending punctuation (and any closing quote) or at a line break.
  for (const m of text.matchAll(/[.!?。！？]["'”’)]*(?=\s)|[。！？]|\n/g)) {
    const end = m.index + m[0].length;
    if (m[0] === '\n' || end - start >= PASSAGE_CHARS) close(end);
  }
  close(text.length);
  return out;
}

/** Options for building, loading and writing (index-writer.ts) the passage index. */
export function indexOptions(texts: (i: number) => string): Options<number> {
  return {
    idField: 'id',
    fields: ['text'],
    extractField: (i, key) => (key === 'id' ? i : texts(i)) as string,
    tokenize: indexTerms,
    processTerm: (t) => t,
    searchOptions: { tokenize: (s) => [s], processTerm: (t) => t },
  };
}

export class PassageIndex {
  private readonly ms: MiniSearch<number>;
  private readonly table: Int32Array;
  private readonly docIndex: Map<string, number>;
  /**
   * Its entities' evidence spans, [start, end, entity position] flattened, document by document:
   * document d's are spans[3 * spanAt[d]] up to spans[3 * spanAt[d + 1]]. One typed array
   * instead of a number array per document: at 100k entities those were a tenth of the index.
   */
  private readonly spanAt: Uint32Array;
  private readonly spans: Uint32Array;

  /** Loads a serialised index in slices that yield to the event loop, so a server keeps answering. */
  static async load(
    documents: readonly SourceDocumentRecord[],
    entities: readonly EntityRecord[],
    serialised: PassageIndexData,
  ): Promise<PassageIndex> {
    const texts: { index?: PassageIndex } = {};
    const ms = await loadCompactAsync(
      serialised.index,
      indexOptions((i) => texts.index?.text(i) ?? ''),
    );
    texts.index = new PassageIndex(documents, entities, { ...serialised, ms });
    return texts.index;
  }

  /**
   * The same documents' index for other entities (a reload that changed knowledge files only):
   * the text index depends on the documents alone, so it is `other`'s, shared (neither is ever
   * changed); the entities' evidence spans are made anew, in steps of `step` entities.
   */
  static *sharingSteps(
    other: PassageIndex,
    documents: readonly SourceDocumentRecord[],
    entities: readonly EntityRecord[],
    step = 500,
  ): Generator<void, PassageIndex> {
    const spans = yield* evidenceSpans(documents, entities, step);
    return new PassageIndex(documents, entities, undefined, { ...spans, table: other.table, ms: other.ms });
  }

  constructor(
    private readonly documents: readonly SourceDocumentRecord[],
    private readonly entities: readonly EntityRecord[],
    serialised?: PassageIndexData & { ms?: MiniSearch<number> },
    shared?: { spanAt: Uint32Array; spans: Uint32Array; table: Int32Array; ms: MiniSearch<number> },
  ) {
    this.docIndex = new Map(documents.map((d, i) => [d.id, i]));
    if (shared) {
      this.spanAt = shared.spanAt;
      this.spans = shared.spans;
      this.table = shared.table;
      this.ms = shared.ms;
      return;
    }
    ({ spanAt: this.spanAt, spans: this.spans } = runToEnd(evidenceSpans(documents, entities)));
    if (serialised) {
      this.table = Int32Array.from(serialised.table);
      this.ms =
        serialised.ms ??
        loadCompact(
          serialised.index,
          indexOptions((i) => this.text(i)),
        );
    } else {
      const table: number[] = [];
      documents.forEach((d, di) => {
        const cuts = cutPassages(d.text);
        for (let k = 0; k < cuts.length; k += 2) table.push(di, cuts[k] as number, cuts[k + 1] as number);
      });
      this.table = Int32Array.from(table);
      this.ms = new MiniSearch(indexOptions((i) => this.text(i)));
      this.ms.addAll(Array.from({ length: table.length / 3 }, (_v, i) => i));
      compactIndex(this.ms);
    }
  }

  private text(i: number): string {
    const d = this.documents[this.table[i * 3] as number] as SourceDocumentRecord;
    return d.text.slice(this.table[i * 3 + 1], this.table[i * 3 + 2]);
  }

  toJSON(): PassageIndexData {
    return { index: this.ms.toJSON(), table: [...this.table] };
  }

  search(query: string, options: PassageSearchOptions = {}): PassageHit[] {
    const limit = options.first ?? 10;
    const parsed = parseQuery(query);
    if (limit <= 0) return [];
    const docs =
      options.documents && options.documents.length > 0
        ? new Set(options.documents.map((id) => this.docIndex.get(id.replace(/^source\//, '')) ?? -1))
        : null;
    const filter = docs ? (i: number) => docs.has(this.table[i * 3] as number) : undefined;
    let terms = parsed;
    for (const fuzzy of [false, true]) {
      const p = plan(this.ms as MiniSearch, terms, ['text'], fuzzy);
      if (!p) return [];
      const hits: PassageHit[] = [];
      const results = runPlan(this.ms as MiniSearch, p, ['text'], filter);
      for (const r of results) {
        const hit = this.hit(r.id as number, terms, fuzzy, r.score);
        if (hit) hits.push(hit);
        if (hits.length >= limit) break;
      }
      if (hits.length > 0 || !p.unknown) return hits;
      terms = forTypos(parsed, p.unknownTerms);
    }
    return [];
  }

  private hit(i: number, parsed: ParsedQuery, fuzzy: boolean, score: number): PassageHit | null {
    const di = this.table[i * 3] as number;
    const start = this.table[i * 3 + 1] as number;
    const end = this.table[i * 3 + 2] as number;
    const document = this.documents[di] as SourceDocumentRecord;
    const snippet = document.text.slice(start, end);
    const m = matchText(snippet, parsed, fuzzy);
    // Every word, and every quoted phrase word for word: the index only checked the rare words.
    if (m.found < parsed.terms.length || !m.phrases) return null;
    const spans = this.spans;
    const seen = new Set<number>();
    for (let k = 3 * (this.spanAt[di] as number); k < 3 * (this.spanAt[di + 1] as number); k += 3) {
      if ((spans[k] as number) < end && (spans[k + 1] as number) > start) seen.add(spans[k + 2] as number);
    }
    const entities = [...seen].map((e) => this.entities[e] as EntityRecord).sort((a, b) => a.id.localeCompare(b.id));
    return { document, start, end, snippet, highlights: highlights(snippet, m.spans), entities, score };
  }
}

/** The entities' evidence spans per document (see PassageIndex.spans), in steps of `step` entities. */
function* evidenceSpans(
  documents: readonly SourceDocumentRecord[],
  entities: readonly EntityRecord[],
  step = Number.POSITIVE_INFINITY,
): Generator<void, { spanAt: Uint32Array; spans: Uint32Array }> {
  const docIndex = new Map(documents.map((d, i) => [d.id, i]));
  const found: number[] = [];
  for (let i = 0; i < entities.length; i++) {
    for (const ev of (entities[i] as EntityRecord).evidence) {
      const d = docIndex.get(ev.document);
      if (d !== undefined) found.push(d, ev.start, ev.end, i);
    }
    if ((i + 1) % step === 0) yield;
  }
  const spanAt = new Uint32Array(documents.length + 1);
  for (let k = 0; k < found.length; k += 4) (spanAt[(found[k] as number) + 1] as number)++;
  for (let d = 0; d < documents.length; d++) spanAt[d + 1] += spanAt[d] as number;
  const spans = new Uint32Array(found.length - found.length / 4);
  const next = spanAt.slice(0, documents.length);
  for (let k = 0; k < found.length; k += 4) {
    const at = 3 * (next[found[k] as number] as number)++;
    spans[at] = found[k + 1] as number;
    spans[at + 1] = found[k + 2] as number;
    spans[at + 2] = found[k + 3] as number;
  }
  return { spanAt, spans };
}
