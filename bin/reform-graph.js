#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the prepare script).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  console.error('reform-graph is not built yet: run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
await import(compiled.href);
