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

export const extractInvented = (text: string, documentId: string) =>
  extract(firstFiveSnapshot(), text, { documentId, published: parsePartialDate('2023-06-10') ?? undefined });
