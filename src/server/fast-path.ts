/**
 * A node:http fast path for the request a GraphQL API mostly gets: a JSON POST of an
 * operation it has answered before. Most of yoga's time per small request is request handling
 * (whatwg Request/Response objects, body streams, abort signals, promise chains), not GraphQL
 * work (BENCHMARKS.md), so this path answers such a request from the raw node request:
 * read the body, find the operation's graphql-jit function, run it, write JSON.
 *
 * It only ever runs operations yoga itself has parsed and validated (every limit of armor,
 * the read-only rule, introspection settings): it takes them from the compiled operations
 * that yoga's jit plugin fills as it executes them (jit.ts), with the same execution budget
 * (deadline, answer size) and the same cost estimate when variables can change it. Anything
 * else goes to yoga with the body already read, so GraphiQL, CORS and every other route stay
 * yoga's. An answer with an error goes to yoga too, so errors, their codes and statuses are
 * yoga's byte for byte, but with the result already computed (`plugin`): yoga words it and
 * never runs the operation again, which for an operation that timed out cost a second deadline.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, type Registry } from 'prom-client';
import { Lru } from '../graph/lru.js';
import type { Snapshot } from '../graph/snapshot.js';
import type { Context } from '../schema/index.js';
import { complexityError } from './complexity.js';
import type { CompiledOperations } from './jit.js';
import type { Logger } from './logging.js';
import { executionBudget } from './protection.js';
import { responseKey } from './response-cache.js';
import type { SnapshotSource } from './snapshot-source.js';

export interface FastPathOptions {
  /** What yoga's jit plugin compiled: the only operations this path runs. */
  readonly operations: CompiledOperations;
  /** The schema the operations were compiled against, for the cost estimate. */
  readonly schema: GraphQLSchema;
  readonly source: SnapshotSource;
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  /** Whole answers kept per snapshot version; 0 keeps none (as RESPONSE_CACHE_ENTRIES). */
  readonly responseCacheEntries: number;
  readonly logger: Logger;
  /** Where the count of answered requests is exposed (yoga's /metrics registry). */
  readonly registry?: Registry;
}

/** yoga's node handler: what a request the fast path does not answer goes to. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface FastPath {
  /** Answers `req`, or hands it (with its body, if read) to `next`. */
  handle(req: IncomingMessage, res: ServerResponse, next: NodeHandler): void;
  stats(): { answered: number; passedOn: number };
  /**
   * For yoga, after its own execute hooks: a request the fast path already executed is answered
   * with that result instead of being executed again.
   */
  readonly plugin: Plugin<Context>;
}

/** A result the fast path computed but leaves to yoga to word (it has errors). */
interface HandedOver {
  readonly result: ExecutionResult;
  readonly snapshot: Snapshot;
}

/** Media types the answer can be given in, exactly as the client may ask; others go to yoga. */
const CONTENT_TYPE_FOR_ACCEPT: Readonly<Record<string, string>> = {
  'application/json': 'application/json; charset=utf-8',
  '*/*': 'application/json; charset=utf-8',
  'application/graphql-response+json': 'application/graphql-response+json; charset=utf-8',
};
const JSON_BODY = /^application\/json\s*(;|$)/i;
const REQUEST_ID = 'x-request-id';

interface Params {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/** Exactly the GraphQL-over-HTTP fields, nothing else (extensions go to yoga). */
function asParams(body: unknown): Params | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  for (const key in body) if (key !== 'query' && key !== 'operationName' && key !== 'variables') return null;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return null;
  }
  return body as Params;
}

