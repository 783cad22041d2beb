/**
 * Graceful shutdown of the real `serve` process: SIGTERM while a request is still arriving
 * (its body trickles in); for the drain period /ready answers 503 while the port still
 * accepts (so a load balancer sees it), then new connections are refused, the in-flight
 * request is still answered, and the process exits 0 by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

const DRAIN_MS = 1_500;

function startServe(): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: String(DRAIN_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /localhost:(\d+)\/graphql/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        done({ child, port: Number(port), output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`serve exited (${code}) before listening:\n${out}`)));
  });
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => done(socket));
    socket.once('error', fail);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let running: ChildProcess | undefined;
afterAll(() => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
});

describe('graceful shutdown of serve', () => {
  it('says not ready while draining, answers the request in flight at SIGTERM, refuses new connections and exits 0', async () => {
    const { child, port, output } = await startServe();
    running = child;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

    const body = JSON.stringify({ query: '{ entity(id: "organ/ministry-of-public-security") { id name } }' });
    const socket = await openSocket(port);
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk.toString();
    });
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
    );
    const half = Math.floor(body.length / 2);
    socket.write(body.slice(0, half));
    await sleep(200);

    const ready = () => fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status);
    expect(await ready()).toBe(200);
    child.kill('SIGTERM');
    await sleep(300);
    // Draining: still listening, but not ready.
    expect(await ready()).toBe(503);
    await sleep(DRAIN_MS);
    // The listener is closed: a new connection is refused while the old request is pending.
    await expect(openSocket(port)).rejects.toThrow(/ECONNREFUSED/);
    expect(child.exitCode).toBeNull();

    socket.write(body.slice(half));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response).toContain('"name":"Ministry of Public Security"');

    expect(await exited).toBe(0);
    expect(output()).toContain('all requests finished');
  }, 90_000);
});
