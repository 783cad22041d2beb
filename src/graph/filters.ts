/**
 * Filtering entities by kind, name, date, source document, neighbourhood and (for outcomes)
 * metric, unit, year and value. Conditions combine with AND; the answer keeps the snapshot's
 * order (by id), so paging over it is stable. No GraphQL here: invalid arguments throw the
 * domain errors the API maps to codes.
 */
import { dateBounds, type PartialDate, parsePartialDate } from '../model/dates.js';
import { BadInputError, LimitExceededError, NotFoundError } from '../model/errors.js';
import { CURATED_RELATION_TYPES, ENTITY_KINDS, type EntityKind } from '../model/ontology.js';
import type { EntityRecord } from '../model/records.js';
import type { Snapshot } from './snapshot.js';

/**
 * Conditions on entities. Every field is optional and null means "no condition", so GraphQL
 * inputs can be passed as they arrive.
 */
export interface EntityWhere {
  readonly kind?: EntityKind | null;
  /** Any of these kinds; combined with `kind` both must hold. */
  readonly kinds?: readonly EntityKind[] | null;
  /** Case-insensitive substring of the name, an alias or the Chinese name. */
  readonly nameContains?: string | null;
  /** Partial ISO dates; an entity is kept when its stated dates overlap [dateFrom, dateTo]. */
  readonly dateFrom?: string | null;
  readonly dateTo?: string | null;
  /** Has evidence in this source document (bare id or `source/<id>`). */
  readonly document?: string | number | null;
  /** One curated (non-MENTIONS) relation away from this entity, the entity itself excluded. */
  readonly involving?: string | number | null;
}

/** Outcome conditions: an entity without outcome fields fails every one of them. */
export interface OutcomeWhere extends EntityWhere {
  readonly metric?: string | null;
  readonly unit?: string | null;
  /** Calendar years the outcome's year or period must overlap. */
  readonly yearFrom?: number | null;
  readonly yearTo?: number | null;
  readonly valueMin?: number | null;
  readonly valueMax?: number | null;
}

/** Longer substrings cannot match any name and only cost time. */
export const MAX_NAME_FILTER_LENGTH = 200;

type Test = (e: EntityRecord) => boolean;

/** null and undefined both mean "no condition". */
const given = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
const givenId = (value: string | number | null | undefined) => (value == null ? undefined : String(value));

/** Entities matching every condition of `where`, by id; `scope` fixes the kind (per-kind fields). */
export function filterEntities(
  snapshot: Snapshot,
  where: OutcomeWhere = {},
  scope?: EntityKind,
): readonly EntityRecord[] {
  const tests = [
    kindTest(given(where.kind), given(where.kinds)),
    nameTest(snapshot, given(where.nameContains)),
    dateTest(given(where.dateFrom), given(where.dateTo)),
    documentTest(snapshot, givenId(where.document)),
    involvingTest(snapshot, givenId(where.involving)),
    ...outcomeTests(where),
  ].filter((t): t is Test => t !== null);
  const base = snapshot.entities(scope);
  // No condition: hand back the snapshot's own list rather than a copy.
  return tests.length === 0 ? base : base.filter((e) => tests.every((t) => t(e)));
}

function checkKind(kind: string, argument: string): EntityKind {
  if (!Object.hasOwn(ENTITY_KINDS, kind)) {
    throw new BadInputError(`${argument} must be one of ${Object.keys(ENTITY_KINDS).join(', ')}, got "${kind}"`, {
      argument,
    });
  }
  return kind as EntityKind;
}

function kindTest(kind: string | undefined, kinds: readonly string[] | undefined): Test | null {
  const one = kind === undefined ? null : checkKind(kind, 'kind');
  const any = kinds && kinds.length > 0 ? new Set(kinds.map((k) => checkKind(k, 'kinds'))) : null;
  if (!one && !any) return null;
  return (e) => (!one || e.kind === one) && (!any || any.has(e.kind));
}

function nameTest(snapshot: Snapshot, text: string | undefined): Test | null {
  if (text === undefined) return null;
  const needle = text.trim().toLowerCase();
  if (needle === '') throw new BadInputError('nameContains must not be empty', { argument: 'nameContains' });
  if (needle.length > MAX_NAME_FILTER_LENGTH) {
    throw new LimitExceededError(
      'nameContains',
      MAX_NAME_FILTER_LENGTH,
      `nameContains may be at most ${MAX_NAME_FILTER_LENGTH} characters, got ${needle.length}`,
    );
  }
  let hits: ReadonlySet<string> | undefined;
  return (e) => {
    hits ??= snapshot.namesContaining(needle);
    return hits.has(e.id);
  };
}

function parseDate(argument: string, text: string | undefined): PartialDate | undefined {
  if (text === undefined) return undefined;
  const date = parsePartialDate(text);
  if (!date) {
    throw new BadInputError(`${argument} must be a date like 2015, 2015-05 or 2015-05-29, got "${text}"`, {
      argument,
    });
  }
  return date;
}

