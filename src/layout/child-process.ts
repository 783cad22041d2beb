/**
 * Large layouts in a child process at the lowest CPU priority. A worker thread shares the
 * server's process: its collector's helper threads, its allocation and its result's transfer
 * all land beside the event loop that answers queries, and the kernel cannot tell the two
 * apart, so on a 2-core machine lookups waited seconds behind a 100k layout (BENCHMARKS.md).
 * A process started under `nice -n 19` (every thread of it, the collector's included, inherits
 * the priority) yields the CPU to the server whenever the server wants it, and its heap is its
 * own. It reads the same snapshot file the server read and sends back one buffer of columns.
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

export interface ChildLayoutArgs extends WorkerLayoutArgs {
  /** Niceness of the layout process (default LAYOUT_NICENESS; 0 runs it at the server's priority). */
  readonly niceness?: number;
}

/** How to start the layout process: nice wraps node, so every thread starts niced. */
function command(niceness: number): { execPath: string; execArgv: string[]; entry: string } {
  const entry = fileURLToPath(new URL(fromSource ? './child-main.ts' : './child-main.js', import.meta.url));
  // From source the entry is TypeScript: tsx's loader (a devDependency; dist/ needs none).
  const nodeArgs = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  if (niceness > 0 && process.platform !== 'win32' && existsSync(NICE)) {
    return { execPath: NICE, execArgv: ['-n', String(niceness), process.execPath, ...nodeArgs], entry };
  }
  return { execPath: process.execPath, execArgv: nodeArgs, entry };
}

/** Lays out a snapshot file in a niced child process; resolves with the packed columns. */
export function layoutInChildProcess(snapshotFile: string, args: ChildLayoutArgs = {}): Promise<PackedResult> {
  const niceness = args.niceness ?? LAYOUT_NICENESS;
  let child: ChildProcess | undefined;
  return settleJob(
    args,
    (onMessage, onFailure) => {
      const { execPath, execArgv, entry } = command(niceness);
      child = fork(entry, [], { execPath, execArgv, serialization: 'advanced', stdio: 'inherit' });
      const pid = child.pid;
      // Where nice was not available: the main thread at least (on Linux, setpriority is per thread).
      if (pid !== undefined && niceness > 0 && execPath === process.execPath) {
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
