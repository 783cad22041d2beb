/** What a running server really serves, as the lines `serve` prints at start-up. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from './config.js';
import { DEFAULT_EXPLORER_DIR, EXPLORER_PATH } from './explorer-route.js';
import { EXPORT_ROUTES } from './export-routes.js';
import { GRAPHQL_PATH } from './graphiql.js';

export interface ServedOptions {
  /** e.g. http://localhost:4000 */
  readonly origin: string;
  readonly config: Pick<ServerConfig, 'introspection'>;
  /** Where the explorer's build is looked for (default: dist/explorer). */
  readonly explorerDir?: string;
}

/** One line per address, each saying what answers there; nothing is listed that is not served. */
export function servedLines({ origin, config, explorerDir = DEFAULT_EXPLORER_DIR }: ServedOptions): string[] {
  const explorerBuilt = existsSync(join(explorerDir, 'index.html'));
  const exports = Object.keys(EXPORT_ROUTES)
    .map((path) => path.replace('/export/', ''))
    .join(', ');
  return [
    config.introspection
      ? `GraphiQL:  ${origin}${GRAPHQL_PATH}  (GraphQL POSTs go to the same address)`
      : `GraphQL:   ${origin}${GRAPHQL_PATH}  (JSON POST; GraphiQL is off, set INTROSPECTION=true to open it)`,
    explorerBuilt
      ? `Explorer:  ${origin}${EXPLORER_PATH}/`
      : `Explorer:  not built (run \`npm run build\`); ${origin}${EXPLORER_PATH}/ says so meanwhile`,
    `Exports:   ${origin}/export/{${exports}}`,
    `Health:    ${origin}/health  (readiness: /ready, metrics: /metrics)`,
  ];
}
