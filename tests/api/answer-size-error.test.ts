/**
 * Once an answer is past maxResponseItems, every field still to run fails with the one error
 * of that answer, not a new one each (src/server/protection.ts, checkSize). At 100k entities
 * the default `conflicts` is such an answer, and a new error per remaining field, each stack
 * formatted, made its refusal cost 120-165 ms of CPU (BENCHMARKS.md, "root fields at 100k").
 */
import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { AnswerTooLargeError } from '../../src/model/errors.js';
import { schema } from '../../src/schema/index.js';
import { executionBudget } from '../../src/server/protection.js';
import { createServer } from '../../src/server/yoga.js';
import { bundledSnapshot } from '../helpers/graphql.js';

const MINISTRY = 'organ/ministry-of-public-security';
// Three aliases of ~2,000 items each (the ministry is a hub): past maxResponseItems in the third.
const hop = 'neighbors { id neighbors { id neighbors { id } } }';
const QUERY = `{ ${[0, 1, 2].map((i) => `e${i}: entity(id: "${MINISTRY}") { id ${hop} }`).join(' ')} }`;

describe('an answer past maxResponseItems', () => {
  it('fails every remaining field with one error instance', async () => {
    const snapshot = bundledSnapshot();
    // The server wraps the schema's resolvers with the limit checks.
    createServer({ snapshot, logging: false });
    const compiled = compileQuery(schema, parse(QUERY));
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    const { turn: _noPauses, ...budget } = executionBudget(60_000);
    const result = await compiled.query(undefined, { snapshot, ...budget }, {});
    const originals = (result.errors ?? []).map((e) => e.originalError);
    expect(originals.length).toBeGreaterThan(10);
    expect(originals.every((e) => e instanceof AnswerTooLargeError)).toBe(true);
    expect(new Set(originals).size).toBe(1);
  }, 180_000);
});
