/**
 * What one request costs a server, measured in its own CPU time rather than req/s: on a
 * shared, busy machine throughput follows whatever else runs, while CPU milliseconds per
 * request (the server process's user + system time over the window, its collector's threads
 * included, divided by the answers) move much less. Optionally with --cpu-prof, to see where
 * that time goes (the profile is written when the server exits; the window's --from/--to keep
 * start-up out of bench/cpuprofile-summary.mts's tables).
 *
 *   npx tsx bench/profile-http.mts --kind yoga-jit-fast --snapshot FILE [--workload lookup] [--prof DIR]
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
    prof: { type: 'string' },
  },
});
if (!values.snapshot) throw new Error('--snapshot FILE is required');
const server = await startServer(
  values.kind as ServerKind,
  values.snapshot,
  0,
  values.prof ? ['--cpu-prof', `--cpu-prof-dir=${values.prof}`] : [],
);
try {
  const common = {
    port: server.port,
    workload: values.workload as Workload,
    ids: server.ids,
    connections: Number(values.connections),
  };
  await runLoad({ ...common, seconds: 3 });
  server.notify({ type: 'gc-start' });
  const result = await runLoad({ ...common, seconds: Number(values.seconds) });
  const cpu = await server.request({ type: 'gc-stop' }, 'gc');
  const cpuMs = cpu.type === 'gc' ? cpu.cpuMs : Number.NaN;
  const answered = result.requests - result.failures;
  console.log(
    `${values.kind} ${values.workload}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ` +
      `${((cpuMs * 1000) / answered).toFixed(0)} µs server CPU per request (${answered} answers); ` +
      (cpu.type === 'gc' ? `--from ${cpu.fromUs} --to ${cpu.toUs} --answers ${answered}` : ''),
  );
} finally {
  await server.stop();
}
