// Golden canonical outputs of the consensus engine: the cross-CPU cases' results, hashed, recorded on the host
// (AMD EPYC, AVX-512) and equal under qemu as Haswell, SandyBridge and Nehalem (cross-cpu.test.ts). Any change of the
// .wasm, the session options, the graph level or canonicalisation shows here, on every machine, without qemu.
import test from 'tape';
import { createHash } from 'node:crypto';
import { OnnxRunner } from '../../../../native/onnx/runner.js';
import { runCases } from './cross-cpu-cases.js';

const GOLDEN: Record<string, string> = {
  'iris-mlp': '3fcd2d11e40d03efef1a28b51d8f0eb7ccdd9240a9ac979d0c0fbd913a8c2a0a',
  regressor: 'd30d7c2ddb4aa9e252f9c60a3db8c391a6f5e3422c879a6781ab894191932b28',
  'mlp-256-512-512-10': '051e902c14ac40930e837f0b63f7cc8c2a8f298d2cb04aa3d64367a4f16175b8',
  cnn: '666cc8b26bb4a11b9c394dde8d6fffa20fff1e6c3738904d104a4a5182711d4f',
};

test('golden: the consensus engine gives the recorded canonical outputs', async (t) => {
  const runner = await OnnxRunner.create();
  try {
    const out = await runCases(runner);
    t.deepEqual(Object.keys(out), Object.keys(GOLDEN), 'the same four models');
    for (const [name, hash] of Object.entries(GOLDEN)) {
      t.equal(
        createHash('sha256').update(JSON.stringify(out[name])).digest('hex'),
        hash,
        `${name}: ${out[name].length} results as recorded`,
      );
    }
  } finally {
    await runner.close();
  }
});
