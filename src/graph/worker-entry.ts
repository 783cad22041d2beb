/**
 * How a worker_threads entry beside a module is started, for every off-thread job (graph
 * loading here, layouts in layout/). A built dist/ runs the entry's .js directly. From source
 * (tsx, vitest) the entry is a .ts file that a worker cannot load on Node 20 (the main thread's
 * loader hooks do not reach workers), so a tiny bootstrap registers tsx in the worker first,
 * then imports the entry; tsx is a devDependency, and only source runs need it.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Whether the module at `moduleUrl` (its import.meta.url) runs from TypeScript source. */
export const runsFromSource = (moduleUrl: string): boolean => moduleUrl.endsWith('.ts');

/** tsx's ESM loader API (require.resolve finds its CommonJS build, whose register() cannot find its hooks). */
function tsxEsmApi(): string {
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

/**
 * The Worker arguments for the entry `name` (without extension, e.g. `./worker-thread`)
 * beside the module at `moduleUrl`: `new Worker(entry, { eval })`.
 */
export function workerEntry(moduleUrl: string, name: string): { entry: string | URL; eval: boolean } {
  if (!runsFromSource(moduleUrl)) return { entry: new URL(`${name}.js`, moduleUrl), eval: false };
  const entry = new URL(`${name}.ts`, moduleUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return { entry: bootstrap, eval: true };
}
