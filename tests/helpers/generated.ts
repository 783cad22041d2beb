/**
 * A generated heavy-tailed corpus loaded as a snapshot, for tests that compare an algorithm
 * with its reference on more than the bundled graph. The files are removed once loaded: a
 * snapshot validated from YAML holds everything it needs in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../../src/graph/generate.js';
import { validateGraphData } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';

export function generatedSnapshot(options: { entities: number; seed: number }): Snapshot {
  const root = mkdtempSync(join(tmpdir(), 'reform-graph-generated-'));
  try {
    generateCorpus({ ...options, out: root });
    const loaded = validateGraphData(root).snapshot;
    if (!loaded) throw new Error('the generated corpus did not load');
    return loaded;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
