/**
 * The layout thread: loads the graph (from a snapshot file, so the main thread does not pay
 * for cloning a big graph), runs the ordinary synchronous computeLayout, and posts the result.
 * Same code, same seed, same input: the same coordinates as a layout in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Snapshot } from '../graph/snapshot.js';
import { readSnapshotFile } from '../graph/snapshot-file.js';
import { computeLayout } from './layout.js';
import {
  LAYOUT_CHUNK,
  type LayoutJob,
  type LayoutPhase,
  type ParentMessage,
  type WorkerMessage,
} from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker-thread.ts runs only as a worker thread (see layoutInWorker)');
const post = (message: WorkerMessage) => port.postMessage(message);

try {
  const job = workerData as LayoutJob;
  const ms: Record<LayoutPhase, number> = { load: 0, layout: 0, send: 0 };
  let t = performance.now();
  post({ type: 'phase', phase: 'load' });
  const snapshot =
    'snapshotFile' in job.source ? readSnapshotFile(job.source.snapshotFile) : new Snapshot(job.source.data);
  ms.load = performance.now() - t;
  t = performance.now();
  post({ type: 'phase', phase: 'layout' });
  const layout = computeLayout(snapshot, job.options, job.settings);
  ms.layout = performance.now() - t;
  post({ type: 'phase', phase: 'send' });
  t = performance.now();
  // One chunk per request from the main thread: Node delivers every queued message in one
  // go, so chunks sent all at once would stall it just as one big message did.
  const chunks: WorkerMessage[] = [];
  for (let i = 0; i < layout.nodes.length; i += LAYOUT_CHUNK) {
    chunks.push({ type: 'nodes', nodes: layout.nodes.slice(i, i + LAYOUT_CHUNK) });
  }
  for (let i = 0; i < layout.edges.length; i += LAYOUT_CHUNK) {
    chunks.push({ type: 'edges', edges: layout.edges.slice(i, i + LAYOUT_CHUNK) });
  }
  let next = 0;
  const sendNext = () => {
    const chunk = chunks[next++];
    if (chunk) return post(chunk);
    ms.send = performance.now() - t;
    post({ type: 'done', ms });
    port.close();
  };
  port.on('message', (message: ParentMessage) => {
    if (message.type === 'more') sendNext();
  });
  sendNext();
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
