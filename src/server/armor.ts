/** graphql-armor limits, each refusal turned into a LIMIT_EXCEEDED error that names the limit. */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError } from 'graphql';
import { LIMITS } from '../schema/limits.js';

function reject(limit: string, allowed: number): GraphQLArmorRejectCallback[] {
  return [
    (ctx, err) => {
      const error = new GraphQLError(err.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: 'LIMIT_EXCEEDED', limit, allowed },
      });
      // Parser-level limits (tokens) have no validation context to report to.
      if (ctx) ctx.reportError(error);
      else throw error;
    },
  ];
}

export function armorPlugin() {
  return EnvelopArmorPlugin({
    maxDepth: {
      n: LIMITS.maxQueryDepth,
      onReject: reject('maxDepth', LIMITS.maxQueryDepth),
      propagateOnRejection: false,
    },
    maxAliases: {
      n: LIMITS.maxAliases,
      // armor exempts __typename by default, and 400 aliases of it were accepted.
      allowList: [],
      onReject: reject('maxAliases', LIMITS.maxAliases),
      propagateOnRejection: false,
    },
    maxDirectives: {
      n: LIMITS.maxDirectives,
      onReject: reject('maxDirectives', LIMITS.maxDirectives),
      propagateOnRejection: false,
    },
    maxTokens: { n: LIMITS.maxTokens, onReject: reject('maxTokens', LIMITS.maxTokens), propagateOnRejection: false },
    costLimit: { maxCost: LIMITS.maxCost, onReject: reject('maxCost', LIMITS.maxCost), propagateOnRejection: false },
    // Off: hideSuggestionsPlugin (errors.ts) hides every kind of suggestion, this only fields'.
    blockFieldSuggestion: { enabled: false },
  });
}
