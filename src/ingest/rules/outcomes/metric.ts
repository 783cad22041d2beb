/**
 * What a figure counts: its unit, metric words and verb from the words around it (`describe`), and
 * the subject of a percentage or of figures listed "respectively".
 */
import { CHANGE_JUNK, CHANGE_WORDS, DECREASE, YEAR_ON_YEAR } from './change.js';
import { MEASURE, QUAL, type Raw } from './figure.js';
import { CHANGED_TO, LEVEL_LEAD, levelSubject } from './levels.js';
import { nounPhrase } from './noun-phrase.js';
import { predicateWords } from './partitive.js';
import { complementAfter, verbAfter, verbBefore } from './verbs.js';
import { ADJECTIVE, IRREGULAR, IRREGULAR_WORD, NOUN_LINK, NOUN_STOP } from './word-classes.js';

const UNIT_STOP =
  /^(?:have|has|had|were|was|will|would|are|is|be|been|of|in|and|to|for|from|at|on|with|such|that|which|including|by|as|per|or|than|the|a|an|this|these|its|their|compared|respectively)$/i;

/** Words after which a noun phrase goes on about its head: "suspects at large", "cases in the field of …". */
const HEAD_END = /^(?:at|in|suspected|accused|involved|wanted|engaged|related|linked|connected)$/i;

const CURRENCY_UNIT = /^(?:yuan|dollars?|euros?)$/i;

/** "300 fewer than in 2021": a difference of the figure before. */
const DIFFERENCE =
  /^\s+(more|fewer|less)\s+than\s+(?:in\s+)?((?:19|20)\d{2}|last year|a year (?:earlier|ago|before)|the (?:same period (?:of|in) )?(?:last|previous) year)\b/i;

const MONEY_WORTH = new RegExp(
  `((?:[a-z-]+\\s+){0,3}[a-z-]+)\\s+(?:worth|totall?ing|valued at|amounting to)\\s+(?:${QUAL}\\s+)?$`,
  'i',
);

const SUBJECT_LEAD = new RegExp(`^\\s*(?:${QUAL}\\s*)?$`, 'i');

