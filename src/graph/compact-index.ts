/**
 * MiniSearch's index in flat typed arrays, read-only once built or loaded.
 *
 * Why: MiniSearch keeps a `Map` of fields per term and a `Map` of documents per term and field,
 * plus a `Map` entry and an array of field lengths per document, and two id maps. At 100k
 * entities that was 181 MB for the entity index and 117 MB for the passage index, 75% of the
 * graph's own heap (the target is 30%): a small `Map` costs ~200 bytes, a posting ~30. Here every
 * posting is 6-8 bytes in one shared array, the terms are a TermDictionary (term-dictionary.ts)
 * in place of MiniSearch's radix tree of `Map`s, a term's postings an object made when asked
 * for, and the document ids (ours are always 0..n-1, positions in the snapshot's arrays) are no map at all.
 *
 * The objects put in MiniSearch's place answer the same read-only calls MiniSearch makes while
 * searching (`get`, `has`, `size`, `keys`, iteration) and serialise to the same `toJSON()`, so
 * scores, order and snapshot bytes are unchanged. What they do not support is changing the index
 * (`add`, `discard`): our indexes are rebuilt, never edited. MiniSearch's internals are its
 * private fields: when they do not look as expected (a new MiniSearch version), the index is
 * left as MiniSearch made it, which is only bigger.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { TermDictionary, TreeOrder } from './term-dictionary.js';

interface Internals {
  _index:
    | {
        get(term: string): unknown;
        set(term: string, value: unknown): unknown;
        [Symbol.iterator](): Iterator<[string, unknown]>;
      }
    | TermDictionary<TermPostings>;
  _documentIds: unknown;
  _idToShortId: unknown;
  _fieldLength: unknown;
  _storedFields: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
}

/** Every posting of an index: document ids and frequencies, each term's lists end to end. */
class PostingStore {
  ids = new Uint32Array(1 << 16);
  freqs: Uint16Array | Uint32Array = new Uint32Array(1 << 16);
  /** Per term and field: field id, first posting, posting count. */
  dir = new Uint32Array(3 << 12);
  private postings = 0;
  private dirUsed = 0;
  private maxFreq = 0;

  /** Per term, in the order added (by rank once sealed): its first field in `dir`, how many. */
  private termAt = new Uint32Array(1 << 12);
  private termFields = new Uint8Array(1 << 12);
  private terms = 0;

  /** Stores one term's postings from MiniSearch's maps; false if they cannot be held here. */
  addMaps(fields: Map<number, Map<number, number>>): boolean {
    const at = this.dirUsed;
    for (const [fieldId, docs] of fields) {
      const start = this.postings;
      for (const [doc, freq] of docs) if (!this.push(doc, freq, start)) return false;
      this.endField(fieldId, start);
    }
    return this.endTerm(at, fields.size);
  }

  /** Stores one serialised term's `{"fieldId": {"docId": frequency}}` (JSON keeps integer keys in order). */
  addObject(fields: Record<string, Record<string, number>>): boolean {
    const at = this.dirUsed;
    let n = 0;
    for (const f in fields) {
      const docs = fields[f] as Record<string, number>;
      const start = this.postings;
      for (const d in docs) if (!this.push(Number(d), docs[d] as number, start)) return false;
      this.endField(Number(f), start);
      n++;
    }
    return this.endTerm(at, n);
  }

  private endTerm(at: number, fields: number): boolean {
    if (fields > 0xff) return false;
    if (this.terms === this.termAt.length) {
      this.termAt = grow(this.termAt);
      const f = new Uint8Array(this.termFields.length * 2);
      f.set(this.termFields);
      this.termFields = f;
    }
    this.termAt[this.terms] = at;
    this.termFields[this.terms++] = fields;
    return true;
  }

  /** A term's postings by rank (after `seal`). */
  at(rank: number): TermPostings {
    return new TermPostings(this, this.termAt[rank] as number, this.termFields[rank] as number);
  }

