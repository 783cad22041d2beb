/**
 * Relations between mentions of one sentence or paragraph, each from a cue the text gives:
 * a verb between the two ("organized … to carry out", "issued"), "X of the Y", a stated
 * position, or an outcome reported in the paragraph of a campaign.
 */
import { type EntityKind, ontologyViolation, type RelationType } from '../model/ontology.js';
import type { Analysed } from './analyse.js';
import { ORDINAL_ANY_CASE } from './normalise.js';
import type { CandidateEvidence, CandidateRelation } from './types.js';

export interface Mention {
  readonly id: string;
  readonly kind: EntityKind;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly paragraph: number;
  readonly position?: string;
  readonly date?: string;
  /** A campaign's launch date. */
  readonly launched?: string;
  /** An outcome's year or period end. */
  readonly until?: string;
  /** The mention names an entity the graph already holds. */
  readonly linked?: boolean;
  /** "the campaign": a back-reference to the campaign named before, not a name. */
  readonly reference?: boolean;
}

/** A byline ("Reporter Li Ming", "Photo by …") names who wrote the story, not who reported the figures. */
const BYLINE_ROLE = /\b(?:reporter|correspondent|editor|photographer|photo by|intern)\b/i;

/** A campaign launched after the period an outcome covers did not produce it. */
function launchedAfter(cause: Mention, outcome: Mention): boolean {
  if (!cause.launched || !outcome.until) return false;
  const n = Math.min(cause.launched.length, outcome.until.length);
  return cause.launched.slice(0, n) > outcome.until.slice(0, n);
}

interface VerbRule {
  readonly type: RelationType;
  readonly from: readonly EntityKind[];
  readonly to: readonly EntityKind[];
  readonly verb: RegExp;
  readonly rule: string;
  /** The subject comes right before its verb, no clause between ("the ministry called for"). */
  readonly adjacent?: boolean;
}

const VERB_RULES: readonly VerbRule[] = [
  {
    type: 'LAUNCHED',
    from: ['ORGAN'],
    to: ['CAMPAIGN'],
    verb: /\b(?:launched|launch|organi[sz]ed|deployed|carried out|initiated|started|carry out|conducted|called for)\b/i,
    rule: 'rel-organ-launched-campaign',
  },
  {
    type: 'ISSUED',
    from: ['ORGAN'],
    to: ['CAMPAIGN', 'DOCUMENT', 'LAW'],
    verb: /\b(?:issued|issue|formulated|released|promulgated|printed and distributed)\b/i,
    rule: 'rel-organ-issued',
  },
  {
    type: 'HELD',
    from: ['ORGAN'],
    to: ['PLENARY_SESSION'],
    verb: /\b(?:held|convened|hosted|conducted)\b/i,
    rule: 'rel-organ-held-session',
  },
  {
    type: 'PROPOSED',
    from: ['PLENARY_SESSION'],
    to: ['REFORM', 'CAMPAIGN', 'LAW', 'DOCUMENT'],
    verb: /\b(?:proposed|put forward|put up|decided|called for|deployed)\b/i,
    rule: 'rel-session-proposed',
  },
  {
    type: 'PROPOSED',
    from: ['ORGAN'],
    to: ['REFORM'],
    verb: /\b(?:called for|calls for|proposed|put forward)\b/i,
    rule: 'rel-organ-proposed-reform',
    adjacent: true,
  },
  {
    type: 'ENACTED',
    from: ['ORGAN', 'PLENARY_SESSION'],
    to: ['LAW'],
    verb: /\b(?:adopted|enacted|passed|revised|formulate|formulated)\b/i,
    rule: 'rel-enacted-law',
  },
];

/** A person's part at a meeting: "addressed the conference", "presided over the meeting". */
const SPOKE_AT_VERB =
  /\b(?:addressed|addresses|spoke\s+at|speaks\s+at|presided\s+over|presides\s+over|chaired|chairs|(?:delivered|gave|made)\s+(?:a|an)\s+(?:important\s+)?(?:speech|address|report)\s+at)\s+(?:the\s+)?$/i;
/** … said before the person: "Addressing the conference on Tuesday, Wang Xiaohong urged". */
const SPOKE_AT_OPENING =
  /^[^\p{L}]*(?:addressing|speaking\s+at|presiding\s+over|chairing|(?:delivering|giving)\s+(?:a|an)\s+(?:important\s+)?(?:speech|address)\s+at)\s+(?:the\s+)?$/iu;
