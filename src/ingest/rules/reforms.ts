/**
 * Reforms named as such: "the reform of the household registration system", "the public
 * security border management system reform", a quoted reform ("“one certificate” reform").
 */
import { capitalise } from '../normalise.js';
import type { Finding } from '../types.js';
import { allMatches, at, type Rule } from './context.js';

const REFORM_OF =
  /\b(reform\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){0,5}?(?:system|mechanism|regime|policy|policies|administration|management)s?)\b/gi;
const SYSTEM_REFORM =
  /\b((?:(?!of\b|the\b|and\b)[a-z-]+\s+){1,5}(?:system|mechanism|institutional|structural)\s+reforms?)\b/g;
const QUOTED_REFORM = /[“"]([^”"]{2,60})[”"]\s+(reforms?)\b/g;
/** Words that open a clause, not a reform's name. */
const LEAD =
  /^(?:the|a|an|and|of|to|in|on|for|deepen|deepening|deepened|promote|promoting|promoted|advance|advancing|carry|carried|out|comprehensive|comprehensively|further)\s+/i;

export const reformPhrases: Rule = (input) => {
  const out: Finding[] = [];
  const push = (start: number, phrase: string, rule: string, confidence: number) => {
    let s = start;
    let p = phrase;
    for (let lead = LEAD.exec(p); lead; lead = LEAD.exec(p)) {
      s += lead[0].length;
      p = p.slice(lead[0].length);
    }
    const span = at(input, s, s + p.length);
    if (!span || p.split(/\s+/).length < 2) return;
    out.push({
      kind: 'REFORM',
      name: capitalise(p),
      ...span,
      sentence: input.sentence.index,
      rule,
      confidence,
      fields: {},
    });
  };
  for (const m of allMatches(REFORM_OF, input.text)) push(m.index, m[1] ?? '', 'phrase-reform-of', 0.8);
  for (const m of allMatches(SYSTEM_REFORM, input.text)) push(m.index, m[1] ?? '', 'phrase-reform-system', 0.75);
  for (const m of allMatches(QUOTED_REFORM, input.text)) push(m.index, m[0], 'phrase-reform-quoted', 0.8);
  return out;
};
