/**
 * The result verb of a figure: before it ("cracked about 200,000 cases", "the seizure of"), or after
 * it ("were solved"), and the verbs that say effort or plans rather than results.
 */
import { QUAL, type Raw } from './figure.js';
import { IRREGULAR, NOUN_STOP } from './word-classes.js';

const PASSIVE = new RegExp(
  `^\\s*,?\\s*(?:(?:across the country|nationwide|in China|across China)\\s+)?(?:have|has|had|were|was|are|is|will be|would be)\\s+(?:been\\s+)?(?:successfully\\s+|urgently\\s+|effectively\\s+|also\\s+)?([a-z]+ed|${IRREGULAR})\\b`,
  'i',
);
const BARE_PARTICIPLE = new RegExp(`^\\s+([a-z]+ed|${IRREGULAR})\\b(?!\\s+(?:by|to)\\b)`, 'i');
/** An active verb right before the figure: "cracked about 200,000 cases", "solving a total of 84,000". */
const PARTICLE = '(?:\\s+(?:down|up|off|out|back))?';
export const ACTIVE = new RegExp(
  `\\b((?:(?:[a-z]+ed|${IRREGULAR})${PARTICLE}\\s*,?\\s+(?:and|or)\\s+)?(?:[a-z]+(?:ed|ing)|${IRREGULAR})${PARTICLE})\\s+(?:(?:a total of|more than|nearly|almost|about|around|approximately|over|some|another|an additional|up to|at least)\\s+)?$`,
  'i',
);
const LIGHT_VERB = new RegExp(
  `\\b([a-z]+ed|${IRREGULAR})\\s+((?:out\\s+)?(?:the\\s+|its\\s+|their\\s+)?(?:[a-z-]+\\s+)?[a-z-]+)\\s+(?:on|of)\\s+(?:(?:a total of|more than|nearly|almost|about|around|approximately|over|some|up to|at least)\\s+)?$`,
  'i',
);
export const NOT_RESULT_VERB =
  /^(?:including|involving|according|accounting|amounting|reaching|totaling|totalling|marking|following|during|being|having|regarding|nothing|during|bring|adding|saying|noting|stating|telling|calling|urging)$/i;

