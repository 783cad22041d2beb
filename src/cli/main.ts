#!/usr/bin/env node
/** The reform-graph command line: thin commands over the graph, schema and server modules. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { printSchema } from 'graphql';
import { prepareAnalytics } from '../graph/analytics.js';
import { coverageReport } from '../graph/coverage.js';
import { formatCoverage } from '../graph/coverage-format.js';
import { loadGraphData, validateGraphDataInParallel } from '../graph/load.js';
import { prepareTraversal } from '../graph/traversal.js';
import { DataValidationError, formatProblem } from '../model/errors.js';
import { schema } from '../schema/index.js';
import { isClusterWorker, startCluster, stopClusterOnSignals } from '../server/cluster.js';
import { configFromEnv, reloadGuardFromEnv } from '../server/config.js';
import { createLogger } from '../server/logging.js';
import { start, stopOnSignals } from '../server/main.js';
import { ReloadingSource } from '../server/reloading-source.js';
import { servedLines } from '../server/served.js';
import { DEFAULT_SNAPSHOT_FILE, loadPreferringSnapshot, runBuild } from './build.js';
import { ontologyTable, statsTables } from './format.js';
import { loadProgress } from './progress.js';

const DEFAULT_DATA = 'graph-data';
const SCHEMA_FILE = 'schema/schema.graphql';

const USAGE = `reform-graph <command> [options]

Commands:
  serve      start the GraphQL server (port from PORT or --port, default 4000; --watch reloads graph-data on change;
             --workers N runs N processes on the one port, e.g. one per core)
  validate   check graph-data/ and print every problem, or counts per kind and relation type
  coverage   list every number, date and quoted name of each document that no evidence quote covers
  stats      print counts per kind, relation type and document as Markdown tables
  ontology   print the entity kinds and relation types as Markdown tables
  export     write the laid-out graph to stdout: --format gexf|graphml|json|cytoscape [--focus ID --depth N]
  generate   write a synthetic graph-data directory: --entities N --out DIR [--seed S]
  build      validate graph-data and compile it into a snapshot file serve loads without re-validating (--out FILE)
             (--no-search-index leaves the full-text indexes out: serve then builds them on the first search)
  schema     print the GraphQL SDL (--write saves ${SCHEMA_FILE}, --check fails on drift)
  ingest     add a document and propose candidates: FILE --id ID --title T --published DATE [--publisher P]
             (writes graph-data/documents/ + manifest and graph-data/candidates/<id>.yaml, never knowledge/)
  accept     merge reviewed candidates into knowledge/<id>.yaml: graph-data/candidates/<id>.yaml [--only ID ...]
  review     curate a candidate file in the browser, on 127.0.0.1 only: [graph-data/candidates/<id>.yaml] [--port N]
             (accept, reject, edit, re-link, merge, add from a selection; saves through accept; default port 4100)
  eval-ingest  leave-one-document-out precision and recall of ingest against the curated corpus

Options:
  --data DIR   graph-data directory (default: ${DEFAULT_DATA})
  --port N     port for serve
  --snapshot F snapshot file serve loads when it was built from the files now in --data (default: ${DEFAULT_SNAPSHOT_FILE})
  --host H     host for serve (default: 0.0.0.0)
  --workers N  serve with N cluster workers sharing the port (default: one process); for validate and
               build, parse the knowledge files on N worker threads (default: one per core from 256
               files on; 0 parses on the main thread)
  -h, --help   this help
`;

/** `--workers` of validate and build: parse threads, 'auto' when not given; exits on a bad value. */
function parseWorkers(value: string | undefined): number | 'auto' {
  if (value === undefined) return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--workers must be a non-negative integer, got "${value}"`);
    process.exit(2);
  }
  return n;
}

/** Loads the data (or, for serve, a snapshot file newer than it); exits listing problems on bad data. */
function loadOrExit(dataDir: string, snapshotFile?: string) {
  const started = performance.now();
  try {
    const loaded = snapshotFile
      ? loadPreferringSnapshot(dataDir, snapshotFile)
      : { snapshot: loadGraphData(dataDir), from: 'data' as const, reason: '', rejected: false };
    const from = loaded.from === 'snapshot' ? `snapshot file ${snapshotFile}` : `data ${dataDir}`;
    return { ...loaded, from, ms: Math.round(performance.now() - started) };
  } catch (err) {
    if (err instanceof DataValidationError) {
      for (const p of err.problems) console.error(formatProblem(p));
      console.error(`\n${err.message}: nothing is served from bad data.`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * Commands with their own options, parsed by their own modules. Imported when run: ingest's
 * NLP model would otherwise be loaded by every `serve`.
 */
const OWN_ARGS: Record<string, (args: string[]) => Promise<number>> = {
  ingest: async (args) => (await import('./ingest.js')).runIngest(args),
  accept: async (args) => (await import('./ingest.js')).runAccept(args),
  review: async (args) => (await import('./review.js')).runReview(args),
  'eval-ingest': async (args) => (await import('./ingest.js')).runEvalIngest(args),
};

async function main(argv: string[]): Promise<number> {
  const own = OWN_ARGS[argv[0] ?? ''];
  if (own && !argv.includes('--help') && !argv.includes('-h')) return own(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string', default: DEFAULT_DATA },
      port: { type: 'string' },
      host: { type: 'string', default: '0.0.0.0' },
      write: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      snapshot: { type: 'string', default: DEFAULT_SNAPSHOT_FILE },
      format: { type: 'string' },
      focus: { type: 'string', multiple: true },
      depth: { type: 'string' },
      out: { type: 'string' },
      entities: { type: 'string' },
      workers: { type: 'string' },
      seed: { type: 'string' },
      'no-search-index': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  const dataDir = resolve(values.data ?? DEFAULT_DATA);
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'serve': {
      const port = Number(values.port ?? process.env.PORT ?? 4000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`invalid port "${values.port ?? process.env.PORT}"`);
        return 2;
      }
      const config = configFromEnv();
      const logger = createLogger(config.logLevel);
      const workers = Number(values.workers ?? 0);
      if (!Number.isInteger(workers) || workers < 0) {
        console.error(`--workers must be a non-negative integer, got "${values.workers}"`);
        return 2;
      }
      // The primary only forks: each worker re-runs this same command, loads its own
      // snapshot and listens; node:cluster shares the port between them.
      if (workers > 1 && !isClusterWorker()) {
        const log = (message: string, details?: Record<string, unknown>) => logger.info(details ?? {}, message);
        const handle = startCluster({ workers, log });
        stopClusterOnSignals(handle, log);
        const shared = await handle.listening;
        console.log(`reform-graph: ${workers} workers serving (primary ${process.pid})`);
        for (const line of servedLines({ origin: `http://localhost:${shared}`, config })) console.log(line);
        return -1;
      }
      const { snapshot, ms, from, reason, rejected } = loadOrExit(
        dataDir,
        resolve(values.snapshot ?? DEFAULT_SNAPSHOT_FILE),
      );
      // A snapshot file that exists but is not served (other data, other version, damaged) is
      // worth a warning: the operator built it for a reason.
      if (rejected) logger.warn({ from }, reason);
      else logger.info({ from }, reason);
      // Before listening: the first neighbourhood or path query would otherwise build these.
      prepareTraversal(snapshot);
      const source = new ReloadingSource(
        dataDir,
        snapshot,
        (outcome) => {
          if (outcome.ok) logger.info({ version: outcome.version }, 'graph-data reloaded');
          else if (outcome.heldBack) {
            logger.warn({ ...outcome.heldBack, serving: outcome.version }, 'graph-data change held back');
          } else {
            logger.error(
              { problems: outcome.problems, serving: outcome.version },
              'graph-data change rejected: still serving the last good snapshot',
            );
          }
        },
        {
          origin: from,
          guard: reloadGuardFromEnv(),
          onTimings: (timings) => logger.info(timings, 'graph-data reload timings'),
        },
      );
      if (values.watch) source.watch();
      // The operator's "reload now, and I mean it": serves the data even if it loses records.
      process.on('SIGHUP', () => {
        logger.info('SIGHUP: reloading graph-data, accepting any loss');
        source.reload({ acceptLoss: true }).catch((err: Error) => logger.error({ err }, 'SIGHUP reload failed'));
      });
      const running = await start({ source, port, host: values.host, logger });
      // The search indexes load after listening, yielding to requests (searches wait for them).
      // bench/startup.mts turns this off to time start-up as it was before they were loaded.
      const searchStarted = performance.now();
      const searchLoaded =
        process.env.REFORM_GRAPH_SEARCH_LOAD === 'off'
          ? Promise.resolve()
          : snapshot.loadSearch().then(
              () => logger.info({ ms: Math.round(performance.now() - searchStarted) }, 'search index loaded'),
              (err: Error) => logger.error({ err }, 'search index failed to load: searches will build it'),
            );
      // Then degree centrality and communities, which a first call would else compute (seconds
      // of CPU at 100k entities), in a worker thread; calls for them meanwhile wait for it.
      void searchLoaded.then(() => {
        const started = performance.now();
        return prepareAnalytics(snapshot).then(
          () => logger.info({ ms: Math.round(performance.now() - started) }, 'centrality and communities computed'),
          (err: Error) => logger.error({ err }, 'centrality and communities failed off-thread: computed on demand'),
        );
      });
      stopOnSignals(running, logger);
      const address = running.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      console.log(
        `reform-graph: loaded ${snapshot.entities().length} entities and ${snapshot.graph.size} relations from ${from} in ${ms} ms (snapshot ${snapshot.version})${values.watch ? ', watching for changes' : ''}`,
      );
      for (const line of servedLines({ origin: `http://localhost:${actualPort}`, config })) console.log(line);
      return -1;
    }
    case 'validate': {
      const started = performance.now();
      // On stderr, and only for a big corpus: small ones print exactly what they did before.
      const progress = loadProgress(process.stderr, 'validate');
      const { snapshot, problems } = await validateGraphDataInParallel(dataDir, {
        onProgress: progress.onProgress,
        workers: parseWorkers(values.workers),
      });
      progress.done();
      for (const p of problems) console.error(formatProblem(p));
      if (!snapshot) {
        console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dataDir}`);
        return 1;
      }
      console.log(
        `${dataDir} is valid (${Math.round(performance.now() - started)} ms, snapshot ${snapshot.version})\n`,
      );
      console.log(statsTables(snapshot));
      return 0;
    }
    case 'export': {
      // `export --format gexf` or `export gexf`; --focus may repeat.
      const format = values.format ?? positionals[1] ?? '';
      const { runExport } = await import('./export.js');
      return runExport({ format, focus: values.focus, depth: values.depth, dataDir });
    }
    case 'generate': {
      const { parseGenerateArgs, runGenerate } = await import('./generate.js');
      return runGenerate(parseGenerateArgs(argv));
    }
    case 'build':
      return runBuild({
        dataDir,
        out: resolve(values.out ?? DEFAULT_SNAPSHOT_FILE),
        progress: process.stderr,
        workers: parseWorkers(values.workers),
        searchIndexes: !values['no-search-index'],
      });
    case 'coverage': {
      const { snapshot } = loadOrExit(dataDir);
      const report = coverageReport(dataDir, snapshot);
      console.log(formatCoverage(report));
      return report.totals.uncovered > 0 ? 1 : 0;
    }
    case 'ontology': {
      console.log(ontologyTable());
      return 0;
    }
    case 'stats': {
      console.log(statsTables(loadOrExit(dataDir).snapshot));
      return 0;
    }
    case 'schema': {
      const sdl = `${printSchema(schema)}\n`;
      if (values.check) {
        const committed = readFileSync(SCHEMA_FILE, 'utf8');
        if (committed !== sdl) {
          console.error(`${SCHEMA_FILE} differs from the schema the code builds: run \`npm run schema\``);
          return 1;
        }
        console.log(`${SCHEMA_FILE} is up to date`);
      } else if (values.write) {
        writeFileSync(SCHEMA_FILE, sdl);
        console.log(`wrote ${SCHEMA_FILE}`);
      } else {
        process.stdout.write(sdl);
      }
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
