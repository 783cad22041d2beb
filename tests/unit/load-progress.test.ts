import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadProgress, writeProgress } from '../../src/cli/progress.js';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}

describe('validate progress', () => {
  it('prints nothing for a small corpus', () => {
    const { stream, lines } = sink();
    const progress = loadProgress(stream, 'validate');
    for (const phase of ['documents', 'read'] as const) {
      for (let done = 0; done <= 5; done++) progress.onProgress({ phase, done, total: 5 });
    }
    progress.onProgress({ phase: 'entities', done: 40, total: 40 });
    progress.done();
    expect(lines).toEqual([]);
  });

  it('draws a bar per phase once the corpus is big, one line per 10% in a log', () => {
    const { stream, lines } = sink();
    const progress = loadProgress(stream, 'validate');
    progress.onProgress({ phase: 'documents', done: 5, total: 5 });
    for (let done = 0; done <= 500; done++) progress.onProgress({ phase: 'read', done, total: 500 });
    progress.onProgress({ phase: 'entities', done: 10, total: 10 });
    progress.done();
    expect(lines.filter((l) => l.startsWith('validate: read knowledge '))).toHaveLength(11);
    expect(lines.at(-2)).toMatch(/^validate: read knowledge 100% 500\/500 files \d+ s\n$/);
    expect(lines.at(-1)).toMatch(/^validate: check entities 100% 10\/10 entities/);
    expect(lines.some((l) => l.includes('read documents'))).toBe(false);
  });
});

describe('build write progress', () => {
  const PHASES = ['records', 'relation order', 'entity index', 'passage index', 'terms'] as const;
  const feed = (progress: ReturnType<typeof writeProgress>, total: number) => {
    for (const phase of PHASES) {
      for (let done = 0; done <= total; done += total / 100) progress.onProgress({ phase, done, total });
    }
    progress.done();
  };

  it('prints only the write phase, as before, for a small corpus', () => {
    const { stream, lines } = sink();
    feed(writeProgress(stream, 'build'), 500);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^build 0% write \d+ s\n$/);
    expect(lines[1]).toMatch(/^build 100% [\d.]+ s\n$/);
  });

  it('draws each step of the write with counts for a big corpus, one line per 10% in a log', () => {
    const { stream, lines } = sink();
    feed(writeProgress(stream, 'build'), 100_000);
    expect(lines.filter((l) => l.startsWith('build: sort relation ids '))).toHaveLength(11);
    for (const step of ['write records', 'index entities', 'index passages', 'write index terms']) {
      expect(lines.filter((l) => l.startsWith(`build: ${step} `))).toHaveLength(11);
    }
    expect(lines).toContainEqual(expect.stringMatching(/^build: index entities 50% 50000\/100000 entities \d+ s\n$/));
    expect(lines.at(-2)).toMatch(/^build: write index terms 100% 100000\/100000 terms \d+ s\n$/);
    expect(lines.at(-1)).toMatch(/^build 100% [\d.]+ s\n$/);
  });
});
