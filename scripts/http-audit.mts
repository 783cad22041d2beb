// Runs every graphql-http server audit (MUST, SHOULD, MAY) against a live server and lists the misses.
import { auditServer } from 'graphql-http';
import { loadGraphData } from '../src/graph/load.js';
import { listen } from '../src/server/main.js';

const server = await listen({ snapshot: loadGraphData('graph-data'), port: 0, host: '127.0.0.1', logging: false });
const port = (server.address() as { port: number }).port;
const results = await auditServer({ url: `http://127.0.0.1:${port}/graphql` });
const counts: Record<string, number> = {};
for (const r of results) {
  counts[r.status] = (counts[r.status] ?? 0) + 1;
  if (r.status !== 'ok') console.log(`${r.status}: ${r.name} — ${'reason' in r ? r.reason : ''}`);
}
console.log(`${results.length} audits:`, counts);
server.closeAllConnections();
server.close();
