/**
 * Builds the review page into ../dist/review, served by src/server/review/http.ts under
 * `reform-graph review`. Run from the repository root: `vite build --config review/vite.config.ts`.
 * Everything is bundled: the page needs no network but its own local server.
 */
import { defineConfig } from 'vite';

const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  build: { outDir: '../dist/review', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: {
    // `vite --config review/vite.config.ts` during development, beside `reform-graph review` on :4100.
    proxy: { '/api': 'http://127.0.0.1:4100' },
  },
});
