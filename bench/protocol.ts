/** Messages between bench/run.mts and a server child (bench/server.mts). */

/**
 * reform-graph's server in each configuration: `yoga` (jit off, every request through yoga),
 * `yoga-jit` (graphql-jit, every request through yoga), `yoga-jit-fast` (what `serve` runs by
 * default: graphql-jit and the node:http fast path), `yoga-jit-fast-cache` (and the response
 * cache), `yoga-minimal` (yoga with no plugins, the framework's floor).
 */
export const SERVER_KINDS = [
  'bare',
  'mercurius',
  'yoga',
  'yoga-jit',
  'yoga-jit-fast',
  'yoga-jit-fast-cache',
  'yoga-minimal',
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
/**
 * What bench/server.mts can start: one server, or `pair` (not a row of `npm run bench`):
 * `yoga-jit-fast` and `mercurius` in one process over one snapshot, on two ports
 * (`ready.ports`). One 100k snapshot in memory instead of two, so bench/ab-http.mts can
 * alternate between them without a start-up per switch; only one is loaded at a time, so the
 * process's CPU over a window is that server's.
 */
export type ServedKind = ServerKind | 'pair';

/** Where a layout under load runs: a niced child process (what `serve` does), a worker thread, this thread. */
export const LAYOUT_MODES = ['process', 'worker', 'main'] as const;
export type LayoutMode = (typeof LAYOUT_MODES)[number];

export type ParentMessage =
  | { readonly type: 'gc-start' }
  | { readonly type: 'gc-stop' }
  | { readonly type: 'layout'; readonly mode: LayoutMode };

export type ChildMessage =
  | {
      readonly type: 'ready';
      readonly port: number;
      readonly ids: string[];
      readonly loadMs: number;
      /** `pair` only: the port of each server it holds. */
      readonly ports?: Readonly<Record<string, number>>;
    }
  | {
      readonly type: 'gc';
      readonly gcMs: number;
      readonly cpuMs: number;
      readonly wallMs: number;
      /** The window on CLOCK_MONOTONIC in µs, a `--cpu-prof` profile's clock. */
      readonly fromUs: number;
      readonly toUs: number;
    }
  | { readonly type: 'layout-done'; readonly ms: number; readonly nodes: number }
  | { readonly type: 'layout-failed'; readonly message: string };
