/**
 * graphql-jit for yoga: each operation is compiled once into a JS function instead of
 * graphql-js walking the AST on every request. Resolvers, and the plugins that wrap them (the
 * execution deadline), still run; only the generic executor is replaced.
 *
 * Not @envelop/graphql-jit: its cache is keyed by document alone, so a document holding two
 * operations answered the second with the first (tests/e2e/fast-path.test.ts keeps that from
 * coming back), and its compiled functions cannot be shared with the node:http fast path,
 * which would then compile every operation a second time inside the request's deadline.
 *
 * Compiling is bounded two ways. Its cost grows with the operation's fields, interfaces
 * expanded per possible type (compile-size.ts): past LIMITS.maxCompiledFields an operation is
 * run by graphql-js instead, whose cost follows the data rather than the schema. And a
 * compiled operation is found again by its printed form, so the same operation with other
 * comments, whitespace or commas reuses it instead of paying for compiling again.
 */
import { getDocumentString, makeExecute } from '@envelop/core';
import { BREAK, type DocumentNode, type GraphQLSchema, Kind, print, visit } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { Lru } from '../graph/lru.js';
import { LIMITS } from '../schema/limits.js';
import { compiledFieldCount, operationOf } from './compile-size.js';
import { costVariables } from './complexity.js';

/** Operations kept compiled; a client minting new query texts only churns this LRU. */
const MAX_COMPILED = 1000;

// \u0000 cannot occur in an operation name, so name and text never run together.
const keyOf = (query: string, operationName: string | null | undefined) => `${operationName ?? ''}\u0000${query}`;

/** A compiled operation, with what the fast path needs to run it as yoga would. */
export interface CompiledOperation {
  readonly query: CompiledQuery;
  readonly document: DocumentNode;
  /**
   * The variables the cost estimate depends on (see costVariables), so each request's values
   * of them must be checked; empty when every request has the verdict of the first.
   */
  readonly costVariables: readonly string[];
  /**
   * graphql-jit's JSON writer compiled for this operation's shape (fast-json-stringify), for
   * `{ data }`: it writes the answer field by field from the schema instead of JSON.stringify
   * inspecting every object. Absent where its output could differ from JSON.stringify's.
   */
  readonly stringify?: (result: { data: unknown }) => string;
}

/**
 * Whether graphql-jit's compiled JSON writer gives JSON.stringify's bytes for this document.
 * It writes keys in the order of a schema that merges every possible type's fields, so with a
 * fragment (`... on Organ { level } id`) an object's keys can come out in another order
 * than the answer's; without fragments every type selects the same fields in the same order.
 */
function stringifiesAlike(document: DocumentNode): boolean {
  let alike = true;
  visit(document, {
    enter(node) {
      if (node.kind === Kind.INLINE_FRAGMENT || node.kind === Kind.FRAGMENT_SPREAD) {
        alike = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return alike;
}

/** An operation too large to compile: graphql-js runs it. */
const INTERPRET = 'interpret' as const;
type Entry = CompiledOperation | typeof INTERPRET;

/**
 * Compiled operations by (operation name, query text) and by (operation name, printed
 * document). Filled only from yoga's execute phase, so everything in it has passed parsing,
 * validation and the cost estimate.
 */
export class CompiledOperations {
  private readonly byText = new Lru<Entry>(MAX_COMPILED);
  private readonly byPrinted = new Lru<Entry>(MAX_COMPILED);
  private compiles = 0;

  constructor(private readonly compilerOptions: { disablingCapturingStackErrors?: boolean } = {}) {}

  /** An operation compiled before, by the text a client sends. */
  get(query: string, operationName?: string | null): CompiledOperation | undefined {
    const entry = this.byText.get(keyOf(query, operationName));
    return entry === INTERPRET ? undefined : entry;
  }

  /** How many times an operation was really compiled (not found again). */
  compiled(): number {
    return this.compiles;
  }

  /** The compiled operation of a validated document, compiled now if new; null if it is not compiled. */
  compile(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): CompiledOperation | null {
    // The text yoga parsed it from; a document from elsewhere is printed, to key it the same way.
    const textKey = keyOf(getDocumentString(document, print), operationName);
    const known = this.byText.get(textKey);
    if (known) return known === INTERPRET ? null : known;
    const printedKey = keyOf(print(document), operationName);
    const entry = this.byPrinted.get(printedKey) ?? this.compileNew(schema, document, operationName);
    this.byPrinted.set(printedKey, entry);
    this.byText.set(textKey, entry);
    return entry === INTERPRET ? null : entry;
  }

  private compileNew(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): Entry {
    const cap = LIMITS.maxCompiledFields;
    if (compiledFieldCount(schema, document, operationName, cap) > cap) return INTERPRET;
    this.compiles++;
    const name = operationName ?? undefined;
    const withWriter = stringifiesAlike(document);
    let query = compileQuery(schema, document, name, { ...this.compilerOptions, customJSONSerializer: withWriter });
    // The writer refuses scalars it has no JSON type for: such an operation is compiled without it.
    if (withWriter && !isCompiledQuery(query)) query = compileQuery(schema, document, name, this.compilerOptions);
    // A document jit cannot compile runs on graphql-js, which reports what is wrong.
    if (!isCompiledQuery(query)) return INTERPRET;
    const hasVariables = (operationOf(document, operationName)?.variableDefinitions?.length ?? 0) > 0;
    return {
      query,
      document,
      costVariables: hasVariables ? costVariables(schema, document) : [],
      ...(query.stringify !== JSON.stringify ? { stringify: query.stringify } : {}),
    };
  }
}

export function jitPlugin(operations: CompiledOperations): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const compiled = operations.compile(args.schema, args.document, args.operationName);
      if (!compiled) return;
      setExecuteFn(makeExecute((a) => compiled.query.query(a.rootValue, a.contextValue, a.variableValues)));
    },
  };
}

export function compiledOperations(): CompiledOperations {
  // Errors thrown by resolvers keep their stack only in development; capturing it costs.
  return new CompiledOperations({ disablingCapturingStackErrors: process.env.NODE_ENV === 'production' });
}
