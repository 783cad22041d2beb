import type { Highlight } from '../graph/fulltext.js';
import type { PassageHit } from '../graph/passages.js';
import type { SearchHit } from '../graph/search.js';
import { LimitExceededError } from '../model/errors.js';
import type { EntityKind } from '../model/ontology.js';
import { builder } from './builder.js';
import { EntityKindEnum, MatchedOnEnum, MatchTypeEnum, SearchFieldEnum } from './enums.js';
import { checkCount, LIMITS } from './limits.js';
import { DocumentRef, EntityRef, EvidenceRef } from './refs.js';

const HighlightRef = builder.objectRef<Highlight>('Highlight').implement({
  description: 'A matched stretch of a returned text: that text.slice(start, end) === text.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'UTF-16 offset of its first character.' }),
    end: t.exposeInt('end', { description: 'UTF-16 offset just past its last character.' }),
    text: t.exposeString('text'),
  }),
});

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'An entity matching a search, with how well and on what it matched.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (h) => h.entity }),
    score: t.exposeFloat('score', {
      description:
        'Higher is better. Names: exact 1.0+, prefix 0.8+, word 0.6+, substring 0.5+, fuzzy 0.3+; descriptions, notes and quotes: 0.2+ with every word, 0.1+ with some.',
    }),
    matchedOn: t.field({ type: MatchedOnEnum, resolve: (h) => h.matchedOn }),
    matchType: t.field({ type: MatchTypeEnum, resolve: (h) => h.matchType }),
    matchedText: t.exposeString('matchedText', {
      description: 'The name, alias, Chinese name, description, note or evidence quote that matched.',
    }),
    highlights: t.field({
      type: [HighlightRef],
      description: 'What matched, as offsets into matchedText.',
      resolve: (h) => h.highlights,
    }),
    evidence: t.field({
      type: EvidenceRef,
      nullable: true,
      description: 'For a match in an evidence quote: that evidence (document and offsets).',
      resolve: (h) => h.evidence ?? null,
    }),
  }),
});

const PassageRef = builder.objectRef<PassageHit>('Passage').implement({
  description: 'A passage of a source document (a few sentences) that matches a search.',
  fields: (t) => ({
    document: t.field({ type: DocumentRef, resolve: (p) => p.document }),
    start: t.exposeInt('start', { description: 'UTF-16 offset of the passage in the document text.' }),
    end: t.exposeInt('end', {
      description: 'UTF-16 offset just past the passage: text.slice(start, end) === snippet.',
    }),
    snippet: t.exposeString('snippet', { description: 'The passage text.' }),
    highlights: t.field({
      type: [HighlightRef],
      description: 'What matched, as offsets into snippet.',
      resolve: (p) => p.highlights,
    }),
    entities: t.field({
      type: [EntityRef],
      description: 'Entities whose evidence overlaps the passage, by id.',
      resolve: (p) => p.entities,
    }),
    score: t.exposeFloat('score', { description: "The index's relevance (BM25): higher is better." }),
  }),
});

function checkQuery(query: string): void {
  if (query.length > LIMITS.maxSearchQueryLength) {
    throw new LimitExceededError(
      'queryLength',
      LIMITS.maxSearchQueryLength,
      `query may be at most ${LIMITS.maxSearchQueryLength} characters`,
    );
  }
}

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description:
      'Find entities by name, alias, Chinese name, description, curator note or evidence quote. Names rank exact > prefix > word > substring > fuzzy (one typo per word of 5+ letters), above matches in other fields. "Quoted words" must occur as a phrase; "218,000" and "218000" are one number; Chinese matches inside longer words.',
    args: {
      query: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum] }),
      in: t.arg({ type: [SearchFieldEnum], description: 'Fields to search; all when omitted.' }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? 10 }),
    resolve: async (_r, args, { snapshot }) => {
      checkCount('first', args.first, LIMITS.maxSearchResults);
      checkQuery(args.query);
      await snapshot.loadSearch();
      return snapshot.search.search(args.query, {
        kinds: (args.kinds ?? undefined) as EntityKind[] | undefined,
        in: args.in ?? undefined,
        first: args.first ?? 10,
      });
    },
  }),
  passages: t.field({
    type: [PassageRef],
    description:
      'Find passages of the source documents holding every word of the query ("quoted words" as a phrase), best first, with the entities whose evidence lies there.',
    args: {
      query: t.arg.string({ required: true }),
      documents: t.arg.idList({ description: 'Document ids to search in; all when omitted.' }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    complexity: (args) => ({ field: 5, multiplier: args.first ?? 10 }),
    resolve: async (_r, args, { snapshot }) => {
      checkCount('first', args.first, LIMITS.maxSearchResults);
      checkQuery(args.query);
      await snapshot.loadSearch();
      return snapshot.passages.search(args.query, {
        documents: args.documents?.map(String),
        first: args.first ?? 10,
      });
    },
  }),
}));
