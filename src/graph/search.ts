/**
 * Entity search: a MiniSearch full-text index over names, aliases, Chinese names, descriptions,
 * curator notes and evidence quotes (see fulltext.ts for how a query is planned). Names keep
 * the ranking analysts rely on, exact > prefix > word > substring > fuzzy, because they type
 * either an exact short form ("MPS") or a phrase from the text; a hit in a description, note
 * or quote ranks below every name hit.
 */
import { distance } from 'fastest-levenshtein';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { EntityKind } from '../model/ontology.js';
import type { EntityRecord, EvidenceRecord } from '../model/records.js';
import { compactIndex, loadCompact, loadCompactAsync } from './compact-index.js';
import {
  forTypos,
  type Highlight,
  highlights,
  matchText,
  type ParsedQuery,
  parseQuery,
  plan,
  runPlan,
  type TextMatch,
} from './fulltext.js';
import { indexTerms } from './text-tokens.js';

export type SearchField = 'NAME' | 'ALIAS' | 'NAME_ZH' | 'DESCRIPTION' | 'NOTE' | 'EVIDENCE';
export type MatchedOn = SearchField;
export type MatchType = 'EXACT' | 'PREFIX' | 'WORD' | 'SUBSTRING' | 'FUZZY';

export const SEARCH_FIELDS: readonly SearchField[] = ['NAME', 'ALIAS', 'NAME_ZH', 'DESCRIPTION', 'NOTE', 'EVIDENCE'];
const NAME_FIELDS: ReadonlySet<SearchField> = new Set(['NAME', 'ALIAS', 'NAME_ZH']);
const TEXT_ORDER: readonly SearchField[] = ['EVIDENCE', 'DESCRIPTION', 'NOTE', 'NAME', 'ALIAS', 'NAME_ZH'];

/** The index's field for each searchable field, and its BM25 boost (a name outweighs a quote). */
const FIELD: Record<SearchField, { key: string; boost: number }> = {
  NAME: { key: 'name', boost: 4 },
  ALIAS: { key: 'aliases', boost: 3 },
  NAME_ZH: { key: 'nameZh', boost: 3 },
  DESCRIPTION: { key: 'description', boost: 1.5 },
  NOTE: { key: 'note', boost: 1 },
  EVIDENCE: { key: 'evidence', boost: 1 },
};

export interface SearchHit {
  readonly entity: EntityRecord;
  readonly score: number;
  readonly matchedOn: MatchedOn;
  readonly matchType: MatchType;
  /** The name, alias, Chinese name, description, note or quote that matched. */
  readonly matchedText: string;
  /** Offsets into matchedText of what matched. */
  readonly highlights: readonly Highlight[];
  /** The evidence whose quote matched, for EVIDENCE hits. */
  readonly evidence?: EvidenceRecord;
}

export interface SearchOptions {
  readonly kinds?: readonly EntityKind[];
  /** Fields to search; all when empty or absent. */
  readonly in?: readonly SearchField[];
  readonly first?: number;
}

/** Hits scoring this or more hold every query word (names: 0.3+, other fields: 0.2+). */
const COMPLETE = 0.2;
const BASE: Record<MatchType, number> = { EXACT: 1, PREFIX: 0.8, WORD: 0.6, SUBSTRING: 0.5, FUZZY: 0.3 };

/** Case-, width- and quote-insensitive form; keeps CJK characters. */
const PLAIN_NAME = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

export function normaliseName(s: string): string {
  // Most names are ASCII words between single spaces, which only need lower case.
  if (PLAIN_NAME.test(s)) return s.toLowerCase();
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d"'“”‘’«»]/g, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function fieldText(e: EntityRecord, key: string): string | undefined {
  switch (key) {
    case 'name':
      return e.name;
    case 'aliases':
      return e.aliases.join('\n');
    case 'nameZh':
      return e.nameZh;
    case 'description':
      return e.description;
    case 'note':
      return e.note;
    case 'evidence':
      return e.evidence.map((ev) => ev.quote).join('\n');
    default:
      return undefined;
  }
}

/** Options for building, loading and writing (index-writer.ts): MiniSearch needs the same ones for each. */
export function indexOptions(entities: readonly EntityRecord[]): Options<number> {
  return {
    // Documents are positions in the snapshot's entity array: numbers cost less than ids.
    idField: 'id',
    fields: SEARCH_FIELDS.map((f) => FIELD[f].key),
    extractField: (i, key) => (key === 'id' ? i : fieldText(entities[i] as EntityRecord, key)) as string,
    tokenize: indexTerms,
    processTerm: (t) => t,
    // Query terms come from our own tokeniser already normalised.
    searchOptions: {
      tokenize: (s) => [s],
      processTerm: (t) => t,
      boost: Object.fromEntries(SEARCH_FIELDS.map((f) => [FIELD[f].key, FIELD[f].boost])),
    },
  };
}

