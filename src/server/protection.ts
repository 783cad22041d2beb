/** Request-level protections that graphql-armor does not cover: body size and execution time. */
import {
  defaultFieldResolver,
  type ExecutionResult,
  type GraphQLField,
  type GraphQLResolveInfo,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { AnswerTooLargeError, TimeoutError } from '../model/errors.js';
import type { AnswerSize, Context } from '../schema/index.js';
import { LARGE_TEXT, LIMITS } from '../schema/limits.js';

const limitError = (message: string, limit: string, allowed: number) => ({
  errors: [{ message, extensions: { code: 'LIMIT_EXCEEDED', limit, allowed } }],
});

/**
 * Refuses bodies over the limit before they are read. Bodies must declare their length: a
 * chunked body could only be measured by reading it, which is what a flood wants us to do.
 */
export function bodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) {
        endResponse(
          fetchAPI.Response.json(
            limitError('request bodies must declare their Content-Length', 'maxBodyBytes', maxBytes),
            {
              status: 411,
            },
          ),
        );
      } else if (Number(declared) > maxBytes) {
        endResponse(
          fetchAPI.Response.json(
            limitError(`request body is larger than ${maxBytes} bytes`, 'maxBodyBytes', maxBytes),
            {
              status: 413,
            },
          ),
        );
      }
    },
  };
}

/** Marks a field whose resolver checks the limits, so servers sharing the schema wrap it once. */
const CHECKS_LIMITS = Symbol('reform-graph checks the execution limits');

/**
 * Can this field do more than O(1) work? Root fields, fields with arguments (traversals,
 * searches, pages) and fields returning lists: a runaway query has to go through them.
 */
function mayRunLong(field: GraphQLField<unknown, unknown>, isRoot: boolean): boolean {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isRoot || field.args.length > 0 || isListType(type);
}

/**
 * What one execution may spend: a deadline and an answer size. yoga's context and the fast
 * path's both come from here, so the two paths enforce the same limits.
 */
export function executionBudget(timeoutMs: number): Pick<Context, 'deadline' | 'timeoutMs' | 'answerSize' | 'turn'> {
  const now = performance.now();
  watchTurn(now);
  return { deadline: now + timeoutMs, timeoutMs, answerSize: { items: 0, textChars: 0 }, turn: { resumedAt: now } };
}

/**
 * Sharing the one thread. Resolvers are synchronous, so a long execution would hold the event
 * loop until it ends, and every other request, however cheap, would wait behind it (20
 * clients of a 2 s query kept `{ __typename }` waiting 30 s). So a long execution pauses
 * (its next resolver returns a promise, which graphql-js and graphql-jit both await) once the
 * loop has been busy for SLICE_MS since its last turn; the loop then reads the sockets and
 * answers what arrived. An execution always runs MIN_RUN_MS before it may pause, so a cheap
 * one never does, and each paused execution gets at least that much every turn, so none starves.
 */
let SLICE_MS = 10;
let MIN_RUN_MS = 2;

/**
 * Tests shorten the slices to make executions pause as a loaded machine would (every few
 * resolvers); returns the previous values so a test can put them back.
 */
export function setPauseSlices(slices: { sliceMs: number; minRunMs: number }): { sliceMs: number; minRunMs: number } {
  const previous = { sliceMs: SLICE_MS, minRunMs: MIN_RUN_MS };
  SLICE_MS = slices.sliceMs;
  MIN_RUN_MS = slices.minRunMs;
  return previous;
}
let turnStartedAt = performance.now();
let turnMarkPending = false;

/**
 * A turn starts when the loop has polled the sockets: the check phase (setImmediate) follows
 * the poll. Executions schedule one mark per turn while they run. Without it turnStartedAt was
 * set only when a paused execution resumed, so after any quiet spell it was old and every
 * execution paused once it had run MIN_RUN_MS, however idle the loop (tests/api/pauses.test.ts).
 */
function markTurn(): void {
  turnMarkPending = false;
  turnStartedAt = performance.now();
}

/**
 * An execution starts. With no mark pending, the loop has reached a check phase since the last
 * execution started (it was idle or unwatched), so this turn's busy time starts now.
 */
function watchTurn(now: number): void {
  if (turnMarkPending) return;
  turnMarkPending = true;
  turnStartedAt = now;
  setImmediate(markTurn);
}
let turnNumber = 0;
let waiting: (() => void)[] = [];
let turnScheduled = false;

/**
 * Paused fields woken per turn, oldest first: a large answer can have thousands paused (one per
 * list item), and waking them all only to pause most again would itself hold the loop.
 */
const WAKE_PER_TURN = 64;

function startTurn(): void {
  turnScheduled = false;
  turnStartedAt = performance.now();
  turnNumber++;
  const resumed = waiting.length <= WAKE_PER_TURN ? waiting : waiting.slice(0, WAKE_PER_TURN);
  waiting = resumed === waiting ? [] : waiting.slice(WAKE_PER_TURN);
  for (const resume of resumed) resume();
  if (waiting.length > 0 && !turnScheduled) {
    turnScheduled = true;
    setImmediate(startTurn);
  }
}

