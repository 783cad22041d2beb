/**
 * Yearly rounds of a code-named campaign. Reports write a recurring operation's round as its
 * code name and year ("Sky Net 2023", "Kunlun 2022"), often without a campaign noun once the
 * name is known ("During Kunlun 2022, police …", "Kunlun 2023 will start in April"). Each round
 * is its own campaign (an earlier edition is its own CAMPAIGN in the annotation conventions), so
 * a name followed by its year takes the year, and a code name the text has already used as a
 * campaign is a campaign again wherever it stands before a year.
 */
import type { Finding } from './types.js';

/** Rules whose campaign name is a proper code name ("Kunlun", "Fox Hunt"), not a description. */
const CODE_NAME_RULE =
  /^(?:name-campaign|generic-campaign-name-before-noun|generic-campaign-operation-name|phrase-campaign-(?:special-quoted|quoted-type|codenamed|listed)|quoted-name-campaign)$/;
const YEAR = /(?:19|20)\d{2}/;
/** A year right after the name, not the start of a range ("Sky Net 2015-2016") or of a date. */
const YEAR_AFTER = new RegExp(`^[ \\t]+(${YEAR.source})\\b(?!\\s*(?:[-–]|to\\b)\\s*\\d)`);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The code name without its year: "Kunlun 2022" → "Kunlun"; a name of one to four capitalised words. */
function codeName(f: Finding): string | undefined {
  if (f.kind !== 'CAMPAIGN' || f.linkedTo !== undefined || !CODE_NAME_RULE.test(f.rule)) return undefined;
  const core = f.name.replace(new RegExp(`\\s+${YEAR.source}$`), '');
  return /^\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,3}$/u.test(core) ? core : undefined;
}

export function campaignRounds(text: string, findings: Finding[], sentenceOf: (offset: number) => number): Finding[] {
  const names = new Set<string>();
  const out = findings.map((f) => {
    const core = codeName(f);
    if (core === undefined) return f;
    names.add(core);
    if (YEAR.test(f.name)) return f;
    const year = YEAR_AFTER.exec(text.slice(f.end, f.end + 12));
    if (!year) return f;
    return { ...f, name: `${f.name} ${year[1]}`, end: f.end + year[0].length };
  });
  if (names.size === 0) return out;
  const added: Finding[] = [];
  for (const name of names) {
    const re = new RegExp(
      `(?<![\\p{L}-])${escapeRegExp(name)}\\s+(${YEAR.source})\\b(?!\\s*(?:[-–]|to\\b)\\s*\\d)`,
      'gu',
    );
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((f) => f.kind !== 'OUTCOME' && f.start < end && start < f.end)) continue;
      if (added.some((f) => f.start < end && start < f.end)) continue;
      const sentence = sentenceOf(start);
      if (sentence < 0) continue;
      added.push({
        kind: 'CAMPAIGN',
        name: `${name} ${m[1]}`,
        start,
        end,
        sentence,
        rule: 'campaign-round',
        confidence: 0.7,
        fields: { campaignType: 'SPECIAL_OPERATION' },
      });
    }
  }
  return added.length === 0 ? out : [...out, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}
