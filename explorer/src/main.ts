/**
 * reform-graph explorer: draws the server's layout with Sigma.js and lets you search, inspect
 * evidence, grow the drawing around a node, filter kinds and trace shortest paths.
 * Talks to the server over HTTP only (GraphQL at /graphql).
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import {
  ApiError,
  type EntityRef,
  fetchEntity,
  fetchLayout,
  fetchNeighbors,
  fetchShortestPath,
  type Layout,
  type RelationRef,
} from './api';
import { DashedArrowProgram } from './dashed-edge';
import { byId, h, kindLabel, relationLabel } from './dom';
import { keepLabelsApart } from './label-plan';
import { canvasMetrics, type LabelBox } from './labels';
import { type PanelActions, renderEntity, renderMessage, renderPath } from './panel';
import { type Obstacle, placeAround } from './placement';
import { createSearchBox, type SearchHit } from './search';
import {
  type EdgeAttributes,
  type ExplorerGraph,
  initialState,
  isNodeHidden,
  makeEdgeReducer,
  makeNodeReducer,
  type NodeAttributes,
  shortLabel,
} from './state';
import './style.css';

const FALLBACK_COLOR = '#7f7f7f';
const NEW_NODE_SIZE = 6;
const LABEL_FONT =
  '"Reform Graph CJK", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const LABEL_SIZE = 12;
const LABEL_WEIGHT = '500';

const els = {
  graph: byId('graph'),
  status: byId('status'),
  error: byId('error'),
  panel: byId('panel'),
  legend: byId('legend'),
  search: byId<HTMLInputElement>('search'),
  results: byId<HTMLDivElement>('results'),
  wholeGraph: byId<HTMLButtonElement>('whole-graph'),
  resetView: byId<HTMLButtonElement>('reset-view'),
};

const graph: ExplorerGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
const state = initialState();
/** Colour per kind, as the server paints it; learnt from the layouts it sends. */
const kindColors = new Map<string, string>();
/** Entities the current drawing is centred on; null for the whole graph. */
let focus: string[] | null = null;
let renderer: Sigma<NodeAttributes, EdgeAttributes> | null = null;

// ---------------------------------------------------------------------------------------------
// Status line and errors.

function setStatus(message: string, busy = false): void {
  els.status.textContent = message;
  els.status.dataset.busy = String(busy);
}

function describeCounts(): string {
  let visible = 0;
  graph.forEachNode((node) => {
    if (!isNodeHidden(graph, state, node)) visible++;
  });
  const hidden = graph.order - visible;
  const where = focus ? `around ${focus.map(nameOf).join(', ')}` : 'whole graph';
  return `${visible} nodes, ${graph.size} edges (${where})${hidden > 0 ? ` · ${hidden} hidden by the kind filter` : ''}`;
}

function showCounts(): void {
  setStatus(describeCounts());
}

function showError(err: unknown, context: string): void {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof ApiError && err.code ? err.code : undefined;
  els.error.replaceChildren(
    h('strong', {}, `${context}: `),
    h('span', { 'data-testid': 'error-message' }, message),
    ...(code ? [h('code', { className: 'code' }, code)] : []),
    h('button', { type: 'button', className: 'dismiss', 'aria-label': 'Dismiss', onclick: clearError }, '×'),
  );
  els.error.hidden = false;
}

function clearError(): void {
  els.error.hidden = true;
  els.error.replaceChildren();
}

/** Runs an action, turning any failure into the error banner and a status line. */
async function guarded(context: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    showError(err, context);
    setStatus(`${context} failed.`);
  }
}

// ---------------------------------------------------------------------------------------------
// The graph and its renderer.

function nameOf(id: string): string {
  return graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id;
}

function colorOf(kind: string): string {
  return kindColors.get(kind) ?? FALLBACK_COLOR;
}

function refresh(): void {
  renderer?.refresh();
}

function addRelation(rel: RelationRef, label = relationLabel(rel.type)): void {
  if (graph.hasEdge(rel.id) || !graph.hasNode(rel.sourceId) || !graph.hasNode(rel.targetId)) return;
  graph.addDirectedEdgeWithKey(rel.id, rel.sourceId, rel.targetId, {
    relation: rel.type,
    assertion: rel.assertion,
    label,
    size: 1,
    color: '#c3c8d0',
  });
}

