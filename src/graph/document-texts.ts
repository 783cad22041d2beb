/**
 * Document texts left in the snapshot file (issue 20, lazy records). A snapshot file's D frames
 * hold every document whole, its text included: 49 MB of strings at 100k entities (~0.5 GB at
 * 1M) that start-up decoded and the heap then held, although a text is read only when an
 * evidence quote, a passage snippet or a document's own field asks for it. Here each text stays
 * where it is in the file: the document's `text` is a getter that reads the JSON string back
 * through a descriptor opened at load (so a file `build` renames over it is not the one read),
 * checks it against a CRC-32 taken at load, decodes it, and keeps the last few in a small cache.
 *
 * The frame's format is unchanged: rows are scanned for their top-level `text` member, and the
 * rest of the row is parsed as before. A document object keeps its keys in their order, so
 * `JSON.stringify` of it (a snapshot written again) gives the bytes it gave.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { SourceDocumentRecord } from '../model/records.js';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, isSpace, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-rows.js';
import { Lru } from './lru.js';

/** Decoded texts kept: a page of evidence rarely cites more documents than this. */
export const TEXT_CACHE_SIZE = 64;

const COLON = 0x3a;
const TEXT_KEY = Buffer.from('"text"', 'latin1');

/** The index of the quote that closes the string opened at `open`. */
function stringEnd(bytes: Buffer, open: number, end: number): number {
  for (let from = open + 1; ; ) {
    const q = bytes.indexOf(QUOTE, from);
    if (q < 0 || q >= end) throw new SyntaxError('a string is not closed');
    let backslashes = 0;
    while (bytes[q - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
    from = q + 1;
  }
}

/** A row's bytes [start, end) and, if it is an object with a string `text` member, that string's [textStart, textEnd). */
interface RowSpan {
  start: number;
  end: number;
  textStart: number;
  textEnd: number;
}

/**
 * Calls `each` with the span of every element of the JSON array in `bytes`, and of each
 * element's top-level `"text"` string (textStart -1 if none). Strings are skipped by searching
 * for their closing quote, so a text costs a few `indexOf` calls, not a look at every byte.
 */
export function forEachRowSpan(bytes: Buffer, each: (row: RowSpan) => void): void {
  const end = bytes.length;
  let i = 0;
  while (isSpace(bytes[i])) i++;
  if (bytes[i] !== OPEN_BRACKET) throw new SyntaxError('not an array of rows');
  i++;
  const row: RowSpan = { start: -1, end: -1, textStart: -1, textEnd: -1 };
  let depth = 0;
  // At depth 1, whether the next string is a member's key.
  let keyNext = false;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      const close = stringEnd(bytes, i, end);
      if (depth === 0) {
        row.start = i;
      } else if (depth === 1 && keyNext && close - i === 5 && bytes.compare(TEXT_KEY, 0, 6, i, close + 1) === 0) {
        let v = close + 1;
        while (isSpace(bytes[v])) v++;
        if (bytes[v] !== COLON) throw new SyntaxError('a key without a value');
        v++;
        while (isSpace(bytes[v])) v++;
        if (bytes[v] === QUOTE) {
          row.textStart = v;
          row.textEnd = stringEnd(bytes, v, end) + 1;
          i = row.textEnd - 1;
          keyNext = false;
          continue;
        }
      }
      keyNext = false;
      i = close;
      if (depth === 0) {
        row.end = close + 1;
        each(row);
        row.textStart = row.textEnd = -1;
      }
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (depth === 0) row.start = i;
      depth++;
      keyNext = depth === 1 && c === OPEN_BRACE;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (--depth < 0) break;
      if (depth === 0) {
        row.end = i + 1;
        each(row);
        row.textStart = row.textEnd = -1;
      }
    } else if (c === COMMA) {
      if (depth === 1) keyNext = bytes[row.start] === OPEN_BRACE;
    } else if (depth === 0 && !isSpace(c)) {
      // A number, true, false or null row: up to the next comma or the end of the array.
      let j = i;
      while (j < end && bytes[j] !== COMMA && bytes[j] !== CLOSE_BRACKET && !isSpace(bytes[j])) j++;
      row.start = i;
      row.end = j;
      each(row);
      i = j - 1;
    }
  }
  if (depth >= 0) throw new SyntaxError('the array of rows is not closed');
}

/** Where a text sits in the file. */
interface TextSpan {
  readonly at: number;
  readonly length: number;
  readonly crc: number;
}

/** The snapshot file's texts, read through one descriptor kept open for the snapshot's life. */
export class DocumentTexts {
  private fd?: number;
  private readonly cache = new Lru<string>(TEXT_CACHE_SIZE);
  /** Texts read from the file so far (cache misses): what tests and benches watch. */
  reads = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    closeUnused.register(this, this.fd);
  }

  /**
   * The documents of a D frame whose payload starts at byte `at` of the file: each row parsed
   * without its text, which becomes a getter over the file. Rows without a string text are
   * parsed whole.
   */
  documents(body: Buffer, at: number, into: SourceDocumentRecord[]): void {
    forEachRowSpan(body, ({ start, end, textStart, textEnd }) => {
      if (textStart < 0) {
        into.push(JSON.parse(body.toString('utf8', start, end)) as SourceDocumentRecord);
        return;
      }
      const doc = JSON.parse(
        `${body.toString('utf8', start, textStart)}0${body.toString('utf8', textEnd, end)}`,
      ) as SourceDocumentRecord;
      const span: TextSpan = {
        at: at + textStart,
        length: textEnd - textStart,
        crc: crc32(body.subarray(textStart, textEnd)),
      };
      // Redefined in place, so the key keeps its position (JSON.stringify writes the same bytes).
      Object.defineProperty(doc, 'text', DocumentTexts.lazyText(this, span));
      into.push(doc);
    });
  }

  /**
   * The getter for one text, made out here rather than inline: a closure made inside
   * `documents` would keep that call's scope alive, and with it the whole frame's `body` (a
   * 4 MB buffer per D frame, so every document text again, outside the heap: 50 MB at 100k
   * entities, ~0.5 GB at 1M), for as long as any document of the frame lives.
   */
  private static lazyText(texts: DocumentTexts, span: TextSpan): PropertyDescriptor {
    return { enumerable: true, configurable: true, get: () => texts.text(span) };
  }

  private text(span: TextSpan): string {
    const key = String(span.at);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const fd = this.fd;
    if (fd === undefined) throw new Error(`snapshot file ${this.path}: closed`);
    const bytes = Buffer.allocUnsafe(span.length);
    let got = 0;
    while (got < span.length) {
      const n = readSync(fd, bytes, got, span.length - got, span.at + got);
      if (n === 0) break;
      got += n;
    }
    if (got < span.length || crc32(bytes) !== span.crc) {
      throw new Error(`snapshot file ${this.path}: a document text at byte ${span.at} changed since it was loaded`);
    }
    const text = JSON.parse(bytes.toString('utf8')) as string;
    this.reads++;
    this.cache.set(key, text);
    return text;
  }
}

const closeUnused = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/** A copy of a document that keeps a lazy text lazy (a spread would read it). */
export function documentWith<T extends object>(doc: SourceDocumentRecord, extra: T): SourceDocumentRecord & T {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(doc));
  return Object.assign(copy, extra) as SourceDocumentRecord & T;
}
