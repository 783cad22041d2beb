/** Messages between load-offthread.ts and its worker (load-worker-thread.ts). */
import type { AsPlainObject } from 'minisearch';
import type { DataProblem } from '../model/errors.js';
import type { EncodedParts } from './encoded-transfer.js';
import type { EntityHead } from './record-store.js';

/** `records: false` only fills the worker's parse cache (a watcher warming up at start). */
/**
 * `passages: true` sends the passage index and the documents even when the documents are those
 * of the worker's previous load (whose index the main thread is then expected to share), or
 * those of the load with the `live` data hash (which the main thread then takes from the live
 * snapshot).
 */
export type LoadRequest =
  | {
      type: 'load';
      dataDir: string;
      records?: boolean;
      passages?: boolean;
      /** The data hash of what is live: a load that finds the same data sends no records. */
      live?: string;
    }
  | { type: 'more' }
  /** The files' signature now (files-signature.ts), answered at once with a `signature` message. */
  | { type: 'signature'; dataDir: string };

export type LoadMessage =
  /** The snapshot's encoded sections (transferred ArrayBuffers); its entity heads follow. */
  | { type: 'encoded'; parts: EncodedParts }
  | { type: 'heads'; heads: EntityHead[] }
  /**
   * A search index (`entities`: SearchIndex, `passages`: PassageIndex) as its toJSON gives
   * it, without its term list, which follows in `terms` messages: one message of it all would
   * be deserialised on the main thread in one go.
   */
  | { type: 'index'; which: 'entities' | 'passages'; head: AsPlainObject; table?: number[] }
  | { type: 'terms'; which: 'entities' | 'passages'; terms: unknown[] }
  /** `parses`: knowledge files parsed (not taken from the cache); `ms`: the worker's time. */
  | {
      type: 'done';
      problems: DataProblem[];
      parses: number;
      ms: number;
      same?: boolean;
      reads?: number;
      lossBound?: FileLossBound[];
    }
  | { type: 'signature'; signature: string }
  | { type: 'failed'; message: string };

/**
 * At most what a reload can lose of one knowledge file's records against the live data: the
 * entities and relations its parse in the live data had (`of`) and how many of those its
 * parse now lacks (`removed`; a record moved to another file is counted, so it is an upper
 * bound). Only files that changed are listed: an unchanged file keeps all its records.
 */
export interface FileLossBound {
  readonly file: string;
  readonly entities: { readonly removed: number; readonly of: number };
  readonly relations: { readonly removed: number; readonly of: number };
}
