/**
 * The body of a layout job, shared by the worker thread and the child process: load the
 * graph, run the ordinary synchronous layout, pack the columns. Same code, same seed, same
 * input: the same coordinates as a layout computed in the server's own thread.
 */
import { getPriority } from 'node:os';
import { Snapshot } from '../graph/snapshot.js';
import { readSnapshotFile } from '../graph/snapshot-file.js';
import { layoutGraph } from './layout.js';
import { packLayout } from './packed.js';
import { threadScheduling } from './scheduling.js';
import type { LayoutJob, LayoutPhase, WorkerMessage } from './worker-protocol.js';

export function runLayoutJob(job: LayoutJob, post: (message: WorkerMessage) => void): void {
  try {
    const ms: Record<LayoutPhase, number> = { load: 0, layout: 0, send: 0 };
    let t = performance.now();
    post({ type: 'phase', phase: 'load' });
    const snapshot =
      'snapshotFile' in job.source ? readSnapshotFile(job.source.snapshotFile) : new Snapshot(job.source.data);
    ms.load = performance.now() - t;
    t = performance.now();
    post({ type: 'phase', phase: 'layout' });
    const graph = layoutGraph(snapshot, job.options, job.settings);
    ms.layout = performance.now() - t;
    post({ type: 'phase', phase: 'send' });
    t = performance.now();
    const buffer = packLayout(graph);
    ms.send = performance.now() - t;
    // Read at the end, when the collector's helper threads exist too.
    const { policy, niceness } = threadScheduling();
    post({
      type: 'done',
      buffer,
      nodeCount: graph.order,
      ms,
      niceness: Number.isNaN(niceness) ? getPriority() : niceness,
      policy,
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}
