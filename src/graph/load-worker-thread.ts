/**
 * The worker side of load-offthread.ts: reads and validates graph-data with a parse cache
 * that lives as long as the worker, so each load re-parses only the files that changed, and
 * sends the records back in small messages, one more each time the main thread asks (each
 * message is deserialised on the main thread, which must stay free to answer requests).
 */
import { parentPort } from 'node:worker_threads';
import type { AsPlainObject } from 'minisearch';
import type { SourceDocumentRecord } from '../model/records.js';
import { packEncoded } from './encoded-transfer.js';
import { filesSignature } from './files-signature.js';
import { ParseCache, type ParsedKnowledgeFile, validateRecords } from './load.js';
import type { LoadMessage, LoadRequest } from './load-protocol.js';
import { lossBounds } from './loss-bound.js';
import { PassageIndex } from './passages.js';
import { SearchIndex } from './search.js';
import { encodeSnapshotInput } from './snapshot.js';

const port = parentPort;
if (!port) throw new Error('load-worker-thread.ts runs only as a worker thread');

const cache = new ParseCache();
/** A message and the buffers it moves to the main thread. */
interface Outgoing {
  readonly message: LoadMessage;
  readonly transfer?: ArrayBuffer[];
}
let queue: Outgoing[] = [];

/** Entity heads per message: small objects (id, kind, dates), a few ms to deserialise. */
const HEAD_CHUNK = 10_000;

/** The documents of the previous load: while they stay the same, so does the passage text index. */
let lastDocuments: readonly SourceDocumentRecord[] | undefined;
/** Counts changes of the documents from one load to the next. */
let documentsGeneration = 0;
/** The documents' generation of recent loads, by data hash: is the live snapshot's the same? */
const generationByData = new Map<string, number>();

/** Each recent load's parse of every knowledge file, by data hash: the base of lossBounds. */
const parsedByData = new Map<string, Map<string, ParsedKnowledgeFile>>();

function sameDocuments(a: readonly SourceDocumentRecord[], b: readonly SourceDocumentRecord[]): boolean {
  return a.length === b.length && a.every((d, i) => d.id === b[i]?.id && d.text === b[i]?.text);
}

function load(dataDir: string, records = true, passagesAnyway = false, live?: string): Outgoing[] {
  const started = performance.now();
  const parsesBefore = cache.parses;
  const readsBefore = cache.reads;
  const { input, problems } = validateRecords(dataDir, { cache });
  const parses = cache.parses - parsesBefore;
  const reads = cache.reads - readsBefore;
  const ms = Math.round(performance.now() - started);
  const documentsChanged = !input || !lastDocuments || !sameDocuments(lastDocuments, input.documents);
  if (documentsChanged) documentsGeneration++;
  const liveGeneration = live === undefined ? undefined : generationByData.get(live);
  const liveFiles = live === undefined ? undefined : parsedByData.get(live);
  const files = input ? cache.files() : undefined;
  if (input && files) {
    if (input.data) {
      parsedByData.delete(input.data.hash);
      parsedByData.set(input.data.hash, files);
      for (const oldest of parsedByData.keys()) {
        if (parsedByData.size <= 4) break;
        parsedByData.delete(oldest);
      }
    }
    lastDocuments = input.documents;
    if (input.data) {
      generationByData.delete(input.data.hash);
      generationByData.set(input.data.hash, documentsGeneration);
      // The live one is among the last few loads (later ones were not taken, or are undone edits).
      for (const oldest of generationByData.keys()) {
        if (generationByData.size <= 16) break;
        generationByData.delete(oldest);
      }
    }
  }
  const done = (more: Partial<Extract<LoadMessage, { type: 'done' }>> = {}): Outgoing => ({
    message: { type: 'done', problems: [], parses, reads, ms: Math.round(performance.now() - started), ...more },
  });
  if (!input || !records) return [done({ problems: [...problems], ms })];
  // The data is what is live already (an edit undone, a touch): no records to send.
  if (live !== undefined && input.data?.hash === live) return [done({ same: true, ms })];
  // Sorted here as the snapshot sorts them, so its sort finds them in order.
  const entities = [...input.entities].sort((a, b) => a.id.localeCompare(b.id));
  // Encoded here, as a snapshot file holds them: the main thread gets buffers, not records.
  const documentsAsLive = !passagesAnyway && liveGeneration === documentsGeneration;
  const { parts, heads, transfer } = packEncoded(encodeSnapshotInput({ ...input, entities }), !documentsAsLive);
  const out: Outgoing[] = [{ message: { type: 'encoded', parts }, transfer }];
  for (let i = 0; i < heads.length; i += HEAD_CHUNK) {
    out.push({ message: { type: 'heads', heads: heads.slice(i, i + HEAD_CHUNK) } });
  }
  // The search indexes too: built here, they cost the main thread only their loading in slices.
  const search = new SearchIndex(entities).toJSON();
  pushIndex(out, 'entities', search);
  // The passage text index depends on the documents alone: when they are the previous load's,
  // the main thread shares its live snapshot's (the biggest index, most of a reload's time).
  if (documentsChanged || passagesAnyway) {
    const passages = new PassageIndex(input.documents, entities).toJSON();
    pushIndex(out, 'passages', passages.index, [...passages.table]);
  }
  // Known only when the live data was one of this worker's recent loads (it is after the warm-up).
  out.push(done({ lossBound: liveFiles && files && lossBounds(liveFiles, files) }));
  return out;
}

const TERM_CHUNK = 2_000;

function pushIndex(out: Outgoing[], which: 'entities' | 'passages', index: AsPlainObject, table?: number[]): void {
  const terms = index.index as unknown[];
  out.push({ message: { type: 'index', which, head: { ...index, index: [] }, table } });
  for (let i = 0; i < terms.length; i += TERM_CHUNK)
    out.push({ message: { type: 'terms', which, terms: terms.slice(i, i + TERM_CHUNK) } });
}

port.on('message', (request: LoadRequest) => {
  try {
    if (request.type === 'signature') {
      port.postMessage({ type: 'signature', signature: filesSignature(request.dataDir) } satisfies LoadMessage);
      return;
    }
    if (request.type === 'load') queue = load(request.dataDir, request.records, request.passages, request.live);
    const next = queue.shift();
    if (next) port.postMessage(next.message, next.transfer);
  } catch (err) {
    queue = [];
    port.postMessage({ type: 'failed', message: (err as Error).stack ?? String(err) } satisfies LoadMessage);
  }
});
