/**
 * Writes the explorer's Chinese font: Noto Sans SC cut down to the CJK characters that
 * graph-data/knowledge uses (names in Chinese, aliases), so `nameZh` renders on machines
 * without CJK fonts. The full face is ~1.1 MB; the subset is a few tens of kB and is committed
 * (explorer/src/fonts/), with the list of characters it covers, which a test compares with the
 * data. Run it again after adding Chinese names:
 *
 *   npm install --no-save subset-font@2 @fontsource/noto-sans-sc@5
 *   npx tsx scripts/cjk-font.mts
 *
 * Neither package is a dependency: they are needed only here (the font package is 76 MB).
 * Noto Sans SC is under the SIL Open Font License 1.1 (explorer/src/fonts/OFL.txt).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const FONT_DIR = join(ROOT, 'explorer/src/fonts');
export const FONT_FILE = 'noto-sans-sc-subset.woff2';
export const COVERAGE_FILE = 'noto-sans-sc-subset.json';
const SOURCE = '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff2';

/** CJK punctuation, ideographs (with extension A and compatibility forms) and full-width forms. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/gu;

/** Every CJK character in the YAML files under graph-data/knowledge, sorted, once each. */
export function cjkCharactersOf(knowledgeDir = join(ROOT, 'graph-data/knowledge')): string {
  const chars = new Set<string>();
  for (const entry of readdirSync(knowledgeDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    for (const [char] of readFileSync(join(entry.parentPath, entry.name), 'utf8').matchAll(CJK)) chars.add(char);
  }
  return [...chars].sort().join('');
}

export interface FontCoverage {
  source: string;
  licence: string;
  characters: string;
}

async function main(): Promise<void> {
  const require = createRequire(join(ROOT, 'package.json'));
  // Named through a variable so type-checking does not need these optional packages installed.
  const subsetFontModule = 'subset-font';
  const { default: subsetFont } = (await import(require.resolve(subsetFontModule))) as {
    default: (font: Buffer, text: string, options: { targetFormat: 'woff2' }) => Promise<Buffer>;
  };
  const sourcePath = require.resolve(SOURCE);
  const fontPackage = JSON.parse(readFileSync(require.resolve('@fontsource/noto-sans-sc/package.json'), 'utf8')) as {
    version: string;
  };
  const characters = cjkCharactersOf();
  const subset = await subsetFont(readFileSync(sourcePath), characters, { targetFormat: 'woff2' });
  writeFileSync(join(FONT_DIR, FONT_FILE), subset);
  const coverage: FontCoverage = {
    source: `${SOURCE.replace('/files/', `@${fontPackage.version}/files/`)}`,
    licence: 'OFL-1.1 (see OFL.txt)',
    characters,
  };
  writeFileSync(join(FONT_DIR, COVERAGE_FILE), `${JSON.stringify(coverage, null, 2)}\n`);
  writeFileSync(join(FONT_DIR, 'OFL.txt'), readFileSync(require.resolve('@fontsource/noto-sans-sc/LICENSE')));
  console.log(`wrote ${FONT_FILE}: ${characters.length} characters, ${subset.byteLength} bytes`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
