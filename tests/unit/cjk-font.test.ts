/** The committed Chinese font subset covers every CJK character the bundled data uses. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COVERAGE_FILE, cjkCharactersOf, FONT_DIR, FONT_FILE, type FontCoverage } from '../../scripts/cjk-font.mjs';

describe('explorer CJK font subset', () => {
  it('covers every CJK character in graph-data/knowledge (else run scripts/cjk-font.mts)', () => {
    const coverage = JSON.parse(readFileSync(join(FONT_DIR, COVERAGE_FILE), 'utf8')) as FontCoverage;
    const missing = [...cjkCharactersOf()].filter((char) => !coverage.characters.includes(char));
    expect(missing).toEqual([]);
    expect(cjkCharactersOf()).toContain('公');
  });

  it('is a small woff2 with its licence beside it', () => {
    const font = readFileSync(join(FONT_DIR, FONT_FILE));
    expect(font.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(font.byteLength).toBeLessThan(100_000);
    expect(statSync(join(FONT_DIR, 'OFL.txt')).size).toBeGreaterThan(1000);
  });
});
