/**
 * `extract(text, published)`: what ingest would propose for a text, against the served
 * snapshot, without writing anything. Text is limited in size and the field is costed.
 */
import { extract } from '../ingest/extract.js';
import { checkProse } from '../ingest/input.js';
import type { CandidateEntity, CandidateEvidence, CandidateRelation, Extraction } from '../ingest/types.js';
import { parsePartialDate } from '../model/dates.js';
import { BadInputError, LimitExceededError } from '../model/errors.js';
import { builder } from './builder.js';
import { EntityKindEnum, QualifierEnum, RelationTypeEnum } from './enums.js';

export const MAX_EXTRACT_CHARS = 200_000;

const CandidateEvidenceRef = builder.objectRef<CandidateEvidence>('CandidateEvidence').implement({
  description: 'A verbatim quote of the submitted text with its UTF-16 offsets.',
  fields: (t) => ({
    quote: t.exposeString('quote'),
    start: t.exposeInt('start'),
    end: t.exposeInt('end'),
  }),
});

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

const CandidateEntityRef = builder.objectRef<CandidateEntity>('CandidateEntity').implement({
  description: 'A proposed entity, or a mention linked to an entity the graph already holds.',
  fields: (t) => ({
    id: t.exposeString('id'),
    kind: t.field({ type: EntityKindEnum, resolve: (e) => e.kind }),
    name: t.exposeString('name'),
    mention: t.string({ resolve: (e) => e.mention.text, description: 'The words of the text that name it.' }),
    start: t.int({ resolve: (e) => e.mention.start }),
    end: t.int({ resolve: (e) => e.mention.end }),
    linkedTo: t.string({ nullable: true, resolve: (e) => e.linkedTo ?? null }),
    confidence: t.exposeFloat('confidence'),
    rule: t.exposeString('rule'),
    evidence: t.field({ type: [CandidateEvidenceRef], resolve: (e) => [...e.evidence] }),
    value: t.float({ nullable: true, resolve: (e) => num(e.fields.value) }),
    unit: t.string({ nullable: true, resolve: (e) => str(e.fields.unit) }),
    qualifier: t.field({
      type: QualifierEnum,
      nullable: true,
      resolve: (e) => str(e.fields.qualifier) as CandidateQualifier | null,
    }),
    figure: t.string({ nullable: true, resolve: (e) => str(e.fields.figure) }),
    year: t.string({
      nullable: true,
      description: 'The year, or the end of the period, the figure describes.',
      resolve: (e) => str(e.fields.year) ?? str((e.fields.period as { end?: unknown } | undefined)?.end),
    }),
    position: t.string({ nullable: true, resolve: (e) => str(e.fields.position) }),
  }),
});
type CandidateQualifier =
  | 'EXACT'
  | 'A_TOTAL_OF'
  | 'MORE_THAN'
  | 'NEARLY'
  | 'ABOUT'
  | 'AVERAGE'
  | 'AT_LEAST'
  | 'LESS_THAN';

const CandidateRelationRef = builder.objectRef<CandidateRelation>('CandidateRelation').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    type: t.field({ type: RelationTypeEnum, resolve: (r) => r.type }),
    source: t.exposeString('source'),
    target: t.exposeString('target'),
    role: t.string({ nullable: true, resolve: (r) => r.role ?? null }),
    confidence: t.exposeFloat('confidence'),
    rule: t.exposeString('rule'),
    evidence: t.field({ type: [CandidateEvidenceRef], resolve: (r) => [...r.evidence] }),
  }),
});

const ExtractionRef = builder.objectRef<Extraction>('Extraction').implement({
  description: 'Candidates found in a text; nothing is stored.',
  fields: (t) => ({
    entities: t.field({ type: [CandidateEntityRef], resolve: (x) => x.entities.filter((e) => e.kind !== 'OUTCOME') }),
    outcomes: t.field({ type: [CandidateEntityRef], resolve: (x) => x.entities.filter((e) => e.kind === 'OUTCOME') }),
    relations: t.field({ type: [CandidateRelationRef], resolve: (x) => [...x.relations] }),
  }),
});

builder.queryFields((t) => ({
  extract: t.field({
    type: ExtractionRef,
    nullable: true,
    description: `Proposes entities, outcomes and relations for a text (at most ${MAX_EXTRACT_CHARS} characters, and within the request body limit, 100 kB by default), linked to the graph; writes nothing. Extraction is cheap (a 20 kB article takes tens of ms) but every call reads the whole text.`,
    args: {
      text: t.arg.string({ required: true }),
      published: t.arg.string({ description: 'YYYY, YYYY-MM or YYYY-MM-DD: resolves "last year", "as of now".' }),
    },
    // Extraction reads the whole text: priced like a large page of results.
    complexity: { field: 500, multiplier: 1 },
    resolve: (_r, args, { snapshot }) => {
      if (args.text.length > MAX_EXTRACT_CHARS) {
        throw new LimitExceededError(
          'textLength',
          MAX_EXTRACT_CHARS,
          `text may be at most ${MAX_EXTRACT_CHARS} characters`,
        );
      }
      const published = args.published ? parsePartialDate(args.published) : undefined;
      if (published === null)
        throw new BadInputError(`published "${args.published}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
      checkProse(args.text, 'text');
      return extract(snapshot, args.text, { documentId: 'submitted-text', published });
    },
  }),
}));
