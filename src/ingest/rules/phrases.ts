/**
 * Lower-case phrases that name sessions, organs and laws in translated reports: "the 23rd
 * collective study", "held a press conference", "county-level public security organs".
 * Campaign phrases live in campaigns.ts.
 */
import { capitalise, ORDINAL, ORDINAL_ANY_CASE, ordinalValue } from '../normalise.js';
import type { Finding } from '../types.js';
import { allMatches, at, type Rule, type RuleInput } from './context.js';
import { finding, groupAtEnd, groupAtStart, groupFound, type RuleStep, tableRule, wholeMatch } from './rule-table.js';

// Case-sensitive, so the body of capitalised words stops at the first lower-case word.
const ORDINAL_SESSION = new RegExp(
  `\\b(${ORDINAL_ANY_CASE})\\s+([Cc]ollective [Ss]tudy|[Pp]lenary [Ss]ession|[Mm]eeting|[Ss]ession|[Pp]lenum)(?:\\s+of\\s+the\\s+((?:${ORDINAL}\\s+)?(?:[A-Z][A-Za-z’']*|CPC)(?:\\s+(?:[A-Z][A-Za-z’']*|of the|of|for)(?=\\s+(?:[A-Z]|of\\b|for\\b)))*(?:\\s+[A-Z][A-Za-z’']*)?))?\\b`,
  'g',
);

