/** The ontology itself, queryable, so clients can build pickers and legends from it. */
import {
  ENTITY_KIND_NAMES,
  ENTITY_KINDS,
  type EntityKind,
  RELATION_TYPE_NAMES,
  RELATION_TYPES,
  type RelationType,
  relationSpec,
} from '../model/ontology.js';
import { builder } from './builder.js';
import { EntityKindEnum, RelationTypeEnum } from './enums.js';

const KindInfo = builder.objectRef<EntityKind>('KindInfo').implement({
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, resolve: (k) => k }),
    typeName: t.string({ resolve: (k) => ENTITY_KINDS[k].typeName }),
    idPrefix: t.string({ resolve: (k) => ENTITY_KINDS[k].prefix }),
    description: t.string({ resolve: (k) => ENTITY_KINDS[k].description }),
    count: t.int({ resolve: (k, _a, { snapshot }) => snapshot.entities(k).length }),
  }),
});

const RelationTypeInfo = builder.objectRef<RelationType>('RelationTypeInfo').implement({
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, resolve: (r) => r }),
    description: t.string({ resolve: (r) => RELATION_TYPES[r].description }),
    from: t.stringList({
      description: 'Kinds the relation may start from.',
      resolve: (r) => [...RELATION_TYPES[r].from],
    }),
    to: t.stringList({ description: 'Kinds the relation may point to.', resolve: (r) => [...RELATION_TYPES[r].to] }),
    sameKind: t.boolean({ resolve: (r) => relationSpec(r).sameKind === true }),
    chain: t.string({
      nullable: true,
      description: 'How it carries responsibility in outcome chains: forward, backward, or null.',
      resolve: (r) => relationSpec(r).chain ?? null,
    }),
    count: t.int({ resolve: (r, _a, { snapshot }) => snapshot.counts().relations[r] ?? 0 }),
  }),
});

const SnapshotInfo = builder.objectRef<{ version: string; loadedAt: Date }>('SnapshotInfo').implement({
  description: 'The immutable snapshot of graph-data that answered this request.',
  fields: (t) => ({
    version: t.exposeString('version', { description: 'Content hash of graph-data.' }),
    loadedAt: t.string({ resolve: (s) => s.loadedAt.toISOString() }),
    entityCount: t.int({ resolve: (_s, _a, { snapshot }) => snapshot.entities().length }),
    relationCount: t.int({ resolve: (_s, _a, { snapshot }) => snapshot.graph.size }),
    documentCount: t.int({ resolve: (_s, _a, { snapshot }) => snapshot.documents().length }),
  }),
});

builder.queryFields((t) => ({
  kinds: t.field({
    type: [KindInfo],
    description: 'Entity kinds, from the ontology.',
    resolve: () => ENTITY_KIND_NAMES,
  }),
  relationTypes: t.field({
    type: [RelationTypeInfo],
    description: 'Relation types and which kinds each may join, from the ontology.',
    resolve: () => RELATION_TYPE_NAMES,
  }),
  snapshot: t.field({ type: SnapshotInfo, resolve: (_r, _a, { snapshot }) => snapshot }),
}));
