/**
 * Where nodes added by "Expand neighbours" (or a path) go: on a ring around their anchor, then
 * pushed apart, like noverlap, but with each node's label counted as part of it. A ring alone
 * put a dozen neighbours' labels on top of each other; here a new node's box (circle plus the
 * label to its right, in graph units at the current zoom) must not overlap another new node's
 * box, any drawn node, or the labels that will be drawn beside the anchor and its drawn
 * neighbours. Drawn nodes stay where they are.
 *
 * Pushing apart can trap a node between drawn labels above and below it (each push along the
 * shorter way out sends it back into the other), and the rounds then run out with boxes still
 * overlapping; the label plan drops such a node's label. So whatever still overlaps at the end
 * moves to the free spot nearest the anchor.
 */

export interface Point {
  x: number;
  y: number;
}

export interface NewNode {
  id: string;
  label: string;
}

export interface Obstacle extends Point {
  /** Radius in graph units. */
  radius: number;
  /** The label that will be drawn beside it, if any (the anchor's, its drawn neighbours'). */
  label?: string;
}

export interface PlacementScale {
  /** Graph units per screen pixel at the zoom the nodes will be seen at. */
  unitsPerPixel: number;
  /** Node radius and label font size in pixels, and a label's width in pixels. */
  nodeRadius: number;
  fontSize: number;
  measure(text: string): number;
}

interface Box {
  x: number;
  y: number;
  /** Extents from the node's centre. */
  left: number;
  right: number;
  half: number;
}

const MAX_ROUNDS = 300;
/** How many rings of spots around the anchor a trapped node may try before it is left where it is. */
const MAX_RINGS = 200;

export function placeAround(
  anchor: Point,
  added: NewNode[],
  obstacles: Obstacle[],
  scale: PlacementScale,
): Map<string, Point> {
  const u = scale.unitsPerPixel;
  const gap = 4 * u;
  const boxes: Box[] = added.map((node) => ({
    x: 0,
    y: 0,
    left: scale.nodeRadius * u,
    right: (scale.nodeRadius + 3 + scale.measure(node.label)) * u,
    half: Math.max(scale.nodeRadius, scale.fontSize * 0.75) * u,
  }));
  const fixed: Box[] = obstacles.map((o) => ({
    x: o.x,
    y: o.y,
    left: o.radius,
    right: o.label ? o.radius + (3 + scale.measure(o.label)) * u : o.radius,
    half: o.label ? Math.max(o.radius, scale.fontSize * 0.75 * u) : o.radius,
  }));
  // The ring: wide enough that the boxes could sit side by side on it.
  const perimeter = boxes.reduce((sum, b) => sum + 2 * b.half + gap, 0);
  const radius = Math.max(perimeter / (2 * Math.PI), 40 * u);
  boxes.forEach((box, i) => {
    const angle = (i / Math.max(boxes.length, 1)) * Math.PI * 2 - Math.PI / 2;
    box.x = anchor.x + radius * Math.cos(angle);
    box.y = anchor.y + radius * Math.sin(angle);
  });

  for (let round = 0; round < MAX_ROUNDS; round++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i] as Box;
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j] as Box;
        const push = separation(a, b, gap);
        if (push) {
          a.x -= push.x / 2;
          a.y -= push.y / 2;
          b.x += push.x / 2;
          b.y += push.y / 2;
          moved = true;
        }
      }
      for (const o of fixed) {
        const push = separation(a, o, gap);
        if (push) {
          a.x -= push.x;
          a.y -= push.y;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  settle(anchor, boxes, fixed, gap);
  return new Map(added.map((node, i) => [node.id, { x: (boxes[i] as Box).x, y: (boxes[i] as Box).y }]));
}

/** Moves each box that still overlaps another or a drawn node to the free spot nearest the anchor. */
function settle(anchor: Point, boxes: Box[], fixed: Box[], gap: number): void {
  const clashes = (box: Box) =>
    fixed.some((o) => separation(box, o, gap)) || boxes.some((b) => b !== box && separation(box, b, gap));
  for (const box of boxes) {
    if (!clashes(box)) continue;
    const home = { x: box.x, y: box.y };
    // Rings a box's height apart, spots on each a box's height apart, from straight above.
    const step = 2 * box.half + gap;
    let free = false;
    for (let ring = 1; ring <= MAX_RINGS && !free; ring++) {
      const spots = Math.max(8, Math.ceil(2 * Math.PI * ring));
      for (let k = 0; k < spots && !free; k++) {
        const angle = (k / spots) * Math.PI * 2 - Math.PI / 2;
        box.x = anchor.x + ring * step * Math.cos(angle);
        box.y = anchor.y + ring * step * Math.sin(angle);
        free = !clashes(box);
      }
    }
    if (!free) {
      box.x = home.x;
      box.y = home.y;
    }
  }
}

/** How far b must move (a the opposite way) for the two boxes to stop overlapping, or null. */
function separation(a: Box, b: Box, gap: number): Point | null {
  const overlapX = Math.min(a.x + a.right, b.x + b.right) - Math.max(a.x - a.left, b.x - b.left) + gap;
  const overlapY = Math.min(a.y + a.half, b.y + b.half) - Math.max(a.y - a.half, b.y - b.half) + gap;
  if (overlapX <= 0 || overlapY <= 0) return null;
  // Along the shorter way out: labels are wide and short, so usually up or down.
  if (overlapY <= overlapX) return { x: 0, y: (b.y >= a.y ? 1 : -1) * overlapY };
  return { x: (b.x >= a.x ? 1 : -1) * overlapX, y: 0 };
}
