import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { writeSnapshotFile } from '../../src/graph/snapshot-file.js';
import { computeLayout } from '../../src/layout/index.js';
import { type LayoutPhase, layoutInWorker } from '../../src/layout/worker.js';

const dir = mkdtempSync(join(tmpdir(), 'layout-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const snapshot = loadGraphData(join(import.meta.dirname, '../../graph-data'));
const file = join(dir, 'graph.snapshot');
writeSnapshotFile(snapshot, file);

describe('layoutInWorker', () => {
  it('gives the bundled graph the same coordinates as a layout in this thread', async () => {
    const phases: LayoutPhase[] = [];
    const { layout, ms } = await layoutInWorker(file, { onPhase: (p) => phases.push(p) });
    expect(layout).toEqual(computeLayout(snapshot));
    expect(phases).toEqual(['load', 'layout', 'send']);
    expect(ms.layout).toBeGreaterThan(0);
  });

  it('passes layout options through (a focus subgraph)', async () => {
    const options = { focus: ['organ/ministry-of-public-security'], depth: 1 };
    const { layout } = await layoutInWorker(file, { options });
    expect(layout).toEqual(computeLayout(snapshot, options));
  });

  it('rejects with the worker error for bad options, and on abort', async () => {
    await expect(layoutInWorker(file, { options: { focus: ['nope/none'] } })).rejects.toThrow(/layout worker failed/);
    const controller = new AbortController();
    const running = layoutInWorker(file, { signal: controller.signal });
    controller.abort(new Error('stopped'));
    await expect(running).rejects.toThrow('stopped');
  });
});