function replaceGraph(layout: Layout): void {
  graph.clear();
  for (const n of layout.nodes) {
    if (!kindColors.has(n.kind)) kindColors.set(n.kind, n.color);
    graph.addNode(n.id, {
      label: n.label,
      kind: n.kind,
      x: n.x,
      y: n.y,
      size: n.size,
      color: n.color,
      community: n.community,
    });
  }
  for (const e of layout.edges) {
    addRelation({ id: e.id, type: e.type, sourceId: e.source, targetId: e.target, assertion: e.assertion }, e.label);
  }
}

/** A radius that reads as "next to" at the scale of the current drawing. */
function nearRadius(): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_n, a) => {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  const extent = Number.isFinite(minX) ? Math.max(maxX - minX, maxY - minY) : 100;
  return Math.max(extent * 0.06, 4);
}

/** Graph units per screen pixel at the current zoom. */
function unitsPerPixel(sigma: Sigma<NodeAttributes, EdgeAttributes>): number {
  const a = sigma.graphToViewport({ x: 0, y: 0 });
  const b = sigma.graphToViewport({ x: 1, y: 0 });
  const pixels = Math.hypot(b.x - a.x, b.y - a.y);
  return pixels > 0 ? 1 / pixels : 1;
}

const labelMetrics = canvasMetrics(LABEL_FONT, LABEL_SIZE, LABEL_WEIGHT);

/**
 * Adds entities not yet drawn around `centre`, apart from each other and from drawn nodes,
 * labels included. Spacing is in pixels at the zoom the result will be framed at, so the
 * graph's scale is frozen first (Sigma rescales to fit the drawing when it grows) and the
 * placement is redone once or twice when framing would zoom out.
 */
function addNodesNear(centre: string | null, entities: EntityRef[], framed: string[] = []): number {
  const missing = entities.filter((e) => !graph.hasNode(e.id));
  if (missing.length === 0) return 0;
  if (renderer && centre && graph.hasNode(centre)) {
    const sigma = renderer;
    sigma.setCustomBBox(sigma.getCustomBBox() ?? sigma.getBBox());
    const ratio = sigma.getCamera().ratio;
    let zoomOut = 1;
    for (let attempt = 0; attempt < 3; attempt++) {
      const u = unitsPerPixel(sigma) * zoomOut;
      // Labels that will stay drawn: the anchor's (in full) and its drawn neighbours'.
      const labelled = new Set([centre, ...graph.neighbors(centre)]);
      const obstacles: Obstacle[] = [];
      graph.forEachNode((n, a) => {
        if (missing.some((e) => e.id === n)) return;
        const label = n === centre ? a.label : labelled.has(n) ? shortLabel(a.label) : undefined;
        obstacles.push({ x: a.x, y: a.y, radius: Math.max(sigma.scaleSize(a.size), 4) * u, label });
      });
      const spots = placeAround(
        graph.getNodeAttributes(centre),
        missing.map((e) => ({ id: e.id, label: e.name })),
        obstacles,
        {
          unitsPerPixel: u,
          nodeRadius: sigma.scaleSize(NEW_NODE_SIZE),
          fontSize: LABEL_SIZE,
          measure: labelMetrics.measure,
        },
      );
      for (const e of missing) {
        const spot = spots.get(e.id) ?? graph.getNodeAttributes(centre);
        if (graph.hasNode(e.id)) graph.mergeNodeAttributes(e.id, { x: spot.x, y: spot.y });
        else {
          graph.addNode(e.id, {
            label: e.name,
            kind: e.kind,
            x: spot.x,
            y: spot.y,
            size: NEW_NODE_SIZE,
            color: colorOf(e.kind),
            community: -1,
          });
        }
      }
      sigma.refresh();
      const target = frameFor([centre, ...framed, ...missing.map((e) => e.id)]);
      if (!target || target.ratio <= ratio * zoomOut * 1.05) break;
      zoomOut = target.ratio / ratio;
    }
    renderLegend();
    return missing.length;
  }
  // Wide enough that the ring keeps the new nodes apart, however many there are.
  const base = nearRadius();
  const r = Math.max(base, (missing.length * base * 0.5) / (2 * Math.PI));
  const origin = centre && graph.hasNode(centre) ? graph.getNodeAttributes(centre) : { x: 0, y: 0 };
  const offset = Math.random() * Math.PI * 2;
  missing.forEach((e, i) => {
    const angle = offset + (i / missing.length) * Math.PI * 2;
    const radius = r * (1 + 0.35 * (i % 2));
    graph.addNode(e.id, {
      label: e.name,
      kind: e.kind,
      x: origin.x + radius * Math.cos(angle),
      y: origin.y + radius * Math.sin(angle),
      size: NEW_NODE_SIZE,
      color: colorOf(e.kind),
      community: -1,
    });
  });
  renderLegend();
  return missing.length;
}

