/** The noun phrase after a figure ("pension fraud cases", "cases of telecom fraud"): the metric's words. */
import { WORD_NUMBERS } from '../../numbers.js';
import { ADJECTIVE, AUXILIARY, IRREGULAR_WORD, NOUN_LINK, NOUN_STOP, PAST_VERB } from './word-classes.js';

const AMOUNT = new RegExp(
  `^\\s*(?:(?:more than|less than|over|about|at least)\\s+)?(?:\\d[\\d.,]*|${Object.keys(WORD_NUMBERS).join('|')})(?:\\s+(?:hundred|thousand|million|billion))?\\s+(?:yuan|dollars?|euros?)\\b`,
  'i',
);

/** The noun phrase after a figure: "pension fraud cases", "cases of telecom fraud", up to eight words. */
export function nounPhrase(
  after: string,
  subject = false,
): { words: string[]; length: number; verb?: string; head?: number } {
  const words: string[] = [];
  let head: number | undefined;
  // "high -risk": a hyphen set off by a space still joins its word.
  const re = /\s*([“"‘]?[A-Za-z][A-Za-z'’-]*(?:\s+-[A-Za-z][A-Za-z'’-]*)*[”"’]?)([,;:.!?)]?)/y;
  let pos = 0;
  let verb: string | undefined;
  let pendingLink: string | undefined;
  while (words.length < 8) {
    re.lastIndex = pos;
    const m = re.exec(after);
    if (!m) break;
    const raw = (m[1] ?? '').replace(/\s+-/g, '-');
    const w = raw.replace(/[“”"‘’]/g, '');
    if (NOUN_LINK.test(w)) {
      if (words.length === 0 || pendingLink) break;
      pendingLink = w;
      pos = re.lastIndex;
      continue;
    }
    // "1,283 turned themselves in": a verb, not a noun, when a pronoun or preposition follows.
    if (
      words.length === 0 &&
      /^[a-z]+ed$/.test(w) &&
      /^\s+(?:themselves|itself|themself|in|on|to|into|from|out|up|down|back)\b/i.test(after.slice(re.lastIndex))
    )
      break;
    // "handled 13,500 such cases": "such" without "as" points back, the noun follows.
    if (words.length === 0 && /^such$/i.test(w) && !/^\s+as\b/i.test(after.slice(re.lastIndex))) {
      pos = re.lastIndex;
      continue;
    }
    if (w === 'at' && words.length > 0 && /^\s*large\b/.test(after.slice(re.lastIndex))) {
      words.push('at', 'large');
      pos = re.lastIndex + (/^\s*large/.exec(after.slice(re.lastIndex))?.[0].length ?? 0);
      continue;
    }
    // "cases in the field of food safety": the domain is part of what is counted.
    const field = w === 'in' && words.length > 0 ? /^\s+the\s+fields?\s+of\b/i.exec(after.slice(re.lastIndex)) : null;
    if (field) {
      words.push('in', 'the', 'field', 'of');
      pos = re.lastIndex + field[0].length;
      continue;
    }
    // "cases related to cross-border gambling": what the cases concern is part of the noun phrase.
    const related =
      words.length > 0 && !pendingLink && /^(?:related|linked|connected)$/i.test(w)
        ? /^\s+(?:to|with)\b/i.exec(after.slice(re.lastIndex))
        : null;
    if (related) {
      words.push(w, related[0].trim());
      pos = re.lastIndex + related[0].length;
      continue;
    }
    // "illegal and criminal web pages": two adjectives joined before their noun.
    const joined =
      /^(?:and|or)$/i.test(w) && ADJECTIVE.test(words[words.length - 1] ?? '') && !m[2]
        ? /^\s+([a-z-]+)\s+([a-z-]+)/i.exec(after.slice(re.lastIndex))
        : null;
    if (joined && ADJECTIVE.test(joined[1] ?? '') && !NOUN_STOP.test(joined[2] ?? '')) {
      words.push(w);
      pos = re.lastIndex;
      continue;
    }
    // "cases involving deception of more than one million yuan": an amount qualifies the noun.
    const amount = pendingLink ? AMOUNT.exec(after.slice(pos)) : null;
    if (amount) {
      words.push(pendingLink ?? '', ...amount[0].trim().split(/\s+/));
      pendingLink = undefined;
      pos += amount[0].length;
      break;
    }
    // "women and children listed as missing", "guns and explosives": a second noun joined to the
    // first is counted with it, unless it opens a clause of its own ("cases and officers were …").
    if (
      /^(?:and|or)$/i.test(w) &&
      words.length > 0 &&
      !pendingLink &&
      !m[2] &&
      conjunct(after.slice(re.lastIndex), subject)
    ) {
      words.push(w);
      pos = re.lastIndex;
      continue;
    }
    // "43 websites that spread illegal information", "suspects who had fled abroad": a relative clause
    // says which things are counted (up to four words; "that were seized" is the result verb instead).
    if (/^(?:that|which|who)$/i.test(w) && words.length > 0 && !pendingLink && !m[2]) {
      const tail = after.slice(re.lastIndex);
      const aux = /^\s+(?:had|have|has)(?=\s+[a-z]+ed\b)/i.exec(tail)?.[0].length ?? 0;
      const wr = /[ \t]+([a-z][a-z-]*)([,;]?)/iy;
      wr.lastIndex = aux;
      const clause: string[] = [];
      let end = 0;
      for (let x = wr.exec(tail); x && clause.length < 4; x = wr.exec(tail)) {
        const bare = x[1] ?? '';
        if (NOUN_STOP.test(bare) || AUXILIARY.test(bare)) break;
        // "who allegedly engaged in …": the adverb says nothing of what is counted.
        if (!/ly$/i.test(bare)) clause.push(bare);
        end = wr.lastIndex - (x[2] ?? '').length;
        if (x[2]) break;
      }
      // "who police said ran the ring": a reported clause, not a description.
      if (clause.length > 0 && !clause.some((x) => /^(?:said|says|say|told|added)$/i.test(x))) {
        head = words.length;
        words.push(...clause);
        pos = re.lastIndex + end;
      }
      break;
    }
    if (NOUN_STOP.test(w) || /^\d/.test(w)) break;
    // "fugitives suspected of economic offenses", "suspects at large": still the noun phrase.
    // So is "materials used in the manufacturing of drugs" (what they serve, not what was done).
    if (
      /^(?:suspected|accused|involved|wanted|engaged|used)$/.test(w) &&
      /^\s*(?:of|in|for)\b/.test(after.slice(re.lastIndex))
    ) {
      words.push(w);
      pendingLink = undefined;
      pos = re.lastIndex;
      const link = /^\s*(of|in|for)\b/.exec(after.slice(pos));
      if (link) {
        pendingLink = link[1];
        pos += link[0].length;
        // "suspects involved in the trafficking of women": the article does not end the phrase.
        pos += /^\s+the(?=\s+[a-z])/i.exec(after.slice(pos))?.[0].length ?? 0;
      }
      continue;
    }
    if (words.length > 0 && !pendingLink && (/^[a-z]+ed$/.test(w) || PAST_VERB.test(w))) {
      verb = w;
      break;
    }
    if (pendingLink) {
      words.push(pendingLink);
      pendingLink = undefined;
    }
    words.push(w);
    pos = re.lastIndex;
    // "food, drug and environment cases": a list of modifiers before one noun goes on past its commas.
    // A plural before the comma is a noun of its own ("300 suspects, thieves and robbers …").
    const list = m[2] === ',' && !/s$/i.test(w) ? MODIFIER_LIST.exec(after.slice(pos))?.[0] : undefined;
    if (list && conjunct(after.slice(pos + list.length), true)) {
      words.push(...list.split(/[\s,]+/).filter((x) => x));
      pos += list.length;
      continue;
    }
    if (m[2]) break;
    // A quoted term is a whole noun phrase ("14 “hotspots”") unless a noun follows it:
    // "574 “fake investment” fraud cases" counts cases.
    if (
      /[”"’]$/.test(raw) &&
      !/^\s+(?!(?:and|or|in|of|for|on|at|to|by|with|from|as|that|which|who)\b)[a-z][a-z-]*\b/.test(after.slice(pos))
    )
      break;
  }
  return { words, length: pos, ...(verb ? { verb } : {}), ...(head !== undefined ? { head } : {}) };
}

/** "beef, pork and mutton": words and commas up to an "and"/"or", with nothing between that ends a noun phrase. */
const MODIFIER_LIST = /^(?:\s*[a-z][a-z-]*\s*,)*\s*[a-z][a-z-]*\s*,?\s+(?:and|or)\s/i;

/** Whether the words after "and" continue the noun phrase: a noun run not followed by a finite verb. */
function conjunct(tail: string, list = false): boolean {
  const words = /^\s*((?:[a-z][a-z-]*\s+){0,5}[a-z][a-z-]*)/i.exec(tail)?.[1]?.split(/\s+/) ?? [];
  const first = words[0] ?? '';
  if (
    !first ||
    NOUN_STOP.test(first) ||
    /^[a-z]+ed$/i.test(first) ||
    PAST_VERB.test(first) ||
    IRREGULAR_WORD.test(first)
  )
    return false;
  if (/ly$|^(?:also|then|so|still|later|further)$/i.test(first)) return false;
  // "and recovering 2 billion yuan": a second verb with its object, not a noun.
  if (
    /ing$/i.test(first) &&
    /^\s*\S+\s+(?:of\s+)?(?:\d|(?:the|a|an|more|over|nearly|about|some|their|its)\b)/i.test(tail)
  )
    return false;
  if (/^\d/.test(tail.trimStart())) return false;
  for (const w of words.slice(1)) {
    // After a comma list the run is surely one noun phrase: "meat, dairy and seafood cases were solved".
    if (AUXILIARY.test(w)) return list;
    if (NOUN_STOP.test(w) || /^[a-z]+ed$/i.test(w) || PAST_VERB.test(w) || NOUN_LINK.test(w)) return true;
  }
  return true;
}
