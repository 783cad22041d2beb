/**
 * The worker side of load-offthread.ts: reads and validates graph-data with a parse cache
 * that lives as long as the worker, so each load re-parses only the files that changed, and
 * sends the records back in small messages, one more each time the main thread asks (each
 * message is deserialised on the main thread, which must stay free to answer requests).
 */
import { parentPort } from 'node:worker_threads';
import type { AsPlainObject } from 'minisearch';
import type { SourceDocumentRecord } from '../model/records.js';
import { ParseCache, validateRecords } from './load.js';
import type { LoadMessage, LoadRequest } from './load-protocol.js';
import { PassageIndex } from './passages.js';
import { SearchIndex } from './search.js';

const port = parentPort;
if (!port) throw new Error('load-worker-thread.ts runs only as a worker thread');

const cache = new ParseCache();
let queue: LoadMessage[] = [];

const ENTITY_CHUNK = 2_000;
const RELATION_CHUNK = 5_000;

/** The documents of the previous load: while they stay the same, so does the passage text index. */
let lastDocuments: readonly SourceDocumentRecord[] | undefined;

function sameDocuments(a: readonly SourceDocumentRecord[], b: readonly SourceDocumentRecord[]): boolean {
  return a.length === b.length && a.every((d, i) => d.id === b[i]?.id && d.text === b[i]?.text);
}

function load(dataDir: string, records = true, passagesAnyway = false, live?: string): LoadMessage[] {
  const started = performance.now();
  const parsesBefore = cache.parses;
  const readsBefore = cache.reads;
  const { input, problems } = validateRecords(dataDir, { cache });
  const parses = cache.parses - parsesBefore;
  const reads = cache.reads - readsBefore;
  const ms = Math.round(performance.now() - started);
  const documentsChanged = !input || !lastDocuments || !sameDocuments(lastDocuments, input.documents);
  if (input) lastDocuments = input.documents;
  if (!input || !records) return [{ type: 'done', problems: [...problems], parses, ms, reads }];
  // The data is what is live already (an edit undone, a touch): no records to send.
  if (live !== undefined && input.data?.hash === live)
    return [{ type: 'done', problems: [], parses, ms, reads, same: true }];
  // Sorted here as the snapshot sorts them, so its sort on the main thread finds them in order.
  const entities = [...input.entities].sort((a, b) => a.id.localeCompare(b.id));
  const out: LoadMessage[] = [
    { type: 'start', version: input.version, data: input.data, documents: [...input.documents] },
  ];
  for (let i = 0; i < entities.length; i += ENTITY_CHUNK) {
    out.push({ type: 'entities', entities: entities.slice(i, i + ENTITY_CHUNK) });
  }
  for (let i = 0; i < input.relations.length; i += RELATION_CHUNK) {
    out.push({ type: 'relations', relations: input.relations.slice(i, i + RELATION_CHUNK) });
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
  out.push({ type: 'done', problems: [], parses, reads, ms: Math.round(performance.now() - started) });
  return out;
}

const TERM_CHUNK = 2_000;

function pushIndex(out: LoadMessage[], which: 'entities' | 'passages', index: AsPlainObject, table?: number[]): void {
  const terms = index.index as unknown[];
  out.push({ type: 'index', which, head: { ...index, index: [] }, table });
  for (let i = 0; i < terms.length; i += TERM_CHUNK)
    out.push({ type: 'terms', which, terms: terms.slice(i, i + TERM_CHUNK) });
}

port.on('message', (request: LoadRequest) => {
  try {
    if (request.type === 'load') queue = load(request.dataDir, request.records, request.passages, request.live);
    const next = queue.shift();
    if (next) port.postMessage(next);
  } catch (err) {
    queue = [];
    port.postMessage({ type: 'failed', message: (err as Error).stack ?? String(err) } satisfies LoadMessage);
  }
});
