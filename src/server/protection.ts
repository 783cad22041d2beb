/** Request-level protections that graphql-armor does not cover: body size and execution time. */
import {
  defaultFieldResolver,
  type GraphQLField,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { TimeoutError } from '../model/errors.js';
import type { Context } from '../schema/index.js';

const limitError = (message: string, limit: string, allowed: number) => ({
  errors: [{ message, extensions: { code: 'LIMIT_EXCEEDED', limit, allowed } }],
});

/**
 * Refuses bodies over the limit before they are read. Bodies must declare their length: a
 * chunked body could only be measured by reading it, which is what a flood wants us to do.
 */
export function bodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) {
        endResponse(
          fetchAPI.Response.json(
            limitError('request bodies must declare their Content-Length', 'maxBodyBytes', maxBytes),
            {
              status: 411,
            },
          ),
        );
      } else if (Number(declared) > maxBytes) {
        endResponse(
          fetchAPI.Response.json(
            limitError(`request body is larger than ${maxBytes} bytes`, 'maxBodyBytes', maxBytes),
            {
              status: 413,
            },
          ),
        );
      }
    },
  };
}

/** Marks a field whose resolver checks the deadline, so servers sharing the schema wrap it once. */
const CHECKS_DEADLINE = Symbol('reform-graph checks the deadline');

/**
 * Can this field do more than O(1) work? Root fields, fields with arguments (traversals,
 * searches, pages) and fields returning lists: a runaway query has to go through them.
 */
function mayRunLong(field: GraphQLField<unknown, unknown>, isRoot: boolean): boolean {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isRoot || field.args.length > 0 || isListType(type);
}

/**
 * Cuts an execution that runs past its deadline. Resolvers here are synchronous, so the check
 * runs before each resolver that may do real work: a runaway query stops at the next such
 * field instead of hanging. Not @envelop/on-resolve: it wraps every field and allocates a
 * payload object and closures on every call, which on a lookup was much of the execution;
 * a scalar field without arguments cannot run long, so it keeps its bare resolver.
 */
export function timeoutPlugins(timeoutMs: number): Plugin<Context>[] {
  return [
    {
      onContextBuilding({ extendContext }) {
        extendContext({ deadline: performance.now() + timeoutMs, timeoutMs });
      },
      onSchemaChange({ schema }) {
        const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
        for (const type of Object.values(schema.getTypeMap())) {
          if (!isObjectType(type) || isIntrospectionType(type)) continue;
          for (const field of Object.values(type.getFields())) {
            const marked = field as typeof field & { [CHECKS_DEADLINE]?: true };
            if (marked[CHECKS_DEADLINE] || !mayRunLong(field, roots.has(type))) continue;
            const resolve = field.resolve ?? defaultFieldResolver;
            field.resolve = (root, args, context: Context, info) => {
              if (context.deadline !== undefined && performance.now() > context.deadline) {
                throw new TimeoutError(context.timeoutMs ?? timeoutMs);
              }
              return resolve(root, args, context, info);
            };
            marked[CHECKS_DEADLINE] = true;
          }
        }
      },
    },
  ];
}