function centreOn(id: string): void {
  if (!renderer) return;
  const display = renderer.getNodeDisplayData(id);
  if (!display) return;
  const camera = renderer.getCamera();
  void camera.animate({ x: display.x, y: display.y, ratio: Math.min(camera.ratio, 0.5) }, { duration: 500 });
}

/** Frames the given nodes, e.g. a path, without zooming in closer than a node's neighbourhood. */
function frameNodes(ids: string[]): void {
  const target = frameFor(ids);
  if (target) void renderer?.getCamera().animate(target, { duration: 500 });
}

/** The camera state that frames these nodes. */
function frameFor(ids: string[]): { x: number; y: number; ratio: number } | null {
  if (!renderer) return null;
  const points = ids.map((id) => renderer?.getNodeDisplayData(id)).filter((d) => d !== undefined);
  if (points.length === 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const ratio = Math.min(Math.max(Math.max(maxX - minX, maxY - minY) * 1.6, 0.25), 1.2);
  return { x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio };
}

function createRenderer(): Sigma<NodeAttributes, EdgeAttributes> {
  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, els.graph, {
    nodeReducer: makeNodeReducer(graph, state),
    edgeReducer: makeEdgeReducer(graph, state),
    defaultEdgeType: 'arrow',
    edgeProgramClasses: { dashed: DashedArrowProgram },
    renderEdgeLabels: true,
    zIndex: true,
    labelFont: LABEL_FONT,
    labelSize: LABEL_SIZE,
    labelWeight: LABEL_WEIGHT,
    labelColor: { color: '#1f2937' },
    edgeLabelSize: 11,
    edgeLabelColor: { color: '#374151' },
    labelRenderedSizeThreshold: 6,
    minCameraRatio: 0.03,
    maxCameraRatio: 4,
    stagePadding: 40,
  });
  const labels = keepLabelsApart(sigma, graph, state);
  // For the browser test: the label boxes drawn (none may overlap) and the nodes drawn.
  (window as unknown as { explorer?: { labels: () => LabelBox[]; nodes: () => string[] } }).explorer = {
    labels: labels.drawn,
    nodes: () => graph.nodes(),
  };
  sigma.on('clickNode', ({ node, event }) => {
    const original = event.original as MouseEvent;
    if (original.shiftKey && state.selected && state.selected !== node) void showPath(state.selected, node);
    else void selectNode(node);
  });
  sigma.on('clickStage', () => {
    if (state.selected || state.path) clearSelection();
  });
  sigma.on('enterNode', ({ node }) => {
    state.hovered = node;
    els.graph.style.cursor = 'pointer';
    refresh();
  });
  sigma.on('leaveNode', () => {
    state.hovered = null;
    els.graph.style.cursor = '';
    refresh();
  });
  return sigma;
}

async function loadLayout(newFocus: string[] | null): Promise<void> {
  setStatus(newFocus ? `Loading the neighbourhood of ${newFocus.map(nameOf).join(', ')}…` : 'Loading the graph…', true);
  const layout = await fetchLayout(newFocus ? { focus: newFocus, depth: 1 } : {});
  state.path = null;
  state.hovered = null;
  state.neighbourhood = null;
  focus = newFocus;
  renderer?.setCustomBBox(null);
  replaceGraph(layout);
  if (!renderer) {
    try {
      renderer = createRenderer();
    } catch (err) {
      throw new Error(`This browser cannot draw the graph (WebGL is needed): ${(err as Error).message}`);
    }
  }
  refresh();
  void renderer.getCamera().animatedReset({ duration: 300 });
  els.wholeGraph.disabled = focus === null;
  renderLegend();
  showCounts();
}

