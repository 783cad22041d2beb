import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClusterHandle, startCluster } from '../../src/server/cluster.js';

// A plain worker (no TypeScript loader needed) that says which process answered and drains on
// SIGTERM like `serve` does; the cluster module is what is under test, not the GraphQL server.
const WORKER = `
import { createServer } from 'node:http';
const server = createServer((req, res) => res.end(String(process.pid)));
server.listen(0, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
`;

const dir = mkdtempSync(join(tmpdir(), 'cluster-test-'));
const script = join(dir, 'worker.mjs');
writeFileSync(script, WORKER);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One request on a fresh connection, so the primary hands each to the next worker. */
const pidAt = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('startCluster', () => {
  let handle: ClusterHandle | undefined;
  afterAll(async () => {
    await handle?.stop();
  });

  it('forks workers that share one port, replaces a crashed one, and stops them all', async () => {
    handle = startCluster({ workers: 2, exec: script, args: [], execArgv: [], restartDelayMs: 10 });
    const port = await handle.listening;
    expect(port).toBeGreaterThan(0);
    const workers = handle.workers();
    expect(workers).toHaveLength(2);

    const pids = new Set<string>();
    for (let i = 0; i < 20 && pids.size < 2; i++) pids.add(await pidAt(port));
    expect(pids).toEqual(new Set(workers.map((w) => String(w.process.pid))));

    const victim = workers[0];
    victim?.process.kill('SIGKILL');
    await until(() => handle?.restarts() === 1 && handle.workers().length === 2);
    const replacement = handle.workers().find((w) => w !== victim);
    await until(() => (handle?.workers() ?? []).every((w) => w.isConnected()));
    expect(replacement).toBeDefined();
    expect(await pidAt(port)).toMatch(/^\d+$/);

    const live = handle.workers();
    await handle.stop();
    expect(live.every((w) => w.isDead())).toBe(true);
    expect(handle.workers()).toHaveLength(0);
  });

  it('refuses a worker count that is not a positive integer', () => {
    expect(() => startCluster({ workers: 0 })).toThrow(/positive integer/);
  });
});