const HELD_MEETING =
  /\b(?:held|convened|hosted|organized|organised)\s+(?:a|an)\s+((?:series of\s+)?(?:[a-z0-9()-]+\s+){0,8}?(?:press conferences?|promotion meeting|work conference|conference|teleconference|videoconference|meeting|symposium|seminar|training course|forum))\b(?:\s+on the theme of\s+[“"]([^”"]{2,60})[”"])?/g;

/** "revise and improve the procedural regulations for public security organs to handle criminal cases". */
const RULEBOOK =
  /\b(?:revise|revised|revising|formulate|formulated|formulating|amend|amended|amending|issue|issued|issuing|promulgate|promulgated|improve|improved|improving|published|released|unveiled)\s+(?:and\s+[a-z]+\s+)?(?:the\s+|an?\s+)?((?:[a-z-]+\s+){0,2}(?:regulations?|provisions|rules)\s+(?:for|on)\s+(?:China['’]s\s+)?[a-z -]{5,100}?)(?=\s*[,.;:]|$)/g;

/**
 * A policy document named in lower case and said to be issued: "a guideline for the reform of X
 * was issued by …", "a reform plan approved by central authorities". A bare "the guideline" is
 * a later mention, and an action plan is a campaign.
 */
const ISSUED_DOCUMENT =
  /\b(?:[Aa]n?|[Tt]he|[Aa]nother)\s+((?:(?!action\s|work\s)[a-z-]+\s+){0,4}?(?:guidelines?|opinions?|plan|circular|notice|decision|outline)(?:\s+(?:for|on)\s+[^,;:.!?]{3,80}?)?)\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?(?:jointly\s+)?(?:issued|released|approved|published|unveiled|promulgated)\s+(?:by|on|in|last|this|and|jointly)\b/g;

/**
 * "The State Council issued a guideline on X on Monday": the verb before the document. The topic
 * ends at punctuation, a date, or a clause word; a plan is left to the campaign and reform rules.
 */
const ISSUED_BEFORE_DOCUMENT =
  /\b(?:issued|released|published|unveiled|promulgated)\s+(?:a|an|the)\s+((?:(?!action\s|work\s)[a-z-]+\s+){0,3}?(?:guidelines?|opinions|circular|notice|decision|outline)\s+(?:on|for)\s+[^,;:.!?“”"]{3,80}?)(?=\s*[,.;:!?]|\s+(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|\d)|\s+(?:last|this|which|that|to\s+(?:further|promote|improve|deepen|step))\b)/g;

/**
 * A bare "a notice" or "a guideline" is a document of its own when the text cites it as a source
 * or says who issued it jointly or how many issued it: "according to a guideline jointly issued by
 * the General Office …", "a notice released by four government agencies".
 */
const CITED_BEFORE = /\baccording\s+to\s+$/i;
const JOINT_OR_COUNTED =
  /\bjointly\b|\bby\s+(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\d{1,2})\s+(?:[a-z]+\s+)?(?:agencies|departments|ministries|authorities|organs)\b/;

function citedDocument(text: string, index: number, match: string): boolean {
  return (
    CITED_BEFORE.test(text.slice(Math.max(0, index - 20), index)) ||
    JOINT_OR_COUNTED.test(text.slice(index, index + match.length + 40))
  );
}

/** "… criminal cases and administrative cases" names two laws, one per kind of case. */
const rulebookLaws: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(RULEBOOK, input.text)) {
    const phrase = m[1] ?? '';
    const start = m.index + m[0].length - phrase.length;
    const both = /^(.*\s)([a-z-]+)\s+([a-z-]+)\s+and\s+([a-z-]+)\s+\3$/.exec(phrase);
    const parts: [string, number, number][] = both
      ? [
          [
            `${both[1]}${both[2]} ${both[3]}`,
            start,
            start + (both[1] ?? '').length + (both[2] ?? '').length + 1 + (both[3] ?? '').length,
          ],
          [`${both[1]}${both[4]} ${both[3]}`, start + phrase.lastIndexOf(both[4] ?? ''), start + phrase.length],
        ]
      : [[phrase, start, start + phrase.length]];
    for (const [name, a, b] of parts)
      out.push(
        ...finding(input, a, b, {
          kind: 'LAW',
          name: capitalise(name),
          rule: 'phrase-law-regulations',
          confidence: 0.7,
          fields: {},
        }),
      );
  }
  return out;
};

/** Laws and regulations named in lower case, and the policy documents said to be issued. */
export const lawPhrases: Rule = tableRule([
  {
    pattern: ISSUED_DOCUMENT,
    mention: groupFound,
    kind: 'DOCUMENT',
    name: capitalise,
    rule: 'phrase-document-issued',
    confidence: 0.65,
    fields: () => ({}),
    // A bare plan is left to the reform and campaign rules ("according to the plan approved by …").
    skip: (m, input) => {
      const phrase = m[1] ?? '';
      return phrase.split(/\s+/).length < 2 && (phrase === 'plan' || !citedDocument(input.text, m.index, m[0]));
    },
  },
  {
    pattern: ISSUED_BEFORE_DOCUMENT,
    mention: groupAtEnd,
    kind: 'DOCUMENT',
    name: capitalise,
    rule: 'phrase-document-issued-before',
    confidence: 0.65,
    fields: () => ({}),
  },
  rulebookLaws,
]);

/** "at the opening ceremony of the seminar on studying and implementing …": a meeting named by its topic. */
const TOPIC_MEETING =
  /\b(?:[Aa]t|attended|held|hosted|convened|opened|[Dd]uring)\s+(?:the|a)\s+(?:(?:opening|closing)\s+ceremony\s+of\s+the\s+)?((?:special\s+|thematic\s+)?(?:seminar|symposium|forum|study session)\s+on\s+[^,.;:!?“”"]{5,150})/g;

/**
 * "At a video conference held on Thursday", "the press conference held by the Ministry …": a
 * conference the text says was held, so a meeting of whoever held it; "told a news conference"
 * or "at today's press conference" names only where something was said.
 */
const AT_CONFERENCE =
  /\b(?:[Aa]t|[Ii]n|during|from|attending|told|[Ww]elcome to|learned from|[Aa]ccording to)\s+(?:a|the|this|today's(?:\s+\([^)]{1,20}\))?)\s+(?:(?:recent|latest)\s+)?((?:video|press|news)\s+conference|teleconference|videoconference)\b(?=\s+(?:held|convened|hosted|organi[sz]ed)\b)/g;
/**
 * A press conference is an organ's session only when the text says whose it was: "held by the
 * State Council Information Office"; "a news conference held in Beijing" names only a venue.
 */
const HELD_BY = /^\s+(?:held|convened|hosted|organi[sz]ed)\b[^.;]{0,40}?\bby\s+(?:the\s+)?[A-Z]/;
/** "a State Council executive meeting", "an executive meeting of the State Council": the cabinet's weekly session. */
const EXECUTIVE_MEETING =
  /\b(?:State\s+Council\s+executive\s+meeting|executive\s+meeting\s+of\s+the\s+State\s+Council)\b/g;
/**
 * "a national conference on public security work", "the national public security work conference",
 * "the central political and legal work conference", "the provincial economic work conference":
 * a work conference is named by its level and its field. "the national conference of directors of
 * the public security department", "a national meeting attended by police chiefs": named by who meets.
 */
const NATIONAL_CONFERENCE =
  /\b((?:national|central|provincial|municipal)\s+(?:(?:work\s+)?conference\s+on\s+(?:[a-z-]+\s+){0,4}?work|(?:[a-z-]+\s+){1,3}?work\s+(?:conference|meeting)|(?:conference|meeting)\s+(?:of|attended\s+by)\s+(?:[a-z-]+\s+){0,2}?(?:directors|chiefs|heads)(?:\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){0,4}?(?:departments?|bureaus?|organs))?))\b/gi;
/**
 * A conference named by a title-case topic: "the August 17 conference on Safeguarding Security
 * during the 60th Anniversary Celebration", "an audio-video conference on Strengthening Social
 * Management". The topic ends at its last capitalised word; "the conference on Wednesday" is a date.
 */
const NOT_DATE_WORD =
  '(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\\b)';
const TITLED_CONFERENCE = new RegExp(
  `\\b(?:[Tt]he|an?)\\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{1,2}\\s+)?((?:[a-z-]+\\s+){0,2}?(?:conference|meeting|teleconference|videoconference)\\s+on\\s+${NOT_DATE_WORD}[A-Z][\\w’'-]*(?:\\s+(?:(?:of|the|and|during|for|in|on|to)\\s+){0,2}${NOT_DATE_WORD}[A-Z0-9][\\w’'-]*){0,12})`,
  'g',
);
/** "the provincial two sessions": the annual sessions of a people's congress and its political consultative conference. */
const TWO_SESSIONS = /\b[Tt]he\s+((?:national|provincial|municipal)\s+two\s+sessions)\b/g;
/** "the sixth plenary session of the eleventh provincial party committee": a local committee's plenum, in lower case. */
const LOCAL_PLENUM = new RegExp(
  `\\b(${ORDINAL_ANY_CASE})\\s+plenary\\s+session\\s+of\\s+the\\s+(${ORDINAL})\\s+((?:provincial|municipal|city|county|district)\\s+(?:party|CPC)\\s+committee)\\b`,
  'g',
);
/**
 * A session that is the subject of "was held": "The kick-off ceremony of the Police Reform Pilot
 * Project was held", "The third batch of national … directors seminar was held in X". At least
 * one word must say which session ("The meeting was held" repeats one named before).
 */
const SESSION_WAS_HELD =
  /(?:^|(?<=[\s\p{Ll}]))(?:The|the|A|a|An|an)\s+((?:(?!(?:the|a|an|this|that|such|previous|same|said|meeting|conference)\s)[^\s.,;:!?]+\s+){1,12}?(?:ceremony|seminar|symposium|forum|conference|meeting|teleconference|videoconference)(?:\s+(?:of|on|for)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,8}[A-Z][\w’'-]*)?)\s+(?:was|were)\s+(?:held|convened)\b/gu;
/** "a press conference of the State Council Information Office": a session of the organ named after it. */
const PRESS_CONFERENCE_OF = /\b((?:press|news)\s+conference)\s+of\s+(?:the\s+)?(?=[A-Z])/g;
/** "the second and third plenary sessions of the 20th CPC Central Committee": one session each. */
const PLENUMS = new RegExp(
  `\\b(${ORDINAL_ANY_CASE})\\s+and\\s+(${ORDINAL_ANY_CASE})\\s+plenary\\s+sessions\\s+of\\s+the\\s+(${ORDINAL})\\s+(CPC\\s+)?Central\\s+Committee`,
  'g',
);

/** Ordinals of a session and of the body it belongs to, when they are numbers. */
function ordinals(ordinal: number | undefined, bodyOrdinal: number | undefined): Record<string, unknown> {
  return {
    ...(ordinal !== undefined ? { ordinal } : {}),
    ...(bodyOrdinal !== undefined ? { bodyOrdinal } : {}),
  };
}

/** "the second and third plenary sessions of …": one finding per ordinal. */
const listedPlenums: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(PLENUMS, input.text)) {
    const body = `${m[3]} ${m[4] ? 'CPC ' : ''}Central Committee`;
    for (const word of [m[1] ?? '', m[2] ?? '']) {
      const start = m.index + m[0].indexOf(word);
      out.push(
        ...finding(input, start, m.index + m[0].length, {
          kind: 'PLENARY_SESSION',
          name: `${capitalise(word.toLowerCase())} Plenary Session of the ${body}`,
          rule: 'phrase-session-plenums-listed',
          confidence: 0.8,
          fields: { sessionType: 'PLENARY_SESSION', ...ordinals(ordinalValue(word), ordinalValue(m[3] ?? '')) },
        }),
      );
    }
  }
  return out;
};

/** The topic's span ends at its last word, not at the spaces the pattern took after it. */
const topicMeetings: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(TOPIC_MEETING, input.text)) {
    const phrase = (m[1] ?? '').trim();
    const start = m.index + m[0].indexOf(phrase);
    out.push(
      ...finding(input, start, start + phrase.length, {
        kind: 'PLENARY_SESSION',
        name: capitalise(phrase),
        rule: 'phrase-session-topic',
        confidence: 0.75,
        fields: { sessionType: 'MEETING' },
      }),
    );
  }
  return out;
};

/** The rule id and confidence depend on the kind of session and on whether its body is named. */
const ordinalSessions: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(ORDINAL_SESSION, input.text)) {
    const ordinal = ordinalValue(m[1] ?? '');
    const what = (m[2] ?? '').toLowerCase();
    const sessionType =
      what === 'collective study' ? 'COLLECTIVE_STUDY' : what === 'meeting' ? 'MEETING' : 'PLENARY_SESSION';
    const body = m[3];
    const bodyOrdinal = body ? ordinalValue(body.split(/\s+/)[0] ?? '') : undefined;
    // "the 23rd collective study" alone is a name; a bare "second meeting" is too vague to keep.
    if (!body && sessionType === 'MEETING') continue;
    const fields: Record<string, unknown> = { sessionType };
    if (ordinal !== undefined) fields.ordinal = ordinal;
    if (bodyOrdinal !== undefined) fields.bodyOrdinal = bodyOrdinal;
    out.push(
      ...finding(input, m.index, m.index + m[0].length, {
        kind: 'PLENARY_SESSION',
        name: capitalise(m[0]),
        rule: `phrase-session-${sessionType.toLowerCase()}`,
        confidence: body ? 0.85 : 0.75,
        fields,
      }),
    );
  }
  return out;
};

/** A quoted theme widens the span and the name, and raises the confidence. */
const heldMeetings: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(HELD_MEETING, input.text)) {
    const phrase = m[1] ?? '';
    const start = m.index + m[0].indexOf(phrase);
    const end = m[2] ? m.index + m[0].length : start + phrase.length;
    const press = /press conference/.test(phrase);
    const sessionType = press
      ? 'PRESS_CONFERENCE'
      : /work conference|conference/.test(phrase)
        ? 'WORK_CONFERENCE'
        : 'MEETING';
    const name = m[2]
      ? `“${m[2]}” ${press ? 'press conference' : phrase}`
      : capitalise(phrase.replace(/^series of\s+/, ''));
    out.push(
      ...finding(input, start, end, {
        kind: 'PLENARY_SESSION',
        name,
        rule: `phrase-session-held-${sessionType.toLowerCase()}`,
        confidence: m[2] ? 0.85 : 0.7,
        fields: { sessionType },
      }),
    );
  }
  return out;
};

