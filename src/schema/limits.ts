/** Request limits shared by resolvers; each refusal names the limit and the allowed value. */
import { checkInt } from '../graph/arguments.js';

export const LIMITS = {
  /** Largest page a connection returns. */
  maxPageSize: 100,
  defaultPageSize: 20,
  maxSearchResults: 50,
  maxSearchQueryLength: 200,
  maxIdsPerRequest: 100,
  /** Deepest selection set a query may have. */
  maxQueryDepth: 12,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 20,
  maxCost: 20000,
} as const;

/** A count argument (first, last …): null means "use the default". */
export function checkCount(name: string, value: number | null | undefined, max: number): void {
  if (value !== null && value !== undefined) checkInt(name, value, 0, max);
}
