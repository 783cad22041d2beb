// Prints the README's traversal examples with their real answers on the bundled data.

import { loadGraphData } from '../src/graph/load.js';
import { createServer } from '../src/server/yoga.js';
import { compactJson } from './compact-json.mjs';

const yoga = createServer({ snapshot: loadGraphData('graph-data'), logging: false });
const examples: [string, string][] = [
  [
    'Everything within two hops of the Ministry, following only who-launched-what and what-it-produced:',
    `{
  neighborhood(ids: ["organ/ministry-of-public-security"], depth: 2, direction: OUT,
               relationTypes: [LAUNCHED, PRODUCED], limit: 6) {
    truncated
    nodes { id kind }
    edges { type sourceId targetId }
  }
}`,
  ],
  [
    'Every outcome a campaign leads to, with the chain of relations and the quote behind each step:',
    `{
  outcomeChains(from: "campaign/cleaning-the-internet", maxDepth: 2, first: 2) {
    outcome { id figure unit year { text } }
    path { length edges { type evidence { quote } } }
  }
}`,
  ],
  [
    'What leads to an outcome (the reverse):',
    `{
  drivers(outcome: "outcome/public-security-checkpoints-2023", maxDepth: 2) {
    entity { id kind }
    path { length }
  }
}`,
  ],
  [
    'A metric over the years, with the change computed and the sources of each point:',
    `{
  metricSeries(metric: "public-sense-of-security") {
    unit
    points { date { text precision } value isBaseline change { absolute percentagePoints }
             sources { document { documentId } published { text } } }
    missingYears
  }
}`,
  ],
  [
    'Dated entities in order, keeping each date at the precision the text gives:',
    `{
  timeline(from: "2013", to: "2015", kinds: [PLENARY_SESSION]) {
    date { text precision }
    entity { id name }
  }
}`,
  ],
];
for (const [title, query] of examples) {
  const res = await yoga.fetch('http://x/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  const shown = compactJson(body.errors ? body : body.data);
  console.log(`${title}\n\n\`\`\`graphql\n${query}\n\`\`\`\n\n\`\`\`json\n${shown}\n\`\`\`\n`);
}
