/**
 * The real-article development set (tests/fixtures/ingest/real/, format in its SPLIT.md and the
 * annotation guide): each article is `<slug>.txt` with `<slug>.yaml` holding its source,
 * publication date and hand annotations. The split is computed from the rule, never stored:
 * `dev` when the first hex digit of sha256(source) is 0-7, `test` otherwise. Only the YAML's
 * `source` is read to decide the split; an article's text and annotations are read only when
 * its split is asked for.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type PartialDate, parsePartialDate } from '../model/dates.js';
import { BadInputError } from '../model/errors.js';

export type Split = 'dev' | 'test';

/** The fixed rule of SPLIT.md. */
export function splitOf(source: string): Split {
  const first = createHash('sha256').update(source, 'utf8').digest('hex').charAt(0);
  return parseInt(first, 16) <= 7 ? 'dev' : 'test';
}

export interface GoldTime {
  readonly year?: string;
  readonly period?: { readonly start?: string; readonly end?: string };
}

export interface GoldEntity extends GoldTime {
  readonly kind: string;
  readonly name: string;
  readonly quote: string;
  readonly metric?: string;
  readonly value?: number;
  readonly unit?: string;
  readonly qualifier?: string;
  readonly change?: { readonly kind?: string; readonly direction?: string; readonly baseline?: string };
  readonly launched?: string;
  readonly launchedBy?: string;
}

export interface GoldRelation {
  readonly type: string;
  readonly source: string;
  readonly target: string;
  readonly quote: string;
}

export interface RealArticle {
  readonly slug: string;
  readonly source: string;
  readonly published?: PartialDate;
  readonly text: string;
  readonly entities: readonly GoldEntity[];
  readonly relations: readonly GoldRelation[];
}

/** `source:` of a YAML file, read without parsing the rest of it. */
function sourceOf(yamlText: string): string | undefined {
  const line = /^source:[ \t]*(.*)$/m.exec(yamlText)?.[1]?.trim();
  if (!line) return undefined;
  // Quoted or plain scalar: let the YAML parser decode just that line.
  const value = (parse(`source: ${line}`) as { source?: unknown })?.source;
  return typeof value === 'string' ? value : undefined;
}

const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'string' ? v : String(v);

/** How an outcome is named in relations: "<metric> (<value>)". */
export function outcomeRef(e: GoldEntity): string {
  return `${e.metric ?? e.name} (${e.value})`;
}

function goldEntity(raw: Record<string, unknown>): GoldEntity {
  const kind = String(raw.kind ?? '');
  const period = raw.period as { start?: unknown; end?: unknown; year?: unknown } | undefined;
  // `period: { year: 2016 }` is written for a year as often as `year: 2016`.
  const year = raw.year ?? period?.year;
  const change = raw.change as Record<string, unknown> | undefined;
  const value = raw.value === undefined ? undefined : Number(raw.value);
  const metric = str(raw.metric);
  return {
    kind,
    name: str(raw.name) ?? (metric ? `${metric} (${value})` : ''),
    quote: str(raw.quote) ?? '',
    ...(metric !== undefined ? { metric } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(raw.unit !== undefined ? { unit: str(raw.unit) } : {}),
    ...(raw.qualifier !== undefined ? { qualifier: str(raw.qualifier) } : {}),
    ...(year !== undefined ? { year: str(year) } : {}),
    ...(period && (period.start !== undefined || period.end !== undefined)
      ? {
          period: {
            ...(period.start !== undefined ? { start: str(period.start) } : {}),
            ...(period.end !== undefined ? { end: str(period.end) } : {}),
          },
        }
      : {}),
    ...(change
      ? { change: { kind: str(change.kind), direction: str(change.direction), baseline: str(change.baseline) } }
      : {}),
    ...(raw.launched !== undefined ? { launched: str(raw.launched) } : {}),
    ...(raw.launchedBy !== undefined ? { launchedBy: str(raw.launchedBy) } : {}),
  };
}

/** Slugs of the articles in `dir` that fall in `split`, sorted. Reads only each YAML's `source`. */
export function articlesInSplit(dir: string, split: Split): string[] {
  if (!existsSync(dir)) throw new BadInputError(`no real-article directory at ${dir}`);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .flatMap((n) => {
      const source = sourceOf(readFileSync(join(dir, n), 'utf8'));
      return source !== undefined && splitOf(source) === split ? [n.slice(0, -'.yaml'.length)] : [];
    });
}

/** One article, text and annotations; refuses an article of the other split. */
export function loadArticle(dir: string, slug: string, split: Split): RealArticle {
  const yamlText = readFileSync(join(dir, `${slug}.yaml`), 'utf8');
  const source = sourceOf(yamlText);
  if (source === undefined || splitOf(source) !== split) {
    throw new BadInputError(`${slug} is not in the ${split} split`);
  }
  const raw = (parse(yamlText) ?? {}) as Record<string, unknown>;
  const published = str(raw.published);
  return {
    slug,
    source,
    ...(published && parsePartialDate(published) ? { published: parsePartialDate(published) ?? undefined } : {}),
    text: readFileSync(join(dir, `${slug}.txt`), 'utf8'),
    ...annotations(raw),
  };
}

function annotations(raw: Record<string, unknown>): Pick<RealArticle, 'entities' | 'relations'> {
  return {
    entities: ((raw.entities ?? []) as Record<string, unknown>[]).map(goldEntity),
    relations: ((raw.relations ?? []) as Record<string, unknown>[]).map((r) => ({
      type: String(r.type ?? ''),
      source: String(r.source ?? ''),
      target: String(r.target ?? ''),
      quote: String(r.quote ?? ''),
    })),
  };
}

/**
 * A second, independent annotation of an article of the set (`<dir>/<slug>.yaml`, same format,
 * no text of its own), or undefined when there is none.
 */
export function loadSecondAnnotation(
  dir: string,
  slug: string,
): Pick<RealArticle, 'entities' | 'relations'> | undefined {
  const path = join(dir, `${slug}.yaml`);
  if (!existsSync(path)) return undefined;
  return annotations((parse(readFileSync(path, 'utf8')) ?? {}) as Record<string, unknown>);
}
