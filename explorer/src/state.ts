/**
 * UI state lives here, outside the graph. Sigma applies it at draw time through the node and
 * edge reducers below, so highlighting, dimming and filtering never touch graph attributes.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { LayoutNode } from './api';

/** A drawn node's attributes: the server's layout node, whose id is the graph's key. */
export type NodeAttributes = Omit<LayoutNode, 'id'>;

export interface EdgeAttributes {
  /** The relation type (PART_OF…). Not `type`: Sigma reads that as the edge program to draw with. */
  relation: string;
  label: string;
  size: number;
  color: string;
  /** How firmly the text backs the relation; what it does not state is drawn dashed. */
  assertion?: string;
}

/** The Sigma edge type (program) to draw a relation with: `dashed` unless the text states it. */
export function edgeTypeFor(assertion: string | undefined): 'arrow' | 'dashed' {
  return assertion === undefined || assertion === 'STATED' ? 'arrow' : 'dashed';
}

export type ExplorerGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export interface PathState {
  from: string;
  to: string;
  /** Entity ids in order; empty when the two are not connected. */
  nodes: string[];
  edges: string[];
}

export interface UiState {
  /** Kinds unticked in the legend. */
  hiddenKinds: Set<string>;
  /** The node whose details the panel shows (the start of a path). */
  selected: string | null;
  /** Under the mouse: its neighbourhood is brought forward while hovered. */
  hovered: string | null;
  /** The shortest path between two selected nodes, when one was asked for. */
  path: PathState | null;
  /** A node and its neighbours, brought forward by "Expand neighbours" until the selection changes. */
  neighbourhood: { anchor: string; nodes: Set<string> } | null;
  /** Labels that fit without overlapping (labels.ts); null until first planned, then all others are blank. */
  labels: Set<string> | null;
  /** The kinds legend folded away, so it does not cover nodes. */
  legendCollapsed: boolean;
}

export function initialState(): UiState {
  return {
    hiddenKinds: new Set(),
    selected: null,
    hovered: null,
    path: null,
    neighbourhood: null,
    labels: null,
    legendCollapsed: false,
  };
}

const FADED_NODE = '#e3e6ea';
const FADED_EDGE = '#eef0f3';
const EDGE_COLOR = '#c3c8d0';
const PATH_EDGE = '#111827';
const MAX_LABEL = 42;
const MAX_LABELLED_EDGES = 12;

export function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** A node is always drawn when it is selected or on the path, even if its kind is filtered out. */
function isPinned(state: UiState, node: string): boolean {
  return node === state.selected || (state.path?.nodes.includes(node) ?? false);
}

export function isNodeHidden(graph: ExplorerGraph, state: UiState, node: string): boolean {
  return state.hiddenKinds.has(graph.getNodeAttribute(node, 'kind')) && !isPinned(state, node);
}

/**
 * How a node is drawn from the UI state, before the label plan: labels.ts ranks labels by
 * what this gives (highlighted first, then forced, then raised) and the reducer keeps the ones
 * that fit.
 */
export function makeBaseNodeReducer(graph: ExplorerGraph, state: UiState) {
  return (node: string, data: NodeAttributes): Partial<NodeDisplayData> => {
    const res: Partial<NodeDisplayData> = { ...data, label: shortLabel(data.label) };
    if (isNodeHidden(graph, state, node)) return { ...res, hidden: true };

    if (state.path && state.path.nodes.length > 0) {
      if (state.path.nodes.includes(node)) {
        return { ...res, label: data.label, highlighted: true, forceLabel: true, zIndex: 2 };
      }
      return { ...res, color: FADED_NODE, label: '', zIndex: 0 };
    }

    const around = state.neighbourhood;
    if (around && !state.hovered && graph.hasNode(around.anchor)) {
      if (node === around.anchor) return { ...res, label: data.label, highlighted: true, forceLabel: true, zIndex: 2 };
      if (around.nodes.has(node)) return { ...res, forceLabel: true, zIndex: 1 };
      return { ...res, color: FADED_NODE, label: '', zIndex: 0 };
    }

    const focus = state.hovered ?? state.selected;
    if (focus && graph.hasNode(focus)) {
      if (node === focus || node === state.selected) {
        return { ...res, label: data.label, highlighted: true, forceLabel: true, zIndex: 2 };
      }
      if (graph.areNeighbors(node, focus)) {
        // Forced labels ignore Sigma's label grid: only where few enough not to pile up.
        return { ...res, forceLabel: graph.degree(focus) <= MAX_LABELLED_EDGES, zIndex: 1 };
      }
      return { ...res, color: FADED_NODE, label: '', zIndex: 0 };
    }
    return res;
  };
}

/** A label's rank for the plan: what the base reducer brought forward comes first. */
export function labelPriority(display: Partial<NodeDisplayData>): number {
  return (display.highlighted ? 4 : 0) + (display.forceLabel ? 2 : 0) + (display.zIndex ?? 0);
}

/** The base reducer with the label plan applied: planned labels are forced, all others blank. */
export function makeNodeReducer(graph: ExplorerGraph, state: UiState) {
  const base = makeBaseNodeReducer(graph, state);
  return (node: string, data: NodeAttributes): Partial<NodeDisplayData> => {
    const res = base(node, data);
    if (!state.labels || !res.label || res.hidden) return res;
    return state.labels.has(node) ? { ...res, forceLabel: true } : { ...res, label: null, forceLabel: false };
  };
}

export function makeEdgeReducer(graph: ExplorerGraph, state: UiState) {
  return (edge: string, data: EdgeAttributes): Partial<EdgeDisplayData> => {
    const source = graph.source(edge);
    const target = graph.target(edge);
    const res: Partial<EdgeDisplayData> = {
      ...data,
      type: edgeTypeFor(data.assertion),
      label: null,
      color: EDGE_COLOR,
    };
    if (isNodeHidden(graph, state, source) || isNodeHidden(graph, state, target)) return { ...res, hidden: true };

    if (state.path && state.path.nodes.length > 0) {
      if (state.path.edges.includes(edge)) {
        return { ...res, label: data.label, color: PATH_EDGE, size: 4, zIndex: 2 };
      }
      return { ...res, color: FADED_EDGE, zIndex: 0 };
    }

    const around = state.neighbourhood;
    if (around && !state.hovered && graph.hasNode(around.anchor)) {
      if (source === around.anchor || target === around.anchor) {
        return { ...res, color: '#6b7280', size: 2, zIndex: 1 };
      }
      return { ...res, color: FADED_EDGE, zIndex: 0 };
    }

    const focus = state.hovered ?? state.selected;
    if (focus && graph.hasNode(focus)) {
      if (source === focus || target === focus) {
        // Relation names only where they stay legible: around a node with few relations.
        const label = graph.degree(focus) <= MAX_LABELLED_EDGES ? data.label : null;
        return { ...res, label, color: '#6b7280', size: 2, zIndex: 1 };
      }
      return { ...res, color: FADED_EDGE, zIndex: 0 };
    }
    return res;
  };
}
