/**
 * Bounds on traversal requests. They keep every answer small enough to read and every
 * search cheap enough to run per request; each refusal names the bound and its value.
 */
export const TRAVERSAL_LIMITS = {
  /** Hops a neighbourhood may reach from its seeds. */
  maxDepth: 4,
  defaultDepth: 1,
  /** Seeds of one neighbourhood request. */
  maxSeeds: 100,
  /** Edges in one simple path (paths, shortestPath has no bound: it is one BFS). */
  maxPathLength: 6,
  defaultPathLength: 4,
  /** Relations in one responsibility chain (outcomeChains, drivers); chains are paths, so the same bound. */
  maxChainDepth: 6,
  defaultChainDepth: 4,
  /** Nodes of one neighbourhood, and entries of one timeline. */
  maxNodes: 500,
  defaultNodes: 100,
  /** Paths or chains in one answer. */
  maxPaths: 100,
  defaultPaths: 20,
  /**
   * Budget for the walks from `from` a path search could take (counted before searching, an
   * upper bound on the partial paths the depth-first search visits). Simple paths are all
   * enumerated before sorting, so a dense neighbourhood is refused up front instead of
   * hanging a request. Measured on the bundled data: walks overcount visits about tenfold,
   * and 100,000 visits take about 40 ms.
   */
  maxPathSearchWork: 5_000_000,
  /** Simple paths one search may find (all are sorted before the first `first` are kept). */
  maxPathsFound: 20_000,
} as const;
