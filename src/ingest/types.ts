/** What the extractor proposes: candidates in the shape of graph-data, plus how sure it is. */
import type { EntityKind, RelationType } from '../model/ontology.js';

export interface CandidateEvidence {
  readonly quote: string;
  /** UTF-16 offsets into the new document. */
  readonly start: number;
  readonly end: number;
  /** Set when the quote occurs more than once, so the loader points at the right one. */
  readonly occurrence?: number;
}

/** Kind-specific fields exactly as a knowledge file writes them (level, sessionType, metric …). */
export type EntityFields = Readonly<Record<string, unknown>>;

export interface CandidateEntity {
  /** The id the candidate file uses: the existing id when linked, a new one otherwise. */
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  /** The existing entity this mention links to; absent for a proposed new entity. */
  readonly linkedTo?: string;
  /** The first mention: the words of the text that name it. */
  readonly mention: { readonly text: string; readonly start: number; readonly end: number };
  /** Every mention merged into this candidate (headline, body, caption …), in text order. */
  readonly mentions?: readonly { readonly start: number; readonly end: number }[];
  readonly aliases: readonly string[];
  readonly evidence: readonly CandidateEvidence[];
  readonly fields: EntityFields;
  readonly confidence: number;
  readonly rule: string;
}

export interface CandidateRelation {
  /** `rel/source-TYPE->target`, as the loader names it. */
  readonly id: string;
  readonly type: RelationType;
  readonly source: string;
  readonly target: string;
  readonly role?: string;
  readonly date?: string;
  readonly evidence: readonly CandidateEvidence[];
  readonly confidence: number;
  readonly rule: string;
}

export interface Extraction {
  readonly documentId: string;
  readonly entities: readonly CandidateEntity[];
  readonly relations: readonly CandidateRelation[];
}

/** One raw finding of a rule, before mentions of the same thing are merged. */
export interface Finding {
  readonly kind: EntityKind;
  readonly name: string;
  /** The span that names it (or, for outcomes, the figure). */
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly rule: string;
  readonly confidence: number;
  readonly fields: EntityFields;
  readonly linkedTo?: string;
  /** Extra quote span (e.g. an outcome's whole clause); defaults to the sentence. */
  readonly quote?: { readonly start: number; readonly end: number };
}
