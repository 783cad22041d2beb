/**
 * A MiniSearch index built for a snapshot file only: straight into flat arrays, serialised a
 * term at a time as the JSON `MiniSearch#toJSON()` gives, and never searched.
 *
 * Why not MiniSearch itself: `build` used to make both indexes with `addAll` (a `Map` of fields
 * per term and a `Map` of documents per term and field: ~30-200 bytes a posting), compact them,
 * then call `toJSON()` (a plain-object copy of every term), then `JSON.stringify` each row, with
 * both indexes and all three forms alive at once. At a million entities that ran past 14 GB
 * without a word of progress (BENCHMARKS.md, issue 20). Here a posting is 12 bytes in three
 * shared arrays (a linked list per term) and a row exists as a string only while it is written.
 *
 * The bytes must be MiniSearch's own (a snapshot written before must equal one written now, and
 * the reader loads it with MiniSearch's format), so `add` follows `MiniSearch#add` step by step:
 * the same tokenizer, `processTerm` and field order, unique-term field lengths, the running
 * average of `addFieldLength`, and the terms put into MiniSearch's own radix tree
 * (`SearchableMap`) in the order MiniSearch would first meet them, which fixes the order it
 * iterates them in. tests/unit/index-writer.test.ts compares the output with `toJSON()`.
 */
