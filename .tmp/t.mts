import { loadGraphData } from '../src/graph/load.js';
import { createServer } from '../src/server/yoga.js';
const y = createServer({ snapshot: loadGraphData('graph-data'), logging: false });
const REL = 'type sourceId targetId role note date { text precision } evidence { quote }';
const q = `{
      entity(id: "outcome/cleaning-the-internet-cybercrime-cases-detected") {
        reporters: neighbors(direction: IN, types: [REPORTED]) {
          id name
          ... on Person { position }
          heads: relations(direction: OUT, types: [HEADS]) { edges { node { ${REL} } } }
          memberOf: neighbors(direction: OUT, types: [MEMBER_OF]) { id }
          bureau: neighbors(direction: OUT, types: [HEADS]) {
            id name
            ministry: neighbors(direction: OUT, types: [PART_OF]) { id name }
          }
        }
      }
    }`;
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const r = await y.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  const j = await r.json();
  console.log(Math.round(performance.now() - t0), 'ms', JSON.stringify(j).slice(0, 150));
}
