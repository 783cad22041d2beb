/**
 * The GraphQL boundary for errors: domain errors become GraphQLErrors with a stable
 * `extensions.code`; anything unexpected stays masked so internals never leak.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as defaultMaskError } from 'graphql-yoga';
import { DomainError } from '../model/errors.js';

function domainErrorOf(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const domain = domainErrorOf(error);
  if (domain) {
    const gqlError = error instanceof GraphQLError ? error : undefined;
    return createGraphQLError(domain.message, {
      nodes: gqlError?.nodes,
      path: gqlError?.path,
      extensions: { code: domain.code, ...domain.details },
    });
  }
  return defaultMaskError(error, message, isDev);
}
