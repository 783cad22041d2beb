/**
 * Capitalised names ("Cyber Security Bureau of the Ministry of Public Security", "Third
 * Plenary Session of the Eighteenth CPC Central Committee", "Anti-Terrorism Law") found as
 * runs of capitalised words and classified by their head word: the last word before the
 * first "of"/"for". Curators name organs, sessions, laws and plans this way.
 */
import type { EntityKind } from '../../model/ontology.js';
import { ORDINAL, ordinalSuffix, ordinalValue } from '../normalise.js';
import type { EntityFields, Finding } from '../types.js';
import { allMatches, at, type Rule, type RuleInput } from './context.js';

const CAPW = `(?:[A-Z][A-Za-z]*(?:[-’'][A-Za-z]+)*|\\d{1,2}(?:st|nd|rd|th))`;
const CONN = '(?:of|and|for|on|in)(?:[ \\t\\u00a0]+the)?';
/** Spaces only: a name never runs across a line break (a title line, then a byline). */
const SP = '[ \\t\\u00a0]+';
/** A date after a connector ends the name: "the Ministry of Public Security in April". */
const NOT_DATE =
  '(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b)';
const CHUNK = new RegExp(`${CAPW}(?:${SP}${CAPW}|${SP}${CONN}${SP}${NOT_DATE}${CAPW})*`, 'g');

const ORGAN_HEADS = new Set([
  'ministry',
  'bureau',
  'department',
  'station',
  'committee',
  'commission',
  'office',
  'administration',
  'council',
  'court',
  'procuratorate',
  'agency',
  'daily',
  'branch',
  'center',
  'centre',
  'brigade',
  'detachment',
  'corps',
  'academy',
  'university',
  'party',
  'federation',
  'bank',
]);
const SESSION_HEADS = new Set([
  'session',
  'congress',
  'conference',
  'meeting',
  'study',
  'seminar',
  'symposium',
  'forum',
]);
const LAW_HEADS = new Set(['law', 'regulations', 'regulation', 'provisions', 'code', 'constitution']);
const DOCUMENT_HEADS = new Set(['notice', 'opinions', 'opinion', 'guidelines', 'decision', 'outline']);
/** "Hundred-Day Action", "Clean Net Campaign", "Fox Hunt", "Sky Net", "Cloud Sword": the genre's campaign heads. */
const CAMPAIGN_HEADS = new Set([
  'plan',
  'campaign',
  'campaigns',
  'operation',
  'action',
  'activity',
  'crackdown',
  'drive',
  'initiative',
  'hunt',
  'net',
  'sword',
  'storm',
  'thunder',
]);
/** "Household Registration System Reform", "Judicial Reform". */
const REFORM_HEADS = new Set(['reform', 'reforms']);
/** Heads that may stand alone before "of": "Ministry of Public Security", "Law on …", "Opinions on …". */
const BARE_HEADS = new Set([
  'ministry',
  'department',
  'bureau',
  'office',
  'commission',
  'committee',
  'law',
  'regulations',
  'provisions',
  'opinions',
  'guidelines',
  'decision',
]);
/** A station that is a place, not a police unit: "Datong East Railway Station". */
const PLACE_STATION =
  /\b(?:Railway|Train|Bus|Coach|Subway|Metro|Power|Gas|Petrol|Filling|Service|Space|Radio|TV|Television)\s+Station$/;
/** Interpol's colour-coded notices are alerts about a person, not policy documents. */
const INTERPOL_NOTICE = /\b(?:Red|Yellow|Blue|Black|Green|Orange|Purple|Silver)\s+Notice$/;
/** Verbs a title-case headline puts after its subject ("… Department Holds …", "… Launches …"). */
const HEADLINE_VERB =
  /\s+(?:Holds|Launches|Strengthens|Issues|Releases|Deploys|Promotes|Announces|Urges|Vows|Convenes|Hosts|Unveils|Cracks|Solves|Seizes|Busts|Rescues|Stresses|Emphasizes|Emphasises|Steps|Pushes|Deepens|Eases|Kicks)\b/;
/** Leading words that start a sentence, not a name. */
const LEADING = /^(?:The|This|These|In|On|At|By|Since|From|During|Under|Especially|According|Editor|And|For|To|Of)\s+/;

interface Classified {
  readonly kind: EntityKind;
  readonly fields: EntityFields;
  readonly rule: string;
  readonly confidence: number;
}

