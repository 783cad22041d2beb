import * as yaml from 'js-yaml';
import fs from 'node:fs';
import { execSync } from 'node:child_process';
const files = fs.readdirSync('graph-data/knowledge').sort();
let changed = 0, total = 0;
const propose = (n) => (!n ? 'STATED' : /loose|inferred|curator|certain|masks/i.test(n) ? 'CURATOR_INFERENCE' : 'IMPLIED_BY_CONTEXT');
for (const f of files) {
  const old = yaml.load(execSync(`git show 6ad14e6:graph-data/knowledge/${f}`).toString()).relations ?? [];
  const now = yaml.load(fs.readFileSync(`graph-data/knowledge/${f}`, 'utf8')).relations ?? [];
  // align by index, accounting for the one merged relation in qiushi (#1 removed)
  const aligned = f.startsWith('qiushi') ? old.filter((_, i) => i !== 1) : old;
  aligned.forEach((r, i) => { total++; if (propose(r.note) !== now[i].assertion) changed++; });
}
console.log({ total, changed });
