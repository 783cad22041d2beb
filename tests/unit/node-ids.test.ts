/**
 * A Relay node's `id` resolves synchronously (src/schema/node-ids.ts). The Relay plugin's own
 * resolver is async, so a list of nodes cost graphql-jit a promise and a microtask per item:
 * most of the time of the 5,000 `documents` and the 500-entry `timeline` at 100k entities.
 * A compiled operation over lists of documents, entities and relations must now finish
 * without a promise, and every node type's id must be what the plugin's resolver gives.
 */
import { type GraphQLObjectType, isObjectType, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const nodeTypes = Object.values(schema.getTypeMap()).filter(
  (t): t is GraphQLObjectType => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'),
);

describe('node ids', () => {
  it('a compiled list of nodes finishes synchronously, with every id', () => {
    const snapshot = bundledSnapshot();
    const compiled = compileQuery(
      schema,
      parse('{ documents { id } timeline { entity { id } } entities(first: 50) { edges { node { id } } } }'),
    );
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    const result = compiled.query(undefined, { snapshot }, {});
    expect(result).not.toBeInstanceOf(Promise);
    const data = (result as { data: Record<string, { id: string }[]> }).data;
    expect(data.documents?.map((d) => d.id)).toEqual(snapshot.documents().map((d) => d.nodeId));
    expect(data.documents?.length).toBeGreaterThan(20);
  });

  it('gives for every node type the id the Relay plugin gives', async () => {
    const snapshot = bundledSnapshot();
    const samples: Record<string, unknown> = {
      Document: snapshot.documents()[0],
      Relation: snapshot.graph.getEdgeAttributes(snapshot.graph.edges()[0] ?? ''),
    };
    let checked = 0;
    for (const type of nodeTypes) {
      const record =
        samples[type.name] ?? snapshot.entities().find((e) => type.isTypeOf?.(e, { snapshot }, undefined as never));
      if (!record) continue;
      const field = type.getFields().id;
      const sync = field?.resolve?.(record, {}, { snapshot }, undefined as never);
      expect(typeof sync, type.name).toBe('string');
      // What builder.node's id gives, through the Relay plugin's async resolver.
      const own = (type.extensions as { pothosOptions: { id: { resolve: (r: unknown) => string } } }).pothosOptions.id;
      expect(sync, type.name).toBe(String(await own.resolve(record)));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
