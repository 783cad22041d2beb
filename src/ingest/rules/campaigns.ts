/**
 * Campaigns as the genre names them, written as shapes rather than phrasings (the previous
 * rules, keyed to the wording of the development articles, found 77% of their campaigns but
 * 29% of unseen ones): a capitalised name before a campaign noun ("the Kunlun 2022 special
 * operation"), "Operation Thunder", a campaign noun with what it fights ("a special campaign
 * to crack down on illegal fundraising", "crackdown on gangs and evil forces"), a campaign
 * named by its length or season ("a 100-day campaign", "the summer crackdown"), and action
 * plans named by their modifiers ("the national anti-fraud action plan").
 */
import { capitalise } from '../normalise.js';
import type { Finding } from '../types.js';
import { allMatches, type Rule, type RuleInput } from './context.js';
import { classifyName } from './names.js';
import {
  finding,
  groupAtEnd,
  groupAtStart,
  groupFound,
  type RuleStep,
  type TableRule,
  tableRule,
  wholeMatch,
} from './rule-table.js';

const Q_OPEN = '[“"]';
const Q_CLOSE = '[”"]';
/** Single quotes too, but not an apostrophe ("China's", "China’s"). */
const QA_OPEN = `(?:[“"‘]|(?<![A-Za-z])')`;
const QA_CLOSE = `(?:[”"]|[’'](?![A-Za-z]))`;

/** Nouns that make a phrase a campaign. */
export const CAMPAIGN_NOUN =
  '(?:campaigns?|crackdowns?|operations?|actions?|rectifications?|drives?|manhunts?|wars?|battles?|struggles?|offensives?|fights?|sweeps?)';
/** Modifiers a campaign noun takes: "nationwide special", "three-month", "joint". */
const MOD =
  '(?:nationwide|national|special|joint|centralized|centralised|concentrated|province-wide|city-wide|cross-provincial|cross-border|intensive|intensified|targeted|thematic|strike-hard|rectification|remediation|clean-up|normali[sz]ed|anti-[a-z-]+|[a-z0-9]+-(?:day|week|month|year)|(?:year|month|week)-?long)';
/** Verbs of purpose that say what a campaign fights: "to crack down on", "targeting". */
const PURPOSE =
  '(?:against|on|targeting|(?:of|for)\\s+(?:cracking\\s+down\\s+on|combat(?:t)?ing|fighting(?:\\s+against)?|curbing|tackling|rectifying|cleaning\\s+up|eliminating|eradicating|striking\\s+(?:at|against)|punishing|rooting\\s+out|sweeping\\s+away|the\\s+rectification\\s+of)|to\\s+(?:crack\\s+down\\s+on|sweep\\s+away|wipe\\s+out|stamp\\s+out|clamp\\s+down\\s+on|combat|fight(?:\\s+against)?|curb|tackle|rectify|clean\\s+up|improve|promote|protect|safeguard|regulate|purify|standardi[sz]e|eliminate|eradicate|strike\\s+(?:at|against)|punish|root\\s+out|prevent|remove|stop|investigate)(?:\\s+and\\s+[a-z]+(?:\\s+(?:down\\s+)?(?:on|at|against))?)?)';
/** Words that end what a campaign fights: the next clause, a place, a time. */
const OBJECT_STOP =
  /^(?:in|from|since|across|throughout|nationwide|which|that|who|with|such|including|like|was|were|is|are|has|have|had|will|would|by|at|during|for|this|last|to|as|and|or|but|so|after|before|until|while|since|among|over|under|through|within|according|launched|carried|organized|organised|deployed|held|continued|resulted|led|achieved|said|the|a|an|began|begun|begins|started|starts|ended|kicked|caught|netted|brought|took|targeted|lasted|aimed|aims|yielded|busted|helped|saw|sees)$/i;
/**
 * Bare verbs of policy talk: after "and" they open a second verb phrase ("push the reform of X
 * and abolish Y", "deepen X and expand Y"), not a second target.
 */
const CLAUSE_VERB =
  /^(?:abolish|accelerate|achieve|adopt|advance|allow|apply|boost|build|carry|cancel|continue|crack|cut|deepen|enable|encourage|enhance|ensure|establish|expand|explore|extend|facilitate|focus|guarantee|help|implement|improve|increase|introduce|launch|lift|make|optimize|optimise|promote|protect|provide|push|raise|reduce|relax|remove|safeguard|set|simplify|speed|step|strengthen|streamline|support|take|upgrade)$/;
/** Words of an object that may not end it ("and" inside "gangs and evil forces" is kept by the lookahead). */
const OBJECT_WORD = /^(?:[“"‘]?[A-Za-z][A-Za-z'’-]*[”"’]?)$/;

/**
 * What a campaign fights, from `from` in `text`: up to six words, stopping at punctuation or a
 * word that starts another clause; "and" joins two targets when a target word follows it
 * ("gangs and evil forces", "pornography and illegal publications").
 */