export function describe(text: string, r: Raw, previous: Raw | undefined): void {
  const before = text.slice(0, r.start);
  // At most the last 160 characters: the patterns anchored at its end must not rescan a whole sentence.
  const clauseBefore = (before.split(/[;:]|,(?!\d)/).pop() ?? '').slice(-160);
  if (r.isPercent) {
    r.unit = 'percent';
    // "an increase of 60.4%, 80.6%, and 146.5%": the list shares its change.
    if (
      previous?.isPercent &&
      previous.change &&
      /^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$/.test(text.slice(previous.end, r.start))
    ) {
      r.change = { ...previous.change };
      return;
    }
    // "stood at 98.2 percent in 2023, compared with 87.55 percent in 2012": the same metric.
    if (previous?.isPercent && !previous.change && /\bcompared (?:with|to)\s+$/i.test(before)) {
      r.metricWords = previous.metricWords;
      return;
    }
    const around = `${clauseBefore} ${r.after.split(/[;,.]/)[0] ?? ''}`;
    // "15 percent more than a year earlier": a comparative after the figure states a change too.
    const comparative = /^\s*(?:-percent|percent|%)?\s*(more|less|fewer)\s+than\b/i.exec(r.after)?.[1];
    const stated =
      CHANGE_WORDS.test(clauseBefore.split(/\d/).pop() ?? '') ||
      comparative !== undefined ||
      /^\s*(?:-percent|percent|%)?\s*(?:increase|decrease|rise|drop|decline|growth|reduction|higher|lower)\b/i.test(
        r.after,
      );
    if (stated || (YEAR_ON_YEAR.test(around) && !/\bof\s+(?:the\s+)?[a-z]/i.test(r.after.slice(0, 12)))) {
      const sentenceTail = `${clauseBefore} ${r.after}`;
      const compared =
        /\b(?:compared (?:with|to)|from|than(?: in)?)\s+((?:19|20)\d{2}|January|February|March|April|May|June|July|August|September|October|November|December|last year)\b/i.exec(
          r.after.split(/[;.]/)[0] ?? '',
        );
      const kind = YEAR_ON_YEAR.test(sentenceTail) || !compared ? 'YEAR_ON_YEAR' : 'COMPARED_WITH';
      const dirText = `${clauseBefore} ${r.after.slice(0, 40)}`;
      const direction =
        comparative !== undefined
          ? /^more$/i.test(comparative)
            ? 'INCREASE'
            : 'DECREASE'
          : DECREASE.test(dirText)
            ? 'DECREASE'
            : CHANGE_WORDS.test(dirText)
              ? 'INCREASE'
              : undefined;
      // "the national theft cases will drop by 96.1%" names its own metric; "an increase of 12%" does not.
      r.metricWords = percentSubject(before.slice(-200)).filter((w) => !CHANGE_JUNK.test(w));
      // "Reported burglaries kept falling in 2022, dropping 20.5 percent": the subject of the clause before.
      if (r.metricWords.length === 0) r.metricWords = subjectBefore(before.slice(-200));
      r.change = {
        kind,
        ...(direction ? { direction } : {}),
        ...(kind === 'COMPARED_WITH' && compared?.[1] && /^\d{4}$/.test(compared[1]) ? { baseline: compared[1] } : {}),
      };
      return;
    }
    // "solved 4,200 online fraud cases, accounting for 35 percent of all cases": the share of the figure before.
    if (SHARE_VERB.test(clauseBefore)) {
      const of = /^\s*of\s+(?:the\s+)?((?:[a-z-]+\s+){0,4}[a-z-]+)/i.exec(r.after)?.[1];
      const whole = of ? ['as', 'a', 'share', 'of', ...of.split(/\s+/).filter((w) => !NOUN_STOP.test(w))] : [];
      const part =
        previous &&
        !previous.isPercent &&
        previous.unitWords.length > 0 &&
        !/[;:]/.test(text.slice(previous.end, r.start))
          ? [...previous.metricWords, ...(previous.verb ? [previous.verb] : [])]
          : percentSubject(clauseBefore.replace(SHARE_VERB, ''));
      if (part.length > 0) {
        r.metricWords = [...part, ...whole];
        return;
      }
    }
    // "5,000 complaints, 98 percent of which were resolved": a share of the figure before.
    const share = OF_WHICH_PREDICATE.exec(r.after);
    if (share && previous && !previous.isPercent && previous.unitWords.length > 0) {
      r.metricWords = [previous.unit, ...predicateWords(share[1] ?? '')];
      return;
    }
    r.metricWords = percentMetric(before.slice(-200), r.after);
    return;
  }
  let rest = r.after;
  let offset = 0;
  // A unit of measure or currency first: "9.6 billion yuan of losses", "430,000 tons of drugs".
  const measure = /^\s+([A-Za-z]+)/.exec(rest);
  if (measure && MEASURE.test(measure[1] ?? '')) {
    r.unit = (measure[1] ?? '').toLowerCase() === 'rmb' ? 'yuan' : (measure[1] ?? '');
    r.unitWords = [r.unit];
    offset = measure[0].length;
    rest = rest.slice(offset).replace(/^\s*\([^)]{0,60}\)/, '');
    const link = /^\s+(?:of|in|worth of)\s+/i.exec(rest);
    const np = link ? nounPhrase(rest.slice(link[0].length)) : { words: [] as string[], length: 0 };
    // "total losses of 2.5 billion yuan": the noun before the figure.
    // "funds worth 3 billion yuan", "seized drugs and cash totalling 1.2 billion yuan": the noun
    // before the worth, and the nouns joined with it.
    const worth = MONEY_WORTH.exec(clauseBefore)?.[1];
    const lead =
      worth ??
      /((?:[a-z-]+\s+){0,2}[a-z-]+)\s+of\s+(?:about\s+|over\s+|more than\s+|nearly\s+)?$/i.exec(clauseBefore)?.[1];
    const leadAll = lead
      ? lead
          .split(/\s+/)
          .filter((w, i, all) =>
            worth && /^and$/i.test(w)
              ? i > 0 && i < all.length - 1
              : !NOUN_STOP.test(w) && !/^(?:total|a|an)$/i.test(w),
          )
      : [];
    // "the campaign recovered losses of 3.2 billion yuan": the noun after the verb, not its subject.
    const verbAt = leadAll.findLastIndex((w) => /^[a-z]+ed$/i.test(w) || IRREGULAR_WORD.test(w));
    const leadWords = verbAt >= 0 && verbAt < leadAll.length - 1 ? leadAll.slice(verbAt + 1) : leadAll;
    // "574 fraud cases involving 12.95 billion yuan": the money the counted things involved.
    const involving =
      np.words.length === 0 &&
      previous &&
      previous.unitWords.length > 0 &&
      !MEASURE.test(previous.unit) &&
      new RegExp(
        `^[^,;.:!?]{0,80}\\b(?:involving|involved|worth|amounting to|with a value of)\\s+(?:${QUAL}\\s+)?$`,
        'i',
      ).test(text.slice(previous.end, r.start));
    // "The amount of drugs seized rose 31.4 percent year on year to 5.8 tons": the level of its subject.
    // (Only after a change verb: "the value involved in the cases amounted to" keeps its lead.)
    const level =
      np.words.length === 0 && !lead && !involving && CHANGED_TO.test(clauseBefore) ? levelSubject(clauseBefore) : null;
    r.metricWords =
      np.words.length > 0
        ? np.words
        : level
          ? level.words
          : involving && previous
            ? ['money', 'involved', 'in', ...previous.metricWords, ...(previous.verb ? [previous.verb] : [])]
            : leadWords;
    let tail = link ? rest.slice(link[0].length + np.length) : rest;
    // "27.7 billion yuan of funds involved": "involved" describes the funds; the verb is elsewhere.
    const involved = np.words.length > 0 ? /^\s+involved\b(?!\s+(?:in|with)\b)/i.exec(tail) : null;
    if (involved) {
      r.metricWords = [...r.metricWords, 'involved'];
      tail = tail.slice(involved[0].length);
    }
    r.verb =
      verbAfter(tail) ??
      ('verb' in np && !involved ? np.verb : undefined) ??
      verbBefore(clauseBefore, previous, text, r) ??
      (worth && verbAt >= 0 ? leadAll[verbAt]?.toLowerCase() : undefined);
    // "the funds involved were intercepted by 5.5 billion yuan": what the money is, said before it.
    if (r.metricWords.length === 0 && !r.verb) r.metricWords = leadPhrase(clauseBefore);
    // "seized and froze 30 million yuan": money named by nothing else is money.
    if (r.metricWords.length === 0 && r.verb && CURRENCY_UNIT.test(r.unit)) r.metricWords = ['money'];
    return;
  }
  const diff = DIFFERENCE.exec(rest);
  if (diff && previous && !previous.isPercent && previous.unitWords.length > 0) {
    r.unit = previous.unit;
    r.unitWords = previous.unitWords;
    r.metricWords = previous.metricWords;
    if (previous.verb) r.verb = previous.verb;
    const year = /^\d{4}$/.test(diff[2] ?? '') ? diff[2] : undefined;
    r.change = {
      kind: year ? 'COMPARED_WITH' : 'YEAR_ON_YEAR',
      direction: /^more$/i.test(diff[1] ?? '') ? 'INCREASE' : 'DECREASE',
      ...(year ? { baseline: year } : {}),
    };
    return;
  }
  const service = quotedService(rest);
  if (service) {
    r.unit = 'cases';
    r.unitWords = service;
    r.metricWords = service;
    return;
  }
  // "A total of 10 narcotic drugs and psychotropic substances were added": a figure that opens its
  // clause is the subject, so the nouns joined before the auxiliary are counted together.
  const np = nounPhrase(rest, SUBJECT_LEAD.test(clauseBefore));
  if (np.words.length === 0) {
    // "the number of telecom fraud cases cracked reached 12,000": the figure is the level of its subject.
    const level = levelSubject(clauseBefore);
    if (level) {
      r.metricWords = level.words;
      r.unitWords = [level.head];
      r.unit = level.head;
      return;
    }
    r.verb = verbBefore(clauseBefore, previous, text, r);
    const lead = leadPhrase(clauseBefore);
    if (r.scaleText && lead.length > 0) {
      r.metricWords = lead;
      r.unitWords = [lead[lead.length - 1] ?? ''];
      r.unit = lead[lead.length - 1] ?? '';
    }
    return;
  }
  r.unitWords = np.words;
  // The counted noun is the head before "of"/"for": "cases of telecom fraud" counts cases.
  // "women and children", "guns and explosives": the first of two joined plural nouns is the head.
  const headEnd = np.words
    .slice(0, np.head)
    .findIndex(
      (w, i) =>
        NOUN_LINK.test(w) ||
        HEAD_END.test(w) ||
        (/^(?:and|or)$/i.test(w) &&
          /(?:s|^women|^men|^children|^people)$/i.test(np.words[i - 1] ?? '') &&
          !ADJECTIVE.test(np.words[i - 1] ?? '')),
    );
  const headWords =
    headEnd > 0 ? np.words.slice(0, headEnd) : np.head !== undefined ? np.words.slice(0, np.head) : np.words;
  r.unit = headWords[headWords.length - 1] ?? '';
  r.metricWords = np.words;
  // A noun phrase closed by punctuation has no verb after it: "2,421 suspects; focused on …".
  const closed = /[,;:.!?)]\s*$/.test(rest.slice(0, np.length));
  if (
    !closed &&
    /^\s+(?:will|shall|would)\s+(?:(?:also|further|gradually|soon)\s+)?be\s+(?!able\b)[a-z]+/i.test(
      rest.slice(np.length),
    )
  )
    r.planned = true;
  // "119 websites (portals) such as A, B and C were closed": a gloss names them too, examples do not.
  const aside = closed ? null : ASIDE.exec(rest.slice(np.length));
  if (aside?.[0] && !/\d/.test(aside[1] ?? ''))
    r.metricWords = [...np.words, ...(aside[1] ?? '').split(/\s+/).filter((w) => w)];
  r.verb = (closed ? undefined : verbAfter(rest.slice(np.length + (aside?.[0].length ?? 0)))) ?? np.verb;
  if (!r.verb) {
    const active = verbBefore(clauseBefore, previous, text, r);
    // "put 15,673 suspects under criminal detention", "seized 51,000 suspects in 5,320 cases for
    // offering fraudulent loans": what completes an active verb comes after its object.
    const complement = active && !closed ? complementAfter(rest.slice(np.length)) : [];
    r.verb = active && complement.length > 0 ? [active, ...complement].join(' ') : active;
  }
  if (r.verb || !previous || previous.isPercent || previous.unitWords.length === 0) return;
  const between = text.slice(previous.end, r.start);
  // "of which 800 involved minors": a verb and its object, said of part of the figure before.
  if (SUBSET_LEAD.test(between) && np.words.length >= 2 && /^[a-z]+ed$/i.test(np.words[0] ?? '')) {
    r.unitWords = [];
    r.metricWords = [];
    r.unit = '';
    return;
  }
  // "more than 2,000 people were rescued, including 500 children": the part was done what the whole was.
  if (INCLUDING_LEAD.test(between)) r.verb = previous.verb;
  // "dismantled 300 gangs with 4,000 members": members of the gangs counted before.
  else if (WITH_PART.test(between))
    r.metricWords = [...np.words, 'of', previous.unit, ...(previous.verb ? [previous.verb] : [])];
}

