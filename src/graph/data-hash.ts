/**
 * What a snapshot was built from: a content hash over exactly the files the loader reads
 * (every YAML file under documents/ and knowledge/, and the text each manifest names), so a
 * snapshot file can be checked against a data directory without parsing or validating it.
 *
 * The hash is sha256 over the sorted lines `path NUL sha256(bytes)`; paths are relative to the
 * data directory with `/` separators. The loader feeds it the very bytes it validated, so a
 * file edited while a build runs cannot be recorded with a hash of other content.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const DOCUMENTS_DIR = 'documents';
export const KNOWLEDGE_DIR = 'knowledge';

export interface DataBinding {
  /** sha256 (hex) over the files the loader read. */
  readonly hash: string;
  readonly files: number;
  readonly bytes: number;
  /**
   * Files read besides the YAML under documents/ and knowledge/ (the texts manifests name),
   * relative to the data directory: the YAML is found by listing, these only by parsing.
   */
  readonly texts: readonly string[];
}

/** Every *.yaml / *.yml under dir, depth first in name order (the loader's reading order). */
export function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  // Entries carry their type, so only symlinks cost a stat (15,000 files at 100k entities).
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory());
    if (isDir) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

const slashes = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

/** Collects the files a load reads; `binding()` gives the DataBinding of what was added. */
export class DataHasher {
  private readonly digests = new Map<string, string>();
  private readonly texts = new Set<string>();
  private bytes = 0;

  constructor(private readonly dataDir: string) {}

  /**
   * `abs` was read with these bytes; `text` marks a file found through a manifest. Returns the
   * file's digest (the loader's parse cache is keyed by it).
   */
  add(abs: string, bytes: Uint8Array, text = false): string {
    const path = slashes(relative(this.dataDir, abs));
    const known = this.digests.get(path);
    if (known !== undefined) return known;
    const digest = createHash('sha256').update(bytes).digest('hex');
    this.digests.set(path, digest);
    this.bytes += bytes.length;
    if (text) this.texts.add(path);
    return digest;
  }

  /** As add, for a file whose digest is known without reading it (its stamp is unchanged). */
  addDigest(abs: string, digest: string, size: number, text = false): string {
    const path = slashes(relative(this.dataDir, abs));
    const known = this.digests.get(path);
    if (known !== undefined) return known;
    this.digests.set(path, digest);
    this.bytes += size;
    if (text) this.texts.add(path);
    return digest;
  }

  binding(): DataBinding {
    const paths = [...this.digests.keys()].sort();
    const hash = createHash('sha256');
    for (const path of paths) hash.update(`${path}\0${this.digests.get(path)}\n`);
    return {
      hash: hash.digest('hex'),
      files: paths.length,
      bytes: this.bytes,
      texts: [...this.texts].filter((t) => !/\.ya?ml$/.test(t)).sort(),
    };
  }
}

/**
 * The binding the data directory has now, for the file set `recorded` names: its YAML as
 * listed now plus the recorded texts. A recorded text that is gone is reported, not hashed.
 */
export function currentBinding(
  dataDir: string,
  recorded: Pick<DataBinding, 'texts'>,
): { binding: DataBinding; missing: string[] } {
  const hasher = new DataHasher(dataDir);
  const missing: string[] = [];
  for (const dir of [DOCUMENTS_DIR, KNOWLEDGE_DIR]) {
    for (const abs of yamlFilesUnder(join(dataDir, dir))) hasher.add(abs, readFileSync(abs));
  }
  for (const text of recorded.texts) {
    const abs = join(dataDir, text);
    try {
      hasher.add(abs, readFileSync(abs), true);
    } catch {
      missing.push(text);
    }
  }
  return { binding: hasher.binding(), missing };
}

/** Why the data directory is not what `recorded` was built from, or undefined when it is. */
export function bindingMismatch(dataDir: string, recorded: DataBinding): string | undefined {
  if (!existsSync(dataDir)) return `data directory ${dataDir} does not exist, so the snapshot cannot be checked`;
  const { binding, missing } = currentBinding(dataDir, recorded);
  if (missing.length > 0) {
    return `${missing.length} file${missing.length === 1 ? '' : 's'} it was built from ${missing.length === 1 ? 'is' : 'are'} gone (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''})`;
  }
  if (binding.hash === recorded.hash) return undefined;
  return (
    `it was built from data ${recorded.hash.slice(0, 12)} (${recorded.files} files, ${recorded.bytes} bytes), ` +
    `but ${dataDir} now hashes to ${binding.hash.slice(0, 12)} (${binding.files} files, ${binding.bytes} bytes)`
  );
}
