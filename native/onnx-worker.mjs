// Worker-thread entry for onnx/runner-thread.ts: one consensus-engine OnnxRunner in its own thread, so a validator's
// inference in ExtendVote never blocks the ABCI connections. Plain JS that registers tsx (as bin/aichain.js does) to
// load the TypeScript runner. Messages: {id, model: {id, scaleBits, bytes?}, inputs} -> {id, result} | {id, error}.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { OnnxRunner } = await import('./onnx/runner.ts');
const runner = await OnnxRunner.create({ engine: 'consensus' });
const bytesById = new Map();

parentPort.on('message', (job) => {
  const { id, model, inputs } = job;
  if (model.bytes) bytesById.set(model.id, model.bytes);
  const bytes = bytesById.get(model.id);
  runner
    .run({ id: model.id, scaleBits: model.scaleBits, bytes }, inputs)
    .then((result) => parentPort.postMessage({ id, result }))
    .catch((err) => parentPort.postMessage({ id, error: String((err && err.stack) || err) }));
});
parentPort.postMessage({ type: 'ready' });
