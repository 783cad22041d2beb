/**
 * Packages and their items (issue 18): the count a package states beside the items linked to
 * it, and the check that listed items are linked to their whole.
 */
import { describe, expect, it } from 'vitest';
import { unlinkedListItems } from '../../src/graph/list-links.js';
import { Snapshot } from '../../src/graph/snapshot.js';
import { snapshotInputOf } from '../../src/graph/snapshot-file.js';
import { bundledSnapshot, query } from '../helpers/graphql.js';

describe('statedCount beside the items linked', () => {
  it('the 26 measures, the "10+5+8" measures and the eight online measures state their counts', async () => {
    const data = await query(`{
      measures: entity(id: "reform/26-measures-high-quality-development-services") {
        ... on Reform { statedCount statedCountFigure linkedItemCount }
      }
      traffic: entity(id: "reform/traffic-management-10-5-8-measures") {
        ... on Reform { statedCount statedCountFigure linkedItemCount }
      }
      online: entity(id: "reform/online-immigration-facilitation-measures") { ... on Reform { statedCount linkedItemCount } }
      plain: entity(id: "reform/public-security-system") { ... on Reform { statedCount statedCountFigure linkedItemCount } }
    }`);
    // The text names four of the 26 measures; the graph links those four.
    expect(data.measures).toEqual({ statedCount: 26, statedCountFigure: '26 measures', linkedItemCount: 4 });
    expect(data.traffic).toEqual({
      statedCount: 23,
      statedCountFigure: '"10+5+8" reform measures',
      linkedItemCount: 4,
    });
    expect(data.online).toEqual({ statedCount: 8, linkedItemCount: 0 });
    expect(data.plain.statedCount).toBeNull();
    expect(data.plain.linkedItemCount).toBeGreaterThan(10);
  });
});

describe('listed items are linked to their whole', () => {
  it('finds no unlinked listed item in the bundled data', () => {
    expect(unlinkedListItems(bundledSnapshot())).toEqual([]);
  });

  it('flags a listed measure once its link to the package is gone', () => {
    const input = snapshotInputOf(bundledSnapshot());
    const dropped =
      'rel/reform/administrative-licensing-list-management-PART_OF->reform/26-measures-high-quality-development-services';
    expect(input.relations.some((r) => r.id === dropped)).toBe(true);
    const without = new Snapshot({ ...input, relations: input.relations.filter((r) => r.id !== dropped) });
    expect(unlinkedListItems(without)).toEqual([
      expect.objectContaining({
        document: 'pps-daily-2024-reform-innovation',
        cue: 'Among the 26 measures',
        item: 'reform/administrative-licensing-list-management',
        wholes: ['reform/26-measures-high-quality-development-services'],
      }),
    ]);
  });

  it('flags the items of an "include:" sentence, sub-measures through their measure', () => {
    const input = snapshotInputOf(bundledSnapshot());
    const dropped = 'rel/reform/work-safety-management-system-reform-PART_OF->reform/public-security-system';
    const without = new Snapshot({ ...input, relations: input.relations.filter((r) => r.id !== dropped) });
    expect(unlinkedListItems(without).map((u) => [u.item, u.cue, u.wholes])).toEqual([
      ['reform/hidden-trouble-investigation-and-management-system', 'include', ['reform/public-security-system']],
      ['reform/safety-prevention-and-control-system', 'include', ['reform/public-security-system']],
      ['reform/work-safety-management-system-reform', 'include', ['reform/public-security-system']],
    ]);
  });
});
