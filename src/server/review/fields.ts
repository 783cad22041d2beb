/**
 * The fields a curator may edit on each entity kind, read off the data schema so the review
 * page's forms never drift from what the loader accepts.
 */
import type { z } from 'zod';
import { entitySchema } from '../../model/data-schema.js';
import type { EntityKind } from '../../model/ontology.js';

/** How the page edits a field: a text box, a number box, a choice, a date, a list or a JSON object. */
export type FieldType = 'string' | 'number' | 'enum' | 'date' | 'list' | 'object';

export interface FieldSpec {
  readonly key: string;
  readonly type: FieldType;
  readonly options?: readonly string[];
}

/** Written by the page itself (id, kind) or through the highlighted spans (evidence). */
const NOT_EDITED_AS_FIELDS = new Set(['id', 'kind', 'evidence']);

interface Def {
  readonly type: string;
  readonly innerType?: { _zod: { def: Def } };
  readonly entries?: Record<string, string>;
}

function fieldOf(key: string, schema: z.ZodType): FieldSpec {
  let def = schema._zod.def as unknown as Def;
  if (def.type === 'optional' && def.innerType) def = def.innerType._zod.def;
  switch (def.type) {
    case 'enum':
      return { key, type: 'enum', options: Object.values(def.entries ?? {}) };
    case 'number':
      return { key, type: 'number' };
    case 'array':
      return { key, type: 'list' };
    case 'object':
      return { key, type: 'object' };
    // Partial dates are the only piped (parsed then checked) fields.
    case 'pipe':
      return { key, type: 'date' };
    default:
      return { key, type: 'string' };
  }
}

export function editableFields(): Record<EntityKind, FieldSpec[]> {
  const out: Partial<Record<EntityKind, FieldSpec[]>> = {};
  for (const option of entitySchema.options) {
    const kind = option.shape.kind.value as EntityKind;
    out[kind] = Object.entries(option.shape as Record<string, z.ZodType>)
      .filter(([key]) => !NOT_EDITED_AS_FIELDS.has(key))
      .map(([key, schema]) => fieldOf(key, schema));
  }
  return out as Record<EntityKind, FieldSpec[]>;
}
