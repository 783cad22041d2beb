// Prints the README's example queries with their real answers on the bundled data.

import { loadGraphData } from '../src/graph/load.js';
import { createServer } from '../src/server/yoga.js';
import { compactJson } from './compact-json.mjs';

const yoga = createServer({ snapshot: loadGraphData('graph-data'), logging: false });
const examples = [
  `{
  entity(id: "outcome/public-security-checkpoints-2023") {
    name
    ... on Outcome { value unit qualifier figure period { end { text precision } } }
    evidence { quote start end document { title published { text } } }
  }
}`,
  `{
  search(query: "MPS", first: 2) { score matchType matchedOn matchedText entity { id name nameZh } }
}`,
  `{
  entity(id: "campaign/demonstration-city-creation") {
    name
    start { text precision }
    launchedBy: neighbors(direction: IN, types: [LAUNCHED]) { id name }
    relations(direction: OUT, types: [PRODUCED], first: 2) {
      totalCount
      edges { node { target { id ... on Outcome { figure unit } } note } }
    }
  }
}`,
];
for (const query of examples) {
  const res = await yoga.fetch('http://x/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data: unknown };
  console.log(`\`\`\`graphql\n${query}\n\`\`\`\n\n\`\`\`json\n${compactJson(body.data)}\n\`\`\`\n`);
}
