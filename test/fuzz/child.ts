// The fuzzing loop, run by test/fuzz/run.ts in a child process so a hang can be caught: the parent kills this
// process when it stops reporting progress, then reads the input under test from the `--current` file (written
// before each input). Talks to the parent in JSON lines on stdout.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { xorshift32 } from '../support/prng.js';
import { Mutator } from './mutate.js';
import { defaultGenerate, FuzzFailure, openTarget, TARGETS, type FuzzTarget, type TargetName } from './target.js';

export interface ChildMessage {
  type: 'setup' | 'ready' | 'progress' | 'done' | 'failure';
  target: string;
  n?: number;
  ms?: number;
  setupMs?: number;
  stats?: Record<string, number>;
  kind?: string;
  message?: string;
  /** base64 */
  input?: string;
}

const send = (m: ChildMessage) => process.stdout.write(`${JSON.stringify(m)}\n`);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Runs one input under the per-input bound; returns the failure, if any. */
async function runOne(t: FuzzTarget, input: Uint8Array, inputMs: number): Promise<FuzzFailure | undefined> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const p = t.run(input);
    if (p instanceof Promise) {
      await Promise.race([
        p,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new FuzzFailure(`no answer within ${inputMs} ms`, 'hang')), inputMs);
        }),
      ]);
    }
  } catch (e) {
    if (e instanceof FuzzFailure) return e;
    return new FuzzFailure(`uncaught ${(e as Error)?.name ?? typeof e}: ${(e as Error)?.stack ?? String(e)}`, 'crash');
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - started;
  if (ms > inputMs) return new FuzzFailure(`one input took ${ms.toFixed(0)} ms (bound ${inputMs} ms)`, 'hang');
  return undefined;
}

async function main() {
  const targets = (arg('targets') ?? TARGETS.join(',')).split(',') as TargetName[];
  const seconds = Number(arg('seconds') ?? 10);
  const seed = Number(arg('seed') ?? 1);
  const inputMs = Number(arg('input-ms') ?? 2000);
  const current = arg('current');
  const replay = arg('replay');
  const fd = current ? openSync(current, 'w') : undefined;
  const header = Buffer.alloc(4);

  for (const name of targets) {
    const setupStart = performance.now();
    send({ type: 'setup', target: name });
    const t = await openTarget(name, seed);
    send({ type: 'ready', target: name, setupMs: performance.now() - setupStart });
    const r = xorshift32((seed ^ (TARGETS.indexOf(name) * 0x9e3779b1)) >>> 0);
    const m = new Mutator(r);
    const started = performance.now();
    let lastReport = started,
      n = 0;
    let failure: { f: FuzzFailure; input: Uint8Array } | undefined;
    const inputs = replay ? [new Uint8Array(readFileSync(replay))] : undefined;
    while (inputs ? n < inputs.length : performance.now() - started < seconds * 1000) {
      let input: Uint8Array;
      try {
        input = inputs ? inputs[n] : t.generate ? t.generate(r, m) : defaultGenerate(t, r, m);
      } catch (e) {
        throw new Error(
          `the fuzzer's own input generator failed (a bug in test/fuzz, not in the code under test): ${(e as Error)?.stack ?? e}`,
        );
      }
      if (fd !== undefined) {
        header.writeUInt32BE(input.length);
        writeSync(fd, header, 0, 4, 0);
        writeSync(fd, input, 0, input.length, 4);
      }
      const f = await runOne(t, input, inputMs);
      n++;
      if (f) {
        failure = { f, input: (f as FuzzFailure & { input?: Uint8Array }).input ?? input };
        break;
      }
      const now = performance.now();
      if (now - lastReport > 250) {
        send({ type: 'progress', target: name, n });
        lastReport = now;
      }
    }
    if (!failure && t.flush) {
      try {
        await t.flush();
      } catch (e) {
        const f = e instanceof FuzzFailure ? e : new FuzzFailure(`uncaught in flush: ${(e as Error)?.stack ?? e}`);
        failure = { f, input: (f as FuzzFailure & { input?: Uint8Array }).input ?? new Uint8Array() };
      }
    }
    const ms = performance.now() - started;
    if (failure)
      send({
        type: 'failure',
        target: name,
        n,
        ms,
        kind: failure.f.kind,
        message: failure.f.message,
        input: Buffer.from(failure.input).toString('base64'),
      });
    send({ type: 'done', target: name, n, ms, stats: t.stats?.() ?? {} });
    await t.close();
  }
  if (fd !== undefined) closeSync(fd);
  process.exit(0);
}

await main();