const conferenceType = (phrase: string) => (/video|tele/i.test(phrase) ? 'MEETING' : 'PRESS_CONFERENCE');

export const sessionPhrases: Rule = tableRule([
  {
    pattern: AT_CONFERENCE,
    mention: groupAtEnd,
    kind: 'PLENARY_SESSION',
    name: (phrase) => capitalise(phrase.replace(/news/i, 'press')),
    rule: 'phrase-session-held-at-conference',
    confidence: 0.7,
    fields: (phrase) => ({ sessionType: conferenceType(phrase) }),
    skip: (m, input) =>
      conferenceType(m[1] ?? '') === 'PRESS_CONFERENCE' && !HELD_BY.test(input.text.slice(m.index + m[0].length)),
  },
  {
    pattern: EXECUTIVE_MEETING,
    mention: wholeMatch,
    kind: 'PLENARY_SESSION',
    name: () => 'State Council executive meeting',
    rule: 'phrase-session-executive-meeting',
    confidence: 0.8,
    fields: () => ({ sessionType: 'MEETING' }),
  },
  {
    pattern: NATIONAL_CONFERENCE,
    mention: groupAtStart,
    kind: 'PLENARY_SESSION',
    name: (phrase) => capitalise(phrase.toLowerCase()),
    rule: 'phrase-session-national-conference',
    confidence: 0.8,
    fields: () => ({ sessionType: 'WORK_CONFERENCE' }),
  },
  {
    pattern: TITLED_CONFERENCE,
    mention: groupAtEnd,
    kind: 'PLENARY_SESSION',
    name: capitalise,
    rule: 'phrase-session-titled-conference',
    confidence: 0.75,
    fields: (phrase) => ({ sessionType: /meeting/.test(phrase) ? 'MEETING' : 'WORK_CONFERENCE' }),
  },
  {
    pattern: TWO_SESSIONS,
    mention: groupAtEnd,
    kind: 'PLENARY_SESSION',
    name: capitalise,
    rule: 'phrase-session-two-sessions',
    confidence: 0.75,
    fields: () => ({ sessionType: 'PLENARY_SESSION' }),
  },
  {
    pattern: LOCAL_PLENUM,
    mention: wholeMatch,
    kind: 'PLENARY_SESSION',
    name: capitalise,
    rule: 'phrase-session-local-plenum',
    confidence: 0.8,
    fields: (_, m) => ({
      sessionType: 'PLENARY_SESSION',
      ...ordinals(ordinalValue(m[1] ?? ''), ordinalValue(m[2] ?? '')),
    }),
  },
  {
    pattern: SESSION_WAS_HELD,
    mention: groupFound,
    kind: 'PLENARY_SESSION',
    name: capitalise,
    rule: 'phrase-session-was-held',
    confidence: 0.7,
    fields: (phrase) => ({ sessionType: /ceremony|meeting|tele|video/.test(phrase) ? 'MEETING' : 'WORK_CONFERENCE' }),
  },
  {
    pattern: PRESS_CONFERENCE_OF,
    mention: groupAtStart,
    kind: 'PLENARY_SESSION',
    name: () => 'Press conference',
    rule: 'phrase-session-press-conference-of',
    confidence: 0.75,
    fields: () => ({ sessionType: 'PRESS_CONFERENCE' }),
  },
  listedPlenums,
  topicMeetings,
  ordinalSessions,
  heldMeetings,
]);

