// Child process for determinism.test.ts: prints, as one JSON line, the canonical sha256 of every reference model's
// output for every Iris row (single runs) and for the whole table in one batch.
import { OnnxRunner } from '../../../../native/onnx/runner.js';
import { canonicalHashes } from './determinism-cases.js';

const runner = await OnnxRunner.create();
try {
  process.stdout.write(JSON.stringify(await canonicalHashes(runner)) + '\n');
} finally {
  await runner.close();
}