  private push(doc: number, freq: number, start: number): boolean {
    // Look-ups binary-search a list, so it must be in document order, as MiniSearch adds
    // documents; anything else stays as MiniSearch holds it.
    if (!(doc >= 0 && doc <= 0xffffffff && Number.isInteger(doc)) || !(freq >= 0 && freq <= 0xffffffff)) return false;
    if (this.postings > start && !(doc > (this.ids[this.postings - 1] as number))) return false;
    if (this.postings === this.ids.length) {
      this.ids = grow(this.ids);
      this.freqs = grow(this.freqs as Uint32Array);
    }
    this.ids[this.postings] = doc;
    this.freqs[this.postings++] = freq;
    if (freq > this.maxFreq) this.maxFreq = freq;
    return true;
  }

  private endField(fieldId: number, start: number): void {
    if (this.dirUsed + 3 > this.dir.length) this.dir = grow(this.dir);
    this.dir[this.dirUsed++] = fieldId;
    this.dir[this.dirUsed++] = start;
    this.dir[this.dirUsed++] = this.postings - start;
  }

  /**
   * Drops the arrays' spare room once every term is in (frequencies fit 16 bits nearly always),
   * and puts the terms in rank order: `order[r]` is the term of rank r in the order added.
   */
  seal(order?: Uint32Array): void {
    if (order) {
      this.termAt = order.map((k) => this.termAt[k] as number);
      this.termFields = Uint8Array.from(order, (k) => this.termFields[k] as number);
    } else {
      this.termAt = this.termAt.slice(0, this.terms);
      this.termFields = this.termFields.slice(0, this.terms);
    }
    this.ids = this.ids.slice(0, this.postings);
    this.freqs =
      this.maxFreq <= 0xffff
        ? Uint16Array.from(this.freqs.subarray(0, this.postings))
        : this.freqs.slice(0, this.postings);
    this.dir = this.dir.slice(0, this.dirUsed);
  }
}

