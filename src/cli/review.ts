/**
 * `reform-graph review [graph-data/candidates/<id>.yaml] [--port N] [--data DIR]`: serves the
 * review page for one candidate file on 127.0.0.1 until interrupted. Without a file it takes
 * the only (or else the most recently written) candidate file under <data>/candidates/.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CANDIDATES_DIR } from '../ingest/ingest.js';
import { DataValidationError, DomainError, formatProblem } from '../model/errors.js';
import { createReviewServer } from '../server/review/http.js';
import { ReviewSession } from '../server/review/session.js';

export const DEFAULT_REVIEW_PORT = 4100;

const USAGE = 'usage: reform-graph review [graph-data/candidates/<id>.yaml] [--port N] [--data DIR]';

function newestCandidates(dataDir: string): string | undefined {
  const dir = join(dataDir, CANDIDATES_DIR);
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .map((n) => join(dir, n))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

export async function runReview(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { port: { type: 'string' }, data: { type: 'string', default: 'graph-data' } },
  });
  const dataDir = resolve(values.data ?? 'graph-data');
  const port = Number(values.port ?? DEFAULT_REVIEW_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid port "${values.port}"\n${USAGE}`);
    return 2;
  }
  const file = positionals.find((p) => p !== 'review') ?? newestCandidates(dataDir);
  if (!file) {
    console.error(
      `no candidate file given and none in ${join(dataDir, CANDIDATES_DIR)}: run \`reform-graph ingest\` first\n${USAGE}`,
    );
    return 2;
  }
  let session: ReviewSession;
  try {
    session = new ReviewSession(dataDir, file);
  } catch (err) {
    if (err instanceof DataValidationError) {
      for (const p of err.problems) console.error(formatProblem(p));
      console.error(`\n${err.message}: fix graph-data before reviewing (reform-graph validate lists the same).`);
      return 1;
    }
    if (err instanceof DomainError) {
      console.error(`error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const server = createReviewServer(session);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    // Loopback only: the review page writes graph-data.
    server.listen(port, '127.0.0.1', () => done());
  });
  const actual = (server.address() as AddressInfo).port;
  console.log(`reform-graph review: ${session.candidatesPath} (document ${session.documentId})`);
  console.log(`Review page: http://127.0.0.1:${actual}/  (local only; Ctrl-C to stop)`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
