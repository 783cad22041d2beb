/**
 * An answer's bytes must not depend on how loaded the machine is. A long execution pauses to
 * let other requests in (src/server/protection.ts), so on a busy machine resolvers finish in
 * another order than on a quiet one; the keys of every object must still come in the order of
 * the selection set. Here the slices are shortened until executions pause every few
 * resolvers, as under heavy load, and a broad part of the oracle (every root field, full entity
 * and relation records, which are too large for jit and run on the interpreter) must come back
 * byte for byte as recorded without pauses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseCount, setPauseSlices } from '../../src/server/protection.js';
import { type OracleAnswer, type OracleRequest, runOracle } from './operations.js';
import { answerLine, oracleSender, recordedAnswers } from './record.js';

const LIVE_RECORD_PAGES = /^(entities-page-[0-5]|records-[0-3])$/;
/** Requests sent to the server under forced pauses; the others replay their recorded answer. */
const live = (r: OracleRequest) =>
  r.group === 'roots' || ((r.group === 'records' || r.group === 'relations') && LIVE_RECORD_PAGES.test(r.name));

const recorded = new Map<string, string>();
for (const [group, lines] of recordedAnswers()) {
  for (const line of lines) recorded.set(`${group}\u0000${(JSON.parse(line) as { name: string }).name}`, line);
}
const keyOf = (r: OracleRequest) => `${r.group}\u0000${r.name}`;

function replay(request: OracleRequest): OracleAnswer {
  const line = recorded.get(keyOf(request));
  if (!line) throw new Error(`no recorded answer for ${request.group}/${request.name}`);
  const parsed = JSON.parse(line) as { status: number; json?: unknown; text?: string };
  return { status: parsed.status, body: parsed.json === undefined ? (parsed.text ?? '') : JSON.stringify(parsed.json) };
}

let previous: ReturnType<typeof setPauseSlices>;
const compared: { name: string; now: string; recorded: string | undefined }[] = [];
let pausesDuring = 0;

beforeAll(async () => {
  const { send, version } = oracleSender();
  // Pause once an execution has run 50 µs in a turn, whatever the rest of the loop did.
  previous = setPauseSlices({ sliceMs: 0, minRunMs: 0.05 });
  const pausesBefore = pauseCount();
  await runOracle(
    async (request) => (live(request) ? send(request) : replay(request)),
    (request, answer) => {
      if (!live(request)) return;
      compared.push({
        name: `${request.group}/${request.name}`,
        now: answerLine(request, answer, version),
        recorded: recorded.get(keyOf(request)),
      });
    },
  );
  pausesDuring = pauseCount() - pausesBefore;
}, 300_000);

afterAll(() => {
  if (previous) setPauseSlices(previous);
});

describe('answers under forced pauses', () => {
  it('really paused, across every root field and the record pages', () => {
    expect(pausesDuring).toBeGreaterThan(100);
    expect(compared.filter((c) => c.name.startsWith('roots/')).length).toBeGreaterThan(25);
    expect(compared.filter((c) => !c.name.startsWith('roots/')).length).toBe(10);
  });

  it('are byte-identical to the answers recorded without pauses', () => {
    const changed = compared.filter((c) => c.now !== c.recorded);
    expect(changed.map((c) => c.name)).toEqual([]);
  });
});
