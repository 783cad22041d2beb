/**
 * Node ids are plain values, not promises (src/schema/node-ids.ts): an answer made only of
 * synchronous fields completes in one pass, which graphql-js's executeSync checks (it throws
 * when any field returned a promise), and each id is the record's own.
 */
import { executeSync, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const run = (query: string, variables: Record<string, unknown>) =>
  executeSync({
    schema,
    document: parse(query),
    variableValues: variables,
    contextValue: { snapshot: bundledSnapshot() },
  });

describe('node ids', () => {
  it('an entity lookup with its documents completes synchronously, with the records’ ids', () => {
    const id = 'organ/ministry-of-public-security';
    const result = run('query ($id: ID!) { entity(id: $id) { id kind evidence { document { id } } } }', { id });
    expect(result.errors).toBeUndefined();
    const entity = (result.data as { entity: { id: string; evidence: { document: { id: string } }[] } }).entity;
    expect(entity.id).toBe(id);
    expect(entity.evidence.length).toBeGreaterThan(0);
    for (const ev of entity.evidence) expect(ev.document.id).toMatch(/^source\//);
  });

  it('a 2-hop neighbourhood (entity and relation ids) completes synchronously', () => {
    const snapshot = bundledSnapshot();
    const result = run(
      'query ($id: ID!) { neighborhood(ids: [$id], depth: 2, limit: 30) { nodes { id } edges { id } } }',
      { id: 'organ/ministry-of-public-security' },
    );
    expect(result.errors).toBeUndefined();
    const { nodes, edges } = (result.data as { neighborhood: { nodes: { id: string }[]; edges: { id: string }[] } })
      .neighborhood;
    expect(nodes.length).toBeGreaterThan(1);
    expect(edges.length).toBeGreaterThan(0);
    for (const n of nodes) expect(snapshot.getEntity(n.id)?.id).toBe(n.id);
    for (const e of edges) expect(snapshot.getRelation(e.id)?.id).toBe(e.id);
  });
});
