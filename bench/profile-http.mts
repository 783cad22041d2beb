/**
 * Where a server's time goes under the HTTP bench's load: starts one server kind with
 * --cpu-prof, runs a workload against it, stops it (the profile is written on exit).
 *
 *   npx tsx bench/profile-http.mts --kind yoga-jit-fast --snapshot FILE --workload lookup --dir /tmp/prof
 *
 * Open the .cpuprofile in Chrome's DevTools or `npx speedscope`.
 */
import { parseArgs } from 'node:util';
import { startServer } from './child.js';
import { runLoad } from './load.js';
import type { Workload } from './operations.js';
import type { ServerKind } from './protocol.js';

const { values } = parseArgs({
  options: {
    kind: { type: 'string', default: 'yoga-jit-fast' },
    snapshot: { type: 'string' },
    workload: { type: 'string', default: 'lookup' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    dir: { type: 'string', default: 'profiles' },
  },
});
if (!values.snapshot) throw new Error('--snapshot FILE is required');
const server = await startServer(values.kind as ServerKind, values.snapshot, 0, [
  '--cpu-prof',
  `--cpu-prof-dir=${values.dir}`,
]);
try {
  const common = {
    port: server.port,
    workload: values.workload as Workload,
    ids: server.ids,
    connections: Number(values.connections),
  };
  await runLoad({ ...common, seconds: 3 });
  const result = await runLoad({ ...common, seconds: Number(values.seconds) });
  process.stderr.write(`${values.kind} ${values.workload}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms\n`);
} finally {
  await server.stop();
}
