/** Starting and stopping the server and measurement children of the benchmark. */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, ServedKind } from './protocol.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The children are .mts run from source: they need tsx's loader (already in execArgv under tsx). */
const nodeArgs = (extra: string[] = []) => [...process.execArgv, ...extra];

export interface ServerChild {
  readonly child: ChildProcess;
  readonly port: number;
  readonly ids: string[];
  readonly loadMs: number;
  /** `pair` only: the port of each server it holds. */
  readonly ports: Readonly<Record<string, number>>;
  request(message: ParentMessage, reply: ChildMessage['type']): Promise<ChildMessage>;
  /** Sends a message that has no reply. */
  notify(message: ParentMessage): void;
  stop(): Promise<void>;
}

export async function startServer(
  kind: ServedKind,
  snapshotFile: string,
  workers = 0,
  /** More node flags for the server (a profiler). */
  extraArgs: string[] = [],
): Promise<ServerChild> {
  const args = ['--kind', kind, '--snapshot', snapshotFile, '--workers', String(workers)];
  const child = fork(here('./server.mts'), args, {
    execArgv: nodeArgs(['--max-old-space-size=8000', ...extraArgs]),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server ${kind} exited with ${code} before it was ready`)));
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') resolve(m);
    });
  });
  child.removeAllListeners('exit');
  const request = (message: ParentMessage, reply: ChildMessage['type']) =>
    new Promise<ChildMessage>((resolve) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type === reply || (reply === 'layout-done' && m.type === 'layout-failed')) {
          child.off('message', onMessage);
          resolve(m);
        }
      };
      child.on('message', onMessage);
      child.send(message);
    });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(forced);
  };
  const notify = (message: ParentMessage) => {
    child.send(message);
  };
  return {
    child,
    port: ready.port,
    ids: ready.ids,
    loadMs: ready.loadMs,
    ports: ready.ports ?? {},
    request,
    notify,
    stop,
  };
}

/** Runs bench/inprocess.mts on a snapshot file in a fresh process and returns its JSON. */
export function runInProcess<T>(snapshotFile: string): T {
  const res = spawnSync(process.execPath, [...nodeArgs(['--expose-gc']), here('./inprocess.mts'), snapshotFile], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const last = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.status !== 0 || !last.startsWith('{')) {
    throw new Error(`inprocess.mts failed (${res.status}): ${res.stderr.trim().split('\n').slice(-5).join('\n')}`);
  }
  return JSON.parse(last) as T;
}
