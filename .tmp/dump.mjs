import * as yaml from 'js-yaml';
import fs from 'node:fs';
const dir='graph-data/knowledge/';
for (const f of fs.readdirSync(dir)) {
  const d = yaml.load(fs.readFileSync(dir+f,'utf8'));
  (d.relations??[]).forEach((r,i)=>{
    console.log(`${f.slice(0,12)}#${i} ${r.type} ${r.source} -> ${r.target}${r.role?' role='+r.role:''}${r.date?' date='+r.date:''}`);
    if (r.note) console.log('   NOTE: '+r.note);
    for (const e of r.evidence) console.log('   Q: '+e.quote + (e.document?` [${e.document}]`:''));
  });
}
