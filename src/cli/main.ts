#!/usr/bin/env node
import { validateGraphData } from '../graph/load.js';
import { formatProblem } from '../model/errors.js';

const dir = process.argv[3] ?? 'graph-data';
const r = validateGraphData(dir);
for (const p of r.problems) console.error(formatProblem(p));
if (r.snapshot) console.log(r.snapshot.counts());
process.exitCode = r.snapshot ? 0 : 1;
