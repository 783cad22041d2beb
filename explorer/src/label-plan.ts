/**
 * Keeps the label plan (labels.ts) in step with what Sigma draws: after each render it works out
 * which labels fit at the current zoom and, when that set changed, stores it in the UI state and
 * refreshes, so the node reducer forces those labels and blanks the others. Zooming in frees
 * room, so more labels appear; nothing ever overlaps.
 */
import type Sigma from 'sigma';
import { canvasMetrics, type LabelBox, type LabelCandidate, pickLabels } from './labels';
import {
  type EdgeAttributes,
  type ExplorerGraph,
  labelPriority,
  makeBaseNodeReducer,
  type NodeAttributes,
  type UiState,
} from './state';

function sameSet(a: Set<string> | null, b: Set<string>): boolean {
  if (!a || a.size !== b.size) return false;
  for (const x of b) if (!a.has(x)) return false;
  return true;
}

export function keepLabelsApart(
  renderer: Sigma<NodeAttributes, EdgeAttributes>,
  graph: ExplorerGraph,
  state: UiState,
): { drawn(): LabelBox[] } {
  const base = makeBaseNodeReducer(graph, state);
  const settings = renderer.getSettings();
  const metrics = canvasMetrics(settings.labelFont, settings.labelSize, settings.labelWeight);
  let drawn: LabelBox[] = [];
  let pending = false;

  const plan = () => {
    const { width, height } = renderer.getDimensions();
    const threshold = settings.labelRenderedSizeThreshold;
    const candidates: LabelCandidate[] = [];
    graph.forEachNode((node, attributes) => {
      const display = renderer.getNodeDisplayData(node);
      const wanted = base(node, attributes);
      if (!display || display.hidden || wanted.hidden || !wanted.label) return;
      const { x, y } = renderer.framedGraphToViewport(display);
      const size = renderer.scaleSize(display.size);
      if (x < -size || y < -size || x > width + size || y > height + size) return;
      const priority = labelPriority(wanted);
      // Small nodes of no interest keep Sigma's rule: no label until zoomed in enough.
      if (priority === 0 && size < threshold) return;
      candidates.push({ node, x, y, size, text: wanted.label, priority });
    });
    drawn = pickLabels(candidates, metrics);
    const next = new Set(drawn.map((box) => box.node));
    if (!sameSet(state.labels, next)) {
      state.labels = next;
      renderer.refresh();
    }
  };

  renderer.on('afterRender', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      plan();
    });
  });
  return { drawn: () => drawn };
}
