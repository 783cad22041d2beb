/** A real `reform-graph serve` process (TypeScript sources through tsx) on a port the OS picks. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CLI = join(ROOT, 'src/cli/main.ts');

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

/** Starts a CLI command (`generate`, `build` ...); `done` resolves when it exits. */
export function spawnCli(
  args: readonly string[],
  options: { cwd?: string } = {},
): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return { child, done: new Promise((r) => child.once('exit', (code) => r({ code, output }))) };
}

/** Runs a CLI command to completion. */
export function runCli(args: readonly string[], options: { cwd?: string } = {}) {
  return spawnCli(args, options).done;
}

/** Starts `serve --port 0 --host 127.0.0.1 ...args` and resolves once it listens. */
export function startServe(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', TSX, CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...args],
    {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`serve did not start within 90 s:\n${out}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /localhost:(\d+)\/graphql/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        done({ child, url: `http://127.0.0.1:${port}`, output: () => out, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`serve exited (${code}) before listening:\n${out}`)));
  });
}