const LAUNCHED_BY =
  /^\s*(?:,\s*)?(?:which\s+(?:was|were|is|are)\s+)?(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?(?:launched|deployed|organi[sz]ed|initiated|led|started|coordinated|directed|headed|commanded)(?:\s+(?:in|on|last|this|early|late)\s+[A-Za-z]+(?:\s+\d{1,2})?(?:,?\s+\d{4})?,?)?\s+(?:jointly\s+)?by\s+(?:the\s+)?$/i;
/** "a guideline for X was issued by the State Council": the organ after the passive verb issued it. */
const ISSUED_BY =
  /^\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?(?:jointly\s+)?(?:issued|released|promulgated|published|printed\s+and\s+distributed)\s+(?:jointly\s+)?by\s+(?:the\s+)?$/i;
/** "the law was adopted by the Standing Committee", "deliberated and approved at the ministerial meeting". */
const ENACTED_BY =
  /^[\s"”’]*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?(?:deliberated\s+and\s+)?(?:adopted|passed|enacted|approved|revised)\s+(?:by|at)\s+(?:the\s+)?$/i;
/**
 * Between a package and its listed items: "Twenty measures will be introduced, including A, B".
 * The cue follows the package at once (or its passive verb); "covering", "such as" after a noun
 * ("covering matters such as") or a list further on in the sentence name no items of it.
 */
const LIST_CUE =
  /^\s*,?\s*(?:(?:will|would|shall|have|has|had|were|are|was|is)\s+(?:also\s+)?(?:be\s+|been\s+)?[a-z]+(?:\s+out)?\s*,?\s*)?including\s[^.;:]*$/i;
/** An organ that another one sends or organises to act: "deployed public security organs across the country" (a few words may open the organ's name before its mention). */
const SENT_TO =
  /\b(?:deployed|organi[sz]ed|mobili[sz]ed|directed|instructed|guided|required|urged|asked|called\s+on)\s+(?:[a-z-]+\s+){0,3}$/i;
/** … "to carry out", "to launch": the act it is sent to. */
const TO_CARRY_OUT = /^[^.;]{0,60}?\bto\s+(?:carry\s+out|launch|conduct|start|take\s+part\s+in|participate\s+in)\b/i;
/** Who coordinates or directs a campaign leads it; who launches or organises it launched it. */
const LED_BY = /\b(?:led|coordinated|directed|headed|commanded)\b/i;
/** "the ministry's crackdown", "the bureau's latest special campaign against …". */
const POSSESSED = /^['’]s\s+(?:[a-z-]+\s+){0,3}[“"‘]?$/;
/** "…, it said.", "the ministry said, adding that …", "according to the statement": the organ that spoke last. */
const IT_SAID =
  /\b(?:(?:[Ii]t|[Tt]he\s+(?:[Mm]inistry|[Bb]ureau|[Dd]epartment|[Cc]ommission))\s+(?:said|added|noted|stated|reported|announced)|the\s+(?:statement|announcement|notice|circular)\s+(?:said|added|noted|stated|showed)|according\s+to\s+the\s+(?:statement|announcement|notice|circular))\b/;
/** How many paragraphs back an official's words still give an unattributed figure. */
const VOICE_REACH = 1;
/** How many sentences back "it said" finds its organ. */
const PRONOUN_REACH = 6;
/** "the press conference held by the Ministry …": whoever held it gave the figures announced there. */
const PRESS_HELD_BY =
  /\b(?:press|news)\s+(?:conference|briefing)\s+(?:held|hosted|convened|organi[sz]ed)\s+by\s+(?:the\s+)?$/i;
/**
 * A government's information office hosts the press conference; the organs and officials who
 * present at it give the figures ("In a press conference held by the Yantai Municipal Government
 * Information Office, the city's public security organs reported …").
 */
const PRESS_OFFICE = /\b(?:information|press)\s+office\b/i;
/** Kinds that can be the subject of a verb. */
const ACTORS: readonly EntityKind[] = ['ORGAN', 'PERSON', 'PLENARY_SESSION'];
const BODY_OF = new RegExp(`\\sof\\s+the\\s+(?:(?:CPC\\s+)?${ORDINAL_ANY_CASE}\\s+)?$`);
const ORDINAL_AFTER = new RegExp(`^\\s+${ORDINAL_ANY_CASE}\\s`);
const HEAD_POST =
  /^(?:director|minister|head|chief|chairman|chairwoman|president|general secretary|secretary-general)$/i;
/** A minister's title that names the ministry: "vice minister of public security". */
const MINISTER_OF = /^(?:(vice|deputy|assistant)\s+)?minister\s+of\s+([a-z][a-z ]*[a-z])$/i;
/** A unit mention that opens with its organ's possessive: "ministry's criminal investigation department". */
const UNIT_POSSESSIVE =
  /^(?:the\s+)?(ministry|bureau|department|commission|office|administration)['’]s\s+(?:[a-z-]+\s+){0,4}(?:bureau|department|office|division|detachment|brigade|corps|section|squad|cent(?:er|re)|administration|team)\b/i;
/** A unit of an organ named in lower case just before it ("the criminal investigation bureau of the"). */
const UNIT_OF =
  /\b(?:bureau|department|office|division|detachment|brigade|corps|section|squad|cent(?:er|re))\s+(?:of|under|at)\s+(?:the\s+)?$/i;
/** … or after its possessive ("the ministry's criminal investigation bureau"). */
const UNIT_AFTER =
  /^['’]s\s+(?:[a-z-]+\s+){0,4}(?:bureau|department|office|division|detachment|brigade|corps|section|squad|cent(?:er|re))\b/i;
const SPEECH = /\b(?:said|says|introduced|revealed|reported|listed|announced|pointed out|stated|told|noted|added)\b/i;
/**
 * A speaker named after its verb: "according to another statement by the ministry", "said the
 * ministry". Not after a "that": in "Li said that the public security organs will …" the organs
 * are what was said, not who said it.
 */
const SPEECH_BEFORE = /\b(?:according\s+to|said|says|noted|told|learn(?:ed|t)\s+from)\b(?:(?!\bthat\b)[^,.;:]){0,40}$/i;

/** The story's opening names its source: "According to the website of the …", "The ministry said …" not. */
const SOURCE_OPENING = /\b[Aa]ccording\s+to\s+(?:(?:the|a)\s+)?(?:[a-z]+\s+){0,3}(?:of\s+(?:the\s+)?)?$/;

/** "a statement issued Saturday by the office …": the organ that issued the statement speaks. */
const STATEMENT_BY =
  /\b(?:statement|announcement|notice|circular|press\s+release)\s+(?:(?:issued|released|published)\s+)?(?:[^.;:]{0,40}\s)?by\s+(?:the\s+)?$/i;

export function findRelations(doc: Analysed, mentions: readonly Mention[]): CandidateRelation[] {
  const out = new Map<string, CandidateRelation>();
  const add = (
    type: RelationType,
    a: Mention,
    b: Mention,
    rule: string,
    confidence: number,
    extra: { role?: string; date?: string } = {},
  ) => {
    if (a.id === b.id || ontologyViolation(type, a.kind, b.kind)) return;
    const id = `rel/${a.id}-${type}->${b.id}`;
    const ev = evidenceSpan(doc, Math.min(a.sentence, b.sentence), Math.max(a.sentence, b.sentence));
    const earlier = out.get(id);
    if (earlier) {
      if (earlier.evidence.length < 2 && !earlier.evidence.some((e) => e.quote === ev.quote)) {
        out.set(id, { ...earlier, evidence: [...earlier.evidence, ev] });
      }
      return;
    }
    out.set(id, { id, type, source: a.id, target: b.id, evidence: [ev], confidence, rule, ...extra });
  };
  // "the ministry's criminal investigation department": a unit named by its organ's possessive
  // is part of that organ, the one last named by the possessive's noun.
  const organs = mentions.filter((m) => m.kind === 'ORGAN');
  for (const a of organs) {
    const head = UNIT_POSSESSIVE.exec(doc.text.slice(a.start, a.end))?.[1]?.toLowerCase();
    if (!head) continue;
    const owner = organs
      .filter(
        (m) =>
          m.end <= a.start &&
          m.id !== a.id &&
          !UNIT_POSSESSIVE.test(doc.text.slice(m.start, m.end)) &&
          doc.text.slice(m.start, m.end).toLowerCase().includes(head),
      )
      .pop();
    if (owner) add('PART_OF', a, owner, 'rel-unit-of-possessive', 0.75);
  }
  const bySentence = new Map<number, Mention[]>();
  for (const m of mentions) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m]);
  const named = mentions.filter((m) => m.kind === 'CAMPAIGN' || m.kind === 'REFORM' || m.kind === 'LAW');
  const references = backReferences(doc, named);
  /** "The special campaign launched by the ministry", "the actions coordinated by the MPS". */
  const launchedBy = (a: Mention, b: Mention) => {
    const between = doc.text.slice(a.end, b.start);
    if ((a.kind === 'CAMPAIGN' || a.kind === 'REFORM') && b.kind === 'ORGAN' && LAUNCHED_BY.test(between))
      add(LED_BY.test(between) ? 'LEADS' : 'LAUNCHED', b, a, 'rel-campaign-launched-by', 0.75);
  };
  for (const r of references) for (const b of bySentence.get(r.sentence) ?? []) if (b.start >= r.end) launchedBy(r, b);
  for (const list of bySentence.values()) {
    for (const a of list) {
      for (const b of list) {
        // "the Cyber Security Bureau of the Ministry …" found as one name holding the ministry.
        if (a.kind === 'ORGAN' && b.kind === 'ORGAN' && a.start < b.start && b.end === a.end) {
          // "the office in charge of fugitives under the central … group" too.
          if (/\s(?:of|under)\s+(?:the\s+)?$/.test(doc.text.slice(a.start, b.start)))
            add('PART_OF', a, b, 'rel-x-of-the-y', 0.85);
        }
        // "the 23rd collective study of the Political Bureau": the body named inside a session held it.
        // In "of the CPC 18th Central Committee" the body is the committee, not the party before it.
        const body = (c: Mention) =>
          c.kind === 'ORGAN' &&
          c.start > a.start &&
          c.end <= a.end &&
          BODY_OF.test(doc.text.slice(a.start, c.start)) &&
          !ORDINAL_AFTER.test(doc.text.slice(c.end, a.end));
        if (a.kind === 'PLENARY_SESSION' && body(b)) {
          const first = !list.some((c) => c !== b && c.start < b.start && body(c));
          if (first) add('HELD', b, a, 'rel-session-of-organ', 0.8);
        }
        if (a === b || b.start < a.end) continue;
        const between = doc.text.slice(a.end, b.start);
        for (const r of VERB_RULES) {
          const verb = r.verb.exec(between);
          if (!verb || !r.from.includes(a.kind) || !r.to.includes(b.kind) || between.length >= 200) continue;
          // The subject is the nearest mention of a source kind before the verb.
          const verbAt = a.end + verb.index;
          // A name nested in a longer one ("… of the Communist Party of China held") is not the subject.
          const inside = (c: Mention, d: Mention) =>
            c !== d && d.start <= c.start && c.end <= d.end && d.end - d.start > c.end - c.start;
          const enclosed = list.some((c) => r.from.includes(c.kind) && inside(a, c));
          // … of any kind that can act: in "At a video conference held on Thursday, the ministry
          // called for", the ministry calls, not the conference.
          const nearer = list.some(
            (c) =>
              c !== a &&
              (r.from.includes(c.kind) ||
                (ACTORS.includes(c.kind) && c.start >= a.end && !/[,;]/.test(doc.text.slice(c.end, verbAt)))) &&
              c.start > a.start &&
              c.end <= verbAt &&
              !inside(c, a),
          );
          if (!nearer && !enclosed && !(r.adjacent && /[,;]/.test(doc.text.slice(a.end, verbAt)))) {
            // "the ministry deployed public security organs to carry out the campaign": the organs
            // sent to carry it out take part in it; whoever sent them launched it.
            if (
              r.type === 'LAUNCHED' &&
              SENT_TO.test(doc.text.slice(Math.max(0, a.start - 40), a.start)) &&
              TO_CARRY_OUT.test(between)
            ) {
              add('PARTICIPATED_IN', a, b, 'rel-organ-sent-to-carry-out', 0.7);
              continue;
            }
            add(r.type, a, b, r.rule, 0.7, b.date ? { date: b.date } : {});
          }
        }
        // "The special campaign launched by the ministry in February".
        launchedBy(a, b);
        // "Wang Xiaohong, minister of public security, addressed the national conference …": the
        // verb right before the session (the person's stated post may come between).
        if (
          a.kind === 'PERSON' &&
          b.kind === 'PLENARY_SESSION' &&
          between.length < 120 &&
          SPOKE_AT_VERB.test(between) &&
          !list.some((c) => c.kind === 'PERSON' && c.start > a.end && c.end <= b.start)
        )
          add('SPOKE_AT', a, b, 'rel-person-spoke-at', 0.7);
        // "Addressing the conference on Tuesday, Wang Xiaohong urged …".
        if (
          a.kind === 'PLENARY_SESSION' &&
          b.kind === 'PERSON' &&
          between.length < 80 &&
          /,/.test(between) &&
          !list.some((c) => c.kind === 'PERSON' && c.start < b.start && c.start > a.end) &&
          SPOKE_AT_OPENING.test(doc.text.slice(doc.sentences[a.sentence]?.start ?? a.start, a.start))
        )
          add('SPOKE_AT', b, a, 'rel-person-spoke-at', 0.7);
        if ((a.kind === 'DOCUMENT' || a.kind === 'LAW') && b.kind === 'ORGAN' && ISSUED_BY.test(between))
          add('ISSUED', b, a, 'rel-issued-by', 0.75);
        if (a.kind === 'LAW' && (b.kind === 'ORGAN' || b.kind === 'PLENARY_SESSION') && ENACTED_BY.test(between))
          add('ENACTED', b, a, 'rel-enacted-by', 0.75);
        // "12 measures to improve X, including A, B and C": each item listed after the package is part of it.
        if (a.kind === 'REFORM' && b.kind === 'REFORM' && LIST_CUE.test(between))
          add('PART_OF', b, a, 'rel-listed-item', 0.7);
        // "the Ministry of Public Security's crackdown against human trafficking": its owner launched it.
        if (a.kind === 'ORGAN' && (b.kind === 'CAMPAIGN' || b.kind === 'REFORM') && POSSESSED.test(between))
          add('LAUNCHED', a, b, 'rel-organ-possessive-campaign', 0.7);
        // "the press conference held by the Ministry …", "At a video conference held on Thursday, the ministry …".
        if (
          a.kind === 'PLENARY_SESSION' &&
          b.kind === 'ORGAN' &&
          /^\s*,?\s*(?:(?:which|that)\s+was\s+)?(?:held|hosted|convened|organi[sz]ed)\s+(?:(?:jointly\s+)?by|(?:on|in|at)\s+[^,.;]{1,30},)\s+(?:the\s+)?$/i.test(
            between,
          )
        )
          add('HELD', b, a, 'rel-session-held-by', 0.75);
        // "the “Fox Hunt” campaign, an important part of “Sky Net”": the part, then the whole.
        if (
          (a.kind === 'CAMPAIGN' || a.kind === 'REFORM') &&
          b.kind === a.kind &&
          a.id !== b.id &&
          PART_OF_GAP.test(between)
        )
          add('PART_OF', a, b, 'rel-part-of-appositive', 0.75);
        // "the Cyber Security Bureau of the Ministry …", "the 23rd collective study of the Political Bureau".
        if (/^\s+of\s+(?:the\s+)?$/.test(between)) {
          if (a.kind === 'ORGAN' && b.kind === 'ORGAN') add('PART_OF', a, b, 'rel-x-of-the-y', 0.85);
          if (a.kind === 'PLENARY_SESSION' && b.kind === 'ORGAN') add('HELD', b, a, 'rel-session-of-organ', 0.8);
        }
      }
      // A person's stated position names the organ they serve in.
      const position = a.kind === 'PERSON' ? a.position : undefined;
      if (position && !BYLINE_ROLE.test(position)) {
        const organ = list.find(
          (o) => o.kind === 'ORGAN' && o.start >= a.end && o.start - a.end < 40 + position.length,
        );
        // "director of the criminal investigation bureau of the ministry", "deputy head of the
        // ministry's criminal investigation department": the post is in a unit the text names in
        // lower case, not in the organ found, so it says nothing of the organ's head or members.
        const inUnit =
          organ !== undefined &&
          (UNIT_OF.test(doc.text.slice(a.end, organ.start)) ||
            UNIT_AFTER.test(doc.text.slice(organ.end, organ.end + 60)));
        if (organ && !inUnit) {
          const role = position
            .split(/\s+of\s+/)[0]
            ?.replace(/^(?:a|an|the)\s+/, '')
            .trim();
          // A director or minister heads the organ; other posts are memberships.
          add(
            HEAD_POST.test(role ?? '') ? 'HEADS' : 'MEMBER_OF',
            a,
            organ,
            'rel-person-position',
            0.85,
            role ? { role } : {},
          );
        } else if (!organ) {
          // "Du Hangwei, vice minister of public security": the title names the ministry, which
          // the text names in full elsewhere.
          const title = MINISTER_OF.exec(position);
          const field = title?.[2]?.toLowerCase();
          const ministry =
            field &&
            mentions.find(
              (m) =>
                m.kind === 'ORGAN' &&
                doc.text
                  .slice(m.start, m.end)
                  .toLowerCase()
                  .replace(/^the\s+/, '') === `ministry of ${field}`,
            );
          if (ministry) {
            const role = `${title?.[1] ? `${title[1].toLowerCase()} ` : ''}minister`;
            add(title?.[1] ? 'MEMBER_OF' : 'HEADS', a, ministry, 'rel-person-minister-of', 0.8, { role });
          } else titledMinister(doc, mentions, a, position, add);
        }
      }
    }
  }
  countedList(doc, mentions, add);
  announced(doc, mentions, add);
  // A byline's role posts nobody: "(Reporter Li Ming) The Jinan Public Security Bureau said"
  // names the bureau as the speaker, not as the reporter's employer.
  const people = mentions.filter(
    (p) => p.kind === 'PERSON' && p.position !== undefined && !BYLINE_ROLE.test(p.position),
  );
  const posted = new Set(
    mentions.filter(
      (m) =>
        m.kind === 'ORGAN' &&
        people.some(
          (p) => p.sentence === m.sentence && m.start >= p.end && m.start - p.end <= (p.position?.length ?? 0) + 12,
        ),
    ),
  );
  const inPost = (m: Mention) => posted.has(m);
  const causes = [...named, ...references].sort((a, b) => a.start - b.start);
  const blockOf = blocks(doc);
  const speaks = (m: Mention) => {
    const from = Math.max(doc.sentences[m.sentence]?.start ?? 0, m.start - 50);
    const before = doc.text.slice(from, m.start);
    return SPEECH.test(doc.text.slice(m.end, m.end + 30)) || SPEECH_BEFORE.test(before) || STATEMENT_BY.test(before);
  };
  // "Li Guozhong, director of …, introduced that": the verb follows the stated position.
  const introduces = (m: Mention) => {
    const s = doc.sentences[m.sentence];
    return (
      m.position !== undefined &&
      s !== undefined &&
      SPEECH.test(doc.text.slice(m.end, Math.min(s.end, m.end + m.position.length + 40)))
    );
  };
  for (const o of mentions.filter((m) => m.kind === 'OUTCOME')) {
    const earlier = mentions.filter((m) => m.paragraph === o.paragraph && m.start < o.start);
    const found = causeOf(doc, causes, blockOf, o);
    if (found && !launchedAfter(found.cause, o)) add('PRODUCED', found.cause, o, found.rule, found.confidence);
    const reporter = [...earlier, ...mentions.filter((m) => m.sentence === o.sentence && m.start > o.end)]
      .filter(
        (m) =>
          (m.kind === 'PERSON' && !BYLINE_ROLE.test(m.position ?? '')) ||
          // An organ that spoke earlier in the paragraph ("according to the ministry. The ministry
          // has also issued …") still gives its figures.
          (m.kind === 'ORGAN' && (m.sentence === o.sentence || speaks(m))),
      )
      // "Liu, director of the X Bureau of the ministry, introduced": the person speaks, not the organ of their post.
      .filter((m) => !inPost(m))
      .reverse()
      .find((m) => speaks(m) || introduces(m));
    // "…, it said": the organ that last spoke.
    const s = doc.sentences[o.sentence];
    const pronoun =
      s !== undefined && IT_SAID.test(doc.text.slice(s.start, s.end))
        ? mentions
            .filter(
              (m) => m.kind === 'ORGAN' && m.start < o.start && o.sentence - m.sentence <= PRONOUN_REACH && speaks(m),
            )
            .pop()
        : undefined;
    if (reporter && o.sentence - reporter.sentence <= 2) add('REPORTED', reporter, o, 'rel-reported', 0.65);
    else if (pronoun) add('REPORTED', pronoun, o, 'rel-reported-pronoun', 0.6);
    else {
      // A report gives its figures in the words of whoever last spoke, or of its reporter:
      // the latest speaker or byline before the figure, however far back (not a photographer).
      // The latest speaker or byline reporter (the curated corpus credits the reporter of an
      // article that gives figures in its own words); a byline gives way to the organ that held
      // the press conference the figures were announced at.
      const latest = mentions
        .filter(
          (m) =>
            m.kind === 'PERSON' &&
            m.start < o.start &&
            (speaks(m) || introduces(m) || /\b(?:reporter|correspondent)\b/i.test(m.position ?? '')) &&
            !/photographer/i.test(m.position ?? ''),
        )
        .pop();
      const pressOrgan = mentions.find(
        (m) =>
          m.kind === 'ORGAN' &&
          m.start < o.start &&
          !PRESS_OFFICE.test(doc.text.slice(m.start, m.end)) &&
          (/^\s+(?:held|hosted|convened)\s+a\s+(?:news|press)\s+(?:conference|briefing)/i.test(
            doc.text.slice(m.end, m.end + 40),
          ) ||
            PRESS_HELD_BY.test(doc.text.slice(Math.max(0, m.start - 60), m.start))),
      );
      // A byline's reporter gives way to any organ the story quotes before the figure: the
      // reporter only wrote it down. A reporter whose story quotes no one (a review in the
      // reporter's own words, as the curated corpus credits it) is the only voice it has.
      const quoted = mentions.filter((m) => m.kind === 'ORGAN' && m.start < o.start && speaks(m) && !inPost(m)).pop();
      // With no one else quoted, the organ the story names as its source in its opening
      // paragraph ("According to the website of the ministry, in 2022 …") gives the figures
      // that follow in the story's own words.
      const sourceOrgan = (m: Mention | undefined) =>
        m !== undefined &&
        m.paragraph === 0 &&
        SOURCE_OPENING.test(doc.text.slice(doc.sentences[m.sentence]?.start ?? 0, m.start))
          ? m
          : undefined;
      const voice =
        latest && BYLINE_ROLE.test(latest.position ?? '') && (pressOrgan ?? quoted)
          ? (pressOrgan ?? quoted)
          : (latest ?? pressOrgan ?? sourceOrgan(quoted));
      // An official's words reach the figures of their own paragraph and the next; further on, a
      // figure stated without attribution is the story's, unless the same official is quoted again
      // after it (a section that quotes one speaker from start to end).
      const silent =
        voice !== undefined &&
        voice.kind === 'PERSON' &&
        !BYLINE_ROLE.test(voice.position ?? '') &&
        o.paragraph - voice.paragraph > VOICE_REACH &&
        mentions.find((m) => m.kind === 'PERSON' && m.start > o.end && (speaks(m) || introduces(m)))?.id !== voice.id;
      if (voice && !silent)
        add('REPORTED', voice, o, voice.kind === 'PERSON' ? 'rel-reported-voice' : 'rel-reported-organ', 0.5);
    }
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const COUNT_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
/** "6 matters including A, B …", "five measures such as A and B": a counted list whose package is not named there. */
const COUNTED_LIST =
  /\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[a-z-]+\s+){0,3}(?:matters|measures|services|items|tasks|reforms|policies|steps)\s*,?\s+(?:including|such\s+as)\s/gi;
/** How many sentences back a counted list finds its package. */
const PACKAGE_REACH = 3;

type AddRelation = (type: RelationType, a: Mention, b: Mention, rule: string, confidence: number) => void;

/**
 * "By the end of the year six household registration services will be handled across
 * provinces. … 6 matters including A, B and C": the reforms a counted list names are part of
 * the reform named shortly before with the same count (as a digit or a word).
 */
function countedList(doc: Analysed, mentions: readonly Mention[], add: AddRelation): void {
  const reforms = mentions.filter((m) => m.kind === 'REFORM');
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    for (const m of text.matchAll(COUNTED_LIST)) {
      const cue = s.start + m.index;
      const raw = (m[1] ?? '').toLowerCase();
      const n = /^\d+$/.test(raw) ? Number(raw) : COUNT_WORDS.indexOf(raw);
      const count = new RegExp(`\\b(?:${n}|${COUNT_WORDS[n] ?? n})\\b`, 'i');
      const pkg = reforms
        .filter(
          (r) => r.end <= cue && s.index - r.sentence <= PACKAGE_REACH && count.test(doc.text.slice(r.start, r.end)),
        )
        .pop();
      if (!pkg) continue;
      const next = text.slice(m.index + m[0].length).search(/[;:]|\.\s/);
      const stop = next < 0 ? s.end : cue + m[0].length + next;
      for (const item of reforms)
        if (item.sentence === s.index && item.start >= cue + m[0].length && item.start < stop)
          add('PART_OF', item, pkg, 'rel-counted-list', 0.65);
    }
  }
}

/** A bare title before a name: "Minister", "vice minister". */
const BARE_MINISTER = /^(?:(vice|deputy|assistant)[\s-]+)?minister$/i;
/** … and the words before it: "State Councilor and Public Security Minister", "vice public security minister". */
const FIELD_BEFORE = /(?:\b(vice|deputy|assistant)[\s-]+)?((?:[A-Za-z]+\s+){0,3})$/i;

/**
 * "Public Security Minister Zhao Kezhi", "vice public security minister Huang Ming": the field
 * before the title names the ministry the text names in full ("Ministry of Public Security");
 * "Minister Zhao Kezhi" under a decree of the one ministry the text names heads it.
 */
function titledMinister(
  doc: Analysed,
  mentions: readonly Mention[],
  person: Mention,
  position: string,
  add: (type: RelationType, a: Mention, b: Mention, rule: string, confidence: number, extra: { role: string }) => void,
): void {
  const bare = BARE_MINISTER.exec(position.trim());
  const titleAt = person.start - position.trim().length - 1;
  if (!bare || doc.text.slice(titleAt, person.start).trim().toLowerCase() !== position.trim().toLowerCase()) return;
  const before = FIELD_BEFORE.exec(doc.text.slice(Math.max(0, titleAt - 60), titleAt)) ?? undefined;
  const vice = bare[1] ?? before?.[1];
  const words = (before?.[2] ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const ministries = mentions.filter(
    (m) => m.kind === 'ORGAN' && /^(?:the\s+)?ministry\s+of\s/i.test(doc.text.slice(m.start, m.end)),
  );
  const named = (m: Mention) =>
    doc.text
      .slice(m.start, m.end)
      .toLowerCase()
      .replace(/^the\s+/, '');
  // The title itself found as the ministry's name ("Public Security Minister" linked to the ministry).
  let ministry = mentions.find(
    (m) => m.kind === 'ORGAN' && m.end > titleAt && m.end <= person.start && m.start >= titleAt - 60,
  );
  for (let k = Math.min(3, words.length); k >= 1 && !ministry; k--) {
    const field = words.slice(words.length - k).join(' ');
    ministry = ministries.find((m) => named(m) === `ministry of ${field}`);
  }
  // No field: the one ministry the text names ("Decree of the Ministry of … Minister Zhao Kezhi").
  if (
    !ministry &&
    new Set(ministries.map((m) => m.id)).size === 1 &&
    !/[a-z]\s+$/i.test(doc.text.slice(titleAt - 2, titleAt))
  )
    ministry = ministries[0];
  // "State Councilor and Public Security Minister Zhao Kezhi": a member of the State Council too.
  const council = /\bState\s+Councill?or\s+and\s+(?:[A-Za-z]+\s+){0,3}$/i.test(
    doc.text.slice(Math.max(0, titleAt - 60), titleAt),
  )
    ? mentions.find((m) => m.kind === 'ORGAN' && /^(?:the\s+)?state\s+council$/i.test(doc.text.slice(m.start, m.end)))
    : undefined;
  if (council) add('MEMBER_OF', person, council, 'rel-person-titled-minister', 0.75, { role: 'state councilor' });
  if (ministry)
    add(vice ? 'MEMBER_OF' : 'HEADS', person, ministry, 'rel-person-titled-minister', 0.75, {
      role: `${vice ? `${vice.toLowerCase()} ` : ''}minister`,
    });
}

/** A statement closed by its speaker: "…, the ministry said on Monday.", "…, said Qiu Baoli." */
const SAID_AFTER =
  /^[\s”"’]*(?:said|says|announced|stated)\b(?:\s+(?:on|in|last|this)\s+[A-Za-z0-9]+){0,2}[\s”"’]*[.!]?[\s”"’]*$/i;
const SAID_BEFORE = /,[\s”"’]*(?:said|says|announced)\s+(?:the\s+)?$/i;
/** "…, the ministry said": a comma and at most "the" before the speaker. */
const COMMA_BEFORE = /,[\s”"’]*(?:the\s+)?$/i;
/** "According to the relevant person in charge of the ministry, …" opening the sentence. */
const ACCORDING_OPENING =
  /^[^\p{L}]*According\s+to\s+(?:(?:the|a)\s+)?(?:(?:relevant\s+)?(?:person|official|officials|head)\s+in\s+charge\s+of\s+(?:the\s+)?)?$/u;

/**
 * A campaign or reform announced in a sentence its speaker closes or opens ("A new round of
 * crackdowns has begun in 108 cities, the ministry said on Monday", "According to the person in
 * charge of the ministry, the Kunlun action in 2023 will …"): the speaker REPORTED it.
 */
function announced(doc: Analysed, mentions: readonly Mention[], add: AddRelation): void {
  for (const s of doc.sentences) {
    const here = mentions.filter((m) => m.sentence === s.index);
    const items = here.filter((m) => (m.kind === 'CAMPAIGN' || m.kind === 'REFORM') && !m.reference);
    if (items.length === 0) continue;
    const speakers = here.filter((m) => m.kind === 'ORGAN' || m.kind === 'PERSON');
    // "…, handling 1,072 cases …, the ministry said": a statement of figures reports the figures.
    const figures = here.some((m) => m.kind === 'OUTCOME');
    const closing = speakers.find(
      (m) =>
        !figures &&
        SAID_AFTER.test(doc.text.slice(m.end, s.end)) &&
        (COMMA_BEFORE.test(doc.text.slice(s.start, m.start)) || SAID_BEFORE.test(doc.text.slice(s.start, m.start))),
    );
    const opening = speakers.find(
      (m) =>
        ACCORDING_OPENING.test(doc.text.slice(s.start, m.start)) && /^[\s”"’]*,/.test(doc.text.slice(m.end, m.end + 4)),
    );
    for (const c of items) {
      if (closing && c.end <= closing.start) add('REPORTED', closing, c, 'rel-reported-announced', 0.6);
      else if (opening && c.start >= opening.end) add('REPORTED', opening, c, 'rel-reported-announced', 0.6);
    }
  }
}

/** "the campaign", "this year's special operation", "their half-year-long campaign": a campaign named before. */
const BACK_REFERENCE =
  /\b(?:the|this|that|its|their|these|this\s+year's|last\s+year's)\s+(?:[a-z0-9-]+\s+){0,2}(?:campaign|crackdown|operation|action|drive|manhunt|war|battle)s?\b/gi;
/** Between two campaigns of a list: "“cloud sword”, “broken card” and “disconnection”". */
const LIST_GAP = /^[\s"“”'‘’]*(?:,|,?\s*and|,?\s*or)?[\s"“”'‘’]*$/;
/** "the “Fox hunt” campaign, an important part of “Sky Net,”": the part, then the whole. */
const PART_OF_GAP =
  /^[\s"“”'‘’]*(?:campaign|operation|action|manhunt|crackdown)?[\s"“”'‘’]*,\s*(?:which\s+is\s+)?(?:an?|the)\s+(?:[a-z]+\s+){0,2}(?:part|component|element)\s+of\s+(?:the\s+)?[\s"“”'‘’]*$/i;

/** A back-reference the figure lies in: "… arrested in the campaign". */
const IN_REFERENCE = /\b(?:in|within|during|under|through)\s+$/i;
/** "In a major crackdown, …": a campaign the figure lies in, not yet named. */
const IN_A_CAMPAIGN =
  /\b(?:in|during|through|under|amid)\s+an?\s+(?:[a-z-]+\s+){0,3}(?:crackdown|campaign|operation|drive|action)\b/i;
/** Words that open a paragraph going on with the one before. */
const CONTINUES =
  /^[^\p{L}]*(?:Further(?:more)?|Moreover|In\s+addition|Additionally|Besides|Meanwhile|Also|What's\s+more|At\s+the\s+same\s+time|As\s+a\s+(?:result|consequence)|Consequently)\b/iu;
/** How many sentences back a back-reference finds the campaign it means. */
const REFERENCE_REACH = 2;
/** Words that place a figure inside a campaign named after it. */
const WITHIN =
  /\b(?:since|during|through|under|amid|after|following|as\s+part\s+of|thanks\s+to|in\s+the\s+course\s+of)\b/i;
/** A sentence that opens with its figure: "Over 130,000 suspects were arrested", "And 600,000 more …". */
const FIGURE_FIRST =
  /^[^\p{L}\p{N}“"‘]*(?:(?:and|also|another|over|more\s+than|nearly|almost|about|around|some|a\s+total\s+of|of\s+them|among\s+them)\W+)*\d/iu;

/**
 * Back-references ("In the campaign, …", "during their half-year-long campaign") as mentions of
 * the campaign named last before them, so a figure after one is credited as if it were named.
 */
function backReferences(doc: Analysed, causes: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  // A report about one campaign means it by "the campaign" however far on.
  const only = new Set(causes.filter((c) => c.kind === 'CAMPAIGN' && !c.reference).map((c) => c.id)).size === 1;
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    for (const m of text.matchAll(BACK_REFERENCE)) {
      const start = s.start + m.index;
      if (causes.some((c) => c.start <= start && start < c.end)) continue;
      const named = causes.filter((c) => c.kind === 'CAMPAIGN' && !c.reference && c.end <= start).pop();
      // An antecedent is near: a campaign last named paragraphs ago is not what "the campaign" means.
      if (!named || (!only && s.index - named.sentence > REFERENCE_REACH)) continue;
      out.push({
        ...named,
        start,
        end: start + m[0].length,
        sentence: s.index,
        paragraph: s.paragraph,
        reference: true,
      });
    }
  }
  return out;
}

/** Sentence index → the index of its blank-line-separated block (a text without blank lines is one block). */
function blocks(doc: Analysed): number[] {
  let block = 0;
  let last = 0;
  return doc.sentences.map((s) => {
    if (/\n[^\S\n]*\n/.test(doc.text.slice(last, s.start))) block++;
    last = s.end;
    return block;
  });
}

/**
 * What a figure is the result of, when the text says so: a campaign, reform or law named (or
 * referred back to: "In the campaign, …") in the figure's own sentence, before it, or after it
 * when nothing comes before ("freed … since the ministry launched a crackdown"), or named a few
 * sentences earlier in its block of text. One item of a list of campaigns is not credited with
 * the figures the list shares, and the whole of "X, part of Y" gives way to its part.
 */
function causeOf(
  doc: Analysed,
  causes: readonly Mention[],
  blockOf: readonly number[],
  o: Mention,
): { cause: Mention; rule: string; confidence: number } | undefined {
  const gap = (a: Mention, b: Mention) => doc.text.slice(a.end, b.start);
  const listed = (c: Mention) =>
    c.kind === 'CAMPAIGN' &&
    !c.reference &&
    causes.some(
      (d) =>
        d !== c &&
        d.id !== c.id &&
        !d.reference &&
        d.kind === 'CAMPAIGN' &&
        d.sentence === c.sentence &&
        (d.start < c.start ? LIST_GAP.test(gap(d, c)) : LIST_GAP.test(gap(c, d))),
    );
  const whole = (c: Mention) =>
    causes.find((d) => d.sentence === c.sentence && d.end <= c.start && PART_OF_GAP.test(gap(d, c)));
  const pick = (c: Mention | undefined) => (c ? (whole(c) ?? c) : undefined);
  const credit = (c: Mention | undefined, rule: string, confidence: number) =>
    c && !listed(c) ? { cause: c, rule: c.reference ? 'rel-produced-back-reference' : rule, confidence } : undefined;
  const sentence = causes.filter((c) => c.sentence === o.sentence);
  const before = pick(sentence.filter((c) => c.start < o.start).pop());
  if (before) return credit(before, 'rel-produced-sentence', 0.7);
  // After the figure, only a campaign the figure is placed in: "… since the ministry launched a
  // crackdown", "… during the “Sky Net” manhunt".
  // The same one named before and after the figures ("promote the reform of X. … , the goals of
  // the X reform have been completed") is credited as well.
  const named = (c: Mention) => causes.some((d) => d.id === c.id && d.paragraph === o.paragraph && d.start < o.start);
  // "… 368 suspects arrested in the actions coordinated by the MPS": a back-reference right after "in".
  const after = sentence.find(
    (c) =>
      c.start > o.end &&
      (c.reference
        ? IN_REFERENCE.test(doc.text.slice(Math.max(o.end, c.start - 20), c.start))
        : WITHIN.test(doc.text.slice(Math.max(o.end, c.start - 60), c.start)) || named(c)),
  );
  if (after) return credit(after, 'rel-produced-sentence-after', 0.6);
  // Across a line break the cause carries only into a sentence that goes on listing figures
  // ("Over 130,000 suspects were arrested, …"), not into one with a subject of its own.
  const s = doc.sentences[o.sentence];
  const continues = s !== undefined && FIGURE_FIRST.test(doc.text.slice(s.start, s.end));
  // A paragraph that opens "Further, …" or "In addition, …" goes on with the paragraph before.
  const opening = doc.sentences.find((x) => x.paragraph === o.paragraph);
  const carried =
    opening !== undefined && CONTINUES.test(doc.text.slice(opening.start, opening.end))
      ? doc.sentences[opening.index - 1]?.paragraph
      : undefined;
  const earlier = causes
    .filter(
      (c) =>
        (c.paragraph === o.paragraph ||
          (continues && blockOf[c.sentence] === blockOf[o.sentence]) ||
          (carried !== undefined && c.paragraph === carried)) &&
        c.start < o.start,
    )
    .pop();
  // "In a major crackdown, police solved 574 cases. … The special campaign launched by the
  // ministry in February …": an unnamed campaign the figure lies in, named in the next sentence.
  if (!earlier && s !== undefined && IN_A_CAMPAIGN.test(doc.text.slice(s.start, o.start))) {
    const next = causes.find((c) => c.kind === 'CAMPAIGN' && !c.reference && c.sentence === o.sentence + 1);
    if (next) return credit(next, 'rel-produced-named-next', 0.5);
  }
  // A reform new to the graph is credited with a figure only in the figure's own sentence.
  if (!earlier || (earlier.kind === 'REFORM' && !earlier.linked) || o.sentence - earlier.sentence > 3) return undefined;
  return credit(pick(earlier), 'rel-produced-paragraph', 0.55);
}

/** The sentences from `first` to `last`, as one verbatim quote. */
export function evidenceSpan(doc: Analysed, first: number, last: number): CandidateEvidence {
  const a = doc.sentences[first];
  const b = doc.sentences[last];
  const start = a?.start ?? 0;
  let end = b?.end ?? start;
  // A quote over several sentences stays readable: beyond ~600 characters keep the last one.
  // … and never spans a blank line: a quote carried into knowledge/ reads as one passage.
  const from = (end - start > 600 || /\n\s*\n/.test(doc.text.slice(start, end))) && b ? b.start : start;
  if (end < from) end = from;
  return quoteAt(doc.text, from, end);
}

export function quoteAt(text: string, start: number, end: number): CandidateEvidence {
  const quote = text.slice(start, end);
  let occurrence = 1;
  for (let i = text.indexOf(quote); i >= 0 && i < start; i = text.indexOf(quote, i + 1)) occurrence++;
  return occurrence > 1 ? { quote, start, end, occurrence } : { quote, start, end };
}
