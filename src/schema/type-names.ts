/** Maps an id's prefix to its GraphQL type, derived from the ontology. */
import { ENTITY_KINDS, type EntityKind, SOURCE_PREFIX } from '../model/ontology.js';

const BY_PREFIX = new Map<string, string>([
  ...Object.values(ENTITY_KINDS).map((k) => [k.prefix, k.typeName] as [string, string]),
  [SOURCE_PREFIX, 'Document'],
]);

export function typeNameForId(id: string): string | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0) return undefined;
  const prefix = id.slice(0, slash);
  if (prefix === 'rel') return 'Relation';
  return BY_PREFIX.get(prefix);
}

export function typeNameForKind(kind: EntityKind): string {
  return ENTITY_KINDS[kind].typeName;
}
