/**
 * The review page end to end, as a curator uses it: a temp copy of graph-data with the press
 * conference fixture ingested, `reform-graph review`'s server on a real port, the built page
 * (dist/review) in Debian's chromium. The test accepts, edits, rejects, adds an entity from a
 * text selection, merges a duplicate, re-links an entity the graph already holds, sees a validation problem pinned to its item, saves, excludes an uncovered
 * figure, and then checks what was written: graph-data validates, and a real `serve --watch`
 * child process on the same directory serves the new entity without a restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { coverageReport } from '../../src/graph/coverage.js';
import { validateGraphData } from '../../src/graph/load.js';
import { copyData, removeDir } from '../../src/ingest/holdout.js';
import { ingestDocument } from '../../src/ingest/ingest.js';
import { KIND_COLORS } from '../../src/layout/palette.js';
import { createReviewServer } from '../../src/server/review/http.js';
import { ReviewSession } from '../../src/server/review/session.js';
import { hasChromium, launchChromium, selectInDocumentPane, warnIfNoChromium } from '../helpers/browser.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(ROOT, 'dist/review');
const ARTIFACTS = resolve(ROOT, 'tests/artifacts');
const FIXTURE = resolve(ROOT, 'tests/fixtures/ingest/press-conference-2024-01.txt');
const DOC = 'mps-press-conference-2024-01-10';
warnIfNoChromium('review browser test');

let data = '';
let candidates = '';
let server: Server | undefined;
let base = '';
let serve: ChildProcess | undefined;
let graphqlUrl = '';
let browser: Browser | undefined;

/** `reform-graph serve --watch` on the temp data, from source, on a port the OS picks. */
async function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
      '--watch',
      '--data',
      dataDir,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      // A snapshot file that never exists, so the temp data itself is loaded.
      '--snapshot',
      join(dataDir, 'none.snapshot'),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/GraphiQL: +(http:\/\/\S+\/graphql)/);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
  return { child, url };
}

async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}

async function gql(query: string): Promise<GraphQLAnswer> {
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as GraphQLAnswer;
}

