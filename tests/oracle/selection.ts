/**
 * Selection sets generated from the schema itself, so the oracle asks for every field a type
 * has (new fields join it on their own) without hand-written lists that silently fall behind.
 *
 * Records (types with an `id`) nested inside another answer are asked for as references
 * (`__typename id`); value types (dates, evidence, pages) are expanded; fields with required
 * arguments and large texts (documents' full text) are left out.
 */
import {
  type GraphQLField,
  type GraphQLNamedType,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { schema } from '../../src/schema/index.js';
import { LARGE_TEXT } from '../../src/schema/limits.js';

// biome-ignore lint/suspicious/noExplicitAny: fields of objects and interfaces alike
type AnyField = GraphQLField<any, any>;

function fieldsOf(type: GraphQLNamedType): Record<string, AnyField> {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

function hasId(type: GraphQLNamedType): boolean {
  return 'id' in fieldsOf(type);
}

function askable(field: AnyField): boolean {
  if (field.extensions?.[LARGE_TEXT]) return false;
  return field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
}

/** A reference to a record: enough to tell which one without its contents. */
function reference(type: GraphQLNamedType): string {
  return isAbstractType(type) ? '{ __typename id }' : '{ id }';
}

/** Fields of one type: leaves, value types expanded, records as references. */
function body(fields: readonly AnyField[], depth: number, alias = (f: AnyField) => f.name): string {
  const parts: string[] = [];
  for (const field of fields) {
    if (!askable(field)) continue;
    const target = getNamedType(field.type);
    const name = alias(field);
    if (isLeafType(target)) parts.push(name);
    else if (hasId(target)) parts.push(`${name} ${reference(target)}`);
    else if (depth > 0) {
      const inner = valueSelection(target, depth - 1);
      if (inner) parts.push(`${name} ${inner}`);
    }
  }
  return parts.join(' ');
}

function valueSelection(type: GraphQLNamedType, depth: number): string {
  if (isAbstractType(type)) return recordSelection(type.name, depth);
  const inner = body(Object.values(fieldsOf(type)), depth);
  return inner ? `{ ${inner} }` : '';
}

/**
 * Everything a record type holds: for an interface, its own fields plus each implementing
 * type's, so an entity answers with its kind-specific fields too.
 */
export function recordSelection(typeName: string, depth = 3): string {
  const type = schema.getType(typeName);
  if (!type) throw new Error(`no type ${typeName} in the schema`);
  if (!isAbstractType(type)) return `{ ${body(Object.values(fieldsOf(type)), depth)} }`;
  const shared = fieldsOf(type);
  const common = body(Object.values(shared), depth);
  const possible = schema.getPossibleTypes(type);
  // Fields of one name but different types in two kinds would conflict: those get aliases.
  const typesByName = new Map<string, Set<string>>();
  for (const t of possible) {
    for (const f of Object.values(t.getFields())) {
      typesByName.set(f.name, (typesByName.get(f.name) ?? new Set()).add(String(f.type)));
    }
  }
  const perType = possible.map((t) => {
    const own = Object.values(t.getFields()).filter((f) => !(f.name in shared));
    const alias = (f: AnyField) =>
      (typesByName.get(f.name)?.size ?? 0) > 1 ? `${f.name}_${t.name}: ${f.name}` : f.name;
    const inner = body(own, depth, alias);
    return inner ? `... on ${t.name} { ${inner} }` : '';
  });
  return `{ __typename ${common} ${perType.join(' ')} }`;
}
