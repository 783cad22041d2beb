/** Request limits shared by resolvers; each refusal names the limit and the allowed value. */
import { checkInt } from '../graph/arguments.js';

export const LIMITS = {
  /** Largest page a connection returns. */
  maxPageSize: 100,
  defaultPageSize: 20,
  /**
   * Window of the plain lists (`documents`, `conflicts`): at 100k entities their whole answer
   * passed maxResponseItems (so the default `conflicts` was an error) and took 40-70 ms.
   */
  defaultListSize: 100,
  maxListSize: 1000,
  /**
   * Window of the lists inside one list item (a conflict group's outcomes, values, sources …),
   * at most maxListSize: a generated 100k graph has groups of 1,440 outcomes, so 100 groups
   * with their whole lists passed maxResponseItems; 100 groups × 5 lists × 20 stay under it.
   */
  defaultMemberListSize: 20,
  maxSearchResults: 50,
  maxSearchQueryLength: 200,
  maxIdsPerRequest: 100,
  /** Deepest selection set a query may have. */
  maxQueryDepth: 12,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 20,
  maxCost: 20000,
  /**
   * Estimated cost of an operation, with list fields multiplying what they select (Pothos
   * complexity: `neighbors` × 20, a page × its size, a document's text 100 …), so nesting lists
   * grows the estimate as it grows the work. graphql-armor's maxCost above only adds.
   */
  maxComplexity: 200000,
  /** List items one answer may hold, summed over every list in it. */
  maxResponseItems: 5000,
  /** Characters of large text (documents' full text) one answer may hold. */
  maxResponseTextChars: 500000,
  /**
   * Fields graphql-jit may compile for one operation, interfaces expanded per possible type
   * (src/server/compile-size.ts); a larger operation is run by graphql-js instead.
   */
  maxCompiledFields: 200,
} as const;

/** Field extension marking a string field that can be large: its characters count toward maxResponseTextChars. */
export const LARGE_TEXT = 'reformGraphLargeText';

/** A count argument (first, last …): null means "use the default". */
export function checkCount(name: string, value: number | null | undefined, max: number): void {
  if (value !== null && value !== undefined) checkInt(name, value, 0, max);
}
