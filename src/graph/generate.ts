/**
 * A synthetic graph-data corpus for scale tests: documents whose sentences state the facts,
 * and knowledge files that quote those sentences, so the real loader and validator run on it
 * unchanged. Written one document at a time (text, manifest, knowledge file), so a million
 * entities never sit in memory: only the endpoint pools and the relation dedup set do.
 *
 * Deterministic for a seed: one mulberry32 stream drives every choice and nothing reads the
 * clock, so the same seed gives byte-identical files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CAMPAIGN_TYPES,
  CURATED_RELATION_TYPES,
  ENTITY_KIND_NAMES,
  ENTITY_KINDS,
  type EntityKind,
  ORGAN_LEVELS,
  ontologyViolation,
  QUALIFIERS,
  RELATION_TYPES,
  type RelationType,
  SESSION_TYPES,
} from '../model/ontology.js';
import { mulberry32 } from '../model/prng.js';

/**
 * Entity counts per kind and relation counts per type in the bundled graph-data, counted with
 * the loader (`reform-graph validate`). The generator keeps these proportions; only the number
 * of relations per entity is raised, to the ~5 the scale target asks for.
 */
export const BUNDLED_KIND_COUNTS: Readonly<Record<EntityKind, number>> = {
  ORGAN: 47,
  PLENARY_SESSION: 16,
  REFORM: 112,
  CAMPAIGN: 6,
  OUTCOME: 41,
  PERSON: 8,
  LAW: 4,
  DOCUMENT: 4,
};
export const BUNDLED_RELATION_COUNTS: Readonly<Partial<Record<RelationType, number>>> = {
  PART_OF: 124,
  PROPOSED: 59,
  PARTICIPATED_IN: 47,
  PRODUCED: 45,
  REPORTED: 44,
  IMPLEMENTS: 29,
  LAUNCHED: 13,
  HELD: 13,
  MEMBER_OF: 9,
  ISSUED: 9,
  LEADS: 7,
  SPOKE_AT: 7,
  ENACTED: 4,
  FOLLOWS: 3,
};

export interface GenerateProgress {
  readonly entities: number;
  readonly totalEntities: number;
  readonly relations: number;
  readonly documents: number;
}

