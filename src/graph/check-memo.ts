/**
 * What a watching server's loads keep of the cross-file checks between one load and the next
 * (issue 20, item 3): an edit re-runs them only where what they depend on changed.
 *
 * An entity's or relation's parsed input is the same object from one load to the next while
 * its file is unchanged (ParseCache), so results are kept per input object (WeakMap: a file
 * edited or gone lets them go) together with everything else the check read: the documents
 * its evidence points into (by content stamp), the kinds of a relation's ends, the `extends`
 * entries of an entity. A load looks each element up and re-runs the check only when one of
 * those differs: a document edit re-checks the quotes that point into it, an entity renamed
 * or removed the relations that name it, and nothing else.
 */
import type { DataProblem } from '../model/errors.js';
import type { EntityRecord, RelationRecord } from '../model/records.js';

/** The dependencies a check read, compared element by element with `===`. */
export type Stamps = readonly unknown[];

export function sameStamps(a: Stamps, b: Stamps): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface EntityCheck {
  readonly stamps: Stamps;
  readonly record: EntityRecord;
  readonly problems: readonly DataProblem[];
}

export interface RelationCheck {
  readonly stamps: Stamps;
  /** In the order the checks report them: dangling ends first, then (after duplicates) the rest. */
  readonly dangling: readonly DataProblem[];
  readonly problems: readonly DataProblem[];
  readonly record?: RelationRecord;
}

export class CheckMemo {
  readonly entities = new WeakMap<object, EntityCheck>();
  readonly relations = new WeakMap<object, RelationCheck>();
  /** When set, no result is taken from the memo: every check runs, as on a first load (tests compare both). */
  disabled = false;
  hits = 0;
  misses = 0;

  get<T extends { stamps: Stamps }>(map: WeakMap<object, T>, key: object, stamps: Stamps): T | undefined {
    if (this.disabled) return undefined;
    const hit = map.get(key);
    if (hit && sameStamps(hit.stamps, stamps)) {
      this.hits++;
      return hit;
    }
    this.misses++;
    return undefined;
  }
}
