/** Checks on a document before anything is written: each failure is a clear, named error. */

import { type PartialDate, parsePartialDate } from '../model/dates.js';
import { BadInputError } from '../model/errors.js';

/** Larger texts are not press reports; 2 MB also keeps ingest well under a second per 20 kB. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export function checkText(bytes: Buffer, label: string): string {
  if (bytes.length === 0) throw new BadInputError(`${label} is empty`);
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new BadInputError(`${label} is ${bytes.length} bytes; documents may be at most ${MAX_DOCUMENT_BYTES} bytes`);
  }
  if (bytes.includes(0)) throw new BadInputError(`${label} is binary (it contains NUL bytes), not text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadInputError(`${label} is not valid UTF-8 text`);
  }
  // Control characters other than tab/newline/CR mean a binary file that happens to decode.
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) controls++;
  }
  if (controls > 0) throw new BadInputError(`${label} is binary (it contains ${controls} control characters)`);
  if (text.trim().length === 0) throw new BadInputError(`${label} holds only whitespace`);
  checkProse(text, label);
  return text;
}

/**
 * The rules read English prose: a saved web page or a text in another language would yield
 * nothing useful (or nonsense), so they are refused with what to do instead.
 */
export function checkProse(text: string, label: string): void {
  const head = text.slice(0, 4096);
  const tags =
    head.match(/<\/?(?:html|head|body|div|p|span|script|style|meta|a|br|table|li|ul|h[1-6])\b[^>]*>/gi)?.length ?? 0;
  if (/^\s*<(?:!doctype\s+html|html)\b/i.test(head) || tags >= 5) {
    throw new BadInputError(
      `${label} looks like HTML (${tags} tags in its first 4 kB); save the article's plain text instead`,
    );
  }
  let letters = 0;
  let latin = 0;
  for (const ch of text.slice(0, 20000)) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/[A-Za-z]/.test(ch)) latin++;
    }
  }
  if (letters > 0 && latin / letters < 0.6) {
    throw new BadInputError(
      `${label} is not English text (${Math.round((100 * latin) / letters)}% of its letters are Latin); the rules read English articles`,
    );
  }
  // Prose has no such runs, and the name rules' backtracking grows with the square of a run's
  // length: 40,000 characters without a space took 2 s, 90,000 ran past the request deadline.
  const run = longestRunWithoutSpace(text);
  if (run > MAX_RUN_WITHOUT_SPACE) {
    throw new BadInputError(
      `${label} is not prose: it has ${run} characters without a space (at most ${MAX_RUN_WITHOUT_SPACE})`,
    );
  }
}

/** Longer than any URL or figure an article prints. */
export const MAX_RUN_WITHOUT_SPACE = 500;

function longestRunWithoutSpace(text: string): number {
  let longest = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // space, tab, newline, carriage return, no-break space, ideographic space
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000) current = 0;
    else if (++current > longest) longest = current;
  }
  return longest;
}

export function checkId(id: string): void {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    throw new BadInputError(`document id "${id}" must be kebab-case (lower-case letters, digits and hyphens)`);
  }
}

export function checkDate(published: string): PartialDate {
  const date = parsePartialDate(published);
  if (!date) throw new BadInputError(`--published "${published}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`);
  return date;
}