function checkCount(serialised: AsPlainObject, entities: readonly EntityRecord[]): void {
  if (serialised.documentCount !== entities.length) {
    throw new Error(`search index holds ${serialised.documentCount} entities, the snapshot ${entities.length}`);
  }
}

export class SearchIndex {
  private readonly ms: MiniSearch<number>;

  /** Builds the index, or loads one serialised by toJSON() for these same entities. */
  constructor(
    private readonly entities: readonly EntityRecord[],
    serialised?: AsPlainObject | MiniSearch<number>,
  ) {
    const options = indexOptions(entities);
    if (serialised instanceof MiniSearch) {
      this.ms = serialised;
    } else if (serialised) {
      checkCount(serialised, entities);
      this.ms = loadCompact(serialised, options);
    } else {
      this.ms = new MiniSearch(options);
      this.ms.addAll(entities.map((_e, i) => i));
      compactIndex(this.ms);
    }
  }

  /** Loads a serialised index in slices that yield to the event loop, so a server keeps answering. */
  static async load(entities: readonly EntityRecord[], serialised: AsPlainObject): Promise<SearchIndex> {
    checkCount(serialised, entities);
    return new SearchIndex(entities, await loadCompactAsync(serialised, indexOptions(entities)));
  }

  toJSON(): AsPlainObject {
    return this.ms.toJSON();
  }

  search(query: string, kindsOrOptions?: readonly EntityKind[] | SearchOptions, first?: number): SearchHit[] {
    const options: SearchOptions = Array.isArray(kindsOrOptions)
      ? { kinds: kindsOrOptions as readonly EntityKind[], first }
      : { ...(kindsOrOptions as SearchOptions | undefined), ...(first !== undefined ? { first } : {}) };
    const limit = options.first ?? 10;
    const wanted =
      options.in && options.in.length > 0 ? SEARCH_FIELDS.filter((f) => options.in?.includes(f)) : SEARCH_FIELDS;
    const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
    const parsed = parseQuery(query);
    const q = normaliseName(query);
    if (!q || limit <= 0) return [];
    const exact = this.run(parsed, q, wanted, kinds, limit, false);
    let hits = exact.hits;
    // Fuzzy only for a word no text holds as typed, or when no hit holds every word (a typo
    // can spell another real word): it widens every word's postings. A name that only looks
    // like the query as a whole (FUZZY) does not hold every word: counting it as if it did
    // left "Zapei Nendun" (for "Zaipei") with "Zapei Digen" and no typo pass.
    const complete = hits.filter((h) => h.score >= COMPLETE && h.matchType !== 'FUZZY').length;
    if (complete < limit && (exact.unknown.length > 0 || complete === 0)) {
      const fuzzy = this.run(forTypos(parsed, exact.unknown), q, wanted, kinds, limit, true).hits;
      const best = new Map(hits.map((h) => [h.entity.id, h]));
      for (const h of fuzzy) if (h.score > (best.get(h.entity.id)?.score ?? -1)) best.set(h.entity.id, h);
      hits = [...best.values()];
    }
    // Highlights only for what is returned: most candidates are checked and dropped.
    return hits
      .sort(byRank)
      .slice(0, limit)
      .map(({ highlight, ...hit }) => ({ ...hit, highlights: highlight() }));
  }

  private run(
    parsed: ParsedQuery,
    q: string,
    wanted: readonly SearchField[],
    kinds: ReadonlySet<EntityKind> | null,
    limit: number,
    fuzzy: boolean,
  ): { hits: Candidate[]; unknown: readonly string[] } {
    const fields = wanted.map((f) => FIELD[f].key);
    const p = plan(this.ms as MiniSearch, parsed, fields, fuzzy);
    if (!p) return { hits: [], unknown: [] };
    const filter = kinds ? (i: number) => kinds.has((this.entities[i] as EntityRecord).kind) : undefined;
    const results = runPlan(this.ms as MiniSearch, p, fields, filter);
    const top = results[0]?.score ?? 1;
    const hits: Candidate[] = [];
    // Candidates come best first by BM25 with names boosted; the short ones, which the name
    // ranking favours, come early, so checking a bounded number keeps a common word cheap.
    const budget = Math.max(limit * 20, 200);
    for (const r of results.slice(0, budget)) {
      const entity = this.entities[r.id as number] as EntityRecord;
      const hit = bestHit(entity, parsed, q, wanted, fuzzy, r.score / top);
      if (hit) hits.push(hit);
    }
    return { hits, unknown: p.unknownTerms };
  }
}

