/**
 * One entry point for every export: pick the layout (cached per snapshot), write it in the
 * asked format, and say how to serve or save it.
 */
import type { Snapshot } from '../graph/snapshot.js';
import { cachedLayout } from '../layout/cache.js';
import type { Layout } from '../layout/layout.js';
import { toCytoscape } from './cytoscape.js';
import { toGexf } from './gexf.js';
import { toGraphml } from './graphml.js';
import { toGraphologyJson } from './graphology-json.js';

export { type CytoscapeElements, cytoscapeElements, toCytoscape } from './cytoscape.js';
export { toGexf } from './gexf.js';
export { escapeXml, toGraphml } from './graphml.js';
export { toGraphologyJson } from './graphology-json.js';

interface FormatSpec {
  readonly contentType: string;
  /** Appended to the file's stem. */
  readonly suffix: string;
  readonly write: (layout: Layout, description: string) => string;
}

export const EXPORT_FORMATS = {
  gexf: { contentType: 'application/gexf+xml', suffix: '.gexf', write: toGexf },
  graphml: { contentType: 'application/graphml+xml', suffix: '.graphml', write: toGraphml },
  /** graphology's serialisation, as Sigma.js reads it. */
  json: { contentType: 'application/json', suffix: '.json', write: toGraphologyJson },
  cytoscape: { contentType: 'application/json', suffix: '.cytoscape.json', write: toCytoscape },
} as const satisfies Record<string, FormatSpec>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

export function isExportFormat(value: string): value is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, value);
}

export interface ExportOptions {
  /** Entity ids to centre on; omitted draws the whole graph. */
  readonly focus?: string | readonly string[];
  readonly depth?: number;
}

export interface ExportResult {
  readonly body: string;
  readonly contentType: string;
  readonly filename: string;
}

/** Safe in a Content-Disposition header and on any file system: ASCII letters, digits, dashes. */
const slug = (id: string) =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

function stem(focus: readonly string[], depth: number): string {
  if (focus.length === 0) return 'reform-graph';
  const first = slug(focus[0] ?? '') || 'focus';
  const more = focus.length > 1 ? `-and-${focus.length - 1}-more` : '';
  return `reform-graph-${first}${more}-depth-${depth}`;
}

export function exportGraph(snapshot: Snapshot, format: ExportFormat, options: ExportOptions = {}): ExportResult {
  const focus = options.focus === undefined ? [] : typeof options.focus === 'string' ? [options.focus] : options.focus;
  const layout = cachedLayout(snapshot, { focus, depth: options.depth });
  const sorted = [...new Set(focus)].sort();
  const depth = options.depth ?? 1;
  const spec: FormatSpec = EXPORT_FORMATS[format];
  const description =
    sorted.length > 0
      ? `reform-graph ${snapshot.version}: within ${depth} hop(s) of ${sorted.join(', ')}`
      : `reform-graph ${snapshot.version}: whole graph`;
  return {
    body: spec.write(layout, description),
    contentType: spec.contentType,
    filename: `${stem(sorted, depth)}${spec.suffix}`,
  };
}