/** Levels and kinds of organs a report names in lower case ("county-level public security organs"). */
const LEVEL = '(?:county|city|municipal|provincial|prefecture|township|district|grass-?roots)(?:-level)?';
const ORGAN_TYPE = '(?:public security|procuratorial|judicial|state administrative|administrative|supervisory)';
/** "Tianjin public security organs", "county-level and city-level public security organs". */
const TYPED_ORGANS = new RegExp(
  `\\b((?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?|${LEVEL})(?:\\s+and\\s+(?:${LEVEL}))?\\s+)?(${ORGAN_TYPE})\\s+organs\\b`,
  'g',
);
const LEVEL_ONLY = new RegExp(`^${LEVEL}$`, 'i');
const ORGANS_AT_LEVELS = new RegExp(
  `\\b(${ORGAN_TYPE})\\s+organs\\s+at\\s+the\\s+(${LEVEL})(?:\\s+and\\s+(${LEVEL}))?\\s+levels?\\b`,
  'g',
);
/** Words that start a sentence or quantify, not places. */
const NOT_PLACE =
  /^(?:The|These|Those|All|Some|Many|Most|Our|Its|Their|Both|Other|Various|Such|Each|Every|And|But|For|In|At|By|As|Of|To|When|While|Local|National)$/;
/** "the legal department of the public security organs". */
const DEPARTMENT_OF = new RegExp(`\\b([a-z]+\\s+departments?\\s+of\\s+the\\s+${ORGAN_TYPE}\\s+organs)\\b`, 'g');
/** "establishing a national security committee", "built a … investigation center". */
const ESTABLISHED =
  /\b(?:establish|established|establishing|set up|setting up|build|built|building|create|created|creating|improving|improve|form|formed|forming)\s+(?:a|an)\s+((?:[a-z-]+\s+){1,9}?(?:committee|commission|agency|center|centre|bureau|office))\b/g;
