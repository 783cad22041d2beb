/**
 * The candidate file: the same shape as a curated knowledge file (document, entities,
 * extends, relations) plus a top-level `review` map with each item's confidence and rule.
 * `review` is the only extra key; it is stripped before the loader checks the file.
 */
import { dump } from 'js-yaml';
import type { CandidateEntity, CandidateEvidence, CandidateRelation, Extraction } from './types.js';

export interface ReviewNote {
  readonly confidence: number;
  readonly rule: string;
  readonly linkedTo?: string;
}

export interface CandidateFile {
  document: string;
  entities: Record<string, unknown>[];
  extends: Record<string, unknown>[];
  relations: Record<string, unknown>[];
  review: Record<string, ReviewNote>;
}

/** Kind-specific keys in the order curators write them. */
const FIELD_ORDER = [
  'level',
  'sessionType',
  'ordinal',
  'bodyOrdinal',
  'series',
  'campaignType',
  'start',
  'position',
  'metric',
  'value',
  'unit',
  'qualifier',
  'figure',
  'date',
  'year',
  'period',
  'baseline',
  'direction',
  'scope',
];

const evidenceOut = (ev: CandidateEvidence) =>
  ev.occurrence ? { quote: ev.quote, occurrence: ev.occurrence } : { quote: ev.quote };

export function entityItem(e: CandidateEntity): Record<string, unknown> {
  const item: Record<string, unknown> = { id: e.id, kind: e.kind, name: e.name };
  if (e.aliases.length > 0) item.aliases = [...e.aliases];
  for (const key of FIELD_ORDER) if (e.fields[key] !== undefined) item[key] = e.fields[key];
  item.evidence = e.evidence.map(evidenceOut);
  return item;
}

export function relationItem(r: CandidateRelation): Record<string, unknown> {
  // Rules that read one sentence find what it states; those reading a paragraph or a byline infer.
  const assertion = /-(?:paragraph|voice)$/.test(r.rule) ? 'IMPLIED_BY_CONTEXT' : 'STATED';
  const item: Record<string, unknown> = { type: r.type, source: r.source, target: r.target, assertion };
  if (r.role) item.role = r.role;
  if (r.date) item.date = r.date;
  item.evidence = r.evidence.map(evidenceOut);
  return item;
}

export function toCandidateFile(x: Extraction): CandidateFile {
  const review: Record<string, ReviewNote> = {};
  const entities: Record<string, unknown>[] = [];
  const extensions: Record<string, unknown>[] = [];
  for (const e of x.entities) {
    if (e.linkedTo) extensions.push({ id: e.id, evidence: e.evidence.map(evidenceOut) });
    else entities.push(entityItem(e));
    review[e.id] = { confidence: e.confidence, rule: e.rule, ...(e.linkedTo ? { linkedTo: e.linkedTo } : {}) };
  }
  for (const r of x.relations) review[r.id] = { confidence: r.confidence, rule: r.rule };
  return { document: x.documentId, entities, extends: extensions, relations: x.relations.map(relationItem), review };
}

/** The file as the loader sees it: everything but `review`. */
export function asKnowledge(file: CandidateFile): Omit<CandidateFile, 'review'> {
  const { review: _review, ...rest } = file;
  return rest;
}

export function relationId(item: Record<string, unknown>): string {
  return `rel/${item.id ?? `${item.source}-${item.type}->${item.target}`}`;
}

/**
 * YAML as curators read it: block style, no line folding, no anchors. js-yaml's dumper, as the
 * loader already uses js-yaml to read: the `yaml` package's stringify was a fifth to a third of
 * the time to ingest a 20 kB article (bench: scripts/ingest-bench.ts), for the same data.
 */
export function serialise(file: CandidateFile | Omit<CandidateFile, 'review'>, header?: string): string {
  const body = dump(file, { lineWidth: -1, noRefs: true, quoteStyle: 'double' });
  return header ? `${header.replace(/^/gm, '# ')}\n${body}` : body;
}