// ---------------------------------------------------------------------------------------------
// Selection, details, neighbours, paths.

let panelRequest = 0;

const actions: PanelActions = {
  expand: (id) => void expand(id),
  centre: centreOn,
  focusLayout: (id) =>
    void guarded('Loading the neighbourhood', async () => {
      await loadLayout([id]);
      if (graph.hasNode(id)) state.selected = id;
      refresh();
    }),
  select: (id) => void selectNode(id, true),
  clear: clearSelection,
  clearPath: () => {
    state.path = null;
    refresh();
    if (state.selected) void showDetails(state.selected);
    showCounts();
  },
};

function showPanel(...content: HTMLElement[]): void {
  els.panel.replaceChildren(...content);
  els.panel.scrollTop = 0;
}

function showIntro(): void {
  showPanel(
    renderMessage(
      'Explore the graph',
      'Search for an entity or click a node to see what it is, its dates and outcomes, and the quotes that back it. Shift-click a second node to highlight the shortest path between the two.',
      'panel-intro',
    ),
  );
}

async function showDetails(id: string, before: HTMLElement[] = []): Promise<void> {
  const request = ++panelRequest;
  showPanel(...before, renderMessage('Loading…', nameOf(id), 'panel-loading'));
  try {
    const details = await fetchEntity(id);
    if (request !== panelRequest) return;
    showPanel(
      ...before,
      renderEntity(
        details,
        { color: colorOf(details.kind), inGraph: graph.hasNode(id), pathStart: before.length === 0 },
        actions,
      ),
    );
  } catch (err) {
    if (request !== panelRequest) return;
    showPanel(...before, renderMessage('Could not load this entity', (err as Error).message, 'panel-error'));
    showError(err, 'Loading details');
  }
}

/** Puts an entity that the drawing lacks next to its drawn neighbours. */
async function ensureNode(id: string, fallback: EntityRef): Promise<void> {
  if (graph.hasNode(id)) return;
  const { neighbors, relations } = await fetchNeighbors(id);
  const anchor = neighbors.find((n) => graph.hasNode(n.id));
  addNodesNear(anchor?.id ?? null, [fallback]);
  for (const rel of relations) addRelation(rel);
}

async function selectNode(id: string, centre = false, hit?: EntityRef): Promise<void> {
  clearError();
  state.selected = id;
  state.path = null;
  state.neighbourhood = null;
  if (!graph.hasNode(id) && hit) {
    await guarded('Adding the entity to the drawing', () => ensureNode(id, hit));
  }
  refresh();
  if (centre) centreOn(id);
  showCounts();
  await showDetails(id);
}

function clearSelection(): void {
  panelRequest++;
  state.selected = null;
  state.path = null;
  state.neighbourhood = null;
  refresh();
  showIntro();
  showCounts();
}

async function expand(id: string): Promise<void> {
  await guarded('Expanding neighbours', async () => {
    setStatus(`Loading the neighbours of ${nameOf(id)}…`, true);
    const { neighbors, relations } = await fetchNeighbors(id);
    const added = addNodesNear(
      id,
      neighbors,
      neighbors.map((n) => n.id),
    );
    const edgesBefore = graph.size;
    for (const rel of relations) addRelation(rel);
    const addedEdges = graph.size - edgesBefore;
    state.selected = id;
    // Brought forward (the rest faded) and framed, whether or not anything was added.
    state.neighbourhood = { anchor: id, nodes: new Set(neighbors.map((n) => n.id).filter((n) => graph.hasNode(n))) };
    refresh();
    frameNodes([id, ...neighbors.map((n) => n.id)]);
    showCounts();
    const summary =
      added > 0 || addedEdges > 0
        ? `Added ${added} of ${neighbors.length} neighbours and ${addedEdges} edges around ${nameOf(id)}.`
        : `Showing the ${neighbors.length} neighbours of ${nameOf(id)} (all were already drawn).`;
    setStatus(`${summary} ${describeCounts()}`);
  });
}

