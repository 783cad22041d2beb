/** Messages between load-offthread.ts and its worker (load-worker-thread.ts). */
import type { AsPlainObject } from 'minisearch';
import type { DataProblem } from '../model/errors.js';
import type { EntityRecord, RelationRecord, SourceDocumentRecord } from '../model/records.js';
import type { DataBinding } from './data-hash.js';

/** `records: false` only fills the worker's parse cache (a watcher warming up at start). */
/**
 * `passages: true` sends the passage index even when the documents are those of the worker's
 * previous load (whose index the main thread is then expected to share).
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
  | { type: 'more' };

export type LoadMessage =
  | { type: 'start'; version: string; data?: DataBinding; documents: SourceDocumentRecord[] }
  | { type: 'entities'; entities: EntityRecord[] }
  | { type: 'relations'; relations: RelationRecord[] }
  /**
   * A search index (`entities`: SearchIndex, `passages`: PassageIndex) as its toJSON gives
   * it, without its term list, which follows in `terms` messages: one message of it all would
   * be deserialised on the main thread in one go.
   */
  | { type: 'index'; which: 'entities' | 'passages'; head: AsPlainObject; table?: number[] }
  | { type: 'terms'; which: 'entities' | 'passages'; terms: unknown[] }
  /** `parses`: knowledge files parsed (not taken from the cache); `ms`: the worker's time. */
  | { type: 'done'; problems: DataProblem[]; parses: number; ms: number; same?: boolean; reads?: number }
  | { type: 'failed'; message: string };
