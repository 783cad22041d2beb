import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { writeSnapshotFile } from '../../src/graph/snapshot-file.js';
import { LAYOUT_NICENESS, layoutCommand, layoutInChildProcess } from '../../src/layout/child-process.js';
import { computeLayout, normaliseLayoutOptions } from '../../src/layout/index.js';
import { PackedLayout } from '../../src/layout/packed.js';
import type { LayoutOptions } from '../../src/layout/select.js';
import { type LayoutPhase, layoutInWorker, type PackedResult } from '../../src/layout/worker.js';

const dir = mkdtempSync(join(tmpdir(), 'layout-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const snapshot = loadGraphData(join(import.meta.dirname, '../../graph-data'));
const file = join(dir, 'graph.snapshot');
writeSnapshotFile(snapshot, file);

/** The packed result read back, as plain nodes and edges. */
function unpacked({ buffer, nodeCount }: PackedResult, options: LayoutOptions = {}) {
  const layout = new PackedLayout(snapshot, normaliseLayoutOptions(snapshot, options), buffer, nodeCount);
  return { nodes: layout.nodes, edges: layout.edges };
}

const runners = {
  'a worker thread': layoutInWorker,
  'a niced child process': layoutInChildProcess,
} as const;

describe.each(Object.entries(runners))('a layout job in %s', (_name, run) => {
  it('gives the bundled graph the same coordinates as a layout in this thread', async () => {
    const phases: LayoutPhase[] = [];
    const result = await run(file, { onPhase: (p) => phases.push(p) });
    expect(result.buffer).toBeInstanceOf(ArrayBuffer);
    expect(unpacked(result)).toEqual(computeLayout(snapshot));
    expect(phases).toEqual(['load', 'layout', 'send']);
    expect(result.ms.layout).toBeGreaterThan(0);
  });

  it('passes layout options through (a focus subgraph)', async () => {
    const options = { focus: ['organ/ministry-of-public-security'], depth: 1 };
    const result = await run(file, { options });
    expect(unpacked(result, options)).toEqual(computeLayout(snapshot, options));
  });

  it('rejects with the job error for bad options, and on abort', async () => {
    await expect(run(file, { options: { focus: ['nope/none'] } })).rejects.toThrow(/layout job failed/);
    const controller = new AbortController();
    const running = run(file, { signal: controller.signal });
    controller.abort(new Error('stopped'));
    await expect(running).rejects.toThrow('stopped');
  });
});

it('runs a layout process at the lowest CPU priority, and a worker thread at the server priority', async () => {
  const options = { focus: ['organ/ministry-of-public-security'] };
  // Niceness is relative: under `nice -n 10` "the server's priority" is 10.
  const own = getPriority();
  const niced = await layoutInChildProcess(file, { options });
  expect([niced.niceness, niced.policy]).toEqual([LAYOUT_NICENESS, 'normal']);
  const plain = await layoutInChildProcess(file, { options, niceness: 0 });
  expect([plain.niceness, plain.policy]).toEqual([own, 'normal']);
  const worker = await layoutInWorker(file, { options });
  expect([worker.niceness, worker.policy]).toEqual([own, 'normal']);
});

it('starts a layout process under chrt --idle only when asked, with nice inside it', () => {
  const idle = layoutCommand(LAYOUT_NICENESS, true);
  const wrappers = [idle.execPath, ...idle.execArgv].slice(0, 6);
  if (process.platform === 'linux' && existsSync('/usr/bin/chrt')) {
    expect(wrappers).toEqual(['/usr/bin/chrt', '--idle', '0', '/usr/bin/nice', '-n', String(LAYOUT_NICENESS)]);
  }
  const plain = layoutCommand(LAYOUT_NICENESS, false);
  expect([plain.execPath, ...plain.execArgv]).not.toContain('/usr/bin/chrt');
  expect(layoutCommand(0, false).execPath).toBe(process.execPath);
});
