// Child of emulated-runner.ts, run as `qemu-x86_64 -cpu MODEL node --import tsx emulated-runner-child.ts`: the
// consensus engine on an emulated CPU, answering JSON lines on stdin with JSON lines on stdout.
//   in:  {id, model: {id, scaleBits, bytes?: base64}, batch: [[{dtype, shape, data: base64}]]}
//   out: {id, results: RunResult[] (values as decimal strings)} | {id, error}
import { createInterface } from 'node:readline';
import { OnnxRunner } from '../../native/onnx/runner.js';
import type { DType } from '../../native/onnx/dtypes.js';

interface Job {
  id: number;
  model: { id: string; scaleBits: number; bytes?: string };
  batch: Array<Array<{ dtype: string; shape: number[]; data: string }>>;
}

const runner = await OnnxRunner.create({ engine: 'consensus' });
const bytes = new Map<string, Uint8Array>();
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
for await (const line of createInterface({ input: process.stdin })) {
  const job = JSON.parse(line) as Job;
  try {
    if (job.model.bytes) bytes.set(job.model.id, new Uint8Array(Buffer.from(job.model.bytes, 'base64')));
    const results = await runner.runBatch(
      { id: job.model.id, scaleBits: job.model.scaleBits, bytes: bytes.get(job.model.id)! },
      job.batch.map((inputs) =>
        inputs.map((t) => ({
          dtype: t.dtype as DType,
          shape: t.shape,
          data: new Uint8Array(Buffer.from(t.data, 'base64')),
        })),
      ),
    );
    const out = JSON.stringify({ id: job.id, results }, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
    process.stdout.write(out + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: job.id, error: String(e) }) + '\n');
  }
}
