/**
 * The layout process (see child-process.ts): waits for its job over IPC, runs it (job.ts),
 * sends the packed result and exits. It runs niced, so on a busy machine the server that
 * forked it gets the CPU first, and its heap and collector are its own.
 */
import { runLayoutJob } from './job.js';
import type { ParentMessage, WorkerMessage } from './worker-protocol.js';

const send = process.send?.bind(process);
if (!send) throw new Error('child-main.ts runs only as a forked layout process (see layoutInChildProcess)');

process.once('message', (message: ParentMessage) => {
  let pending = 0;
  runLayoutJob(message.job, (out: WorkerMessage) => {
    pending++;
    // The IPC channel is closed only once the last message is written out.
    send(out, undefined, undefined, () => {
      if (--pending === 0 && out.type !== 'phase') process.disconnect();
    });
  });
});
