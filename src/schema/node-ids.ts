/**
 * The `id` of every Relay node, answered synchronously.
 *
 * The Relay plugin resolves a node's `id` with an async function (`t.globalID`), so every id
 * in an answer is a promise: graphql-jit then finishes each list item in a microtask of its
 * own. At 100k entities that was most of the cost of long lists of nodes (the 5,000
 * `documents`, the 500-entry `timeline`: BENCHMARKS.md, "root fields with their defaults").
 * Our ids resolve from the record itself and encode as themselves, so the same value can be
 * returned at once: the `id` resolver each `builder.node` was given (kept by Pothos on the
 * type), passed through the same encodeGlobalID. An id resolver that returns a promise or an
 * object (a `{ type, id }` shape) keeps the plugin's resolver.
 */
import { type GraphQLSchema, isObjectType } from 'graphql';
import { encodeGlobalID } from './builder.js';

type IdResolver = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;

export function synchronousNodeIds(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) continue;
    const own = (type.extensions as { pothosOptions?: { id?: { resolve?: IdResolver } } }).pothosOptions?.id?.resolve;
    const field = type.getFields().id;
    const relays = field?.resolve;
    if (!own || !field || !relays) continue;
    const name = type.name;
    field.resolve = (parent, args, context, info) => {
      const raw = own(parent, args, context, info);
      return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'bigint'
        ? encodeGlobalID(name, raw)
        : relays(parent, args, context, info);
    };
  }
  return schema;
}
