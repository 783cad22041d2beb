/** Builds the yoga instance; does not listen (main.ts does), so tests can call yoga.fetch. */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { GraphQLError, type ValidationRule } from 'graphql';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { Registry } from 'prom-client';
import type { Snapshot } from '../graph/snapshot.js';
import { type Context, schema } from '../schema/index.js';
import { armorPlugin } from './armor.js';
import { complexityPlugin } from './complexity.js';
import { configFromEnv, type ServerConfig } from './config.js';
import { hideSuggestionsPlugin, maskError, requestParseErrorPlugin, variableErrorCodePlugin } from './errors.js';
import { explorerPlugin } from './explorer-route.js';
import { exportRoutesPlugin } from './export-routes.js';
import { createFastPath, type FastPath, type NodeHandler } from './fast-path.js';
import { apiOnlyPagePlugin, GRAPHIQL_OPTIONS, graphiqlAssetsPlugin, graphiqlPage } from './graphiql.js';
import { compiledOperations, jitPlugin } from './jit.js';
import { createLogger, type Logger, requestLogPlugin, yogaLogger } from './logging.js';
import { orderedExecutePlugin } from './ordered-execute.js';
import { bodyLimitPlugin, timeoutPlugins } from './protection.js';
import { responseCache } from './response-cache.js';
import { type Lifecycle, routesPlugin } from './routes.js';
import { fixedSource, type SnapshotSource } from './snapshot-source.js';

export interface ServerOptions {
  /** The data to serve: a snapshot, or a source that may swap snapshots. */
  readonly snapshot?: Snapshot;
  readonly source?: SnapshotSource;
  /** Settings; unset ones come from the environment (see config.ts). */
  readonly config?: Partial<ServerConfig>;
  /** false silences logs (tests); default: a pino logger at the configured level. */
  readonly logging?: boolean;
  readonly logger?: Logger;
  readonly lifecycle?: Lifecycle;
  /** More routes, e.g. exports and the explorer. */
  readonly plugins?: readonly Plugin[];
}

export type ReformGraphYoga = YogaServerInstance<Record<string, unknown>, Context>;

/** Every response says which snapshot answered it, so clients can tell reloads apart. */
function snapshotVersionPlugin(): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          if (result && typeof result === 'object' && 'data' in result) {
            setResult({
              ...result,
              extensions: { ...result.extensions, snapshotVersion: args.contextValue.snapshot.version },
            });
          }
        },
      };
    },
  };
}

/**
 * The API is read-only: a mutation or subscription is refused at validation with a code, as
 * graphql-js would otherwise only fail it at execution with an uncoded error.
 */
function readOnlyPlugin(): Plugin {
  const onlyQueries: ValidationRule = (context) => ({
    OperationDefinition(node) {
      if (node.operation !== 'query') {
        context.reportError(
          new GraphQLError(`this API is read-only: ${node.operation} operations are not supported`, {
            nodes: [node],
            extensions: { code: 'OPERATION_NOT_SUPPORTED' },
          }),
        );
      }
    },
  });
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(onlyQueries);
    },
  };
}

const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight'] as const;

/** yoga's CSRF check, with the stable error code every refusal here carries. */
function csrfPlugin(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      try {
        return inner.onRequestParse?.(payload);
      } catch (err) {
        throw createGraphQLError(
          `GET requests and form posts must prove they are not cross-site: send a POST with content-type: application/json, or add an ${CSRF_HEADERS.join(' or ')} header (any value)`,
          { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } }, originalError: err as Error },
        );
      }
    },
  };
}

/** yoga alone, for yoga.fetch: what tests and in-process callers use. */
export function createServer(options: ServerOptions): ReformGraphYoga {
  return createApp(options).yoga;
}

export interface ReformGraphApp {
  readonly yoga: ReformGraphYoga;
  /** Null when FAST_PATH is off. */
  readonly fastPath: FastPath | null;
  /** The node:http request listener: the fast path first, yoga for everything else. */
  readonly listener: NodeHandler;
}