const ASIDE =
  /^(?:\s*\(([^()\d]{1,80})\))?(?:\s*,?\s*such as\s+[^;]{1,160}?(?=\s+(?:were|was|have|has|had|are|is)\s))?/i;
const INCLUDING_LEAD = /^[^;:.]*?(?:\bincluding|\b(?:of|among)\s+(?:them|whom)\s*,?)\s*$/i;
const WITH_PART = new RegExp(`^\\s+(?:[a-z-]+\\s+){0,3}with\\s+(?:${QUAL}\\s+)?$`, 'i');
/** "…, of which", "Among them,": what follows is said of part of the figure before. */
const SUBSET_LEAD = /\b(?:of|among)\s+(?:which|whom|them|these|those)\s*,?\s*$/i;

const SHARE_VERB =
  /\b(?:(?:accounting|accounted|accounts?)\s+for|representing|represented|making up|made up|constituting)\s*$/i;

/** The subject of the clause before, when that clause states no figure: "Reported burglaries kept falling". */
function subjectBefore(before: string): string[] {
  const clauses = before.split(/[;:]|,(?!\d)/);
  const prev = clauses[clauses.length - 2];
  if (!prev || /\d/.test(prev.replace(/\b(?:19|20)\d{2}\b/g, ''))) return [];
  const words = prev.trim().split(/\s+/);
  // The first word may be a participle of the subject ("Reported burglaries"), never its verb.
  const verb = words.findIndex(
    (w, i) => i > 0 && /^(?:[a-z]+ed|kept|fell|rose|grew|saw|went|remained|was|were|has|have|had|is|are)$/.test(w),
  );
  if (verb <= 0) return [];
  const subject = words
    .slice(0, verb)
    .join(' ')
    .replace(LEVEL_LEAD, '')
    .split(/\s+/)
    .filter((w) => /^[a-z][a-z-]*$/i.test(w) && !/^(?:the|a|an|this|these|its|their)$/i.test(w))
    .map((w, i) => (i === 0 && /^[A-Z][a-z-]+$/.test(w) ? w.toLowerCase() : w));
  return subject.length <= 6 ? subject : [];
}

