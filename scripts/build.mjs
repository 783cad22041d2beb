#!/usr/bin/env node
/**
 * Builds what is stale and nothing else: the server (tsc: src/ -> dist/), the explorer
 * (vite: explorer/ -> dist/explorer/) and the review page (vite: review/ -> dist/review/). `npm ci` builds both through `prepare`; `npm start` runs
 * this again and, with nothing changed, starts serving in about a second instead of after
 * ~40 s of tsc and vite.
 *
 * Staleness is decided by content, not modification times: each part's inputs (its sources,
 * its configs, package-lock.json) are hashed, and the hash of the last good build is kept in
 * dist/.build-stamp.json, written to a temporary file and renamed so a build that dies halfway
 * leaves no stamp claiming it finished. A missing output, a missing or foreign stamp, or a
 * different hash rebuilds that part, and the log says which and why.
 *
 * The third part is the data: `reform-graph build` compiles graph-data into graph-data.snapshot,
 * which serve loads instead of validating the YAML again.
 *
 *   node scripts/build.mjs           build the stale parts
 *   node scripts/build.mjs --force   build everything
 * Plain JavaScript: it must run before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp.json');
const STAMP_FORMAT = 1;

/** Each part: the inputs whose content decides staleness, the file proving it was built, how to build. */
const PARTS = [
  {
    name: 'server',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    output: 'dist/cli/main.js',
    build: buildServer,
  },
  {
    name: 'explorer',
    // The screenshot is documentation, not an input of the bundle.
    inputs: ['explorer', 'package-lock.json'],
    ignore: ['explorer/screenshot.png'],
    output: 'dist/explorer/index.html',
    build: buildExplorer,
  },
  {
    name: 'review',
    // The review page (reform-graph review) shares the explorer's DOM helpers, the palette and
    // the data schema its forms are read from.
    inputs: ['review', 'explorer/src', 'src/model', 'src/layout', 'package-lock.json'],
    ignore: ['review/screenshot.png'],
    output: 'dist/review/index.html',
    build: buildReview,
  },
  {
    // Not code, but what serve loads ~10x faster than validating graph-data again. serve takes
    // it only while it is newer than every data file, so an older one counts as stale here too.
    name: 'snapshot',
    // The data, and the code that reads it and writes the file.
    inputs: ['graph-data', 'src/graph', 'src/model'],
    output: 'graph-data.snapshot',
    olderThan: 'graph-data',
    // A build without data (the Dockerfile's first stage) has no snapshot to make.
    skip: () => !existsSync(join(ROOT, 'graph-data')),
    build: buildSnapshot,
  },
];

/** The files an input names: itself, or every file below it when it is a directory. */
function filesOf(input, ignore) {
  const full = join(ROOT, input);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [input];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !ignore.includes(file));
}

function hashInputs(part) {
  const files = part.inputs.flatMap((input) => filesOf(input, part.ignore ?? [])).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    return stamp?.format === STAMP_FORMAT ? stamp : null;
  } catch {
    return null;
  }
}

function writeStamp(stamp) {
  mkdirSync(DIST, { recursive: true });
  const temporary = `${STAMP}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ format: STAMP_FORMAT, ...stamp }, null, 2)}\n`);
  renameSync(temporary, STAMP);
}

const require = createRequire(import.meta.url);

function devTool(specifier) {
  try {
    return require.resolve(specifier);
  } catch {
    throw new Error(`cannot build: ${specifier} is not installed (run \`npm ci\`, which installs the build tools)`);
  }
}

function buildServer() {
  const tsc = devTool('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`tsc failed (exit ${run.status ?? run.signal})`);
}

async function buildReview() {
  devTool('vite');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'review/vite.config.ts'), logLevel: 'warn' });
}

async function buildExplorer() {
  devTool('vite');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'explorer/vite.config.ts'), logLevel: 'warn' });
}

function buildSnapshot() {
  const run = spawnSync(process.execPath, ['bin/reform-graph.js', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`reform-graph build failed (exit ${run.status ?? run.signal})`);
}

function newestMtime(input) {
  return Math.max(0, ...filesOf(input, []).map((f) => statSync(join(ROOT, f)).mtimeMs));
}

/** Why a part must be built, or null when it is current. */
function whyStale(part, stamp, hash, force) {
  if (force) return '--force';
  const output = join(ROOT, part.output);
  if (!existsSync(output)) return `${part.output} is missing`;
  if (part.olderThan && statSync(output).mtimeMs <= newestMtime(part.olderThan)) {
    return `${part.output} is older than ${part.olderThan}, so serve would not load it`;
  }
  if (!stamp) return 'no build stamp';
  if (stamp[part.name] !== hash) return `${part.inputs.join(', ')} changed since the last build`;
  return null;
}

async function main() {
  const force = process.argv.includes('--force');
  const started = performance.now();
  const stamp = readStamp();
  const next = { ...(stamp ?? {}) };
  delete next.format;
  const built = [];
  for (const part of PARTS) {
    if (part.skip?.()) continue;
    const hash = hashInputs(part);
    const reason = whyStale(part, stamp, hash, force);
    if (!reason) continue;
    console.log(`build: ${part.name} is stale (${reason}): building`);
    const partStarted = performance.now();
    // The old hash goes first: a build that fails must not leave this part marked current.
    delete next[part.name];
    writeStamp(next);
    await part.build();
    next[part.name] = hash;
    writeStamp(next);
    built.push(`${part.name} in ${((performance.now() - partStarted) / 1000).toFixed(1)} s`);
  }
  const ms = Math.round(performance.now() - started);
  console.log(
    built.length === 0
      ? `build: ${PARTS.map((p) => p.name).join(', ')} are current, nothing to build (checked in ${ms} ms)`
      : `build: built ${built.join(', ')}`,
  );
}

main().catch((err) => {
  console.error(`build failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
});
