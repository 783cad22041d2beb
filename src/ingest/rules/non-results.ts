/**
 * Figures a press report writes that are not results (ANNOTATION.md and the annotators' NOTES:
 * a result is what was achieved or reported). Each test reads only the few words around the
 * figure, with regexes compiled once, so the outcome rule stays one pass per sentence.
 */

/** What the outcome rule knows of one figure when it asks. */
export interface FigureView {
  /** The sentence's text before the figure (its qualifier excluded), at most the last 160 characters. */
  readonly before: string;
  /** The sentence's text after the figure. */
  readonly after: string;
  readonly numText: string;
  readonly value: number;
  readonly isPercent: boolean;
  readonly scaled: boolean;
  readonly qualifierKey?: string;
  /** The counted noun's head, and the words of its noun phrase. */
  readonly unit: string;
  readonly unitWords: readonly string[];
  readonly verb?: string;
  /** The whole document's text after the figure's start, to see the page around it (optional). */
  readonly docAfter?: string;
  /** The document's text before the figure, at most its last 600 characters (optional). */
  readonly docBefore?: string;
}

/** The clause a figure sits in, from the last comma, semicolon or colon before it. */
const clauseOf = (before: string): string => before.split(/[;:]|,(?!\d)/).pop() ?? '';

/**
 * A figure in the reach of a modal, a plan or a capacity: "will recruit 10,000 officers", "plans to
 * build 500 stations", "is expected to handle 2 million applications", "can process 50,000 a day".
 * At most five words between, none that opens another clause.
 */
const MODAL_BEFORE =
  /\b(?:will|shall|would|can|could|may|might|should|must|plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|aims?\s+to|expects?\s+to|(?:is|are|was|were)\s+(?:expected|set|scheduled|due|going|slated|poised|planned)\s+to|(?:is|are)\s+to|needs?\s+to|(?:has|have)\s+to|pledged\s+to|vowed\s+to|promised\s+to|hopes?\s+to)\s+(?:(?!(?:that|which|who|and|or|but|after|since|when|while|as|where|because)\b)[a-z-]+\s+){1,5}$/i;

/**
 * Whether a modal or a plan governs the figure. Targets are round ("10,000 officers", "2 million",
 * "95 percent"); a figure of four significant digits or more after "will" is a result a machine
 * translation put in the future ("will clean up 77.69 million phone cards"), as with "will be
 * arrested" after a past year.
 */
export function plannedBefore(before: string, value: number): boolean {
  return significantDigits(value) <= 3 && MODAL_BEFORE.test(clauseOf(before).slice(-90));
}