const OF_WHICH_PREDICATE = new RegExp(
  `^\\s*(?:of|among)\\s+(?:which|whom|them|these|those)\\s*,?\\s+((?:(?:had|have|has)\\s+been|were|was|are|is)\\s+[^,;.:!?]{3,80}|(?:[a-z]+ed|${IRREGULAR})\\s+[^,;.:!?]{0,80})`,
  'i',
);

/** "total losses of", "the funds involved in the case were urgently intercepted by": the words before a bare figure. */
function leadPhrase(clauseBefore: string): string[] {
  const m =
    /((?:[A-Za-z-]+\s+){0,7}[A-Za-z-]+)\s+(?:of|by|for|to|reached|reaching|at|totaling|totalling)\s+(?:about\s+|over\s+|more than\s+|nearly\s+|a total of\s+)?$/i.exec(
      clauseBefore,
    );
  if (!m) return [];
  return (m[1] ?? '')
    .split(/\s+/)
    .filter(
      (w) => !/^(?:the|a|an|and|total|were|was|have|has|had|been|is|are|will|be|which|that|it|they|this)$/i.test(w),
    )
    .slice(-6);
}

/** The words of a quoted term right after a figure and what it is for, when a purpose follows. */
function quotedService(after: string): string[] | null {
  const m = /^\s+[“"]([^”"]{3,60})[”"]\s+for\s+((?:[A-Za-z-]+\s*){1,6})/.exec(after);
  if (!m) return null;
  const purpose: string[] = [];
  for (const w of (m[2] ?? '').trim().split(/\s+/)) {
    if (UNIT_STOP.test(w) && purpose.length > 0) break;
    if (!UNIT_STOP.test(w)) purpose.push(w);
    if (purpose.length >= 4) break;
  }
  return [...(m[1] ?? '').split(/\s+/), 'for', ...purpose];
}

