/** The layout module's public face: positions, sizes, colours and communities for drawing. */
export { cachedLayout, cachedSelectionCount, FOCUS_CACHE_SIZE } from './cache.js';
export { type ChildLayoutArgs, LAYOUT_NICENESS, layoutInChildProcess } from './child-process.js';
export {
  assignLayout,
  computeLayout,
  DEFAULT_SEED,
  iterationsFor,
  type Layout,
  type LayoutEdge,
  type LayoutNode,
  type LayoutSettings,
  layoutGraph,
  layoutOf,
  MAX_SIZE,
  MIN_SIZE,
} from './layout.js';
export { layoutOffThread, type OffThreadOptions, WORKER_MIN_NODES } from './offthread.js';
export { hasOverlaps, minSeparationRatio } from './overlap.js';
export { PackedLayout, type PackedPositions, packLayout } from './packed.js';
export { colorOf, KIND_COLORS } from './palette.js';
export {
  buildLayoutGraph,
  LAYOUT_LIMITS,
  type LayoutGraph,
  type LayoutOptions,
  type LayoutSelection,
  type NormalisedLayoutOptions,
  normaliseLayoutOptions,
  selectLayout,
} from './select.js';
