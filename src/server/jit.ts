/**
 * graphql-jit for yoga: each operation is compiled once into a JS function instead of
 * graphql-js walking the AST on every request. Resolvers, and the plugins that wrap them (the
 * execution deadline), still run; only the generic executor is replaced.
 *
 * Not @envelop/graphql-jit: its cache is keyed by document alone, so a document holding two
 * operations answered the second with the first (tests/e2e/fast-path.test.ts keeps that from
 * coming back), and its compiled functions cannot be shared with the node:http fast path,
 * which would then compile every operation a second time inside the request's deadline.
 */
import { getDocumentString, makeExecute } from '@envelop/core';
import { type DocumentNode, type GraphQLSchema, print } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { Lru } from '../graph/lru.js';

/** Operations kept compiled; a client minting new query texts only churns this LRU. */
const MAX_COMPILED = 1000;

// \u0000 cannot occur in an operation name, so name and text never run together.
const keyOf = (query: string, operationName: string | null | undefined) => `${operationName ?? ''}\u0000${query}`;

/**
 * Compiled operations by (operation name, query text). Filled only from yoga's execute phase,
 * so everything in it has passed parsing and validation with every limit.
 */
export class CompiledOperations {
  private readonly byText = new Lru<CompiledQuery>(MAX_COMPILED);

  constructor(private readonly compilerOptions: { disablingCapturingStackErrors?: boolean } = {}) {}

  /** An operation compiled before, by the text a client sends. */
  get(query: string, operationName?: string | null): CompiledQuery | undefined {
    return this.byText.get(keyOf(query, operationName));
  }

  /** The compiled operation of a validated document, compiled now if new; null if jit cannot. */
  compile(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): CompiledQuery | null {
    // The text yoga parsed it from; a document from elsewhere is printed, to key it the same way.
    const text = getDocumentString(document, print);
    const cached = this.get(text, operationName);
    if (cached) return cached;
    const compiled = compileQuery(schema, document, operationName ?? undefined, this.compilerOptions);
    // A document jit cannot compile runs on graphql-js, which reports what is wrong.
    if (!isCompiledQuery(compiled)) return null;
    this.byText.set(keyOf(text, operationName), compiled);
    return compiled;
  }
}

export function jitPlugin(operations: CompiledOperations): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const compiled = operations.compile(args.schema, args.document, args.operationName);
      if (!compiled) return;
      setExecuteFn(makeExecute((a) => compiled.query(a.rootValue, a.contextValue, a.variableValues)));
    },
  };
}

export function compiledOperations(): CompiledOperations {
  // Errors thrown by resolvers keep their stack only in development; capturing it costs.
  return new CompiledOperations({ disablingCapturingStackErrors: process.env.NODE_ENV === 'production' });
}
