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
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
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

/**
 * The variables an operation's estimate can depend on: those passed to an argument of a field
 * whose cost is a function of its arguments (`first`, `depth`), or to a directive (`@skip`,
 * `@include` decide what is counted), unless the field lists in its `costArgs` extension the
 * arguments its cost reads and the variable is in another. A variable used only where the cost
 * is a constant (an `id`) cannot change the estimate, so an operation whose variables are all of that kind has
 * one verdict for every request, and the fast path need not walk it again for each.
 */
export function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const found = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // A definition names a variable; only its uses count.
      VariableDefinition: () => false,
      Variable(node) {
        const field = typeInfo.getFieldDef();
        const extensions = field?.extensions as { complexity?: unknown; costArgs?: readonly string[] } | undefined;
        if (typeInfo.getDirective() || !field) {
          found.add(node.name.value);
          return;
        }
        if (typeof extensions?.complexity !== 'function') return;
        // A field may name the arguments its cost function reads (`costArgs`); a variable in
        // any other argument (the seed ids of a neighbourhood) cannot change the estimate.
        const argument = typeInfo.getArgument()?.name;
        if (extensions.costArgs && argument !== undefined && !extensions.costArgs.includes(argument)) return;
        found.add(node.name.value);
      },
    }),
  );
  return [...found].sort();
}

export function complexityPlugin(): Plugin {
  /**
   * Operations whose estimate no variable can change (costVariables empty), by operation name,
   * once allowed: the walk is a whole validation pass, ~7% of what a small request allocated.
   * Keyed by the parsed document, which yoga's parser cache hands out again for the same text.
   */
  const allowed = new WeakMap<DocumentNode, { readonly costVariables: number; readonly names: Set<string> }>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let known = allowed.get(args.document);
      if (!known) {
        known = { costVariables: costVariables(args.schema, args.document).length, names: new Set() };
        allowed.set(args.document, known);
      }
      const name = args.operationName ?? '';
      if (known.costVariables === 0 && known.names.has(name)) return;
      const error = complexityError(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues,
        args.contextValue,
      );
      if (error) setResultAndStopExecution({ errors: [error] });
      else if (known.costVariables === 0) known.names.add(name);
    },
  };
}
