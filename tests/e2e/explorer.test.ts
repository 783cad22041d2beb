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
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Context, schema } from '../../src/schema/index.js';
import { explorerPlugin, resolveExplorerFile } from '../../src/server/explorer-route.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(ROOT, 'dist/explorer');
const ARTIFACTS = resolve(ROOT, 'tests/artifacts');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`explorer browser test skipped: ${CHROMIUM} not found (Debian: apt-get install -y chromium)`);
}

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
  server = serverFor(DIST);
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
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Sigma draws with WebGL: without a GPU, chromium needs its software renderer allowed.
        '--enable-unsafe-swiftshader',
      ],
    });
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
      if (url.host === host || url.protocol === 'data:') return route.continue();
      offsite.push(url.href);
      return route.abort();
    });
    return { page, offsite, pageErrors };
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

        // Hiding a kind through the legend is counted in the status line.
        await page.getByTestId('kind-filter-PERSON').uncheck();
        await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/hidden by the kind filter/);
        await page.getByTestId('kind-filter-PERSON').check();

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