export interface GenerateOptions {
  readonly entities: number;
  readonly out: string;
  readonly seed?: number;
  /** Relations per entity (default 5). */
  readonly relationsPerEntity?: number;
  /** Entities introduced per document (default 20: ~11 kB texts, like the bundled ones). */
  readonly entitiesPerDocument?: number;
  readonly onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateSummary {
  readonly entities: number;
  readonly relations: number;
  readonly documents: number;
  readonly kinds: Record<EntityKind, number>;
  readonly relationTypes: Record<string, number>;
}

/** Documents per sub-folder, so no directory holds tens of thousands of files. */
const SHARD = 500;

export function generateCorpus(options: GenerateOptions): GenerateSummary {
  const { entities: total, out, seed = 1, relationsPerEntity = 5, entitiesPerDocument = 20 } = options;
  if (!Number.isInteger(total) || total < ENTITY_KIND_NAMES.length) {
    throw new Error(`entities must be an integer of at least ${ENTITY_KIND_NAMES.length}, got ${total}`);
  }
  rmSync(out, { recursive: true, force: true });
  const gen = new CorpusGenerator(total, seed, relationsPerEntity);
  const documents = Math.ceil(total / entitiesPerDocument);
  for (let d = 0; d < documents; d++) {
    const first = d * entitiesPerDocument;
    const last = Math.min(total, first + entitiesPerDocument);
    const doc = gen.document(d, first, last);
    writeDocument(out, d, doc, seed);
    options.onProgress?.({ entities: last, totalEntities: total, relations: gen.relationCount, documents: d + 1 });
  }
  return {
    entities: total,
    relations: gen.relationCount,
    documents,
    kinds: gen.kindCounts,
    relationTypes: gen.typeCounts,
  };
}

// ---------------------------------------------------------------------------------------------
// Kinds, names and sentences: all pure functions of (seed, entity index), so a relation can
// name an entity from an earlier document without the generator keeping its record.

const GOLDEN = 0.6180339887498949;

/** Kind of entity i: a golden-ratio sequence through the kinds' cumulative shares, so the
 * proportions are exact to within one and the kinds are well mixed along the index. */
function kindCdf(): { kind: EntityKind; upTo: number }[] {
  const sum = ENTITY_KIND_NAMES.reduce((s, k) => s + BUNDLED_KIND_COUNTS[k], 0);
  let acc = 0;
  return ENTITY_KIND_NAMES.map((kind) => {
    acc += BUNDLED_KIND_COUNTS[kind] / sum;
    return { kind, upTo: acc };
  });
}
const KIND_CDF = kindCdf();

export function kindOf(i: number, seed: number): EntityKind {
  const u = ((((i + 1) * GOLDEN + seed * 0.1234567) % 1) + 1) % 1;
  for (const { kind, upTo } of KIND_CDF) if (u < upTo) return kind;
  return 'DOCUMENT';
}

const INITIALS = ['b', 'ch', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 's', 'sh', 't', 'w', 'x', 'y', 'z'];
const FINALS = ['a', 'ai', 'an', 'ang', 'ao', 'e', 'ei', 'en', 'eng', 'i', 'in', 'ing', 'o', 'ong', 'u', 'un'];
const SYLLABLES = INITIALS.flatMap((i) => FINALS.map((f) => i + f));

/**
 * A unique two-word place name for entity i. Every syllable starts with a consonant and every
 * final with a vowel, so a word splits into syllables one way only; the index is scrambled by
 * an odd multiplier (a bijection mod 2^32) so neighbouring entities do not share a first word.
 */
function placeName(i: number, seed: number): string {
  const n = SYLLABLES.length;
  let x = (Math.imul(i + 1, 0x9e3779b1) ^ seed) >>> 0;
  const parts: string[] = [];
  for (let k = 0; k < 4; k++) {
    parts.push(SYLLABLES[x % n] as string);
    x = Math.floor(x / n);
  }
  // 320^4 > 2^32, so the four syllables encode x completely and names never collide.
  const word = (a: string, b: string) => a.charAt(0).toUpperCase() + a.slice(1) + b;
  return `${word(parts[0] as string, parts[1] as string)} ${word(parts[2] as string, parts[3] as string)}`;
}

const KIND_NAME: Record<EntityKind, (place: string) => string> = {
  ORGAN: (p) => `${p} Public Security Bureau`,
  PLENARY_SESSION: (p) => `${p} Work Conference`,
  REFORM: (p) => `${p} Policing Reform`,
  CAMPAIGN: (p) => `${p} Special Campaign`,
  OUTCOME: (p) => `Cases Solved in ${p}`,
  PERSON: (p) => p,
  LAW: (p) => `${p} Public Security Regulations`,
  DOCUMENT: (p) => `Notice on ${p} Prevention and Control`,
};

export function entityName(i: number, seed: number): string {
  return KIND_NAME[kindOf(i, seed)](placeName(i, seed));
}

export function entityId(i: number, seed: number): string {
  const kind = kindOf(i, seed);
  return `${ENTITY_KINDS[kind].prefix}/${entityName(i, seed).toLowerCase().replace(/\s+/g, '-')}`;
}

const VERB: Record<string, string> = {
  LAUNCHED: 'launched',
  HELD: 'convened',
  PROPOSED: 'put forward',
  PROMOTED: 'pushed forward',
  CONTRIBUTED_TO_DRAFTING: 'helped draft',
  HEADS: 'heads',
  BUILT: 'built',
  RELIES_ON: 'relies on',
  ISSUED: 'issued',
  ENACTED: 'adopted',
  IMPLEMENTS: 'carries out',
  PRODUCED: 'produced the result recorded as',
  PARTICIPATED_IN: 'took part in',
  LEADS: 'leads',
  PART_OF: 'is a part of',
  MEMBER_OF: 'serves in',
  REPORTED: 'reported',
  SPOKE_AT: 'spoke at',
  FOLLOWS: 'followed',
};

// ---------------------------------------------------------------------------------------------
// The generator: endpoint pools for preferential attachment, and the per-document output.

/** A growable Int32Array: the pools reach ~11M entries at 1M entities, too many for a JS array. */
class IntList {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i] as number;
  }
}

interface GeneratedDocument {
  readonly text: string;
  readonly knowledge: string;
  readonly published: string;
}

interface Weighted<T> {
  readonly value: T;
  readonly weight: number;
}

