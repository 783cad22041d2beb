/**
 * GET /explorer/* : the graph explorer, a static front end built by Vite into dist/explorer
 * (`vite build --config explorer/vite.config.ts`). It talks to this server over /graphql only.
 *   /explorer           redirects to /explorer/
 *   /explorer/          index.html (revalidated on every load)
 *   /explorer/assets/*  hashed bundles, cached for a year
 * Paths that climb out of the build directory are refused; missing files are 404; a server
 * whose explorer was never built answers 503 with a page that says how to build it.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

export const EXPLORER_PATH = '/explorer';

/** dist/explorer at the repository root; this file sits two levels down in src/ and in dist/. */
export const DEFAULT_EXPLORER_DIR = resolve(import.meta.dirname, '../../dist/explorer');

export const BUILD_COMMAND = 'npx vite build --config explorer/vite.config.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Everything the page loads comes from this server; styles may be set inline by Sigma and us. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a path below /explorer/ names, or null when the path is not a
 * plain relative path inside root (`..` segments, encoded or not, backslashes, NUL bytes).
 */
export function resolveExplorerFile(root: string, encodedRest: string): string | null {
  let rest: string;
  try {
    rest = decodeURIComponent(encodedRest);
  } catch {
    return null;
  }
  if (rest.includes('\0') || rest.includes('\\')) return null;
  const segments = rest.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (rest === '' || rest.endsWith('/')) rest += 'index.html';
  const base = resolve(root);
  const file = resolve(base, rest);
  return file.startsWith(base + sep) ? file : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function notBuiltPage(distDir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Explorer not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style>
</head><body>
<h1>The explorer has not been built</h1>
<p>This server serves the graph explorer from <code>${escapeHtml(distDir)}</code>, which has no <code>index.html</code>.</p>
<p>Build it with <code>npm run build</code> (or only the explorer with <code>${escapeHtml(BUILD_COMMAND)}</code>), then reload this page. No restart is needed.</p>
<p>GraphQL keeps working meanwhile at <a href="/graphql">/graphql</a>.</p>
</body></html>`;
}

export function explorerPlugin(distDir: string = DEFAULT_EXPLORER_DIR): Plugin {
  const root = resolve(distDir);
  const prefix = `${EXPLORER_PATH}/`;
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      const { pathname } = url;
      if (pathname === EXPLORER_PATH) {
        endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: `${prefix}${url.search}` } }));
        return;
      }
      if (!pathname.startsWith(prefix)) return;

      const text = (status: number, body: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
            status,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers },
          }),
        );

      if (request.method !== 'GET' && request.method !== 'HEAD') {
        text(405, 'The explorer is read with GET.\n', { allow: 'GET, HEAD' });
        return;
      }
      const file = resolveExplorerFile(root, pathname.slice(prefix.length));
      if (!file) {
        text(400, 'Bad explorer path.\n');
        return;
      }
      if (!(await isFile(resolve(root, 'index.html')))) {
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : notBuiltPage(root), {
            status: 503,
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '60' },
          }),
        );
        return;
      }
      if (!(await isFile(file))) {
        text(404, `No such file in the explorer: ${pathname}\n`);
        return;
      }

      const body = await readFile(file);
      const isHtml = extname(file) === '.html';
      const headers: Record<string, string> = {
        'content-type': contentTypeOf(file),
        'content-length': String(body.byteLength),
        'x-content-type-options': 'nosniff',
        // Bundles under assets/ carry a content hash in their names; index.html names the current ones.
        'cache-control': file.startsWith(resolve(root, 'assets') + sep)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      };
      if (isHtml) headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers }),
      );
    },
  };
}
