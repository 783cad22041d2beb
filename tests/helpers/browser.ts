/**
 * Debian's chromium for the browser tests (never a downloaded browser), with the flags this
 * closed network needs: without the background-networking ones chromium keeps trying hosts
 * it cannot reach.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Says once why a browser test file is skipped on a machine without chromium. */
export function warnIfNoChromium(what: string): void {
  if (!hasChromium) console.warn(`${what} skipped: ${CHROMIUM} not found (Debian: apt-get install -y chromium)`);
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
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
      ...extraArgs,
    ],
  });
}

/**
 * Selects the `nth` occurrence of `needle` in the review page's document pane as a mouse drag
 * would (a range across the highlight spans' text nodes); false when there is no such occurrence.
 */
export function selectInDocumentPane(page: Page, needle: string, nth = 1): Promise<boolean> {
  return page.evaluate(
    ([text, n]) => {
      const pane = document.querySelector('[data-testid="doc-text"]') as HTMLElement;
      const full = pane.textContent ?? '';
      let start = -1;
      for (let i = 0; i < n; i++) {
        start = full.indexOf(text, start + 1);
        if (start < 0) return false;
      }
      const end = start + text.length;
      const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (start >= seen && start <= seen + length) range.setStart(node, start - seen);
        if (end >= seen && end <= seen + length) {
          range.setEnd(node, end - seen);
          break;
        }
        seen += length;
      }
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
      return true;
    },
    [needle, nth] as const,
  );
}
