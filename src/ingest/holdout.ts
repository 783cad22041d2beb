/**
 * Copies of graph-data to check against without touching the real one: a plain copy, or a
 * copy "as if a document had never been curated" (its knowledge file gone, every quote from
 * it dropped, entities left without evidence dropped with their relations). The held-out copy
 * serves both the leave-one-out evaluation and idempotent re-ingesting.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse, stringify } from 'yaml';

type Item = Record<string, unknown> & { id?: string; evidence?: Record<string, unknown>[] };
interface KnowledgeFile {
  document?: string;
  entities?: Item[];
  extends?: Item[];
  relations?: Item[];
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `reform-graph-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A full copy of graph-data in a new temp directory. */
export function copyData(dataDir: string): string {
  const dest = tempDir('data');
  cpSync(dataDir, dest, { recursive: true });
  return dest;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** A copy of graph-data without anything curated from `documentId`. */
export function copyWithout(dataDir: string, documentId: string): string {
  return copyWithoutDocuments(dataDir, [documentId]);
}

/**
 * The five documents the graph was first curated from (the corpus of /work/shared/corpus).
 * Evaluating the real-article set against a graph of only these keeps the figures from being
 * inflated by the curation of the evaluated articles themselves.
 */
export const FIRST_FIVE_DOCUMENTS: readonly string[] = [
  'demonstration-city-2023-05-20',
  'guangming-2022-07-26-safe-china',
  'improve-public-security-system',
  'pps-daily-2024-reform-innovation',
  'qiushi-2009-maintain-stability',
];

/** A copy of graph-data keeping only what was curated from `keep` (see `copyWithoutDocuments`). */
export function copyKeepingOnly(dataDir: string, keep: readonly string[]): string {
  const ids = readdirSync(join(dataDir, 'documents'))
    .filter((n) => /\.ya?ml$/.test(n))
    .map((n) => String((parse(readFileSync(join(dataDir, 'documents', n), 'utf8')) as { id?: unknown })?.id ?? ''))
    .filter((id) => id !== '' && !keep.includes(id));
  return copyWithoutDocuments(dataDir, ids);
}

/** A copy of graph-data without anything curated from any of `documentIds`. */
export function copyWithoutDocuments(dataDir: string, documentIds: readonly string[]): string {
  const dest = tempDir('holdout');
  const held = new Set(documentIds);
  cpSync(dataDir, dest, { recursive: true, filter: (src) => !relative(dataDir, src).startsWith('knowledge') });
  const files = new Map<string, KnowledgeFile>();
  const knowledge = join(dataDir, 'knowledge');
  for (const abs of yamlFiles(knowledge)) {
    const rel = relative(knowledge, abs);
    // The document's own file is processed too: its entities that other files extend survive,
    // borrowing those files' quotes; the rest go.
    files.set(rel, (parse(readFileSync(abs, 'utf8')) ?? {}) as KnowledgeFile);
  }
  const keep = (file: KnowledgeFile) => (ev: Record<string, unknown>) =>
    !held.has(String(ev.document ?? file.document));
  for (const file of files.values()) {
    for (const list of [file.entities, file.extends, file.relations]) {
      for (const item of list ?? []) item.evidence = (item.evidence ?? []).filter(keep(file));
    }
    file.extends = (file.extends ?? []).filter((x) => (x.evidence ?? []).length > 0);
    file.relations = (file.relations ?? []).filter((x) => (x.evidence ?? []).length > 0);
  }
  // An entity whose own quotes were all from the held-out document borrows another file's.
  const dropped = new Set<string>();
  for (const file of files.values()) {
    file.entities = (file.entities ?? []).filter((e) => {
      if ((e.evidence ?? []).length > 0) return true;
      for (const other of files.values()) {
        const ext = (other.extends ?? []).find((x) => x.id === e.id);
        if (!ext) continue;
        e.evidence = (ext.evidence ?? []).map((ev) => ({ ...ev, document: ev.document ?? other.document }));
        other.extends = (other.extends ?? []).filter((x) => x !== ext);
        return true;
      }
      dropped.add(String(e.id));
      return false;
    });
  }
  for (const file of files.values()) {
    file.extends = (file.extends ?? []).filter((x) => !dropped.has(String(x.id)));
    file.relations = (file.relations ?? []).filter(
      (r) => !dropped.has(String(r.source)) && !dropped.has(String(r.target)),
    );
  }
  for (const [rel, file] of files) {
    mkdirSync(dirname(join(dest, 'knowledge', rel)), { recursive: true });
    writeFileSync(join(dest, 'knowledge', rel), stringify(file, { lineWidth: 0, aliasDuplicateObjects: false }));
  }
  return dest;
}
