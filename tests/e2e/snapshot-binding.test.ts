/**
 * `serve` serves a snapshot file only for the data it was built from (issue 14, item 4), run as
 * an operator would: `generate`, `build` and a plain `serve` in one working directory, so the
 * default `./graph-data` and `./graph-data.snapshot` are the paths in play.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../src/graph/snapshot-file.js';
import { DATA_DIR } from '../helpers/graphql.js';
import { runCli, type ServeProcess, spawnCli, startServe } from '../helpers/serve-process.js';

const cwd = mkdtempSync(join(tmpdir(), 'reform-graph-binding-'));
const snapshotFile = join(cwd, 'graph-data.snapshot');
let serving: ServeProcess | undefined;
let bundledEntities = 0;

beforeAll(async () => {
  cpSync(DATA_DIR, join(cwd, 'graph-data'), { recursive: true });
  const generated = await runCli(['generate', '--entities', '2000', '--out', 'gen'], { cwd });
  expect(generated.code, generated.output).toBe(0);
}, 240_000);

afterAll(async () => {
  await serving?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

async function health(server: ServeProcess) {
  const res = await fetch(`${server.url}/health`);
  return (await res.json()) as {
    entities: number;
    version: string;
    live: { version: string; data: string | null; source: string };
  };
}

describe('a snapshot file is bound to its data', () => {
  it('a plain serve after `build --data GEN` serves the bundled data, and says why not the file', async () => {
    const built = await runCli(['build', '--data', 'gen'], { cwd });
    expect(built.code, built.output).toBe(0);
    expect(existsSync(snapshotFile)).toBe(true);

    serving = await startServe([], { cwd });
    const h = await health(serving);
    bundledEntities = h.entities;
    expect(h.entities).toBeLessThan(2000);
    expect(h.live.source).toBe(`data ${join(cwd, 'graph-data')}`);
    // The warning names the file and the reason, at pino's warn level (40).
    const warning = serving
      .output()
      .split('\n')
      .find((line) => line.includes('"level":40') && line.includes('not used'));
    expect(warning).toMatch(/not a snapshot of .*graph-data/);
    await serving.stop();
  }, 240_000);

  it('serves the file once it is built from the bundled data, and /health names it', async () => {
    const built = await runCli(['build'], { cwd });
    expect(built.code, built.output).toBe(0);
    serving = await startServe([], { cwd });
    const h = await health(serving);
    expect(h.entities).toBe(bundledEntities);
    expect(h.live.source).toBe(`snapshot file ${snapshotFile}`);
    expect(h.live.data).toMatch(/^[0-9a-f]{64}$/);
    await serving.stop();
  }, 240_000);

  it('a build killed while writing leaves the good snapshot file as it was', async () => {
    const good = readFileSync(snapshotFile);
    const { child, done } = spawnCli(['build', '--data', 'gen'], { cwd });
    // Kill it the moment its temporary file exists, i.e. while it writes.
    let killed = false;
    while (child.exitCode === null && !killed) {
      if (readdirSync(cwd).some((name) => name.endsWith('.tmp'))) {
        child.kill('SIGKILL');
        killed = true;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await done;
    expect(killed, 'the build finished before it could be killed while writing').toBe(true);
    expect(readFileSync(snapshotFile).equals(good)).toBe(true);
    expect(readSnapshotFile(snapshotFile).entities()).toHaveLength(bundledEntities);
  }, 240_000);
});
