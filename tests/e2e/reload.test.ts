/**
 * Hot reload never loses data: a broken edit is rejected and the last good snapshot keeps
 * serving; a half-written or truncated file is waited for or held back (issue 14, item 5).
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphData } from '../../src/graph/load.js';
import { DEFAULT_RELOAD_GUARD, lossesBeyond, ReloadingSource } from '../../src/server/reloading-source.js';
import { createServer } from '../../src/server/yoga.js';
import { DATA_DIR, execute, FIXTURES } from '../helpers/graphql.js';
import { type ServeProcess, startServe } from '../helpers/serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'reform-graph-reload-'));
cpSync(join(FIXTURES, 'valid-data'), dir, { recursive: true });
const knowledgeFile = join(dir, 'knowledge/data.yaml');
const original = readFileSync(knowledgeFile, 'utf8');
const source = new ReloadingSource(dir, loadGraphData(dir), undefined, { guard: { debounceMs: 50, settleMs: 100 } });
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
    const outcome = await source.reload();
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
    expect((await source.reload()).ok).toBe(true);
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
      await source.reload();
      for (const result of await Promise.all(inFlight)) record(result);
      record(await probe());
    }
    expect(seen.size).toBe(2);
    expect([...seen.values()].every((n) => n === 3 || n === 4)).toBe(true);
  });

  it('reloads by itself when a file changes', async () => {
    writeFileSync(knowledgeFile, original);
    await source.reload();
    const before = await probe();
    const stop = source.watch();
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

/**
 * A copy of the first five documents of the bundled data, so the files a reload reads can be
 * cut and restored. The later documents are left out: they refer to entities of the file these
 * tests truncate, so cutting it would be rejected as dangling references before the loss guard
 * (the rule under test) is reached.
 */
function bundledCopy(prefix: string) {
  const data = mkdtempSync(join(tmpdir(), prefix));
  const later = new Set(
    readdirSync(join(DATA_DIR, 'knowledge'))
      .filter((name) => /^\d{4}-/.test(name))
      .map((name) => name.replace(/\.yaml$/, '')),
  );
  cpSync(DATA_DIR, data, {
    recursive: true,
    filter: (src) => {
      const name = basename(src).replace(/\.(yaml|txt)$/, '');
      return !later.has(name);
    },
  });
  return data;
}

const BIG_FILE = 'knowledge/pps-daily-2024-reform-innovation.yaml';
/** The first n lines of a file, as a truncating copy or a crashed editor leaves it. */
const firstLines = (text: string, n: number) => `${text.split('\n').slice(0, n).join('\n')}\n`;

describe('a reload never publishes a graph that lost records to a half-written file', () => {
  const data = bundledCopy('reform-graph-guard-');
  const file = join(data, BIG_FILE);
  const full = readFileSync(file, 'utf8');
  const guarded = new ReloadingSource(data, loadGraphData(data));
  const server = createServer({ source: guarded, logging: false });
  const initial = guarded.current();
  afterAll(() => {
    guarded.close();
    rmSync(data, { recursive: true, force: true });
  });

  const guardedHealth = async () =>
    (await server.fetch('http://localhost/health')).json() as Promise<{
      status: string;
      entities: number;
      version: string;
      live: { version: string; source: string };
      notTaken: { reason: string; version?: string; losses?: { file: string; entities: { lost: number } }[] } | null;
    }>;

  it('holds back a file truncated to its first 201 lines and says why on /health', async () => {
    writeFileSync(file, firstLines(full, 201));
    const outcome = await guarded.reload();
    expect(outcome.ok).toBe(false);
    expect(outcome.problems).toEqual([]);
    expect(outcome.heldBack?.losses).toEqual([
      expect.objectContaining({ file: BIG_FILE, entities: expect.objectContaining({ lost: 65 }) }),
    ]);
    const h = await guardedHealth();
    expect(h.entities).toBe(initial.entities().length);
    expect(h.version).toBe(initial.version);
    expect(h.status).toBe('degraded');
    expect(h.notTaken?.reason).toMatch(/held back: knowledge\/pps-daily.* would lose 65 of 84 entities/);
    expect(h.notTaken?.version).not.toBe(initial.version);
  });

  it('takes the data again once the file is whole, and /health recovers', async () => {
    writeFileSync(file, full);
    expect((await guarded.reload()).ok).toBe(true);
    const h = await guardedHealth();
    expect(h).toMatchObject({ status: 'ok', notTaken: null, version: initial.version });
  });

  it('rejects a reload that drops entities other files still reference (dangling relations)', async () => {
    const common = join(data, 'knowledge/common.yaml');
    const text = readFileSync(common, 'utf8');
    try {
      writeFileSync(common, 'entities: []\n');
      const outcome = await guarded.reload();
      expect(outcome.ok).toBe(false);
      expect(outcome.problems.join('\n')).toMatch(/unknown entity/);
      expect(guarded.current()).toBe(initial);
    } finally {
      writeFileSync(common, text);
    }
  });

  it('serves the loss when the operator confirms it, and a guard set to 100% never holds', async () => {
    writeFileSync(file, firstLines(full, 201));
    try {
      expect((await guarded.reload()).ok).toBe(false);
      expect((await guarded.reload({ acceptLoss: true })).ok).toBe(true);
      expect(guarded.current().entities()).toHaveLength(initial.entities().length - 65);
      expect(guarded.status().source).toMatch(/loss accepted/);
      expect(lossesBeyond(guarded.current(), initial, { ...DEFAULT_RELOAD_GUARD, maxLossPercent: 100 })).toEqual([]);
      expect(lossesBeyond(initial, guarded.current(), DEFAULT_RELOAD_GUARD)).toHaveLength(1);
    } finally {
      writeFileSync(file, full);
      await guarded.reload();
    }
  });
});

