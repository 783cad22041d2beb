/**
 * The shape of the YAML files in graph-data/, as zod schemas. Cross-file rules (ids,
 * references, the ontology, quotes) are checked by the loader; these check each file alone.
 */
import { z } from 'zod';
import { parsePartialDate } from './dates.js';
import {
  ASSERTION_NAMES,
  CAMPAIGN_TYPES,
  CURATED_RELATION_TYPES,
  DIRECTIONS,
  EVIDENCE_CONTEXT_NAMES,
  ORGAN_LEVELS,
  QUALIFIERS,
  SCOPE_LEVELS,
  SESSION_TYPES,
} from './ontology.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const partialDate = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine((v) => parsePartialDate(v) !== null, {
    message: 'must be a real date written YYYY, YYYY-MM or YYYY-MM-DD',
  });

const ID_PATTERN = /^[a-z]+\/[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
export const entityId = z
  .string()
  .regex(ID_PATTERN, 'must look like kind/lower-case-words, e.g. organ/ministry-of-public-security');

export const evidenceSchema = z.strictObject({
  /** Source document id; defaults to the file's `document`. */
  document: nonEmpty.optional(),
  quote: nonEmpty,
  /** Which occurrence to point at when the quote appears more than once (1-based). */
  occurrence: z.number().int().positive().optional(),
  /** Where the quote stands, when the document's structure does not show it (see README). */
  context: z.enum(EVIDENCE_CONTEXT_NAMES as [string, ...string[]]).optional(),
  note: nonEmpty.optional(),
});
export type EvidenceInput = z.infer<typeof evidenceSchema>;

const evidenceList = z.array(evidenceSchema).min(1, 'needs at least one evidence item');

const common = {
  id: entityId,
  name: nonEmpty,
  aliases: z.array(nonEmpty).optional(),
  /** Standard Chinese name: curator knowledge, not from the English text. */
  nameZh: nonEmpty.optional(),
  description: nonEmpty.optional(),
  note: nonEmpty.optional(),
  date: partialDate.optional(),
  start: partialDate.optional(),
  end: partialDate.optional(),
  evidence: evidenceList,
};

const numberValue = z.number().refine(Number.isFinite, 'must be a finite number');

export const outcomeFields = z.strictObject({
  ...common,
  kind: z.literal('OUTCOME'),
  /** Series key: outcomes with the same metric form one series over the years. */
  metric: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case metric key'),
  value: numberValue.optional(),
  unit: nonEmpty.optional(),
  qualifier: z.enum(QUALIFIERS).optional(),
  /** The figure exactly as the text words it, e.g. "more than 6,000". */
  figure: nonEmpty.optional(),
  year: partialDate.optional(),
  period: z.strictObject({ start: partialDate.optional(), end: partialDate.optional() }).optional(),
  baseline: z
    .strictObject({
      value: numberValue.optional(),
      year: partialDate.optional(),
      figure: nonEmpty.optional(),
    })
    .optional(),
  /** Set when the value is a change against the baseline rather than a level. */
  direction: z.enum(DIRECTIONS).optional(),
  scope: z.strictObject({ level: z.enum(SCOPE_LEVELS), place: nonEmpty.optional() }).optional(),
});

const organFields = z.strictObject({
  ...common,
  kind: z.literal('ORGAN'),
  level: z.enum(ORGAN_LEVELS).optional(),
});

const sessionFields = z.strictObject({
  ...common,
  kind: z.literal('PLENARY_SESSION'),
  sessionType: z.enum(SESSION_TYPES),
  /** The ordinal of the session itself, e.g. 3 for the Third Plenary Session. */
  ordinal: z.number().int().positive().optional(),
  /** The ordinal of the body, e.g. 18 for the 18th Central Committee. */
  bodyOrdinal: z.number().int().positive().optional(),
  /** Sessions of one series (e.g. `18th-central-committee-plenums`) are linked by FOLLOWS. */
  series: nonEmpty.optional(),
});

/**
 * How many items a package or plan says it has ("26 measures", "\"10+5+8\" reform measures"):
 * the count, and the figure as the text words it (it must occur in one of the entity's quotes).
 */
const statedCount = z.strictObject({ count: z.number().int().positive(), figure: nonEmpty });

const campaignFields = z.strictObject({
  ...common,
  statedCount: statedCount.optional(),
  kind: z.literal('CAMPAIGN'),
  campaignType: z.enum(CAMPAIGN_TYPES).optional(),
});

const personFields = z.strictObject({
  ...common,
  kind: z.literal('PERSON'),
  position: nonEmpty.optional(),
});

const plainKind = (kind: 'REFORM' | 'LAW' | 'DOCUMENT') =>
  z.strictObject({ ...common, statedCount: statedCount.optional(), kind: z.literal(kind) });

export const entitySchema = z.discriminatedUnion('kind', [
  organFields,
  sessionFields,
  plainKind('REFORM'),
  campaignFields,
  outcomeFields,
  personFields,
  plainKind('LAW'),
  plainKind('DOCUMENT'),
]);
export type EntityInput = z.infer<typeof entitySchema>;

/** Adds aliases and evidence to an entity defined in another file (e.g. by a new document). */
export const extensionSchema = z.strictObject({
  id: entityId,
  aliases: z.array(nonEmpty).optional(),
  evidence: evidenceList,
});
export type ExtensionInput = z.infer<typeof extensionSchema>;

export const relationSchema = z.strictObject({
  /** Optional explicit id (prefixed with `rel/`); by default `rel/source-TYPE->target`. */
  id: nonEmpty.optional(),
  type: z.enum(CURATED_RELATION_TYPES as [string, ...string[]]),
  source: entityId,
  target: entityId,
  /** How firmly the text backs the link: STATED, IMPLIED_BY_CONTEXT or CURATOR_INFERENCE. */
  assertion: z.enum(ASSERTION_NAMES as [string, ...string[]], {
    error: (issue) =>
      issue.input === undefined
        ? `every relation needs an assertion: one of ${ASSERTION_NAMES.join(', ')}`
        : `assertion must be one of ${ASSERTION_NAMES.join(', ')}`,
  }),
  /** The role a person holds, or how an organ took part ("jointly with …"). */
  role: nonEmpty.optional(),
  date: partialDate.optional(),
  /** Say here when the text implies the link only loosely. */
  note: nonEmpty.optional(),
  evidence: evidenceList,
});
export type RelationInput = z.infer<typeof relationSchema>;

export const knowledgeFileSchema = z.strictObject({
  /** Default document for evidence items in this file. */
  document: nonEmpty.optional(),
  entities: z.array(z.unknown()).optional(),
  extends: z.array(z.unknown()).optional(),
  relations: z.array(z.unknown()).optional(),
});

export const documentMetaSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  /** File name of the text, beside this manifest. */
  file: nonEmpty,
  title: nonEmpty,
  publisher: nonEmpty.optional(),
  author: nonEmpty.optional(),
  /** Publication date as the text states it, verbatim. */
  publishedText: nonEmpty.optional(),
  /** The same date, machine-readable, at the precision the text gives. */
  published: partialDate.optional(),
  language: nonEmpty.default('en'),
  origin: nonEmpty,
  /** The address the text was published at, when it came from the web. */
  source: z.url().optional(),
  note: nonEmpty.optional(),
});
export type DocumentMeta = z.infer<typeof documentMetaSchema>;
