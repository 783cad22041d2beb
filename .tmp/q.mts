import { loadGraphData } from '../src/graph/load.js';
import { createServer } from '../src/server/yoga.js';
const y = createServer({ snapshot: loadGraphData('graph-data'), logging: false });
const q = process.argv[2];
const r = await y.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
console.log(JSON.stringify(await r.json(), null, 1).slice(0, 6000));
