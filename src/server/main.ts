/** Starts the HTTP server over node:http and stops it gracefully on SIGTERM/SIGINT. */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Snapshot } from '../graph/snapshot.js';
import { createServer } from './yoga.js';

export interface ListenOptions {
  readonly snapshot: Snapshot;
  readonly port: number;
  readonly host?: string;
  readonly logging?: boolean;
}

export async function listen(options: ListenOptions): Promise<Server> {
  const yoga = createServer({ snapshot: options.snapshot, logging: options.logging });
  const server = createHttpServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

/** Stops accepting connections, lets in-flight requests finish, then exits. */
export function stopOnSignals(server: Server, log: (msg: string) => void = console.error): void {
  const stop = (signal: string) => {
    log(`${signal} received: finishing in-flight requests`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
