/** The Pothos builder. Defines no types: each type lives in its own file. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import type { Snapshot } from '../graph/snapshot.js';
import { NotFoundError } from '../model/errors.js';
import { checkCount, LIMITS } from './limits.js';
import { typeNameForId } from './type-names.js';

/**
 * Ids are already global and readable ("organ/ministry-of-public-security"): the prefix names
 * the type, so they are used as they are instead of base64 "Type:id" strings.
 */
export const encodeGlobalID = (_typename: string, id: string | number | bigint): string => String(id);

export interface Context {
  /** The snapshot this request is answered from; fixed for the whole request. */
  readonly snapshot: Snapshot;
  /** performance.now() after which resolvers stop with a TIMEOUT error. */
  readonly deadline?: number;
  /** The limit the deadline was set from, for the TIMEOUT error to name. */
  readonly timeoutMs?: number;
  /** What the answer holds so far, counted against maxResponseItems / maxResponseTextChars. */
  readonly answerSize?: AnswerSize;
  /** When this execution last got the event loop (started or resumed), for sharing it fairly. */
  readonly turn?: { resumedAt: number; turnNumber?: number };
}

export interface AnswerSize {
  items: number;
  textChars: number;
  /**
   * The error every field still to run fails with once the answer is too large: one instance
   * per execution, as a new one per field (its stack formatted through source maps) made a
   * large answer's refusal cost far more than the answer (conflicts at 100k: BENCHMARKS.md).
   */
  tooLarge?: Error;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ComplexityPlugin, RelayPlugin],
  // Non-null unless a field says otherwise: clients should not null-check what always exists.
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodesQueryOptions: {
      description: 'Several nodes by id, in order; unknown ids give null. At most 100 ids.',
      resolve: (_root, { ids }, _context, _info, resolveNodes) => {
        checkCount('ids', ids.length, LIMITS.maxIdsPerRequest);
        return resolveNodes(ids);
      },
    },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID,
    decodeGlobalID: (globalID) => {
      const typename = typeNameForId(globalID);
      if (!typename) {
        throw new NotFoundError(
          `"${globalID}" is not an id of this graph: ids look like organ/ministry-of-public-security`,
          { id: globalID },
        );
      }
      return { typename, id: globalID };
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
});
