import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KIND_COUNTS, generateCorpus } from '../../src/graph/generate.js';
import { validateGraphData } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { ENTITY_KIND_NAMES, ontologyViolation } from '../../src/model/ontology.js';

const ENTITIES = 2000;

/** One hash over every file's path and bytes, in sorted order. */
function hashDir(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(relative(dir, full)).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('generateCorpus', () => {
  let root: string;
  let snapshot: Snapshot;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'reform-graph-generate-'));
    generateCorpus({ entities: ENTITIES, out: join(root, 'a'), seed: 1 });
    const { snapshot: loaded, problems } = validateGraphData(join(root, 'a'));
    expect(problems).toEqual([]);
    if (!loaded) throw new Error('the generated corpus did not load');
    snapshot = loaded;
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('passes the real loader with zero problems, with ~5 relations per entity', () => {
    expect(snapshot.entities()).toHaveLength(ENTITIES);
    const curated = snapshot.graph.filterEdges((_e, r) => r.type !== 'MENTIONS').length;
    expect(curated).toBeGreaterThan(ENTITIES * 4.5);
    expect(curated).toBeLessThanOrEqual(ENTITIES * 5);
  });

  it('has every kind, in the bundled corpus proportions', () => {
    const { kinds } = snapshot.counts();
    const bundledTotal = ENTITY_KIND_NAMES.reduce((s, k) => s + BUNDLED_KIND_COUNTS[k], 0);
    for (const kind of ENTITY_KIND_NAMES) {
      expect(kinds[kind]).toBeGreaterThan(0);
      expect(Math.abs((kinds[kind] ?? 0) - (ENTITIES * BUNDLED_KIND_COUNTS[kind]) / bundledTotal)).toBeLessThan(3);
    }
  });

  it('respects the ontology and quotes the documents verbatim', () => {
    snapshot.graph.forEachEdge((_e, r, _s, _t, source, target) => {
      expect(ontologyViolation(r.type, source.kind, target.kind)).toBeNull();
      for (const ev of r.evidence)
        expect(snapshot.getDocument(ev.document)?.text.slice(ev.start, ev.end)).toBe(ev.quote);
    });
  });

  it('has heavy-tailed degrees: the maximum is far above the median', () => {
    const degrees = snapshot
      .entities()
      .map((e) => snapshot.graph.degree(e.id))
      .sort((a, b) => a - b);
    const median = degrees[degrees.length >> 1] ?? 0;
    const max = degrees.at(-1) ?? 0;
    expect(max).toBeGreaterThan(20 * median);
  });

  it('is deterministic: the same seed gives identical files, another seed different ones', () => {
    generateCorpus({ entities: ENTITIES, out: join(root, 'b'), seed: 1 });
    generateCorpus({ entities: ENTITIES, out: join(root, 'c'), seed: 2 });
    const a = hashDir(join(root, 'a'));
    expect(hashDir(join(root, 'b'))).toBe(a);
    expect(hashDir(join(root, 'c'))).not.toBe(a);
  });

  it('reports progress up to the total', () => {
    const seen: number[] = [];
    generateCorpus({ entities: 100, out: join(root, 'd'), onProgress: (p) => seen.push(p.entities) });
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
  });
});
