/**
 * What a browser gets at GET /graphql.
 * - With introspection on: GraphiQL, from the assets @graphql-yoga/render-graphiql bundles.
 *   yoga's default page loads them from a CDN, which leaves a blank page on a machine without
 *   internet. The page itself is small; its ~9 MB of script, styles and editor workers are
 *   served once each from /graphiql/*, cacheable, instead of inline in every page (which cost
 *   ~0.35 s per GET /graphql).
 * - With it off (production): a short page saying how to call the API, instead of the CSRF
 *   refusal or empty 406 a browser would otherwise get.
 */
import type { Plugin } from 'graphql-yoga';
import { EXAMPLE_OPERATIONS } from './examples.js';

export const GRAPHQL_PATH = '/graphql';
export const GRAPHIQL_ASSETS_PATH = '/graphiql/';

/** The options yoga hands to the renderer: the title and the operations GraphiQL opens with. */
export const GRAPHIQL_OPTIONS = { title: 'reform-graph', defaultQuery: EXAMPLE_OPERATIONS } as const;

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');

/** Each asset: its file name under /graphiql/, content type and the bundle's export holding it. */
const ASSETS: Readonly<Record<string, { type: string; pick: (bundle: Bundle) => string }>> = {
  'graphiql.js': { type: 'text/javascript; charset=utf-8', pick: (b) => b.js },
  'graphiql.css': { type: 'text/css; charset=utf-8', pick: (b) => b.css },
  'editor.worker.js': { type: 'text/javascript; charset=utf-8', pick: (b) => b.editorWorkerService },
  'json.worker.js': { type: 'text/javascript; charset=utf-8', pick: (b) => b.jsonWorker },
  'graphql.worker.js': { type: 'text/javascript; charset=utf-8', pick: (b) => b.graphqlWorker },
};

/** JSON safe inside a <script> element. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** yoga's `renderGraphiQL` option: render-graphiql's page, with its assets by address. */
export function graphiqlPage(options: Record<string, unknown> = {}): string {
  const title = typeof options.title === 'string' ? options.title : 'GraphiQL';
  const at = (file: string) => `${GRAPHIQL_ASSETS_PATH}${file}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${at('graphiql.css')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${inlineJson({
        editorWorkerService: at('editor.worker.js'),
        json: at('json.worker.js'),
        graphql: at('graphql.worker.js'),
      })};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
    </script>
    <script src="${at('graphiql.js')}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${inlineJson(options)});
    </script>
  </body>
</html>
`;
}

/** Serves /graphiql/*; the ~9 MB bundle is loaded on the first request, not at start-up. */
export function graphiqlAssetsPlugin(): Plugin {
  let bundle: Promise<Bundle> | undefined;
  const bodies = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return;
      const name = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length);
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) {
        endResponse(new fetchAPI.Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      let body = bodies.get(name);
      if (!body) {
        bundle ??= import('@graphql-yoga/render-graphiql/graphiql');
        body = new TextEncoder().encode(asset.pick(await bundle));
        bodies.set(name, body);
      }
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          headers: {
            'content-type': asset.type,
            'content-length': String(body.byteLength),
            'cache-control': 'public, max-age=3600',
            'x-content-type-options': 'nosniff',
          },
        }),
      );
    },
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
