/** Word classes more than one outcome module needs: where a noun phrase ends, irregular verbs, auxiliaries. */

/** Words that end a counted noun phrase ("48,000 pension fraud cases | were solved"). */
export const NOUN_STOP =
  /^(?:have|has|had|were|was|will|would|are|is|be|been|to|from|at|on|with|such|that|which|who|whose|where|including|by|as|per|or|than|the|a|an|this|these|its|their|compared|respectively|and|across|nationwide|during|after|before|since|throughout|while|within|under|over|among|more|less|each|every|year-on-year|accounting|up|down|in|into|through|others|them|themselves|those|ones|it|they|adding|saying|noting|according|due|thanks|last|next)$/i;
/** Words that join a noun to its complement: "cases of telecom fraud", "cases for offering fraudulent loans". */
export const NOUN_LINK = /^(?:of|for|involving|with)$/i;

/** Irregular past tenses that are never nouns: they end a noun phrase ("900 officers took part"). */
export const PAST_VERB =
  /^(?:took|gave|made|won|caught|held|found|sent|brought|struck|became|came|went|began|kept|led|paid|ran|saw|fell|rose|grew|broke|froze|stole|drove|hid|shut)$/;

/** Adjectives by their ending: "illegal and criminal web pages" is one noun phrase. */
export const ADJECTIVE = /^[a-z-]+(?:al|ic|ive|ous|ful|less|ent|ant|ary|ile|ible|able)$/i;
/** Result verbs written in the past without -ed. */
export const IRREGULAR =
  'caught|seized|built|set up|put|held|won|taken|sent|found|shut|closed|cut|broken|made|given|brought|netted|dealt with|dealt|struck|stopped|busted|freed|frozen|stolen|shown|driven|beaten|hidden|withdrawn|froze|broke|took|tore';

export const IRREGULAR_WORD = new RegExp(`^(?:${IRREGULAR})$`, 'i');

export const AUXILIARY = /^(?:were|was|are|is|have|has|had|will|would|can|could|may|might|shall|should|must)$/i;
