import * as yaml from 'js-yaml';
import fs from 'node:fs';
const dir='graph-data/knowledge/';
const out=[];
for (const f of fs.readdirSync(dir).sort()) {
  const d = yaml.load(fs.readFileSync(dir+f,'utf8'));
  (d.relations??[]).forEach((r,i)=>{
    const n = r.note ?? '';
    let a = 'STATED';
    if (/loose|inferred|curator|certain|the curator's|is curator knowledge|masks/i.test(n)) a='CURATOR_INFERENCE';
    else if (n) a='IMPLIED_BY_CONTEXT';
    out.push(`${f.replace('.yaml','').slice(0,14)}#${i}\t${a}\t${r.type}\t${r.source.split('/')[1]}\t${r.target.split('/')[1]}\t${n.slice(0,90)}`);
  });
}
console.log(out.join('\n'));