/** Pauses so far in this process: tests check that the pauses they force really happened. */
let pauses = 0;
export function pauseCount(): number {
  return pauses;
}

/** Resolves in the next turn of the event loop, after it has polled the sockets. */
function nextTurn(): Promise<void> {
  pauses++;
  return new Promise((resume) => {
    waiting.push(resume);
    if (!turnScheduled) {
      turnScheduled = true;
      setImmediate(startTurn);
    }
  });
}

/**
 * An execution has many paused fields (one per list item, say); its first to resume in a turn
 * starts its run for that turn, the others continue it, so it gets MIN_RUN_MS per turn, not per field.
 */
function resume(turn: { resumedAt: number; turnNumber?: number }): void {
  if (turn.turnNumber === turnNumber) return;
  turn.turnNumber = turnNumber;
  turn.resumedAt = performance.now();
}

function mustPause(turn: { resumedAt: number }, now: number): boolean {
  return now - turn.resumedAt > MIN_RUN_MS && now - turnStartedAt > SLICE_MS;
}

const tooManyItems = () =>
  new AnswerTooLargeError(
    'maxResponseItems',
    LIMITS.maxResponseItems,
    `the answer would hold more than ${LIMITS.maxResponseItems} list items: ask for smaller pages or fewer nested lists`,
  );
const tooMuchText = () =>
  new AnswerTooLargeError(
    'maxResponseTextChars',
    LIMITS.maxResponseTextChars,
    `the answer would hold more than ${LIMITS.maxResponseTextChars} characters of document text: select text for fewer documents`,
  );

/**
 * Throws if the answer is already past a size limit (later fields must not keep building it),
 * always the same error for one answer: only the first reaches the client (oversizeError).
 */
function checkSize(size: AnswerSize): void {
  if (size.tooLarge) throw size.tooLarge;
  if (size.items > LIMITS.maxResponseItems) size.tooLarge = tooManyItems();
  else if (size.textChars > LIMITS.maxResponseTextChars) size.tooLarge = tooMuchText();
  if (size.tooLarge) throw size.tooLarge;
}

/**
 * Cuts an execution that runs past its deadline or builds too large an answer. Resolvers here
 * are synchronous, so the checks run around each resolver that may do real work: a runaway
 * query stops at the next such field instead of hanging, and a list or a document text is
 * counted as it is returned, before anything is built below it. Not @envelop/on-resolve: it
 * wraps every field and allocates a payload object and closures on every call, which on a
 * lookup was much of the execution; a scalar field without arguments cannot run long, so it
 * keeps its bare resolver (unless it is large text).
 */
export function timeoutPlugins(timeoutMs: number): Plugin<Context>[] {
  return [
    {
      onContextBuilding({ extendContext }) {
        extendContext(executionBudget(timeoutMs));
      },
      onSchemaChange({ schema }) {
        const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
        for (const type of Object.values(schema.getTypeMap())) {
          if (!isObjectType(type) || isIntrospectionType(type)) continue;
          for (const field of Object.values(type.getFields())) {
            const marked = field as typeof field & { [CHECKS_LIMITS]?: true };
            const largeText = field.extensions?.[LARGE_TEXT] === true;
            if (marked[CHECKS_LIMITS] || !(largeText || mayRunLong(field, roots.has(type)))) continue;
            const resolve = field.resolve ?? defaultFieldResolver;
            const run = (root: unknown, args: Record<string, unknown>, context: Context, info: GraphQLResolveInfo) => {
              if (context.deadline !== undefined && performance.now() > context.deadline) {
                throw new TimeoutError(context.timeoutMs ?? timeoutMs);
              }
              const size = context.answerSize;
              if (size) checkSize(size);
              const value = resolve(root, args, context, info);
              if (size) {
                if (Array.isArray(value)) size.items += value.length;
                else if (largeText && typeof value === 'string') size.textChars += value.length;
                checkSize(size);
              }
              return value;
            };
            field.resolve = (root, args, context: Context, info) => {
              const turn = context.turn;
              if (!turn || !mustPause(turn, performance.now())) return run(root, args, context, info);
              return nextTurn().then(() => {
                resume(turn);
                return context.turn && mustPause(turn, performance.now())
                  ? field.resolve?.(root, args, context, info)
                  : run(root, args, context, info);
              });
            };
            marked[CHECKS_LIMITS] = true;
          }
        }
      },
      onExecute() {
        return {
          onExecuteDone({ result, setResult }) {
            if (isAsyncIterable(result)) return;
            const tooLarge = oversizeError(result);
            if (tooLarge) setResult(tooLarge);
          },
        };
      },
    },
  ];
}

/**
 * Once an answer is too large, every field still to run fails with the same error: the answer
 * becomes that one error, without the partial data (which a client could not use anyway).
 */
export function oversizeError(result: ExecutionResult): ExecutionResult | undefined {
  const error = result.errors?.find((e) => e.originalError instanceof AnswerTooLargeError);
  return error ? { data: null, errors: [error] } : undefined;
}
