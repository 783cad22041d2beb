/**
 * Curates one candidate file through the review page, as a scripted curator: starts
 * `reform-graph review <candidates>` on the given port, opens the page in Debian's chromium and
 * carries out a list of page actions (accept, reject, edit, re-link, merge, add from a text
 * selection, exclude, save), clicking and typing as a person would. Nothing is written but what
 * the page itself saves, so a session is reproducible from its action file (bench/review-sessions/).
 *
 *   npx tsx bench/review-drive.mts bench/review-sessions/<id>.yaml [--from N]
 *   npx tsx bench/review-drive.mts --dump graph-data/candidates/<id>.yaml --port 42010
 *
 * `--dump` only prints what the page shows (candidates with their summaries, uncovered items),
 * which is what the curator reads to decide. Action file format:
 *
 *   candidates: graph-data/candidates/<id>.yaml
 *   port: 42010
 *   actions:
 *     - accept: <row key> | [keys]          # row keys as the list shows them (entity id, rel/…)
 *     - reject: <row key> | [keys]
 *     - acceptPending: true                  # every row still pending
 *     - edit: { key, fields: { unit: cases, period: '{"start":"2021"}' } }
 *     - relink: { key, search, id }          # to an existing entity found by the page's search
 *     - merge: { key, into }                 # into: the id of another candidate
 *     - addEntity: { quote, nth?, kind, name, id?, fields? }
 *     - addRelation: { quote, nth?, type, source, target, fields? }
 *     - addQuote: { key, quote, nth? }
 *     - removeQuote: { key, quote }          # the first of the item's quotes that contains `quote`
 *     - save: true                           # fails the run unless the page says it saved
 *     - exclude: { text, passage?, reason }  # an uncovered item (after a save), or a passage around it
 *     - shot: path.png
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchChromium, selectInDocumentPane } from '../tests/helpers/browser.js';

const ROOT = resolve(import.meta.dirname, '..');

type Fields = Record<string, string | number>;
type Action =
  | { accept: string | string[] }
  | { reject: string | string[] }
  | { acceptPending: true }
  | { edit: { key: string; fields: Fields } }
  | { relink: { key: string; search: string; id: string } }
  | { merge: { key: string; into: string } }
  | { addEntity: { quote: string; nth?: number; kind: string; name: string; id?: string; fields?: Fields } }
  | {
      addRelation: { quote: string; nth?: number; type: string; source: string; target: string; fields?: Fields };
    }
  | { addQuote: { key: string; quote: string; nth?: number } }
  | { removeQuote: { key: string; quote: string } }
  | { save: true }
  | { exclude: { text: string; passage?: string; reason: string } }
  | { shot: string };

interface Session {
  candidates: string;
  port: number;
  actions: Action[];
}

function startReview(candidates: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/reform-graph.js', 'review', candidates, '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`review did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/Review page: (http:\/\/\S+\/)/);
      if (m?.[1]) {
        clearTimeout(timer);
        done({ child, url: m[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`review exited with ${code}:\n${output}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

const row = (page: Page, key: string) => page.locator(`[data-testid="candidate"][data-key="${key}"]`).first();

async function select(page: Page, key: string): Promise<void> {
  const r = row(page, key);
  if ((await r.count()) === 0) throw new Error(`no candidate row "${key}"`);
  await r.click();
}

/** Selects the nth occurrence of `needle` in the document pane, as a mouse drag would. */
async function selectText(page: Page, needle: string, nth = 1): Promise<void> {
  const ok = await selectInDocumentPane(page, needle, nth);
  if (!ok) throw new Error(`"${needle}" (occurrence ${nth}) is not in the document`);
  await page
    .getByTestId('selection-quote')
    .filter({ hasText: needle.slice(0, 40) })
    .waitFor({ timeout: 5_000 });
}

/** Types into the card's field inputs; selects for choices (enums, a relation's ends and type). */
async function fill(page: Page, fields: Fields): Promise<void> {
  for (const [key, raw] of Object.entries(fields)) {
    const value = String(raw);
    const input = page.getByTestId(`field-${key}`);
    if ((await input.count()) === 0) throw new Error(`the card has no field "${key}"`);
    const tag = await input.evaluate((el) => el.tagName);
    if (tag === 'SELECT') {
      await input.selectOption(value);
    } else {
      await input.fill(value);
      await input.press('Tab');
    }
    const error = await page
      .getByTestId('error')
      .textContent()
      .catch(() => '');
    if (error) throw new Error(`field ${key}: ${error}`);
  }
}

async function status(page: Page): Promise<string> {
  return (await page.getByTestId('status').textContent()) ?? '';
}

async function dump(page: Page): Promise<void> {
  const rows = await page
    .getByTestId('candidate')
    .evaluateAll((els) =>
      els.map(
        (e) => `${e.getAttribute('data-decision')?.padEnd(8)} ${e.getAttribute('data-key')}\n      ${e.textContent}`,
      ),
    );
  console.log(rows.join('\n'));
  const uncovered = await page
    .getByTestId('uncovered-item')
    .evaluateAll((els) => els.map((e) => `uncovered: ${e.getAttribute('data-text')} | ${e.textContent}`));
  console.log(uncovered.join('\n'));
  console.log(`status: ${await status(page)}`);
}