async function showPath(from: string, to: string): Promise<void> {
  clearError();
  await guarded('Finding the shortest path', async () => {
    setStatus(`Finding the shortest path from ${nameOf(from)} to ${nameOf(to)}…`, true);
    state.neighbourhood = null;
    const path = await fetchShortestPath(from, to);
    if (path) {
      path.nodes.forEach((node, i) => {
        if (!graph.hasNode(node.id)) addNodesNear(path.nodes[i - 1]?.id ?? null, [node]);
      });
      for (const rel of path.edges) addRelation(rel);
      state.path = { from, to, nodes: path.nodes.map((n) => n.id), edges: path.edges.map((e) => e.id) };
      const n = path.edges.length;
      setStatus(
        `Shortest path: ${n} relation${n === 1 ? '' : 's'} from ${nameOf(from)} to ${nameOf(to)}. ${describeCounts()}`,
      );
    } else {
      state.path = null;
      setStatus(`${nameOf(from)} and ${nameOf(to)} are not connected. ${describeCounts()}`);
    }
    refresh();
    if (path) frameNodes(path.nodes.map((n) => n.id));
    await showDetails(to, [renderPath(from, to, path, nameOf, actions)]);
  });
}

// ---------------------------------------------------------------------------------------------
// Legend with kind filters.

function renderLegend(): void {
  const counts = new Map<string, number>();
  graph.forEachNode((_n, a) => counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1));
  const kinds = [...new Set([...kindColors.keys(), ...counts.keys()])].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
  );
  const rows = kinds.map((kind) =>
    h(
      'li',
      { className: counts.get(kind) ? '' : 'none-drawn' },
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          checked: !state.hiddenKinds.has(kind),
          'data-testid': `kind-filter-${kind}`,
          onchange: (event: Event) => {
            if ((event.target as HTMLInputElement).checked) state.hiddenKinds.delete(kind);
            else state.hiddenKinds.add(kind);
            refresh();
            showCounts();
          },
        }),
        h('span', { className: 'swatch', style: `background:${colorOf(kind)}` }),
        h('span', { className: 'kind-name' }, kindLabel(kind)),
        h('span', { className: 'count' }, counts.get(kind) ?? 0),
      ),
    ),
  );
  els.legend.classList.toggle('collapsed', state.legendCollapsed);
  const toggle = h(
    'button',
    {
      type: 'button',
      className: 'legend-toggle',
      'aria-expanded': String(!state.legendCollapsed),
      'data-testid': 'legend-toggle',
      title: state.legendCollapsed ? 'Show the kinds' : 'Fold the kinds away',
      onclick: () => {
        state.legendCollapsed = !state.legendCollapsed;
        renderLegend();
      },
    },
    h('span', { 'aria-hidden': 'true' }, state.legendCollapsed ? '▸' : '▾'),
    ' Kinds',
  );
  if (state.legendCollapsed) {
    els.legend.replaceChildren(h('h2', {}, toggle));
    return;
  }
  els.legend.replaceChildren(
    h('h2', {}, toggle),
    h('ul', {}, rows),
    h(
      'div',
      { className: 'legend-actions' },
      h(
        'button',
        {
          type: 'button',
          className: 'link',
          onclick: () => {
            state.hiddenKinds.clear();
            renderLegend();
            refresh();
            showCounts();
          },
        },
        'Show all',
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Search.

/** Picking selects the entity; with Shift, and another entity selected, it traces the path to it. */
function pick(hit: SearchHit, shift = false): void {
  const from = state.selected;
  if (shift && from && from !== hit.entity.id) {
    void (async () => {
      if (!graph.hasNode(hit.entity.id)) {
        await guarded('Adding the entity to the drawing', () => ensureNode(hit.entity.id, hit.entity));
      }
      await showPath(from, hit.entity.id);
    })();
  } else {
    void selectNode(hit.entity.id, true, hit.entity);
  }
}

createSearchBox({
  input: els.search,
  results: els.results,
  colorOf,
  onPick: pick,
  onError: (err) => showError(err, 'Search'),
});

// ---------------------------------------------------------------------------------------------
// Start.

els.wholeGraph.addEventListener(
  'click',
  () =>
    void guarded('Loading the graph', async () => {
      await loadLayout(null);
      if (state.selected && graph.hasNode(state.selected)) centreOn(state.selected);
    }),
);
els.resetView.addEventListener('click', () => void renderer?.getCamera().animatedReset({ duration: 400 }));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && document.activeElement !== els.search) clearSelection();
});

showIntro();
void guarded('Loading the graph', () => loadLayout(null));
