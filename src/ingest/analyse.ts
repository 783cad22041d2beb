/**
 * Sentence and token boundaries from wink-nlp, turned into character offsets. wink gives
 * token values and the spaces before each; summing them reproduces the text exactly, so the
 * offsets are UTF-16 positions that slice evidence quotes out of the document.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Sentence {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly paragraph: number;
  /** Indices into Analysed.tokens. */
  readonly firstToken: number;
  readonly lastToken: number;
}

export interface Analysed {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  /** Token boundaries, so rule matches can be snapped to whole tokens. */
  readonly starts: ReadonlySet<number>;
  readonly ends: ReadonlySet<number>;
}

// Only the sentence-boundary pipe: tagging and NER are not used and cost time.
const nlp = winkNLP(model, ['sbd']);
const its = nlp.its;

export function analyse(text: string): Analysed {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out();
  const spaces = doc.tokens().out(its.precedingSpaces);
  const tokens: Token[] = [];
  let pos = 0;
  for (const [i, value] of values.entries()) {
    pos += (spaces[i] ?? '').length;
    // wink reproduces the text; if it ever normalised a token, find it again rather than drift.
    if (text.slice(pos, pos + value.length) !== value) {
      const at = text.indexOf(value, pos);
      if (at >= 0) pos = at;
    }
    tokens.push({ start: pos, end: pos + value.length, text: value });
    pos += value.length;
  }
  const sentences: Sentence[] = [];
  const paragraphStarts = paragraphOffsets(text);
  for (const span of doc.sentences().out(its.span) as unknown as number[][]) {
    const [first = 0, last = 0] = span;
    // A sentence never crosses a line break: paragraphs are units of the corpus texts.
    let from = first;
    for (let t = first; t <= last; t++) {
      const next = tokens[t + 1];
      const tok = tokens[t];
      if (!tok) continue;
      // wink keeps a line break after an unpunctuated line (a headline) as a token of its own.
      if (isLineBreak(tok)) {
        if (from === t) from = t + 1;
        continue;
      }
      const breakAfter =
        t === last || (next !== undefined && (text.slice(tok.end, next.start).includes('\n') || isLineBreak(next)));
      if (breakAfter) {
        pushSentence(sentences, tokens, from, t, paragraphStarts);
        from = t + 1;
      }
    }
  }
  return {
    text,
    tokens,
    sentences,
    starts: new Set(tokens.map((t) => t.start)),
    ends: new Set(tokens.map((t) => t.end)),
  };
}

function pushSentence(out: Sentence[], tokens: Token[], from: number, last: number, paragraphs: number[]): void {
  // wink keeps the line breaks before a sentence as tokens of it: the sentence (its quote and
  // its paragraph) starts at its first word, or "\n\nSince 2014, …" counts in the paragraph before.
  let first = from;
  while (first < last && /^\s*$/.test(tokens[first]?.text ?? '')) first++;
  const a = tokens[first];
  const b = tokens[last];
  if (!a || !b) return;
  let paragraph = 0;
  while (paragraph + 1 < paragraphs.length && (paragraphs[paragraph + 1] ?? Infinity) <= a.start) paragraph++;
  out.push({ index: out.length, start: a.start, end: b.end, paragraph, firstToken: first, lastToken: last });
}

/** A token that is only white space holding a line break. */
function isLineBreak(tok: Token): boolean {
  return tok.text.includes('\n') && tok.text.trim() === '';
}

function paragraphOffsets(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

export function sentenceText(a: Analysed, s: Sentence): string {
  return a.text.slice(s.start, s.end);
}
