/**
 * MiniSearch's term tree as one string and two typed arrays, read-only.
 *
 * Why: MiniSearch holds its terms in a radix tree (`SearchableMap`) with a `Map` per node. At
 * 100k entities each of our two indexes had ~104k such nodes for 89k terms, which with their
 * key strings were most of what the indexes cost once the postings were typed arrays
 * (compact-index.ts). Here the terms are one string end to end, an offset per term, and the
 * terms' ranks in code-unit order: ~12 bytes a term plus its characters.
 *
 * It answers the look-ups MiniSearch (and fulltext.ts's planner) make while searching, with the
 * same results in the same order, because scores are sums over the matched terms taken in the
 * order the tree gives them, and ties keep that order:
 * - the terms are held in the order MiniSearch's tree iterates them (its `TreeIterator` walks
 *   each node's children last-inserted first), which is also the order `toJSON` writes;
 * - `atPrefix` yields a prefix's terms in that order: they are one subtree, so one run of ranks;
 * - `fuzzyGet` runs MiniSearch's own banded Levenshtein (same matrix, same cut-offs) along the
 *   sorted terms instead of the tree's edges, sharing the rows of a common prefix and skipping
 *   every term under a prefix the tree would have cut; it returns them in the order the tree's
 *   recursion (children first-inserted first) finds them: the reverse of the iteration order.
 */
import SearchableMap from 'minisearch/SearchableMap';

/**
 * The order MiniSearch's tree iterates terms set in a given order: add them one by one (a load
 * can yield in between), then `order()[r]` is the index (in adding order) of the term of rank r.
 * The tree is made only to read its order, and dropped.
 */
export class TreeOrder {
  private tree: SearchableMap<number> | undefined = new SearchableMap<number>();
  private added = 0;

  add(term: string): void {
    this.tree?.set(term, this.added++);
  }

  order(): Uint32Array {
    const order = new Uint32Array(this.added);
    let r = 0;
    for (const index of this.tree?.values() ?? []) order[r++] = index;
    this.tree = undefined;
    return order;
  }
}

export class TermDictionary<V> {
  /** Every term, end to end, in MiniSearch's iteration order (a term's rank). */
  private readonly text: string;
  /** Term `r` is text.slice(starts[r], starts[r + 1]). */
  private readonly starts: Uint32Array;
  /** Ranks in code-unit order of their terms, for binary search. */
  private readonly sorted: Uint32Array;
  readonly size: number;