import type { Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

const NONE = 0xffffffff;
/** A posting's field sits in the top byte of its packed word, its frequency in the rest. */
const FREQ_BITS = 24;
const FREQ_MASK = (1 << FREQ_BITS) - 1;

function grow<T extends Uint32Array | Float64Array>(a: T, min: number): T {
  if (min <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

type IndexOptions = Pick<Options<number>, 'fields' | 'extractField' | 'tokenize' | 'processTerm' | 'stringifyField'>;

export class IndexWriter {
  private readonly fields: readonly string[];
  private readonly extract: (doc: number, field: string) => unknown;
  private readonly tokenize: (text: string, field: string) => string[];
  private readonly process: (term: string, field: string) => string | string[] | null | undefined | false;
  private readonly stringify: (value: unknown, field: string) => string;

  /**
   * Term → term number, numbered as first met: a hash map while documents are added (a look-up
   * in MiniSearch's radix tree per term and field was a fifth of the time), put into the tree in
   * that order when the rows are written, which gives the tree MiniSearch's shape and order.
   */
  private terms: Map<string, number> | null = new Map();
  private termCount = 0;
  /** Per term: its first and last posting (linked through `next`). */
  private head = new Uint32Array(1 << 14);
  private tail = new Uint32Array(1 << 14);
  /** Per posting: document, field << 24 | frequency, the term's next posting. */
  private docs = new Uint32Array(1 << 16);
  private packed = new Uint32Array(1 << 16);
  private next = new Uint32Array(1 << 16);
  private postings = 0;
  /** Frequencies that do not fit 24 bits, by posting (none in practice). */
  private readonly bigFreqs = new Map<number, number>();

  /** Per document and field: unique terms, NONE when the field is absent. */
  private lengths = new Uint32Array(1 << 14);
  /** Whether a document had any field (MiniSearch has no field-length entry for one without). */
  private hasLengths = new Uint32Array(1 << 9);
  private readonly average: number[] = [];
  private documents = 0;

  constructor(options: IndexOptions) {
    const { fields, extractField, tokenize, processTerm } = options;
    if (!fields || !extractField || !tokenize || !processTerm) {
      throw new Error('IndexWriter needs fields, extractField, tokenize and processTerm');
    }
    this.fields = fields;
    this.extract = extractField as unknown as (doc: number, field: string) => unknown;
    this.tokenize = tokenize;
    this.process = processTerm;
    this.stringify =
      (options.stringifyField as ((value: unknown, field: string) => string) | undefined) ??
      ((value) => (value as { toString(): string }).toString());
    // A term's fields are collected in a 32-bit mask.
    if (fields.length > 31) throw new Error('IndexWriter holds at most 31 fields');
  }

  get documentCount(): number {
    return this.documents;
  }

  /** Adds the next document: ids are 0, 1, 2, … in the order added, as our indexes' are. */
  add(): void {
    const doc = this.documents++;
    const F = this.fields.length;
    this.lengths = grow(this.lengths, (doc + 1) * F);
    this.lengths.fill(NONE, doc * F, (doc + 1) * F);
    this.hasLengths = grow(this.hasLengths, (doc >>> 5) + 1);
    const counts = new Map<string, number>();
    for (let f = 0; f < F; f++) {
      const field = this.fields[f] as string;
      const value = this.extract(doc, field);
      if (value === null || value === undefined) continue;
      const tokens = this.tokenize(this.stringify(value, field), field);
      const unique = new Set(tokens).size;
      this.lengths[doc * F + f] = unique;
      this.hasLengths[doc >>> 5] = (this.hasLengths[doc >>> 5] as number) | (1 << (doc & 31));
      // MiniSearch#addFieldLength: the same float operations, so the same average to the bit.
      this.average[f] = ((this.average[f] || 0) * doc + unique) / (doc + 1);
      counts.clear();
      for (const token of tokens) {
        const processed = this.process(token, field);
        if (Array.isArray(processed)) {
          for (const t of processed) counts.set(t, (counts.get(t) ?? 0) + 1);
        } else if (processed) {
          counts.set(processed, (counts.get(processed) ?? 0) + 1);
        }
      }
      for (const [term, freq] of counts) this.post(term, f, doc, freq);
    }
  }

  private post(term: string, field: number, doc: number, freq: number): void {
    const terms = this.terms;
    if (!terms) throw new Error('IndexWriter: add after the terms were written');
    let t = terms.get(term);
    if (t === undefined) {
      t = this.termCount++;
      // A token of 13+ characters can be V8's slice of the text it came from, keeping the whole
      // text alive as long as the term: store a copy of its own.
      terms.set(term.length >= 13 ? JSON.parse(JSON.stringify(term)) : term, t);
      this.head = grow(this.head, t + 1);
      this.tail = grow(this.tail, t + 1);
      this.head[t] = NONE;
    }
    const p = this.postings++;
    if (p === NONE) throw new Error('IndexWriter: more than 4 billion postings');
    this.docs = grow(this.docs, p + 1);
    this.packed = grow(this.packed, p + 1);
    this.next = grow(this.next, p + 1);
    this.docs[p] = doc;
    if (freq >= FREQ_MASK) this.bigFreqs.set(p, freq);
    this.packed[p] = (field << FREQ_BITS) | Math.min(freq, FREQ_MASK);
    this.next[p] = NONE;
    if (this.head[t] === NONE) this.head[t] = p;
    else this.next[this.tail[t] as number] = p;
    this.tail[t] = p;
  }

  private freq(p: number): number {
    const f = (this.packed[p] as number) & FREQ_MASK;
    return f === FREQ_MASK ? (this.bigFreqs.get(p) as number) : f;
  }

  /**
   * `toJSON()` without `index`, as JSON in pieces (a million documents' ids and field lengths
   * are tens of MB: no need for one string of them).
   */
  *headJson(): Generator<string> {
    const n = this.documents;
    const F = this.fields.length;
    yield `{"documentCount":${n},"nextId":${n},"documentIds":{`;
    for (let d = 0; d < n; d += 10_000) {
      const parts: string[] = [];
      for (let i = d; i < Math.min(n, d + 10_000); i++) parts.push(`"${i}":${i}`);
      yield (d > 0 ? ',' : '') + parts.join(',');
    }
    const fieldIds: Record<string, number> = {};
    this.fields.forEach((f, i) => {
      fieldIds[f] = i;
    });
    yield `},"fieldIds":${JSON.stringify(fieldIds)},"fieldLength":{`;
    let first = true;
    for (let d = 0; d < n; d += 10_000) {
      const parts: string[] = [];
      for (let i = d; i < Math.min(n, d + 10_000); i++) {
        if (((this.hasLengths[i >>> 5] as number) & (1 << (i & 31))) === 0) continue;
        let last = F - 1;
        while (this.lengths[i * F + last] === NONE) last--;
        const ls: string[] = [];
        for (let f = 0; f <= last; f++) {
          const v = this.lengths[i * F + f] as number;
          ls.push(v === NONE ? 'null' : String(v));
        }
        parts.push(`"${i}":[${ls.join(',')}]`);
      }
      if (parts.length === 0) continue;
      yield (first ? '' : ',') + parts.join(',');
      first = false;
    }
    yield `},"averageFieldLength":${JSON.stringify(this.average)},"storedFields":{},"dirtCount":0,"serializationVersion":2}`;
  }

  /** How many distinct terms rows() will give. */
  get size(): number {
    return this.termCount;
  }

  /**
   * Each term's row `[term, {fieldId: {docId: frequency}}]` as `JSON.stringify` writes it (integer
   * keys ascending), in MiniSearch's term order. The postings are dropped once iterated through.
   */
  *rows(): Generator<string> {
    if (!this.terms) throw new Error('IndexWriter: rows() read twice');
    const tree = new SearchableMap<number>();
    for (const [term, t] of this.terms) tree.set(term, t);
    this.terms = null;
    const fieldIds: number[] = [];
    for (const [term, t] of tree) {
      let mask = 0;
      for (let p = this.head[t] as number; p !== NONE; p = this.next[p] as number) {
        mask |= 1 << ((this.packed[p] as number) >>> FREQ_BITS);
      }
      fieldIds.length = 0;
      for (let f = 0; f < this.fields.length; f++) if (mask & (1 << f)) fieldIds.push(f);
      const byField: string[] = [];
      for (const f of fieldIds) {
        const docs: string[] = [];
        for (let p = this.head[t] as number; p !== NONE; p = this.next[p] as number) {
          if ((this.packed[p] as number) >>> FREQ_BITS === f) docs.push(`"${this.docs[p]}":${this.freq(p)}`);
        }
        byField.push(`"${f}":{${docs.join(',')}}`);
      }
      yield `[${JSON.stringify(term)},{${byField.join(',')}}]`;
    }
    this.release();
  }

  /** Drops the postings and terms (the document lengths stay: small, and the head may be asked for). */
  release(): void {
    this.terms = null;
    this.head = new Uint32Array(0);
    this.tail = new Uint32Array(0);
    this.docs = new Uint32Array(0);
    this.packed = new Uint32Array(0);
    this.next = new Uint32Array(0);
    this.bigFreqs.clear();
  }
}
