/** The in-memory records the graph holds, as node and edge attributes. */
import type { PartialDate } from './dates.js';
import type {
  Assertion,
  CampaignType,
  ChangeDirection,
  EntityKind,
  EvidenceContext,
  NodeKind,
  OrganLevel,
  Qualifier,
  RelationType,
  ScopeLevel,
  SessionType,
} from './ontology.js';

export interface EvidenceRecord {
  /** Source document id (bare, as in graph-data). */
  readonly document: string;
  readonly quote: string;
  /** UTF-16 offsets into the document text: `text.slice(start, end) === quote`. */
  readonly start: number;
  readonly end: number;
  /** Headline, body, caption or byline: stated in the data or derived from the document. */
  readonly context: EvidenceContext;
  readonly note?: string;
}

export interface EntityRecord {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly nameZh?: string;
  readonly description?: string;
  readonly note?: string;
  readonly date?: PartialDate;
  readonly start?: PartialDate;
  readonly end?: PartialDate;
  readonly evidence: readonly EvidenceRecord[];
  /** The graph-data file that defines it, relative to graph-data/. */
  readonly file: string;
  // kind-specific fields, present only on their kind
  readonly level?: OrganLevel;
  readonly sessionType?: SessionType;
  readonly ordinal?: number;
  readonly bodyOrdinal?: number;
  readonly series?: string;
  readonly campaignType?: CampaignType;
  readonly position?: string;
  /** The number of items a package or plan states it has, with the figure as worded. */
  readonly statedCount?: { readonly count: number; readonly figure: string };
  readonly outcome?: OutcomeFields;
}

export interface OutcomeFields {
  readonly metric: string;
  readonly value?: number;
  readonly unit?: string;
  readonly qualifier?: Qualifier;
  readonly figure?: string;
  readonly year?: PartialDate;
  readonly period?: { readonly start?: PartialDate; readonly end?: PartialDate };
  readonly baseline?: { readonly value?: number; readonly year?: PartialDate; readonly figure?: string };
  readonly direction?: ChangeDirection;
  readonly scope?: { readonly level: ScopeLevel; readonly place?: string };
}

export interface RelationRecord {
  readonly id: string;
  readonly type: RelationType;
  readonly source: string;
  readonly target: string;
  /** How firmly the text backs the link; derived MENTIONS are STATED. */
  readonly assertion: Assertion;
  readonly role?: string;
  readonly date?: PartialDate;
  readonly note?: string;
  readonly evidence: readonly EvidenceRecord[];
  readonly file?: string;
}

export interface SourceDocumentRecord {
  /** Bare id, as used in evidence. */
  readonly id: string;
  /** Node key in the graph: `source/<id>`. */
  readonly nodeId: string;
  readonly file: string;
  readonly title: string;
  readonly publisher?: string;
  readonly author?: string;
  readonly publishedText?: string;
  readonly published?: PartialDate;
  readonly language: string;
  readonly origin: string;
  readonly note?: string;
  readonly text: string;
}

/** Node attributes: an entity or a source document, told apart by `kind`. */
export type NodeRecord =
  | (EntityRecord & { readonly kind: EntityKind })
  | (SourceDocumentRecord & { readonly kind: Extract<NodeKind, 'SOURCE'> });
