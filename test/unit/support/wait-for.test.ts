// waitFor returns as soon as the condition holds, fails at its deadline naming what it waited for, and lets a
// predicate's own error through at once.
import test from 'tape';
import { waitFor } from '../../support/wait-for.js';

test('waitFor returns the first truthy value the predicate gives', async (t) => {
  let calls = 0;
  const v = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { what: 'three calls', intervalMs: 1 });
  t.equal(v, 'after 3', 'polled until the third call');
  t.equal(await waitFor(async () => 0, { what: 'zero' }), 0, 'zero is a value, not "not yet"');
});

test('waitFor fails at the deadline, naming what it waited for', async (t) => {
  const started = performance.now();
  const err = await waitFor(() => false, { what: 'height 5', timeoutMs: 60, intervalMs: 10 }).catch((e: Error) => e);
  t.ok(
    err instanceof Error && /^timed out after \d+ ms waiting for height 5$/.test(err.message),
    `the error names it (${String(err)})`,
  );
  t.ok(performance.now() - started < 1000, 'and it gave up near the deadline');
});

test("a predicate's error fails the wait at once", async (t) => {
  const err = await waitFor(
    () => {
      throw new Error('node exited early');
    },
    { what: 'x', timeoutMs: 10_000 },
  ).catch((e: Error) => e);
  t.equal((err as Error).message, 'node exited early', 'the predicate error, unchanged');
});
