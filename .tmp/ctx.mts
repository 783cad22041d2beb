import { loadGraphData } from '../src/graph/load.js';
const s = loadGraphData('graph-data');
const seen = new Map<string, string>();
s.graph.forEachEdge((_k, r) => { for (const ev of r.evidence) if (ev.context !== 'BODY') seen.set(`${ev.context} ${ev.quote.slice(0, 90)}`, ''); });
for (const e of s.entities()) for (const ev of e.evidence) if (ev.context !== 'BODY') seen.set(`${ev.context} ${ev.quote.slice(0, 90)}`, '');
console.log([...seen.keys()].sort().join('\n'));
const counts: Record<string, number> = {};
s.graph.forEachEdge((_k, r) => { if (r.type !== 'MENTIONS') counts[r.assertion] = (counts[r.assertion] ?? 0) + 1; });
console.log(counts);
