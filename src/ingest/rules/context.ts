/** What every rule sees: the analysed text, one sentence, and where the sentence sits. */
import type { Analysed, Sentence } from '../analyse.js';
import type { Finding } from '../types.js';

export interface RuleInput {
  readonly doc: Analysed;
  readonly sentence: Sentence;
  /** The sentence's text; rule offsets are relative to it until `at` turns them absolute. */
  readonly text: string;
}

/** An absolute span, or null when the match does not fall on wink token boundaries. */
export function at(input: RuleInput, start: number, end: number): { start: number; end: number } | null {
  const s = input.sentence.start + start;
  const e = input.sentence.start + end;
  if (!input.doc.starts.has(s) || !input.doc.ends.has(e)) return null;
  return { start: s, end: e };
}

export type Rule = (input: RuleInput) => Finding[];

export function* allMatches(re: RegExp, text: string): Generator<RegExpExecArray> {
  const g = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  g.lastIndex = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    yield m;
    if (m[0].length === 0) g.lastIndex++;
  }
}
