/**
 * Listed items linked to their whole. Where a text lists the parts of a reform or package, or
 * the bodies that are to carry it out ("including A, B and C", "such as A and B", "Among the
 * 26 measures, …"), every listed item that is an entity should be linked to the whole. This
 * check finds list sentences and reports items without a relation to any whole.
 *
 * A warning, not a validation error: the rule reads sentence structure, and "such as" also
 * introduces examples that are not parts of anything. `reform-graph coverage` prints the
 * warnings; a curator links the item or leaves it knowingly.
 *
 * The rule, per document and sentence (split at . ! ? and line ends, not at ; or :), and per
 * list laid out one item per paragraph (a paragraph opening "Among the N …" or ending with
 * ":", then the next paragraphs while each ends with ";"):
 * - the list cue is the first of "including", "include(s)", "such as", "among them",
 *   "among the N …", "as follows" in the sentence;
 * - an entity is placed in the sentence by its quotes there that are shorter than 80% of it
 *   (a quote of the whole sentence places nothing);
 * - wholes are entities placed before the cue (their quote may end with it: "… include:"), or
 *   whose name or an alias of two words or more appears before the end of the cue;
 *   items are other entities with a placing quote reaching past the cue; outcomes are
 *   neither (a list of figures is not a list of parts); only kinds with at least two items
 *   count (one item is not a list);
 * - an item is linked when a curated relation joins it, or one of its neighbours, to a whole
 *   directly or through up to three PART_OF steps (a sub-measure of a listed measure, an organ
 *   a listed task sets up).
 */
import { CURATED_RELATION_TYPES } from '../model/ontology.js';
import type { Snapshot } from './snapshot.js';

export interface UnlinkedListItem {
  readonly document: string;
  /** The sentence, whitespace collapsed. */
  readonly sentence: string;
  /** Offset of the sentence in the document text. */
  readonly offset: number;
  readonly cue: string;
  readonly item: string;
  /** The wholes the sentence names before the cue, by id. */
  readonly wholes: readonly string[];
}

const CUE = /\b(?:including|includes?:?|such as|among them|among the \d+ \w+|as follows)\b/i;
const SENTENCE_END = /[.!?。][”"’]?(?=\s|$)|\n/g;
/** A quote longer than this share of its sentence says nothing about where in it an entity is named. */
const LOCATING_SHARE = 0.8;
/** How far up PART_OF a listed item may be linked to the whole (a sub-measure of a listed measure). */
const MAX_PART_OF_HOPS = 3;

interface Sentence {
  readonly start: number;
  readonly end: number;
}

function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim() !== '') out.push({ start, end });
    start = end;
  }
  if (start < text.length && text.slice(start).trim() !== '') out.push({ start, end: text.length });
  return out;
}

/** A paragraph announcing a list ("Among the 26 measures, …", "… include:") on the lines below. */
const LIST_INTRO = /^\s*Among the \d+\b|:\s*$/;

/**
 * Lists laid out one item per paragraph: the announcing paragraph, the one after it, and on
 * while the previous item ends with ";". One span per such block.
 */
function listBlocksOf(text: string): Sentence[] {
  const paragraphs: Sentence[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') paragraphs.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  const out: Sentence[] = [];
  paragraphs.forEach((p, i) => {
    if (!LIST_INTRO.test(text.slice(p.start, p.end))) return;
    let j = i + 1;
    while (j + 1 < paragraphs.length && /;\s*$/.test(text.slice(paragraphs[j]?.start, paragraphs[j]?.end))) j++;
    const last = paragraphs[j];
    if (last) out.push({ start: p.start, end: last.end });
  });
  return out;
}

const words = (s: string) => s.trim().split(/\s+/).length;

/** Every listed item that names an entity with no relation to the whole its sentence names. */
export function unlinkedListItems(snapshot: Snapshot): UnlinkedListItem[] {
  const curated = new Set<string>(CURATED_RELATION_TYPES);
  const neighbours = (id: string) =>
    snapshot
      .relationsOf(id, 'BOTH')
      .filter((r) => curated.has(r.type))
      .map((r) => (r.source === id ? r.target : r.source));
  /** The entity and the wholes it is PART_OF, up to MAX_PART_OF_HOPS steps up. */
  const upwards = (id: string): Set<string> => {
    const seen = new Set([id]);
    let level = [id];
    for (let hop = 0; hop < MAX_PART_OF_HOPS; hop++) {
      level = level.flatMap((x) => snapshot.relationsOf(x, 'OUT', ['PART_OF']).map((r) => r.target));
      for (const x of level) seen.add(x);
    }
    return seen;
  };
  // Linked to a whole, or a sibling of one (a long sentence can name a listed item before the cue).
  const linked = (item: string, wholes: ReadonlySet<string>) => {
    const reach = new Set([...wholes].flatMap((w) => [...upwards(w)]));
    return [item, ...neighbours(item)].some((x) => [...upwards(x)].some((up) => up !== item && reach.has(up)));
  };
  const out: UnlinkedListItem[] = [];
  for (const doc of [...snapshot.documents()].sort((a, b) => a.id.localeCompare(b.id))) {
    const quotes = snapshot
      .entitiesMentionedIn(doc.id)
      .flatMap((e) => e.evidence.filter((ev) => ev.document === doc.id).map((ev) => ({ entity: e, ev })));
    const named = snapshot
      .entitiesMentionedIn(doc.id)
      .filter((e) => e.kind !== 'OUTCOME')
      .flatMap((e) =>
        [e.name, ...e.aliases].filter((n) => words(n) >= 2).map((n) => ({ id: e.id, name: n.toLowerCase() })),
      );
    const lower = doc.text.toLowerCase();
    for (const s of [...sentencesOf(doc.text), ...listBlocksOf(doc.text)]) {
      const sentence = doc.text.slice(s.start, s.end);
      const cue = CUE.exec(sentence);
      if (!cue) continue;
      const cueAt = s.start + cue.index;
      const cueEnd = cueAt + cue[0].length;
      const placing = quotes.filter(
        ({ entity, ev }) =>
          entity.kind !== 'OUTCOME' &&
          ev.start >= s.start &&
          ev.end <= s.end &&
          ev.end - ev.start <= LOCATING_SHARE * (s.end - s.start),
      );
      const wholes = new Set(
        placing.filter(({ ev }) => ev.start < cueAt && ev.end <= cueEnd).map(({ entity }) => entity.id),
      );
      // A whole may also be named by its name or an alias before the list ("Among the 26 measures").
      const head = lower.slice(s.start, cueEnd);
      for (const { id, name } of named) if (head.includes(name)) wholes.add(id);
      if (wholes.size === 0) continue;
      const items = new Map<string, { id: string; kind: string }>();
      for (const { entity, ev } of placing) {
        if (ev.end > cueEnd && !wholes.has(entity.id)) items.set(entity.id, entity);
      }
      const perKind = new Map<string, number>();
      for (const item of items.values()) perKind.set(item.kind, (perKind.get(item.kind) ?? 0) + 1);
      for (const item of [...items.values()].sort((a, b) => a.id.localeCompare(b.id))) {
        if ((perKind.get(item.kind) ?? 0) < 2) continue;
        if (linked(item.id, wholes)) continue;
        out.push({
          document: doc.id,
          sentence: sentence.replace(/\s+/g, ' ').trim(),
          offset: s.start,
          cue: cue[0],
          item: item.id,
          wholes: [...wholes].sort(),
        });
      }
    }
  }
  return out;
}