/**
 * The dates an entity is known by. An open end (a campaign with a start only) is not assumed
 * to run on, since the sources do not say it does: only stated dates can overlap a range.
 */
function knownDates(e: EntityRecord): PartialDate[] {
  const o = e.outcome;
  return [e.date, e.start, e.end, o?.year, o?.period?.start, o?.period?.end].filter(
    (d): d is PartialDate => d !== undefined,
  );
}

/** The first and last day covered by an entity's known dates, or null when it has none. */
function span(dates: readonly PartialDate[]): { first: string; last: string } | null {
  if (dates.length === 0) return null;
  const bounds = dates.map(dateBounds);
  // ISO days sort as strings: the earliest first day and the latest last day.
  const firsts = bounds.map((b) => b.first).sort();
  const lasts = bounds.map((b) => b.last).sort();
  return { first: firsts[0] as string, last: lasts[lasts.length - 1] as string };
}

function dateTest(fromText: string | undefined, toText: string | undefined): Test | null {
  const from = parseDate('dateFrom', fromText);
  const to = parseDate('dateTo', toText);
  if (!from && !to) return null;
  // ISO days compare as strings, so the bounds need no Date objects.
  const first = from && dateBounds(from).first;
  const last = to && dateBounds(to).last;
  if (first && last && first > last) {
    throw new BadInputError(`dateFrom (${fromText}) is after dateTo (${toText})`, { argument: 'dateFrom' });
  }
  return (e) => {
    const s = span(knownDates(e));
    return s !== null && (!first || s.last >= first) && (!last || s.first <= last);
  };
}

function documentTest(snapshot: Snapshot, id: string | undefined): Test | null {
  if (id === undefined) return null;
  const doc = snapshot.getDocument(id);
  if (!doc) throw new NotFoundError(`no source document "${id}"`, { id, argument: 'document' });
  const mentioned = new Set(snapshot.entitiesMentionedIn(doc.id).map((e) => e.id));
  return (e) => mentioned.has(e.id);
}

function involvingTest(snapshot: Snapshot, id: string | undefined): Test | null {
  if (id === undefined) return null;
  if (!snapshot.getEntity(id)) throw new NotFoundError(`no entity "${id}"`, { id, argument: 'involving' });
  const neighbours = new Set<string>();
  for (const r of snapshot.relationsOf(id, 'BOTH', CURATED_RELATION_TYPES)) {
    neighbours.add(r.source === id ? r.target : r.source);
  }
  neighbours.delete(id);
  return (e) => neighbours.has(e.id);
}

function checkOrder(lowName: string, low: number | undefined, highName: string, high: number | undefined): void {
  if (low !== undefined && high !== undefined && low > high) {
    throw new BadInputError(`${lowName} (${low}) is greater than ${highName} (${high})`, { argument: lowName });
  }
}

function outcomeTests(where: OutcomeWhere): (Test | null)[] {
  const metric = given(where.metric);
  const unit = given(where.unit);
  const yearFrom = given(where.yearFrom);
  const yearTo = given(where.yearTo);
  const valueMin = given(where.valueMin);
  const valueMax = given(where.valueMax);
  for (const [name, year] of [
    ['yearFrom', yearFrom],
    ['yearTo', yearTo],
  ] as const) {
    if (year !== undefined && !Number.isInteger(year)) {
      throw new BadInputError(`${name} must be a whole year, got ${year}`, { argument: name });
    }
  }
  checkOrder('yearFrom', yearFrom, 'yearTo', yearTo);
  checkOrder('valueMin', valueMin, 'valueMax', valueMax);
  const unitLower = unit?.toLowerCase();
  return [
    metric === undefined ? null : (e) => e.outcome?.metric === metric,
    unitLower === undefined ? null : (e) => e.outcome?.unit?.toLowerCase() === unitLower,
    yearFrom === undefined && yearTo === undefined ? null : yearTest(yearFrom, yearTo),
    valueMin === undefined && valueMax === undefined
      ? null
      : (e) => {
          const v = e.outcome?.value;
          return (
            v !== undefined && (valueMin === undefined || v >= valueMin) && (valueMax === undefined || v <= valueMax)
          );
        },
  ];
}

/** The outcome's year or period, in whole years, must overlap [yearFrom, yearTo]. */
function yearTest(yearFrom: number | undefined, yearTo: number | undefined): Test {
  return (e) => {
    const o = e.outcome;
    if (!o) return false;
    const s = span([o.year, o.period?.start, o.period?.end].filter((d): d is PartialDate => d !== undefined));
    if (!s) return false;
    const firstYear = Number(s.first.slice(0, 4));
    const lastYear = Number(s.last.slice(0, 4));
    return (yearFrom === undefined || lastYear >= yearFrom) && (yearTo === undefined || firstYear <= yearTo);
  };
}
