/**
 * graphology's layout and community packages are CommonJS (`module.exports = fn`) with typings
 * written as `export default fn`. Under NodeNext, TypeScript types a default import of them as
 * the module namespace, while Node hands over `module.exports` itself. This picks the function
 * whichever shape the loader (node, tsx, vitest) produced, with the typings' own type.
 */

import louvainModule from 'graphology-communities-louvain';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';

function cjsDefault<T>(mod: { default: T }): T {
  const candidate: unknown = mod;
  return typeof candidate === 'function' ? (candidate as T) : mod.default;
}

export const forceAtlas2 = cjsDefault(forceAtlas2Module);
export const louvain = cjsDefault(louvainModule);
export const noverlap = cjsDefault(noverlapModule);
