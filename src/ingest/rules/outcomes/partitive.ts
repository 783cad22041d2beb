/**
 * Elided and partitive figures: "Of them, 2,212 were …", "600 of them gang leaders", "39 of China's
 * 100 most-wanted", whose noun is the figure before or a named set.
 */
import type { Finding } from '../../types.js';
import { MEASURE, type Raw } from './figure.js';
import { nounPhrase } from './noun-phrase.js';
import { IRREGULAR } from './word-classes.js';

const PERSONS =
  /^(?:suspects?|fugitives?|people|persons?|criminals?|offenders?|officials?|victims?|children|women|men|members?|staff|residents?|migrants?|users?|drivers?|workers?|students?)$/i;

/** "A total of 410 had been members of …", "Of them, 2,212 were …", "over 600,000 more were found taking drugs". */
const ELIDED =
  /^\s+(?:more\s+|others?\s+)?((?:had been|have been|has been|were|was|are|is|had|have)\s+[^,;.:!?]{3,80})/i;

/**
 * A figure whose noun is left out counts what the figure before it counted (in its sentence or
 * the one before); what is said of it names the metric. Persons count as people.
 */
export function elided(r: Raw, before: readonly Raw[], recent: readonly Finding[], text: string): void {
  if (r.isPercent || r.scaleText || r.unitWords.length > 0) return;
  const lead = text.slice(0, r.start);
  // "So far, 39 of China's 100 most-wanted have returned": the figure counts part of the set it names.
  // "3,400 suspects were arrested, 600 of them gang leaders": a part named by its own noun.
  const ofThem = OF_THEM.exec(r.after);
  const whole = ofThem ? [...before].reverse().find((x) => !x.isPercent && x.unitWords.length > 0) : undefined;
  if (ofThem && whole) {
    const np = nounPhrase(r.after.slice(ofThem[0].length));
    if (np.words.length === 0 || np.verb) return;
    r.unitWords = np.words;
    r.unit = np.words[np.words.length - 1] ?? '';
    r.metricWords = [...np.words, ...(whole.verb ? [whole.verb] : [])];
    r.predicate = true;
    return;
  }
  const part = PARTITIVE.exec(r.after);
  if (part) {
    const set = (part[1] ?? '').trim();
    const head = set.split(/\s+/).pop() ?? '';
    r.unit = PERSONS.test(head) || /wanted$/i.test(head) ? 'people' : head;
    r.unitWords = [head];
    r.metricWords = [...set.split(/\s+/), ...predicateWords(part[2] ?? '')];
    return;
  }
  // "Of them, 1,283 turned themselves in"; "…, including 139 on the wanted list".
  const subset = /\b(?:(?:of|among)\s+(?:them|these|those|which)\s*,?|including)\s*$/i.test(lead);
  const m = ELIDED.exec(r.after) ?? (subset ? SUBSET_PREDICATE.exec(r.after) : null);
  if (!m) return;
  const counted = (x: { unit: string }) => x.unit !== '' && x.unit !== 'units' && !MEASURE.test(x.unit);
  const lastRaw = [...before].reverse().find((x) => !x.isPercent && x.unitWords.length > 0 && counted(x));
  const lastFinding = [...recent].reverse().find((f) => counted({ unit: String(f.fields.unit ?? '') }));
  const noun = lastRaw
    ? lastRaw.unit === 'people'
      ? (lastRaw.unitWords[0] ?? 'people')
      : lastRaw.unit
    : lastFinding
      ? String(lastFinding.fields.unit ?? '')
      : '';
  if (!noun) return;
  const predicate = predicateWords(m[1] ?? '');
  if (predicate.length === 0) return;
  if (!lastRaw && lastFinding) r.antecedent = lastFinding;
  // "and 800 were prosecuted": the verb is the predicate's, not the figure's before.
  r.verb = undefined;
  r.predicate = true;
  r.unit = PERSONS.test(noun) ? 'people' : noun;
  r.unitWords = [noun];
  r.metricWords = [noun, ...predicate];
}

/** What is said of an elided figure, without its auxiliaries and attribution: at most ten words. */
export function predicateWords(clause: string): string[] {
  return clause
    .replace(/\s+(?:according to|(?:the ministry|it|he|she|they|police)\s+(?:said|says|added|noted)|said)\b.*$/i, '')
    .replace(/^(?:(?:had|have|has|been|were|was|are|is)\s+)+/i, '')
    .split(/\s+/)
    .filter((w) => w)
    .slice(0, 10);
}

/** "600 of them gang leaders": no verb follows "of them", a noun does. */
const OF_THEM = /^\s+of\s+(?:them|whom)\s*,?(?=\s+(?!(?:were|was|are|is|had|have|has|who|which|that)\b)[a-z])/i;
/** "39 of China's 100 most-wanted have returned …": a part of a named set, and what it did. */
const PARTITIVE =
  /^\s+of\s+((?:the\s+|[A-Z][A-Za-z]*['’]s\s+)?(?:\d[\d,]*\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}?)\s+((?:have|has|had|were|was|are|is)\s+[^,;.:!?]{3,80})/;
/** After "of them," or "including": a verb or a prepositional phrase says what the subset is. */
const SUBSET_PREDICATE = new RegExp(
  `^\\s+((?:who|which|that|on|in|from|with)\\s+[^,;.:!?]{3,80}|(?:[a-z]+ed|${IRREGULAR})\\s+[^,;.:!?]{3,80})`,
  'i',
);
