/** Plain-text tables for the terminal and for README sections. */
import type { Snapshot } from '../graph/snapshot.js';
import {
  ASSERTION_NAMES,
  ASSERTIONS,
  ENTITY_KIND_NAMES,
  ENTITY_KINDS,
  EVIDENCE_CONTEXT_NAMES,
  EVIDENCE_CONTEXTS,
  RELATION_TYPE_NAMES,
  relationSpec,
} from '../model/ontology.js';

export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function statsTables(snapshot: Snapshot): string {
  const { kinds, relations } = snapshot.counts();
  const kindRows = ENTITY_KIND_NAMES.map((k) => [k, kinds[k] ?? 0] as const);
  const relRows = RELATION_TYPE_NAMES.map((r) => [r, relations[r] ?? 0] as const);
  const docRows = snapshot
    .documents()
    .map((d) => [d.id, d.published?.text ?? '—', snapshot.entitiesMentionedIn(d.id).length] as const);
  const total = (rows: readonly (readonly [string, number])[]) => rows.reduce((s, [, n]) => s + n, 0);
  return [
    markdownTable(['kind', 'entities'], [...kindRows, ['**total**', total(kindRows)]]),
    '',
    markdownTable(['relation type', 'relations'], [...relRows, ['**total**', total(relRows)]]),
    '',
    // /health and these tables count every relation; a drawing shows fewer, which looked like a loss.
    `Layouts, exports and the explorer draw ${total(relRows) - (relations.MENTIONS ?? 0)} of these ${total(relRows)} relations: they leave out MENTIONS, which joins entities to the source documents quoting them, and the source documents.`,
    '',
    markdownTable(['document', 'published', 'entities with evidence in it'], docRows),
  ].join('\n');
}

/** The ontology as Markdown, for the README (a test keeps the two in step). */
export function ontologyTable(): string {
  const kinds = markdownTable(
    ['kind', 'GraphQL type', 'id prefix', 'what it is'],
    ENTITY_KIND_NAMES.map((k) => [
      `\`${k}\``,
      ENTITY_KINDS[k].typeName,
      `\`${ENTITY_KINDS[k].prefix}/\``,
      ENTITY_KINDS[k].description,
    ]),
  );
  const relations = markdownTable(
    ['relation', 'from', 'to', 'in outcome chains', 'meaning'],
    RELATION_TYPE_NAMES.map((r) => {
      const spec = relationSpec(r);
      const kinds = (ks: readonly string[]) => (ks.length === ENTITY_KIND_NAMES.length ? 'any kind' : ks.join(' \\| '));
      const chain = spec.chain === 'forward' ? 'source → target' : spec.chain === 'backward' ? 'target → source' : '—';
      const meaning = spec.derived ? `${spec.description} Derived, not curated.` : spec.description;
      return [`\`${r}\``, kinds(spec.from), spec.sameKind ? 'same kind' : kinds(spec.to), chain, meaning];
    }),
  );
  const assertions = markdownTable(
    ['assertion (required on every relation)', 'meaning'],
    ASSERTION_NAMES.map((a) => [`\`${a}\``, ASSERTIONS[a]]),
  );
  const contexts = markdownTable(
    ['evidence context', 'meaning'],
    EVIDENCE_CONTEXT_NAMES.map((c) => [`\`${c}\``, EVIDENCE_CONTEXTS[c]]),
  );
  return `${kinds}\n\n${relations}\n\n${assertions}\n\n${contexts}`;
}
