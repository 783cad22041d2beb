/**
 * The review command's own HTTP server: the review page (built by Vite into dist/review) and a
 * small JSON API over one ReviewSession. It writes graph-data, so it exists only under
 * `reform-graph review`, listens on the loopback address only, and refuses requests whose
 * Host or Origin is not this machine (a web page elsewhere must not be able to drive it).
 *
 *   GET  /                   the page          GET  /api/session     the document, candidates, coverage
 *   GET  /assets/*           its bundles       GET  /api/search?q=   existing entities by name
 *   POST /api/save           draft + accepted items through acceptCandidates
 *   POST /api/exclusions     {text, reason} into coverage-exclusions/<document>.yaml
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { DomainError } from '../../model/errors.js';
import { contentTypeOf, resolveExplorerFile } from '../explorer-route.js';
import type { ReviewSession, SaveRequest } from './session.js';

/** dist/review at the repository root; this file sits three levels down in src/ and in dist/. */
export const DEFAULT_REVIEW_DIR = resolve(import.meta.dirname, '../../../dist/review');

export const REVIEW_BUILD_COMMAND = 'npx vite build --config review/vite.config.ts';

/** A saved draft holds the whole candidate file; a few megabytes is far more than any article needs. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function hostOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

/** Only this machine, by name or address: guards against DNS rebinding and cross-site posts. */
function checkLocal(req: IncomingMessage): void {
  const host = hostOf(req.headers.host);
  if (!host || !LOCAL_HOSTS.has(host))
    throw new HttpError(403, 'FORBIDDEN', 'the review server answers localhost only');
  const origin = req.headers.origin;
  if (origin && origin !== 'null' && !LOCAL_HOSTS.has(hostOf(origin) ?? '')) {
    throw new HttpError(403, 'FORBIDDEN', `requests from ${origin} are refused`);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'BAD_USER_INPUT', 'send JSON with content-type application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'LIMIT_EXCEEDED', `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_USER_INPUT', 'the request body is not valid JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function sendStatic(res: ServerResponse, root: string, pathname: string, head: boolean): Promise<void> {
  const file = resolveExplorerFile(root, pathname.slice(1));
  if (!file) throw new HttpError(400, 'BAD_USER_INPUT', 'bad path');
  if (!(await isFile(resolve(root, 'index.html')))) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The review page has not been built: run \`npm run build\` (or ${REVIEW_BUILD_COMMAND}).\n`);
    return;
  }
  if (!(await isFile(file))) throw new HttpError(404, 'NOT_FOUND', `no such file: ${pathname}`);
  const body = await readFile(file);
  const headers: Record<string, string | number> = {
    'content-type': contentTypeOf(file),
    'content-length': body.byteLength,
    'x-content-type-options': 'nosniff',
    'cache-control': file.startsWith(resolve(root, 'assets') + sep)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  };
  if (extname(file) === '.html') headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
  res.writeHead(200, headers);
  res.end(head ? undefined : body);
}

async function route(session: ReviewSession, root: string, req: IncomingMessage, res: ServerResponse) {
  checkLocal(req);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const api = url.pathname.startsWith('/api/');
  if (api && method === 'GET' && url.pathname === '/api/session') return sendJson(res, 200, session.state());
  if (api && method === 'GET' && url.pathname === '/api/search') {
    const q = url.searchParams.get('q') ?? '';
    return sendJson(res, 200, { hits: q.length > 200 ? [] : session.search(q) });
  }
  if (api && method === 'POST' && url.pathname === '/api/save') {
    const body = (await readJson(req)) as Partial<SaveRequest> | null;
    const outcome = session.save({
      file: body?.file as SaveRequest['file'],
      accepted: body?.accepted ?? ({} as never),
    });
    return sendJson(res, outcome.ok ? 200 : 422, outcome);
  }
  if (api && method === 'POST' && url.pathname === '/api/exclusions') {
    const body = (await readJson(req)) as { text?: unknown; reason?: unknown } | null;
    const outcome = session.exclude(body?.text as string, body?.reason as string);
    return sendJson(res, outcome.ok ? 200 : 422, outcome);
  }
  if (api) throw new HttpError(404, 'NOT_FOUND', `no ${method} ${url.pathname}`);
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'BAD_USER_INPUT', 'the page is read with GET');
  return sendStatic(res, root, url.pathname, method === 'HEAD');
}

/** The server, not yet listening: `reform-graph review` listens on 127.0.0.1, tests on port 0. */
export function createReviewServer(session: ReviewSession, distDir: string = DEFAULT_REVIEW_DIR): Server {
  const root = resolve(distDir);
  return createServer((req, res) => {
    route(session, root, req, res).catch((err: unknown) => {
      if (err instanceof HttpError)
        return sendJson(res, err.status, { error: { code: err.code, message: err.message } });
      if (err instanceof DomainError) {
        return sendJson(res, 400, { error: { code: err.code, message: err.message, ...err.details } });
      }
      console.error(err);
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'INTERNAL', message: 'unexpected error; see the terminal' } });
    });
  });
}
