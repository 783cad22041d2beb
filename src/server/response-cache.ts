/**
 * A whole-response cache for yoga, keyed by the snapshot version and the request's operation
 * (query text, operation name, variables). Snapshots are immutable, so an answer can never go
 * stale: a reload changes the version and so every key; old entries simply age out of the LRU.
 *
 * A hit is answered in onParams, before parsing, validation and execution. Only answers
 * without errors are stored, so every cached operation has passed validation and the limits
 * once; the same text with the same variables would pass them again.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Lru } from '../graph/lru.js';
import type { SnapshotSource } from './snapshot-source.js';

export interface ResponseCacheOptions {
  /** Most answers kept (least recently used go first). */
  readonly maxEntries?: number;
}

export const DEFAULT_MAX_ENTRIES = 10_000;

export interface ResponseCache {
  readonly plugin: Plugin;
  size(): number;
  hits(): number;
  misses(): number;
}

/** The cache key of an answer; the fast path keeps its answers under the same key. */
export function responseKey(
  version: string,
  params: { readonly query: string; readonly operationName?: string | null; readonly variables?: unknown },
): string {
  // \u0000 cannot occur in a version, an operation name or JSON, so fields never run together.
  return `${version}\u0000${params.operationName ?? ''}\u0000${JSON.stringify(params.variables ?? null)}\u0000${params.query}`;
}

export function responseCache(source: SnapshotSource, options: ResponseCacheOptions = {}): ResponseCache {
  const cache = new Lru<ExecutionResult>(options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  // The key found in onParams, for onExecutionResult to store under (same request object).
  const pending = new WeakMap<Request, { key: string; version: string }>();
  let hits = 0;
  let misses = 0;
  const plugin: Plugin = {
    onParams({ request, params, setResult }) {
      if (typeof params.query !== 'string') return;
      const version = source.current().version;
      const key = responseKey(version, { ...params, query: params.query });
      const hit = cache.get(key);
      if (hit) {
        hits++;
        setResult(hit);
        return;
      }
      misses++;
      pending.set(request, { key, version });
    },
    onExecutionResult({ request, result }) {
      const entry = pending.get(request);
      if (entry === undefined || !result || Symbol.asyncIterator in result) return;
      pending.delete(request);
      if (result.errors && result.errors.length > 0) return;
      // A reload between onParams and execution answered from the new snapshot: not this key's.
      const answeredBy = (result.extensions as { snapshotVersion?: unknown } | undefined)?.snapshotVersion;
      if (answeredBy !== undefined && answeredBy !== entry.version) return;
      cache.set(entry.key, result);
    },
  };
  return { plugin, size: () => cache.size, hits: () => hits, misses: () => misses };
}
