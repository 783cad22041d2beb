/**
 * Leave-one-document-out evaluation: for each corpus document, extract against the graph
 * without anything curated from it, and compare with what curators recorded from it.
 * Entities match by kind and (linked id, normalised name or alias, or, unless strict, a
 * mention inside one of the curated entity's evidence quotes: curated names are often worded
 * differently from the text, e.g. "the Third Plenary Session of the 18th CPC Central Committee");
 * outcomes by value, unit and year; relations by type and matched endpoints.
 */
import { loadGraphData } from '../graph/load.js';
import type { Snapshot } from '../graph/snapshot.js';
import type { EntityKind } from '../model/ontology.js';
import type { EntityRecord } from '../model/records.js';
import { extract } from './extract.js';
import { copyWithout, removeDir } from './holdout.js';
import { normPhrase, normWords, singular } from './normalise.js';
import type { CandidateEntity, Extraction } from './types.js';

export const EVAL_KINDS: readonly EntityKind[] = ['ORGAN', 'PLENARY_SESSION', 'CAMPAIGN', 'OUTCOME', 'PERSON', 'LAW'];

export interface KindScore {
  tp: number;
  predicted: number;
  gold: number;
  goldFound: number;
  exact: number;
}

export interface EvalReport {
  readonly kinds: Record<string, KindScore & { precision: number; recall: number; exactShare: number }>;
  readonly relations: { precision: number; recall: number; tp: number; predicted: number; gold: number };
  readonly documents: number;
  readonly failedRules: readonly [string, number][];
  readonly ms: number;
}

const yearOfGold = (e: EntityRecord): string | undefined => {
  const o = e.outcome;
  return (o?.year ?? o?.period?.end ?? o?.period?.start)?.text.slice(0, 4);
};
const yearOfCand = (c: CandidateEntity): string | undefined => {
  const f = c.fields as { year?: string; period?: { start?: string; end?: string } };
  return (f.year ?? f.period?.end ?? f.period?.start)?.slice(0, 4);
};

function unitMatches(c: CandidateEntity, g: EntityRecord): boolean {
  const unit = String(c.fields.unit ?? '');
  const gu = g.outcome?.unit ?? '';
  if (unit === 'percent' || gu === 'percent') return unit === gu;
  const head = singular((unit.split(/\s+/).pop() ?? '').toLowerCase());
  const words = new Set([
    ...normWords(gu),
    ...normWords(g.name),
    ...(g.outcome?.metric ?? '').split('-').map(singular),
  ]);
  return words.has(head);
}

function entityMatches(c: CandidateEntity, g: EntityRecord, docId: string): boolean {
  if (c.kind !== g.kind) return false;
  if (c.linkedTo) return c.linkedTo === g.id;
  if (c.kind === 'OUTCOME') {
    return c.fields.value === g.outcome?.value && unitMatches(c, g) && yearOfCand(c) === yearOfGold(g);
  }
  const names = [g.name, ...g.aliases].map(normPhrase);
  if (names.includes(normPhrase(c.name))) return true;
  const spans = g.evidence.filter((ev) => ev.document === docId);
  return spans.some((ev) => c.mention.start < ev.end && ev.start < c.mention.end);
}

/** How strongly a candidate matches a gold entity: 2 by id or name (or value, unit, year), 1 by span, 0 not. */
function matchStrength(c: CandidateEntity, g: EntityRecord, docId: string): number {
  if (!entityMatches(c, g, docId)) return 0;
  if (c.linkedTo || c.kind === 'OUTCOME') return 2;
  return [g.name, ...g.aliases].map(normPhrase).includes(normPhrase(c.name)) ? 2 : 1;
}

/**
 * Gold entities found, one candidate per gold entity: a candidate whose sentence overlaps the
 * quotes of several gold entities finds only one of them. Strong matches (id, name, figure)
 * are paired first, then span overlaps; each pass in document order, so the count is stable.
 */
function pairUp(
  p: readonly CandidateEntity[],
  g: readonly EntityRecord[],
  docId: string,
  minStrength: number,
): Map<string, string> {
  const usedGold = new Set<string>();
  const pairs = new Map<string, string>();
  for (const level of [2, 1].filter((l) => l >= minStrength)) {
    for (const c of p) {
      if (pairs.has(c.id)) continue;
      const hit = g.find((e) => !usedGold.has(e.id) && matchStrength(c, e, docId) === level);
      if (hit) {
        usedGold.add(hit.id);
        pairs.set(c.id, hit.id);
      }
    }
  }
  return pairs;
}

