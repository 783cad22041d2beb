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

/**
 * What the request parsers throw, made a client error that says what is wrong and echoes
 * nothing. yoga parses `variables` and `extensions` of a GET (or form) with a bare
 * JSON.parse, so `variables=%7B` was a 500 logged at error level; and it copies the
 * SyntaxError of a malformed JSON body, whose message quotes the body, into
 * `extensions.originalError` of its 400, in production too.
 */
export function requestParseErrorPlugin(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (err) {
          throw asBadRequest(err);
        }
      });
    },
  };
}

function asBadRequest(err: unknown): unknown {
  if (err instanceof GraphQLError) {
    if (err.extensions?.originalError === undefined) return err;
    // Also yoga's `http.spec`, under which an application/json answer would be a 200.
    const { originalError: _echo, http: _http, ...extensions } = err.extensions;
    return createGraphQLError(err.message, { extensions: { ...extensions, http: { status: 400 } } });
  }
  if (err instanceof SyntaxError) {
    return createGraphQLError('a URL or form parameter (variables or extensions) is not valid JSON', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  return err;
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * In production, "Did you mean …?" is removed from every error message: suggestions of
 * fields, arguments, types and enum values would map the schema for a client that has no
 * introspection. graphql-armor's blockFieldSuggestion only matches `Did you mean "x"?`, so
 * enum values ("Did you mean the enum value …?") still leaked.
 */
export function hideSuggestionsPlugin(): Plugin {
  const hide = <E extends Error>(e: E): E | GraphQLError => {
    const message = e.message.replace(SUGGESTION, '');
    if (message === e.message || !(e instanceof GraphQLError)) return e;
    return new GraphQLError(message, {
      nodes: e.nodes,
      source: e.source,
      positions: e.positions,
      path: e.path,
      originalError: e.originalError,
      extensions: e.extensions,
    });
  };
  return {
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map(hide));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
          setResult({ ...result, errors: result.errors.map(hide) });
        },
      };
    },
  };
}