/** "relying on the big data combat center": a lower-case centre is a unit of an organ. */
const CENTRE = /\b(?:the|a|an)\s+((?:[a-z-]+\s+){1,6}?(?:center|centre))\b/g;
/** "public security organs in all localities" is the local organs under another wording. */
const ORGANS_IN_LOCALITIES = new RegExp(
  `\\b(${ORGAN_TYPE})\\s+organs\\s+in\\s+(?:all|various)\\s+(?:localities|places|regions|areas)\\b`,
  'gi',
);
/** Quoted group names listed as such: "groups such as “Chaoyang People”, “Xiamen People” …". */
const GROUP_LIST =
  /\b(?:groups|teams|organizations|organisations|brands|forces)\s+(?:such as|including|like)\s+((?:[“"][A-Z][^”"]{2,40}[”"](?:\s*,\s*|\s+and\s+|\s*、\s*)?)+)/g;

/** A local organ written in lower case: "the Hangzhou public security bureau", "the provincial public security department". */
const UNIT_HEAD =
  "(?:public\\s+security\\s+(?:sub-)?bureau|public\\s+security\\s+department|public\\s+security\\s+branch|(?:intermediate\\s+)?people's\\s+(?:procuratorate|court)|procuratorate|police\\s+station)";
const LOCAL_UNIT = new RegExp(`\\b(?:([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\\s+)?(?:(${LEVEL})\\s+)?(${UNIT_HEAD})\\b`, 'g');
/** "the ministry's criminal investigation department", "the city's public security bureau": a unit of an organ or place named before. */
const POSSESSED_UNIT =
  /\b[Tt]he\s+(ministry|commission|city|province|county)['’]s\s+((?:[a-z-]+\s+){0,4}?(?:bureau|department|office|cent(?:er|re)|division|detachment|brigade))\b/g;
/**
 * "the criminal investigation bureau of the Ministry of Public Security", "the food and drug crime
 * investigation bureau of the ministry": a ministry's unit written in lower case, named as curators
 * name it ("Criminal Investigation Bureau of the Ministry of Public Security"). The mention is the
 * unit's words, so "of the Ministry …" still names the ministry it is part of.
 */
const UNIT_OF_MINISTRY =
  /\b[Tt]he\s+((?:(?!(?:of|the|a|an|its|their|his|her|head|director|chief)\s)[a-z-]+\s+){1,6}?(?:bureau|department|office|division|cent(?:er|re)))\s+of\s+the\s+(ministry|Ministry\s+of\s+[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*)\b/g;
/** "The public security organs in Chongqing, Jilin, Guangdong and other places": one organ per place. */
const ORGANS_IN_PLACES = new RegExp(
  `\\b(${ORGAN_TYPE})\\s+organs\\s+(?:in|of)\\s+((?:[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?\\s*,\\s*)*[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?(?:(?:\\s*,\\s*|\\s+)and\\s+(?:other\\s+(?:places|provinces|regions|localities|cities)|[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)))`,
  'g',
);
/**
 * Groups and joint conferences that coordinate organs: "the central anti-graft coordination
 * group", "the office in charge of fugitives under the …", "the inter-ministerial joint
 * conference of the State Council". A tail "for/on …" is kept only when it ends at punctuation.
 */
const GROUP_TAIL =
  '(?:\\s+(?:for|on)\\s+(?:[a-z-]+\\s+){0,4}?[a-z-]+(?=\\s*[,.;:)])|\\s+of\\s+the\\s+State\\s+Council)?';
const VERBISH = /\b(?:[a-z]+ed|met|said|held|is|was|were|are|has|have|will|says|meets)\b/;
const COORDINATING_GROUP = new RegExp(
  `\\b((?:(?:office|bureau|department|cent(?:er|re)|team)\\s+in\\s+charge\\s+of\\s+(?:[a-z-]+\\s+){1,4}?under\\s+the\\s+)?((?:(?:central|national|provincial|municipal|state)\\s+)?(?:[a-z-]+\\s+){0,3}?(?:(?:leading|coordination|coordinating|working|steering)\\s+group|joint\\s+conference)${GROUP_TAIL}))`,
  'g',
);

/** "the public security bureau of Shenzhen", "the people's procuratorate of Haidian district": the place's unit. */
const UNIT_OF_PLACE =
  /\b(public\s+security\s+(?:sub-)?bureau|public\s+security\s+department|(?:intermediate\s+)?people['’]s\s+(?:procuratorate|court))\s+of\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:\s+(city|county|district|province|municipality|prefecture))?\b/g;
/**
 * "Police in southwest China's Yunnan Province", "Border police in Yunnan", "police in Jinan
 * city": a place's police force, named as the annotators name it ("Yunnan border police").
 */
const POLICE_IN_PLACE =
  /\b(?:([Bb]order|[Tt]raffic|[Rr]ailway|[Ff]orest|[Cc]ustoms|[Ww]ater|[Ss]pecial)\s+)?[Pp]olice\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|northwest|northeast|southwest|southeast|northern|southern|eastern|western)\s+China['’]s\s+)?([A-Z][a-z]+)(?:\s+(?:Province|province|City|city|Municipality|municipality|County|county|(?:Uygur\s+|Zhuang\s+|Hui\s+)?(?:Autonomous\s+Region|autonomous\s+region)))?\b/g;
/** "launched by the central government": the annotators keep this vague central body as an organ (s26a1). */
const CENTRAL_GOVERNMENT =
  /\b[Cc]entral\s+[Gg]overnment\b(?!\s+(?:departments?|agencies|organs|bodies|officials?|funds?|budget|debt|bonds?)\b)/g;
/** The topics of China's ministries, as a minister's title names them ("vice minister of education"). */
const MINISTRY_TOPIC =
  '(?:public security|state security|education|civil affairs|justice|finance|commerce|foreign affairs|transport|natural resources|ecology and environment|human resources and social security|housing and urban-rural development|agriculture and rural affairs|culture and tourism|emergency management|veterans affairs|water resources|science and technology|industry and information technology|national defen[cs]e)';
/** "vice minister of public security", "Public Security Minister Zhao Kezhi": the ministry the post belongs to. */
const MINISTER_OF = new RegExp(
  `\\b(?:[Mm]inister\\s+of\\s+(${MINISTRY_TOPIC})|(${MINISTRY_TOPIC})\\s+[Mm]inister)\\b`,
  'gi',
);

/** "the public security and civil affairs ministries": one ministry for each topic. */
const TWO_MINISTRIES = new RegExp(`\\b(${MINISTRY_TOPIC})\\s+and\\s+(${MINISTRY_TOPIC})\\s+ministries\\b`, 'gi');

function organLevel(words: string): Record<string, unknown> {
  if (/county|district/i.test(words)) return { level: 'COUNTY' };
  if (/city|municipal|prefecture/i.test(words)) return { level: 'MUNICIPAL' };
  if (/provincial/i.test(words)) return { level: 'PROVINCIAL' };
  if (/township|grass-?roots/i.test(words)) return { level: 'GRASSROOTS' };
  return {};
}

function titleCase(words: string): string {
  return words
    .split(/\s+/)
    .map((w) => (/^(?:of|the|and|for)$/.test(w) ? w : capitalise(w)))
    .join(' ');
}

const POSSESSOR_NAME: Record<string, RegExp> = {
  ministry: /\bMinistry\s+of\s+[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*/g,
  commission: /\b(?:[A-Z][a-z]+\s+)*Commission(?:\s+(?:for|of|on)\s+[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*)?/g,
  city: /\b([A-Z][a-z]+)\s+(?:city|City)\b/g,
  province: /\b([A-Z][a-z]+)\s+(?:province|Province)\b/g,
  county: /\b([A-Z][a-z]+)\s+(?:county|County)\b/g,
};

/** The full name of "the ministry's X department": X of the ministry named last; "the city's X": X of the city named last. */
function possessedUnitName(owner: string, unit: string, before: string): string | undefined {
  const re = POSSESSOR_NAME[owner];
  if (!re) return undefined;
  let last: RegExpExecArray | undefined;
  for (const m of allMatches(re, before)) last = m;
  if (!last) return undefined;
  if (owner === 'ministry' || owner === 'commission') return `${titleCase(unit)} of the ${last[0]}`;
  return `${last[1]} ${capitalise(owner)} ${titleCase(unit)}`;
}

/** An organ named by a span of the sentence that starts at `start` and reads `name`. */
function organ(
  input: RuleInput,
  start: number,
  name: string,
  rule: string,
  confidence: number,
  fields: Record<string, unknown>,
): Finding[] {
  return finding(input, start, start + name.length, {
    kind: 'ORGAN',
    name: capitalise(name),
    rule,
    confidence,
    fields,
  });
}

/** "county-level public security organs": the organs of one level, named in full. */
function levelOrgan(input: RuleInput, level: string, type: string, start: number, end: number): Finding[] {
  const span = at(input, start, end);
  const word = level.toLowerCase().replace(/-level$/, '');
  const name = /^(?:county|city|prefecture|township|district)$/.test(word) ? `${word}-level` : word;
  return span
    ? [
        {
          kind: 'ORGAN',
          name: capitalise(`${name} ${type} organs`),
          ...span,
          sentence: input.sentence.index,
          rule: 'phrase-organ-level',
          confidence: 0.8,
          fields: organLevel(word),
        },
      ]
    : [];
}

const typedOrgans: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(TYPED_ORGANS, input.text)) {
    let mod = (m[1] ?? '').trim();
    let from = m.index;
    const type = m[2] ?? '';
    // "The Shanghai public security organs": the article is not part of the place.
    const article = /^(?:The|These|Those)\s+(?=[A-Z])/.exec(mod);
    if (article) {
      mod = mod.slice(article[0].length);
      from += article[0].length;
    }
    const first = mod.split(/\s+/)[0] ?? '';
    if (mod && NOT_PLACE.test(first)) continue;
    // Bare "public security organs" is the generic term the alias index links, not a new organ.
    if (!mod && type === 'public security') continue;
    const levels = mod.split(/\s+and\s+/);
    if (levels.every((l) => LEVEL_ONLY.test(l))) {
      // "city and county public security organs": one organ per level, each named in full.
      for (const [i, level] of levels.entries()) {
        const start = m.index + m[0].indexOf(level, from - m.index);
        from = start + level.length;
        out.push(
          ...levelOrgan(
            input,
            level,
            type,
            start,
            i === levels.length - 1 ? m.index + m[0].length : start + level.length,
          ),
        );
      }
      continue;
    }
    const place = /^[A-Z]/.test(mod);
    out.push(
      ...organ(
        input,
        from,
        m[0].slice(from - m.index),
        place ? 'phrase-organ-place' : 'phrase-organ-type',
        place ? 0.8 : 0.75,
        organLevel(mod),
      ),
    );
  }
  return out;
};

/** "public security organs at the city and county levels" */
const organsAtLevels: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(ORGANS_AT_LEVELS, input.text)) {
    const type = m[1] ?? '';
    const levels = [m[2] ?? '', ...(m[3] ? [m[3]] : [])];
    let from = 0;
    for (const level of levels) {
      const start = m.index + m[0].indexOf(level, from);
      from = start - m.index + level.length;
      // The first organ's span starts at "public security organs", the last one's ends at "levels".
      const last = level === levels[levels.length - 1];
      out.push(
        ...levelOrgan(
          input,
          level,
          type,
          level === levels[0] ? m.index : start,
          last ? m.index + m[0].length : start + level.length,
        ),
      );
    }
  }
  return out;
};

const organsInLocalities: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(ORGANS_IN_LOCALITIES, input.text)) {
    const span = at(input, m.index, m.index + m[0].length);
    if (span)
      out.push({
        kind: 'ORGAN',
        name: `Local ${(m[1] ?? '').toLowerCase()} organs`,
        ...span,
        sentence: input.sentence.index,
        rule: 'phrase-organ-localities',
        confidence: 0.75,
        fields: {},
      });
  }
  return out;
};

/** The place and level are each optional, and the span starts at whichever is written first. */
const localUnits: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(LOCAL_UNIT, input.text)) {
    // "The Hangzhou public security bureau": the article is not part of the place.
    const written = m[1]?.replace(/^(?:The|These|Those)\s+/, '');
    const place = written && !NOT_PLACE.test(written.split(/\s+/)[0] ?? '') ? written : undefined;
    const level = m[2];
    // A bare "public security bureau" names no one unit.
    if (!place && !level) continue;
    const from = m.index + (place ? m[0].indexOf(place) : m[0].indexOf(level ?? ''));
    const words = [place, level, m[3]].filter(Boolean).join(' ').replace(/\s+/g, ' ');
    out.push(
      ...finding(input, from, m.index + m[0].length, {
        kind: 'ORGAN',
        name: titleCase(words),
        rule: 'phrase-organ-local-unit',
        confidence: 0.75,
        fields: organLevel(`${level ?? ''} ${m[3] ?? ''}`),
      }),
    );
  }
  return out;
};

/** The owner's name comes from earlier in the document, so a match may name nothing. */
const possessedUnits: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(POSSESSED_UNIT, input.text)) {
    const owner = (m[1] ?? '').toLowerCase();
    const unit = m[2] ?? '';
    const before = input.doc.text.slice(0, input.sentence.start + m.index);
    const name = possessedUnitName(owner, unit, before);
    if (!name) continue;
    const span = at(input, m.index + m[0].indexOf(owner), m.index + m[0].length);
    if (span)
      out.push({
        kind: 'ORGAN',
        name,
        ...span,
        sentence: input.sentence.index,
        rule: 'phrase-organ-possessed-unit',
        confidence: 0.7,
        fields: organLevel(owner === 'ministry' || owner === 'commission' ? '' : owner),
      });
  }
  return out;
};

