/**
 * The size and mtime of every file under the folders the loader reads, as one digest: what a
 * watching server compares to see that files stopped changing before it reads them, and did
 * not change while it read them. No file is opened, but at 100k entities it is 15,000 stats
 * and as many Stats objects: run it off the thread that answers requests (LoadWorker.signature;
 * on the main thread it held the loop 1-2 s per walk, and up to 10 s when the collector ran
 * during it with two snapshots on the heap).
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS_DIR, KNOWLEDGE_DIR } from './data-hash.js';

export function filesSignature(dataDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      try {
        const st = statSync(full);
        if (st.isDirectory()) walk(full);
        else hash.update(`${full}\0${st.size}\0${st.mtimeMs}\n`);
      } catch {
        hash.update(`${full}\0gone\n`);
      }
    }
  };
  walk(join(dataDir, DOCUMENTS_DIR));
  walk(join(dataDir, KNOWLEDGE_DIR));
  return hash.digest('hex');
}
