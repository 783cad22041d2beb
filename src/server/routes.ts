/** Plain HTTP routes beside /graphql: liveness, readiness. */
import type { Plugin } from 'graphql-yoga';
import type { SnapshotSource } from './snapshot-source.js';

/** Lets /ready say "no" while the process drains for shutdown. */
export interface Lifecycle {
  shuttingDown: boolean;
}

export function routesPlugin(source: SnapshotSource, lifecycle: Lifecycle = { shuttingDown: false }): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/health') {
        const problems = source.problems();
        const snapshot = source.current();
        const status = source.status?.();
        endResponse(
          fetchAPI.Response.json({
            status: problems.length > 0 || status?.notTaken ? 'degraded' : 'ok',
            version: snapshot.version,
            loadedAt: snapshot.loadedAt.toISOString(),
            entities: snapshot.entities().length,
            relations: snapshot.graph.size,
            problems,
            // Which snapshot is live, from where, and why a newer state of the data is not.
            live: {
              version: snapshot.version,
              data: snapshot.data?.hash ?? null,
              loadedAt: snapshot.loadedAt.toISOString(),
              source: status?.source ?? null,
            },
            notTaken: status?.notTaken ?? null,
            settling: status?.settling ?? false,
          }),
        );
      } else if (url.pathname === '/ready') {
        const ready = !lifecycle.shuttingDown;
        endResponse(
          fetchAPI.Response.json({ ready, version: source.current().version }, { status: ready ? 200 : 503 }),
        );
      } else if (url.pathname === '/') {
        endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: '/graphql' } }));
      }
    },
  };
}
