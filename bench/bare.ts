/**
 * The bare node:http baseline: reads the same POST body a GraphQL client sends, answers the
 * same two operations with the same JSON, and does nothing else (no parsing of the query, no
 * validation, no plugins). It is the ceiling the GraphQL servers are compared with.
 */
import { createServer, type Server } from 'node:http';
import type { Snapshot } from '../src/graph/snapshot.js';
import { LOOKUP, lookupData, TWO_HOP, twoHopData } from './operations.js';

interface Body {
  readonly operationName?: string;
  readonly variables?: { readonly id?: string };
}

export function bareServer(snapshot: Snapshot): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let status = 200;
      let payload: unknown;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body;
        const id = String(body.variables?.id ?? '');
        if (body.operationName === LOOKUP.operationName) payload = { data: lookupData(snapshot, id) };
        else if (body.operationName === TWO_HOP.operationName) payload = { data: twoHopData(snapshot, id) };
        else {
          status = 400;
          payload = { errors: [{ message: 'unknown operation' }] };
        }
      } catch (err) {
        status = 400;
        payload = { errors: [{ message: (err as Error).message }] };
      }
      const json = JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    });
  });
}
