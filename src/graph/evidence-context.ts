/**
 * Where a quote stands in its document: headline, body, caption or byline. Derived from the
 * line (paragraph) the quote starts in, by rules that hold for the texts the graph holds;
 * anything the rules cannot tell is BODY, and a curator states the context on the evidence
 * item (`context:`) where the structure does not show it.
 *
 * - HEADLINE: a line that is the manifest's title, and a "——" subtitle line right after it.
 * - CAPTION: a line carrying a photo credit ("Photo by …"): credits end captions.
 * - BYLINE: a line opening with "Author:", "Note: Author:", "From:", "Source:" or "Post
 *   time:", or a short line (at most 16 words) naming who wrote or published the text or
 *   when: "Reporter X", "<paper> reporter X", "Updated on YYYY-MM-DD", "(From …)", a "*:"
 *   source footnote, "“Paper” (Version …)".
 */
import type { EvidenceContext } from '../model/ontology.js';

interface Line {
  readonly start: number;
  readonly end: number;
  readonly context: EvidenceContext;
}

/** A line opening with one of these labels is a byline whatever its length. */
const BYLINE_LABEL = /^(?:Note:\s*)?(?:Author|From|Post time|Source):/i;
const BYLINE_PATTERNS: readonly RegExp[] = [
  /^Reporter\s+\p{Lu}/u,
  /\breporter\s+\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)*\.?$/u,
  /\bUpdated(?:\s+on)?:?\s+\d{4}-\d{2}-\d{2}/,
  /^\(From\s/,
  /^\*:\s/,
  /^“[^”]+”\s*\(Version\b/,
];
const PHOTO_CREDIT = /\bPhoto by\b/;
const MAX_BYLINE_WORDS = 16;

function classify(text: string, title: string, previous: EvidenceContext | undefined): EvidenceContext {
  const line = text.trim();
  if (line === title.trim() || (previous === 'HEADLINE' && line.startsWith('——'))) return 'HEADLINE';
  if (PHOTO_CREDIT.test(line)) return 'CAPTION';
  if (BYLINE_LABEL.test(line)) return 'BYLINE';
  if (line.split(/\s+/).length <= MAX_BYLINE_WORDS && BYLINE_PATTERNS.some((p) => p.test(line))) return 'BYLINE';
  return 'BODY';
}

/** The document's lines with their context; empty lines are left out. */
export function documentLines(text: string, title: string): Line[] {
  const lines: Line[] = [];
  let previous: EvidenceContext | undefined;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end);
    if (raw.trim() !== '') {
      const context = classify(raw, title, previous);
      lines.push({ start, end, context });
      previous = context;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

/** A function from a quote's start offset to its context, for one document. */
export function contextLocator(text: string, title: string): (offset: number) => EvidenceContext {
  const lines = documentLines(text, title);
  return (offset) => {
    // Binary search for the last line starting at or before the offset.
    let lo = 0;
    let hi = lines.length - 1;
    let found: Line | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const line = lines[mid] as Line;
      if (line.start <= offset) {
        found = line;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && offset <= found.end ? found.context : 'BODY';
  };
}
