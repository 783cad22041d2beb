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
  | {
      readonly type: 'layout';
      readonly mode: LayoutMode;
      /** For mode 'process': SCHED_IDLE (default, what `serve` does) or false for nice 19 only. */
      readonly idle?: boolean;
      /** ForceAtlas2 iterations (default: the layout's own, 50 at 100k): a shorter job on a busy machine. */
      readonly iterations?: number;
      /** Abort the job after this many ms (it is then reported with aborted: true). */
      readonly timeoutMs?: number;
    };

/** Event-loop delay (perf_hooks monitorEventLoopDelay) and GC pauses over a window, in ms. */
export interface LoopFigures {
  readonly delayP50: number;
  readonly delayP99: number;
  readonly delayMax: number;
  readonly gcCount: number;
  readonly gcMs: number;
  readonly gcMaxMs: number;
  readonly wallMs: number;
}

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
      readonly loop?: LoopFigures;
      /** CPU of this server's finished children over the window (a layout process), Linux only. */
      readonly childCpuMs?: number;
      /**
       * Linux only: the main thread's time runnable but waiting for a core (schedstat), major
       * page faults, and the machine's CPU and memory pressure (PSI "some" stall time).
       */
      readonly os?: {
        readonly majorFaults: number;
        readonly runqueueMs: number;
        readonly cpuPressureMs: number;
        readonly memoryPressureMs: number;
      };
    }
  | {
      readonly type: 'layout-done';
      readonly ms: number;
      readonly nodes: number;
      /** Time this thread spent starting the job (fork or Worker start, and sending the job). */
      readonly startMs?: number;
      /** Stopped by timeoutMs in `phase`, before its result. */
      readonly aborted?: boolean;
      readonly phase?: string;
      /** This server's event loop during each phase of the job. */
      readonly loop?: Readonly<Record<string, LoopFigures>>;
      /** The job's own phase times and scheduling (not known for an aborted job). */
      readonly job?: {
        readonly ms: Readonly<Record<string, number>>;
        readonly niceness: number;
        readonly policy: string;
      };
    }
  | { readonly type: 'layout-failed'; readonly message: string };
