/** Relay connections over in-memory lists, with totalCount and checked page sizes. */

import { resolveArrayConnection } from '@pothos/plugin-relay';
import { BadInputError } from '../model/errors.js';
import { builder } from './builder.js';
import { checkCount, LIMITS } from './limits.js';

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export function pageOf<T>(args: PageArgs, list: readonly T[]) {
  checkCount('first', args.first, LIMITS.maxPageSize);
  checkCount('last', args.last, LIMITS.maxPageSize);
  try {
    const page = resolveArrayConnection(
      { args, defaultSize: LIMITS.defaultPageSize, maxSize: LIMITS.maxPageSize },
      list as T[],
    );
    return { ...page, totalCount: list.length };
  } catch (err) {
    // Sizes are checked above, so what fails here is a cursor the client made up or mangled.
    const argument = args.after ? 'after' : 'before';
    throw new BadInputError(`${argument} is not a cursor this connection gave out (${(err as Error).message})`, {
      argument,
    });
  }
}

export interface WindowArgs {
  limit?: number | null;
  offset?: number | null;
}

/** The arguments of a plain list's window, shared by `documents` and `conflicts`. */
export const windowArgs = builder.args((t) => ({
  limit: t.int({
    defaultValue: LIMITS.defaultListSize,
    description: `How many to return, at most ${LIMITS.maxListSize}.`,
  }),
  offset: t.int({ defaultValue: 0, description: 'How many to skip first (the next window starts at offset + limit).' }),
}));

/**
 * The window of a list held by one item of another list (a conflict group's outcomes): smaller
 * by default, so a default window of items with their lists stays under maxResponseItems.
 */
export const memberWindowArgs = builder.args((t) => ({
  limit: t.int({
    defaultValue: LIMITS.defaultMemberListSize,
    description: `How many to return, at most ${LIMITS.maxListSize}.`,
  }),
  offset: t.int({ defaultValue: 0, description: 'How many to skip first (the next window starts at offset + limit).' }),
}));

/** The `limit`/`offset` window of a plain list, sizes checked; a null limit is the default. */
export function windowOf<T>(args: WindowArgs, list: readonly T[], defaultSize: number = LIMITS.defaultListSize): T[] {
  checkCount('limit', args.limit, LIMITS.maxListSize);
  checkCount('offset', args.offset, Number.MAX_SAFE_INTEGER);
  const offset = args.offset ?? 0;
  const limit = args.limit ?? defaultSize;
  // The whole list itself when the window holds all of it: most groups are small.
  return offset === 0 && limit >= list.length ? (list as T[]) : list.slice(offset, offset + limit);
}

builder.globalConnectionFields((t) => ({
  totalCount: t.int({
    description: 'Number of items in the whole list, not just this page.',
    resolve: (connection) => connection.totalCount,
  }),
}));