export function createApp(options: ServerOptions): ReformGraphApp {
  const source = options.source ?? (options.snapshot ? fixedSource(options.snapshot) : undefined);
  if (!source) throw new Error('createServer needs a snapshot or a snapshot source');
  const config = configFromEnv(process.env, options.config);
  const logger = options.logger ?? createLogger(options.logging === false ? 'silent' : config.logLevel);
  // A registry per server, so several servers in one process (tests, workers) never collide.
  const registry = new Registry();
  const operations = config.jit ? compiledOperations() : null;
  // The fast path runs what the jit plugin compiled, so it needs jit on.
  const fastPath =
    config.fastPath && operations
      ? createFastPath({
          operations,
          schema,
          source,
          maxBodyBytes: config.maxBodyBytes,
          requestTimeoutMs: config.requestTimeoutMs,
          responseCacheEntries: config.responseCacheEntries,
          logger,
          registry,
        })
      : null;
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    // The snapshot is taken once per request, so one request never sees two versions.
    context: () => ({ snapshot: source.current() }),
    graphiql: config.introspection ? GRAPHIQL_OPTIONS : false,
    renderGraphiQL: graphiqlPage,
    landingPage: false,
    healthCheckEndpoint: '/yoga-health',
    maskedErrors: { maskError },
    // The API uses no cookies or HTTP auth: no origin is ever allowed credentials.
    cors: {
      origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
      methods: ['GET', 'POST'],
      credentials: false,
    },
    logging: yogaLogger(logger),
    plugins: [
      requestLogPlugin(logger),
      bodyLimitPlugin(config.maxBodyBytes),
      routesPlugin(source, options.lifecycle),
      exportRoutesPlugin(source),
      explorerPlugin(),
      ...(config.introspection ? [graphiqlAssetsPlugin()] : [apiOnlyPagePlugin()]),
      ...(options.plugins ?? []),
      requestParseErrorPlugin(),
      csrfPlugin(),
      // After the CSRF check (a hit must not bypass it), before everything a hit can skip.
      ...(config.responseCacheEntries > 0
        ? [responseCache(source, { maxEntries: config.responseCacheEntries }).plugin]
        : []),
      armorPlugin(),
      ...(config.production ? [hideSuggestionsPlugin()] : []),
      ...timeoutPlugins(config.requestTimeoutMs),
      snapshotVersionPlugin(),
      variableErrorCodePlugin(),
      // Labels a client chooses (operation name, URL with its query string) are off: each new
      // value would be a new time series, and a client could grow /metrics without bound.
      usePrometheus({
        endpoint: '/metrics',
        registry,
        labels: { operationName: false, url: false },
        // Off because each costs every request and tells nothing new (see BENCHMARKS.md): the
        // deprecated-field counter walks each document with a TypeInfo though the schema
        // deprecates nothing; the summary repeats the duration histogram at t-digest prices;
        // parse, validate and context phases are served from yoga's caches.
        metrics: {
          graphql_envelop_deprecated_field: false,
          graphql_envelop_request_time_summary: false,
          graphql_envelop_phase_parse: false,
          graphql_envelop_phase_validate: false,
          graphql_envelop_phase_context: false,
        },
      }),
      readOnlyPlugin(),
      // The cost estimate before jit compiles anything; the fast path's hand-over last, so its
      // result replaces any executor (yoga's error masking still runs after these).
      complexityPlugin(),
      // Before jit's, which replaces it for the operations it compiles.
      orderedExecutePlugin(),
      ...(operations ? [jitPlugin(operations)] : []),
      ...(fastPath ? [fastPath.plugin] : []),
      ...(config.introspection ? [] : [useDisableIntrospection()]),
    ],
  });
  const toYoga: NodeHandler = (req, res) => yoga(req, res);
  const listener: NodeHandler = fastPath ? (req, res) => fastPath.handle(req, res, toYoga) : toYoga;
  return { yoga, fastPath, listener };
}
