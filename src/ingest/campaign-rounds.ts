/**
 * Yearly rounds of a code-named campaign. Reports write a recurring operation's round as its
 * code name and year ("Sky Net 2023", "Kunlun 2022"), often without a campaign noun once the
 * name is known ("During Kunlun 2022, police …", "Kunlun 2023 will start in April"). Each round
 * is its own campaign (an earlier edition is its own CAMPAIGN in the annotation conventions), so
 * a name followed by its year takes the year, and a code name the text has already used as a
 * campaign is a campaign again wherever it stands before a year.
 */
import type { Analysed } from './analyse.js';
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

/** A heading of links to other stories: "Related Stories", "Related News". */
const RELATED_HEADING =
  /^[ \t]*(?:Related|More)[ \t]+(?:Stories|News|Articles|Reports|Reading|Links)[ \t]*:?[ \t]*$/gim;
/** One bulleted link under it ("- Chinese police launch campaign on …"), or a blank line. */
const LINK_LINE = /^[ \t]*(?:[-•·*][ \t]+\S[^\n]*)?$/;

/** The spans of bulleted link lists under a "Related Stories" heading. */
function relatedLinkSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(RELATED_HEADING)) {
    let pos = m.index + m[0].length;
    let end = pos;
    while (pos < text.length) {
      const next = text.indexOf('\n', pos + 1);
      const lineEnd = next < 0 ? text.length : next;
      const line = text.slice(pos + 1, lineEnd);
      if (!LINK_LINE.test(line)) break;
      if (line.trim() !== '') end = lineEnd;
      pos = lineEnd;
    }
    if (end > m.index + m[0].length) spans.push([m.index, end]);
  }
  return spans;
}

/**
 * Headlines of other stories listed under "Related Stories" ("- Chinese police launches
 * campaign on safeguarding nighttime public security") are links, not what this report says:
 * a campaign or reform named only there is not one of its candidates.
 */
export function withoutRelatedLinks(text: string, findings: Finding[]): Finding[] {
  const spans = relatedLinkSpans(text);
  if (spans.length === 0) return findings;
  return findings.filter(
    (f) => (f.kind !== 'CAMPAIGN' && f.kind !== 'REFORM') || !spans.some(([a, b]) => a <= f.start && f.end <= b),
  );
}

/** Rules that describe a campaign rather than name it: "a six-month campaign", "the crackdown on X". */
const DESCRIBED_RULE =
  /^(?:phrase-campaign-against|phrase-campaign-anti|generic-campaign-fights|generic-campaign-length-or-season|generic-campaign-noun-modified)$/;
/** A determiner that points back to a campaign already introduced: "the", "this year's". */
const DEFINITE_BEFORE =
  /\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|(?:[Tt]his|[Ll]ast)\s+year['’]s)\s+(?:(?:[a-z]+ful|ongoing|current|continued|sustained|recent)\s+)?$/;
/** "as an important part of the normalized fight against gangs": the campaign a campaign belongs to is another. */
const PARENT_BEFORE = /\b(?:part|component|element|extension|continuation)\s+of\s+(?:the|this|that|its)\s+$/i;
/** A long struggle ("the fight against gangs and evil", "the war on drugs") spans campaigns: no back-reference. */
const STRUGGLE = /\b(?:fights?|wars?|battles?|struggles?)\b/i;

const punctuated = (doc: Analysed, i: number): boolean => {
  const s = doc.sentences[i];
  return s !== undefined && /[.!?;:"”’)]\s*$/.test(doc.text.slice(s.start, s.end));
};

/** The index of the lead, the first punctuated sentence: unpunctuated lines before it are headlines (site names, dates). */
function leadIndex(doc: Analysed): number {
  for (let i = 0; i < doc.sentences.length; i++) if (punctuated(doc, i)) return i;
  return doc.sentences.length;
}

const renamed = (f: Finding, to: Finding): Finding => ({
  ...f,
  name: to.name,
  rule: `${f.rule}+back`,
  ...(to.linkedTo ? { linkedTo: to.linkedTo } : {}),
});

/**
 * A report introduces its campaign once and then refers back to it by a description with a
 * definite determiner: "A new round of crackdowns on drug production has begun … The six-month
 * campaign will target …", "since a campaign against arms possession was staged … the two-year
 * campaign". While the body has introduced one campaign only, such a back-reference is that
 * campaign. A headline's described campaign ("China launches anti-drug campaign") is the one the
 * body introduces first. Campaigns the coreference of named campaigns resolved are left alone.
 */
export function campaignBackReferences(doc: Analysed, findings: Finding[], keyOf: (f: Finding) => string): Finding[] {
  const out = [...findings];
  const introduced = new Map<string, Finding>();
  const headline: number[] = [];
  let first: Finding | undefined;
  const lead = leadIndex(doc);
  for (const [i, f] of out.entries()) {
    if (f.kind !== 'CAMPAIGN') continue;
    if (f.sentence < lead) {
      if (DESCRIBED_RULE.test(f.rule)) headline.push(i);
      continue;
    }
    const before = doc.text.slice(Math.max(0, f.start - 40), f.start);
    const definite = DEFINITE_BEFORE.test(before) && !PARENT_BEFORE.test(before) && !STRUGGLE.test(f.name);
    const only = introduced.size === 1 ? [...introduced.values()][0] : undefined;
    if (definite && DESCRIBED_RULE.test(f.rule) && only && keyOf(only) !== keyOf(f)) {
      out[i] = renamed(f, only);
      continue;
    }
    if (!introduced.has(keyOf(f))) introduced.set(keyOf(f), f);
    first ??= f;
  }
  const body = first;
  if (body === undefined || headline.length === 0) return out;
  // Every mention the merge would join to the headline's campaign ("war on drugs" with "anti-drug campaign").
  const keys = new Set(headline.map((i) => keyOf(out[i] as Finding)).filter((k) => k !== keyOf(body)));
  return out.map((f) =>
    f.kind === 'CAMPAIGN' && keys.has(keyOf(f)) && !f.rule.endsWith('+back') ? renamed(f, body) : f,
  );
}
