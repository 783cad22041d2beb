/**
 * Debian's chromium for the browser tests (never a downloaded browser), with the flags this
 * closed network needs: without the background-networking ones chromium keeps trying hosts
 * it cannot reach.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

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
