import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshotFile, snapshotFileOf, writeSnapshotFile } from '../../src/graph/snapshot-file.js';
import { computeLayout, layoutOffThread } from '../../src/layout/index.js';
import { PackedLayout } from '../../src/layout/packed.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const dir = mkdtempSync(join(tmpdir(), 'layout-offthread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('layoutOffThread', () => {
  it('computes a small layout in this thread, synchronously, and caches it', () => {
    const snapshot = bundledSnapshot();
    const layout = layoutOffThread(snapshot, { focus: ['organ/ministry-of-public-security'] });
    expect(layout).not.toBeInstanceOf(Promise);
    expect(layoutOffThread(snapshot, { focus: ['organ/ministry-of-public-security'] })).toBe(layout);
  });

  it('runs a layout at or above the threshold in a child process, once for concurrent callers, from the snapshot file', async () => {
    const file = join(dir, 'graph.snapshot');
    writeSnapshotFile(bundledSnapshot(), file);
    const snapshot = readSnapshotFile(file);
    expect(snapshotFileOf(snapshot)).toBe(file);
    const first = layoutOffThread(snapshot, {}, { minNodes: 0 });
    const second = layoutOffThread(snapshot, {}, { minNodes: 0 });
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first);
    const layout = await first;
    // Packed columns, read back into the same nodes and edges as a layout in this thread.
    expect(layout).toBeInstanceOf(PackedLayout);
    expect({ nodes: layout.nodes, edges: layout.edges }).toEqual(computeLayout(snapshot));
    // Now cached: answered at once, without a process.
    expect(layoutOffThread(snapshot, {}, { minNodes: 0 })).toBe(layout);
  });

  it('sends the records when the snapshot was not read from a file', async () => {
    const snapshot = bundledSnapshot();
    const options = { focus: ['organ/ministry-of-public-security'], depth: 2 };
    const layout = await layoutOffThread(snapshot, options, { minNodes: 0 });
    expect({ nodes: layout.nodes, edges: layout.edges }).toEqual(computeLayout(snapshot, options));
  });

  it('refuses bad options before any work', () => {
    expect(() => layoutOffThread(bundledSnapshot(), { focus: ['nope/none'] }, { minNodes: 0 })).toThrow(/nope/);
  });
});