/** For a percentage, the subject before the verb ("the national theft cases will drop by"), and what it is a share of. */
function percentMetric(before: string, after: string): string[] {
  const subject = percentSubject(before.slice(-200)).filter(
    (w) => !/^(?:only|just|about|some|marking|stood|standing|at|reaching|Reaching)$/i.test(w),
  );
  const of = /^\s*of\s+(?:the\s+)?((?:[a-z-]+\s+){0,4}[a-z-]+)/i.exec(after)?.[1];
  const ofWords = of ? of.split(/\s+/).filter((w) => !NOUN_STOP.test(w)) : [];
  const verb = of
    ? /^\s*((?:held|holding|had|have|live|lived|living|used|using)\s+(?:[a-z]+\s+){0,2}[a-z]+)/i.exec(
        after.slice(after.indexOf(of) + of.length),
      )?.[1]
    : undefined;
  return [...subject, ...ofWords, ...(verb ? verb.split(/\s+/) : [])];
}

function percentSubject(before: string): string[] {
  const clause = (
    before
      .replace(/\s+from\s+[\d.,]+\s*%?(?:\s+in\s+\d{4})?\s+to\s*$/i, '')
      .split(/[,;:“”"]/)
      .pop() ?? ''
  )
    .replace(/[‘’]/g, '')
    // "The bureau said 64 percent of …": who told the figure is not what it measures.
    .replace(
      /^.*\b(?:said|says|added|noted|stated|showed|shows|revealed|indicated|announced|reported)\s+(?:that\s+)?/i,
      '',
    );
  const words = clause
    .replace(
      /\b(?:has|have|had|will|would|was|were|is|are)?\s*(?:risen|rose|dropped|drop|fell|fall|decreased|decrease|increased|increase|reached|reach|grown|grew|declined|decline)?\s*(?:by|from|to|of)?\s*$/i,
      '',
    )
    .split(/\s+/)
    .filter((w) => /^[a-z][a-z-]*$/i.test(w) && !/^(?:the|a|an|and|compared|with|of|among|in|will)$/i.test(w));
  return words.slice(-5);
}

/** "the number of relevant cases and related property losses dropped by": one subject per figure, or null. */
export function subjectParts(before: string, n: number): string[][] | null {
  const clause = (before.split(/[,;:“”"]/).pop() ?? '')
    .replace(
      /\s+(?:has|have|had|were|was|is|are)?\s*(?:risen|rose|dropped|fell|decreased|increased|grown|grew|declined|gone up|gone down|went up|went down)\s*(?:by|from|to)?\s*$/i,
      '',
    )
    .replace(/^\s*(?:the\s+)?(?:numbers?|amounts?)\s+of\s+/i, '');
  const parts = clause.split(/\s+and\s+/i);
  if (parts.length !== n) return null;
  const words = parts.map((p) =>
    p.split(/\s+/).filter((w) => /^[a-z][a-z-]*$/i.test(w) && !/^(?:the|a|an|of|both|its|their)$/i.test(w)),
  );
  return words.every((w) => w.length > 0 && w.length <= 6) ? words : null;
}
