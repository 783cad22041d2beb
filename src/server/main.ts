/** Starts the HTTP server over node:http and stops it gracefully on SIGTERM/SIGINT. */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Snapshot } from '../graph/snapshot.js';
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
 * On SIGTERM/SIGINT: /ready turns 503, the listener stops accepting, idle keep-alive sockets
 * close, in-flight requests finish, then the process exits (forced after `graceMs`).
 */
export function stopOnSignals(running: RunningServer, logger: Pick<Logger, 'info' | 'warn'>, graceMs = 10_000): void {
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    running.lifecycle.shuttingDown = true;
    running.server.close(() => {
      logger.info('all requests finished');
      process.exit(0);
    });
    running.server.closeIdleConnections();
    setTimeout(() => {
      logger.warn({ graceMs }, 'requests still running after the grace period: exiting');
      process.exit(1);
    }, graceMs).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