describe('watching waits for files to stop changing', () => {
  it('never reads a new file while it is still being appended to', async () => {
    const data = mkdtempSync(join(tmpdir(), 'reform-graph-settle-'));
    cpSync(join(FIXTURES, 'valid-data'), data, { recursive: true });
    // Appends come 350 ms apart: each state is quiet longer than a debounce, shorter than settleMs.
    const settling = new ReloadingSource(data, loadGraphData(data), undefined, {
      guard: { debounceMs: 50, settleMs: 700 },
    });
    const before = settling.current().entities().length;
    const seen = new Set<number>();
    const poll = setInterval(() => seen.add(settling.current().entities().length), 20);
    const stop = settling.watch();
    try {
      const extra = join(data, 'knowledge/extra.yaml');
      writeFileSync(extra, 'document: tiny\nentities:\n');
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 350));
        appendFileSync(
          extra,
          `  - id: organ/extra-${i}\n    kind: ORGAN\n    name: Extra ${i}\n    evidence: [{ quote: Ministry }]\n`,
        );
      }
      const deadline = Date.now() + 15_000;
      while (settling.current().entities().length !== before + 4 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      seen.add(settling.current().entities().length);
      expect([...seen].sort()).toEqual([before, before + 4]);
    } finally {
      clearInterval(poll);
      stop();
      rmSync(data, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('a real `serve --watch` process', () => {
  const data = bundledCopy('reform-graph-watch-');
  const file = join(data, BIG_FILE);
  const full = readFileSync(file, 'utf8');
  let serving: ServeProcess | undefined;
  afterAll(async () => {
    await serving?.stop();
    rmSync(data, { recursive: true, force: true });
  });

  interface Health {
    status: string;
    entities: number;
    relations: number;
    notTaken: { reason: string } | null;
    live: { source: string };
    settling: boolean;
  }
  const health = async (): Promise<Health> => (await fetch(`${serving?.url}/health`)).json() as Promise<Health>;
  async function until(check: (h: Health) => boolean, what: string, ms = 60_000): Promise<Health> {
    const deadline = Date.now() + ms;
    for (;;) {
      const h = await health();
      if (check(h)) return h;
      if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}; /health: ${JSON.stringify(h)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('serves neither the chunks of a file written in four parts 600 ms apart nor a truncated file', async () => {
    serving = await startServe(['--watch', '--data', data, '--snapshot', join(data, 'none.snapshot')]);
    const whole = (await health()).entities;
    const wholeRelations = (await health()).relations;
    const served = new Set<string>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const h = await health();
        served.add(`${h.entities} entities, ${h.relations} relations`);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    // Cut at list items near each quarter, so every state is valid YAML that validates (198,
    // 241 and 241 entities with fewer relations): what an editor or a copy leaves mid-write.
    const cuts = [1, 2, 3].map((i) => full.lastIndexOf('\n  - ', Math.floor((full.length * i) / 4)) + 1);
    writeFileSync(file, full.slice(0, cuts[0]));
    for (const [i, from] of cuts.entries()) {
      await new Promise((r) => setTimeout(r, 600));
      appendFileSync(file, full.slice(from, cuts[i + 1] ?? full.length));
    }
    // Long enough for the last state to settle and be read (and for any earlier one to show).
    await until((h) => h.status === 'ok' && h.entities === whole && !h.settling, 'the whole file');
    await new Promise((r) => setTimeout(r, 1_500));
    polling = false;
    await poller;
    // Each half-written state was either read and held back or, on a slow machine, changed
    // while it was read and so read again: never served.
    expect([...served]).toEqual([`${whole} entities, ${wholeRelations} relations`]);

    // A truncated file: held back, and /health says why, until the operator confirms it.
    writeFileSync(file, firstLines(full, 201));
    const held = await until((h) => h.notTaken !== null, 'the truncated file to be held back');
    expect(held.entities).toBe(whole);
    expect(held.status).toBe('degraded');
    expect(held.notTaken?.reason).toMatch(/would lose 65 of 84 entities/);
    serving.child.kill('SIGHUP');
    const confirmed = await until((h) => h.entities !== whole, 'SIGHUP to serve the truncated file');
    expect(confirmed.entities).toBe(whole - 65);
    expect(confirmed.live.source).toMatch(/loss accepted/);
    writeFileSync(file, full);
    await until((h) => h.entities === whole && h.status === 'ok', 'the restored file');
  }, 240_000);
});
