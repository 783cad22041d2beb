/**
 * Reforms and measures as the genre writes them: "the reform of X", "X reform", a quoted reform
 * ("“one certificate” reform"), "established a X mechanism/system", a package of measures
 * ("26 measures to facilitate …", its count an attribute, not an outcome) and the items a
 * package or a set of services lists ("6 matters including A, B, and C").
 */
import { capitalise } from '../normalise.js';
import { WORD_NUMBERS as NUMBERS } from '../numbers.js';
import type { Finding } from '../types.js';
import { objectAfter } from './campaigns.js';
import { allMatches, at, type Rule, type RuleInput } from './context.js';

const REFORM_OF = /\b(reforms?\s+of\s+(?:the\s+|its\s+|China's\s+)?)/gi;
/** "reforms to the X system", "the reform to streamline administration and delegate power". */
const REFORM_TO = /\b(reforms?\s+to\s+)(?!be\b|date\b)/gi;
/** "reform the X system", "reforming its police system": the verb names a reform of its object. */
const REFORM_VERB = /\b[Rr]eform(?:s|ed|ing)?\s+(the|its|their|China's)\s+/g;
/** A noun before "reform" ("the reform the ministry began"): not the verb. */
const NOUN_BEFORE = /\b(?:the|a|an|this|that|its|their|our|his|her|of|and)\s+$/i;
/** A numbered list of measures: "the measures include: (1) …; (2) …". */
const NUMBERED_HEAD =
  /\b(?:measures|steps|reforms|policies|initiatives|tasks|matters)\b[^.;:]{0,60}?\s*(?:include[sd]?|including|are|cover|covers)?\s*:?\s*(?=\(1\))/gi;
const NUMBER_MARK = /\(\d{1,2}\)\s*/g;
/** A sentence that is one item of a list: "First, …", "Secondly, …", "The third is to …". */
const ORDINAL_ITEM =
  /^(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(?:ly)?\s*,\s*|The\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:measure\s+|one\s+)?is\s+(?:to\s+)?)/;
/**
 * A counted package announced shortly before, which ordinal sentences then list; "took a series
 * of measures. First, it cracked down …" lists actions of a campaign, not measures.
 */
const COUNTED_PACKAGE =
  /\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[a-z-]+\s+){0,2}(?:measures|steps|policies|initiatives)\b/i;
/** A reform, mechanism, system or model named by its quotation: "the “one certificate” reform". */
const QUOTED_REFORM =
  /[“"]([^”"]{2,60})[”"]\s+(reforms?|mechanisms?|system|model|polic(?:y|ies)|services?|initiatives?)\b/g;
/** The quotation that opens an object: "the reform of “delegating power, streamlining …”". */
const QUOTATION = /^[“"][^”"]{2,80}[”"]/;
/** Words that open a clause or qualify any reform, not a reform's name. */
const LEAD =
  /^(?:the|a|an|and|of|to|in|on|for|deepen|deepening|deepened|promote|promoting|promoted|advance|advancing|carry|carried|out|comprehensive|comprehensively|further|continue|continued|continuing|major|key|important|relevant|various|such|this|these|its|their|our|all|more|new|overall|systematic|related|supporting)\s+/i;
/**
 * Verbs a report puts right before "reforms" ("the ministry unveiled reforms", "China deepens
 * reform"): the name, read backwards, stops at them like at a function word.
 */
const VERB_BEFORE =
  /^(?:unveil(?:ed|s)?|announc(?:ed|es)|launch(?:ed|es)|introduc(?:ed|es)|approv(?:ed|es)|adopt(?:ed|s)|began|begun|start(?:ed|s)|complet(?:ed|es)|made|makes|push(?:ed|es)|pressed|passed|urg(?:ed|es)|called|calls|undert(?:ook|aken|akes)|initiat(?:ed|es)|outlin(?:ed|es)|plann?(?:ed|s)|propos(?:ed|es)|back(?:ed|s)|endors(?:ed|es)|accelerat(?:ed|es)|stepped|rolled|needs?|needed|requir(?:ed|es)|sees|saw|seen|led|leads|drove|drives|hail(?:ed|s)|prais(?:ed|es)|vow(?:ed|s)|pledg(?:ed|es)|deepens|promotes|advances|continues|implements|enacted|announce|unveil|launch|approve|adopt|start|begin|complete|need|require|see|lead|drive|vow|pledge|undertake|initiate|outline|plan|propose|back|endorse|accelerate)$/i;
/** Process nouns a reform is named by like "reform" itself: "law enforcement standardisation". */
const PROCESS_NOUN = /\b(?:standardi[sz]ation|informati[sz]ation)\b/gi;
/** Words that may not be part of a reform's name written before "reform". */
const NOT_MODIFIER =
  /^(?:the|a|an|and|or|of|to|in|on|for|by|with|through|as|at|from|is|are|was|were|be|been|has|have|had|will|would|that|which|this|these|its|their|our|deepen|deepening|deepened|promote|promoting|promoted|advance|advancing|carry|carried|out|further|continue|continued|continuing|comprehensive|comprehensively|overall|major|key|important|relevant|various|such|all|more|new|every|each|related|supporting|systematic|implement|implemented|implementing|push|pushed|pushing|forward|since|after|before|during|said|says|first|latest|recent|one|two|three|four|five|six|seven|eight|nine|ten|several|many|some)$/i;
const SYSTEM_BUILT =
  /\b(?:call(?:ed|s|ing)?\s+for|establish|established|establishing|set up|setting up|build|built|building|improve|improved|improving|implement|implemented|implementing|introduce|introduced|introducing|launch|launched|launching|roll out|rolled out|adopt|adopted|adopting|pilot|piloted|piloting|explore|explored|exploring|promote|promoted|promoting)\s+(?:a|an|the)\s+((?:[a-z-]+\s+){1,6}?(?:system|mechanism|model|regime|platform))\b/g;
/** A system set up, said in the passive: "the residence permit system will be fully implemented". */
const SYSTEM_PASSIVE =
  /\b(?:[Tt]he|an?|An?)\s+((?:[a-z-]+\s+){1,5}?(?:system|mechanism|model|regime|platform))\s+(?:will|would|is|are|was|were|has|have|had|to)\s+(?:be\s+|been\s+|being\s+)?(?:[a-z]+ly\s+)?(?:established|implemented|introduced|rolled out|piloted|launched|set up|built|adopted|extended|expanded)\b/g;
/** A system or mechanism named by its purpose: "improve the mechanism for handling complaints". */
const SYSTEM_FOR =
  /\b(?:establish|established|establishing|set up|setting up|build|built|building|improve|improved|improving|implement|implemented|implementing|introduce|introduced|introducing|launch|launched|launching|adopt|adopted|adopting|pilot|piloted|piloting|perfect|perfected|perfecting)\s+(?:a|an|the)\s+((?:[a-z-]+\s+){0,3}?(?:system|mechanism)s?\s+(?:for|of)\s+)/g;
/** A policy eased or a system reformed, as a noun: "after easing of the residence policy". */
const NOMINAL_REFORM =
  /\b((?:easing|relaxation|loosening|overhaul|revamp|shake-up|streamlining|optimi[sz]ation|liberali[sz]ation|simplification)\s+of\s+(?:the\s+)?[^,.;:!?]{2,60}?\s(?:policy|policies|system|restrictions|rules|regime|controls))\b/gi;
/** Something done away with, as a noun: "the abolition of the temporary residence permit". */
const NOMINAL_ABOLITION =
  /\b((?:abolition|cancellation|removal|scrapping|elimination|lifting)\s+of\s+(?:the\s+|its\s+|all\s+)?(?:[a-z-]+\s+){0,4}?(?:permits?|certificates?|licen[cs]es?|cards?|fees?|charges?|systems?|polic(?:y|ies)|procedures?|registrations?|approvals?|restrictions?|requirements?|quotas?|limits?|caps?|bans?))\b/gi;
/** "changes (being made) to the X system": a reform of that system in other words. */
const CHANGES_TO =
  /\b(?:changes|adjustments|amendments)\s+(?:(?:being|to\s+be)\s+made\s+|made\s+)?to\s+(the\s+|its\s+|China's\s+)?((?:[a-z-]+\s+){1,4}(?:system|regime|polic(?:y|ies)))\b/g;
/** People brought under a system: "bringing the unregistered population into the hukou system". */
const INTO_SYSTEM =
  /\b((?:bring|bringing|brought|incorporate|incorporating|incorporated)\s+(?:the\s+|all\s+)?[a-z][a-z -]{2,50}?\s+into\s+the\s+(?:[a-z-]+\s+){0,4}?(?:system|scope|coverage))\b/gi;
const NUMBER_WORD =
  '(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|several|a series of|a package of|a set of|a raft of|a batch of)';
/** "26 measures to facilitate …", "a series of new measures on …", "10 convenience measures for …". */
const MEASURES = new RegExp(
  `\\b(?:(${NUMBER_WORD})\\s+)?((?:(?:new|further|specific|concrete|policy|[a-z-]+)\\s+){0,2}(?:measures|policies|steps|initiatives|guidelines|opinions))\\s+(to|for|on|aimed at|that)\\s+`,
  'gi',
);
/** A package named, then its items: "6 matters including …", "two services such as …". */
const LIST_HEAD =
  /\b(?:measures|matters|services|reforms|policies|tasks|steps|initiatives|items|pilots?)\s*,?\s+(?:including|such as|namely|covering|:)\s+/gi;

/** Services said to be handled across provinces, online or nationwide: "six … services will be handled across provinces". */
const SERVICES_ACROSS = new RegExp(
  `\\b((?:${NUMBER_WORD}\\s+)?(?:[a-z-]+\\s+){1,5}?(?:services|matters|procedures|formalities|businesses))\\s+(?:will|would|can|could|shall|are|were|is|have|has)\\s+(?:now\\s+)?(?:be\\s+|been\\s+)?(?:[a-z]+ly\\s+)?(?:handled|implemented|processed|available|provided|offered|applied\\s+for)\\s+(across\\s+provinces|in\\s+different\\s+(?:places|provinces)|online|nationwide|across\\s+the\\s+country)\\b`,
  'gi',
);
/** A service reformed, named by how it is now done: "the online renewal of …", "cross-provincial handling of …". */
const SERVICE_MODE =
  /\b((?:cross-provincial|inter-provincial|trans-provincial|cross-regional|online|remote|nationwide|one-stop|off-site|paperless|electronic|contactless|unified|uniform|integrated)\s+(?:handling|processing|administration|application|issuance|renewal|registration|transfer|filing|inspection|approval|payment|verification|notari[sz]ation)s?\s+(?:of|for)\s+)/gi;
/** "a pilot of X", "pilot projects for X"; "piloted X" is the same pilot. */
const PILOT_OF =
  /\b(?:[Aa]|[Tt]he|[Aa]n)\s+((?:[a-z-]+\s+)?pilots?(?:\s+(?:projects?|programs?|programmes?|schemes?|work))?\s+(?:of|for|on)\s+)/g;
const PILOTED = /\bpiloted\s+(?:the\s+|a\s+|an\s+)?/g;
const POLICY_VERB =
  '(?:introduc|implement|adopt|rolled\\s+out|roll(?:s|ing)?\\s+out|launch|extend|expand|relax|eas|optimi[sz]|adjust|loosen|unveil|announc|issu)[a-z]*';
/** The words naming a policy: no function word ("optimize the system to improve the policy supply" names none). */
const POLICY_WORDS =
  '(?:(?!(?:the|a|an|to|of|and|or|for|in|on|with|by|as|at|from|that|which|series|set|number|range)\\s)[a-z0-9][a-z0-9-]*\\s+){1,5}?';
/** A policy introduced, extended or relaxed: "introduced a visa-free transit policy for …". */
const POLICY_ACTIVE = new RegExp(
  `\\b${POLICY_VERB}\\s+(?:a|an|the|its|new)\\s+(${POLICY_WORDS}polic(?:y|ies))\\b`,
  'g',
);
const POLICY_PASSIVE = new RegExp(
  `\\b(?:[Tt]he|[Aa]n?|[Tt]his|[Ii]ts)\\s+(${POLICY_WORDS}polic(?:y|ies))\\s+(?:will|would|is|are|was|were|has|have|had)\\s+(?:also\\s+)?(?:be\\s+|been\\s+|being\\s+)?(?:[a-z]+ly\\s+)?(?:introduced|implemented|adopted|rolled out|launched|extended|expanded|relaxed|eased|optimi[sz]ed|adjusted|loosened|lifted|liberali[sz]ed|unveiled|issued)\\b`,
  'g',
);
/** "promote the construction of X": building something up as a reform of its own. */
const BUILDING_OF =
  /\b(?:promot|advanc|accelerat|deepen|push(?:ed|es|ing)?\s+forward|speed(?:s|ing)?\s+up|sped\s+up)[a-z]*\s+the\s+((?:construction|building|establishment|standardi[sz]ation|informati[sz]ation|digiti[sz]ation|moderni[sz]ation)\s+of\s+)/gi;
/** "promoting reform in the public security sector": a reform named by the field it changes. */
const REFORM_IN = /\b(reforms?\s+in\s+the\s+(?:[a-z-]+\s+){1,4}?(?:sector|field|area|domain|industry))\b/gi;
/** "a reform that also vows to improve X and boost Y": each aim of the reform is a measure of its own. */
const REFORM_AIMS =
  /\breforms?\s+(?:that|which)\s+(?:also\s+)?(?:vows?|aims?|seeks?|pledges?|promises?|intends?|plans?)\s+to\s+/gi;
/** A title-case reform project: "the Police Reform Pilot Project". */
const TITLE_REFORM_PROJECT =
  /\b((?:[A-Z][a-z-]+\s+){0,3}Reform\s+(?:[A-Z][a-z-]+\s+){0,2}(?:Project|Programme|Program|Pilot|Plan))\b/g;
/** A document or licence made electronic and rolled out: "electronic driving licences were launched in …". */
const ELECTRONIC =
  /\b((?:[Ee]lectronic|[Dd]igital)\s+(?:[a-z'’-]+\s+){0,3}?(?:licen[cs]es?|certificates?|permits?|ID\s+cards?|cards?|passports?|visas?|endorsements?|household\s+registers?))\b/g;
const ROLLED_OUT =
  /\b(?:introduc|launch|rolled\s+out|roll(?:s|ing)?\s+out|pilot|promot|extend|implement|expand|appl(?:y|ied|ies|ying)|adopt|unveil)/i;
/** Restrictions lifted or a requirement cancelled: "lifted restrictions on settling in …". */
const EASED =
  /\b(lift(?:ed|s|ing)?|relax(?:ed|es|ing)?|eas(?:e|ed|es|ing)|remov(?:e|ed|es|ing)|abolish(?:ed|es|ing)?|scrap(?:ped|s|ping)?|cancel(?:led|ed|s|ling|ing)?|loosen(?:ed|s|ing)?)\s+((?:the\s+|all\s+|some\s+)?(?:[a-z-]+\s+){0,2}?(?:restrictions?|limits?|limitations?|requirements?|quotas?|thresholds?|caps?|bans?))\s+(?:on|for|of)\s+/g;
const EASING_NOUN: Record<string, string> = {
  lift: 'Lifting',
  relax: 'Relaxation',
  eas: 'Easing',
  remov: 'Removal',
  abolish: 'Abolition',
  scrap: 'Scrapping',
  cancel: 'Cancellation',
  loosen: 'Loosening',
};
/**
 * Something reformed, said in the passive with the reform in the verb: "restrictions on X will be
 * lifted", "the licence market will be further opened", "organization of tests will be
 * reformed". The subject is read backwards from the verb to the clause's start.
 */
const REFORMED_PASSIVE =
  /\s+(?:will|would|shall|is\s+to|are\s+to|has|have|had|was|were|is|are)\s+(?:also\s+|now\s+|further\s+)?(?:be\s+|been\s+|being\s+)?(?:(?:[a-z]+ly|further)\s+)?(reformed|relaxed|lifted|eased|loosened|abolished|scrapped|streamlined|simplified|liberali[sz]ed|opened(?:\s+up)?|improved|optimi[sz]ed|standardi[sz]ed|unified|overhauled|amalgamated|merged|consolidated|restructured)\b/g;
const REFORMED_NOUN: Record<string, string> = {
  reformed: 'Reform',
  relaxed: 'Relaxation',
  lifted: 'Lifting',
  eased: 'Easing',
  loosened: 'Loosening',
  abolished: 'Abolition',
  scrapped: 'Scrapping',
  streamlined: 'Streamlining',
  simplified: 'Simplification',
  opened: 'Opening',
  improved: 'Improvement',
  overhauled: 'Overhaul',
  unified: 'Unification',
  amalgamated: 'Amalgamation',
  merged: 'Merger',
  consolidated: 'Consolidation',
  restructured: 'Restructuring',
};
/** Verbs that also describe ordinary progress ("the situation has improved"): a reform only for a policy in the future. */
const WEAK_REFORMED = /^(?:improved|optimi[sz]ed|standardi[sz]ed|unified|opened)$/;
/** The heads a policy-like subject ends in, before any "for/of/with" tail. */
const POLICY_HEAD =
  /\b(?:polic(?:y|ies)|systems?|mechanisms?|rules|regulations|procedures|conditions|requirements|restrictions|services|management|market|regime|criteria|standards)$/i;
/** A permit, fee or system done away with: "scrap its temporary residence permit". */
const ABOLISHED =
  /\b(?:abolish(?:ed|es|ing)?|scrap(?:ped|s|ping)?|d(?:o|id|oing|oes)\s+away\s+with|phas(?:e|ed|es|ing)\s+out)\s+(?:the\s+|its\s+|their\s+|all\s+|China's\s+)?((?:[a-z-]+\s+){0,4}(?:permits?|certificates?|licen[cs]es?|cards?|fees?|charges?|systems?|polic(?:y|ies)|procedures?|registrations?|approvals?))\b/g;
/** A counted package announced in the passive: "Twenty measures will be introduced, including …". */
const MEASURES_PASSIVE = new RegExp(
  `\\b(${NUMBER_WORD})\\s+((?:new\\s+|further\\s+|specific\\s+|policy\\s+|reform\\s+|convenience\\s+)?(?:measures|policies|steps|initiatives))\\s+(?:will|would|shall|have|has|had|were|are)\\s+(?:also\\s+)?(?:be\\s+|been\\s+)?(?:introduced|issued|rolled\\s+out|launched|unveiled|released|adopted|implemented|announced)\\b`,
  'gi',
);
/** Trials or pilots of a change: "Trials will be carried out to allow X". */
const TRIALS =
  /\b([Tt]rials?|[Pp]ilots?|[Pp]ilot\s+(?:programs?|programmes?|projects?))\s+(?:will|would|shall|have|has|had|were|are|was|is)\s+(?:also\s+)?(?:be\s+|been\s+)?(?:carried\s+out|launched|conducted|rolled\s+out)\s+(?:in\s+[^,.;]{2,40}?\s+)?(to|on|for)\s+/g;

/**
 * A time adjunct or the sentence's verb that an object read word by word ran into ("… system on
 * Monday", "Reforming the X system remains …"): the object ends before it.
 */
const OBJECT_TAIL =
  /\s+(?:(?:on|in|at|from|since|by|before|after|until)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December|\d|the\s+\d|last|next|this|early|late)\b.*|(?:remains?|remained|becomes?|became|seems?|means?|helps?|makes?|needs?|requires?|saves?|saved|cuts|gives|allows|lets|brings|marks|shows|benefits|affects|takes|took)\b.*)$/s;

function beforeTail(text: string, from: number, end: number): number {
  const tail = OBJECT_TAIL.exec(text.slice(from, end));
  return tail ? from + tail.index : end;
}

/** Where a passive subject starts, read back from `end`: the clause's start. */
function subjectBefore(text: string, end: number): number {
  let start = 0;
  for (const m of text.slice(0, end).matchAll(/[.;:!?,()\n]\s*|\b(?:that|which|and|but|while|where|when|as)\s+/g))
    start = m.index + m[0].length;
  return start;
}

/** Words after "in" or "for" that open a time, a place or a new clause rather than continue an object. */
const NOT_CONTINUED =
  /^(?:the|a|an|this|that|last|next|recent|early|late|first|second|all|some|many|most|various|order|addition|line|accordance|time)$/;

/** `end` moved past one "for X" or "in X" that continues an object ("… for cruise groups"). */
function continued(text: string, end: number): number {
  const m = /^\s+(?:for|in)\s+([a-z][a-z-]*)/.exec(text.slice(end));
  // "in five cities", "for 10 years": a counted place or span, not part of the object.
  if (!m || NOT_CONTINUED.test(m[1] ?? '') || NUMBERS[(m[1] ?? '').toLowerCase()] !== undefined) return end;
  const objStart = end + m[0].length - (m[1] ?? '').length;
  const objEnd = objectAfter(text, objStart);
  return objEnd > objStart ? objEnd : end;
}

const ISSUE_VERB =
  '(?:issued|issue|issuing|introduced|introduce|introducing|unveiled|unveil|released|release|rolled out|roll out|launched|launch|announced|announce|formulated|formulate|adopted|adopt|published|publish|printed and distributed)';

/**
 * A purpose written as a verb phrase, from `from`: "improve the management of parking permits",
 * "handling noise complaints". An adverb and a verb, then its object (which may open with
 * "the"); a gerund or noun phrase is read as an object.
 */
function purposeAfter(text: string, from: number): number {
  const verb = /^(?:[a-z]+ly\s+)?([a-z]+)\s+(?:(?:the|a|an|its|their)\s+)?/.exec(text.slice(from));
  if (!verb || /^(?:the|a|an|be|and|or|of|in|on)$/.test(verb[1] ?? '')) return objectAfter(text, from);
  const objStart = from + verb[0].length;
  const end = objectAfter(text, objStart);
  return end > objStart ? end : from + verb[0].trimEnd().length;
}

const MODERNISATION = /\bmoderni[sz](?:ation|ing|es?)\b/i;

/** The headline and the lead: the text up to the end of the first sentence that ends in a full stop. */
function leadOf(doc: RuleInput['doc']): string {
  const first = doc.sentences.find((s) => /[.!?]["”’]?\s*$/.test(doc.text.slice(s.start, s.end)));
  return doc.text.slice(0, first?.end ?? 0);
}

/** "improve" → "improving", "cut" → "cutting": an aim named as a measure. */
function gerund(verb: string): string {
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`;
  if (/[^e]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(verb)) return `${verb}${verb.slice(-1)}ing`;
  return `${verb}ing`;
}

/** `end` moved past "of the X" when an object stopped at its article ("the welfare of" + "the police force"). */
function ofThe(text: string, end: number): number {
  const m = /^\s+the\s+/.exec(text.slice(end));
  if (!m || !/\bof$/.test(text.slice(0, end))) return end;
  const more = objectAfter(text, end + m[0].length);
  return more > end + m[0].length ? more : end;
}

export const reformPhrases: Rule = (input) => {
  const out: Finding[] = [];
  const text = input.text;
  const push = (
    start: number,
    phrase: string,
    rule: string,
    confidence: number,
    fields: Record<string, unknown> = {},
  ) => {
    let s = start;
    let p = phrase.trim();
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
      fields,
    });
  };
  // The items a package lists after "including"/"such as", each a reform of its own.
  const listItems = (from: number, listedIn: string) => {
    let pos = from;
    const tail = text.slice(pos);
    const stop = /[.;]|$/.exec(tail)?.index ?? tail.length;
    // Items: split at commas and at "and" before an article ("… places and the first application …").
    const parts = tail.slice(0, stop).split(/(,\s*(?:and\s+)?|\s+and\s+(?=the\s))/);
    for (const part of parts) {
      const at0 = pos;
      pos += part.length;
      if (/^(?:,\s*(?:and\s+)?|\s+and\s+)$/.test(part)) continue;
      // The last item runs into the sentence's verb: "… at airports will be offered".
      const item = part
        .replace(/\s+(?:will|would|shall|should|must|is|are|was|were|has|have|had|can|could|may|to be)\b.*$/s, '')
        .replace(/\s+(?:in|as|and|or)$/, '')
        .trimEnd();
      const words = item.split(/\s+/);
      if (words.length < 3 || words.length > 18 || !/^(?:the\s+)?[a-z]/.test(item)) continue;
      // ", in the campaign to …": an adjunct of the sentence, not an item of the list.
      if (/^(?:in|as|for|with|to|by|at|on|under|during|from)\s/.test(item)) continue;
      push(at0, item, 'phrase-reform-listed-item', 0.65, { listedIn });
    }
  };
  /** A reform named in other words than the span that states it ("piloted X" → "Pilot of X"). */
  const named = (start: number, end: number, name: string, rule: string, confidence: number) => {
    const span = at(input, start, end);
    if (!span || name.split(/\s+/).length < 2) return;
    out.push({ kind: 'REFORM', name, ...span, sentence: input.sentence.index, rule, confidence, fields: {} });
  };
  for (const m of allMatches(SERVICES_ACROSS, text)) {
    const services = (m[1] ?? '').replace(/^(?:the|these|those|all)\s+/i, '');
    const where = (m[2] ?? '').toLowerCase();
    const mode = /online/.test(where) ? 'Online' : /nationwide|country/.test(where) ? 'Nationwide' : 'Cross-provincial';
    const start = m.index + m[0].indexOf(services);
    named(start, m.index + m[0].length, `${mode} handling of ${services}`, 'phrase-reform-services-across', 0.65);
  }
  for (const m of allMatches(SERVICE_MODE, text)) {
    const from = m.index + m[0].length;
    const end = objectAfter(text, from);
    if (end > from) push(m.index, text.slice(m.index, end), 'phrase-reform-service-mode', 0.65);
  }
  for (const m of allMatches(PILOT_OF, text)) {
    const head = m[1] ?? '';
    const start = m.index + m[0].length - head.length;
    const from = m.index + m[0].length;
    const end = continued(text, objectAfter(text, from));
    if (end > from) push(start, text.slice(start, end), 'phrase-reform-pilot', 0.65);
  }
  for (const m of allMatches(PILOTED, text)) {
    const from = m.index + m[0].length;
    // "piloted three of the measures", "piloted it": what was piloted is named elsewhere.
    const first = /^[A-Za-z0-9]+/.exec(text.slice(from))?.[0]?.toLowerCase() ?? '';
    if (/^\d/.test(first) || NUMBERS[first] !== undefined || /^(?:it|them|this|these|those|some|all|both)$/.test(first))
      continue;
    const end = objectAfter(text, from);
    if (end > from) named(m.index, end, `Pilot of ${text.slice(from, end)}`, 'phrase-reform-piloted', 0.6);
  }
  for (const re of [POLICY_ACTIVE, POLICY_PASSIVE]) {
    for (const m of allMatches(re, text)) {
      const phrase = m[1] ?? '';
      const start = m.index + m[0].indexOf(phrase);
      const end = re === POLICY_ACTIVE ? continued(text, start + phrase.length) : start + phrase.length;
      push(start, text.slice(start, end), 'phrase-reform-policy', 0.6);
    }
  }
  for (const m of allMatches(BUILDING_OF, text)) {
    const head = m[1] ?? '';
    const start = m.index + m[0].length - head.length;
    const from = m.index + m[0].length;
    const object = text.slice(from, objectAfter(text, from)).replace(/\s+(?:on|of|to|and|or)$/, '');
    // "the construction of a strong country", "… of a safe China": a slogan, not a reform.
    if (!object || /\b(?:country|nation|China|society|world)$/.test(object)) continue;
    // Modernisation is a policy line everywhere; a reform only as the programme the report leads with.
    if (/^moderni/i.test(head) && !MODERNISATION.test(leadOf(input.doc))) continue;
    push(start, text.slice(start, from + object.length), 'phrase-reform-building-of', 0.6);
  }
  for (const m of allMatches(REFORM_IN, text)) push(m.index, m[1] ?? '', 'phrase-reform-in', 0.65);
  for (const m of allMatches(TITLE_REFORM_PROJECT, text)) {
    const words = (m[1] ?? '').split(/\s+/);
    while (
      words.length > 0 &&
      /^(?:The|A|An|This|Its|Launch|Launches|Launched|Plans?|Starts?|Begins?)$/.test(words[0] ?? '')
    )
      words.shift();
    if (words.length < 3) continue;
    const phrase = words.join(' ');
    push(m.index + m[0].length - phrase.length, phrase, 'phrase-reform-title-project', 0.7);
  }
  for (const m of allMatches(REFORM_AIMS, text)) {
    let from = m.index + m[0].length;
    for (let i = 0; i < 4; i++) {
      const verb = /^(?:[a-z]+ly\s+)?([a-z]+)\s/.exec(text.slice(from));
      if (!verb || /^(?:the|a|an|be|and|or|of|in|on|make)$/.test(verb[1] ?? '')) break;
      const end = ofThe(text, purposeAfter(text, from));
      const rest = text.slice(from + verb[0].length, end).trim();
      if (!rest) break;
      named(from, end, `${capitalise(gerund(verb[1] ?? ''))} ${rest}`, 'phrase-reform-aim', 0.6);
      const next = /^(?:,\s*(?:and\s+)?|\s+and\s+)(?=[a-z]+\s)/.exec(text.slice(end));
      if (!next) break;
      from = end + next[0].length;
    }
  }
  // An electronic licence is a reform when the sentence rolls it out, not when it is only used.
  if (ROLLED_OUT.test(text))
    for (const m of allMatches(ELECTRONIC, text)) push(m.index, m[1] ?? '', 'phrase-reform-electronic', 0.6);
  for (const m of allMatches(EASED, text)) {
    const stem = Object.keys(EASING_NOUN).find((k) => (m[1] ?? '').toLowerCase().startsWith(k)) ?? '';
    const from = m.index + m[0].length;
    const end = continued(text, objectAfter(text, from));
    if (end === from) continue;
    const what = text.slice(m.index + (m[1] ?? '').length, end).trim();
    named(m.index, end, `${EASING_NOUN[stem]} of ${what}`, 'phrase-reform-eased', 0.6);
  }
  for (const m of allMatches(REFORMED_PASSIVE, text)) {
    const verb = (m[1] ?? '').toLowerCase().replace(/\s+up$/, '');
    const start = subjectBefore(text, m.index);
    let subject = text.slice(start, m.index).replace(/^(?:the|a|an|its|their)\s+/i, '');
    subject = subject.replace(/^(?:in addition|meanwhile|moreover|also)\s+/i, '');
    const words = subject.split(/\s+/);
    if (words.length < 1 || words.length > 18 || subject.length < 4) continue;
    if (/^(?:it|they|this|these|those|he|she|we|which|there)$/i.test(subject) || /\d/.test(words[0] ?? '')) continue;
    // "improved", "unified", "opened": a reform only when a policy-like thing will be changed.
    const head = subject.split(/\s+(?:for|of|on|in|with|at|to)\s+/)[0] ?? subject;
    const future = /^\s+(?:will|would|shall|is\s+to|are\s+to)\b/.test(m[0]);
    if (WEAK_REFORMED.test(verb) && !(future && POLICY_HEAD.test(head))) {
      // "will be further opened", "opened up": opening a market is a reform in itself.
      if (!(verb === 'opened' && /\b(?:further|up)\b/.test(m[0]) && /\bmarkets?$/i.test(head))) continue;
    }
    // "the X policy was relaxed" is the policy itself, named by POLICY_PASSIVE.
    if (
      /polic(?:y|ies)$/i.test(subject) &&
      /^(?:relaxed|eased|loosened|lifted|optimi[sz]ed|liberali[sz]ed)$/.test(verb)
    )
      continue;
    const noun = REFORMED_NOUN[verb] ?? capitalise(verb.replace(/ed$/, 'ation'));
    named(
      start,
      m.index + m[0].length,
      `${noun} of ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`,
      'phrase-reform-reformed-passive',
      0.6,
    );
  }
  for (const m of allMatches(ABOLISHED, text)) {
    const what = (m[1] ?? '').replace(/^controversial\s+/, '');
    named(m.index, m.index + m[0].length, `Abolition of ${what}`, 'phrase-reform-abolished', 0.65);
  }
  for (const m of allMatches(TRIALS, text)) {
    const from = m.index + m[0].length;
    const end = m[2] === 'to' ? purposeAfter(text, from) : objectAfter(text, from);
    if (end === from) continue;
    named(
      m.index,
      end,
      `${capitalise((m[1] ?? '').toLowerCase())} ${m[2]} ${text.slice(from, end)}`,
      'phrase-reform-trials',
      0.6,
    );
  }
  for (const m of allMatches(MEASURES_PASSIVE, text)) {
    const count = (m[1] ?? '').toLowerCase();
    const n = /^\d+$/.test(count) ? Number(count) : NUMBERS[count];
    const span = at(input, m.index, m.index + m[0].length);
    if (!span) continue;
    const name = capitalise(`${m[1]} ${m[2]}`);
    out.push({
      kind: 'REFORM',
      name,
      ...span,
      sentence: input.sentence.index,
      rule: 'phrase-reform-measures-passive',
      confidence: 0.65,
      fields: n !== undefined ? { measureCount: n } : {},
    });
    const list = /^\s*,?\s*(?:including|such as|namely|covering)\s+/i.exec(text.slice(m.index + m[0].length));
    if (list) listItems(m.index + m[0].length + list[0].length, name);
  }
  for (const m of allMatches(REFORM_OF, text)) {
    const from = m.index + m[0].length;
    const quoted = QUOTATION.exec(text.slice(from))?.[0];
    let end = quoted ? from + quoted.length : objectAfter(text, from);
    // "the reform of delegating power, streamlining administration and optimising services":
    // a reform named by gerund phrases keeps each of them.
    if (!quoted && /^[a-z]+ing\s/.test(text.slice(from))) {
      for (let i = 0; i < 3; i++) {
        const next = /^(?:,\s*(?:and\s+)?|\s+and\s+)(?=[a-z]+ing\s)/.exec(text.slice(end));
        if (!next) break;
        let more = purposeAfter(text, end + next[0].length);
        if (more <= end + next[0].length) break;
        // "combining power delegation with enhanced supervision": the gerund's second object.
        const withObject = /^\s+with\s+/.exec(text.slice(more));
        if (withObject) more = Math.max(more, objectAfter(text, more + withObject[0].length));
        end = more;
      }
    }
    if (end > m.index + m[0].length) push(m.index, text.slice(m.index, end), 'phrase-reform-of', 0.8);
  }
  for (const m of allMatches(REFORM_TO, text)) {
    const from = m.index + m[0].length;
    let end = purposeAfter(text, from);
    // "to streamline administration, delegate power and optimise services": each verb phrase is the purpose.
    for (let i = 0; i < 3; i++) {
      const next = /^(?:,\s*(?:and\s+)?|\s+and\s+)(?=([a-z]+)\s)/.exec(text.slice(end));
      if (
        !next ||
        /^(?:the|a|an|which|that|who|it|its|their|is|are|was|were|has|have|will|would)$|(?:ed|ing|ly|s)$/.test(
          next[1] ?? '',
        )
      )
        break;
      const more = purposeAfter(text, end + next[0].length);
      if (more <= end + next[0].length + (next[1] ?? '').length) break;
      end = more;
    }
    end = beforeTail(text, from, end);
    // A purpose of one word ("reforms to ensure") names nothing.
    if (text.slice(from, end).trim().split(/\s+/).length < 2) continue;
    push(m.index, text.slice(m.index, end), 'phrase-reform-to', 0.7);
  }
  for (const m of allMatches(REFORM_VERB, text)) {
    if (NOUN_BEFORE.test(text.slice(0, m.index))) continue;
    const from = m.index + m[0].length;
    const end = beforeTail(text, from, objectAfter(text, from));
    if (end === from) continue;
    const object = text.slice(from, end);
    named(m.index, end, `Reform of ${m[1] === 'the' ? 'the ' : ''}${object}`, 'phrase-reform-verb', 0.65);
  }
  // "X reform", "X standardisation": the words before the head that can name one, read backwards.
  for (const [head, rule] of [
    [/\breforms?\b/gi, 'phrase-reform-x-reform'],
    [PROCESS_NOUN, 'phrase-reform-x-process'],
  ] as const) {
    for (const m of allMatches(head, text)) {
      const before = text.slice(0, m.index);
      const words = /((?:[A-Za-z][A-Za-z-]*\s+){1,5})$/.exec(before)?.[1]?.trim().split(/\s+/) ?? [];
      const kept: string[] = [];
      for (let i = words.length - 1; i >= 0 && kept.length < 4; i--) {
        const w = words[i] ?? '';
        if (NOT_MODIFIER.test(w) || VERB_BEFORE.test(w) || /^[A-Z]/.test(w)) break;
        kept.unshift(w);
      }
      if (kept.length === 0 || /(?:ing|ly)$/.test(kept[0] ?? '')) continue;
      const phrase = `${kept.join(' ')} ${m[0]}`;
      push(m.index - kept.join(' ').length - 1, phrase, rule, 0.7);
    }
  }
  for (const m of allMatches(QUOTED_REFORM, text)) push(m.index, m[0], 'phrase-reform-quoted', 0.8);
  for (const m of allMatches(NOMINAL_REFORM, text)) push(m.index, m[1] ?? '', 'phrase-reform-nominal', 0.65);
  for (const m of allMatches(NOMINAL_ABOLITION, text)) {
    const named0 = m.index + (m[1] ?? '').length;
    const end = beforeTail(text, m.index, continued(text, named0));
    // "the abolition of the permit": a bare head refers back to a permit named before.
    if (end === named0 && /\bof\s+(?:the\s+|its\s+|all\s+)?[a-z-]+$/i.test(m[1] ?? '')) continue;
    push(m.index, text.slice(m.index, end), 'phrase-reform-nominal-abolition', 0.65);
  }
  for (const m of allMatches(CHANGES_TO, text))
    named(m.index, m.index + m[0].length, `Reform of ${m[1] ? 'the ' : ''}${m[2]}`, 'phrase-reform-changes-to', 0.6);
  for (const m of allMatches(INTO_SYSTEM, text)) push(m.index, m[1] ?? '', 'phrase-reform-into-system', 0.6);
  for (const m of allMatches(SYSTEM_PASSIVE, text)) {
    const phrase = m[1] ?? '';
    if (/^(?:systems?|mechanisms?|and)\b/.test(phrase)) continue;
    push(m.index + m[0].indexOf(phrase), phrase, 'phrase-reform-system-passive', 0.6);
  }
  for (const m of allMatches(SYSTEM_FOR, text)) {
    const head = m[1] ?? '';
    const from = m.index + m[0].length;
    const end = purposeAfter(text, from);
    if (end === from) continue;
    const start = m.index + m[0].length - head.length;
    push(start, text.slice(start, end), 'phrase-reform-system-for', 0.65);
  }
  for (const m of allMatches(SYSTEM_BUILT, text)) {
    const phrase = m[1] ?? '';
    // "improve the system and mechanism" names no system.
    if (/^(?:systems?|mechanisms?|and)\b/.test(phrase)) continue;
    push(m.index + m[0].length - phrase.length, phrase, 'phrase-reform-system-built', 0.65);
  }
  for (const m of allMatches(MEASURES, text)) {
    const count = m[1]?.toLowerCase();
    // "take effective measures to …" is a manner of acting; a package is counted or issued.
    // The modifiers may have swallowed the issuing verb ("the ministry issued guidelines on"):
    // the head starts after it.
    let head = m[2] ?? '';
    const swallowed = new RegExp(`^(?:[a-z-]+\\s+)*?${ISSUE_VERB}\\s+`, 'i').exec(head);
    if (swallowed) head = head.slice(swallowed[0].length);
    const issued =
      swallowed !== null ||
      new RegExp(`\\b${ISSUE_VERB}\\s+(?:the\\s+|a\\s+|its\\s+)?$`, 'i').test(text.slice(0, m.index));
    if (count === undefined && !issued) continue;
    const objStart = m.index + m[0].length;
    // "measures to improve the management of X": the purpose is a verb phrase, kept whole.
    const end = m[3]?.toLowerCase() === 'to' ? purposeAfter(text, objStart) : objectAfter(text, objStart);
    if (end === objStart) continue;
    const headAt = m.index + m[0].indexOf(head);
    const n = count === undefined ? undefined : /^\d+$/.test(count) ? Number(count) : NUMBERS[count];
    // The count describes the package ("26 measures"): an attribute, never an outcome.
    push(headAt, text.slice(headAt, end), 'phrase-reform-measures', 0.7, n !== undefined ? { measureCount: n } : {});
    // "12 measures to improve X, including A, B and C": the package's items.
    const list = /^\s*,?\s*(?:including|such as|namely|covering)\s+/i.exec(text.slice(end));
    if (list) listItems(end + list[0].length, text.slice(headAt, end));
  }
  for (const m of allMatches(LIST_HEAD, text)) {
    // Services, matters or tasks are a package only when counted ("6 matters including", "two
    // … services such as"); measures, reforms and policies are one by their noun.
    const noun = /^[a-z]+/i.exec(m[0])?.[0]?.toLowerCase() ?? '';
    const counted = new RegExp(`\\b${NUMBER_WORD}\\s+(?:[a-z-]+\\s+){0,3}$`, 'i').test(text.slice(0, m.index));
    if (!/^(?:measures|reforms|policies)$/.test(noun) && !counted) continue;
    listItems(m.index + m[0].length, text.slice(m.index, m.index + m[0].length).trim());
  }
  /** A listed measure replaces the findings inside it ("allowing online renewal of X" holds "Online renewal of X"). */
  const listed = (from: number, item: string, rule: string, fields: Record<string, unknown>) => {
    const s = input.sentence.start + from;
    const e = s + item.length;
    for (let i = out.length - 1; i >= 0; i--) {
      const f = out[i];
      if (f && f.kind === 'REFORM' && f.start >= s && f.end <= e) out.splice(i, 1);
    }
    push(from, item, rule, 0.65, fields);
  };
  for (const m of allMatches(NUMBERED_HEAD, text)) {
    const listedIn = text.slice(m.index, m.index + m[0].length).replace(/[\s:]+$/, '');
    const marks = [...allMatches(NUMBER_MARK, text.slice(m.index + m[0].length))];
    marks.forEach((mark, i) => {
      const from = m.index + m[0].length + mark.index + mark[0].length;
      const next = marks[i + 1];
      const until = next ? m.index + m[0].length + next.index : text.length;
      const item = text
        .slice(from, until)
        .replace(/[\s.;,]+$/, '')
        .replace(/[;,]?\s+and$/, '');
      const words = item.split(/\s+/).length;
      if (words >= 2 && words <= 18 && /^[a-z]/.test(item))
        listed(from, item, 'phrase-reform-numbered-item', { listedIn });
    });
  }
  // "First, A." after "five new measures …": the sentence is one measure of the package.
  const ordinal = ORDINAL_ITEM.exec(text);
  if (ordinal) {
    const sentences = input.doc.sentences;
    const i = input.sentence.index;
    const back = sentences[Math.max(0, i - 6)]?.start ?? input.sentence.start;
    if (i > 0 && COUNTED_PACKAGE.test(input.doc.text.slice(back, input.sentence.start))) {
      const from = ordinal[0].length;
      let item = text.slice(from).replace(/[\s.;!]+$/, '');
      if (item.split(/\s+/).length > 20) item = /^(?:\S+\s+){3,}?\S+?(?=[,;])/.exec(item)?.[0] ?? '';
      const words = item.split(/\s+/).length;
      if (words >= 3 && words <= 20) listed(from, item, 'phrase-reform-ordinal-item', {});
    }
  }
  return out;
};
