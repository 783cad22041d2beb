/**
 * Synchronous `id` fields for node types. The relay plugin resolves every node's `id` through
 * an `async` wrapper (`t.globalID`), so each id in an answer was a promise: a 2-hop answer's
 * thirty nodes and their relations made the whole execution asynchronous, with a microtask
 * and graphql-jit's promise handling per id, for a value that is the record's own id string
 * (encodeGlobalID is the identity here). This gives each node type's `id` the same value
 * computed directly: the node's own id resolver, encoded as the wrapper would.
 */
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { encodeGlobalID } from './builder.js';

type Resolver = GraphQLFieldResolver<unknown, unknown>;

/** Replaces, in place, each node type's async `id` resolver by a synchronous one; returns the schema. */
export function syncNodeIds(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const options = type.extensions as { pothosOptions?: { id?: { resolve?: Resolver } } };
    const resolveId = options.pothosOptions?.id?.resolve;
    const field = type.getFields().id;
    const wrapped = field?.resolve;
    if (!field || !wrapped || typeof resolveId !== 'function') continue;
    const name = type.name;
    field.resolve = (parent, args, context, info) => {
      const id = resolveId(parent, args, context, info);
      // An id resolver that is itself asynchronous (none is today) keeps the plugin's path.
      if (id === null || id === undefined || typeof (id as { then?: unknown }).then === 'function') {
        return wrapped(parent, args, context, info);
      }
      return encodeGlobalID(name, String(id));
    };
  }
  return schema;
}