  /**
   * @param terms in MiniSearch's iteration order
   * @param values a term's value by rank, made when asked for (no object per term is kept). An
   *   object, not a closure: a closure would keep alive every variable its maker's other closures
   *   use (a loader's whole parsed index, say).
   */
  constructor(
    terms: readonly string[],
    private readonly source: { at(rank: number): V },
  ) {
    this.size = terms.length;
    this.text = terms.join('');
    this.starts = new Uint32Array(terms.length + 1);
    for (let r = 0; r < terms.length; r++) {
      this.starts[r + 1] = (this.starts[r] as number) + (terms[r] as string).length;
    }
    this.sorted = new Uint32Array(terms.length);
    for (let r = 0; r < terms.length; r++) this.sorted[r] = r;
    this.sorted.sort((a, b) => {
      const x = terms[a] as string;
      const y = terms[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  term(rank: number): string {
    return this.text.slice(this.starts[rank], this.starts[rank + 1]);
  }

  /** Compares `key` with term `rank` (code units): negative if the key sorts first. */
  private compare(key: string, rank: number): number {
    const text = this.text;
    const s = this.starts[rank] as number;
    const len = (this.starts[rank + 1] as number) - s;
    const n = Math.min(key.length, len);
    for (let k = 0; k < n; k++) {
      const d = key.charCodeAt(k) - text.charCodeAt(s + k);
      if (d !== 0) return d;
    }
    return key.length - len;
  }

  /** Whether term `rank` starts with `len` code units of `text` from `at`. */
  private startsWith(rank: number, at: number, len: number, text: string): boolean {
    const s = this.starts[rank] as number;
    if ((this.starts[rank + 1] as number) - s < len) return false;
    for (let k = 0; k < len; k++) if (this.text.charCodeAt(s + k) !== text.charCodeAt(at + k)) return false;
    return true;
  }

  /** The first position in `sorted` whose term is not below `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(key, this.sorted[mid] as number) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * From `from`, where sorted terms start with the prefix, the first position where they stop.
   * Galloping first: a prefix `fuzzyGet` cuts usually covers a few terms, not half the list.
   */
  private prefixEnd(from: number, prefix: string, at: number, len: number): number {
    let lo = from;
    let hi = from;
    for (let step = 1; hi < this.size && this.startsWith(this.sorted[hi] as number, at, len, prefix); step *= 2) {
      lo = hi + 1;
      hi = lo + step;
    }
    if (hi > this.size) hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startsWith(this.sorted[mid] as number, at, len, prefix)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private rankOf(key: string): number {
    const i = this.lowerBound(key);
    const r = this.sorted[i];
    return r !== undefined && this.compare(key, r) === 0 ? r : -1;
  }

  get(key: string): V | undefined {
    const r = this.rankOf(key);
    return r < 0 ? undefined : this.source.at(r);
  }

  has(key: string): boolean {
    return this.rankOf(key) >= 0;
  }

  /** The terms starting with `prefix`, with their values, in iteration order (lazily). */
  *atPrefix(prefix: string): Generator<[string, V]> {
    const lo = this.lowerBound(prefix);
    const hi = this.prefixEnd(lo, prefix, 0, prefix.length);
    if (hi === lo) return;
    let first = this.sorted[lo] as number;
    for (let i = lo + 1; i < hi; i++) first = Math.min(first, this.sorted[i] as number);
    for (let r = first; r < first + (hi - lo); r++) yield [this.term(r), this.source.at(r)];
  }

  /**
   * The terms within `maxDistance` edits (Levenshtein) of `query`, each with its value and
   * distance: MiniSearch's `fuzzyGet`, the same computation in the same order.
   */
  fuzzyGet(query: string, maxDistance: number): Map<string, [V, number]> {
    const found: number[] = [];
    const distances = new Map<number, number>();
    const n = query.length + 1;
    const m = n + maxDistance;
    // As MiniSearch's fuzzySearch: a byte per cell, cells off the band at maxDistance + 1, and
    // reads past the matrix (terms longer than the query by more than maxDistance) undefined.
    const matrix = new Uint8Array(m * n).fill(maxDistance + 1);
    for (let j = 0; j < n; ++j) matrix[j] = j;
    for (let i = 1; i < m; ++i) matrix[i * n] = i;
    const text = this.text;
    // Rows 1..depth of the matrix hold the first `depth` code units of term `path`.
    let path = -1;
    let depth = 0;
    for (let at = 0; at < this.size; ) {
      const r = this.sorted[at] as number;
      const s = this.starts[r] as number;
      const len = (this.starts[r + 1] as number) - s;
      let shared = 0;
      if (path >= 0) {
        const p = this.starts[path] as number;
        while (shared < depth && shared < len && text.charCodeAt(p + shared) === text.charCodeAt(s + shared)) shared++;
      }
      path = r;
      depth = shared;
      let cut = false;
      for (let pos = shared; pos < len; ++pos) {
        const i = pos + 1;
        const char = text.charCodeAt(s + pos);
        const thisRowOffset = n * i;
        const prevRowOffset = thisRowOffset - n;
        let minDistance = matrix[thisRowOffset] as number;
        const jmin = Math.max(0, i - maxDistance - 1);
        const jmax = Math.min(n - 1, i + maxDistance);
        for (let j = jmin; j < jmax; ++j) {
          const different = char !== query.charCodeAt(j);
          const rpl = (matrix[prevRowOffset + j] as number) + +different;
          const del = (matrix[prevRowOffset + j + 1] as number) + 1;
          const ins = (matrix[thisRowOffset + j] as number) + 1;
          const dist = Math.min(rpl, del, ins);
          matrix[thisRowOffset + j + 1] = dist;
          if (dist < minDistance) minDistance = dist;
        }
        depth = i;
        if (minDistance > maxDistance) {
          cut = true;
          break;
        }
      }
      if (cut) {
        // No term under this prefix is within reach: the tree would not descend there.
        at = this.prefixEnd(at + 1, text, s, depth);
        continue;
      }
      const distance = matrix[(len + 1) * n - 1] as number;
      if (distance <= maxDistance) {
        found.push(r);
        distances.set(r, distance);
      }
      at++;
    }
    found.sort((a, b) => b - a);
    const results = new Map<string, [V, number]>();
    for (const r of found) results.set(this.term(r), [this.source.at(r), distances.get(r) as number]);
    return results;
  }

  *entries(): Generator<[string, V]> {
    for (let r = 0; r < this.size; r++) yield [this.term(r), this.source.at(r)];
  }

  *keys(): Generator<string> {
    for (let r = 0; r < this.size; r++) yield this.term(r);
  }

  *values(): Generator<V> {
    for (let r = 0; r < this.size; r++) yield this.source.at(r);
  }

  [Symbol.iterator](): Generator<[string, V]> {
    return this.entries();
  }
}
