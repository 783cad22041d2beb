/**
 * Curation cost, the part that is not time: how many of the candidates `ingest` wrote were
 * accepted unchanged, edited, rejected, or added by hand, found by comparing the untouched
 * candidate file with the knowledge file the curator accepted.
 *
 *   npx tsx bench/curation-diff.ts <original candidates.yaml> <knowledge/<id>.yaml>
 *
 * Items are matched by id (relations by source-TYPE->target). A candidate whose id is gone
 * counts as edited when an accepted item of its kind quotes the same passage (a renamed
 * entity, a relation whose end was renamed), otherwise as rejected. Quotes are compared after
 * trimming (accept trims them), and `assertion` is left out of the comparison because the
 * extractor does not propose it: every relation needs one from the curator.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Item = Record<string, unknown>;
interface FileShape {
  entities?: Item[];
  extends?: Item[];
  relations?: Item[];
}

const read = (path: string) => (parse(readFileSync(path, 'utf8')) ?? {}) as FileShape;

const quotesOf = (item: Item): string[] =>
  ((item.evidence as Item[] | undefined) ?? []).map((ev) => String(ev.quote).trim());

function canonical(item: Item): string {
  const { assertion: _a, evidence, ...rest } = item;
  const ev = ((evidence as Item[] | undefined) ?? []).map((e) => ({ ...e, quote: String(e.quote).trim() }));
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ ...sorted, evidence: ev });
}

const overlaps = (a: string[], b: string[]) => a.some((x) => b.some((y) => x.includes(y) || y.includes(x)));

const relKey = (r: Item, rename: Map<string, string> = new Map()) =>
  `${rename.get(String(r.source)) ?? r.source}-${r.type}->${rename.get(String(r.target)) ?? r.target}`;

export interface CurationCounts {
  candidates: number;
  unchanged: number;
  edited: number;
  rejected: number;
  added: number;
  accepted: number;
}

export function curationDiff(candidates: FileShape, accepted: FileShape): CurationCounts {
  const counts = { candidates: 0, unchanged: 0, edited: 0, rejected: 0, added: 0, accepted: 0 };
  const candEntities = [...(candidates.entities ?? []), ...(candidates.extends ?? [])];
  const finalEntities = [...(accepted.entities ?? []), ...(accepted.extends ?? [])];
  const finalById = new Map(finalEntities.map((e) => [String(e.id), e]));
  const matched = new Set<Item>();
  const rename = new Map<string, string>();
  for (const c of candEntities) {
    counts.candidates++;
    const same = finalById.get(String(c.id));
    if (same && !matched.has(same)) {
      matched.add(same);
      if (canonical(same) === canonical(c)) counts.unchanged++;
      else counts.edited++;
      continue;
    }
    const kindOf = (e: Item) => e.kind ?? String(e.id).split('/')[0];
    const like = finalEntities.find(
      (f) => !matched.has(f) && kindOf(f) === kindOf(c) && overlaps(quotesOf(f), quotesOf(c)),
    );
    if (like) {
      matched.add(like);
      rename.set(String(c.id), String(like.id));
      counts.edited++;
    } else counts.rejected++;
  }
  counts.added += finalEntities.filter((f) => !matched.has(f)).length;

  const finalRelations = accepted.relations ?? [];
  const relByKey = new Map(finalRelations.map((r) => [relKey(r), r]));
  const matchedRel = new Set<Item>();
  for (const c of candidates.relations ?? []) {
    counts.candidates++;
    const same = relByKey.get(relKey(c));
    if (same && !matchedRel.has(same)) {
      matchedRel.add(same);
      if (canonical(same) === canonical(c)) counts.unchanged++;
      else counts.edited++;
      continue;
    }
    const renamed = relByKey.get(relKey(c, rename));
    if (renamed && !matchedRel.has(renamed)) {
      matchedRel.add(renamed);
      counts.edited++;
    } else counts.rejected++;
  }
  counts.added += finalRelations.filter((r) => !matchedRel.has(r)).length;
  counts.accepted = finalEntities.length + finalRelations.length;
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [candPath, finalPath] = process.argv.slice(2);
  if (!candPath || !finalPath) {
    console.error('usage: npx tsx bench/curation-diff.ts <original candidates.yaml> <knowledge file>');
    process.exit(2);
  }
  const c = curationDiff(read(candPath), read(finalPath));
  console.log(
    `candidates ${c.candidates}: unchanged ${c.unchanged}, edited ${c.edited}, rejected ${c.rejected}; added by hand ${c.added}; accepted items ${c.accepted}`,
  );
}
