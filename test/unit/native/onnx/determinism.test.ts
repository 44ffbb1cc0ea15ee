import test from 'tape';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OnnxRunner } from '../../../../native/onnx/runner.js';
import { ENGINE_KINDS } from '../../../../native/onnx/engine.js';
import { tensorFrom } from '../../../../native/onnx/tensor.js';
import { REFERENCE_MODELS, readReferenceModel } from '../../../../native/models/index.js';
import { canonicalHashes } from './determinism-cases.js';

const child = fileURLToPath(new URL('./determinism-child.ts', import.meta.url));

for (const engine of ENGINE_KINDS)
  test(`determinism (${engine}): 1,000 runs of each reference model give bit-identical canonical outputs`, async (t) => {
    const runner = await OnnxRunner.create({ engine });
    try {
      for (const m of REFERENCE_MODELS) {
        const model = { ...readReferenceModel(m), scaleBits: m.scaleBits };
        const input = tensorFrom('float32', [1, m.example.length], m.example);
        const first = await runner.run(model, input);
        if (!first.ok) {
          t.fail(`${m.name}: ${first.code} ${first.message}`);
          continue;
        }
        let differing = 0;
        for (let i = 1; i < 1000; i++) {
          const r = await runner.run(model, input);
          if (
            !r.ok
            || r.output.sha256 !== first.output.sha256
            || r.output.values.some((v, j) => v !== first.output.values[j])
          )
            differing++;
        }
        t.equal(differing, 0, `${m.name}: 999 further runs equal the first (${first.output.sha256.slice(0, 16)}…)`);
      }
    } finally {
      await runner.close();
    }
  });

test('determinism (consensus): two separate processes give the same canonical hashes as this one, for every Iris row', async (t) => {
  const runner = await OnnxRunner.create();
  let mine: Record<string, string[]>;
  try {
    mine = await canonicalHashes(runner);
  } finally {
    await runner.close();
  }
  for (const m of REFERENCE_MODELS) {
    t.equal(mine[m.name].length, 151, `${m.name}: 150 single rows + 1 batch hashed`);
    t.notOk(
      mine[m.name].some((h) => h.startsWith('error')),
      `${m.name}: no error results`,
    );
  }
  const run = promisify(execFile);
  const outs = await Promise.all(
    [1, 2].map(() => run(process.execPath, ['--import', 'tsx', child], { cwd: process.cwd() })),
  );
  outs.forEach(({ stdout }, i) => {
    t.deepEqual(JSON.parse(stdout.trim()), mine, `process ${i + 1}: identical hashes for every case`);
  });
});
