/**
 * What a reload can lose at most, from the parses alone (issue 20, item 3): the watching
 * server's loss guard holds back a reload that removes too much of one file, and counting
 * that on the live snapshot means decoding every live record on the thread that answers
 * requests (600k at 100k entities). A file whose parse is the live data's own object lost
 * nothing; for a changed file, the records its live parse had that its parse now lacks are
 * an upper bound of what it loses (one moved to another file is not lost, but counted). When
 * no bound reaches the guard, no tally is needed.
 */
import type { RelationInput } from '../model/data-schema.js';
import type { ParsedKnowledgeFile } from './load.js';
import type { FileLossBound } from './load-protocol.js';

/** A relation's id as the loader gives it (Loader.buildRelations). */
const relationKey = (r: RelationInput) => `rel/${r.id ?? `${r.source}-${r.type}->${r.target}`}`;

/** Per knowledge file of `live` whose parse is not the same object in `now`, its FileLossBound. */
export function lossBounds(
  live: ReadonlyMap<string, ParsedKnowledgeFile>,
  now: ReadonlyMap<string, ParsedKnowledgeFile>,
): FileLossBound[] {
  const out: FileLossBound[] = [];
  for (const [path, before] of live) {
    const after = now.get(path);
    if (after === before) continue;
    const entities = new Set(after?.entities.map((e) => e.input.id));
    const relations = new Set(after?.relations.map((r) => relationKey(r.input)));
    out.push({
      file: path,
      entities: {
        removed: before.entities.filter((e) => !entities.has(e.input.id)).length,
        of: before.entities.length,
      },
      relations: {
        removed: before.relations.filter((r) => !relations.has(relationKey(r.input))).length,
        of: before.relations.length,
      },
    });
  }
  return out;
}
