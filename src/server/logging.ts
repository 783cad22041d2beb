/** Structured JSON logs (pino), one line per request with its id, status and duration. */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'reform-graph' } });
}

const REQUEST_ID = 'x-request-id';
const started = new WeakMap<Request, { id: string; at: number }>();

/** Gives every request an id (kept from the client's X-Request-Id when it sends one). */
export function requestLogPlugin(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      const id = request.headers.get(REQUEST_ID)?.slice(0, 100) || randomUUID();
      started.set(request, { id, at: performance.now() });
    },
    onResponse({ request, response }) {
      const info = started.get(request);
      if (!info) return;
      response.headers.set(REQUEST_ID, info.id);
      const url = new URL(request.url);
      logger.info(
        {
          requestId: info.id,
          method: request.method,
          path: url.pathname,
          status: response.status,
          ms: Math.round((performance.now() - info.at) * 10) / 10,
        },
        'request',
      );
    },
  };
}

/** Adapts pino to yoga's logger interface (message first, then details). */
export function yogaLogger(logger: Logger) {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) =>
      logger[level]({ details: args.slice(1) }, String(args[0]));
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
