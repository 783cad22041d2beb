// One-off migration for issue 18: assertion on every relation, refined types.
import * as yaml from 'js-yaml';
import fs from 'node:fs';
const dir = 'graph-data/knowledge/';
const S = 'STATED', I = 'IMPLIED_BY_CONTEXT', C = 'CURATOR_INFERENCE';
// Assertion overrides (file prefix#index) after rereading each quote.
const assertion = {
  'common#2': C,
  'guangming#18': C, 'guangming#49': S, 'guangming#50': S, 'guangming#77': S,
  'demonstration#8': I, 'demonstration#9': I, 'demonstration#10': I,
  'guangming#72': I, 'guangming#74': I, 'guangming#76': I,
  'guangming#21': I, 'guangming#22': I, 'guangming#29': I, 'guangming#37': I, 'guangming#38': I,
  'guangming#46': I, 'guangming#62': I, 'guangming#63': I, 'guangming#64': I, 'guangming#65': I, 'guangming#66': I,
  'guangming#80': I, 'guangming#92': I, 'guangming#93': I, 'guangming#116': I, 'guangming#117': I,
  'improve#0': S, 'improve#1': S, 'improve#34': S,
  'pps#25': I, 'pps#30': S, 'pps#34': S, 'pps#37': S, 'pps#40': I, 'pps#42': S, 'pps#43': S, 'pps#44': S, 'pps#46': S,
  'pps#62': C, 'pps#63': C, 'pps#67': S, 'pps#70': S, 'pps#71': S, 'pps#72': S, 'pps#73': S, 'pps#76': I, 'pps#106': I,
  'qiushi#0': S, 'qiushi#2': S, 'qiushi#10': C, 'qiushi#11': C,
};
for (let i = 18; i <= 51; i++) if (i !== 36) assertion[`qiushi#${i}`] ??= I;
// Type changes: [new type, flip source/target]
const retype = {
  'guangming#8': ['HEADS'], 'guangming#15': ['HEADS'], 'guangming#16': ['HEADS'],
  'guangming#81': ['CONTRIBUTED_TO_DRAFTING'], 'guangming#82': ['CONTRIBUTED_TO_DRAFTING'],
  'improve#17': ['PROMOTED'], 'improve#34': ['BUILT', true],
  'pps#2': ['PROMOTED'], 'pps#3': ['PROMOTED'], 'pps#5': ['PROMOTED'], 'pps#8': ['PROMOTED'], 'pps#16': ['PROMOTED'],
  'pps#34': ['PROMOTED'], 'pps#37': ['PROMOTED'], 'pps#42': ['RELIES_ON', true], 'pps#43': ['BUILT', true],
  'pps#44': ['PROMOTED'], 'pps#46': ['PROMOTED'], 'pps#101': ['PROMOTED'],
  'qiushi#0': ['HEADS'],
};
const proposeFromNote = (n) => (!n ? S : /loose|inferred|curator|certain|masks/i.test(n) ? C : I);
const report = [];
for (const f of fs.readdirSync(dir).sort()) {
  const key = f.split(/[-.]/)[0];
  const text = fs.readFileSync(dir + f, 'utf8');
  const data = yaml.load(text);
  const lines = text.split('\n');
  const start = lines.indexOf('relations:');
  const heads = [];
  for (let i = start + 1; i < lines.length; i++) if (/^  - /.test(lines[i])) heads.push(i);
  if (heads.length !== (data.relations ?? []).length) throw new Error(`${f}: ${heads.length} vs ${data.relations.length}`);
  // Walk backwards so inserted lines do not shift later blocks.
  for (let n = heads.length - 1; n >= 0; n--) {
    const r = data.relations[n];
    const k = `${key}#${n}`;
    const a = assertion[k] ?? proposeFromNote(r.note);
    const end = n + 1 < heads.length ? heads[n + 1] : lines.length;
    const block = lines.slice(heads[n], end);
    const at = (re) => block.findIndex((l) => re.test(l));
    const ti = at(/^  (?:- | {2})type: /);
    const si = at(/^ {4}source: /);
    const gi = at(/^ {4}target: /);
    if (ti < 0 || si < 0 || gi < 0) throw new Error(`${k}: block shape`);
    const change = retype[k];
    if (change) {
      const [type, flip] = change;
      block[ti] = block[ti].replace(/type: \w+/, `type: ${type}`);
      if (flip) {
        const s = block[si].replace('source:', 'target:');
        block[si] = block[gi].replace('target:', 'source:');
        block[gi] = s;
      }
      report.push(`${k}\t${r.type}->${type}${flip ? ' (reversed)' : ''}\t${r.source} -> ${r.target}`);
    }
    block.splice(Math.max(si, gi) + 1, 0, `    assertion: ${a}`);
    lines.splice(heads[n], end - heads[n], ...block);
  }
  fs.writeFileSync(dir + f, lines.join('\n'));
}
console.log(report.join('\n'));
