import { loadGraphData } from '../src/graph/load.js';
import { unlinkedListItems } from '../src/graph/list-links.js';
import { snapshotInputOf } from '../src/graph/snapshot-file.js';
import { Snapshot } from '../src/graph/snapshot.js';
const s = loadGraphData('graph-data');
const input = snapshotInputOf(s);
for (const drop of ['rel/reform/administrative-licensing-list-management-PART_OF->reform/26-measures-high-quality-development-services', 'rel/reform/work-safety-management-system-reform-PART_OF->reform/public-security-system', 'rel/organ/chaoyang-people-PARTICIPATED_IN->reform/social-security-prevention-and-control-system']) {
  const t = new Snapshot({ ...input, relations: input.relations.filter((r) => r.id !== drop) });
  console.log(drop, '=>', unlinkedListItems(t).map((u) => `${u.item} <- ${u.wholes.join(',')} [${u.cue}]`));
}
