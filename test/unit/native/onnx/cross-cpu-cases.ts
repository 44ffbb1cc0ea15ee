// The cases of the cross-CPU test (cross-cpu.test.ts), run by cross-cpu-child.ts on the host and under
// `qemu-x86_64 -cpu …`: the two reference models, a seeded MLP 256→512→512→10 and a seeded CNN, single inputs and one
// runBatch each. scale_bits 30 keeps every bit of float32 outputs above 2^-6, so equal canonical values are equal bits.
import { sha256 } from '@noble/hashes/sha2.js';
import type { OnnxRunner, RunnerModel, RunResult } from '../../../../native/onnx/runner.js';
import { tensorFrom, type TensorInput } from '../../../../native/onnx/tensor.js';
import { seededMlp, seededCnn, prng, CNN_INPUT } from '../../../../native/onnx/seeded-models.js';
import { IRIS_MLP, REGRESSOR, loadIris, readReferenceModel } from '../../../../native/models/index.js';

export const CROSS_CPU_SCALE_BITS = 30;

interface Case {
  name: string;
  model: RunnerModel;
  singles: TensorInput[];
  batch: TensorInput[];
}

function cases(): Case[] {
  const model = (bytes: Uint8Array): RunnerModel => ({
    id: Buffer.from(sha256(bytes)).toString('hex'),
    bytes,
    scaleBits: CROSS_CPU_SCALE_BITS,
  });
  const rows = loadIris();
  const r = prng(2024);
  const vec = (n: number) => Array.from({ length: n }, r);
  return [
    {
      name: 'iris-mlp',
      model: model(readReferenceModel(IRIS_MLP).bytes),
      singles: rows.filter((_, i) => i % 25 === 0).map((x) => tensorFrom('float32', [1, 4], x.features)),
      batch: rows.map((x) => tensorFrom('float32', [1, 4], x.features)),
    },
    {
      name: 'regressor',
      model: model(readReferenceModel(REGRESSOR).bytes),
      singles: rows.filter((_, i) => i % 25 === 0).map((x) => tensorFrom('float32', [1, 3], x.features.slice(0, 3))),
      batch: rows.map((x) => tensorFrom('float32', [1, 3], x.features.slice(0, 3))),
    },
    {
      name: 'mlp-256-512-512-10',
      model: model(seededMlp([256, 512, 512, 10], 1)),
      singles: Array.from({ length: 4 }, () => tensorFrom('float32', [1, 256], vec(256))),
      batch: Array.from({ length: 8 }, () => tensorFrom('float32', [1, 256], vec(256))),
    },
    {
      name: 'cnn',
      model: model(seededCnn(2)),
      singles: Array.from({ length: 3 }, () => tensorFrom('float32', [1, ...CNN_INPUT], vec(768))),
      batch: Array.from({ length: 4 }, () => tensorFrom('float32', [1, ...CNN_INPUT], vec(768))),
    },
  ];
}

/** Per case, every result's canonical values (decimal strings) or its error code: singles first, then the batch. */
export type CaseOutputs = Record<string, string[][]>;

const show = (x: RunResult): string[] => (x.ok ? x.output.values.map(String) : [`error:${x.code}`]);

export async function runCases(runner: OnnxRunner): Promise<CaseOutputs> {
  const out: CaseOutputs = {};
  for (const c of cases()) {
    const res: string[][] = [];
    for (const x of c.singles) res.push(show(await runner.run(c.model, x)));
    for (const x of await runner.runBatch(c.model, c.batch)) res.push(show(x));
    out[c.name] = res;
  }
  return out;
}
