/**
 * Where "Expand neighbours" puts new nodes, against the explorer's own label plan: every new
 * node must get its label. The case is one the browser test met, where pushing apart left nodes
 * trapped between drawn labels and the plan dropped two labels.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LabelCandidate, pickLabels } from '../../explorer/src/labels.js';
import { placeAround } from '../../explorer/src/placement.js';

interface Trap {
  unitsPerPixel: number;
  nodeRadius: number;
  fontSize: number;
  anchor: { x: number; y: number };
  added: { id: string; labelWidth: number }[];
  obstacles: { x: number; y: number; radius: number; labelWidth?: number }[];
}

const trap = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/explorer/placement-trap.json'), 'utf8'),
) as Trap;

describe('placing expanded neighbours', () => {
  it('leaves room for every new label, even where drawn labels hem the anchor in', () => {
    const u = trap.unitsPerPixel;
    // Labels stand for their recorded widths, so no canvas is needed to measure them.
    const widthOf = new Map<string, number>();
    const labelOf = (key: string, width: number) => {
      widthOf.set(key, width);
      return key;
    };
    const added = trap.added.map((a) => ({ id: a.id, label: labelOf(a.id, a.labelWidth) }));
    const obstacles = trap.obstacles.map((o, i) => ({
      ...o,
      label: o.labelWidth === undefined ? undefined : labelOf(`obstacle-${i}`, o.labelWidth),
    }));
    const metrics = { fontSize: trap.fontSize, measure: (text: string) => widthOf.get(text) ?? 0 };
    const spots = placeAround(trap.anchor, added, obstacles, {
      unitsPerPixel: u,
      nodeRadius: trap.nodeRadius,
      fontSize: trap.fontSize,
      measure: metrics.measure,
    });

    // The label plan in screen pixels (y downwards); drawn labels outrank the new ones.
    const toScreen = (p: { x: number; y: number }) => ({ x: p.x / u, y: -p.y / u });
    const candidates: LabelCandidate[] = [
      ...obstacles.flatMap((o) =>
        o.label ? [{ node: o.label, ...toScreen(o), size: o.radius / u, text: o.label, priority: 5 }] : [],
      ),
      ...added.map((a) => {
        const spot = spots.get(a.id);
        if (!spot) throw new Error(`no spot for ${a.id}`);
        return { node: a.id, ...toScreen(spot), size: trap.nodeRadius, text: a.label, priority: 3 };
      }),
    ];
    const drawn = new Set(pickLabels(candidates, metrics).map((box) => box.node));
    expect(added.filter((a) => !drawn.has(a.id)).map((a) => a.id)).toEqual([]);
  });
});
