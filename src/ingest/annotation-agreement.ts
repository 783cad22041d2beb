/**
 * How far two hand annotations of one article agree, scored by the very matching that scores the
 * extractor (evaluate-real.ts): the second annotation is turned into candidates and stands in for
 * `extract`. The figure is the ceiling an extractor can be expected to reach on the set, since
 * no rule can agree with the first annotator more often than a second careful reader does.
 */
import type { EntityKind, RelationType } from '../model/ontology.js';
import { type GoldEntity, outcomeRef, type RealArticle } from './real-set.js';
import type { CandidateEntity, CandidateRelation, Extraction } from './types.js';

function spanOf(text: string, words: string, fallback: { start: number; end: number }) {
  const at = words ? text.indexOf(words) : -1;
  return at >= 0 ? { start: at, end: at + words.length } : fallback;
}

function fieldsOf(e: GoldEntity): Record<string, unknown> {
  if (e.kind !== 'OUTCOME') return {};
  return {
    metric: e.metric ?? e.name,
    value: e.value,
    unit: e.unit,
    ...(e.qualifier !== undefined ? { qualifier: e.qualifier } : {}),
    ...(e.year !== undefined ? { year: e.year } : {}),
    ...(e.period !== undefined ? { period: e.period } : {}),
    ...(e.change !== undefined ? { change: e.change } : {}),
  };
}

/** The second annotation of `article` as the candidates `extract` would have proposed. */
export function annotationAsExtraction(
  article: Pick<RealArticle, 'slug' | 'text'>,
  second: Pick<RealArticle, 'entities' | 'relations'>,
): Extraction {
  const idOf = new Map<string, string>();
  const entities: CandidateEntity[] = second.entities.map((e, i) => {
    const id = `second/${i}`;
    idOf.set(e.kind === 'OUTCOME' ? outcomeRef(e) : e.name, id);
    const quote = spanOf(article.text, e.quote, { start: 0, end: 0 });
    // The name's own words where the text has them, as an extractor's mention would be.
    const mention = e.kind === 'OUTCOME' ? quote : spanOf(article.text, e.name, quote);
    return {
      id,
      kind: e.kind as EntityKind,
      name: e.name,
      mention: { text: article.text.slice(mention.start, mention.end), ...mention },
      aliases: [],
      evidence: [{ quote: e.quote, ...quote }],
      fields: fieldsOf(e),
      confidence: 1,
      rule: 'second-annotator',
    };
  });
  const relations: CandidateRelation[] = second.relations.flatMap((r) => {
    const source = idOf.get(r.source);
    const target = idOf.get(r.target);
    if (source === undefined || target === undefined) return [];
    const quote = spanOf(article.text, r.quote, { start: 0, end: 0 });
    return [
      {
        id: `rel/${source}-${r.type}->${target}`,
        type: r.type as RelationType,
        source,
        target,
        evidence: [{ quote: r.quote, ...quote }],
        confidence: 1,
        rule: 'second-annotator',
      },
    ];
  });
  return { documentId: article.slug, entities, relations };
}
