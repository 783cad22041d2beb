/**
 * `extract` on an invented sentence, as the rule tests run it: against the graph curated from
 * the first five documents only (so a rule cannot lean on later curation), published on a
 * fixed date so relative times resolve the same way in every test.
 */
import { resolve } from 'node:path';
import { loadGraphData } from '../../src/graph/load.js';
import type { Snapshot } from '../../src/graph/snapshot.js';
import { extract } from '../../src/ingest/extract.js';
import { copyKeepingOnly, FIRST_FIVE_DOCUMENTS, removeDir } from '../../src/ingest/holdout.js';
import { parsePartialDate } from '../../src/model/dates.js';

let firstFive: Snapshot | undefined;

function firstFiveSnapshot(): Snapshot {
  if (!firstFive) {
    const copy = copyKeepingOnly(resolve(import.meta.dirname, '../../graph-data'), FIRST_FIVE_DOCUMENTS);
    try {
      firstFive = loadGraphData(copy);
    } finally {
      removeDir(copy);
    }
  }
  return firstFive;
}

export const extractInvented = (text: string, documentId: string, published = '2023-06-10') =>
  extract(firstFiveSnapshot(), text, { documentId, published: parsePartialDate(published) ?? undefined });

/** The relations `extract` proposes for an invented text, as `source TYPE target` by the candidates' names (outcomes by their value). */
export function inventedRelations(text: string, documentId: string, type?: string): string[] {
  const x = extractInvented(text, documentId);
  const label = new Map(
    x.entities.map((e) => [e.id, e.kind === 'OUTCOME' ? `#${String(e.fields.value)}` : e.name] as const),
  );
  return x.relations
    .filter((r) => !type || r.type === type)
    .map((r) => `${label.get(r.source)} ${r.type} ${label.get(r.target)}`)
    .sort();
}