function exactName(c: CandidateEntity, g: EntityRecord): boolean {
  if (c.kind === 'OUTCOME') return c.fields.figure === g.outcome?.figure;
  return [g.name, ...g.aliases].map(normPhrase).includes(normPhrase(c.mention.text));
}

export function evaluateDocument(
  full: Snapshot,
  held: Snapshot,
  docId: string,
  strict = false,
): {
  extraction: Extraction;
  scores: Record<string, KindScore>;
  rel: { tp: number; predicted: number; gold: number };
  failed: string[];
} {
  const doc = full.getDocument(docId);
  if (!doc) throw new Error(`no document ${docId}`);
  const extraction = extract(held, doc.text, { documentId: docId, published: doc.published });
  const gold = full.entitiesMentionedIn(docId);
  const scores: Record<string, KindScore> = {};
  const failed: string[] = [];
  const matchOf = new Map<string, string>();
  for (const kind of EVAL_KINDS) {
    const g = gold.filter((e) => e.kind === kind);
    const p = extraction.entities.filter((e) => e.kind === kind);
    const s: KindScore = { tp: 0, predicted: p.length, gold: g.length, goldFound: 0, exact: 0 };
    const minStrength = strict ? 2 : 1;
    const pairs = pairUp(p, g, docId, minStrength);
    for (const c of p) {
      // A candidate paired one-to-one keeps its pair (relations are scored through it); a
      // second mention of a found entity still counts as right for precision.
      const paired = pairs.get(c.id);
      const hit = g.find((e) => e.id === paired) ?? g.find((e) => matchStrength(c, e, docId) >= minStrength);
      if (hit) {
        s.tp++;
        matchOf.set(c.id, hit.id);
        if (exactName(c, hit)) s.exact++;
      } else failed.push(c.rule);
    }
    s.goldFound = pairs.size;
    scores[kind] = s;
  }
  for (const c of extraction.entities) if (!matchOf.has(c.id) && c.linkedTo) matchOf.set(c.id, c.linkedTo);
  const goldRels = new Set(
    [...new Set(gold.flatMap((e) => full.relationsOf(e.id, 'OUT')))]
      .filter((r) => r.type !== 'MENTIONS' && r.evidence.some((ev) => ev.document === docId))
      .map((r) => `${r.source}|${r.type}|${r.target}`),
  );
  let tp = 0;
  for (const r of extraction.relations) {
    const key = `${matchOf.get(r.source) ?? r.source}|${r.type}|${matchOf.get(r.target) ?? r.target}`;
    if (goldRels.has(key)) tp++;
    else failed.push(r.rule);
  }
  return { extraction, scores, rel: { tp, predicted: extraction.relations.length, gold: goldRels.size }, failed };
}

/** strict: a candidate counts only by linked id, name or alias (outcomes: value, unit, year). */
/** `only`: evaluate these documents (each held out in turn from the whole graph) instead of all. */
export function evaluateCorpus(dataDir: string, strict = false, only?: readonly string[]): EvalReport {
  const started = performance.now();
  const full = loadGraphData(dataDir);
  const totals: Record<string, KindScore> = {};
  const rel = { tp: 0, predicted: 0, gold: 0 };
  const failed = new Map<string, number>();
  const docs = full
    .documents()
    .map((d) => d.id)
    .filter((id) => !only || only.includes(id))
    .sort();
  for (const id of docs) {
    const work = copyWithout(dataDir, id);
    let held: Snapshot;
    try {
      held = loadGraphData(work);
    } finally {
      removeDir(work);
    }
    const r = evaluateDocument(full, held, id, strict);
    for (const [k, s] of Object.entries(r.scores)) {
      const t = totals[k] ?? { tp: 0, predicted: 0, gold: 0, goldFound: 0, exact: 0 };
      totals[k] = t;
      t.tp += s.tp;
      t.predicted += s.predicted;
      t.gold += s.gold;
      t.goldFound += s.goldFound;
      t.exact += s.exact;
    }
    rel.tp += r.rel.tp;
    rel.predicted += r.rel.predicted;
    rel.gold += r.rel.gold;
    for (const rule of r.failed) failed.set(rule, (failed.get(rule) ?? 0) + 1);
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const kinds = Object.fromEntries(
    Object.entries(totals).map(([k, s]) => [
      k,
      {
        ...s,
        precision: ratio(s.tp, s.predicted),
        recall: ratio(s.goldFound, s.gold),
        exactShare: ratio(s.exact, s.tp),
      },
    ]),
  );
  return {
    kinds,
    relations: { ...rel, precision: ratio(rel.tp, rel.predicted), recall: ratio(rel.tp, rel.gold) },
    documents: docs.length,
    failedRules: [...failed.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10),
    ms: Math.round(performance.now() - started),
  };
}
