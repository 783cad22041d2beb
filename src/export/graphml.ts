/**
 * GraphML. graphology-graphml only parses, so this is a small writer of its own: declared
 * keys, one <node>/<edge> per element, XML-escaped text. Attribute names follow what Gephi
 * and yEd read (label, x, y, size, r/g/b) and graphology-graphml turns r/g/b back into
 * `color`; the hex colour is written as well for tools that want it whole.
 */
import type { Layout } from '../layout/layout.js';

type KeyType = 'string' | 'int' | 'double';

interface KeySpec {
  readonly id: string;
  readonly for: 'node' | 'edge' | 'graph';
  readonly name: string;
  readonly type: KeyType;
}

const NODE_KEYS: readonly KeySpec[] = [
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'x', for: 'node', name: 'x', type: 'double' },
  { id: 'y', for: 'node', name: 'y', type: 'double' },
  { id: 'size', for: 'node', name: 'size', type: 'double' },
  { id: 'color', for: 'node', name: 'color', type: 'string' },
  { id: 'r', for: 'node', name: 'r', type: 'int' },
  { id: 'g', for: 'node', name: 'g', type: 'int' },
  { id: 'b', for: 'node', name: 'b', type: 'int' },
  { id: 'community', for: 'node', name: 'community', type: 'int' },
  { id: 'evidenceCount', for: 'node', name: 'evidenceCount', type: 'int' },
];

// Key ids are unique per document, so edge keys carry a prefix; attr.name is what readers use.
const EDGE_KEYS: readonly KeySpec[] = [
  { id: 'e_type', for: 'edge', name: 'type', type: 'string' },
  { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
  { id: 'e_evidenceCount', for: 'edge', name: 'evidenceCount', type: 'int' },
];

const GRAPH_KEYS: readonly KeySpec[] = [{ id: 'g_description', for: 'graph', name: 'description', type: 'string' }];

/** Escapes markup and drops the control characters XML 1.0 cannot hold at all. */
export function escapeXml(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const data = (key: string, value: string | number) => `<data key="${key}">${escapeXml(String(value))}</data>`;

function rgb(hex: string): [number, number, number] {
  const h = hex.replace(/^#/, '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) || 0) as [number, number, number];
}

export function toGraphml(layout: Layout, description = 'reform-graph'): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const k of [...GRAPH_KEYS, ...NODE_KEYS, ...EDGE_KEYS]) {
    lines.push(`  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`);
  }
  lines.push('  <graph id="reform-graph" edgedefault="directed">');
  lines.push(`    ${data('g_description', description)}`);
  for (const n of layout.nodes) {
    const [r, g, b] = rgb(n.color);
    const fields = [
      data('label', n.label),
      data('kind', n.kind),
      data('x', n.x),
      data('y', n.y),
      data('size', n.size),
      data('color', n.color),
      data('r', r),
      data('g', g),
      data('b', b),
      data('community', n.community),
      data('evidenceCount', n.evidenceCount),
    ];
    lines.push(`    <node id="${escapeXml(n.id)}">${fields.join('')}</node>`);
  }
  for (const e of layout.edges) {
    const fields = [data('e_type', e.type), data('e_label', e.label), data('e_evidenceCount', e.evidenceCount)];
    lines.push(
      `    <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}">${fields.join('')}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
