// The consensus engine in a worker thread gives the same bits as in-process, reports model/input errors as results,
// and leaves the calling thread free while it runs (ExtendVote never blocks the ABCI connections).
import test from 'tape';
import { createHash } from 'node:crypto';
import { OnnxRunner } from '../../../../native/onnx/runner.js';
import { RunnerThread } from '../../../../native/onnx/runner-thread.js';
import { tinyMlp } from '../../modules/models/helpers.js';

test('runner thread: same canonical output as the in-process consensus engine; errors are results', async (t) => {
  const bytes = tinyMlp(3);
  const id = createHash('sha256').update(bytes).digest('hex');
  const thread = new RunnerThread();
  const local = await OnnxRunner.create({ engine: 'consensus' });
  try {
    let first = true;
    for (const xs of [
      [0.5, -1.25, 2, 0.75],
      [1, 2, 3, 4],
      [-7, 0, 0.001, 9],
    ]) {
      const input = { dtype: 'float32' as const, shape: [1, 4], data: new Uint8Array(Float32Array.from(xs).buffer) };
      let ticks = 0;
      const timer = setInterval(() => {
        ticks++;
      }, 0);
      const a = await thread.run({ id, scaleBits: 16, bytes: () => bytes }, [input]);
      clearInterval(timer);
      const b = await local.run({ id, scaleBits: 16, bytes }, [input]);
      t.ok(a.ok && b.ok, `[${xs}]: both ran`);
      if (a.ok && b.ok) t.deepEqual(a.output.values, b.output.values, `[${xs}]: bit-identical canonical values`);
      // The first run starts the thread and compiles the engine there (0.4-1 s): the caller's timers keep running.
      if (first)
        t.ok(ticks > 0, `the calling thread's timers ran ${ticks} times while the thread loaded and ran the model`);
      first = false;
    }
    const bad = await thread.run({ id, scaleBits: 16, bytes: () => bytes }, [
      { dtype: 'float32', shape: [1, 5], data: new Uint8Array(20) },
    ]);
    t.equal(bad.ok ? '' : bad.code, 'BAD_SHAPE', 'a bad input is a coded result, not a thrown error');
  } finally {
    await thread.close();
  }
});
