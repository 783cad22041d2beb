/**
 * Agreement between two hand annotations (eval-ingest --real --against DIR): the second
 * annotation is scored by the extractor's own matching, on the constructed paragraph of issue 15.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadGraphData } from '../../src/graph/load.js';
import { annotationAsExtraction } from '../../src/ingest/annotation-agreement.js';
import { evaluateReal } from '../../src/ingest/evaluate-real.js';
import { copyKeepingOnly, FIRST_FIVE_DOCUMENTS, removeDir } from '../../src/ingest/holdout.js';
import { loadSecondAnnotation } from '../../src/ingest/real-set.js';

const DIR = resolve(import.meta.dirname, '../fixtures/ingest/real-eval');
const SLUG = '2024-08-01-safe-harbour';
const copy = copyKeepingOnly(resolve(import.meta.dirname, '../../graph-data'), FIRST_FIVE_DOCUMENTS);
const snapshot = loadGraphData(copy);
const work = mkdtempSync(join(tmpdir(), 'second-'));
afterAll(() => {
  removeDir(copy);
  rmSync(work, { recursive: true, force: true });
});

function agreement(edit: (doc: { entities: Record<string, unknown>[]; relations: unknown[] }) => void) {
  const doc = parse(readFileSync(join(DIR, `${SLUG}.yaml`), 'utf8'));
  edit(doc);
  writeFileSync(join(work, `${SLUG}.yaml`), stringify(doc));
  return evaluateReal(snapshot, DIR, 'dev', { only: [SLUG] }, (_s, article) => {
    const second = loadSecondAnnotation(work, article.slug);
    if (!second) throw new Error('no second annotation');
    return annotationAsExtraction(article, second);
  });
}

describe('two annotators', () => {
  it('who wrote the same agree on every kind and relation', () => {
    const r = agreement(() => {});
    for (const [kind, s] of Object.entries(r.kinds)) {
      expect([kind, s.precision, s.recall]).toEqual([kind, 1, 1]);
    }
    expect(r.relations).toMatchObject({ precision: 1, recall: 1 });
    expect(r.relations.gold).toBeGreaterThan(0);
  });

  it('disagree exactly where the second differs: an organ left out, an outcome dated to the year', () => {
    const r = agreement((doc) => {
      doc.entities = doc.entities.filter((e) => e.kind !== 'ORGAN');
      const solved = doc.entities.find((e) => e.value === 48000);
      if (!solved) throw new Error('fixture changed');
      delete solved.period;
      solved.year = 2024;
    });
    expect(r.kinds.ORGAN).toMatchObject({ gold: 1, predicted: 0, tp: 0 });
    expect(r.kinds.OUTCOME).toMatchObject({ gold: 5, predicted: 5, tp: 4 });
    expect(r.outcomeValuesLost).toEqual({ metric: 0, time: 1, both: 0 });
    expect(r.kinds.CAMPAIGN).toMatchObject({ precision: 1, recall: 1 });
  });

  it('a directory without a second annotation of the article is not one', () => {
    expect(loadSecondAnnotation(join(work, 'nowhere'), SLUG)).toBeUndefined();
  });
});
