/**
 * Lower-case phrases that name sessions and campaigns in translated reports: "the 23rd
 * collective study", "held a press conference", a special campaign of “cleaning the
 * Internet”, "a three-year action plan (2023-2025) for …", “…” activity.
 */
import { capitalise, ORDINAL, ORDINAL_ANY_CASE, ordinalValue } from '../normalise.js';
import type { Finding } from '../types.js';
import { allMatches, at, type Rule, type RuleInput } from './context.js';
import { classifyName } from './names.js';

const Q_OPEN = '[“"]';
const Q_CLOSE = '[”"]';

function finding(
  input: RuleInput,
  start: number,
  end: number,
  f: Omit<Finding, 'start' | 'end' | 'sentence'>,
): Finding[] {
  const span = at(input, start, end);
  return span ? [{ ...f, ...span, sentence: input.sentence.index }] : [];
}

// Case-sensitive, so the body of capitalised words stops at the first lower-case word.
const ORDINAL_SESSION = new RegExp(
  `\\b(${ORDINAL_ANY_CASE})\\s+([Cc]ollective [Ss]tudy|[Pp]lenary [Ss]ession|[Mm]eeting|[Ss]ession|[Pp]lenum)(?:\\s+of\\s+the\\s+((?:${ORDINAL}\\s+)?(?:[A-Z][A-Za-z’']*|CPC)(?:\\s+(?:[A-Z][A-Za-z’']*|of the|of|for)(?=\\s+[A-Z]))*(?:\\s+[A-Z][A-Za-z’']*)?))?\\b`,
  'g',
);

const HELD_MEETING =
  /\b(?:held|convened|hosted|organized|organised)\s+(?:a|an)\s+((?:series of\s+)?(?:[a-z0-9()-]+\s+){0,8}?(?:press conferences?|promotion meeting|work conference|conference|meeting|symposium|seminar|training course|forum))\b(?:\s+on the theme of\s+[“"]([^”"]{2,60})[”"])?/g;

export const sessionPhrases: Rule = (input) => {
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

const SPECIAL_QUOTED = new RegExp(
  `\\bspecial (campaign|operation|action|rectification)s?\\s+(?:of|called|named|dubbed|code-named)?\\s*${Q_OPEN}([^”"]{3,80})${Q_CLOSE}`,
  'gi',
);
const QUOTED_THEN_TYPE = new RegExp(
  `${Q_OPEN}([^”"]{3,120})${Q_CLOSE}\\s+((?:special\\s+)?(?:campaign|operation|action|rectification)|(?:creation\\s+)?activit(?:y|ies))\\b`,
  'gi',
);
const ACTION_PLAN =
  /\b((?:[a-z]+-year\s+)?action plan(?:\s*\(\d{4}[-–]\d{4}\))?\s+(?:for|to|on)\s+[a-z][a-z\s-]{3,100}?)(?=[,.;:]|\s+(?:in|which|that|to ensure|and plan|was|were|is)\b|$)/gi;
const QUOTED_NAME = new RegExp(`${Q_OPEN}([A-Z][^”"]{5,160})${Q_CLOSE}`, 'g');

export const campaignPhrases: Rule = (input) => {
  const out: Finding[] = [];
  for (const m of allMatches(SPECIAL_QUOTED, input.text)) {
    const type = (m[1] ?? '').toLowerCase();
    const name = `${capitalise(m[2] ?? '')} special ${type}`;
    out.push(
      ...finding(input, m.index, m.index + m[0].length, {
        kind: 'CAMPAIGN',
        name,
        rule: 'phrase-campaign-special-quoted',
        confidence: 0.9,
        fields: { campaignType: type === 'operation' ? 'SPECIAL_OPERATION' : 'SPECIAL_CAMPAIGN' },
      }),
    );
  }
  for (const m of allMatches(QUOTED_THEN_TYPE, input.text)) {
    const type = (m[2] ?? '').toLowerCase();
    const special = type.startsWith('special');
    const campaignType = /demonstration/i.test(m[1] ?? '')
      ? 'DEMONSTRATION'
      : special
        ? type.includes('operation')
          ? 'SPECIAL_OPERATION'
          : 'SPECIAL_CAMPAIGN'
        : 'OTHER';
    out.push(
      ...finding(input, m.index, m.index + m[0].length, {
        kind: 'CAMPAIGN',
        name: `${capitalise(m[1] ?? '')} ${type.replace(/activities$/, 'activity')}`,
        rule: 'phrase-campaign-quoted-type',
        confidence: 0.8,
        fields: { campaignType },
      }),
    );
  }
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
  // A quoted capitalised title is a name; its head word says what it names.
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
