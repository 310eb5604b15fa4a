// Long work in steps (server/src/cancellation.ts): run at once, or in slices with turns of the
// event loop between them, stopped by a Cancellation. Order is asserted, never time: a slice of
// 0 ms gives a turn after every step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, runInSlices, runToEnd, untilSettled, type Steps } from '../../server/src/cancellation';

/** Steps that log `step n` into `log`, then `finally` when the generator ends or is stopped. */
function* logged(log: string[], count: number): Steps<number> {
  try {
    for (let i = 0; i < count; i++) {
      log.push(`step ${i}`);
      yield;
    }
    return count;
  } finally {
    log.push('finally');
  }
}

test('runToEnd runs every step at once and returns the result', () => {
  const log: string[] = [];
  assert.equal(runToEnd(logged(log, 3)), 3);
  assert.deepEqual(log, ['step 0', 'step 1', 'step 2', 'finally']);
});

test('runInSlices gives the event loop a turn between slices', async () => {
  const log: string[] = [];
  setImmediate(() => log.push('turn'));
  assert.equal(await runInSlices(logged(log, 3), { sliceMs: 0 }), 3);
  assert.ok(log.indexOf('turn') > 0 && log.indexOf('turn') < log.indexOf('step 2'), log.join(', '));
});

test('runInSlices stops at the first turn after the cancellation asks, and runs the generator’s finally', async () => {
  const log: string[] = [];
  const cancel = { isCancellationRequested: false };
  setImmediate(() => (cancel.isCancellationRequested = true));
  await assert.rejects(runInSlices(logged(log, 100), { sliceMs: 0, cancel }), CancelledError);
  assert.equal(log.at(-1), 'finally');
  assert.ok(log.length < 10, `ran on after the cancellation: ${log.length - 1} steps`);
});

test('runInSlices runs nothing when cancelled before it starts', async () => {
  const log: string[] = [];
  await assert.rejects(runInSlices(logged(log, 3), { cancel: { isCancellationRequested: true } }), CancelledError);
  assert.deepEqual(log, []);
});

/** Turns of the event loop until `condition` holds (at most a thousand: the test fails rather than hangs). */
async function turnsUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
}

test('maxSteps bounds a slice however fast its steps; each turn awaits the drain', async () => {
  const log: string[] = [];
  let release: () => void = () => {};
  const drain = () => {
    log.push('drain');
    return new Promise<void>((resolve) => (release = resolve));
  };
  const drains = () => log.filter((l) => l === 'drain').length;
  const run = runInSlices(logged(log, 5), { sliceMs: Infinity, maxSteps: 2, drain });
  await turnsUntil(() => drains() === 1);
  // While the drain is pending nothing more runs, however many turns pass.
  await turnsUntil(() => false);
  assert.deepEqual(log, ['step 0', 'step 1', 'drain']);
  release();
  await turnsUntil(() => drains() === 2);
  assert.deepEqual(log.slice(3), ['step 2', 'step 3', 'drain']);
  release();
  assert.equal(await run, 5);
  assert.deepEqual(log.slice(6), ['step 4', 'finally']);
});

test('untilSettled: the promise’s value, or CancelledError once the cancellation asks', async () => {
  assert.equal(await untilSettled(Promise.resolve(7)), 7);
  const cancel = { isCancellationRequested: false };
  const never = new Promise<number>(() => {});
  setImmediate(() => (cancel.isCancellationRequested = true));
  await assert.rejects(untilSettled(never, cancel), CancelledError);
});