export function objectAfter(text: string, from: number): number {
  const re = /\s*([^\s,.;:!?()]+)/y;
  let pos = from;
  let end = from;
  let words = 0;
  let adjective = false;
  while (words < 6) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const w = m[1] ?? '';
    if (!OBJECT_WORD.test(w)) break;
    // A quotation after the target is the campaign's name: "… on cyber crimes “Clean Web 2018”".
    if (words > 0 && /^[“"‘]/.test(w)) break;
    const bare = w.replace(/[“”"‘’]/g, '');
    if (/^(?:and|or)$/i.test(bare) && words > 0) {
      // "and" continues the target only when a lower-case noun follows, not a new clause.
      const next = /^\s+([a-z][a-z-]*)\b/.exec(text.slice(re.lastIndex))?.[1] ?? '';
      // "and organized crime": a participle before a noun is an adjective, not a new clause.
      const noun = /^\s+[a-z][a-z-]*\s+([a-z][a-z-]*)\b(?!\s+(?:the|a|an)\b)/.exec(text.slice(re.lastIndex))?.[1];
      // "and called on public …": a verb with its particle opens a clause.
      adjective =
        /ed$/.test(next) &&
        noun !== undefined &&
        !OBJECT_STOP.test(noun) &&
        !/(?:ed|ly)$/.test(noun) &&
        !/^(?:on|of|off|up|out|upon|into|about)$/.test(noun);
      if (!next || (!adjective && (OBJECT_STOP.test(next) || /(?:ed|ing|ly)$/.test(next))) || CLAUSE_VERB.test(next))
        break;
      pos = re.lastIndex;
      continue;
    }
    if (words === 0 && /^(?:the|a|an)$/i.test(bare)) {
      pos = re.lastIndex;
      continue;
    }
    // "… against pension fraud caught 800 suspects", a headline's "… Fraud Nets 800": a word before a count is the verb.
    if (words > 0 && /^\s+\d/.test(text.slice(re.lastIndex))) break;
    // "to eliminate organized crime": the participle qualifies the noun after it ("organized by" ends the target).
    const participle =
      /^organi[sz]ed$/i.test(bare) && /^\s+[a-z][a-z-]*\b/.test(text.slice(re.lastIndex))
        ? !OBJECT_STOP.test(/^\s+([a-z][a-z-]*)/.exec(text.slice(re.lastIndex))?.[1] ?? 'by')
        : false;
    if (OBJECT_STOP.test(bare) && !/^[“"‘]/.test(w) && !adjective && !participle) break;
    adjective = false;
    pos = re.lastIndex;
    end = pos;
    words++;
  }
  return end;
}

/**
 * A name written in title case ("Special Campaign Against Pension Fraud nets 800 suspects", a
 * headline) ends at its first lower-case word: the verb of the headline is not the target.
 */
function titleCaseEnd(head: string, text: string, from: number, end: number): number {
  if (!/^(?:\p{Lu}\S*\s+)*\p{Lu}\S*$/u.test(head.trim())) return end;
  const re = /\s*(\S+)/y;
  re.lastIndex = from;
  let last = from;
  for (let m = re.exec(text); m && re.lastIndex <= end; m = re.exec(text)) {
    const w = (m[1] ?? '').replace(/^[“"‘]+/, '');
    if (/^\p{Ll}/u.test(w) && !/^(?:and|of|the|on|in|for|against|to)$/.test(w)) break;
    last = re.lastIndex;
  }
  return last > from ? last : end;
}

/**
 * "against telecom fraud" → "telecom fraud": a generic target says nothing of the campaign, and
 * what a campaign protects ("crackdown on public security", a translation of 严打整治) is no target.
 */
const VAGUE_TARGET =
  /^(?:crimes?|criminals?|it|them|this|these|those|illegal|such|all|various|other|crime)$|^(?:crimes?|violations?|offen[cs]es?)\s+and\s+(?:other\s+)?(?:crimes?|violations?|offen[cs]es?|illegal\s+acts?|wrongdoings?)$|^(?:(?:public|social|national)\s+)?(?:security|safety|order|stability)$|^(?:all|various|every|any)\b|^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|\d)/i;

/** A time or place said between a campaign noun and its purpose: "a campaign in March to …". */
const BETWEEN =
  '(?:(?:in|since|from|last|this|early|late)\\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\\s+(?:19|20)\\d{2})?|(?:19|20)\\d{2}|year|month|week|spring|summer|autumn|winter)|nationwide|across\\s+(?:the\\s+country|China|the\\s+province))';
const FIGHTS = new RegExp(`\\b((?:${MOD}\\s+){0,3}${CAMPAIGN_NOUN})(\\s+${BETWEEN})?\\s+(${PURPOSE})\\s+`, 'gi');
/** "a special rectification of the rental market": a rectification names what it cleans up with "of". */
const RECTIFICATION_OF = new RegExp(`\\b((?:${MOD}\\s+){1,3}rectifications?)\\s+of\\s+`, 'gi');
/** A capitalised name (maybe with a year) right before modifiers and a campaign noun. */
const NAME_BEFORE = new RegExp(
  `\\b((?:[A-Z][A-Za-z-]*\\s+){1,4}?(?:(?:19|20)\\d{2}\\s+)?)((?:${MOD}\\s+){0,3}(?:campaign|operation|action|crackdown|rectification|manhunt)s?)\\b(?!\\s+plan)`,
  'g',
);
/** A code name with its year right before a campaign noun: "Kunlun 2023", "Sky Net 2019". */
const CODE_NAME_YEAR_BEFORE = /\b[A-Z][A-Za-z-]*(?:\s+[A-Z][A-Za-z-]*){0,3}\s+(?:19|20)\d{2}\s+$/;
const OPERATION_NAME = /\bOperation\s+((?:[A-Z][A-Za-z-]*)(?:\s+[A-Z][A-Za-z-]*){0,3}(?:\s+(?:19|20)\d{2})?)/g;
const LENGTH_OR_SEASON = new RegExp(
  `\\b((?:(?:[a-z0-9]+-(?:day|week|month|year)|(?:year|month|week)-?long|(?:summer|winter|spring|autumn|year-end|new-year|holiday)(?:\\s+[a-z-]+){0,2}?)\\s+)(?:${MOD}\\s+){0,2}(?:campaign|crackdown|operation|action|rectification|drive)(?:\\s+and\\s+(?:rectification|remediation)(?:\\s+(?:campaign|action|operation))?)?)\\b(?!\\s+plan)`,
  'gi',
);
/**
 * "summer night security inspections", "winter patrols": a season's inspection rounds are a
 * campaign of their own (夏夜治安巡查) beside the season's crackdown.
 */
const SEASON_INSPECTIONS =
  /\b((?:summer|winter|spring|autumn)\s+(?:night\s+)?(?:[a-z-]+\s+){0,2}?(?:inspections|patrols))\b/gi;
/**
 * "a three-month security enforcement campaign": a campaign known by its length and the nouns of
 * what it does (the modifiers LENGTH_OR_SEASON reads are campaign modifiers only).
 */
const LENGTH_NOUNS =
  /\b(?:[Aa]n?|[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+((?:[a-z0-9]+-(?:day|week|month|year)|(?:year|month|week)-?long)\s+((?:[a-z-]+\s+){1,2})(?:campaign|crackdown|operation|rectification|drive))\b(?!\s+plan)/g;
const NAMED_PLAN =
  /\b((?:(?:[a-z0-9]+-year|national|nationwide|special|joint|anti-[a-z-]+|[a-z]+-[a-z]+)\s+){1,3}action\s+plan)\b/g;
/** "the rural road safety action plan": a plan named by the words between its determiner and "action plan". */
const DETERMINED_PLAN =
  /\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his)\s+((?:(?!(?:the|a|an|and|of|to|for|issued|released|published|launched|approved|formulated|adopted|unveiled|implemented|introduced|drew|drawn|made|has|have|had|is|was|will)\s)[a-z][a-z-]*\s+){1,4})action\s+plan\b/g;
/** Words any plan may take: they tell no plan apart. */
const VAGUE_PLAN_WORD =
  /^(?:new|further|specific|detailed|relevant|related|overall|general|draft|work|first|second|third|latest|current|annual|comprehensive|[a-z0-9]+-year)$/;
/**
 * "the online gambling crackdown", "a gun and explosives control campaign": a campaign named by
 * the nouns of what it is about, after a determiner. Only campaign and crackdown: "operation" and
 * "action" before them are ordinary English ("the rescue operation").
 */
const NOUN_MODIFIED =
  /\b(?:[Tt]he|[Aa]n?|[Tt]his|[Ii]ts|[Tt]heir|[Cc]hina['’]s)\s+((?:(?!(?:the|a|an|and|of|to|for|in|on|at|by|with|was|is|has|campaigns?|crackdowns?)\s)[a-z][a-z-]*\s+){1,3}(?:and\s+(?:(?!(?:the|a|an|campaigns?|crackdowns?)\s)[a-z][a-z-]*\s+){1,2})?(?:campaign|crackdown)s?)\b/g;
/** Past tenses without "-ed" that open a clause before "campaign": "the city ran special campaigns". */
const IRREGULAR_PAST =
  /^(?:ran|saw|took|made|got|won|set|put|led|held|began|kept|gave|went|came|found|brought|built|chose|drew|fought|knew|left|lost|meant|met|paid|read|said|sent|spent|stood|told|thought|understood|wrote|[a-z]+ed)$/;
/** How hard or how often a campaign is waged: "a high-pressure crackdown" names none. */
const MANNER =
  /^(?:high-pressure|heavy-handed|all-out|tough|tougher|toughest|toughest-ever|harsh|resolute|relentless|sustained|continuous|constant|strict|stern|vigorous|strong|stronger|powerful|hard|harder|ongoing|current|previous|latest|recent|first|last|next|annual|yearly|regular|big|bigger|biggest|huge|unprecedented|whole|entire|overall|general|broad|wide|wider|their|our|his|her)$/;
/** Words before "campaign" that make it no campaign of this genre. */
const NOT_GENRE =
  /^(?:election|electoral|presidential|advertising|marketing|publicity|promotional|fundraising|charm|smear|recruitment|sales|media)$/;
/** "the 2019 version of the campaign": an earlier (or later) edition of a campaign is a campaign of its own. */
const EDITION =
  /\b((?:19|20)\d{2})\s+(?:version|edition|round)\s+of\s+(?:the|this|that|its|their)\s+(?:[a-z-]+\s+){0,2}?(?:campaign|operation|crackdown|action|drive)\b/g;
/** Sentence openers and determiners that are not part of a name. */
const NOT_NAME =
  /^(?:The|This|These|That|Those|A|An|In|On|At|By|Since|From|During|Under|And|But|For|To|Of|As|With|After|Before|Its|Their|Our|His|Her|China|China's|Chinese|National|Nationwide|Special|Joint|Local|Police|Public|Ministry|Provincial|Municipal|City|County|All|Every|Each|Some|Many|Last|Next|Since|Meanwhile|Also|It|They|We|He|She|Xinhua|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** "The special campaign launched by the ministry in February": a campaign known by its launch alone. */
const LAUNCHED_UNNAMED = new RegExp(
  `\\b[Tt]he\\s+((?:${MOD}\\s+){1,3}(?:campaign|operation|crackdown|action))\\s+(?:that\\s+|which\\s+)?(?:was\\s+)?(?:launched|started|initiated|deployed|kicked\\s+off)\\b`,
  'g',
);

/** A campaign noun an organ organises, launches or carries out, under one or two modifiers of its own. */
const ORGANISED_NOUN = '(?:campaigns?|crackdowns?|operations?|battles?|wars?|sweeps?|drives?|offensives?)';
const ORGANISED = new RegExp(
  `\\b(?:organi[sz]e[sd]?|organi[sz]ing|launch(?:ed|es|ing)?|carr(?:y|ies|ied|ying)\\s+out|conduct(?:ed|s|ing)?|deploy(?:ed|s|ing)?)\\s+(?:(?:a|an|the)\\s+)?((?:[a-z][a-z-]*\\s+){1,2}${ORGANISED_NOUN})\\b(?:\\s+and\\s+((?:[a-z][a-z-]*\\s+){1,2}${ORGANISED_NOUN})\\b)?`,
  'g',
);
/** Modifiers any campaign may take, or that are not modifiers at all: they name no campaign. */
const VAGUE_MODIFIER =
  /^(?:a|an|the|and|of|more|several|many|various|further|new|series|large-scale|massive|fierce|severe|comprehensive|in-depth|sweeping|major|relevant|multiple|such|these|this|its|their|our|police|law|enforcement|security|public|military|rescue|search|investigation|\d+|[a-z]+ly|[a-z]+ing)$/;

/** The rule of an edition ("the 2019 version of the campaign"), which extract names after the campaign it is an edition of. */
export const EDITION_RULE = 'generic-campaign-edition';

const operationOrCampaign = (words: string) => (/operation/i.test(words) ? 'SPECIAL_OPERATION' : 'SPECIAL_CAMPAIGN');
/** "The “Safe Harbour” special campaign launched …": a campaign named by the quote before it. */
const quoteBefore = (text: string, index: number) => /[”"’']\s*$/.test(text.slice(0, index));

/** Each conjunct is a campaign; the spans taken go to `organised`, which `foughtCampaigns` reads. */
const organisedCampaigns =
  (organised: [number, number][]): RuleStep =>
  (input) => {
    const out: Finding[] = [];
    const text = input.text;
    for (const m of allMatches(ORGANISED, text)) {
      // Each conjunct: "organizing regional battles and cluster battles".
      const conjuncts = [m[1] ?? '', m[2] ?? ''].filter((c) => c !== '');
      let from = m.index + m[0].indexOf(conjuncts[0] ?? '');
      for (const [i, phrase] of conjuncts.entries()) {
        const start = m.index + m[0].indexOf(phrase, from - m.index);
        from = start + phrase.length;
        const mods = phrase.split(/\s+/).slice(0, -1);
        // "launched a special operation", "a fierce offensive": no modifier tells this campaign apart.
        if (mods.every((w) => VAGUE_MODIFIER.test(w) || new RegExp(`^${MOD}$`, 'i').test(w))) continue;
        let end = start + phrase.length;
        // What the last conjunct fights: "… on 19 major gambling cases" (a count may open it).
        if (i === conjuncts.length - 1) {
          const purpose = new RegExp(`^\\s+${PURPOSE}\\s+`, 'i').exec(text.slice(end));
          if (purpose) {
            const objStart = end + purpose[0].length;
            const count = /^\d[\d,]*\s+(?=[a-z])/.exec(text.slice(objStart))?.[0] ?? '';
            const objEnd = objectAfter(text, objStart + count.length);
            const target = text.slice(objStart + count.length, objEnd).trim();
            if (target && !VAGUE_TARGET.test(target)) end = objEnd;
          }
        }
        organised.push([start, end]);
        const name = text.slice(start, end);
        out.push(
          ...finding(input, start, end, {
            kind: 'CAMPAIGN',
            name: capitalise(name),
            rule: 'generic-campaign-organised',
            confidence: 0.65,
            fields: { campaignType: operationOrCampaign(phrase) },
          }),
        );
      }
    }
    return out;
  };

/** The target ends where the object does, and a time or place said in between is left out of the name. */
const foughtCampaigns =
  (organised: readonly [number, number][]): RuleStep =>
  (input) => {
    const out: Finding[] = [];
    const text = input.text;
    for (const m of allMatches(FIGHTS, text)) {
      const head = m[1] ?? '';
      // "take action on": an action is a campaign only when it is special or joint.
      if (/^actions?$/i.test(head) || /^(?:wars?|battles?|struggles?|fights?|sweeps?)$/i.test(head)) continue;
      // An organised campaign read whole by ORGANISED ("launched a cluster crackdown on …").
      if (organised.some(([a, b]) => m.index >= a && m.index < b)) continue;
      // "the “Safe Harbour” special campaign against pension fraud" is named by its quote.
      if (quoteBefore(text, m.index)) continue;
      // "the Kunlun 2023 operation against fake medicines" is named by its code name and year.
      if (CODE_NAME_YEAR_BEFORE.test(text.slice(Math.max(0, m.index - 60), m.index))) continue;
      const objStart = m.index + m[0].length;
      const end = titleCaseEnd(head, text, objStart, objectAfter(text, objStart));
      const target = text.slice(objStart, end).trim();
      // "special campaigns against all kinds of crimes and minor offenses": a special campaign's
      // sweep of every kind of something is still a campaign when the something is named.
      const kinds = /^(?:all|various)\s+(?:kinds|types|sorts|forms)\s+of\s+(.+)$/i.exec(target)?.[1];
      const swept = kinds !== undefined && /\bspecial\b/i.test(head) && !VAGUE_TARGET.test(kinds);
      if (!target || (VAGUE_TARGET.test(target) && !swept)) continue;
      // The name leaves out a time or place said in between ("a campaign in March to …").
      const between = m[2] ?? '';
      const phrase = between
        ? `${head} ${text.slice(m.index + head.length + between.length, end).trim()}`
        : text.slice(m.index, end);
      out.push(
        ...finding(input, m.index, end, {
          kind: 'CAMPAIGN',
          name: capitalise(phrase.replace(/^(?:another|new)\s+/i, '')),
          rule: 'generic-campaign-fights',
          confidence: 0.7,
          fields: { campaignType: operationOrCampaign(head) },
        }),
      );
    }
    return out;
  };

/** The span runs to the end of the object after the match. */
const rectifications: RuleStep = (input) => {
  const out: Finding[] = [];
  const text = input.text;
  for (const m of allMatches(RECTIFICATION_OF, text)) {
    if (quoteBefore(text, m.index)) continue;
    const objStart = m.index + m[0].length;
    const end = objectAfter(text, objStart);
    const target = text.slice(objStart, end).trim();
    if (!target || VAGUE_TARGET.test(target)) continue;
    out.push(
      ...finding(input, m.index, end, {
        kind: 'CAMPAIGN',
        name: capitalise(text.slice(m.index, end)),
        rule: 'generic-campaign-rectification-of',
        confidence: 0.65,
        fields: { campaignType: 'SPECIAL_CAMPAIGN' },
      }),
    );
  }
  return out;
};

/** Openers are dropped from the name, so the span starts wherever the kept words do. */
const namesBeforeNoun: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(NAME_BEFORE, input.text)) {
    const words = (m[1] ?? '').trim().split(/\s+/);
    // Drop openers ("The Kunlun …", "In 2022 Kunlun …"); a name must keep one word.
    while (words.length > 0 && NOT_NAME.test(words[0] ?? '')) words.shift();
    if (words.length === 0 || words.every((w) => /^\d{4}$/.test(w))) continue;
    const name = words.join(' ');
    const start = m.index + (m[0].indexOf(name) >= 0 ? m[0].indexOf(name) : 0);
    // A name before "public security organs' special campaign" is an organ's, not the campaign's.
    const last = words.at(-1) ?? '';
    if (
      /['’]s?$/.test(last) ||
      /^(?:Ministry|Bureau|Department|Committee|Council|Court|Procuratorate|Office)$/.test(last)
    )
      continue;
    out.push(
      ...finding(input, start, m.index + m[0].length, {
        kind: 'CAMPAIGN',
        name,
        rule: 'generic-campaign-name-before-noun',
        confidence: 0.75,
        fields: { campaignType: operationOrCampaign(m[2] ?? '') },
      }),
    );
  }
  return out;
};

/** The plan's name drops an opening article, so its span starts after it. */
const namedPlans: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(NAMED_PLAN, input.text)) {
    const phrase = (m[1] ?? '').replace(/^(?:the|a|an|this|its|their|and|of|to|new)\s+/i, '');
    const modifiers = phrase.split(/\s+/).slice(0, -2);
    // "a three-year action plan" alone refers to a plan named elsewhere (ACTION_PLAN takes "… for X").
    if (modifiers.length === 0 || modifiers.every((w) => /-year$/.test(w))) continue;
    const start = m.index + (m[1] ?? '').length - phrase.length;
    out.push(
      ...finding(input, start, start + phrase.length, {
        kind: 'CAMPAIGN',
        name: capitalise(phrase),
        rule: 'generic-campaign-action-plan',
        confidence: 0.7,
        fields: { campaignType: 'ACTION_PLAN' },
      }),
    );
  }
  return out;
};

/** The span starts at the plan's words and runs to the end of the match. */
const determinedPlans: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(DETERMINED_PLAN, input.text)) {
    const words = (m[1] ?? '').trim().split(/\s+/);
    if (words.every((w) => VAGUE_PLAN_WORD.test(w) || VAGUE_MODIFIER.test(w))) continue;
    const start = m.index + m[0].indexOf(m[1] ?? '');
    const end = m.index + m[0].length;
    out.push(
      ...finding(input, start, end, {
        kind: 'CAMPAIGN',
        name: capitalise(input.text.slice(start, end)),
        rule: 'generic-campaign-action-plan',
        confidence: 0.7,
        fields: { campaignType: 'ACTION_PLAN' },
      }),
    );
  }
  return out;
};

const GENERIC_ROWS: readonly (TableRule | RuleStep)[] = [
  rectifications,
  namesBeforeNoun,
  {
    pattern: OPERATION_NAME,
    mention: wholeMatch,
    kind: 'CAMPAIGN',
    name: (_, m) => m[1] ?? '',
    rule: 'generic-campaign-operation-name',
    confidence: 0.8,
    fields: () => ({ campaignType: 'SPECIAL_OPERATION' }),
    skip: (m) => NOT_NAME.test((m[1] ?? '').split(/\s+/)[0] ?? ''),
  },
  {
    pattern: LENGTH_OR_SEASON,
    mention: groupAtStart,
    kind: 'CAMPAIGN',
    name: capitalise,
    rule: 'generic-campaign-length-or-season',
    confidence: 0.7,
    fields: () => ({ campaignType: 'SPECIAL_CAMPAIGN' }),
  },
  {
    pattern: SEASON_INSPECTIONS,
    mention: groupAtStart,
    kind: 'CAMPAIGN',
    name: capitalise,
    rule: 'generic-campaign-length-or-season',
    confidence: 0.6,
    fields: () => ({ campaignType: 'SPECIAL_CAMPAIGN' }),
  },
  {
    pattern: LENGTH_NOUNS,
    mention: groupAtEnd,
    kind: 'CAMPAIGN',
    name: capitalise,
    rule: 'generic-campaign-length-or-season',
    confidence: 0.65,
    fields: (phrase) => ({ campaignType: operationOrCampaign(phrase) }),
    skip: (m) => {
      const words = (m[2] ?? '').trim().split(/\s+/);
      const modifier = new RegExp(`^${MOD}$`, 'i');
      // Campaign modifiers only ("a 100-day special campaign") are LENGTH_OR_SEASON's; a verb opens a clause.
      return (
        words.every((w) => modifier.test(w) || w === 'and') ||
        words.some((w) => NOT_GENRE.test(w) || OBJECT_STOP.test(w) || CLAUSE_VERB.test(w) || IRREGULAR_PAST.test(w))
      );
    },
  },
  namedPlans,
  {
    pattern: NOUN_MODIFIED,
    mention: groupAtEnd,
    kind: 'CAMPAIGN',
    name: capitalise,
    rule: 'generic-campaign-noun-modified',
    confidence: 0.65,
    fields: () => ({ campaignType: 'SPECIAL_CAMPAIGN' }),
    skip: (m) => {
      const words = (m[1] ?? '').split(/\s+/).slice(0, -1);
      const modifier = new RegExp(`^${MOD}$`, 'i');
      if (words.every((w) => w === 'and' || VAGUE_MODIFIER.test(w) || MANNER.test(w) || modifier.test(w))) return true;
      // "The city ran special campaigns": a verb among the words is a clause, not a modifier.
      const clause = (w: string) =>
        w !== 'and' && (OBJECT_STOP.test(w) || CLAUSE_VERB.test(w) || IRREGULAR_PAST.test(w));
      return words.some((w) => NOT_GENRE.test(w) || clause(w));
    },
  },
  {
    pattern: EDITION,
    mention: wholeMatch,
    kind: 'CAMPAIGN',
    name: (phrase) => phrase,
    rule: EDITION_RULE,
    confidence: 0.65,
    fields: (_, m) => ({ campaignType: 'SPECIAL_CAMPAIGN', edition: m[1] }),
  },
  determinedPlans,
];

export const genericCampaigns: Rule = (input) => {
  // What ORGANISED reads whole, FIGHTS leaves alone: the two steps share the spans of one sentence.
  const organised: [number, number][] = [];
  return tableRule([
    organisedCampaigns(organised),
    {
      pattern: LAUNCHED_UNNAMED,
      mention: groupFound,
      kind: 'CAMPAIGN',
      name: capitalise,
      rule: 'generic-campaign-launched-unnamed',
      confidence: 0.6,
      fields: (phrase) => ({ campaignType: operationOrCampaign(phrase) }),
      skip: (m, { text }) => quoteBefore(text, m.index + m[0].indexOf(m[1] ?? '')),
    },
    foughtCampaigns(organised),
    ...GENERIC_ROWS,
  ])(input);
};

// ---- quoted names, code names, listed operations, action plans (moved from phrases.ts) ----

const SPECIAL_QUOTED = new RegExp(
  `\\bspecial (campaign|operation|action|rectification)s?\\s+(?:of|called|named|dubbed|code-named)?\\s*${Q_OPEN}([^”"]{3,80})${Q_CLOSE}`,
  'gi',
);
const QUOTED_THEN_TYPE = new RegExp(
  `${QA_OPEN}([^”"‘’]{3,120}?),?${QA_CLOSE}\\s+((?:(?:nationwide|national|special|joint|centralized|centralised|concentrated|province-wide|intensive|thematic|[a-z0-9]+-(?:day|month|year))\\s+){0,3}(?:campaign|operation|action|rectification|manhunt|crackdown|war|battle|drive|initiative|struggle|project)s?|(?:creation\\s+)?activit(?:y|ies))\\b`,
  'gi',
);
/** "The operation, codenamed “Cloud Sword 2020,”", "what the authorities call ‘hundred cities anti-drug war’". */
const CODENAMED = new RegExp(
  `\\b(?:code-?named|dubbed|called|named|known as|what (?:the )?(?:authorities|police|officials) call)\\s+${QA_OPEN}([^”"‘’]{3,80}?),?${QA_CLOSE}`,
  'gi',
);
/** "special operations such as “cloud sword”, “broken card” and “disconnection”": each listed name. */
const CAMPAIGN_LIST = new RegExp(
  `\\b(?:special\\s+)?(?:operations|campaigns|actions|crackdowns)\\s+(?:such as|including|like|named|called)\\s+((?:${QA_OPEN}[^”"‘’]{2,60}?${QA_CLOSE}(?:\\s*,\\s*and\\s+|\\s*,\\s*|\\s+and\\s+)?)+)`,
  'gi',
);
/** Unquoted campaigns named by what they fight: "a crackdown on trafficking", "a cross-provincial campaign against human trafficking". */
const CAMPAIGN_AGAINST =
  /\b((?:(?:nationwide|national|cross-provincial|special|joint|new|another|year-long|anti-[a-z-]+|people['’]s)\s+){0,3}(?:campaign|crackdown|operation|war)\s+(?:against|on|targeting)\s+(?:[a-z-]+\s+){0,3}?[a-z-]*(?:crimes?|trafficking|fraud|gangs?|corruption|drugs?|smuggling|gambling|pornography|violence|terrorism|theft|robbery|scams?|kidnapping|poaching|piracy|counterfeiting|pyramid selling))\b/gi;
/** "national anti-human-trafficking campaign". */
const ANTI_CAMPAIGN =
  /\b((?:(?:nationwide|national|cross-provincial|special|joint)\s+)?anti-[a-z-]+\s+(?:campaign|crackdown|operation|drive|war))\b/gi;
const ACTION_PLAN =
  /\b((?:[a-z]+-year\s+)?action plan(?:\s*\(\d{4}[-–]\d{4}\))?\s+(?:for|to|on)\s+[a-z][a-z\s-]{3,100}?)(?=[,.;:]|\s+(?:in|which|that|to ensure|and plan|was|were|is)\b|$)/gi;
/** Trainings an organ runs as a campaign: "organized and carried out “textbook” law enforcement training". */
const TRAINING =
  /\b(?:carried out|carry out|carrying out|organized|organised|launched|conducted|deepened|deepen|deepening)\s+(?:and\s+carried\s+out\s+)?(?:the\s+|a\s+|an\s+)?((?:[“"][^”"]{2,40}[”"]\s+)?(?:[a-z-]+\s+){0,4}training(?:\s+(?:of|for)\s+(?:the\s+)?(?:whole|all|entire)\s+[a-z]+)?)\b/g;
/** A quoted title may open with a number: "100-day Action". */
const QUOTED_NAME = new RegExp(`${Q_OPEN}([A-Z0-9][^”"]{5,160})${Q_CLOSE}`, 'g');

/**
 * A quoted campaign's name. A year in the sentence tells one year's round of a recurring
 * operation from another ("Kunlun" 2022, 2023).
 */
function roundName(input: RuleInput, core: string): string {
  const roundYear = /\b(?:in|for)\s+((?:19|20)\d{2})\b/.exec(input.text)?.[1];
  const name = capitalise(core.trim().replace(/,$/, ''));
  return roundYear && !/\b(?:19|20)\d{2}\b/.test(name) && /special|operation|action/i.test(input.text)
    ? `${name} ${roundYear}`
    : name;
}

/** What a quoted name followed by its type is: the type's words, or a demonstration the name says it is. */
function quotedType(quoted: string, type: string): string {
  const special = /\bspecial\b/.test(type);
  return /demonstration/i.test(quoted)
    ? 'DEMONSTRATION'
    : special || /campaign|crackdown|manhunt|war|battle|drive/.test(type)
      ? /operation|manhunt/.test(type)
        ? 'SPECIAL_OPERATION'
        : 'SPECIAL_CAMPAIGN'
      : 'OTHER';
}

/** "special operations such as “cloud sword”, “broken card” …": one finding per quoted name. */
const listedCampaigns: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(CAMPAIGN_LIST, input.text)) {
    const list = m[1] ?? '';
    const listAt = m.index + m[0].length - list.length;
    for (const q of allMatches(new RegExp(`${QA_OPEN}([^”"‘’]{2,60}?)${QA_CLOSE}`, 'g'), list)) {
      const core = q[1] ?? '';
      const start = listAt + q.index + 1;
      out.push(
        ...finding(input, start, start + core.length, {
          kind: 'CAMPAIGN',
          name: roundName(input, core),
          rule: 'phrase-campaign-listed',
          confidence: 0.8,
          fields: { campaignType: 'SPECIAL_OPERATION' },
        }),
      );
    }
  }
  return out;
};

/** The name drops an opening "another" or "new", so its span starts after it. */
const campaignsAgainst: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const re of [CAMPAIGN_AGAINST, ANTI_CAMPAIGN]) {
    for (const m of allMatches(re, input.text)) {
      const phrase = (m[1] ?? '').replace(/^(?:another|new)\s+/i, '');
      const start = m.index + m[0].indexOf(phrase);
      // "the “Safe Harbour” special campaign against pension fraud" is named by its quote.
      if (quoteBefore(input.text, start)) continue;
      // "step up the crackdown on crime": a target any campaign has names none.
      const target = /\s(?:against|on|targeting)\s+(.*)$/i.exec(phrase)?.[1] ?? '';
      if (re === CAMPAIGN_AGAINST && VAGUE_TARGET.test(target)) continue;
      out.push(
        ...finding(input, start, start + phrase.length, {
          kind: 'CAMPAIGN',
          name: capitalise(phrase),
          rule: re === CAMPAIGN_AGAINST ? 'phrase-campaign-against' : 'phrase-campaign-anti',
          confidence: 0.7,
          fields: { campaignType: operationOrCampaign(phrase) },
        }),
      );
    }
  }
  return out;
};

/** The plan's span ends at its last word, not at the spaces the pattern took after it. */
const actionPlans: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(ACTION_PLAN, input.text)) {
    const phrase = (m[1] ?? '').trim();
    out.push(
      ...finding(input, m.index, m.index + phrase.length, {
        kind: 'CAMPAIGN',
        name: capitalise(phrase),
        rule: 'phrase-campaign-action-plan',
        confidence: 0.75,
        fields: { campaignType: 'ACTION_PLAN' },
      }),
    );
  }
  return out;
};

/** A quoted capitalised title is a name; its head word says what it names, and so the rule. */
const quotedNames: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(QUOTED_NAME, input.text)) {
    const inner = m[1] ?? '';
    const stripped = inner.replace(/\s*\(\d{4}[-–]\d{4}\)$/, '');
    const c = classifyName(stripped);
    if (!c || c.kind === 'ORGAN' || c.kind === 'PLENARY_SESSION') continue;
    out.push(
      ...finding(input, m.index + 1, m.index + 1 + inner.length, {
        kind: c.kind,
        name: inner,
        rule: `quoted-${c.rule}`,
        confidence: 0.9,
        fields: c.fields,
      }),
    );
  }
  return out;
};

export const campaignPhrases: Rule = tableRule([
  {
    pattern: SPECIAL_QUOTED,
    mention: wholeMatch,
    kind: 'CAMPAIGN',
    name: (_, m, input) => roundName(input, m[2] ?? ''),
    rule: 'phrase-campaign-special-quoted',
    confidence: 0.9,
    fields: (_, m) => ({
      campaignType: (m[1] ?? '').toLowerCase() === 'operation' ? 'SPECIAL_OPERATION' : 'SPECIAL_CAMPAIGN',
    }),
  },
  {
    pattern: QUOTED_THEN_TYPE,
    mention: wholeMatch,
    kind: 'CAMPAIGN',
    // A quoted name is the campaign's name: "Sky Net" manhunt and "Sky Net" operation are one.
    name: (_, m, input) => {
      const type = (m[2] ?? '').toLowerCase();
      return /activit/.test(type)
        ? `${capitalise(m[1] ?? '')} ${type.replace(/activities$/, 'activity')}`
        : roundName(input, m[1] ?? '');
    },
    rule: 'phrase-campaign-quoted-type',
    confidence: 0.85,
    fields: (_, m) => ({ campaignType: quotedType(m[1] ?? '', (m[2] ?? '').toLowerCase()) }),
  },
  {
    pattern: CODENAMED,
    mention: groupFound,
    kind: 'CAMPAIGN',
    name: (core, _, input) => roundName(input, core),
    rule: 'phrase-campaign-codenamed',
    confidence: 0.85,
    fields: () => ({ campaignType: 'SPECIAL_OPERATION' }),
    onlyIf: /\b(?:operation|campaign|action|crackdown|manhunt|war|battle|drive|hunt)s?\b/i,
  },
  listedCampaigns,
  campaignsAgainst,
  actionPlans,
  {
    pattern: TRAINING,
    mention: groupAtEnd,
    kind: 'CAMPAIGN',
    name: capitalise,
    rule: 'phrase-campaign-training',
    confidence: 0.7,
    fields: () => ({ campaignType: 'OTHER' }),
    // "training" alone, or a course someone attends, is not a campaign.
    skip: (m) => /^training/.test(m[1] ?? '') || /\bcourses?\b/.test(m[1] ?? ''),
  },
  quotedNames,
]);