const twoMinistries: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(TWO_MINISTRIES, input.text))
    for (const topic of [m[1] ?? '', m[2] ?? '']) {
      const start = m.index + m[0].indexOf(topic, topic === m[2] ? (m[1] ?? '').length : 0);
      out.push(
        ...finding(input, start, start + topic.length, {
          kind: 'ORGAN',
          name: `Ministry of ${titleCase(topic.toLowerCase())}`,
          rule: 'phrase-organ-two-ministries',
          confidence: 0.7,
          fields: { level: 'CENTRAL' },
        }),
      );
    }
  return out;
};

/** "of the ministry" takes the ministry's name from earlier in the document. */
const unitsOfMinistry: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(UNIT_OF_MINISTRY, input.text)) {
    const unit = m[1] ?? '';
    const owner = m[2] ?? '';
    const before = input.doc.text.slice(0, input.sentence.start + m.index);
    const name = /^ministry$/i.test(owner)
      ? possessedUnitName('ministry', unit, before)
      : `${titleCase(unit)} of the ${owner}`;
    if (!name) continue;
    const start = m.index + m[0].indexOf(unit);
    out.push(
      ...finding(input, start, start + unit.length, {
        kind: 'ORGAN',
        name,
        rule: 'phrase-organ-unit-of-ministry',
        confidence: 0.7,
        fields: { level: 'CENTRAL' },
      }),
    );
  }
  return out;
};

