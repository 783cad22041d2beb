/** Hot reload never loses data: a broken edit is rejected and the last good snapshot keeps serving. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { ReloadingSource } from '../../src/server/reloading-source.js';
import { createServer } from '../../src/server/yoga.js';
import { execute, FIXTURES } from '../helpers/graphql.js';

const dir = mkdtempSync(join(tmpdir(), 'reform-graph-reload-'));
cpSync(join(FIXTURES, 'valid-data'), dir, { recursive: true });
const knowledgeFile = join(dir, 'knowledge/data.yaml');
const original = readFileSync(knowledgeFile, 'utf8');
const source = new ReloadingSource(dir, loadGraphData(dir));
const yoga = createServer({ source, logging: false });

afterAll(() => {
  source.close();
  rmSync(dir, { recursive: true, force: true });
});

const PROBE = '{ snapshot { version entityCount } entities(first: 100) { totalCount edges { node { id } } } }';

async function probe() {
  const result = await execute(PROBE, undefined, yoga);
  expect(result.errors).toBeUndefined();
  const { version, entityCount } = result.data.snapshot;
  // Every field of one response must come from one snapshot.
  expect(result.extensions?.snapshotVersion).toBe(version);
  expect(result.data.entities.totalCount).toBe(entityCount);
  expect(result.data.entities.edges).toHaveLength(entityCount);
  return { version: version as string, entityCount: entityCount as number };
}

async function health() {
  return (await yoga.fetch('http://localhost/health')).json() as Promise<{
    status: string;
    version: string;
    problems: string[];
  }>;
}

const withExtraOrgan = `${original}
  - type: PART_OF
    source: organ/mps
    target: organ/state-council
    assertion: CURATOR_INFERENCE
    evidence: [{ quote: The Ministry of Public Security }]
`.replace(
  'entities:\n',
  'entities:\n  - id: organ/state-council\n    kind: ORGAN\n    name: State Council\n    evidence: [{ quote: "Ministry" }]\n',
);

describe('serve --watch semantics', () => {
  it('rejects a broken edit, keeps serving the last good snapshot, and reports it in /health', async () => {
    const before = await probe();
    writeFileSync(knowledgeFile, `${original}\n  - type: LAUNCHED\n    source: organ/nobody\n`);
    const outcome = source.reload();
    expect(outcome.ok).toBe(false);
    expect(await probe()).toEqual(before);
    const h = await health();
    expect(h.status).toBe('degraded');
    expect(h.version).toBe(before.version);
    expect(h.problems.join('\n')).toMatch(/knowledge\/data\.yaml/);
  });

  it('swaps in a fixed edit whole, and /health recovers', async () => {
    const before = await probe();
    writeFileSync(knowledgeFile, withExtraOrgan);
    expect(source.reload().ok).toBe(true);
    const after = await probe();
    expect(after.version).not.toBe(before.version);
    expect(after.entityCount).toBe(before.entityCount + 1);
    expect((await health()).status).toBe('ok');
  });

  it('never lets a query see a half-loaded graph while the data flips between broken and good', async () => {
    const seen = new Map<string, number>();
    const record = ({ version, entityCount }: { version: string; entityCount: number }) => {
      const known = seen.get(version);
      if (known !== undefined) expect(entityCount).toBe(known);
      seen.set(version, entityCount);
    };
    for (let i = 0; i < 12; i++) {
      // Queries are in flight while the data changes under them.
      const inFlight = Array.from({ length: 10 }, () => probe());
      writeFileSync(knowledgeFile, i % 3 === 0 ? 'entities: [ {{{ broken' : i % 2 ? original : withExtraOrgan);
      source.reload();
      for (const result of await Promise.all(inFlight)) record(result);
      record(await probe());
    }
    expect(seen.size).toBe(2);
    expect([...seen.values()].every((n) => n === 3 || n === 4)).toBe(true);
  });

  it('reloads by itself when a file changes', async () => {
    writeFileSync(knowledgeFile, original);
    source.reload();
    const before = await probe();
    const stop = source.watch(50);
    try {
      writeFileSync(knowledgeFile, withExtraOrgan);
      const deadline = Date.now() + 5_000;
      let now = before;
      while (now.version === before.version && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        now = await probe();
      }
      expect(now.entityCount).toBe(before.entityCount + 1);
    } finally {
      stop();
    }
  });
});
