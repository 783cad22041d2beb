/**
 * Rules written as rows of a table: a pattern, where its mention sits, and what the match names.
 * Most phrase rules are one finding per match; a row says only what differs between them, and
 * rules that need more (several findings per match, a name looked up before) stay functions.
 */
import type { Finding } from '../types.js';
import { allMatches, at, type Rule, type RuleInput } from './context.js';

/** The finding for a span of the sentence, or none when the span does not fall on token boundaries. */
export function finding(
  input: RuleInput,
  start: number,
  end: number,
  f: Omit<Finding, 'start' | 'end' | 'sentence'>,
): Finding[] {
  const span = at(input, start, end);
  return span ? [{ ...f, ...span, sentence: input.sentence.index }] : [];
}

/** The mention within a match: its text and where it starts in the sentence. */
export interface Mention {
  readonly phrase: string;
  readonly start: number;
}

export type Locate = (m: RegExpExecArray) => Mention;

/** The whole match is the mention. */
export const wholeMatch: Locate = (m) => ({ phrase: m[0], start: m.index });
/** Group 1 is the mention and the match starts with it. */
export const groupAtStart: Locate = (m) => ({ phrase: m[1] ?? '', start: m.index });
/** Group 1 is the mention and the match ends with it. */
export const groupAtEnd: Locate = (m) => {
  const phrase = m[1] ?? '';
  return { phrase, start: m.index + m[0].length - phrase.length };
};
/** Group 1 is the mention, wherever it first occurs in the match. */
export const groupFound: Locate = (m) => {
  const phrase = m[1] ?? '';
  return { phrase, start: m.index + m[0].indexOf(phrase) };
};

export interface TableRule {
  readonly pattern: RegExp;
  readonly mention: Locate;
  readonly kind: Finding['kind'];
  readonly name: (phrase: string, m: RegExpExecArray, input: RuleInput) => string;
  readonly rule: string;
  readonly confidence: number;
  /** A function, so each finding gets fields of its own. */
  readonly fields: (phrase: string, m: RegExpExecArray) => Finding['fields'];
  /** A match the row drops. */
  readonly skip?: (m: RegExpExecArray, input: RuleInput) => boolean;
  /** Sentences without this cannot match: spares an expensive pattern. */
  readonly onlyIf?: RegExp;
}

/** A rule that does not fit a row. */
export type RuleStep = (input: RuleInput) => Finding[];

function runRow(row: TableRule, input: RuleInput): Finding[] {
  const out: Finding[] = [];
  if (row.onlyIf && !row.onlyIf.test(input.text)) return out;
  for (const m of allMatches(row.pattern, input.text)) {
    if (row.skip?.(m, input)) continue;
    const { phrase, start } = row.mention(m);
    out.push(
      ...finding(input, start, start + phrase.length, {
        kind: row.kind,
        name: row.name(phrase, m, input),
        rule: row.rule,
        confidence: row.confidence,
        fields: row.fields(phrase, m),
      }),
    );
  }
  return out;
}

/** One rule from rows and steps, run in the order given: that order is the order of the findings. */
export function tableRule(steps: readonly (TableRule | RuleStep)[]): Rule {
  return (input) => steps.flatMap((step) => (typeof step === 'function' ? step(input) : runRow(step, input)));
}