const organsInPlaces: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(ORGANS_IN_PLACES, input.text)) {
    const type = m[1] ?? '';
    const list = m[2] ?? '';
    const listAt = m.index + m[0].length - list.length;
    for (const p of allMatches(/[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?/g, list)) {
      const span = at(input, listAt + p.index, listAt + p.index + p[0].length);
      if (span && !NOT_PLACE.test(p[0]))
        out.push({
          kind: 'ORGAN',
          name: `${p[0]} ${type} organs`,
          ...span,
          sentence: input.sentence.index,
          rule: 'phrase-organ-in-places',
          confidence: 0.75,
          fields: {},
        });
    }
  }
  return out;
};

const coordinatingGroups: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(COORDINATING_GROUP, input.text)) {
    // "… for cyberspace affairs met": a verb ends the name before the tail does.
    const tail = /\s+(?:for|on)\s+(.*)$/.exec(m[2] ?? '');
    const cut = tail && VERBISH.test(tail[1] ?? '') ? (m[2] ?? '').length - tail[0].length : undefined;
    const group = (m[2] ?? '').slice(0, cut);
    const whole = (m[1] ?? '').slice(0, (m[1] ?? '').length - (m[2] ?? '').length + group.length);
    const groupAt = m.index + whole.length - group.length;
    if (whole !== group) out.push(...organ(input, m.index, whole, 'phrase-organ-group-office', 0.7, {}));
    out.push(
      ...organ(
        input,
        groupAt,
        group,
        whole !== group ? 'phrase-organ-coordinating-group-nested' : 'phrase-organ-coordinating-group',
        0.7,
        organLevel(group),
      ),
    );
  }
  return out;
};

