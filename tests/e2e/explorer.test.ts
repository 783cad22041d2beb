/**
 * The explorer end to end: the built front end (dist/explorer) served by explorerPlugin beside
 * the real GraphQL schema and bundled data on a real port, driven in Debian's chromium.
 * `npm run build` builds dist/explorer; when it is missing the explorer is built here once.
 * Every request the page makes outside this server is refused: the page must work offline.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createYoga } from 'graphql-yoga';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Context, schema } from '../../src/schema/index.js';
import { explorerPlugin, resolveExplorerFile } from '../../src/server/explorer-route.js';
import { createApp } from '../../src/server/yoga.js';
import { hasChromium, launchChromium, warnIfNoChromium } from '../helpers/browser.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(ROOT, 'dist/explorer');
const ARTIFACTS = resolve(ROOT, 'tests/artifacts');
warnIfNoChromium('explorer browser test');

function serverFor(distDir: string) {
  const snapshot = bundledSnapshot();
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    context: () => ({ snapshot }),
    logging: false,
    plugins: [explorerPlugin(distDir)],
  });
  return createServer(yoga);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}

let server: Server | undefined;
let base = '';

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(join(DIST, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve(ROOT, 'explorer/vite.config.ts'), logLevel: 'warn' });
  }
  // The real app (all plugins, GraphiQL on), serving the explorer from dist/explorer.
  const app = createApp({ snapshot: bundledSnapshot(), logging: false, config: { introspection: true } });
  server = createServer(app.listener);
  base = await listen(server);
}, 120_000);

afterAll(() => close(server));

describe('explorer route', () => {
  it('redirects /explorer to /explorer/ and serves index.html', async () => {
    const redirect = await fetch(`${base}/explorer?x=1`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/explorer/?x=1');

    const index = await fetch(`${base}/explorer/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).toContain('data-testid="search-input"');
    // No CDN, no web fonts: every script and stylesheet comes from /explorer/.
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const [, asset] of html.matchAll(/(?:src|href)="(\/explorer\/assets\/[^"]+)"/g)) {
      const res = await fetch(`${base}${asset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(asset?.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(res.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('answers 404 for missing files and refuses paths that leave the build directory', async () => {
    expect((await fetch(`${base}/explorer/nope.js`)).status).toBe(404);
    // URL parsing already folds %2e%2e segments away (the path then leaves /explorer/ altogether)…
    const dotted = await fetch(`${base}/explorer/%2e%2e/%2e%2e/package.json`);
    expect(dotted.status).toBe(404);
    expect(await dotted.text()).not.toContain('reform-graph');
    // …but encoded slashes and backslashes reach the route, which refuses them.
    expect((await fetch(`${base}/explorer/..%2f..%2fpackage.json`)).status).toBe(400);
    expect((await fetch(`${base}/explorer/a%5c..%5c..%5cpackage.json`)).status).toBe(400);
    expect((await fetch(`${base}/explorer/`, { method: 'POST' })).status).toBe(405);
    expect(resolveExplorerFile('/srv/x', '../y')).toBeNull();
    expect(resolveExplorerFile('/srv/x', 'assets/a.js')).toBe('/srv/x/assets/a.js');
    expect(resolveExplorerFile('/srv/x', '')).toBe('/srv/x/index.html');
  });

  it('answers 503 with a page saying how to build when the explorer was not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'explorer-unbuilt-'));
    const unbuilt = serverFor(empty);
    try {
      const url = await listen(unbuilt);
      const res = await fetch(`${url}/explorer/`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('vite build --config explorer/vite.config.ts');
      // GraphQL is unaffected.
      const gql = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ snapshot { entityCount } }' }),
      });
      expect(gql.status).toBe(200);
    } finally {
      await close(unbuilt);
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('explorer in a browser', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!hasChromium) return;
    // Sigma draws with WebGL: without a GPU, chromium needs its software renderer allowed.
    browser = await launchChromium(['--enable-unsafe-swiftshader']);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A page that may only talk to our server, with its errors collected. */
  async function openPage(): Promise<{ page: Page; offsite: string[]; pageErrors: string[] }> {
    if (!browser) throw new Error('no browser');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const offsite: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const host = new URL(base).host;
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === host || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      offsite.push(url.href);
      return route.abort();
    });
    return { page, offsite, pageErrors };
  }

  /**
   * The panel's Chinese name is drawn with real glyphs, though this machine has no CJK fonts.
   * Chromium's DevTools protocol says which fonts drew a node's text: every character must come
   * from the bundled subset (an element laid out before the font arrived kept system-font boxes
   * when the subset came last in the font list). And a missing glyph is drawn as the same empty
   * box for every character, so each character alone must have width and look unlike the others.
   */
  async function expectRealGlyphs(page: Page, nameZh: string): Promise<void> {
    const zh = page.getByTestId('panel-name-zh');
    await expect.poll(() => zh.textContent()).toBe(nameZh);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '[data-testid="panel-name-zh"]',
    });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    await cdp.detach();
    expect(fonts).toEqual([expect.objectContaining({ isCustomFont: true, glyphCount: [...nameZh].length })]);

    const widths = await zh.evaluate((el) =>
      [...(el.textContent ?? '')].map((char, i) => {
        const node = el.cloneNode(false) as HTMLElement;
        node.textContent = char;
        node.setAttribute('data-testid', `zh-glyph-${i}`);
        node.style.display = 'inline-block';
        el.parentElement?.append(node);
        return node.getBoundingClientRect().width;
      }),
    );
    try {
      expect(widths.length).toBe([...nameZh].length);
      for (const width of widths) expect(width).toBeGreaterThan(0);
      const glyphs = new Set<string>();
      for (let i = 0; i < widths.length; i++) {
        glyphs.add((await page.getByTestId(`zh-glyph-${i}`).screenshot()).toString('base64'));
      }
      expect(glyphs.size).toBe(new Set(nameZh).size);
    } finally {
      await zh.evaluate((el) => {
        for (const copy of el.parentElement?.querySelectorAll('[data-testid^="zh-glyph-"]') ?? []) copy.remove();
      });
    }
  }

  it.skipIf(!hasChromium)(
    'draws the graph, finds an entity, shows its quotes and traces a path',
    async () => {
      const { page, offsite, pageErrors } = await openPage();
      try {
        await page.goto(`${base}/explorer/`);
        await page.locator('[data-testid="graph"] canvas').first().waitFor();
        await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 }).toMatch(/^\d+ nodes/);
        const status = (await page.getByTestId('status').textContent()) ?? '';
        expect(Number(status.match(/^(\d+) nodes/)?.[1])).toBeGreaterThan(50);
        expect(await page.getByTestId('legend').locator('input[type=checkbox]').count()).toBeGreaterThan(3);

        await page.getByTestId('search-input').fill('Ministry of Public Security');
        const first = page.getByTestId('search-result').first();
        await first.waitFor();
        expect(await first.getAttribute('data-id')).toBe('organ/ministry-of-public-security');
        await first.click();

        const panel = page.getByTestId('side-panel');
        await expect.poll(() => panel.getByTestId('panel-name').textContent()).toBe('Ministry of Public Security');
        const quote = panel.getByTestId('evidence-quote').filter({ hasText: 'Ministry of Public Security' }).first();
        await quote.waitFor();
        expect(await panel.getByTestId('evidence-document').count()).toBe(
          await panel.getByTestId('evidence-quote').count(),
        );
        expect(await panel.getByTestId('panel-kind').textContent()).toBe('Organ');
        await expectRealGlyphs(page, '公安部');

        // Hiding a kind through the legend is counted in the status line.
        await page.getByTestId('kind-filter-PERSON').uncheck();
        await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/hidden by the kind filter/);
        await page.getByTestId('kind-filter-PERSON').check();

        // The README's explorer/screenshot.png is this picture: the panel from its top, Chinese name included.
        await panel.evaluate((el) => {
          el.scrollTop = 0;
        });
        await page.screenshot({ path: join(ARTIFACTS, 'explorer.png') });

        // Shift-picking a second entity traces the shortest path from the selected one.
        await page.getByTestId('search-input').fill('advanced law enforcement');
        const outcome = page.locator(
          '[data-testid="search-result"][data-id="outcome/advanced-law-enforcement-qualification-2022"]',
        );
        await outcome.click({ modifiers: ['Shift'] });
        const path = panel.getByTestId('path');
        await path.waitFor();
        expect(await path.textContent()).toMatch(/3 relations:/);
        await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/^Shortest path: 3 relations from/);
        expect(await panel.getByTestId('panel-name').textContent()).toMatch(/advanced law enforcement/);
        expect(await panel.getByTestId('fact-value').count()).toBe(1);
        await page.screenshot({ path: join(ARTIFACTS, 'explorer-path.png') });

        expect(pageErrors).toEqual([]);
        expect(offsite).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  interface Box {
    node: string;
    left: number;
    top: number;
    right: number;
    bottom: number;
  }

  /** The label boxes the explorer drew, once its label plan has settled; none may overlap. */
  async function drawnLabels(page: Page): Promise<Box[]> {
    const read = () =>
      page.evaluate(() =>
        (window as unknown as { explorer: { labels: () => Box[] } }).explorer.labels().map((b) => ({ ...b })),
      );
    let previous = '';
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(150);
      const boxes = await read();
      const now = JSON.stringify(boxes);
      if (now === previous && boxes.length > 0) break;
      previous = now;
    }
    const boxes = await read();
    const overlapping = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        .map((b) => `${a.node} / ${b.node}`),
    );
    expect(overlapping).toEqual([]);
    return boxes;
  }

  it.skipIf(!hasChromium)(
    "keeps labels apart, folds the legend, expands neighbourhoods visibly and shows a person's position",
    async () => {
      const { page, offsite, pageErrors } = await openPage();
      const status = () => page.getByTestId('status').textContent();
      try {
        await page.goto(`${base}/explorer/`);
        await expect.poll(status, { timeout: 20_000 }).toMatch(/^\d+ nodes/);
        expect((await drawnLabels(page)).length).toBeGreaterThan(5);

        // The legend folds to its title and unfolds again.
        const legend = page.getByTestId('legend');
        const unfolded = (await legend.boundingBox())?.height ?? 0;
        await page.getByTestId('legend-toggle').click();
        expect(await legend.locator('input[type=checkbox]').count()).toBe(0);
        expect((await legend.boundingBox())?.height ?? 0).toBeLessThan(unfolded / 3);
        await page.getByTestId('legend-toggle').click();
        expect(await legend.locator('input[type=checkbox]').count()).toBeGreaterThan(3);

        // In the whole graph every neighbour is drawn already: expanding brings them forward.
        const panel = page.getByTestId('side-panel');
        await page.getByTestId('search-input').fill('Ministry of Public Security');
        await page.locator('[data-testid="search-result"][data-id="organ/ministry-of-public-security"]').click();
        await expect.poll(() => panel.getByTestId('panel-name').textContent()).toBe('Ministry of Public Security');
        await panel.getByTestId('expand').click();
        await expect
          .poll(status)
          .toMatch(/^Showing the \d+ neighbours of Ministry of Public Security \(all were already drawn\)/);
        const around = await drawnLabels(page);
        expect(around.map((b) => b.node)).toContain('organ/ministry-of-public-security');
        expect(around.length).toBeGreaterThan(5);
        await page.screenshot({ path: join(ARTIFACTS, 'explorer-expand-whole.png') });

        // Around one node, expanding another adds its neighbours with every label drawn, apart.
        await panel.getByRole('button', { name: 'Only its neighbourhood' }).click();
        await expect.poll(status, { timeout: 20_000 }).toMatch(/around Ministry of Public Security/);
        const before = await page.evaluate(() => document.querySelector('[data-testid="status"]')?.textContent);
        await page.getByTestId('search-input').fill('demonstration city');
        await page.locator('[data-testid="search-result"][data-id="campaign/demonstration-city-creation"]').click();
        await expect.poll(() => panel.getByTestId('panel-name').textContent()).toMatch(/demonstration/i);
        const drawnNodes = () =>
          page.evaluate(() => (window as unknown as { explorer: { nodes: () => string[] } }).explorer.nodes());
        const nodesBefore = new Set(await drawnNodes());
        await panel.getByTestId('expand').click();
        await expect.poll(status).toMatch(/^Added [1-9]\d* of \d+ neighbours/);
        expect(await status()).not.toBe(before);
        const added = (await drawnNodes()).filter((node) => !nodesBefore.has(node));
        expect(added.length).toBe(Number((await status())?.match(/^Added (\d+)/)?.[1]));
        // Laid out with room for their labels: none overlaps (drawnLabels checks), and every added
        // node keeps its label (nodes trapped between drawn labels are moved to a free spot;
        // tests/unit/explorer-placement.test.ts holds the case where two were not).
        const labelled = new Set((await drawnLabels(page)).map((box) => box.node));
        expect(added.filter((node) => !labelled.has(node))).toEqual([]);
        await page.screenshot({ path: join(ARTIFACTS, 'explorer-expand-focus.png') });

        // A person's panel says the position held.
        await page.getByTestId('search-input').fill('Sun Maoli');
        await page.locator('[data-testid="search-result"][data-id="person/sun-maoli"]').click();
        await expect
          .poll(() => panel.getByTestId('fact-position').textContent())
          .toBe('member of the Party Committee of the Ministry of Public Security');

        expect(pageErrors).toEqual([]);
        expect(offsite).toEqual([]);
      } finally {
        await page.close();
      }
    },
    90_000,
  );

  it.skipIf(!hasChromium)(
    'opens GraphiQL from bundled assets, offline, with the example operations, and runs one',
    async () => {
      const { page, offsite, pageErrors } = await openPage();
      try {
        await page.goto(`${base}/graphql`);
        // Monaco draws spaces as no-break spaces.
        const textOf = async (selector: string) =>
          ((await page.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ');
        const editorText = () => textOf('.graphiql-query-editor');
        await expect.poll(editorText, { timeout: 30_000 }).toContain('query MinistryWithEvidence');
        expect(await editorText()).toContain('query CampaignOutcomes');
        await page.locator('.graphiql-execute-button').click();
        // Several operations in one document: the run button asks which.
        const choice = page.getByRole('menuitem', { name: 'MinistryWithEvidence' });
        if (await choice.isVisible({ timeout: 2_000 }).catch(() => false)) await choice.click();
        const response = () => textOf('.graphiql-response');
        await expect.poll(response, { timeout: 20_000 }).toContain('"nameZh": "公安部"');
        expect(await response()).toContain('"name": "Ministry of Public Security"');
        await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png') });
        expect(pageErrors).toEqual([]);
        expect(offsite).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it.skipIf(!hasChromium)(
    'finds an entity by the words of its quote and shows that the quote matched',
    async () => {
      const { page, pageErrors } = await openPage();
      try {
        await page.goto(`${base}/explorer/`);
        await page.getByTestId('search-input').fill('duck soup volunteer');
        const hit = page.locator('[data-testid="search-result"][data-id="organ/dongjiaominxiang-police-station"]');
        await hit.waitFor();
        expect(await hit.getAttribute('data-matched-on')).toBe('EVIDENCE');
        expect(await hit.textContent()).toMatch(/quote/);
        expect(await hit.getByTestId('search-result-match').locator('mark').allTextContents()).toEqual(
          expect.arrayContaining(['duck', 'soup', 'volunteer']),
        );
        await page.screenshot({ path: join(ARTIFACTS, 'explorer-search.png') });
        expect(pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it.skipIf(!hasChromium)('says clearly when the server answers an error', async () => {
    const { page } = await openPage();
    try {
      await page.route('**/graphql', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ errors: [{ message: 'layout is resting', extensions: { code: 'LIMIT_EXCEEDED' } }] }),
        }),
      );
      await page.goto(`${base}/explorer/`);
      const error = page.getByTestId('error');
      await error.waitFor();
      expect(await error.textContent()).toContain('layout is resting');
      expect(await error.textContent()).toContain('LIMIT_EXCEEDED');
      expect(await page.getByTestId('status').textContent()).toMatch(/failed/);
    } finally {
      await page.close();
    }
  });
});