/** "under criminal detention", "(in 5,320 cases) for offering fraudulent loans": at most four words. */
export function complementAfter(tail: string): string[] {
  const m = /^(?:\s+in\s+[\d,]+\s+[a-z]+)?\s+(under|into|for)\s+((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)/i.exec(tail);
  if (!m) return [];
  if (m[1]?.toLowerCase() === 'for' && !/^[a-z]+ing\b/i.test(m[2] ?? '')) return [];
  const words: string[] = [];
  for (const w of (m[2] ?? '').split(/\s+/)) {
    if (COMPLEMENT_STOP.test(w) || /^(?:in|on|at|to|from|of|by)$/i.test(w)) break;
    words.push(w);
  }
  return words.length > 0 ? [m[1] ?? '', ...words] : [];
}

const DANGLING = /^(?:from|to|of|in|by|with|for|at|on|into|under|as|over|across)$/i;
/** Words that end a verb's complement: another clause, a place or time, a change figure. */
const COMPLEMENT_STOP =
  /^(?:over|past|more|less|than|about|nearly|some|other|its|their|and|or|which|that|while|respectively|year-on-year|across|nationwide|throughout|this|last|compared|since|during|after|before|accounting|representing|up|down|increase|increased|decrease|an|a|with|were|was|have|has|had|is|are|will|so|far|country|China|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/**
 * The result verb after a figure's noun and what completes it: "put under criminal detention",
 * "given administrative penalties", "seized for offering fraudulent loans" (at most four words;
 * a place, a time or the next clause ends it).
 */
export function verbAfter(tail: string): string | undefined {
  const m = PASSIVE.exec(tail) ?? BARE_PARTICIPLE.exec(tail);
  if (!m) return undefined;
  const verb = m[1] ?? '';
  const rest = tail.slice(m.index + m[0].length);
  const lead = /^\s+(under|into|for|to|as|on|by|from|in)\b/.exec(rest);
  const words: string[] = [];
  const re = /\s+([A-Za-z][A-Za-z'’-]*)(?=[\s,;.:!?)]|$)/y;
  re.lastIndex = lead ? lead[0].length : 0;
  for (let w = re.exec(rest); w && words.length < 4; w = re.exec(rest)) {
    const word = w[1] ?? '';
    if (
      COMPLEMENT_STOP.test(word) ||
      /ly$|^to$/i.test(word) ||
      (words.length === 0 && /^(?:the|its|their)$/i.test(word) && !lead)
    )
      break;
    words.push(word);
    if (/^[,;.:!?)]/.test(rest.slice(re.lastIndex))) break;
  }
  // "brought back from 21 countries": the place is dropped, so is the preposition it left.
  while (words.length > 0 && DANGLING.test(words[words.length - 1] ?? '')) words.pop();
  // "in 2016", "in the country": a place or time, not what was done.
  if (words.length === 0 || (lead?.[1] === 'in' && /^(?:the|this|all)$/i.test(words[0] ?? ''))) return verb;
  if (!lead && !/^[a-z]/.test(words[0] ?? '')) return verb;
  return [verb, ...(lead ? [lead[1] ?? ''] : []), ...words].join(' ');
}

/** "cracked about 200,000 cases"; in "freed 10,621 women and 5,896 children" the second shares the verb. */
export function verbBefore(clauseBefore: string, previous: Raw | undefined, text: string, r: Raw): string | undefined {
  // "led to the arrest of 3,000 suspects": the act is named by its noun.
  const act = NOMINAL.exec(clauseBefore)?.[1]?.toLowerCase();
  if (act) return NOMINAL_VERBS[act];
  // "shut down or suspended more than 3,400 websites", "cleaned up 1.5 million posts".
  const active = ACTIVE.exec(clauseBefore)?.[1]?.replace(/\s+/g, ' ');
  if (active && !active.split(' ').some((w) => NOT_RESULT_VERB.test(w))) return active.toLowerCase();
  // "released detailed information on 22", "supervised the investigation of 26", "handed out
  // administrative penalties on 1,518": a verb and its noun say what was done to what is counted.
  const light = LIGHT_VERB.exec(clauseBefore);
  if (light && !NOT_RESULT_VERB.test(light[1] ?? '')) {
    const noun = (light[2] ?? '').split(/\s+/).filter((w) => !/^(?:the|its|their|a|an)$/i.test(w));
    if (noun.length > 0 && !noun.some((w) => NOUN_STOP.test(w))) return [light[1]?.toLowerCase(), ...noun].join(' ');
  }
  if (previous && /^[^,;.]*\band\s+$/i.test(text.slice(previous.end, r.start))) return previous.verb;
  // A headline tells in the present: "China solves 12,000 fraud cases", "Police bust 120 gangs".
  if (!/[.!?;:"”’)]\s*$/.test(text)) {
    const verb = HEADLINE_VERB.exec(clauseBefore)?.[1];
    if (verb && !HEADLINE_NOT_VERB.test(verb) && !NOUN_STOP.test(verb)) return verb.toLowerCase();
  }
  return undefined;
}

/** Nouns of a result's act and their past participles ("the seizure of" is "seized"). */
const NOMINAL_VERBS: Record<string, string> = {
  arrest: 'arrested',
  seizure: 'seized',
  capture: 'captured',
  detention: 'detained',
  interception: 'intercepted',
  rescue: 'rescued',
  recovery: 'recovered',
  resolution: 'resolved',
  destruction: 'destroyed',
  closure: 'closed',
  repatriation: 'repatriated',
  dismantling: 'dismantled',
  removal: 'removed',
  prosecution: 'prosecuted',
  conviction: 'convicted',
};
const NOMINAL = new RegExp(
  `\\b(?:the|and)\\s+(${Object.keys(NOMINAL_VERBS).join('|')})\\s+of\\s+(?:${QUAL}\\s+)?$`,
  'i',
);
const HEADLINE_VERB = new RegExp(
  `(?:^|\\s)(?:China|Chinese police|[Pp]olice|[A-Z][a-z]+)\\s+([a-z]+s|nab|bust|seize|arrest|solve|crack|rescue|detain|catch|capture|recover|intercept|dismantle|smash|destroy|free|save|return|repatriate)\\s+(?:${QUAL}\\s+)?$`,
);
const HEADLINE_NOT_VERB =
  /^(?:has|is|was|does|says|sees|eyes|plans|aims|targets|seeks|sets|wants|needs|expects|hopes|vows|pledges|calls|urges|news|times|days|years|months|weeks)$/;
