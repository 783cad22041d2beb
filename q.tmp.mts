import { createServer } from './src/server/yoga.ts';
import { loadGraphData } from './src/graph/load.ts';
const snap = loadGraphData('graph-data');
for (const production of [false, true]) {
const y = createServer({ snapshot: snap, logging: true, config: { production } });
const show = async (label: string, url: string, init?: RequestInit) => { const r = await y.fetch(url, init); console.log(production, label, r.status, JSON.stringify([...r.headers].filter(([k]) => k.startsWith('access-control'))), (await r.text()).slice(0, 400)); };
await show('get-vars', 'http://x/graphql?query=%7B__typename%7D&variables=%7B', { headers: { 'x-graphql-yoga-csrf': '1' } });
await show('get-ext', 'http://x/graphql?query=%7B__typename%7D&extensions=%7B', { headers: { 'x-graphql-yoga-csrf': '1' } });
await show('enum', 'http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ centrality(measure: DEGRE) { id } }' }) });
await show('enumvar', 'http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($k: EntityKind) { entities(kind: $k) { totalCount } }', variables: { k: 'ORGN' } }) });
await show('badjson', 'http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "secret-body-text' });
await show('cors', 'http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ query: '{ __typename }' }) });
await show('preflight', 'http://x/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
}
