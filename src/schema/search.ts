import type { SearchHit } from '../graph/search.js';
import { LimitExceededError } from '../model/errors.js';
import type { EntityKind } from '../model/ontology.js';
import { builder } from './builder.js';
import { EntityKindEnum, MatchedOnEnum, MatchTypeEnum } from './enums.js';
import { checkCount, LIMITS } from './limits.js';
import { EntityRef } from './refs.js';

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'An entity matching a search, with how well and on what it matched.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (h) => h.entity }),
    score: t.exposeFloat('score', {
      description: 'Higher is better: exact 1.0+, prefix 0.8+, word 0.6+, substring 0.5+, fuzzy 0.3+.',
    }),
    matchedOn: t.field({ type: MatchedOnEnum, resolve: (h) => h.matchedOn }),
    matchType: t.field({ type: MatchTypeEnum, resolve: (h) => h.matchType }),
    matchedText: t.exposeString('matchedText', { description: 'The name, alias or Chinese name that matched.' }),
  }),
});

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description: 'Find entities by name, alias or Chinese name, ranked exact > prefix > word > fuzzy.',
    args: {
      query: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum] }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? 10 }),
    resolve: (_r, args, { snapshot }) => {
      checkCount('first', args.first, LIMITS.maxSearchResults);
      if (args.query.length > LIMITS.maxSearchQueryLength) {
        throw new LimitExceededError(
          'queryLength',
          LIMITS.maxSearchQueryLength,
          `query may be at most ${LIMITS.maxSearchQueryLength} characters`,
        );
      }
      return snapshot.search.search(
        args.query,
        (args.kinds ?? undefined) as EntityKind[] | undefined,
        args.first ?? 10,
      );
    },
  }),
}));