function grow(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** A term's postings by field: what MiniSearch reads as `Map<fieldId, Map<docId, frequency>>`. */
export class TermPostings {
  constructor(
    private readonly store: PostingStore,
    private readonly at: number,
    readonly size: number,
  ) {}

  get(fieldId: number): PostingList | undefined {
    const dir = this.store.dir;
    for (let k = this.at, end = this.at + 3 * this.size; k < end; k += 3) {
      if (dir[k] === fieldId) return new PostingList(this.store, dir[k + 1] as number, dir[k + 2] as number);
    }
    return undefined;
  }

  has(fieldId: number): boolean {
    return this.get(fieldId) !== undefined;
  }

  *keys(): IterableIterator<number> {
    for (let k = 0; k < this.size; k++) yield this.store.dir[this.at + 3 * k] as number;
  }

  *entries(): IterableIterator<[number, PostingList]> {
    for (const f of this.keys()) yield [f, this.get(f) as PostingList];
  }

  [Symbol.iterator](): IterableIterator<[number, PostingList]> {
    return this.entries();
  }
}

/** One term's postings in one field: what MiniSearch reads as `Map<docId, frequency>`. */
export class PostingList {
  /** MiniSearch reads each key's frequency right after iterating to it: look there first. */
  private next: number;

  constructor(
    private readonly store: PostingStore,
    private readonly start: number,
    readonly size: number,
  ) {
    this.next = start;
  }

  private find(doc: number): number {
    const ids = this.store.ids;
    if (ids[this.next] === doc && this.next < this.start + this.size) return this.next++;
    let lo = this.start;
    let hi = this.start + this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid] as number;
      if (v === doc) {
        this.next = mid + 1;
        return mid;
      }
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(doc: number): number | undefined {
    const i = this.find(doc);
    return i < 0 ? undefined : this.store.freqs[i];
  }

  has(doc: number): boolean {
    return this.find(doc) >= 0;
  }

  keys(): Uint32Array {
    return this.store.ids.subarray(this.start, this.start + this.size);
  }

  *entries(): IterableIterator<[number, number]> {
    const { ids, freqs } = this.store;
    for (let i = this.start; i < this.start + this.size; i++) yield [ids[i] as number, freqs[i] as number];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** Document ids 0..n-1 that are their own short ids: MiniSearch's two id maps, without the maps. */
class DenseIds {
  constructor(readonly size: number) {}

  has(id: unknown): boolean {
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < this.size;
  }

  get(id: unknown): number | undefined {
    return this.has(id) ? (id as number) : undefined;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [i, i];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** Marks a field a document does not have (MiniSearch leaves a hole in its array). */
const ABSENT = 0xffffffff;

/** Per document, its fields' lengths in terms: MiniSearch's `Map<docId, number[]>`. */
class FieldLengths {
  private readonly scratch: (number | undefined)[];

  constructor(
    private readonly lengths: Uint32Array,
    private readonly fields: number,
  ) {
    this.scratch = new Array(fields);
  }

  get size(): number {
    return this.lengths.length / this.fields;
  }

  /**
   * MiniSearch reads one element of the returned array at once (`get(doc)[fieldId]`), so every
   * call returns the same array refilled, not a new one per scored posting.
   */
  get(doc: number): (number | undefined)[] | undefined {
    if (!(doc >= 0 && doc < this.size)) return undefined;
    for (let f = 0; f < this.fields; f++) {
      const v = this.lengths[doc * this.fields + f] as number;
      this.scratch[f] = v === ABSENT ? undefined : v;
    }
    return this.scratch;
  }

  /** Arrays as MiniSearch built them: up to the last field present, a gap for one absent. */
  *entries(): IterableIterator<[number, (number | null)[]]> {
    for (let d = 0; d < this.size; d++) {
      const out: (number | null)[] = [];
      let last = -1;
      for (let f = 0; f < this.fields; f++) if (this.lengths[d * this.fields + f] !== ABSENT) last = f;
      for (let f = 0; f <= last; f++) {
        const v = this.lengths[d * this.fields + f] as number;
        out.push(v === ABSENT ? null : v);
      }
      yield [d, out];
    }
  }

  [Symbol.iterator](): IterableIterator<[number, (number | null)[]]> {
    return this.entries();
  }

  static from(
    n: number,
    fields: number,
    lengthsOf: (doc: number) => ArrayLike<unknown> | undefined,
  ): FieldLengths | null {
    const lengths = new Uint32Array(n * fields).fill(ABSENT);
    for (let d = 0; d < n; d++) {
      const ls = lengthsOf(d);
      if (!ls || ls.length > fields) return null;
      for (let f = 0; f < ls.length; f++) {
        const v = ls[f];
        if (v === null || v === undefined) continue;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= ABSENT) return null;
        lengths[d * fields + f] = v;
      }
    }
    return new FieldLengths(lengths, fields);
  }
}

function looksLikeMiniSearch(m: Internals): boolean {
  return (
    typeof m._index?.get === 'function' &&
    typeof (m._index as { set?: unknown })?.set === 'function' &&
    m._documentIds instanceof Map &&
    m._fieldLength instanceof Map &&
    m._storedFields instanceof Map &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._fieldIds === 'object'
  );
}

/** Ids 0..n-1, each its own short id, none removed: what both our indexes always have. */
function denseIds(m: Internals): boolean {
  const ids = m._documentIds as Map<number, unknown>;
  if (ids.size !== m._documentCount || m._nextId !== m._documentCount || m._dirtCount !== 0) return false;
  for (const [short, id] of ids) if (short !== id || !(short >= 0 && short < ids.size)) return false;
  return true;
}

/**
 * Puts a built (or MiniSearch-loaded) index's postings and document tables into typed arrays.
 * Returns false, leaving the index as it was, if it is not one this module can hold.
 */
export function compactIndex(ms: MiniSearch<number>): boolean {
  const m = ms as unknown as Internals;
  if (!looksLikeMiniSearch(m) || !denseIds(m) || m._storedFields.size > 0) return false;
  const n = m._documentCount;
  const fields = Object.keys(m._fieldIds).length;
  const byDoc = m._fieldLength as Map<number, (number | undefined)[]>;
  const lengths = FieldLengths.from(n, fields, (d) => byDoc.get(d));
  if (!lengths) return false;
  const store = new PostingStore();
  const terms: string[] = [];
  for (const [term, data] of m._index) {
    if (!(data instanceof Map)) return false;
    if (!store.addMaps(data as Map<number, Map<number, number>>)) return false;
    terms.push(term);
  }
  store.seal();
  m._index = new TermDictionary(terms, store);
  const ids = new DenseIds(n);
  m._documentIds = ids;
  m._idToShortId = ids;
  m._fieldLength = lengths;
  return true;
}

/**
 * Loads a serialised index straight into typed arrays, never making MiniSearch's maps (faster,
 * and no peak of both forms); null for what it cannot hold. Yields every thousand terms, so an
 * asynchronous load can let a server answer in between.
 */
function* load(js: AsPlainObject, options: Options<number>): Generator<void, MiniSearch<number> | null> {
  const n = js.documentCount;
  const ids = js.documentIds as Record<string, unknown>;
  if (js.serializationVersion !== 2 || js.nextId !== n || (js.dirtCount ?? 0) !== 0) return null;
  if (Object.keys(js.storedFields ?? {}).length > 0 || Object.keys(ids).length !== n) return null;
  for (let d = 0; d < n; d++) if (ids[d] !== d) return null;
  const fields = Object.keys(js.fieldIds).length;
  const byDoc = js.fieldLength as Record<string, ArrayLike<unknown>>;
  const lengths = FieldLengths.from(n, fields, (d) => byDoc[d]);
  if (!lengths) return null;
  const ms = new MiniSearch(options);
  const m = ms as unknown as Internals;
  if (!looksLikeMiniSearch(m)) return null;
  const store = new PostingStore();
  const tree = new TreeOrder();
  let count = 0;
  // Read once: a snapshot's `index` is a getter over the frames' rows (snapshot-file.ts), and
  // code made hot by calling it per term can keep the getter, so all the rows, alive.
  const rows = js.index;
  for (const [term, data] of rows) {
    if (!store.addObject(data as Record<string, Record<string, number>>)) return null;
    tree.add(term);
    if (++count % 1000 === 0) yield;
  }
  // Ranks are the order MiniSearch's tree, loaded so, would iterate: its answers' order.
  const order = tree.order();
  yield;
  store.seal(order);
  const terms = Array.from(order, (k) => rows[k]?.[0] as string);
  m._index = new TermDictionary(terms, store);
  const dense = new DenseIds(n);
  m._documentIds = dense;
  m._idToShortId = dense;
  m._fieldLength = lengths;
  m._documentCount = n;
  m._nextId = n;
  m._dirtCount = 0;
  m._fieldIds = js.fieldIds;
  m._avgFieldLength = js.averageFieldLength;
  return ms;
}

/** MiniSearch.loadJS, into typed arrays. */
export function loadCompact(js: AsPlainObject, options: Options<number>): MiniSearch<number> {
  const steps = load(js, options);
  for (let s = steps.next(); ; s = steps.next()) {
    if (s.done) return s.value ?? compacted(MiniSearch.loadJS(js, options));
  }
}

/** MiniSearch.loadJSAsync, into typed arrays: yields to the event loop every thousand terms. */
export async function loadCompactAsync(js: AsPlainObject, options: Options<number>): Promise<MiniSearch<number>> {
  const steps = load(js, options);
  for (let s = steps.next(); ; s = steps.next()) {
    if (s.done) return s.value ?? compacted(await MiniSearch.loadJSAsync(js, options));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function compacted(ms: MiniSearch<number>): MiniSearch<number> {
  compactIndex(ms);
  return ms;
}