class CorpusGenerator {
  private readonly random: () => number;
  /**
   * Per kind, every entity once plus once more each time it became an endpoint: a uniform
   * pick from the pool is a pick proportional to degree + 1 (Barabási–Albert), which gives
   * the heavy-tailed degrees of real curated graphs, where a few organs are everywhere.
   */
  private readonly pools = new Map<EntityKind, IntList>(ENTITY_KIND_NAMES.map((k) => [k, new IntList()]));
  /** (source, target, type) as one number: the default relation id must be unique. */
  private readonly seen = new Set<number>();
  private readonly types: Weighted<RelationType>[];
  relationCount = 0;
  readonly kindCounts = Object.fromEntries(ENTITY_KIND_NAMES.map((k) => [k, 0])) as Record<EntityKind, number>;
  readonly typeCounts: Record<string, number> = {};

  constructor(
    private readonly total: number,
    private readonly seed: number,
    private readonly relationsPerEntity: number,
  ) {
    this.random = mulberry32(seed);
    this.types = CURATED_RELATION_TYPES.map((t) => ({ value: t, weight: BUNDLED_RELATION_COUNTS[t] ?? 0 })).filter(
      (t) => t.weight > 0,
    );
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  private weighted<T>(items: readonly Weighted<T>[]): T | undefined {
    const sum = items.reduce((s, x) => s + x.weight, 0);
    if (sum <= 0) return undefined;
    let r = this.random() * sum;
    for (const x of items) {
      r -= x.weight;
      if (r < 0) return x.value;
    }
    return items[items.length - 1]?.value;
  }

  document(d: number, first: number, last: number): GeneratedDocument {
    const year = 2012 + (d % 12);
    const published = `${year}-${String(1 + (d % 12)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`;
    const sentences: string[] = [];
    const entityYaml: string[] = [];
    const relationYaml: string[] = [];
    for (let i = first; i < last; i++) {
      const { sentence, yaml } = this.entity(i, year);
      sentences.push(sentence);
      entityYaml.push(yaml);
      this.pools.get(kindOf(i, this.seed))?.push(i);
      // Each new entity brings its share of relations, stated in the same document.
      const count = this.relationsFor(i);
      for (let r = 0; r < count; r++) {
        const rel = this.relation(year);
        if (!rel) continue;
        sentences.push(rel.sentence);
        relationYaml.push(rel.yaml);
      }
    }
    const text = `${sentences.map((s) => `${s}.`).join(' ')}\n`;
    const knowledge = [
      `# Synthetic knowledge for gen-${docNumber(d)} (seed ${this.seed}).`,
      `document: gen-${docNumber(d)}`,
      'entities:',
      ...entityYaml,
      ...(relationYaml.length > 0 ? ['relations:', ...relationYaml] : []),
      '',
    ].join('\n');
    return { text, knowledge, published };
  }

  /** Relations per entity as a whole number per entity, averaging relationsPerEntity. */
  private relationsFor(i: number): number {
    const whole = Math.floor(this.relationsPerEntity);
    const before = Math.floor(i * (this.relationsPerEntity - whole));
    const after = Math.floor((i + 1) * (this.relationsPerEntity - whole));
    return whole + (after - before);
  }

  private entity(i: number, year: number): { sentence: string; yaml: string } {
    const kind = kindOf(i, this.seed);
    this.kindCounts[kind]++;
    const name = entityName(i, this.seed);
    const lines = [`  - id: ${entityId(i, this.seed)}`, `    kind: ${kind}`, `    name: ${q(name)}`];
    let sentence: string;
    switch (kind) {
      case 'ORGAN': {
        const level = this.pick(ORGAN_LEVELS);
        lines.push(`    level: ${level}`);
        sentence = `The ${name} is a public security organ at ${level.toLowerCase()} level`;
        break;
      }
      case 'PLENARY_SESSION': {
        const type = this.pick(SESSION_TYPES);
        lines.push(`    sessionType: ${type}`, `    date: "${year}"`);
        sentence = `The ${name} was held in ${year}`;
        break;
      }
      case 'CAMPAIGN': {
        lines.push(`    campaignType: ${this.pick(CAMPAIGN_TYPES)}`, `    start: "${year}"`);
        sentence = `The ${name} began in ${year}`;
        break;
      }
      case 'OUTCOME': {
        const value = 100 + this.int(99_900);
        const qualifier = this.pick(QUALIFIERS);
        const figure = `${QUALIFIER_WORDS[qualifier]}${withCommas(value)}`;
        lines.push(
          '    metric: cases-solved',
          `    value: ${value}`,
          '    unit: cases',
          `    qualifier: ${qualifier}`,
          `    figure: ${q(figure)}`,
          `    year: "${year}"`,
        );
        sentence = `In ${year}, the count of ${name} stood at ${figure} cases`;
        break;
      }
      case 'PERSON':
        lines.push('    position: director');
        sentence = `${name} served as director`;
        break;
      default:
        sentence = `The ${name} was adopted as a ${kind.toLowerCase()} in ${year}`;
    }
    lines.push('    evidence:', `      - quote: ${q(sentence)}`);
    return { sentence, yaml: lines.join('\n') };
  }

  /** An endpoint of one of `kinds`, proportional to degree + 1 across all their pools. */
  private endpoint(kinds: readonly EntityKind[]): number | undefined {
    const kind = this.weighted(kinds.map((k) => ({ value: k, weight: this.pools.get(k)?.length ?? 0 })));
    const pool = kind && this.pools.get(kind);
    return pool ? pool.at(this.int(pool.length)) : undefined;
  }

  private relation(year: number): { sentence: string; yaml: string } | undefined {
    // A few tries: early on some kinds have no entity yet, and a pick may repeat a relation.
    for (let attempt = 0; attempt < 20; attempt++) {
      const type = this.weighted(this.types);
      if (!type) return undefined;
      const spec = RELATION_TYPES[type];
      const source = this.endpoint(spec.from as readonly EntityKind[]);
      if (source === undefined) continue;
      const sourceKind = kindOf(source, this.seed);
      const targetKinds = 'sameKind' in spec && spec.sameKind ? [sourceKind] : (spec.to as readonly EntityKind[]);
      const target = this.endpoint(targetKinds);
      if (target === undefined || target === source) continue;
      const targetKind = kindOf(target, this.seed);
      if (ontologyViolation(type, sourceKind, targetKind)) continue;
      const key = (source * this.total + target) * 32 + CURATED_RELATION_TYPES.indexOf(type);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.pools.get(sourceKind)?.push(source);
      this.pools.get(targetKind)?.push(target);
      this.relationCount++;
      this.typeCounts[type] = (this.typeCounts[type] ?? 0) + 1;
      const sentence = `${sentenceName(source, this.seed)} ${VERB[type]} ${sentenceName(target, this.seed, true)}`;
      const lines = [
        `  - type: ${type}`,
        `    source: ${entityId(source, this.seed)}`,
        `    target: ${entityId(target, this.seed)}`,
        // The generated sentence says the link in so many words.
        '    assertion: STATED',
      ];
      if (this.random() < 0.2) lines.push(`    date: "${year}"`);
      lines.push('    evidence:', `      - quote: ${q(sentence)}`);
      return { sentence, yaml: lines.join('\n') };
    }
    return undefined;
  }
}

const QUALIFIER_WORDS: Record<(typeof QUALIFIERS)[number], string> = {
  EXACT: '',
  A_TOTAL_OF: 'a total of ',
  MORE_THAN: 'more than ',
  NEARLY: 'nearly ',
  ABOUT: 'about ',
  AVERAGE: 'an average of ',
  AT_LEAST: 'at least ',
  LESS_THAN: 'less than ',
};

/** Names as a sentence uses them: "the X Bureau", but people and outcomes without "the". */
function sentenceName(i: number, seed: number, object = false): string {
  const kind = kindOf(i, seed);
  const name = entityName(i, seed);
  if (kind === 'PERSON' || kind === 'OUTCOME') return name;
  return `${object ? 'the' : 'The'} ${name}`;
}

/** 12,345: written by hand so the text does not depend on the ICU build. */
const withCommas = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A YAML scalar: JSON strings are valid YAML double-quoted scalars. */
const q = (s: string) => JSON.stringify(s);

const docNumber = (d: number) => String(d + 1).padStart(7, '0');

function writeDocument(out: string, d: number, doc: GeneratedDocument, seed: number): void {
  const shard = String(Math.floor(d / SHARD)).padStart(4, '0');
  const id = `gen-${docNumber(d)}`;
  const docDir = join(out, 'documents', shard);
  const knowledgeDir = join(out, 'knowledge', shard);
  if (d % SHARD === 0) {
    mkdirSync(docDir, { recursive: true });
    mkdirSync(knowledgeDir, { recursive: true });
  }
  writeFileSync(join(docDir, `${id}.txt`), doc.text);
  writeFileSync(
    join(docDir, `${id}.yaml`),
    [
      `id: ${id}`,
      `file: ${id}.txt`,
      `title: ${q(`Synthetic report ${d + 1}`)}`,
      `published: "${doc.published}"`,
      `origin: ${q(`Synthetic corpus generated by reform-graph generate with seed ${seed}`)}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(knowledgeDir, `${id}.yaml`), doc.knowledge);
}
