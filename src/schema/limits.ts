/** Request limits shared by resolvers; each refusal names the limit and the allowed value. */
import { BadInputError, LimitExceededError } from '../model/errors.js';

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

export function checkCount(name: string, value: number | null | undefined, max: number): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 0) {
    throw new BadInputError(`${name} must be a non-negative integer, got ${value}`, { argument: name });
  }
  if (value > max) {
    throw new LimitExceededError(name, max, `${name} may be at most ${max}, got ${value}`);
  }
}
