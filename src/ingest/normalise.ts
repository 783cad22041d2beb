/** Normalisation shared by the alias index, the rules and the evaluation. */

const CURLY = /[‘’ʼ]/g;
const DQUOTES = /[“”"«»]/g;

/** One word as the matcher compares it: lower case, straight apostrophes, no hyphens, singular. */
export function normWord(word: string): string {
  // Possessives are dropped: wink splits "People's" into two tokens, aliases keep one word.
  const w = word.toLowerCase().replace(CURLY, "'").replace(/-/g, '').replace(/'s$/, '');
  return singular(w);
}

/** A crude singular: enough to make "organs"/"organ" and "bureaus"/"bureau" meet. */
export function singular(w: string): string {
  if (w.length <= 3 || !/^[a-z']+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Words of a phrase, normalised, punctuation and quotes dropped, hyphenated words split. */
export function normWords(phrase: string): string[] {
  return phrase
    .replace(DQUOTES, ' ')
    .split(/[\s\-–—/(),.;:]+/)
    .map((w) => w.replace(/^[’'‘]+|[’'‘]+$/g, ''))
    .map(normWord)
    .filter((w) => /[\p{L}\p{N}]/u.test(w) && w !== 's');
}

export function normPhrase(phrase: string): string {
  return normWords(phrase).join(' ');
}

/** kebab-case id words: ASCII letters and digits only, at most `max` words. */
export function slug(phrase: string, max = 8): string {
  const words = phrase
    .toLowerCase()
    .replace(CURLY, '')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0 && !STOP_IN_SLUG.has(w));
  return words.slice(0, max).join('-') || 'item';
}

const STOP_IN_SLUG = new Set(['the', 'a', 'an']);

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  'twenty-first': 21,
};

/** Alternation matching an ordinal written as a word or as 18th/3rd. */
export const ORDINAL = `(?:\\d{1,2}(?:st|nd|rd|th)|${Object.keys(ORDINAL_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/** The same, with its first letter in either case, for patterns that must stay case-sensitive. */
export const ORDINAL_ANY_CASE = `(?:\\d{1,2}(?:st|nd|rd|th)|${Object.keys(ORDINAL_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => `[${w.charAt(0)}${w.charAt(0).toUpperCase()}]${w.slice(1)}`)
  .join('|')})`;

export function ordinalValue(word: string): number | undefined {
  const m = /^(\d{1,2})(?:st|nd|rd|th)$/i.exec(word);
  if (m) return Number(m[1]);
  return ORDINAL_WORDS[word.toLowerCase()];
}

export function ordinalSuffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
