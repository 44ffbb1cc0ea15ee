// Worker-thread entry for onnx/runner-thread.ts: one consensus-engine OnnxRunner in its own thread, so a validator's
// inference in ExtendVote never blocks the ABCI connections. Plain JS that registers tsx (as bin/aichain.js does) to
// load the TypeScript runner. Messages: {id, model: {id, scaleBits, bytes?}, inputs} -> {id, result} | {id, error};
// {id, model, batch: inputs[]} -> {id, results} (runBatch: several tasks of one model in one session run).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { OnnxRunner } = await import('./onnx/runner.ts');
const runner = await OnnxRunner.create({ engine: 'consensus' });
const bytesById = new Map();

parentPort.on('message', (job) => {
  const { id, model, inputs, batch } = job;
  if (model.bytes) bytesById.set(model.id, model.bytes);
  const m = { id: model.id, scaleBits: model.scaleBits, bytes: bytesById.get(model.id) };
  (batch
    ? runner.runBatch(m, batch).then((results) => ({ id, results }))
    : runner.run(m, inputs).then((result) => ({ id, result }))
  )
    .then((answer) => parentPort.postMessage(answer))
    .catch((err) => parentPort.postMessage({ id, error: String((err && err.stack) || err) }));
});
parentPort.postMessage({ type: 'ready' });
