/**
 * A JSON array of rows read in slices of rows. `JSON.parse` of a whole frame of a snapshot file
 * (4 MB, ~100k small row arrays) holds every row alive until the parse ends and the caller has
 * gone through them, across several young-generation collections, so V8 promotes the rows to
 * old space, where they die as soon as they are copied into heads and columns. At 100k
 * entities that was ~70 MB of garbage in old space during the load, and V8 keeps the pages it
 * grew into committed afterwards (RSS). Rows parsed a slice at a time die young instead.
 */

/** Bytes of rows parsed at once: a slice's rows die in the young generation. */
export const ROW_SLICE_BYTES = 64 * 1024;

/** The JSON bytes the row scanners here and in document-texts.ts look for. */
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const COMMA = 0x2c;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Calls `each` with every element of the JSON array in `bytes` (UTF-8), in order, as one
 * `JSON.parse` of the whole would give them. The top-level commas are found by a scan of the
 * bytes that skips strings (UTF-8 continuation bytes never equal an ASCII delimiter), and each
 * slice of whole rows is parsed on its own. Malformed input throws a SyntaxError.
 */
export function forEachJsonRow(bytes: Uint8Array, each: (row: unknown) => void, sliceBytes = ROW_SLICE_BYTES): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = text.length;
  let i = 0;
  while (isSpace(text[i])) i++;
  if (text[i] !== OPEN_BRACKET) throw new SyntaxError('not an array of rows');
  const start = ++i;
  let from = start;
  let depth = 0;
  let inString = false;
  for (; i < end; i++) {
    const c = text[i] as number;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (--depth < 0) {
        if (c !== CLOSE_BRACKET) throw new SyntaxError('the array of rows is closed by a brace');
        break;
      }
    } else if (c === COMMA && depth === 0 && i - from >= sliceBytes) {
      parseSlice(text, from, i, each, true);
      from = i + 1;
    }
  }
  if (depth >= 0) throw new SyntaxError('the array of rows is not closed');
  for (let j = i + 1; j < end; j++) if (!isSpace(text[j])) throw new SyntaxError('bytes after the array of rows');
  // After a split, an empty last slice is a trailing comma ("[1,]"), which one parse refuses.
  parseSlice(text, from, i, each, from > start);
}

/** Parses rows [from, to) as an array; `rowsDue`: a slice between two commas must hold rows. */
function parseSlice(text: Buffer, from: number, to: number, each: (row: unknown) => void, rowsDue: boolean): void {
  let k = from;
  while (k < to && isSpace(text[k])) k++;
  if (rowsDue && k === to) throw new SyntaxError('an empty row between commas');
  const rows = JSON.parse(`[${text.toString('utf8', from, to)}]`) as unknown[];
  for (const row of rows) each(row);
}
