/**
 * Argument checks shared by every graph function, so each refusal reads and is coded the same
 * whichever field or route asked: BAD_USER_INPUT for a value out of its domain,
 * LIMIT_EXCEEDED (naming the limit) for one over it, NOT_FOUND with suggestions for an id.
 */
import { BadInputError, LimitExceededError, NotFoundError } from '../model/errors.js';
import type { EntityRecord } from '../model/records.js';
import type { Snapshot } from './snapshot.js';

/** An integer between `min` and `max`, else a typed error naming the argument. */
export function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min) {
    const domain = min === 0 ? 'a non-negative integer' : `an integer of at least ${min}`;
    throw new BadInputError(`${name} must be ${domain}, got ${value}`, { argument: name });
  }
  if (value > max) throw new LimitExceededError(name, max, `${name} may be at most ${max}, got ${value}`);
  return value;
}

const MAX_SUGGESTED_ID = 200;

/** The entity with this id; ids are typed by hand, so a near miss gets suggestions. */
export function requireEntity(snapshot: Snapshot, id: string, argument = 'id'): EntityRecord {
  const e = snapshot.getEntity(id);
  if (e) return e;
  // A hand-typed id is short; suggestions for a huge one would only cost time.
  if (id.length > MAX_SUGGESTED_ID)
    throw new NotFoundError(`no entity "${id.slice(0, 80)}…"`, { id: id.slice(0, 80), argument });
  const hits = snapshot.search.search(id.replace(/^[a-z]+\//, '').replace(/-/g, ' '), undefined, 3);
  const hint = hits.length > 0 ? `; did you mean ${hits.map((h) => h.entity.id).join(', ')}?` : '';
  throw new NotFoundError(`no entity "${id}"${hint}`, { id, argument });
}
