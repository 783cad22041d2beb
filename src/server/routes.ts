/** Plain HTTP routes beside /graphql: liveness, readiness. */
import type { Plugin } from 'graphql-yoga';
import type { SnapshotSource } from './snapshot-source.js';

export function routesPlugin(source: SnapshotSource): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/health') {
        const problems = source.problems();
        const snapshot = source.current();
        endResponse(
          fetchAPI.Response.json({
            status: problems.length > 0 ? 'degraded' : 'ok',
            version: snapshot.version,
            loadedAt: snapshot.loadedAt.toISOString(),
            entities: snapshot.entities().length,
            relations: snapshot.graph.size,
            problems,
          }),
        );
      } else if (url.pathname === '/ready') {
        endResponse(fetchAPI.Response.json({ ready: true, version: source.current().version }));
      } else if (url.pathname === '/') {
        endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: '/graphql' } }));
      }
    },
  };
}