const listedGroups: RuleStep = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(GROUP_LIST, input.text)) {
    const list = m[1] ?? '';
    const listAt = m.index + m[0].length - list.length;
    for (const q of allMatches(/[“"]([A-Z][^”"]{2,40})[”"]/g, list)) {
      const name = q[1] ?? '';
      out.push(...organ(input, listAt + q.index + 1, name, 'phrase-organ-group', 0.75, {}));
    }
  }
  return out;
};

/** "Police in Hubei" alone is left alone (the earlier credit tests use it as plain content). */
function notPlacePolice(m: RegExpExecArray): boolean {
  const place = m[2] ?? '';
  if (NOT_PLACE.test(place) || /^(?:China|Chinese)$/.test(place)) return true;
  // The force's kind, a region ("southwest China's") or a place word must say it is the place's police.
  return (
    !m[1] && !/China['’]s|Province|province|City|city|Municipality|municipality|County|county|[Rr]egion/.test(m[0])
  );
}

export const organPhrases: Rule = tableRule([
  typedOrgans,
  organsAtLevels,
  organsInLocalities,
  {
    pattern: CENTRE,
    mention: groupAtEnd,
    kind: 'ORGAN',
    name: capitalise,
    rule: 'phrase-organ-centre',
    confidence: 0.7,
    fields: () => ({}),
  },
  {
    pattern: DEPARTMENT_OF,
    mention: groupAtStart,
    kind: 'ORGAN',
    name: capitalise,
    rule: 'phrase-organ-department',
    confidence: 0.75,
    fields: () => ({}),
  },
  {
    pattern: ESTABLISHED,
    mention: groupAtEnd,
    kind: 'ORGAN',
    name: capitalise,
    rule: 'phrase-organ-established',
    confidence: 0.7,
    fields: () => ({}),
  },
  localUnits,
  {
    pattern: UNIT_OF_PLACE,
    mention: wholeMatch,
    kind: 'ORGAN',
    name: (_, m) => `${m[2] ?? ''}${m[3] ? ` ${capitalise(m[3])}` : ''} ${titleCase(m[1] ?? '')}`,
    rule: 'phrase-organ-unit-of-place',
    confidence: 0.75,
    fields: (_, m) => organLevel(`${m[3] ?? ''} ${m[1] ?? ''}`),
    skip: (m) => NOT_PLACE.test((m[2] ?? '').split(/[ -]/)[0] ?? ''),
  },
  {
    pattern: POLICE_IN_PLACE,
    mention: wholeMatch,
    kind: 'ORGAN',
    name: (_, m) => `${m[2] ?? ''} ${m[1] ? `${m[1].toLowerCase()} ` : ''}police`,
    rule: 'phrase-organ-police-in-place',
    confidence: 0.7,
    fields: () => ({}),
    skip: notPlacePolice,
  },
  {
    pattern: CENTRAL_GOVERNMENT,
    mention: wholeMatch,
    kind: 'ORGAN',
    name: () => 'Central government',
    rule: 'phrase-organ-central-government',
    confidence: 0.7,
    fields: () => ({ level: 'CENTRAL' }),
  },
  {
    pattern: MINISTER_OF,
    mention: wholeMatch,
    kind: 'ORGAN',
    name: (_, m) => `Ministry of ${titleCase((m[1] ?? m[2] ?? '').toLowerCase())}`,
    rule: 'phrase-organ-minister-title',
    confidence: 0.75,
    fields: () => ({ level: 'CENTRAL' }),
    // Most sentences name no minister: skip the topic alternation for them.
    onlyIf: /minister/i,
  },
  possessedUnits,
  twoMinistries,
  unitsOfMinistry,
  organsInPlaces,
  coordinatingGroups,
  listedGroups,
]);