function significantDigits(value: number): number {
  return String(value).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

/** What criminals do, said of an amount or of their victims: a crime's own figures. */
const CRIME =
  '(?:swindled|swindling|defrauded|defrauding|cheated|cheating|scammed|scamming|conned|stole|stolen|stealing|robbed|robbing|embezzled|embezzling|misappropriated|misappropriating|extorted|extorting|laundered|laundering|smuggled|smuggling|trafficked|abducted|kidnapped|sold|selling|bribed|pocketed|reaped|earned|raked\\s+in|illegally\\s+(?:obtained|raised|collected|absorbed))';
/** "had swindled 3 million yuan", "cheated victims of 3 million yuan", "stole 2 million yuan from 300 victims". */
const CRIME_BEFORE = new RegExp(
  `\\b${CRIME}\\s+(?:(?:[a-z-]+\\s+){0,2}(?:out\\s+of|of|from)\\s+|out\\s+of\\s+|[^,;]{1,40}?\\s+from\\s+)?$`,
  'i',
);
/** "made illegal profits of 40 million yuan": what a gang gained. */
const GAINS_BEFORE =
  /\b(?:made|reaped|earned|gained|obtained|netted|pocketed|raked\s+in)\s+(?:illegal\s+|illicit\s+|huge\s+)?(?:profits?|proceeds|gains|income|earnings)\s+of\s+$/i;
/** "The case involved 28 million yuan", "a ring that defrauded …": one case or group and what it involved. */
const ONE_CASE_INVOLVED =
  /\b(?:a|an|the|this|that|one)\s+(?:[a-z-]+\s+){0,2}(?:case|gang|ring|syndicate|scheme|network)\s+(?:(?:that|which)\s+)?(?:had\s+|has\s+)?(?:involved|involves|involving)\s+$/i;
/** "a gang of 12", ", made up of 12 members": the size of one group. */
const GROUP_SIZE =
  /(?:\b(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}(?:gang|ring|group|team|syndicate|network|family|band|cell|crew)\s+of\s+|\b(?:made\s+up\s+of|consisting\s+of|comprising|composed\s+of)\s+)$/i;

/** "offers rewards of up to 200,000 yuan", "a bounty of 50,000 yuan": what is promised, not paid. */
const REWARD_BEFORE = /\b(?:rewards?|bount(?:y|ies)|prizes?|bonus(?:es)?)\s+(?:of\s+)?$/i;
/** "fines of up to 3,000 yuan", "fines of between 500 and 2,000 yuan": a ceiling or a range the rules set. */
const PENALTY_BEFORE =
  /\b(?:fines?|fined|penalt(?:y|ies)|compensation|imprisonment|jail|prison)\s+(?:of\s+)?((?:between|from)\s+)?$/i;
const PENALTY_RANGE_END =
  /\b(?:fines?|fined|penalt(?:y|ies)|compensation|rewards?|bount(?:y|ies))\s+(?:of\s+)?(?:between\s+|from\s+)?[\d,.]+\s*(?:yuan\s+)?(?:and|to)\s+$/i;

/** Money put in, not results got: "invested 2 billion yuan", "a budget of 450 million yuan". */
const INPUT_BEFORE =
  /(?:\b(?:invested|investing|invests?|allocated|allocating|allocates?|earmarked|spent|spending|budgeted|appropriated|set\s+aside)\s+|\b(?:budgets?|investments?|funding|subsid(?:y|ies)|grants?)\s+of\s+)$/i;
/** Groups a campaign sent or set up to do its work ("12 working groups", "30 supervision teams"): its input. */
const WORK_GROUP = /^(?:groups|teams|forces|squads)$/i;
const WORK_GROUP_KIND =
  /^(?:working|work|task|inspection|supervision|supervisory|expert|steering|guidance|liaison|inspector|special|investigation|assessment|evaluation)$/i;
/** "10 typical cases released": examples the report presents, not a count of what was done. */
const EXAMPLE = /^(?:typical|model|exemplary|representative|landmark|sample)$/i;
/** "900,000 foreigners live in China", "300 fugitives remain at large": what is, said in the present. */
const PRESENT_STATE = /^(?:live|lives|reside|resides|hold|holds|own|owns|remain|remains|exist|exists|stay|stays)$/i;

/** "the country had 287 million motorcycles", "there are 4,600 stations", "is home to 12 million". */
const STATE_BEFORE =
  /\b(?:has|have|had|there\s+(?:is|are)|(?:is|are|was|were)\s+home\s+to|boasts?|boasted|owns?|owned)\s+$/i;
const PASSIVE_RESULT = /\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?[a-z]+ed\b/i;
/** "a population of", "towns with fewer than 2 million residents", "a city of 20 million people". */
const PLACE_SIZE_BEFORE =
  /(?:\bpopulations?\s+of\s+|\b(?:cities|city|towns?|counties|county|villages?|places|areas|regions|countries|provinces|districts)\s+with\s+|\b(?:a|an|the)\s+(?:[a-z-]+\s+)?(?:city|town|country|province|county|nation|region|metropolis)\s+of\s+)$/i;

/** "China's 1.07 billion internet users", "a platform with 300 million users": who there are. */
const POSSESSIVE_BEFORE = /['’]s\s+$/;
const WITH_BEFORE = /\bwith\s+$/i;
/** "300 gangs with 4,000 members": the members of counted groups are counted with them, not a population. */
const COUNTED_WITH_BEFORE = /\d[\d,.]*\s+(?:[a-z-]+\s+){0,2}[a-z]+\s+with\s+$/i;
const POPULATION =
  /^(?:people|population|residents|citizens|inhabitants|netizens|users|subscribers|members|employees|staff|officers|personnel|policemen)$/i;
/** Police who died or were hurt on duty: a cost of the campaign, not its result. */
const POLICE = /^(?:officers|policemen|policewomen|police|personnel|staff)$/i;
const COST =
  /^[^.;]{0,60}?\b(?:died|killed|injured|wounded|sacrificed|lost\s+their\s+lives|laid\s+down\s+their\s+lives)\b/i;

/** "the following four areas", "these six steps": the count of the text's own list. */
const LIST_BEFORE = /\b(?:the\s+following|these|those|the\s+above(?:-mentioned)?|the\s+aforementioned|the\s+said)\s+$/i;
/** Heads of a list of aims or parts; small counts of them with no result verb are the text's own list. */
const LIST_NOUN =
  /^(?:areas|steps|priorities|principles|goals|objectives|requirements|aspects|tasks|pillars|directions|dimensions|focuses|fronts|links|stages|phases|categories|guarantees|initiatives)$/i;

/** Bodies that take part: their count is a scope whatever they did ("35 departments jointly issued"). */
const AGENCY = /^(?:departments|ministries|agencies|bureaus|commissions|organs|authorities)$/i;
/** Places where something is available or happens: after a preposition, a scope ("at 9 international airports"). */
const FACILITY =
  /^(?:airports|ports|checkpoints|crossings|terminals|spots|halls|windows|counters|kiosks|venues|outlets|stations|centres|centers|offices|posts|booths|locations)$/i;

/** "16 px" in a page's font-size control ("+ ↺ − 16 px"): page furniture, never a result. */
const PAGE_UNIT = /^(?:px|pt|em|rem)$/i;
/**
 * A share of a wider whole, not a count of what was done: "31 percent of the province's total", "60
 * percent and 70 percent of the country's total", "70 to 80 percent of all drugs seized across the
 * country". A share of the reporter's own results ("35 percent of all cases solved") and a rate ("98
 * percent of the cases posted have been solved") are neither shape.
 */
const SHARE_AFTER =
  /^\s*(?:(?:and|to|-)\s*[\d.]+\s*(?:percent|per\s+cent|%)\s*)?of\s+(?:(?:the\s+)?(?:country|nation|province|region|world)['’]s\s+total|(?:the\s+)?(?:national|nationwide|provincial)\s+total|all\s+[^.;,]{0,60}?\b(?:(?:across|in|throughout)\s+the\s+(?:country|nation|province|region|world)|nationwide))\b/i;
/** "Eight police have been killed and another 18 injured": the campaign's cost, not its result. */
const CASUALTY = /^(?:injured|wounded|killed|dead|hurt)$/i;
/** "mobilized more than 74,000 people", "dispatched 300 rescuers": the effort put in. */
const DEPLOYED_BEFORE =
  /\b(?:deployed|deploying|deploys?|mobili[sz]ed|mobili[sz]ing|mobili[sz]es?|dispatched|dispatching|dispatch(?:es)?)\s+$/i;
/** "1,200 gatherings, each attracting over 10,000 attendees": the size of each one, not a total. */
const EACH_BEFORE = /\beach\s+(?:[a-z]+ing|with|having)\s+$/i;
/** "2,305 people in 1,883 cases had be […]": the copy is cut before the figure's sentence says what was done. */
const CUT_AFTER = /^[^.;!?\n]{0,40}\n\s*\[(?:…|\.\.\.)\]/;
/**
 * A related-story list ("Related Stories" then "- Over 6,500 caught for organized crimes …"): other
 * articles' headlines, page furniture. The figure's line is a dash item and the lines above it, up to
 * the heading, are dash items too.
 */
const RELATED_LIST =
  /(?:^|\n)[ \t]*Related\s+(?:Stories|News|Articles|Reports|Links)[ \t]*\n(?:[ \t]*[-–•][^\n]{0,200}\n){0,12}[ \t]*[-–•][^\n]{0,200}$/i;
/** Whether the figure sits in a related-story list of the page. */
function inRelatedList(docBefore: string | undefined): boolean {
  return docBefore !== undefined && RELATED_LIST.test(docBefore);
}

/**
 * Places a campaign or a policy reaches are its scope (NOTES: "109 cities", provinces), in shapes that
 * say so: a definite set ("the 6 neighboring provinces"), where the acting bodies are ("organs in 11
 * provinces"), where something began ("has begun in 108 cities"), or places that open their clause and are to act
 * (", a total of 68 cities to start"). "piloted … in 36 cities" and "In 116 cities, … were handled" stay (the curated corpus
 * counts them).
 */
const PLACE = /^(?:provinces|cities|municipalities|prefectures|counties|regions|countries)$/i;
const PLACE_SCOPE_BEFORE =
  /(?:\bthe\s+|\b(?:organs|police|bureaus|departments|authorities|forces|officers|agencies)\s+in\s+(?:the\s+)?|\b(?:begun|began|begins|begin|launched|started|starts|kicked\s+off|rolled\s+out|under\s*way)\s+(?:[a-z]+\s+){0,3}?(?:in|across)\s+)$/i;
const PLACE_TO_ACT = /^\s*(?:[a-z-]+\s+){0,2}?to\s+(?!date\b)[a-z]+/i;
/** "the number of countries eligible for visa-free transit … increased to 55": the reach of a policy. */
const NUMBER_OF_PLACES = /\bthe\s+number\s+of\s+(?:[a-z-]+\s+){0,2}(?:countries|cities|provinces|regions|ports)\b/i;

/**
 * The members of one group: "arrested 51 suspects involved in a fraudulent gang" is a single case
 * told inside a campaign story (NOTES: single cases are not outcomes), as "a gang of 12" is.
 */
const POPULATION_OR_SUSPECTS = /^(?:suspects|people|members|persons|criminals|fraudsters)$/i;
const ONE_GROUP_AFTER =
  /^\s+(?:[a-z-]+\s+){1,2}?(?:involved\s+in|belonging\s+to|from|of)\s+(?:a|an|one)\s+(?:[a-z-]+\s+){0,3}(?:gang|ring|syndicate|group|network|cell)\b/i;

const TIME_UNIT = /^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)$/i;
const MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** Plurals written without -s: a singular head after a number above one is none of these. */
const INVARIANT =
  /^(?:people|police|personnel|staff|children|women|men|yuan|RMB|cattle|livestock|sheep|fish|deer|mu|aircraft|equipment|software|information|evidence|ammunition)$/i;

/**
 * Why a figure is not a result, or undefined when it may be one. Reasons are short names for
 * tests and debugging: the caller only needs to know there is one.
 */
export function nonResult(f: FigureView): string | undefined {
  const before = f.before;
  const clause = clauseOf(before);
  const head = f.unit;
  // "within 7 working days", "15 August": a duration or a date.
  if (!f.isPercent && TIME_UNIT.test(head)) return 'duration';
  if (!f.isPercent && MONTH.test(f.unitWords[0] ?? '')) return 'date';
  // "the 96110 hotline", "360 Search": a bare number before a singular noun is a label (a phone
  // number, a name), since a count above one takes the plural. Acronyms ("119 IDC") are counts.
  if (
    !f.isPercent &&
    !f.scaled &&
    !f.qualifierKey &&
    /^\d{3,}$/.test(f.numText) &&
    head &&
    !f.unitWords.some((w) => /[^s]s$/i.test(w) || INVARIANT.test(w)) &&
    // "Of them, 700 returned voluntarily": a verb after the figure, not a noun it labels.
    !/(?:ed|ly)$/i.test(f.unitWords[0] ?? '') &&
    !/^[A-Z]{2,}$/.test(head)
  )
    return 'label';
  if (!f.isPercent && PAGE_UNIT.test(head)) return 'furniture';
  if (f.docAfter !== undefined && CUT_AFTER.test(f.docAfter)) return 'cut';
  if (inRelatedList(f.docBefore)) return 'furniture';
  if (f.isPercent && SHARE_AFTER.test(f.after)) return 'share';
  if (!f.isPercent && CASUALTY.test(f.unitWords[0] ?? '')) return 'cost';
  if (!f.isPercent && DEPLOYED_BEFORE.test(clause)) return 'input';
  if (EACH_BEFORE.test(clause)) return 'per item';
  // "the physical health and safety of 1.3 billion people": the country's population, not a result
  // ("1.4 billion people … have achieved unified registration" has a verb of its own).
  if (!f.isPercent && !f.verb && f.value >= 1e9 && POPULATION.test(head) && /\b(?:of|for|to)\s+$/i.test(clause))
    return 'state';
  if (CRIME_BEFORE.test(clause) || GAINS_BEFORE.test(clause) || ONE_CASE_INVOLVED.test(clause)) return 'crime';
  if (!f.isPercent && GROUP_SIZE.test(clause)) return 'group size';
  if (!f.isPercent && POPULATION_OR_SUSPECTS.test(head) && ONE_GROUP_AFTER.test(f.after)) return 'group size';
  if (REWARD_BEFORE.test(clause)) return 'reward';
  const penalty = PENALTY_BEFORE.exec(clause);
  if ((penalty && (f.qualifierKey === 'up to' || penalty[1])) || PENALTY_RANGE_END.test(clause)) return 'ceiling';
  if (INPUT_BEFORE.test(clause)) return 'input';
  if (
    !f.isPercent &&
    WORK_GROUP.test(head) &&
    f.unitWords.slice(0, f.unitWords.indexOf(head)).some((w) => WORK_GROUP_KIND.test(w))
  )
    return 'input';
  if (!f.isPercent && /^cases$/i.test(head) && f.unitWords.some((w) => EXAMPLE.test(w))) return 'examples';
  if (!f.isPercent && f.unitWords.slice(1).some((w) => PRESENT_STATE.test(w))) return 'state';
  // A machine translation lists results as "There are more than 1,600 platforms, and … have been
  // transferred": a result verb elsewhere in the sentence makes the count one of them.
  if (!f.isPercent && !f.verb && STATE_BEFORE.test(clause) && !PASSIVE_RESULT.test(`${before} ${f.after}`))
    return 'state';
  if (!f.isPercent && PLACE_SIZE_BEFORE.test(clause)) return 'state';
  if (
    !f.isPercent &&
    !f.verb &&
    POPULATION.test(head) &&
    (POSSESSIVE_BEFORE.test(clause) || (WITH_BEFORE.test(clause) && !COUNTED_WITH_BEFORE.test(clause)))
  )
    return 'state';
  if (!f.isPercent && POLICE.test(head) && COST.test(f.after)) return 'cost';
  if (
    !f.isPercent &&
    PLACE.test(head) &&
    (PLACE_SCOPE_BEFORE.test(clause) ||
      (!f.verb && /^\s*$/.test(clause) && PLACE_TO_ACT.test(f.after.slice(f.unitWords.join(' ').length + 1))))
  )
    return 'scope';
  if (!f.isPercent && NUMBER_OF_PLACES.test(clause)) return 'scope';
  if (!f.isPercent && LIST_BEFORE.test(clause)) return 'list';
  if (!f.isPercent && !f.verb && f.value <= 50 && LIST_NOUN.test(head)) return 'list';
  // "35 departments jointly issued", unless something was done to them ("12 bureaus were fined").
  if (
    !f.isPercent &&
    AGENCY.test(f.unitWords[0] ?? '') &&
    !/^[^,;.]{0,60}?\b(?:were|was|been)\s+[a-z]+ed\b/i.test(f.after)
  )
    return 'scope';
  if (
    !f.isPercent &&
    !f.verb &&
    f.unitWords.some((w) => FACILITY.test(w)) &&
    /\b(?:at|in|of|around|across|through)\s+$/i.test(clause)
  )
    return 'scope';
  return undefined;
}
