/** Starts the HTTP server over node:http and stops it gracefully on SIGTERM/SIGINT. */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Snapshot } from '../graph/snapshot.js';
import { configFromEnv } from './config.js';
import type { FastPath } from './fast-path.js';
import type { Logger } from './logging.js';
import type { Lifecycle } from './routes.js';
import type { SnapshotSource } from './snapshot-source.js';
import { createApp, type ServerOptions } from './yoga.js';

export interface ListenOptions extends Omit<ServerOptions, 'lifecycle'> {
  readonly snapshot?: Snapshot;
  readonly source?: SnapshotSource;
  readonly port: number;
  readonly host?: string;
}

export interface RunningServer {
  readonly server: Server;
  readonly lifecycle: Lifecycle;
  readonly fastPath: FastPath | null;
}

export async function listen(options: ListenOptions): Promise<Server> {
  return (await start(options)).server;
}

export async function start(options: ListenOptions): Promise<RunningServer> {
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = createApp({ ...options, lifecycle });
  const server = createHttpServer(app.listener);
  // Slow or stalled clients must not hold sockets for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { server, lifecycle, fastPath: app.fastPath };
}

/**
 * On SIGTERM: /ready turns 503 while the listener still serves for `drainMs` (a load balancer
 * polling /ready stops routing here before the port closes), then the listener stops
 * accepting, idle keep-alive sockets close, in-flight requests finish, and the process exits
 * (forced `graceMs` after the signal). SIGINT, a person at a terminal, skips the drain.
 */
export function stopOnSignals(
  running: RunningServer,
  logger: Pick<Logger, 'info' | 'warn'>,
  graceMs = 10_000,
  drainMs = configFromEnv().shutdownDrainMs,
): void {
  const close = () => {
    running.server.close(() => {
      logger.info('all requests finished');
      process.exit(0);
    });
    running.server.closeIdleConnections();
  };
  const stop = (signal: string) => {
    running.lifecycle.shuttingDown = true;
    // At most half the grace period, so in-flight requests still have time to finish.
    const drain = signal === 'SIGTERM' ? Math.min(drainMs, graceMs / 2) : 0;
    logger.info({ signal, drainMs: drain }, 'shutting down: /ready says 503, then finishing in-flight requests');
    if (drain > 0) setTimeout(close, drain);
    else close();
    setTimeout(() => {
      logger.warn({ graceMs }, 'requests still running after the grace period: exiting');
      process.exit(1);
    }, graceMs).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
