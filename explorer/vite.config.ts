/**
 * Builds the explorer into ../dist/explorer, served by src/server/explorer-route.ts at /explorer/.
 * Run from the repository root: `vite build --config explorer/vite.config.ts`.
 * Everything (Sigma, graphology, CSS) is bundled: the page needs no network but its own server.
 */
import { defineConfig } from 'vite';

const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/explorer/',
  publicDir: false,
  build: {
    outDir: '../dist/explorer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Sigma and graphology together are ~250 kB; one chunk keeps the served file list short.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `vite --config explorer/vite.config.ts` during development, with `npm run dev` on :4000.
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/export': 'http://127.0.0.1:4000' },
  },
});
