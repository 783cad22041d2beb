/** Reforms and measures: "reform of X", "X system reform", measure packages and their listed items. */
import type { Finding } from '../types.js';
import type { Rule } from './context.js';

export const reformPhrases: Rule = (_input) => {
  const out: Finding[] = [];
  return out;
};
