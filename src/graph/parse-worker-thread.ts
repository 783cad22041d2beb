/**
 * The worker side of parse-pool.ts: parses each file of a batch with the same function the
 * loader uses on its own thread and sends the results back as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { parseKnowledgeFile } from './load.js';
import type { ParseReply, ParseRequest } from './parse-pool.js';

const port = parentPort;
if (!port) throw new Error('parse-worker-thread.ts runs only as a worker thread');

port.on('message', ({ id, jobs }: ParseRequest) => {
  let reply: ParseReply;
  try {
    // Decoded as the loader decodes on its own thread (Buffer's UTF-8, which keeps a BOM).
    const parsed = jobs.map(({ absPath, relPath, bytes }) =>
      parseKnowledgeFile(
        absPath,
        relPath,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
      ),
    );
    reply = { id, parsed };
  } catch (err) {
    reply = { id, failed: (err as Error).stack ?? String(err) };
  }
  port.postMessage(reply);
});