export function classifyName(name: string): Classified | null {
  const headSegment = name.split(/\s+(?:of|for|on|in)\s+/)[0] ?? name;
  const words = headSegment.split(/\s+/);
  const head = (words[words.length - 1] ?? '').toLowerCase();
  const hasTail = headSegment.length < name.length;
  if (words.length === 1 && !(hasTail && BARE_HEADS.has(head))) return null;
  // "Chapter I General Provisions": a heading inside a text, not a law of its own.
  if (/^(?:Chapter|Section|Article|Part)\s/.test(name)) return null;
  const first = words[0] ?? '';
  const ordinal = ordinalValue(first);
  // "Theme Education Special Study Seminar", "Theoretical Learning Center Group Study Conference":
  // a Party committee's study session, named as such.
  const study = words.length >= 3 && /\b(?:Study|Learning)\b/.test(headSegment);
  if (SESSION_HEADS.has(head) && (ordinal !== undefined || study || /national|work|press|plenary/i.test(headSegment))) {
    return session(name, headSegment, head, ordinal);
  }
  if (head === 'congress') return organ(name, 'name-organ-congress');
  if (ORGAN_HEADS.has(head)) {
    if (head === 'party' && !/Communist Party/.test(headSegment)) return null;
    if (head === 'station' && PLACE_STATION.test(headSegment)) return null;
    return organ(name, `name-organ-${head}`);
  }
  if (LAW_HEADS.has(head)) return { kind: 'LAW', fields: {}, rule: 'name-law', confidence: 0.85 };
  if (DOCUMENT_HEADS.has(head) && !INTERPOL_NOTICE.test(headSegment))
    return { kind: 'DOCUMENT', fields: {}, rule: 'name-document', confidence: 0.7 };
  if (REFORM_HEADS.has(head) && words.length >= 2) {
    return { kind: 'REFORM', fields: {}, rule: 'name-reform', confidence: 0.75 };
  }
  // "the 14th Five-Year Plan (for National Economic and Social Development)": a state plan is a policy document.
  if (/\bFive-Year Plan$/.test(headSegment))
    return { kind: 'DOCUMENT', fields: {}, rule: 'name-document-five-year-plan', confidence: 0.75 };
  if (CAMPAIGN_HEADS.has(head) && words.length >= 2) {
    const campaignType = /plan/i.test(head) ? 'ACTION_PLAN' : /operation/i.test(head) ? 'SPECIAL_OPERATION' : 'OTHER';
    return { kind: 'CAMPAIGN', fields: { campaignType }, rule: 'name-campaign', confidence: 0.75 };
  }
  return null;
}

function organ(name: string, rule: string): Classified {
  const level = /Ministry|Central|State Council|National|Political Bureau|Daily|News Agency/.test(name)
    ? 'CENTRAL'
    : /Province|Provincial|Autonomous Region/.test(name) && !/City|County|Station|Branch/.test(name)
      ? 'PROVINCIAL'
      : /Police Station|Community/.test(name)
        ? 'GRASSROOTS'
        : /County|District|Branch/.test(name)
          ? 'COUNTY'
          : /City|Municipal/.test(name)
            ? 'MUNICIPAL'
            : undefined;
  return { kind: 'ORGAN', fields: level ? { level } : {}, rule, confidence: 0.85 };
}

function session(name: string, headSegment: string, head: string, ordinal: number | undefined): Classified {
  const body = new RegExp(`\\bof\\s+the\\s+(?:CPC\\s+)?(${ORDINAL})\\b`, 'i').exec(name)?.[1];
  const bodyOrdinal = body ? ordinalValue(body) : undefined;
  const isCongress = head === 'congress';
  const sessionType = isCongress
    ? 'NATIONAL_CONGRESS'
    : head === 'study'
      ? 'COLLECTIVE_STUDY'
      : /plenary/i.test(headSegment) || (head === 'session' && bodyOrdinal !== undefined)
        ? 'PLENARY_SESSION'
        : /press/i.test(headSegment)
          ? 'PRESS_CONFERENCE'
          : head === 'conference'
            ? 'WORK_CONFERENCE'
            : 'MEETING';
  const fields: Record<string, unknown> = { sessionType };
  if (isCongress) {
    if (ordinal !== undefined) fields.bodyOrdinal = ordinal;
    if (/National Congress/.test(name) && !/People/.test(name)) fields.series = 'cpc-national-congresses';
  } else {
    if (ordinal !== undefined) fields.ordinal = ordinal;
    if (bodyOrdinal !== undefined) fields.bodyOrdinal = bodyOrdinal;
    if (sessionType === 'PLENARY_SESSION' && bodyOrdinal !== undefined && /Central Committee/.test(name)) {
      fields.series = `${ordinalSuffix(bodyOrdinal)}-central-committee-plenums`;
    }
  }
  return { kind: 'PLENARY_SESSION', fields, rule: `name-session-${head}`, confidence: 0.85 };
}

