/**
 * Where a `--cpu-prof` profile's time went: self time per function and per package (or file
 * of ours), as a Markdown table, so a profile can be quoted in BENCHMARKS.md.
 *
 *   node --cpu-prof --cpu-prof-dir=DIR dist/cli/main.js validate --data CORPUS --workers 0
 *   npx tsx bench/cpuprofile-summary.mts DIR/*.cpuprofile [--top 25]
 *
 * Several files (a main thread and its workers) are summed. `--from`/`--to` (CLOCK_MONOTONIC
 * µs, the profile's own clock, as bench/ab-http.mts prints each window's) keep the samples of one
 * window, so a server's start-up stays out of a profile of its load; with `--answers N` each
 * row also gives its µs per answer.
 *
 *   npx tsx bench/cpuprofile-summary.mts FILE --from 123 --to 456 --answers 7000
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    from: { type: 'string' },
    to: { type: 'string' },
    answers: { type: 'string' },
  },
});

/** A package name from node_modules, `ours: file` for our code, or the V8 category. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(?:dist|src)\/(.+)$/.exec(url)?.[1];
  return ours ? `ours: ${ours}` : url;
}

const from = values.from ? Number(values.from) : Number.NEGATIVE_INFINITY;
const to = values.to ? Number(values.to) : Number.POSITIVE_INFINITY;
const answers = values.answers ? Number(values.answers) : 0;
const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
let total = 0;
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (at < from || at > to) return;
    const node = nodes.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const who = owner(url, functionName);
    const fn = `${functionName || '(anonymous)'} (${who}${url ? `:${lineNumber + 1}` : ''})`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    byOwner.set(who, (byOwner.get(who) ?? 0) + dt);
    total += dt;
  });
}

const top = Number(values.top);
const perAnswer = (v: number) => (answers > 0 ? ` ${(v / answers).toFixed(0)} |` : '');
const table = (title: string, map: Map<string, number>) => [
  `| ${title} | self (s) | share |${answers > 0 ? ' µs per answer |' : ''}`,
  `| --- | ---: | ---: |${answers > 0 ? ' ---: |' : ''}`,
  ...[...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([k, v]) =>
        `| ${k.replaceAll('|', '\\|')} | ${(v / 1e6).toFixed(1)} | ${((100 * v) / total).toFixed(1)}% |${perAnswer(v)}`,
    ),
];
console.log(`${positionals.length} profile(s), ${(total / 1e6).toFixed(1)} s sampled\n`);
console.log(table('package or file', byOwner).join('\n'));
console.log();
console.log(table('function', byFunction).join('\n'));
