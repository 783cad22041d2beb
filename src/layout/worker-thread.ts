/** The layout thread: runs one job (see job.ts) and posts its packed result, transferring the buffer. */
import { parentPort, workerData } from 'node:worker_threads';
import { runLayoutJob } from './job.js';
import type { LayoutJob, WorkerMessage } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker-thread.ts runs only as a worker thread (see layoutInWorker)');
runLayoutJob(workerData as LayoutJob, (message: WorkerMessage) =>
  port.postMessage(message, message.type === 'done' ? [message.buffer] : []),
);
port.close();
