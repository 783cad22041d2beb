/**
 * Overlap checks on laid-out discs (radius = size). A grid with cells as wide as the largest
 * diameter means only neighbouring cells can hold overlapping pairs, so a check costs about
 * O(n) instead of O(n²) and can run after every layout, even of 10,000 nodes.
 */

export interface Disc {
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

/** Indices of discs by grid cell; cells as wide as the largest diameter. */
function gridOf(discs: readonly Disc[]): { cell: number; buckets: Map<string, number[]> } {
  const cell = 2 * Math.max(...discs.map((d) => d.size), 1e-9);
  const buckets = new Map<string, number[]>();
  discs.forEach((d, i) => {
    const key = `${Math.floor(d.x / cell)},${Math.floor(d.y / cell)}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(i);
    else buckets.set(key, [i]);
  });
  return { cell, buckets };
}

/** Calls `visit(i, j)` once for every pair i < j in neighbouring cells (all that could touch). */
function forEachClosePair(discs: readonly Disc[], visit: (i: number, j: number) => void): void {
  if (discs.length < 2) return;
  const { cell, buckets } = gridOf(discs);
  discs.forEach((a, i) => {
    const cx = Math.floor(a.x / cell);
    const cy = Math.floor(a.y / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of buckets.get(`${cx + dx},${cy + dy}`) ?? []) if (j > i) visit(i, j);
      }
    }
  });
}

/**
 * The smallest ratio distance / (r1 + r2) over pairs that could touch: ≥ 1 means no two
 * discs overlap. Infinity when there are fewer than two discs close enough to compare.
 */
export function minSeparationRatio(discs: readonly Disc[]): number {
  let min = Number.POSITIVE_INFINITY;
  forEachClosePair(discs, (i, j) => {
    const a = discs[i] as Disc;
    const b = discs[j] as Disc;
    min = Math.min(min, Math.hypot(a.x - b.x, a.y - b.y) / (a.size + b.size));
  });
  return min;
}

export function hasOverlaps(discs: readonly Disc[]): boolean {
  return minSeparationRatio(discs) < 1;
}

export interface MovableDisc {
  x: number;
  y: number;
  readonly size: number;
}

/**
 * Parts overlapping discs by moving both of each pair apart along the line between them,
 * half the overlap each plus `gap`. Symmetric and deterministic (coincident discs part along
 * an angle taken from their indices), unlike noverlap, which moves one disc of a pair and
 * jitters with Math.random. Returns whether no overlap is left.
 */
export function relaxOverlaps(discs: MovableDisc[], maxPasses: number, gap = 0.5): boolean {
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = false;
    forEachClosePair(discs, (i, j) => {
      const a = discs[i] as MovableDisc;
      const b = discs[j] as MovableDisc;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const dist = Math.hypot(dx, dy);
      const overlap = a.size + b.size + gap - dist;
      // Pairs closer than half the gap are moved: the other half absorbs later rounding.
      if (overlap <= gap / 2) return;
      moved = true;
      const angle = ((i * 7919 + j * 104729) % 360) * (Math.PI / 180);
      const ux = dist > 1e-9 ? dx / dist : Math.cos(angle);
      const uy = dist > 1e-9 ? dy / dist : Math.sin(angle);
      a.x -= (ux * overlap) / 2;
      a.y -= (uy * overlap) / 2;
      b.x += (ux * overlap) / 2;
      b.y += (uy * overlap) / 2;
    });
    if (!moved) return true;
  }
  return !hasOverlaps(discs);
}
