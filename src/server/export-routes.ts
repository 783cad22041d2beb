/**
 * GET /export/* : the graph (or a focus subgraph) laid out and written for graph tools.
 *   /export/graph.gexf      Gephi (GEXF 1.3 with viz positions, sizes, colours)
 *   /export/graph.graphml   yEd, Gephi, Cytoscape desktop, NetworkX
 *   /export/graph.json      graphology serialisation, for Sigma.js
 *   /export/cytoscape.json  Cytoscape.js elements with preset positions
 * Optional `?focus=<id>` (repeatable) and `&depth=N`. Errors are JSON in the GraphQL shape
 * (`{errors: [{message, extensions: {code}}]}`) so clients handle one error format.
 */
import type { Plugin } from 'graphql-yoga';
import { type ExportFormat, exportGraph } from '../export/index.js';
import { layoutOffThread } from '../layout/offthread.js';
import { BadInputError, DomainError } from '../model/errors.js';
import type { SnapshotSource } from './snapshot-source.js';

export const EXPORT_ROUTES: Readonly<Record<string, ExportFormat>> = {
  '/export/graph.gexf': 'gexf',
  '/export/graph.graphml': 'graphml',
  '/export/graph.json': 'json',
  '/export/cytoscape.json': 'cytoscape',
};

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  LIMIT_EXCEEDED: 400,
};

function parseDepth(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) {
    throw new BadInputError(`depth must be a non-negative integer, got "${raw}"`, { argument: 'depth' });
  }
  return Number(raw);
}

const errorBody = (error: DomainError) => ({
  errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }],
});

export function exportRoutesPlugin(source: SnapshotSource): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      const format = EXPORT_ROUTES[url.pathname];
      if (!format) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          fetchAPI.Response.json(
            { errors: [{ message: 'exports are read with GET', extensions: { code: 'METHOD_NOT_ALLOWED' } }] },
            { status: 405, headers: { allow: 'GET, HEAD' } },
          ),
        );
        return;
      }
      try {
        const focus = url.searchParams.getAll('focus').filter((id) => id !== '');
        const depth = parseDepth(url.searchParams.get('depth'));
        const snapshot = source.current();
        // A big layout is computed in a worker thread first; exportGraph then finds it cached.
        await layoutOffThread(snapshot, { focus, depth });
        const out = exportGraph(snapshot, format, { focus, depth });
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : out.body, {
            status: 200,
            headers: {
              'content-type': out.contentType,
              'content-disposition': `attachment; filename="${out.filename}"`,
              // A snapshot never changes, but a reload swaps it: clients should revalidate.
              'cache-control': 'no-cache',
            },
          }),
        );
      } catch (err) {
        // Only domain errors are the client's doing; anything else is left to yoga's handling.
        if (!(err instanceof DomainError)) throw err;
        endResponse(fetchAPI.Response.json(errorBody(err), { status: STATUS_BY_CODE[err.code] ?? 400 }));
      }
    },
  };
}
