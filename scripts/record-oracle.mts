/**
 * Records the oracle (tests/oracle/answers/): the answers of the current code to a fixed set
 * of requests over the bundled graph-data. Run it only when an answer is meant to change, and
 * say in the commit which and why; tests/oracle/oracle.test.ts requires every answer unchanged.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ANSWER_FILE_SUFFIX, ANSWERS_DIR, currentAnswers } from '../tests/oracle/record.js';

const started = performance.now();
const { groups, count } = await currentAnswers();
rmSync(ANSWERS_DIR, { recursive: true, force: true });
mkdirSync(ANSWERS_DIR, { recursive: true });
let bytes = 0;
let stored = 0;
for (const [group, lines] of groups) {
  const text = `${lines.join('\n')}\n`;
  const gz = gzipSync(text, { level: 9 });
  bytes += Buffer.byteLength(text);
  stored += gz.length;
  writeFileSync(join(ANSWERS_DIR, `${group}${ANSWER_FILE_SUFFIX}`), gz);
}
console.log(
  `recorded ${count} answers in ${groups.size} groups (${(bytes / 1e6).toFixed(1)} MB, ${(stored / 1e6).toFixed(1)} MB gzipped) to ${ANSWERS_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
