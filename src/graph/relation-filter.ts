/**
 * Conditions on relations beyond their type: how firmly the text backs them (assertion) and
 * where their quotes stand (evidence context). Shared by the relation lists at an entity and
 * the traversals, so "only stated links" means the same everywhere.
 */
import { ASSERTION_NAMES, type Assertion, type EvidenceContext } from '../model/ontology.js';
import type { RelationRecord } from '../model/records.js';

export interface RelationConditions {
  /** Keep relations with one of these assertions (none or empty: all). */
  readonly assertions?: readonly Assertion[] | null;
  /** Keep relations with at least one quote in one of these contexts (none or empty: all). */
  readonly evidenceContexts?: readonly EvidenceContext[] | null;
}

/** The assertions to keep, or null for all of them; sorted, so it can key a cache. */
export function assertionKey(assertions: readonly Assertion[] | null | undefined): Assertion[] | null {
  if (!assertions || assertions.length === 0) return null;
  const wanted = new Set(assertions);
  return wanted.size === ASSERTION_NAMES.length ? null : ASSERTION_NAMES.filter((a) => wanted.has(a));
}

/** A test for the conditions, or null when there is none (every relation passes). */
export function relationTest(conditions: RelationConditions): ((r: RelationRecord) => boolean) | null {
  const assertions = assertionKey(conditions.assertions);
  const contexts =
    conditions.evidenceContexts && conditions.evidenceContexts.length > 0 ? new Set(conditions.evidenceContexts) : null;
  if (!assertions && !contexts) return null;
  const keep = assertions && new Set<Assertion>(assertions);
  return (r) => (!keep || keep.has(r.assertion)) && (!contexts || r.evidence.some((ev) => contexts.has(ev.context)));
}
