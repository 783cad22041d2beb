/**
 * Answers keep their keys in the order of the selection set, however loaded the machine is.
 *
 * yoga's default executor (@graphql-tools/executor) fills an object that has an unfinished
 * field by assigning each key when its value arrives (its `promiseForObject`): ready fields
 * first, then the others in the order they finish. Our resolvers finish late exactly when a
 * long execution pauses to let other requests in (protection.ts), and whether it pauses
 * depends on load, so the same query could answer `{"__typename","community",…,"id","aliases"}`
 * on a busy machine and `{"__typename","aliases","community",…}` on a quiet one. graphql-js's
 * own executor waits for all of an object's fields and then builds it in selection order.
 * graphql-jit's compiled code writes every key (null first) before any resolver runs, so
 * operations it compiles are ordered already; this executor runs everything else: operations
 * too large to compile (jit.ts) and every operation when jit is off.
 */
import { execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function orderedExecutePlugin(): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute);
    },
  };
}
