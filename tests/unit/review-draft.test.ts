/**
 * The review page's draft (review/src/model.ts), without a browser: what re-linking, merging
 * and renaming do to the candidates and the relations that name them, and what is saved.
 */
import { describe, expect, it } from 'vitest';
import type { CandidateFile } from '../../review/src/api.js';
import { Draft, relationKey, rowKey } from '../../review/src/model.js';

const MPS = {
  id: 'organ/ministry-of-public-security',
  name: 'Ministry of Public Security',
  kind: 'ORGAN',
  aliases: ['MPS'],
};

function file(): CandidateFile {
  return {
    document: 'doc',
    entities: [
      { id: 'organ/the-ministry', kind: 'ORGAN', name: 'the Ministry', evidence: [{ quote: 'the Ministry said' }] },
      { id: 'campaign/spring', kind: 'CAMPAIGN', name: 'Spring Thunder', evidence: [{ quote: 'Spring Thunder' }] },
      {
        id: 'campaign/spring-thunder',
        kind: 'CAMPAIGN',
        name: 'Spring Thunder campaign',
        evidence: [{ quote: 'the campaign' }],
      },
    ],
    extends: [{ id: MPS.id, evidence: [{ quote: 'MPS' }] }],
    relations: [
      {
        type: 'LAUNCHED',
        source: 'organ/the-ministry',
        target: 'campaign/spring',
        evidence: [{ quote: 'launched it' }],
      },
      { type: 'LAUNCHED', source: MPS.id, target: 'campaign/spring', evidence: [{ quote: 'MPS launched' }] },
      { type: 'LAUNCHED', source: MPS.id, target: 'campaign/spring-thunder', evidence: [{ quote: 'MPS launched' }] },
    ],
    review: {
      'organ/the-ministry': { confidence: 0.6, rule: 'name-organ' },
      'campaign/spring': { confidence: 0.8, rule: 'quoted', decision: 'rejected' },
    },
  };
}

const keys = (d: Draft) => d.ordered().map(rowKey);

describe('review draft', () => {
  it('restores decisions saved in the review notes', () => {
    const d = new Draft(file(), { [MPS.id]: MPS });
    expect(d.rows.find((r) => r.item.id === 'campaign/spring')?.decision).toBe('rejected');
    expect(d.rows.find((r) => r.item.id === 'organ/the-ministry')?.decision).toBe('pending');
  });

  it('re-linking a new entity to an existing one makes it a link, moves its relations and merges duplicates', () => {
    const d = new Draft(file(), { [MPS.id]: MPS });
    const ministry = d.rows.find((r) => r.item.id === 'organ/the-ministry');
    if (!ministry) throw new Error('fixture');
    d.relink(ministry, MPS);
    // The existing link absorbed the quotes instead of a second link to the same entity.
    expect(d.rows.filter((r) => r.section === 'extends')).toHaveLength(1);
    expect(d.rows.find((r) => r.section === 'extends')?.item.evidence).toEqual([
      { quote: 'MPS' },
      { quote: 'the Ministry said' },
    ]);
    // Both LAUNCHED relations to campaign/spring now join the same ends: one relation, both quotes.
    const launched = d.rows.filter((r) => r.section === 'relations' && r.item.target === 'campaign/spring');
    expect(launched).toHaveLength(1);
    expect(launched[0]?.item.evidence).toEqual([{ quote: 'launched it' }, { quote: 'MPS launched' }]);
    expect(keys(d)).not.toContain('organ/the-ministry');
    expect(d.toFile().file.review['organ/the-ministry']).toMatchObject({ decision: 'merged', into: MPS.id });
  });

  it('re-linking to an entity not linked yet turns the row into an extends item and notes the link', () => {
    const d = new Draft(file(), {});
    const ministry = d.rows.find((r) => r.item.id === 'organ/the-ministry');
    if (!ministry) throw new Error('fixture');
    const other = { id: 'organ/state-council', name: 'State Council', kind: 'ORGAN', aliases: [] };
    d.relink(ministry, other);
    expect(ministry.section).toBe('extends');
    expect(ministry.item).toEqual({ id: other.id, evidence: [{ quote: 'the Ministry said' }] });
    expect(ministry.note.linkedTo).toBe(other.id);
    expect(d.rows.some((r) => r.section === 'relations' && r.item.source === other.id)).toBe(true);
    expect(d.nameOf(other.id)).toBe('State Council');
  });

  it('merging two candidates keeps one, with both quotes, the other name as an alias, and the relations', () => {
    const d = new Draft(file(), { [MPS.id]: MPS });
    const short = d.rows.find((r) => r.item.id === 'campaign/spring');
    const long = d.rows.find((r) => r.item.id === 'campaign/spring-thunder');
    if (!short || !long) throw new Error('fixture');
    d.merge(short, long);
    expect(long.item.evidence).toEqual([{ quote: 'the campaign' }, { quote: 'Spring Thunder' }]);
    expect(long.item.aliases).toEqual(['Spring Thunder']);
    const targets = d.rows.filter((r) => r.section === 'relations').map((r) => relationKey(r.item));
    expect(targets).toEqual([
      'rel/organ/the-ministry-LAUNCHED->campaign/spring-thunder',
      `rel/${MPS.id}-LAUNCHED->campaign/spring-thunder`,
    ]);
  });

  it('renaming an id follows into relations; the saved file lists accepted indices and decisions', () => {
    const d = new Draft(file(), { [MPS.id]: MPS });
    const ministry = d.rows.find((r) => r.item.id === 'organ/the-ministry');
    if (!ministry) throw new Error('fixture');
    d.setField(ministry, 'id', 'organ/provincial-department');
    d.decide(ministry, 'accepted');
    const added = d.addEntity('PERSON', 'Zhang Wei', 'person/zhang-wei', { quote: 'Zhang Wei' });
    const { file: out, accepted } = d.toFile();
    expect(out.relations[0]?.source).toBe('organ/provincial-department');
    expect(accepted.entities).toEqual([0, 3]);
    expect(out.entities[3]).toEqual({
      id: 'person/zhang-wei',
      kind: 'PERSON',
      name: 'Zhang Wei',
      evidence: [{ quote: 'Zhang Wei' }],
    });
    expect(out.review['organ/provincial-department']).toEqual({
      confidence: 0.6,
      rule: 'name-organ',
      decision: 'accepted',
      edited: true,
    });
    expect(out.review[rowKey(added)]).toEqual({ confidence: 1, rule: 'curator', decision: 'accepted' });
    expect(out.review['campaign/spring']).toEqual({ confidence: 0.8, rule: 'quoted', decision: 'rejected' });
  });
});
