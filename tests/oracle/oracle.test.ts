/**
 * The recorded answers (tests/oracle/answers/, `npm run oracle:record`) must come back byte
 * for byte: the store may change how it holds and walks the graph, never what it answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { currentAnswers, recordedAnswers } from './record.js';

const recorded = recordedAnswers();
let current: Map<string, string[]>;

beforeAll(async () => {
  current = (await currentAnswers()).groups;
}, 300_000);

const nameOf = (line: string) => (JSON.parse(line) as { name: string }).name;

describe('oracle: answers are byte-identical to the recorded ones', () => {
  it('has a recorded answer file for every group the set runs, and no stale one', () => {
    expect([...current.keys()].sort()).toEqual([...recorded.keys()].sort());
  });

  for (const [group, lines] of recorded) {
    it(`${group} (${lines.length} answers)`, () => {
      const now = current.get(group) ?? [];
      expect(now.map(nameOf)).toEqual(lines.map(nameOf));
      const changed = lines.flatMap((line, i) => (now[i] === line ? [] : [{ recorded: line, now: now[i] }]));
      // The first change in full, so the diff says what moved; the count says how far it spread.
      expect(changed[0]?.now, `${changed.length} of ${lines.length} answers changed; the first:`).toBe(
        changed[0]?.recorded,
      );
    });
  }
});
