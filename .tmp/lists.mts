import { loadGraphData } from '../src/graph/load.js';
import { unlinkedListItems } from '../src/graph/list-links.js';
const s = loadGraphData('graph-data');
for (const u of unlinkedListItems(s)) console.log(u.document, '|', u.cue, '|', u.item, '|', u.wholes.join(','), '\n   ', u.sentence.slice(0, 300));
