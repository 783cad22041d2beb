import { Writable } from 'node:stream';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { SerializedGraph } from 'graphology-types';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.js';
import type { CytoscapeElements } from '../../src/export/index.js';
import { cachedLayout, type Layout } from '../../src/layout/index.js';
import { createServer } from '../../src/server/yoga.js';
import { bundledSnapshot, DATA_DIR } from '../helpers/graphql.js';

const MINISTRY = 'organ/ministry-of-public-security';

// The export routes are part of every server createServer builds.
const yoga = createServer({ snapshot: bundledSnapshot(), logging: false });

const get = (path: string, init?: { method: string; headers: Record<string, string> }) =>
  init ? yoga.fetch(`http://localhost${path}`, init) : yoga.fetch(`http://localhost${path}`);

interface ParsedGraph {
  order: number;
  size: number;
  hasNode(id: string): boolean;
  getNodeAttributes(id: string): Record<string, unknown>;
  forEachEdge(cb: (edge: string, attributes: Record<string, unknown>) => void): void;
}

/** Node and edge counts match the layout, and one node keeps its position, size, colour and kind. */
function expectSameAsLayout(graph: ParsedGraph, layout: Layout, id = MINISTRY) {
  expect(graph.order).toBe(layout.nodes.length);
  expect(graph.size).toBe(layout.edges.length);
  const node = layout.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`${id} not in layout`);
  expect(graph.getNodeAttributes(id)).toMatchObject({
    x: node.x,
    y: node.y,
    size: node.size,
    color: node.color,
    kind: node.kind,
    label: node.label,
    community: node.community,
    evidenceCount: node.evidenceCount,
  });
  const types = new Set<unknown>();
  graph.forEachEdge((_e, a) => {
    types.add(a.type ?? a.relationType);
  });
  expect(types).toEqual(new Set(layout.edges.map((e) => e.type)));
}

describe('HTTP exports of the whole graph', () => {
  const layout = cachedLayout(bundledSnapshot());

  it('GEXF parses back with graphology-gexf, viz positions, sizes and colours intact', async () => {
    const res = await get('/export/graph.gexf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gexf+xml');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="reform-graph.gexf"');
    const body = await res.text();
    expect(body).toContain('<viz:position');
    expectSameAsLayout(parseGexf(MultiDirectedGraph, body), layout);
  });

  it('GraphML parses back with graphology-graphml', async () => {
    const res = await get('/export/graph.graphml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/graphml+xml');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="reform-graph.graphml"');
    expectSameAsLayout(parseGraphml(MultiDirectedGraph, await res.text()), layout);
  });

  it('graphology JSON imports with Graph.from, with the attributes Sigma.js reads', async () => {
    const res = await get('/export/graph.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="reform-graph.json"');
    const serialised = (await res.json()) as SerializedGraph;
    const graph = MultiDirectedGraph.from(serialised);
    expectSameAsLayout(graph, layout);
    // Sigma reads an edge's `type` as its drawing program, so the relation type is renamed.
    graph.forEachEdge((_e, a) => {
      expect(a.type).toBeUndefined();
    });
  });

  it('Cytoscape elements carry data and preset positions', async () => {
    const res = await get('/export/cytoscape.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="reform-graph.cytoscape.json"');
    const { elements } = (await res.json()) as CytoscapeElements;
    expect(elements.nodes).toHaveLength(layout.nodes.length);
    expect(elements.edges).toHaveLength(layout.edges.length);
    const node = layout.nodes.find((n) => n.id === MINISTRY);
    expect(elements.nodes.find((n) => n.data.id === MINISTRY)).toEqual({
      data: {
        id: MINISTRY,
        label: node?.label,
        kind: 'ORGAN',
        color: node?.color,
        size: node?.size,
        community: node?.community,
        evidenceCount: node?.evidenceCount,
      },
      position: { x: node?.x, y: node?.y },
    });
    const ids = new Set(elements.nodes.map((n) => n.data.id));
    for (const e of elements.edges) {
      expect(ids.has(e.data.source) && ids.has(e.data.target)).toBe(true);
      expect(typeof e.data.type).toBe('string');
    }
  });
});

describe('HTTP exports of a focus subgraph', () => {
  it('serves the focus layout with a filename naming it', async () => {
    const layout = cachedLayout(bundledSnapshot(), { focus: [MINISTRY], depth: 2 });
    const res = await get(`/export/graph.gexf?focus=${encodeURIComponent(MINISTRY)}&depth=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="reform-graph-organ-ministry-of-public-security-depth-2.gexf"',
    );
    expectSameAsLayout(parseGexf(MultiDirectedGraph, await res.text()), layout);
    const json = await get(`/export/graph.json?focus=${encodeURIComponent(MINISTRY)}`);
    expectSameAsLayout(
      MultiDirectedGraph.from((await json.json()) as SerializedGraph),
      cachedLayout(bundledSnapshot(), { focus: [MINISTRY] }),
    );
  });

  it('answers an unknown focus with 404 NOT_FOUND and a bad depth with 400', async () => {
    const missing = await get('/export/graph.gexf?focus=organ/no-such-organ');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    for (const depth of ['abc', '-1', '1.5']) {
      const bad = await get(`/export/graph.graphml?focus=${MINISTRY}&depth=${depth}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    const deep = await get(`/export/cytoscape.json?focus=${MINISTRY}&depth=9`);
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ errors: [{ extensions: { code: 'LIMIT_EXCEEDED', allowed: 3 } }] });
  });

  it('refuses other methods than GET and HEAD', async () => {
    const res = await get('/export/graph.json', { method: 'POST', headers: { 'content-length': '0' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('runExport (CLI)', () => {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    return { stream, text: () => chunks.join('') };
  };

  it('writes the export to stdout and exits 0', async () => {
    const out = sink();
    const err = sink();
    const code = await runExport(
      { format: 'graphml', focus: MINISTRY, depth: '1', dataDir: DATA_DIR },
      { stdout: out.stream, stderr: err.stream },
    );
    expect(code).toBe(0);
    expect(err.text()).toBe('');
    const graph = parseGraphml(MultiDirectedGraph, out.text());
    expect(graph.order).toBe(cachedLayout(bundledSnapshot(), { focus: [MINISTRY] }).nodes.length);
  });

  it('exits 2 on an unknown format or focus', async () => {
    const err = sink();
    const io = { stdout: sink().stream, stderr: err.stream };
    expect(await runExport({ format: 'dot', dataDir: DATA_DIR }, io)).toBe(2);
    expect(await runExport({ format: 'gexf', focus: 'organ/nope', dataDir: DATA_DIR }, io)).toBe(2);
    expect(err.text()).toContain('NOT_FOUND');
  });
});
