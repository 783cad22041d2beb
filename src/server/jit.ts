/**
 * graphql-jit for yoga: compiles each operation (once per parsed document, which yoga's
 * parse cache keeps identical across requests) into a JS function instead of walking the
 * AST on every request. Resolvers, plugins that wrap them (the execution deadline) and the
 * result hooks still run; only graphql-js's generic executor is replaced.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { Lru } from '../graph/lru.js';

/** Compiled queries kept by document text too, so a re-parsed document reuses its function. */
const MAX_COMPILED = 1000;

export function jitPlugin(): Plugin {
  return useGraphQlJit(
    // Errors thrown by resolvers keep their stack only in development; capturing it costs.
    { disablingCapturingStackErrors: process.env.NODE_ENV === 'production' },
    { cache: new Lru(MAX_COMPILED) },
  ) as Plugin;
}
