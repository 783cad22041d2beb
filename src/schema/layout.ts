/**
 * The `layout` root field: positions, sizes, colours and communities for drawing the graph
 * or a focus subgraph in a client (Sigma.js, Cytoscape.js, D3). The work and its validation
 * live in src/layout/; layouts are cached per snapshot, so repeated requests are cheap.
 */
import type { Layout, LayoutEdge, LayoutNode } from '../layout/layout.js';
import { layoutOffThread } from '../layout/offthread.js';
import { KIND_COLORS } from '../layout/palette.js';
import { LAYOUT_LIMITS } from '../layout/select.js';
import { ENTITY_KINDS, type NodeKind, SOURCE_KIND } from '../model/ontology.js';
import { builder } from './builder.js';
import { AssertionEnum, EntityKindEnum, RelationTypeEnum } from './enums.js';

const nodeKindValues = Object.fromEntries([
  ...Object.entries(ENTITY_KINDS).map(([kind, spec]) => [
    kind,
    { description: `${spec.description} Colour ${KIND_COLORS[kind as NodeKind]}.` },
  ]),
  [SOURCE_KIND, { description: `A source document (only with MENTIONS). Colour ${KIND_COLORS.SOURCE}.` }],
]) as Record<NodeKind, { description: string }>;

/** Entity kinds plus SOURCE: a layout with MENTIONS draws source documents too. */
const LayoutNodeKindEnum = builder.enumType('LayoutNodeKind', {
  description: 'What a layout node stands for, with the colour it is drawn in.',
  values: nodeKindValues,
});

const LayoutNodeRef = builder.objectRef<LayoutNode>('LayoutNode').implement({
  description: 'A node placed for drawing. Discs of radius `size` at (x, y) do not overlap.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The entity id (or source/<id> for a source document).' }),
    label: t.exposeString('label', { description: 'Name of the entity, or title of the document.' }),
    kind: t.field({ type: LayoutNodeKindEnum, resolve: (n) => n.kind }),
    x: t.exposeFloat('x'),
    y: t.exposeFloat('y'),
    size: t.exposeFloat('size', { description: 'Radius, from degree in the drawn subgraph (3 to 15).' }),
    color: t.exposeString('color', { description: 'Hex colour of the node kind.' }),
    community: t.exposeInt('community', {
      description: 'Louvain community within the drawn subgraph, numbered from 0 by decreasing size.',
    }),
    evidenceCount: t.exposeInt('evidenceCount', {
      description: 'Quotes backing the entity (for a source document: quotes taken from it).',
    }),
  }),
});

const LayoutEdgeRef = builder.objectRef<LayoutEdge>('LayoutEdge').implement({
  description: 'A relation between two layout nodes, from source to target.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The relation id.' }),
    source: t.exposeID('source'),
    target: t.exposeID('target'),
    type: t.field({ type: RelationTypeEnum, resolve: (e) => e.type }),
    label: t.exposeString('label', { description: 'The relation type in words ("part of").' }),
    evidenceCount: t.exposeInt('evidenceCount', { description: 'Quotes backing the relation.' }),
    assertion: t.field({
      type: AssertionEnum,
      description: 'How firmly the text backs the relation (the explorer dashes all but STATED).',
      resolve: (e) => e.assertion,
    }),
  }),
});

const LayoutRef = builder.objectRef<Layout>('Layout').implement({
  description:
    'A drawing of the graph or part of it: nodes with positions, sizes and colours, and the relations between them.',
  fields: (t) => ({
    nodes: t.field({
      type: [LayoutNodeRef],
      description: 'By id.',
      complexity: { field: 1, multiplier: 50 },
      resolve: (l) => l.nodes,
    }),
    edges: t.field({
      type: [LayoutEdgeRef],
      description: 'By id.',
      complexity: { field: 1, multiplier: 100 },
      resolve: (l) => l.edges,
    }),
  }),
});

builder.queryFields((t) => ({
  layout: t.field({
    type: LayoutRef,
    description: `A reproducible layout (ForceAtlas2, then overlap removal; seeded, so the same data gives the same picture) of the whole graph, or of the entities within depth hops of focus, following relations either way. Source documents and MENTIONS are left out unless relationTypes names MENTIONS. The same positions are served as files at /export/graph.gexf, /export/graph.graphml, /export/graph.json and /export/cytoscape.json.`,
    args: {
      focus: t.arg.idList({
        description: `Entities to centre on (at most ${LAYOUT_LIMITS.maxFocus}); omitted, the whole graph is laid out.`,
      }),
      depth: t.arg.int({
        defaultValue: LAYOUT_LIMITS.defaultDepth,
        description: `Hops from focus (at most ${LAYOUT_LIMITS.maxDepth}); ignored without focus.`,
      }),
      kinds: t.arg({ type: [EntityKindEnum], description: 'Only these kinds (focus entities are always kept).' }),
      relationTypes: t.arg({
        type: [RelationTypeEnum],
        description: 'Only these relation types (default: all but MENTIONS).',
      }),
    },
    // The whole-graph layout is a force simulation over every node; focus layouts are small.
    complexity: (args) => ({
      field: args.focus?.length ? 20 * (1 + (args.depth ?? LAYOUT_LIMITS.defaultDepth)) : 200,
      multiplier: 1,
    }),
    // Big layouts run in a worker thread (see layout/offthread.ts), so this may be a promise.
    resolve: (_r, args, { snapshot }) =>
      layoutOffThread(snapshot, {
        focus: args.focus?.map(String),
        depth: args.depth,
        kinds: args.kinds,
        relationTypes: args.relationTypes,
      }),
  }),
}));