async function run(page: Page, action: Action): Promise<void> {
  const [name, arg] = Object.entries(action)[0] as [string, never];
  const t0 = Date.now();
  switch (name) {
    case 'accept':
    case 'reject':
      for (const key of ([] as string[]).concat(arg)) {
        await select(page, key);
        await page.getByTestId(name).click();
        const decision = await row(page, key).getAttribute('data-decision');
        if (decision !== `${name}ed`) throw new Error(`${key} is ${decision} after ${name}`);
      }
      break;
    case 'acceptPending': {
      const keys = await page
        .locator('[data-testid="candidate"][data-decision="pending"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
      for (const key of keys) {
        await select(page, key);
        await page.getByTestId('accept').click();
      }
      break;
    }
    case 'edit': {
      const { key, fields } = arg as { key: string; fields: Fields };
      await select(page, key);
      await fill(page, fields);
      break;
    }
    case 'relink': {
      const { key, search, id } = arg as { key: string; search: string; id: string };
      await select(page, key);
      await page.getByTestId('relink-search').fill(search);
      const hit = page.getByTestId('relink-hit').filter({ hasText: id }).first();
      await hit.waitFor({ timeout: 10_000 });
      await hit.click();
      break;
    }
    case 'merge': {
      const { key, into } = arg as { key: string; into: string };
      await select(page, key);
      const label = await page
        .getByTestId('merge-into')
        .locator('option')
        .evaluateAll((os, id) => os.find((o) => o.textContent?.endsWith(`(${id})`))?.textContent ?? '', into);
      if (!label) throw new Error(`no candidate ${into} to merge ${key} into`);
      await page.getByTestId('merge-into').selectOption({ label });
      await page.getByTestId('merge').click();
      break;
    }
    case 'addEntity': {
      const a = arg as { quote: string; nth?: number; kind: string; name: string; id?: string; fields?: Fields };
      await selectText(page, a.quote, a.nth);
      await page.getByTestId('add-kind').selectOption(a.kind);
      await page.getByTestId('add-name').fill(a.name);
      if (a.id) await page.getByTestId('add-id').fill(a.id);
      await page.getByTestId('add-entity').click();
      if (a.fields) await fill(page, a.fields);
      break;
    }
    case 'addRelation': {
      const a = arg as { quote: string; nth?: number; type: string; source: string; target: string; fields?: Fields };
      await selectText(page, a.quote, a.nth);
      await page.getByTestId('add-source').selectOption(a.source);
      await page.getByTestId('add-relation-type').selectOption(a.type);
      await page.getByTestId('add-target').selectOption(a.target);
      await page.getByTestId('add-relation').click();
      if (a.fields) await fill(page, a.fields);
      break;
    }
    case 'addQuote': {
      const a = arg as { key: string; quote: string; nth?: number };
      await select(page, a.key);
      await selectText(page, a.quote, a.nth);
      await page.getByTestId('add-quote').click();
      break;
    }
    case 'removeQuote': {
      const a = arg as { key: string; quote: string };
      await select(page, a.key);
      const quotes = page.locator('#card .quote-text');
      const texts = await quotes.allTextContents();
      const at = texts.findIndex((t) => t.includes(a.quote));
      if (at < 0) throw new Error(`${a.key} has no quote containing "${a.quote}"`);
      await quotes.nth(at).locator('xpath=..').getByRole('button', { name: 'remove quote' }).click();
      break;
    }
    case 'save': {
      const before = await status(page);
      await page.getByTestId('save').click();
      await page.waitForFunction(
        (old) => {
          const now = document.querySelector('[data-testid="status"]')?.textContent ?? '';
          return now !== old && /Saved to|Not saved/.test(now);
        },
        before,
        { timeout: 120_000 },
      );
      const s = await status(page);
      if (!/Saved to/.test(s)) {
        const problems = await page.locator('.problem').allTextContents();
        throw new Error(`save refused: ${s}\n${problems.join('\n')}`);
      }
      break;
    }
    case 'exclude': {
      const { text, passage, reason } = arg as { text: string; passage?: string; reason: string };
      const item = page.locator(`[data-testid="uncovered-item"][data-text="${text.replace(/"/g, '\\"')}"]`).first();
      await item.waitFor({ timeout: 10_000 });
      if (passage) await item.getByTestId('exclude-text').fill(passage);
      await item.getByTestId('exclude-reason').fill(reason);
      const before = await status(page);
      await item.getByTestId('exclude').click();
      // The status line changes when the server has answered (it may still say "Excluded" from before).
      await page.waitForFunction(
        (old) => {
          const now = document.querySelector('[data-testid="status"]')?.textContent ?? '';
          return now !== old && /Excluded|Exclusion refused/.test(now);
        },
        before,
        { timeout: 120_000 },
      );
      const s = await status(page);
      if (!/Excluded/.test(s)) throw new Error(`exclusion refused: ${s}`);
      break;
    }
    case 'shot':
      await page.screenshot({ path: resolve(ROOT, arg as string), fullPage: false });
      break;
    default:
      throw new Error(`unknown action ${name}`);
  }
  console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s  ${name} ${JSON.stringify(arg).slice(0, 110)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dumpOnly = args[0] === '--dump';
  let session: Session;
  if (dumpOnly) {
    const portAt = args.indexOf('--port');
    session = { candidates: args[1] ?? '', port: portAt > 0 ? Number(args[portAt + 1]) : 0, actions: [] };
  } else {
    if (!args[0])
      throw new Error('usage: npx tsx bench/review-drive.mts <session.yaml> | --dump <candidates> --port N');
    session = parse(readFileSync(args[0], 'utf8')) as Session;
  }
  const started = Date.now();
  const { child, url } = await startReview(session.candidates, session.port);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(url);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    // --from N resumes a session whose first N actions were carried out (and saved) before.
    const fromAt = args.indexOf('--from');
    const from = fromAt > 0 ? Number(args[fromAt + 1]) : 0;
    for (const action of session.actions.slice(from)) await run(page, action);
    await dump(page);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await stop(child);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
