/**
 * Work cut into small steps (generators that yield between them), so a server building its
 * next snapshot can run it in slices between requests (load-offthread.ts, runInSlices), and a
 * command that does not care runs it to the end in one go.
 */

/** Runs every step now and returns the result. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Elements sorted by one run of Array#sort: small enough to stay well under a slice. */
const RUN = 2_048;

/**
 * Sorts `items` in place with `compare` (stable, like Array#sort), yielding every `step`
 * comparisons or so: a bottom-up merge sort of sorted runs. A sort of 600k relation ids
 * with the collator takes seconds; this lets it take them between requests.
 */
export function* sortInSteps<T>(items: T[], compare: (a: T, b: T) => number, step = 2_000): Generator<void, T[]> {
  const n = items.length;
  for (let lo = 0; lo < n; lo += RUN) {
    const run = items.slice(lo, lo + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) items[lo + i] = run[i] as T;
    yield;
  }
  let from = items;
  let to: T[] = new Array(n);
  let work = 0;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // `<= 0` takes the left run first on ties: stable.
        to[k++] = compare(from[i] as T, from[j] as T) <= 0 ? (from[i++] as T) : (from[j++] as T);
        if (++work % step === 0) yield;
      }
      while (i < mid) to[k++] = from[i++] as T;
      while (j < hi) to[k++] = from[j++] as T;
    }
    [from, to] = [to, from];
    yield;
  }
  if (from !== items) for (let i = 0; i < n; i++) items[i] = from[i] as T;
  return items;
}
