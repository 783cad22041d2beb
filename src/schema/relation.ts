/** Relations between entities, and the traversal fields every entity carries. */
import { relationTest } from '../graph/relation-filter.js';
import type { Direction, Snapshot } from '../graph/snapshot.js';
import type { Assertion, EvidenceContext, RelationType } from '../model/ontology.js';
import type { EntityRecord, RelationRecord } from '../model/records.js';
import { builder } from './builder.js';
import { AssertionEnum, DirectionEnum, EntityKindEnum, EvidenceContextEnum, RelationTypeEnum } from './enums.js';
import { pageOf } from './paging.js';
import { EntityRef, EvidenceRef, nodeRecord, PartialDateRef, RelationRef } from './refs.js';

builder.node(RelationRef, {
  description: 'A typed, directed link between two entities (or a document and an entity), with its evidence.',
  id: { resolve: (r) => r.id },
  loadOne: (id, { snapshot }) => snapshot.getRelation(id) ?? null,
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'type' in v && 'source' in v && 'target' in v,
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, resolve: (r) => r.type }),
    assertion: t.field({
      type: AssertionEnum,
      description: 'How firmly the text backs the link: stated, implied by its context, or the curator’s inference.',
      resolve: (r) => r.assertion,
    }),
    source: t.field({
      type: builder.nodeInterfaceRef(),
      resolve: (r, _a, { snapshot }) => nodeRecord(snapshot, r.source),
    }),
    target: t.field({
      type: builder.nodeInterfaceRef(),
      resolve: (r, _a, { snapshot }) => nodeRecord(snapshot, r.target),
    }),
    sourceId: t.exposeID('source'),
    targetId: t.exposeID('target'),
    role: t.exposeString('role', { nullable: true }),
    date: t.field({ type: PartialDateRef, nullable: true, resolve: (r) => r.date }),
    note: t.exposeString('note', { nullable: true, description: 'Set where the text implies the link only loosely.' }),
    derived: t.boolean({
      description: 'True for MENTIONS, which the loader derives from evidence.',
      resolve: (r) => r.type === 'MENTIONS',
    }),
    evidence: t.field({ type: [EvidenceRef], resolve: (r) => r.evidence }),
  }),
});

const other = (r: RelationRecord, id: string) => (r.source === id ? r.target : r.source);

interface RelationArgs {
  direction?: Direction | null;
  types?: readonly RelationType[] | null;
  assertions?: readonly Assertion[] | null;
  evidenceContexts?: readonly EvidenceContext[] | null;
}

/** Relations at an entity matching the type, assertion and evidence-context arguments, by id. */
function relationsAt(snapshot: Snapshot, id: string, args: RelationArgs): RelationRecord[] {
  const all = snapshot.relationsOf(id, args.direction ?? 'BOTH', args.types ?? undefined);
  const test = relationTest(args);
  return test ? all.filter(test) : all;
}

const ASSERTIONS_HELP = 'Only relations with these assertions (default: all).';
const CONTEXTS_HELP =
  'Only relations with at least one quote in these parts of a document (default: all), e.g. [CAPTION].';

builder.interfaceFields(EntityRef, (t) => ({
  relations: t.connection({
    type: RelationRef,
    description: 'Relations at this entity, ordered by id.',
    args: {
      direction: t.arg({ type: DirectionEnum, defaultValue: 'BOTH' }),
      types: t.arg({ type: [RelationTypeEnum], description: 'Only these types (default: all).' }),
      assertions: t.arg({ type: [AssertionEnum], description: ASSERTIONS_HELP }),
      evidenceContexts: t.arg({ type: [EvidenceContextEnum], description: CONTEXTS_HELP }),
    },
    complexity: (args) => ({ field: 2, multiplier: args.first ?? 20 }),
    resolve: (e, args, { snapshot }) => pageOf(args, relationsAt(snapshot, e.id, args)),
  }),
  neighbors: t.field({
    type: [EntityRef],
    description: 'Entities one relation away, each once, ordered by id (source documents are left out).',
    args: {
      direction: t.arg({ type: DirectionEnum, defaultValue: 'BOTH' }),
      types: t.arg({ type: [RelationTypeEnum] }),
      kinds: t.arg({ type: [EntityKindEnum] }),
      assertions: t.arg({ type: [AssertionEnum], description: ASSERTIONS_HELP }),
      evidenceContexts: t.arg({ type: [EvidenceContextEnum], description: CONTEXTS_HELP }),
    },
    complexity: { field: 5, multiplier: 20 },
    resolve: (e, args, { snapshot }) => {
      const kinds = args.kinds && args.kinds.length > 0 ? new Set(args.kinds) : null;
      const seen = new Map<string, EntityRecord>();
      for (const r of relationsAt(snapshot, e.id, args)) {
        const n = snapshot.getEntity(other(r, e.id));
        if (n && (!kinds || kinds.has(n.kind))) seen.set(n.id, n);
      }
      return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
    },
  }),
}));

builder.queryFields((t) => ({
  relation: t.field({
    type: RelationRef,
    nullable: true,
    description: 'One relation by id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { snapshot }) => snapshot.getRelation(String(id)) ?? null,
  }),
}));
