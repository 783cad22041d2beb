/** The real server over real HTTP: GraphQL-over-HTTP compliance, health, GraphiQL. */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/server/main.js';
import { bundledSnapshot } from '../helpers/graphql.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = await listen({ snapshot: bundledSnapshot(), port: 0, host: '127.0.0.1', logging: false });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// SHOULD audits that fail, with why, are listed in the README; MUST audits must all pass.
describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  for (const audit of serverAudits({ url: () => `${base}/graphql` })) {
    if (audit.name.startsWith('MUST')) {
      it(audit.name, async () => {
        const result = await audit.fn();
        expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
      });
    }
  }
});

describe('HTTP routes', () => {
  it('/health reports the snapshot it serves', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: bundledSnapshot().version, problems: [] });
  });

  it('/graphql serves GraphiQL with example operations to a browser', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('reform-graph');
    expect(html).toContain('MinistryWithEvidence');
  });

  it('answers a POSTed query over the wire', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(id: "organ/ministry-of-public-security") { name } }' }),
    });
    expect(await res.json()).toMatchObject({ data: { entity: { name: 'Ministry of Public Security' } } });
  });
});