export function createFastPath(options: FastPathOptions): FastPath {
  const answers = options.responseCacheEntries > 0 ? new Lru<string>(options.responseCacheEntries) : null;
  const answeredCounter = options.registry
    ? new Counter({
        name: 'reform_graph_fast_path_responses_total',
        help: 'GraphQL answers written by the node:http fast path (not counted in graphql_yoga_http_duration_seconds)',
        registers: [options.registry],
      })
    : null;
  let answered = 0;
  let passedOn = 0;
  const handedOver = new WeakMap<IncomingMessage, HandedOver>();

  function passOn(
    req: IncomingMessage,
    res: ServerResponse,
    next: NodeHandler,
    body?: string,
    computed?: HandedOver,
  ): void {
    passedOn++;
    if (computed) handedOver.set(req, computed);
    // whatwg-node builds the Request from `body` when the stream has been read already.
    if (body !== undefined) (req as IncomingMessage & { body?: string }).body = body;
    next(req, res);
  }

  function write(req: IncomingMessage, res: ServerResponse, contentType: string, json: string, at: number): void {
    const requestId = (req.headers[REQUEST_ID] as string | undefined)?.slice(0, 100) || randomUUID();
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(json),
      [REQUEST_ID]: requestId,
    });
    res.end(json);
    answered++;
    answeredCounter?.inc();
    options.logger.info(
      { requestId, method: 'POST', path: '/graphql', status: 200, ms: Math.round((performance.now() - at) * 10) / 10 },
      'request',
    );
  }

  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    next: NodeHandler,
    body: string,
    contentType: string,
    at: number,
  ) {
    let params: Params | null;
    try {
      params = asParams(JSON.parse(body));
    } catch {
      params = null;
    }
    const compiled = params && options.operations.get(params.query, params.operationName);
    if (!params || !compiled) return passOn(req, res, next, body);
    const snapshot = options.source.current();
    const cacheKey = answers && responseKey(snapshot.version, params);
    const cached = cacheKey && answers?.get(cacheKey);
    if (cached) return write(req, res, contentType, cached, at);

    const context: Context = { snapshot, ...executionBudget(options.requestTimeoutMs) };
    // Variables can raise the estimate (`first: $n`): yoga refuses what is over it. Those that
    // cannot (an `id`) leave the verdict yoga gave when it compiled the operation.
    if (
      compiled.costVariables.length > 0 &&
      complexityError(options.schema, compiled.document, params.operationName, params.variables, context)
    ) {
      return passOn(req, res, next, body);
    }
    const finish = (result: ExecutionResult) => {
      // yoga words errors (masking, codes, HTTP status), from this result: it does not run it again.
      if (result.errors && result.errors.length > 0) return passOn(req, res, next, body, { result, snapshot });
      const json = compiled.stringify
        ? // The compiled writer's `{"data":…}`, closed with the extensions JSON.stringify would add.
          `${compiled.stringify({ data: result.data }).slice(0, -1)},"extensions":${JSON.stringify({ snapshotVersion: snapshot.version })}}`
        : JSON.stringify({ data: result.data, extensions: { snapshotVersion: snapshot.version } });
      if (cacheKey) answers?.set(cacheKey, json);
      write(req, res, contentType, json, at);
    };
    const result = compiled.query.query(undefined, context, params.variables ?? {});
    if (result instanceof Promise) {
      result.then(finish, () => passOn(req, res, next, body));
    } else {
      finish(result);
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse, next: NodeHandler): void {
    const at = performance.now();
    const declared = Number(req.headers['content-length']);
    const contentType = CONTENT_TYPE_FOR_ACCEPT[req.headers.accept ?? 'application/json'];
    if (
      req.method !== 'POST' ||
      req.url !== '/graphql' ||
      // Browsers: yoga adds the CORS headers.
      req.headers.origin !== undefined ||
      contentType === undefined ||
      !JSON_BODY.test(req.headers['content-type'] ?? '') ||
      // No or too large Content-Length: yoga refuses it without reading the body.
      !(declared >= 0 && declared <= options.maxBodyBytes) ||
      req.headers['transfer-encoding'] !== undefined
    ) {
      passOn(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        answer(req, res, next, body, contentType, at);
      } catch (err) {
        // Not expected (resolver errors come back in the result); yoga answers it if it can.
        options.logger.error({ err }, 'fast path failed; passing the request to yoga');
        if (!res.headersSent) passOn(req, res, next, body);
        else res.destroy();
      }
    });
  }

  const plugin: Plugin<Context> = {
    onExecute({ args, extendContext, setExecuteFn }) {
      const req = (args.contextValue as { req?: IncomingMessage }).req;
      const computed = req && handedOver.get(req);
      if (!computed) return;
      handedOver.delete(req);
      // The snapshot that answered, for the version yoga reports (a reload may have come since).
      extendContext({ snapshot: computed.snapshot });
      // Not setResultAndStopExecution: that would skip the execute hooks after this one,
      // yoga's error masking among them, and the errors would lose their codes.
      setExecuteFn(() => computed.result);
    },
  };

  return { handle, stats: () => ({ answered, passedOn }), plugin };
}
