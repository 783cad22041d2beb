import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { writeSnapshotFile } from '../../src/graph/snapshot-file.js';
import { LAYOUT_NICENESS, layoutInChildProcess } from '../../src/layout/child-process.js';
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
  expect((await layoutInChildProcess(file, { options })).niceness).toBe(LAYOUT_NICENESS);
  expect((await layoutInChildProcess(file, { options, niceness: 0 })).niceness).toBe(0);
  expect((await layoutInWorker(file, { options })).niceness).toBe(0);
});
