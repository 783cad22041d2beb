/** Server settings, each with a safe default and an environment variable to change it. */
import { DEFAULT_RELOAD_GUARD, type ReloadGuard } from './reloading-source.js';

export interface ServerConfig {
  readonly production: boolean;
  /** Origins allowed to call the API from a browser; `*` allows any (the API is read-only and uses no cookies). */
  readonly corsOrigins: readonly string[] | '*';
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Longest a GraphQL execution may run before it is cut with a TIMEOUT error. */
  readonly requestTimeoutMs: number;
  /** Whether introspection (and so GraphiQL's docs) is open. */
  readonly introspection: boolean;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Compile operations with graphql-jit (on by default: same answers, less work per request). */
  readonly jit: boolean;
  /**
   * Whole answers kept per snapshot version (0 = off, the default): a hit skips parsing,
   * validation and execution. Off by default so every request exercises the resolvers; a
   * deployment serving repeated queries turns it on (the data is immutable per version).
   */
  readonly responseCacheEntries: number;
  /**
   * Answer JSON POSTs of operations yoga has already validated on a node:http fast path
   * (fast-path.ts) instead of yoga's request handling. On by default; off routes all through yoga.
   */
  readonly fastPath: boolean;
  /**
   * On SIGTERM, how long /ready answers 503 while the listener still serves, so a load
   * balancer polling it stops sending requests before the port closes (within the grace period).
   */
  readonly shutdownDrainMs: number;
}

export const CONFIG_ENV = {
  corsOrigins: 'CORS_ORIGINS',
  maxBodyBytes: 'MAX_BODY_BYTES',
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  introspection: 'INTROSPECTION',
  logLevel: 'LOG_LEVEL',
  jit: 'GRAPHQL_JIT',
  responseCacheEntries: 'RESPONSE_CACHE_ENTRIES',
  fastPath: 'FAST_PATH',
  shutdownDrainMs: 'SHUTDOWN_DRAIN_MS',
} as const;

function nonNegativeInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const production = overrides.production ?? env.NODE_ENV === 'production';
  const origins = env[CONFIG_ENV.corsOrigins];
  const level = env[CONFIG_ENV.logLevel] ?? (env.NODE_ENV === 'test' ? 'silent' : 'info');
  if (!['silent', 'error', 'warn', 'info', 'debug'].includes(level)) {
    throw new Error(`${CONFIG_ENV.logLevel} must be one of silent, error, warn, info, debug`);
  }
  return {
    production,
    corsOrigins:
      !origins || origins.trim() === '*'
        ? '*'
        : origins
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    maxBodyBytes: positiveInt(CONFIG_ENV.maxBodyBytes, env[CONFIG_ENV.maxBodyBytes], 100_000),
    requestTimeoutMs: positiveInt(CONFIG_ENV.requestTimeoutMs, env[CONFIG_ENV.requestTimeoutMs], 5_000),
    introspection: env[CONFIG_ENV.introspection] ? env[CONFIG_ENV.introspection] !== 'false' : !production,
    logLevel: level as ServerConfig['logLevel'],
    jit: env[CONFIG_ENV.jit] ? env[CONFIG_ENV.jit] !== 'false' : true,
    responseCacheEntries: nonNegativeInt(CONFIG_ENV.responseCacheEntries, env[CONFIG_ENV.responseCacheEntries], 0),
    fastPath: env[CONFIG_ENV.fastPath] ? env[CONFIG_ENV.fastPath] !== 'false' : true,
    shutdownDrainMs: nonNegativeInt(CONFIG_ENV.shutdownDrainMs, env[CONFIG_ENV.shutdownDrainMs], 5_000),
    ...overrides,
  };
}

/** `serve --watch`: how long changed files must settle and how much loss a reload may carry. */
export const RELOAD_ENV = {
  debounceMs: 'RELOAD_DEBOUNCE_MS',
  settleMs: 'RELOAD_SETTLE_MS',
  maxLossPercent: 'RELOAD_MAX_LOSS_PERCENT',
  minLoss: 'RELOAD_MIN_LOSS',
} as const;

export function reloadGuardFromEnv(env: NodeJS.ProcessEnv = process.env): ReloadGuard {
  const guard = {
    debounceMs: nonNegativeInt(RELOAD_ENV.debounceMs, env[RELOAD_ENV.debounceMs], DEFAULT_RELOAD_GUARD.debounceMs),
    settleMs: positiveInt(RELOAD_ENV.settleMs, env[RELOAD_ENV.settleMs], DEFAULT_RELOAD_GUARD.settleMs),
    maxLossPercent: nonNegativeInt(
      RELOAD_ENV.maxLossPercent,
      env[RELOAD_ENV.maxLossPercent],
      DEFAULT_RELOAD_GUARD.maxLossPercent,
    ),
    minLoss: positiveInt(RELOAD_ENV.minLoss, env[RELOAD_ENV.minLoss], DEFAULT_RELOAD_GUARD.minLoss),
  };
  if (guard.maxLossPercent > 100) {
    throw new Error(
      `${RELOAD_ENV.maxLossPercent} must be 0 to 100 (100 turns the guard off), got ${guard.maxLossPercent}`,
    );
  }
  return guard;
}
