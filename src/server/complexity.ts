/**
 * The cost estimate every operation must stay under before it runs: Pothos's complexity, in
 * which a list field multiplies the cost of what it selects (`neighbors` × 20, a page × its
 * size), so ten nested `neighbors` cost 20^10 and are refused at once instead of compiled or
 * run. graphql-armor's cost limit only adds field costs, which nesting could not outgrow.
 *
 * Checked at execution, not validation: the estimate depends on variables (`first: $n`), and
 * yoga caches validation by document. It runs before graphql-jit compiles anything.
 */
import { createComplexityRule } from '@pothos/plugin-complexity';
import { type DocumentNode, GraphQLError, type GraphQLSchema, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMITS } from '../schema/limits.js';

/** The refusal for an operation estimated past maxComplexity, or undefined if it may run. */
export function complexityError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  context: object,
): GraphQLError | undefined {
  let refused: GraphQLError | undefined;
  // Bad variables and unknown operations are reported by execution itself, with their codes:
  // only the estimate's verdict is taken from this walk.
  validate(schema, document, [
    createComplexityRule({
      variableValues: variables ?? {},
      operationName: operationName ?? undefined,
      context,
      validate: ({ complexity }) => {
        if (complexity > LIMITS.maxComplexity) {
          refused = new GraphQLError(
            `the estimated cost of this operation is ${complexity}, over the limit of ${LIMITS.maxComplexity}: nested lists multiply it, so select fewer levels, smaller pages or less text`,
            {
              extensions: {
                code: 'LIMIT_EXCEEDED',
                limit: 'maxComplexity',
                allowed: LIMITS.maxComplexity,
                cost: complexity,
              },
            },
          );
        }
      },
    }),
  ]);
  return refused;
}

export function complexityPlugin(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = complexityError(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues,
        args.contextValue,
      );
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
