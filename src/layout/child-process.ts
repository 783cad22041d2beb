/**
 * Large layouts in a child process at the lowest CPU priority. A worker thread shares the
 * server's process: its collector's helper threads, its allocation and its result's transfer
 * all land beside the event loop that answers queries, and the kernel cannot tell the two
 * apart, so on a 2-core machine lookups waited seconds behind a 100k layout (BENCHMARKS.md).
 * The process is started under `nice -n 19` (every thread of it, the collector's included,
 * inherits the priority), so its heap is its own and it yields the CPU to the server.
 *
 * `idle: true` also starts it under SCHED_IDLE (`chrt --idle 0`). A niced task is still an
 * ordinary task: a server thread woken by a request can queue on a core running the layout
 * and wait out its slice, while a core running only SCHED_IDLE tasks counts as idle for a
 * woken task and is preempted at once. Not the default: on a machine that is never idle (this
 * one, shared, load 20-30) a SCHED_IDLE layout got no CPU at all in 5 minutes, and nice 19
 * little more (BENCHMARKS.md, "Issue 20, 2026-11-30 night: lookups during a layout").
 *
 * It reads the same snapshot file the server read and sends back one buffer of columns.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromSource, layoutJob, settleJob, type WorkerLayoutArgs } from './worker.js';
import type { PackedResult, ParentMessage } from './worker-protocol.js';

/** The lowest priority (highest niceness) on Unix. */
export const LAYOUT_NICENESS = 19;

const NICE = '/usr/bin/nice';
const CHRT = '/usr/bin/chrt';

export interface ChildLayoutArgs extends WorkerLayoutArgs {
  /** Niceness of the layout process (default LAYOUT_NICENESS; 0 runs it at the server's priority). */
  readonly niceness?: number;
  /** Also run it under SCHED_IDLE (Linux, where chrt is installed; default false, see above). */
  readonly idle?: boolean;
}

/**
 * How to start the layout process: chrt and nice wrap node, so every thread starts with the
 * policy and the niceness. Each wrapper is used only where it exists.
 */
export function layoutCommand(
  niceness: number,
  idle: boolean,
): { execPath: string; execArgv: string[]; entry: string } {
  const entry = fileURLToPath(new URL(fromSource ? './child-main.ts' : './child-main.js', import.meta.url));
  // From source the entry is TypeScript: tsx's loader (a devDependency; dist/ needs none).
  const nodeArgs = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const unix = process.platform !== 'win32';
  const wrappers = [
    ...(idle && process.platform === 'linux' && existsSync(CHRT) ? [CHRT, '--idle', '0'] : []),
    ...(niceness > 0 && unix && existsSync(NICE) ? [NICE, '-n', String(niceness)] : []),
  ];
  const [execPath, ...rest] = wrappers;
  if (execPath === undefined) return { execPath: process.execPath, execArgv: nodeArgs, entry };
  return { execPath, execArgv: [...rest, process.execPath, ...nodeArgs], entry };
}

/** Lays out a snapshot file in a niced child process; resolves with the packed columns. */
export function layoutInChildProcess(snapshotFile: string, args: ChildLayoutArgs = {}): Promise<PackedResult> {
  const niceness = args.niceness ?? LAYOUT_NICENESS;
  const idle = args.idle ?? false;
  let child: ChildProcess | undefined;
  return settleJob(
    args,
    (onMessage, onFailure) => {
      const { execPath, execArgv, entry } = layoutCommand(niceness, idle);
      child = fork(entry, [], { execPath, execArgv, serialization: 'advanced', stdio: 'inherit' });
      const pid = child.pid;
      // Where nice was not available: the main thread at least (on Linux, setpriority is per thread).
      if (pid !== undefined && niceness > 0 && execPath !== NICE && !execArgv.includes(NICE)) {
        try {
          setPriority(pid, niceness);
        } catch {
          // Not permitted or not supported: the layout still runs, at the server's priority.
        }
      }
      child.on('message', onMessage);
      child.once('error', onFailure);
      // 'close', not 'exit': it comes after the IPC channel is drained, so after the result.
      child.once('close', (code, signal) =>
        onFailure(new Error(`layout process exited with ${signal ?? `code ${code}`} before its result`)),
      );
      child.send({ type: 'job', job: layoutJob(snapshotFile, args) } satisfies ParentMessage);
    },
    () => void child?.kill(),
  );
}
