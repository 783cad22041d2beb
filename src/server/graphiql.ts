/**
 * What a browser gets at GET /graphql.
 * - With introspection on: GraphiQL from @graphql-yoga/render-graphiql, whose page carries
 *   GraphiQL's scripts, styles and editor workers inline. yoga's default page loads them from
 *   a CDN, which leaves a blank page on a machine without internet.
 * - With it off (production): a short page saying how to call the API, instead of the CSRF
 *   refusal or empty 406 a browser would otherwise get.
 */
import type { Plugin } from 'graphql-yoga';
import { EXAMPLE_OPERATIONS } from './examples.js';

export const GRAPHQL_PATH = '/graphql';

/** The options yoga hands to the renderer: the title and the operations GraphiQL opens with. */
export const GRAPHIQL_OPTIONS = { title: 'reform-graph', defaultQuery: EXAMPLE_OPERATIONS } as const;

type GraphiQLRenderer = (options?: Record<string, unknown>) => Promise<string>;

/**
 * yoga's `renderGraphiQL` option. The bundled page is ~9 MB of script, so the module is loaded
 * on the first browser visit rather than at start-up, and the page is rendered once per options.
 */
export function bundledGraphiQL(): GraphiQLRenderer {
  const pages = new Map<string, Promise<string>>();
  return (options = {}) => {
    const key = JSON.stringify(options);
    let page = pages.get(key);
    if (!page) {
      page = import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => renderGraphiQL(options));
      pages.set(key, page);
    }
    return page;
  };
}

/** The curl line the README, this page and the CSRF refusal agree on. */
export function curlExample(origin: string): string {
  return `curl -H 'content-type: application/json' -d '{"query":"{ snapshot { entityCount } }"}' ${origin}${GRAPHQL_PATH}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function apiOnlyPage(origin: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reform-graph GraphQL API</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}code,pre{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}pre{padding:.6rem;overflow-x:auto}</style>
</head><body>
<h1>reform-graph GraphQL API</h1>
<p>This is the GraphQL endpoint. GraphiQL is off on this server (production, or <code>INTROSPECTION=false</code>), so a browser gets this page instead.</p>
<p>Send queries as a JSON POST:</p>
<pre>${escapeHtml(curlExample(origin))}</pre>
<p>GET requests and form posts also need an <code>x-graphql-yoga-csrf</code> or <code>graphql-require-preflight</code> header (any value).</p>
<p>Also served here: the <a href="/explorer/">graph explorer</a>, <a href="/export/graph.gexf">exports</a> and <a href="/health">/health</a>.</p>
</body></html>`;
}

/** Only registered when GraphiQL is off: answers a browser's GET on /graphql with apiOnlyPage. */
export function apiOnlyPagePlugin(): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || (url.pathname !== GRAPHQL_PATH && url.pathname !== `${GRAPHQL_PATH}/`)) return;
      if (!request.headers.get('accept')?.includes('text/html')) return;
      endResponse(
        new fetchAPI.Response(apiOnlyPage(url.origin), {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
        }),
      );
    },
  };
}