/** A hit before its highlights, which are worked out only if it is among those returned. */
type Candidate = Omit<SearchHit, 'highlights'> & { readonly highlight: () => readonly Highlight[] };

function byRank(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.entity.name.length - b.entity.name.length || a.entity.id.localeCompare(b.entity.id);
}

interface FieldValue {
  readonly on: SearchField;
  readonly text: string;
  readonly evidence?: EvidenceRecord;
}

function values(entity: EntityRecord, on: SearchField): FieldValue[] {
  switch (on) {
    case 'NAME':
      return [{ on, text: entity.name }];
    case 'ALIAS':
      return entity.aliases.map((text) => ({ on, text }));
    case 'NAME_ZH':
      return entity.nameZh ? [{ on, text: entity.nameZh }] : [];
    case 'DESCRIPTION':
      return entity.description ? [{ on, text: entity.description }] : [];
    case 'NOTE':
      return entity.note ? [{ on, text: entity.note }] : [];
    case 'EVIDENCE':
      return entity.evidence.map((evidence) => ({ on, text: evidence.quote, evidence }));
  }
}

/**
 * The entity's best hit: a name match ranked as names always were, else the field value that
 * holds the most query words (scored 0.1-0.3, below every name match, by the index's score).
 */
function bestHit(
  entity: EntityRecord,
  parsed: ParsedQuery,
  q: string,
  wanted: readonly SearchField[],
  fuzzy: boolean,
  relevance: number,
): Candidate | null {
  let best: Candidate | null = null;
  for (const on of wanted) {
    if (!NAME_FIELDS.has(on)) continue;
    for (const v of values(entity, on)) {
      const hit = nameMatch(entity, v, q, parsed, fuzzy);
      if (hit && (!best || hit.score > best.score)) best = hit;
    }
  }
  if (best) return best;
  let bestText: { v: FieldValue; m: TextMatch } | null = null;
  // On a tie the source's own words win over curated text.
  for (const on of TEXT_ORDER.filter((f) => wanted.includes(f))) {
    for (const v of values(entity, on)) {
      const m = matchText(v.text, parsed, fuzzy);
      if (m.found === 0 || !m.phrases) continue;
      if (!bestText || m.found > bestText.m.found) bestText = { v, m };
    }
  }
  if (!bestText) return null;
  const { v, m } = bestText;
  const complete = m.found === parsed.terms.length;
  const type: MatchType = m.kind === 'FUZZY' ? 'FUZZY' : m.kind === 'PREFIX' ? 'PREFIX' : 'WORD';
  const score = (complete ? 0.2 : 0.1) + 0.09 * Math.min(1, relevance) + (NAME_FIELDS.has(v.on) ? 0.01 : 0);
  return {
    entity,
    score: Math.round(score * 1000) / 1000,
    matchedOn: v.on,
    matchType: type,
    matchedText: v.text,
    highlight: () => highlights(v.text, m.spans),
    ...(v.evidence ? { evidence: v.evidence } : {}),
  };
}

/** A name, alias or Chinese name against the whole query, as the name ranking defines it. */
function nameMatch(
  entity: EntityRecord,
  v: FieldValue,
  q: string,
  parsed: ParsedQuery,
  fuzzy: boolean,
): Candidate | null {
  const norm = normaliseName(v.text);
  if (!norm) return null;
  const words = norm.split(' ');
  const qWords = q.split(' ');
  // A shorter matched term is a closer match: "MPS" beats a long name that contains it.
  const closeness = Math.min(1, q.length / norm.length);
  const hit = (type: MatchType, bonus: number): Candidate => ({
    entity,
    score: Math.round((BASE[type] + 0.1 * bonus) * 1000) / 1000,
    matchedOn: v.on,
    matchType: type,
    matchedText: v.text,
    highlight: () =>
      highlights(
        v.text,
        type === 'EXACT'
          ? [{ start: 0, end: v.text.length }]
          : matchText(v.text, parsed, type === 'FUZZY' || fuzzy).spans,
      ),
  });
  if (norm === q) return hit('EXACT', v.on === 'NAME' ? 1 : 0.5);
  if (norm.startsWith(q)) return hit('PREFIX', closeness);
  if (qWords.every((w) => words.includes(w))) return hit('WORD', closeness);
  if (norm.includes(q)) return hit('SUBSTRING', closeness);
  if (q.length >= 4) {
    const windowText = norm.slice(0, q.length + 2);
    const d = Math.min(distance(q, norm), distance(q, windowText));
    const ratio = 1 - d / Math.max(q.length, 1);
    if (ratio >= 0.75) return hit('FUZZY', ratio);
  }
  return null;
}