/** A GET with a Host header of our choosing (fetch always sends the real one). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.once('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  data = copyData(resolve(ROOT, 'graph-data'));
  const ingested = ingestDocument({
    dataDir: data,
    file: FIXTURE,
    id: DOC,
    title: 'MPS press conference on the Summer Crackdown',
    published: '2024-01-11',
  });
  candidates = ingested.candidatesPath;
  if (!existsSync(join(DIST, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve(ROOT, 'review/vite.config.ts'), logLevel: 'warn' });
  }
  server = createReviewServer(new ReviewSession(data, candidates), DIST);
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', () => done()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started = await startServe(data);
  serve = started.child;
  graphqlUrl = started.url;
  if (hasChromium) {
    browser = await launchChromium();
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(serve);
  if (server?.listening) {
    server.closeAllConnections();
    await new Promise<void>((done) => server?.close(() => done()));
  }
  if (data) removeDir(data);
});

describe('review server', () => {
  it('answers only requests addressed to this machine, and is not part of the public serve', async () => {
    expect(await getWithHost(`${base}/api/session`, 'evil.example')).toBe(403);
    expect(await getWithHost(`${base}/api/session`, `localhost:${new URL(base).port}`)).toBe(200);
    const cross = await fetch(`${base}/api/save`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    const form = await fetch(`${base}/api/exclusions`, { method: 'POST', body: 'text=a&reason=b' });
    expect(form.status).toBe(415);
    const bad = await fetch(`${base}/api/save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file: { document: 'another-document' }, accepted: {} }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    // The public server has no review routes: they would let anyone write graph-data.
    const publicSave = await fetch(graphqlUrl.replace('/graphql', '/api/save'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(publicSave.status).toBe(404);
  });
});

describe('review page', () => {
  const row = (page: Page, key: string) => page.locator(`[data-testid="candidate"][data-key="${key}"]`);

  /** Selects `needle` (its first occurrence) in the document pane as a mouse drag would. */
  async function selectText(page: Page, needle: string): Promise<void> {
    expect(await selectInDocumentPane(page, needle)).toBe(true);
  }

  it.skipIf(!hasChromium)(
    'accepts, edits, rejects, adds from a selection and saves what validates; serve --watch picks it up',
    async () => {
      if (!browser) throw new Error('no browser');
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const pageErrors: string[] = [];
      const offsite: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const host = new URL(base).host;
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.host === host || url.protocol === 'data:') return route.continue();
        offsite.push(url.href);
        return route.abort();
      });
      try {
        // Before: the public server does not know the entity the curator is about to add.
        const before = await gql('{ entity(id: "person/zhang-wei") { id } }');
        expect(before.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

        await page.goto(`${base}/`);
        await page.locator('body[data-ready="true"]').waitFor();
        // Every candidate's span is highlighted in its kind's colour.
        // (A mention may be drawn in pieces where other spans, such as uncovered figures, begin.)
        const mention = async (key: string) => {
          const pieces = page.locator(`[data-testid="mention"][data-key="${key}"]`);
          const text = (await pieces.allTextContents()).join('');
          return { text, style: (await pieces.first().getAttribute('style')) ?? '' };
        };
        const outcome = await mention('outcome/criminal-cases-solved-2023');
        expect(outcome.text).toBe('a total of 1.3 million');
        expect(outcome.style).toContain(KIND_COLORS.OUTCOME);
        const person = await mention('person/li-guozhong');
        expect(person.text).toBe('Li Guozhong');
        expect(person.style).toContain(KIND_COLORS.PERSON);
        // The side list names each candidate with its confidence and rule; links name the existing entity.
        expect(await row(page, 'outcome/criminal-cases-solved-2023').textContent()).toMatch(
          /1300000 cases.*criminal-cases-solved.*2023.*confidence 0\.85 · outcome-large-number/,
        );
        expect(await row(page, 'organ/ministry-of-public-security').textContent()).toContain(
          'links to existing organ/ministry-of-public-security',
        );

        // Keyboard: the first row is current; j moves down, a accepts (and moves on), k goes back.
        const first = page.getByTestId('candidate').first();
        const firstKey = (await first.getAttribute('data-key')) ?? '';
        await page.keyboard.press('a');
        expect(await row(page, firstKey).getAttribute('data-decision')).toBe('accepted');
        await page.keyboard.press('k');
        await page.keyboard.press('r');
        expect(await row(page, firstKey).getAttribute('data-decision')).toBe('rejected');
        await page.keyboard.press('p');
        await page.keyboard.press('a');
        expect(await row(page, firstKey).getAttribute('data-decision')).toBe('accepted');

        // Accept every other candidate with the button, then reject one outcome.
        const keys = await page
          .getByTestId('candidate')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
        for (const key of keys) {
          if (!key || key === firstKey) continue;
          await row(page, key).click();
          await page.getByTestId('accept').click();
        }
        // Every relation the extractor proposed to it (the reporter's, and any PRODUCED) goes with
        // it, visibly, or saving would report them as dangling references.
        const lost = 'outcome/losses-recovered-for-masses-2023';
        const needing = keys.filter((k): k is string => !!k?.startsWith('rel/') && k.includes(lost));
        expect(needing).toContain(`rel/person/li-guozhong-REPORTED->${lost}`);
        const decisions = () => Promise.all(needing.map((k) => row(page, k).getAttribute('data-decision')));
        expect(new Set(await decisions())).toEqual(new Set(['accepted']));
        await row(page, lost).click();
        await page.getByTestId('reject').click();
        expect(await row(page, lost).getAttribute('data-decision')).toBe('rejected');
        expect(new Set(await decisions())).toEqual(new Set(['rejected']));
        const count = `${needing.length} relation${needing.length === 1 ? '' : 's'}`;
        expect(await page.getByTestId('status').textContent()).toContain(`and the ${count} that need it`);
        expect(await row(page, lost).getByTestId('rejected-along').textContent()).toBe(`+${count}`);
        expect(
          await row(page, needing[0] ?? '')
            .getByTestId('rejected-with')
            .textContent(),
        ).toMatch(/^with /);
        // Undoing the entity's rejection gives the relations back their own decisions; then reject again.
        await page.getByTestId('undecide').click();
        expect(new Set(await decisions())).toEqual(new Set(['accepted']));
        expect(await page.getByTestId('status').textContent()).toContain(`${count} restored`);
        await page.getByTestId('reject').click();
        expect(new Set(await decisions())).toEqual(new Set(['rejected']));

        // Edit: a clearer unit, and (first) a year the loader refuses.
        await row(page, 'outcome/criminal-cases-solved-2023').click();
        await page.getByTestId('field-unit').fill('criminal cases');
        await page.getByTestId('field-unit').press('Tab');
        await page.getByTestId('field-year').fill('2023-13');
        await page.getByTestId('field-year').press('Tab');

        // The byline's reporter is proposed by the extractor itself (person-byline, wave 6); before
        // it was not, and the curator added it from a selection (that now happens in the merge below).
        expect(await row(page, 'person/zhang-wei').getAttribute('data-decision')).toBe('accepted');

        // Add a relation from a selection: the page proposes STATED (the selected words state it),
        // and the curator weakens it; without an assertion the loader would refuse the relation.
        await selectText(page, 'Li Guozhong, director of the Criminal Investigation Bureau');
        await page.getByTestId('add-source').selectOption('person/li-guozhong');
        await page.getByTestId('add-relation-type').selectOption('SPOKE_AT');
        await page.getByTestId('add-target').selectOption('session/press-conference-2024-01-10');
        await page.getByTestId('add-relation').click();
        const spoke = 'rel/person/li-guozhong-SPOKE_AT->session/press-conference-2024-01-10';
        expect(await row(page, spoke).getAttribute('data-decision')).toBe('accepted');
        expect(await page.getByTestId('field-assertion').inputValue()).toBe('STATED');
        await page.getByTestId('field-assertion').selectOption('IMPLIED_BY_CONTEXT');
        expect(await row(page, spoke).textContent()).toContain('IMPLIED_BY_CONTEXT');

        // Add from a selection, then merge: the same reporter added by hand is folded into the proposed one.
        await selectText(page, 'Reporter Zhang Wei');
        await expect.poll(() => page.getByTestId('selection-quote').textContent()).toBe('Reporter Zhang Wei');
        await page.getByTestId('add-kind').selectOption('PERSON');
        await page.getByTestId('add-name').fill('Reporter Zhang Wei');
        await page.getByTestId('add-entity').click();
        await page.getByTestId('merge-into').selectOption({ label: 'Zhang Wei (person/zhang-wei)' });
        await page.getByTestId('merge').click();
        expect(await row(page, 'person/reporter-zhang-wei').count()).toBe(0);

        // An id the draft already holds: "add" becomes a quote of that row, never a second row with the
        // same key (which could not be saved).
        await selectText(page, 'Li Guozhong said');
        await expect.poll(() => page.getByTestId('selection-quote').textContent()).toBe('Li Guozhong said');
        await page.getByTestId('add-kind').selectOption('PERSON');
        await page.getByTestId('add-name').fill('Li Guozhong');
        expect(await page.getByTestId('add-id').inputValue()).toBe('person/li-guozhong');
        expect(await page.getByTestId('add-entity').textContent()).toContain('Id taken');
        await page.getByTestId('add-entity').click();
        expect(await row(page, 'person/li-guozhong').count()).toBe(1);

        // Re-link: an organ added by hand that the graph already holds becomes a link to it.
        await selectText(page, 'Ministry of Public Security');
        await expect.poll(() => page.getByTestId('selection-quote').textContent()).toBe('Ministry of Public Security');
        await page.getByTestId('add-kind').selectOption('ORGAN');
        await page.getByTestId('add-name').fill('Ministry of Public Security');
        // The suggested id is the proposed link's own, so the page would add a quote to it; the curator
        // types another id to add it as new and then re-links it.
        await page.getByTestId('add-id').fill('organ/mps-by-hand');
        await page.getByTestId('add-entity').click();
        expect(await row(page, 'organ/mps-by-hand').count()).toBe(1);
        await page.getByTestId('relink-search').fill('MPS');
        const hit = page.getByTestId('relink-hit').first();
        await expect.poll(() => hit.textContent()).toContain('organ/ministry-of-public-security');
        await hit.click();
        expect(await row(page, 'organ/mps-by-hand').count()).toBe(0);
        expect(await row(page, 'organ/ministry-of-public-security').count()).toBe(1);
        expect(await row(page, 'organ/ministry-of-public-security').textContent()).toContain('links to existing');

        // Save refuses the bad year: nothing written, the problem sits on the item and its span.
        await page.getByTestId('save').click();
        await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Not saved: \d+ problem/);
        expect(existsSync(join(data, 'knowledge', `${DOC}.yaml`))).toBe(false);
        expect(await page.getByTestId('row-problem').first().textContent()).toMatch(/year/);
        expect(await row(page, 'outcome/criminal-cases-solved-2023').getAttribute('class')).toContain('with-problems');
        expect(await page.locator('[data-testid="doc-text"] .has-problem').count()).toBeGreaterThan(0);

        // Fix it and save again.
        await page.getByTestId('field-year').fill('2023');
        await page.getByTestId('field-year').press('Tab');
        await page.getByTestId('save').click();
        await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Saved to .*graph-data validates/);
        expect(await row(page, 'person/zhang-wei').textContent()).toContain('saved');

        // The rejected outcome's figure is now uncovered; the curator excludes it with a reason.
        const uncovered = page.locator('[data-testid="uncovered-item"][data-text="3.8 billion"]');
        await uncovered.waitFor();
        expect(await page.locator('[data-testid="uncovered-span"]').count()).toBeGreaterThan(0);
        await uncovered.getByTestId('exclude').click();
        await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Exclusion refused/);
        // The passage excluded may be widened from the bare figure to the words around it.
        await uncovered.getByTestId('exclude-text').fill('Nearly 3.8 billion yuan of losses');
        await uncovered
          .getByTestId('exclude-reason')
          .fill('the recovered losses are counted by a later, fuller report');
        await uncovered.getByTestId('exclude').click();
        await expect
          .poll(() => page.getByTestId('status').textContent())
          .toMatch(/Excluded “Nearly 3\.8 billion yuan of losses”/);
        await row(page, 'outcome/criminal-cases-solved-2023').click();
        await page.locator('.editor').evaluate((el) => el.scrollTo(0, 0));
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, 'review.png') });
        expect(pageErrors).toEqual([]);
        expect(offsite).toEqual([]);
      } finally {
        await page.close();
      }

      // What was written validates, holds the edits, and leaves out what was rejected.
      const { problems, snapshot } = validateGraphData(data);
      expect(problems).toEqual([]);
      const knowledge = parse(readFileSync(join(data, 'knowledge', `${DOC}.yaml`), 'utf8')) as {
        entities: Record<string, unknown>[];
        extends?: Record<string, unknown>[];
        relations: Record<string, unknown>[];
      };
      const byId = new Map(knowledge.entities.map((e) => [e.id, e]));
      expect(byId.get('person/zhang-wei')).toMatchObject({ kind: 'PERSON', name: 'Zhang Wei', position: 'reporter' });
      expect(byId.get('person/zhang-wei')).toMatchObject({
        aliases: ['Reporter Zhang Wei'],
        // The quote added by hand is the proposed one's own: the merge keeps it once.
        evidence: [{ quote: 'Reporter Zhang Wei' }],
      });
      expect(byId.has('person/reporter-zhang-wei')).toBe(false);
      expect(byId.get('person/li-guozhong')?.evidence).toContainEqual({ quote: 'Li Guozhong said' });
      // The organ added by hand went in as a quote of the existing Ministry, not as a duplicate.
      expect(byId.has('organ/ministry-of-public-security')).toBe(false);
      const mps = (knowledge.extends ?? []).find((x) => x.id === 'organ/ministry-of-public-security');
      expect(mps?.evidence).toContainEqual({ quote: 'Ministry of Public Security' });
      expect(byId.get('outcome/criminal-cases-solved-2023')).toMatchObject({ unit: 'criminal cases', year: '2023' });
      expect(byId.has('outcome/losses-recovered-for-masses-2023')).toBe(false);
      expect(knowledge.relations).toContainEqual(
        expect.objectContaining({
          type: 'SPOKE_AT',
          source: 'person/li-guozhong',
          target: 'session/press-conference-2024-01-10',
          assertion: 'IMPLIED_BY_CONTEXT',
        }),
      );
      const exclusions = parse(readFileSync(join(data, 'coverage-exclusions', `${DOC}.yaml`), 'utf8')) as {
        exclusions: { text: string }[];
      };
      expect(exclusions.exclusions.map((x) => x.text)).toContain('Nearly 3.8 billion yuan of losses');
      expect(knowledge.relations.some((r) => r.target === 'outcome/losses-recovered-for-masses-2023')).toBe(false);
      // The exclusion went through the same checks and counts in coverage.
      if (!snapshot) throw new Error('no snapshot');
      const coverage = coverageReport(data, snapshot).documents.find((d) => d.document === DOC);
      expect(coverage?.uncoveredItems.map((u) => u.text)).not.toContain('3.8 billion');
      expect(coverage?.excluded).toBeGreaterThan(0);
      // The draft went back to the candidate file with the decisions, for a later session.
      const draft = parse(readFileSync(candidates, 'utf8')) as { review: Record<string, { decision?: string }> };
      expect(draft.review['outcome/losses-recovered-for-masses-2023']?.decision).toBe('rejected');
      expect(draft.review['person/zhang-wei']).toMatchObject({ rule: 'person-byline', decision: 'accepted' });
      expect(draft.review['person/reporter-zhang-wei']).toMatchObject({ decision: 'merged', into: 'person/zhang-wei' });

      // serve --watch reloads the directory by itself: no restart.
      await expect
        .poll(async () => (await gql('{ entity(id: "person/zhang-wei") { id name } }')).data, {
          timeout: 30_000,
          interval: 500,
        })
        .toEqual({ entity: { id: 'person/zhang-wei', name: 'Zhang Wei' } });
      const edited = await gql('{ entity(id: "outcome/criminal-cases-solved-2023") { ... on Outcome { unit } } }');
      expect(edited.data).toEqual({ entity: { unit: 'criminal cases' } });
    },
    180_000,
  );
});
