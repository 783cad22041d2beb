import { NotFoundError } from '../model/errors.js';
import { builder } from './builder.js';
import { EntityKindEnum } from './enums.js';
import { LARGE_TEXT, LIMITS } from './limits.js';
import { pageOf, windowArgs, windowOf } from './paging.js';
import { DocumentRef, EntityRef, PartialDateRef } from './refs.js';

builder.node(DocumentRef, {
  description: 'A source document: the text every evidence quote is checked against.',
  id: { resolve: (d) => d.nodeId },
  loadOne: (id, { snapshot }) => snapshot.getDocument(id) ?? null,
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'nodeId' in v,
  fields: (t) => ({
    documentId: t.exposeString('id', { description: 'The bare id used by evidence in graph-data.' }),
    title: t.exposeString('title'),
    publisher: t.exposeString('publisher', { nullable: true }),
    author: t.exposeString('author', { nullable: true }),
    published: t.field({ type: PartialDateRef, nullable: true, resolve: (d) => d.published }),
    publishedText: t.exposeString('publishedText', {
      nullable: true,
      description: 'The publication date verbatim as the text states it.',
    }),
    origin: t.exposeString('origin'),
    note: t.exposeString('note', { nullable: true }),
    language: t.exposeString('language'),
    file: t.exposeString('file'),
    length: t.int({ description: 'Length of the text in UTF-16 code units.', resolve: (d) => d.text.length }),
    text: t.exposeString('text', {
      description: 'The full text, byte for byte as curated.',
      // Thousands of characters each: priced like many fields, and counted in the answer's size.
      complexity: 100,
      extensions: { [LARGE_TEXT]: true },
    }),
    entities: t.connection({
      type: EntityRef,
      description: 'Entities with evidence in this document.',
      args: { kind: t.arg({ type: EntityKindEnum }) },
      resolve: (d, args, { snapshot }) =>
        pageOf(
          args,
          snapshot.entitiesMentionedIn(d.id).filter((e) => !args.kind || e.kind === args.kind),
        ),
    }),
  }),
});

builder.queryFields((t) => ({
  document: t.field({
    type: DocumentRef,
    // Nullable so one unknown id does not null the rest of a multi-field query.
    nullable: true,
    description: 'A source document by id (bare, or as source/<id>). Unknown ids are a NOT_FOUND error.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { snapshot }) => {
      const doc = snapshot.getDocument(String(id));
      if (!doc) {
        const known = snapshot.documents().map((d) => d.nodeId);
        throw new NotFoundError(`no document "${id}"; known documents: ${known.join(', ')}`, { id });
      }
      return doc;
    },
  }),
  documents: t.field({
    type: [DocumentRef],
    description: `The source documents in id order, ${LIMITS.defaultListSize} at a time unless \`limit\` says otherwise.`,
    args: {
      ...windowArgs,
    },
    resolve: (_r, args, { snapshot }) => windowOf(args, snapshot.documents()),
  }),
}));
