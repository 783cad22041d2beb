/**
 * How much code graphql-jit would generate for an operation, counted before compiling it.
 *
 * graphql-jit compiles a selection on an interface or union once per possible type, and the
 * selections below it again inside each copy, so its work grows as (possible types)^(nesting):
 * three nested `neighbors { … }` on Entity (8 kinds) are 8^3 copies and took 17 s to compile;
 * ten ran the heap out. This counts the fields jit would visit, with that expansion, and stops
 * counting once past `cap`, so the count itself stays cheap however large the real figure.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The operation `operationName` picks (or the only one), as graphql-js chooses it. */
export function operationOf(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/**
 * Fields graphql-jit would compile for the operation, abstract selections expanded per possible
 * type; `cap + 1` as soon as the count passes `cap`.
 */
export function compiledFieldCount(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  cap: number,
): number {
  const operation = operationOf(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  let count = 0;
  const applies = (condition: string | undefined, type: GraphQLNamedType): boolean => {
    if (!condition || condition === type.name) return true;
    const on = schema.getType(condition);
    return !!on && isAbstractType(on) && isObjectType(type) && schema.isSubType(on, type);
  };
  // Visits one selection set on one concrete (or, at the root, object) type.
  const visit = (set: SelectionSetNode, type: GraphQLNamedType, spread: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      if (count > cap) return;
      if (selection.kind === Kind.FIELD) {
        count++;
        if (!selection.selectionSet || !(isObjectType(type) || isInterfaceType(type))) continue;
        const field = type.getFields()[selection.name.value];
        const named = field && getNamedType(field.type);
        if (named && isCompositeType(named)) expand(selection.selectionSet, named, spread);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value, type)) visit(selection.selectionSet, type, spread);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is a validation error; this only must not loop on it.
        if (!fragment || spread.has(name) || !applies(fragment.typeCondition.name.value, type)) continue;
        visit(fragment.selectionSet, type, new Set([...spread, name]));
      }
    }
  };
  const expand = (set: SelectionSetNode, type: GraphQLCompositeType, spread: ReadonlySet<string>): void => {
    const possibleTypes = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    for (const possible of possibleTypes) {
      if (count > cap) return;
      visit(set, possible, spread);
    }
  };
  visit(operation.selectionSet, root, new Set());
  return count;
}
