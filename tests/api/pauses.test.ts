/**
 * A long execution shares the one thread (src/server/protection.ts): it pauses once the loop
 * has been busy for the slice since the loop last polled, so cheap requests are answered in
 * between; an execution shorter than the slice never pauses. The turn's start was only set
 * when a paused execution resumed, so after any quiet spell every execution older than
 * minRunMs paused once, however idle the loop had been.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { pauseCount, setPauseSlices } from '../../src/server/protection.js';
import { execute } from '../helpers/graphql.js';

let previous: ReturnType<typeof setPauseSlices> | undefined;
afterEach(() => {
  if (previous) setPauseSlices(previous);
});

// A few hundred resolvers on the bundled data: milliseconds, far under a 1 s slice.
const CHEAP = '{ documents { id title } entities(first: 100) { edges { node { id name } } } }';
describe('an execution pauses for others', () => {
  it('not when it is shorter than the slice, even after a quiet spell', async () => {
    await execute(CHEAP); // compiled and warm
    previous = setPauseSlices({ sliceMs: 1000, minRunMs: 0 });
    await sleep(1100);
    const before = pauseCount();
    const result = await execute(CHEAP);
    expect(result.errors).toBeUndefined();
    expect(pauseCount() - before).toBe(0);
  });

  it('when it runs past the slice, and a cheap request sent meanwhile is answered first', async () => {
    // Slices as a loaded machine would see them: an execution pauses once it ran 50 µs.
    previous = setPauseSlices({ sliceMs: 0, minRunMs: 0.05 });
    const before = pauseCount();
    const order: string[] = [];
    const slow = execute(CHEAP).then((r) => {
      order.push('slow');
      return r;
    });
    await sleep(0);
    const cheap = execute('{ snapshot { version } }').then(() => order.push('cheap'));
    const [result] = await Promise.all([slow, cheap]);
    expect(result.errors).toBeUndefined();
    expect(pauseCount() - before).toBeGreaterThan(0);
    expect(order).toEqual(['cheap', 'slow']);
  });
});
