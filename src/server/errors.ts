/**
 * The GraphQL boundary for errors: domain errors become GraphQLErrors with a stable
 * `extensions.code`; anything unexpected stays masked so internals never leak.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as defaultMaskError, type Plugin } from 'graphql-yoga';
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

/**
 * graphql-js reports a variable that does not fit its type ("Variable \"$first\" got invalid
 * value …") without a code; clients branch on codes, so those get BAD_USER_INPUT like every
 * other bad argument.
 */
export function variableErrorCodePlugin(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
          if (!result.errors.some(isUncodedVariableError)) return;
          setResult({
            ...result,
            errors: result.errors.map((e) =>
              isUncodedVariableError(e)
                ? createGraphQLError(e.message, {
                    nodes: e.nodes,
                    extensions: { ...e.extensions, code: 'BAD_USER_INPUT' },
                  })
                : e,
            ),
          });
        },
      };
    },
  };
}

function isUncodedVariableError(e: GraphQLError): boolean {
  return e.extensions?.code === undefined && e.path === undefined && e.message.startsWith('Variable "$');
}
