/**
 * graphql-jit for yoga: compiles each operation (once per parsed document, which yoga's
 * parse cache keeps identical across requests) into a JS function instead of walking the
 * AST on every request. Resolvers, plugins that wrap them (the execution deadline) and the
 * result hooks still run; only graphql-js's generic executor is replaced.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** Compiled queries kept by document text too, so a re-parsed document reuses its function. */
const MAX_COMPILED = 1000;

class CompiledLru<V> {
  private readonly entries = new Map<string, V>();
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > MAX_COMPILED) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

export function jitPlugin(): Plugin {
  return useGraphQlJit(
    // Errors thrown by resolvers keep their stack only in development; capturing it costs.
    { disablingCapturingStackErrors: process.env.NODE_ENV === 'production' },
    { cache: new CompiledLru() },
  ) as Plugin;
}
