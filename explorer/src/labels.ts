/**
 * Which node labels to draw so that no two overlap. Sigma's own label grid only caps how many
 * labels a grid cell shows, and forced labels (selection, neighbourhood, path) skip it, so in
 * the dense centre labels still piled up. Here every label is a box in screen pixels, placed
 * the way Sigma draws it (right of the node, vertically centred), and boxes are taken greedily
 * by priority; a box that would touch one already taken is left out. The node reducer then
 * forces the chosen labels and blanks the rest (see state.ts).
 */

export interface LabelCandidate {
  node: string;
  /** Viewport pixels of the node's centre and its rendered radius. */
  x: number;
  y: number;
  size: number;
  text: string;
  /** Higher first: selected/hovered, then its neighbourhood, then big nodes. */
  priority: number;
}

export interface LabelBox {
  node: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelMetrics {
  /** Label font size in pixels, as Sigma's labelSize. */
  fontSize: number;
  measure(text: string): number;
}

/** Where Sigma draws a label: from size + 3 px right of the centre, baseline a third of the font below it. */
export function labelBox(c: LabelCandidate, metrics: LabelMetrics): LabelBox {
  const left = c.x + c.size + 3;
  const baseline = c.y + metrics.fontSize / 3;
  return {
    node: c.node,
    left,
    top: baseline - metrics.fontSize,
    right: left + metrics.measure(c.text),
    bottom: baseline + metrics.fontSize * 0.3,
  };
}

export function boxesOverlap(a: LabelBox, b: LabelBox, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

const CELL = 64;

/** The labels to draw, highest priority first, none overlapping another (with `gap` px between). */
export function pickLabels(candidates: LabelCandidate[], metrics: LabelMetrics, gap = 2): LabelBox[] {
  const ordered = [...candidates].sort(
    (a, b) => b.priority - a.priority || b.size - a.size || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
  // A uniform grid of taken boxes, so each test looks at neighbours only.
  const grid = new Map<string, LabelBox[]>();
  const cellsOf = (box: LabelBox) => {
    const keys: string[] = [];
    for (let cx = Math.floor((box.left - gap) / CELL); cx <= Math.floor((box.right + gap) / CELL); cx++) {
      for (let cy = Math.floor((box.top - gap) / CELL); cy <= Math.floor((box.bottom + gap) / CELL); cy++) {
        keys.push(`${cx},${cy}`);
      }
    }
    return keys;
  };
  const taken: LabelBox[] = [];
  for (const candidate of ordered) {
    const box = labelBox(candidate, metrics);
    const cells = cellsOf(box);
    if (cells.some((key) => grid.get(key)?.some((other) => boxesOverlap(box, other, gap)))) continue;
    taken.push(box);
    for (const key of cells) {
      const list = grid.get(key);
      if (list) list.push(box);
      else grid.set(key, [box]);
    }
  }
  return taken;
}

/** Text widths with a canvas, cached per text: labels repeat on every frame. */
export function canvasMetrics(font: string, fontSize: number, weight: string): LabelMetrics {
  const context = document.createElement('canvas').getContext('2d');
  const widths = new Map<string, number>();
  return {
    fontSize,
    measure(text) {
      let width = widths.get(text);
      if (width === undefined) {
        if (context) context.font = `${weight} ${fontSize}px ${font}`;
        width = context ? context.measureText(text).width : text.length * fontSize * 0.6;
        widths.set(text, width);
      }
      return width;
    },
  };
}