/** Runs of capitalised words, split where " and the " joins two names. */
export const capitalisedNames: Rule = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(CHUNK, input.text)) {
    let offset = m.index;
    let chunk = m[0];
    // "Ministry of Public Security on Saturday", "… on the 17th": a date, not part of the name.
    const dated =
      /\s+on\s+(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|\d{1,2}(?:st|nd|rd|th))\b/.exec(
        chunk,
      );
    if (dated) chunk = chunk.slice(0, dated.index);
    // A headline in title case: "Ministry of Public Security Strengthens Society’s Management": the verb ends the name.
    const verb = HEADLINE_VERB.exec(chunk);
    if (verb) chunk = chunk.slice(0, verb.index);
    // "The Ministry of Public Security in China is …": the country is where, not part of the name.
    chunk = chunk.replace(/\s+in\s+(?:China|the\s+PRC)$/, '');
    const lead = LEADING.exec(chunk);
    if (lead) {
      offset += lead[0].length;
      chunk = chunk.slice(lead[0].length);
    }
    const parts = chunk.split(/(\s+and\s+the\s+|\s+and\s+(?=(?:Ministry|Department|Bureau|Commission|Committee)\b))/);
    let pos = offset;
    for (const part of parts) {
      const partStart = pos;
      pos += part.length;
      if (/^\s+and\s/.test(part)) continue;
      out.push(...namesIn(input, part, partStart, false));
    }
  }
  return out;
};

/**
 * A name and, for "X of the Y", Y too when it is itself a name (a bureau's ministry). When
 * the whole run names nothing, its parts joined by "and" may ("State Council and Minister
 * of …"). Names found inside a longer one are marked nested: they may overlap it.
 */
function namesIn(input: RuleInput, name: string, offset: number, nested: boolean): Finding[] {
  const out: Finding[] = [];
  const trimmed = name.replace(/\s+(?:of|and|for|on|in)(?:\s+the)?$/, '');
  const c = classifyName(trimmed);
  // "X Study Seminar and Y Study Conference": two sessions, each one a name on its own.
  const and = c?.kind === 'PLENARY_SESSION' ? /\s+and\s+/.exec(trimmed) : null;
  if (and && and.index > 0) {
    const left = trimmed.slice(0, and.index);
    const right = trimmed.slice(and.index + and[0].length);
    if (classifyName(left)?.kind === 'PLENARY_SESSION' && classifyName(right)?.kind === 'PLENARY_SESSION')
      return [
        ...namesIn(input, left, offset, nested),
        ...namesIn(input, right, offset + and.index + and[0].length, nested),
      ];
  }
  // "Ministry Party Committee’s Theme Education Special Study Seminar": the holder is not the session's name.
  const owner = c?.kind === 'PLENARY_SESSION' ? /^[^’']{3,80}[’']s\s+(?=[A-Z])/.exec(trimmed)?.[0].length : undefined;
  const from = offset + (owner ?? 0);
  const span = at(input, from, offset + trimmed.length);
  if (c && span) {
    out.push({
      name: trimmed.slice(owner ?? 0),
      ...span,
      sentence: input.sentence.index,
      ...c,
      ...(nested ? { rule: `${c.rule}-nested` } : {}),
    });
  }
  if (!c) {
    const and = /\s+and\s+/.exec(trimmed);
    if (and && and.index > 0) {
      const left = trimmed.slice(0, and.index);
      const right = trimmed.slice(and.index + and[0].length);
      if (classifyName(left)) out.push(...namesIn(input, left, offset, nested));
      out.push(...namesIn(input, right, offset + and.index + and[0].length, nested));
      return out;
    }
  }
  const tail = /\s+of\s+the\s+/.exec(trimmed);
  if (tail && c?.kind !== 'PLENARY_SESSION') {
    const rest = trimmed.slice(tail.index + tail[0].length);
    out.push(...namesIn(input, rest, offset + tail.index + tail[0].length, c !== null));
  }
  return out;
}
