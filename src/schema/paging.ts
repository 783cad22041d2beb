/** Relay connections over in-memory lists, with totalCount and checked page sizes. */

import { resolveArrayConnection } from '@pothos/plugin-relay';
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
  const page = resolveArrayConnection(
    { args, defaultSize: LIMITS.defaultPageSize, maxSize: LIMITS.maxPageSize },
    list as T[],
  );
  return { ...page, totalCount: list.length };
}

builder.globalConnectionFields((t) => ({
  totalCount: t.int({
    description: 'Number of items in the whole list, not just this page.',
    resolve: (connection) => connection.totalCount,
  }),
}));
