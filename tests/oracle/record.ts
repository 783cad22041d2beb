/** Runs the oracle's requests through the server and writes each answer as one line per request. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadGraphData } from '../../src/graph/load.js';
import { createServer } from '../../src/server/yoga.js';
import { type OracleAnswer, type OracleRequest, runOracle } from './operations.js';

export const ANSWERS_DIR = resolve(import.meta.dirname, 'answers');
/** Gzipped JSON lines: the answers are 15 MB of repetitive JSON, about 1 MB compressed. */
export const ANSWER_FILE_SUFFIX = '.jsonl.gz';
const DATA_DIR = resolve(import.meta.dirname, '../../graph-data');

/**
 * One line per request: the body is embedded verbatim when it is compact JSON (so the line
 * holds the exact bytes served), else as a string. The snapshot version is masked wherever it
 * appears (extensions.snapshotVersion, an export's description), as it names the store's format
 * and how the data is hashed as well as the data.
 */
export function answerLine(request: OracleRequest, answer: OracleAnswer, version: string): string {
  const body = answer.body.replaceAll(version, '<version>');
  const head = `{"name":${JSON.stringify(request.name)},"status":${answer.status}`;
  let compact = false;
  try {
    compact = JSON.stringify(JSON.parse(body)) === body;
  } catch {
    compact = false;
  }
  return compact ? `${head},"json":${body}}` : `${head},"text":${JSON.stringify(body)}}`;
}

/**
 * The bundled server (or one on `dataDir`) as the oracle asks it: each request through
 * yoga's own fetch, GET or POST as the request says, answered as status and body text.
 */
export function oracleSender(dataDir = DATA_DIR): {
  send: (request: OracleRequest) => Promise<OracleAnswer>;
  version: string;
} {
  const snapshot = loadGraphData(dataDir);
  const yoga = createServer({
    snapshot,
    logging: false,
    // A loaded machine must not turn an answer into a timeout.
    config: { requestTimeoutMs: 600_000 },
  });
  const send = async (request: OracleRequest): Promise<OracleAnswer> => {
    const response = request.get
      ? await yoga.fetch(`http://localhost${request.get}`)
      : await yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query: request.query, variables: request.variables }),
        });
    return { status: response.status, body: await response.text() };
  };
  return { send, version: snapshot.version };
}

/** Every answer of the current code, as lines per group, in the order they ran. */
export async function currentAnswers(dataDir = DATA_DIR): Promise<{ groups: Map<string, string[]>; count: number }> {
  const { send, version } = oracleSender(dataDir);
  const groups = new Map<string, string[]>();
  const count = await runOracle(send, (request, answer) => {
    const lines = groups.get(request.group) ?? [];
    lines.push(answerLine(request, answer, version));
    groups.set(request.group, lines);
  });
  return { groups, count };
}

export function recordedAnswers(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of readdirSync(ANSWERS_DIR)
    .filter((f) => f.endsWith(ANSWER_FILE_SUFFIX))
    .sort()) {
    const text = gunzipSync(readFileSync(join(ANSWERS_DIR, file))).toString('utf8');
    groups.set(
      file.slice(0, -ANSWER_FILE_SUFFIX.length),
      text.split('\n').filter((l) => l !== ''),
    );
  }
  return groups;
}
