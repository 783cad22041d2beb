/** Builds the yoga instance; does not listen (main.ts does), so tests can call yoga.fetch. */
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Snapshot } from '../graph/snapshot.js';
import { type Context, schema } from '../schema/index.js';
import { armorPlugin } from './armor.js';
import { maskError } from './errors.js';
import { EXAMPLE_OPERATIONS } from './examples.js';
import { routesPlugin } from './routes.js';
import { fixedSource, type SnapshotSource } from './snapshot-source.js';

export interface ServerOptions {
  /** The data to serve: a snapshot, or a source that may swap snapshots. */
  readonly snapshot?: Snapshot;
  readonly source?: SnapshotSource;
  readonly production?: boolean;
  readonly logging?: boolean;
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

export function createServer(options: ServerOptions): ReformGraphYoga {
  const source = options.source ?? (options.snapshot ? fixedSource(options.snapshot) : undefined);
  if (!source) throw new Error('createServer needs a snapshot or a snapshot source');
  const production = options.production ?? process.env.NODE_ENV === 'production';
  return createYoga<Record<string, unknown>, Context>({
    schema,
    // The snapshot is taken once per request, so one request never sees two versions.
    context: () => ({ snapshot: source.current() }),
    graphiql: { title: 'reform-graph', defaultQuery: EXAMPLE_OPERATIONS },
    landingPage: false,
    healthCheckEndpoint: '/yoga-health',
    maskedErrors: { maskError },
    logging: options.logging === false ? false : 'info',
    plugins: [routesPlugin(source), armorPlugin({ production }), snapshotVersionPlugin()],
  });
}
