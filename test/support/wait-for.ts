// Waits for the condition a test needs (a height reached, a tx included, a process exited) by polling it, instead of
// sleeping a fixed time and hoping it happened: as fast as the machine allows, and a clear error naming what never
// happened when a deadline passes (slow machines and parallel test files only make it slower, not flaky).

export interface WaitOptions {
  /** What is awaited, for the error: "height 5", "the tx to be included". */
  what: string;
  /** Give up after this long (default 30 s: generous, since a passing wait returns as soon as the condition holds). */
  timeoutMs?: number;
  /** Time between polls (default 25 ms). */
  intervalMs?: number;
}

/**
 * Calls `predicate` until it returns something other than `undefined`, `null` or `false`, and returns that. An
 * error the predicate throws fails the wait at once (catch the expected ones, such as "connection refused", inside
 * it). Throws `timed out after N ms waiting for <what>` at the deadline.
 */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: WaitOptions,
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000,
    intervalMs = opts.intervalMs ?? 25;
  const start = performance.now();
  for (;;) {
    const v = await predicate();
    if (v !== undefined && v !== null && v !== false) return v;
    const waited = performance.now() - start;
    if (waited >= timeoutMs) throw new Error(`timed out after ${Math.round(waited)} ms waiting for ${opts.what}`);
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, timeoutMs - waited)));
  }
}
