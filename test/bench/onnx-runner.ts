// Benchmark: the deterministic ONNX runner against a bare InferenceSession.run on the same model and input, same
// profile, same run (target: runner ≤ 1.1× bare); batched runs of K task inputs; checkModel on a ~1 MiB model.
// Cases: 'tiny' is the Iris MLP (where fixed per-call overhead dominates); 'normal' is an MLP 256→512→512→10
// (~400k params), closer to a real model. Setup and first loads stay out of the timed parts.
// Run: `npm run bench` or `node --import tsx test/bench/onnx-runner.ts`.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { OnnxRunner, type RunnerModel } from '../../native/onnx/runner.js';
import { consensusSessionOptions, loadOrt } from '../../native/onnx/profile.js';
import { GraphBuilder } from '../../native/onnx/builder.js';
import { checkModel } from '../../native/onnx/check.js';
import { tensorFrom, typedView, type TensorInput } from '../../native/onnx/tensor.js';
import { IRIS_MLP, readReferenceModel } from '../../native/models/index.js';

const ITER = 2000;
const K = 64;

/** xorshift32 in [-0.5, 0.5): fixed weights and inputs every run. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32 - 0.5; };
}

function mlp(sizes: number[], seed: number): Uint8Array {
  const r = prng(seed);
  const g = new GraphBuilder('bench_mlp').input('x', 'float32', ['batch', sizes[0]]).output('y', 'float32', ['batch', sizes.at(-1)!]);
  let prev = 'x';
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [a, b] = [sizes[l], sizes[l + 1]];
    g.initializer(`W${l}`, 'float32', [a, b], Float32Array.from({ length: a * b }, () => r() / Math.sqrt(a)))
      .initializer(`b${l}`, 'float32', [b], Float32Array.from({ length: b }, r));
    const last = l + 2 === sizes.length;
    g.node('Gemm', [prev, `W${l}`, `b${l}`], [last ? 'y' : `z${l}`]);
    if (!last) g.node('Relu', [`z${l}`], [`h${l}`]);
    prev = `h${l}`;
  }
  return g.build();
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const us = (ms: number) => (ms * 1000).toFixed(1);

interface Case { name: string; model: RunnerModel; input: TensorInput; batchInputs: TensorInput[] }

async function runnerVsBare(runner: OnnxRunner, c: Case) {
  const ort = loadOrt();
  const bytes = typeof c.model.bytes === 'function' ? c.model.bytes() : c.model.bytes;
  const session = await ort.InferenceSession.create(bytes, consensusSessionOptions());
  const feeds = { [session.inputNames[0]]: new ort.Tensor(c.input.dtype, typedView(c.input.dtype, c.input.data), c.input.shape) };
  for (let i = 0; i < 200; i++) { await session.run(feeds); await runner.run(c.model, c.input); } // warm up, load
  const bare: number[] = [], bareNew: number[] = [], ours: number[] = [];
  const name = session.inputNames[0];
  for (let i = 0; i < ITER; i++) { // interleaved, so drift hits all alike
    let t = performance.now();
    await session.run(feeds);
    bare.push(performance.now() - t);
    // What any caller holding a task's raw input bytes must do: wrap them in a Tensor, then run.
    t = performance.now();
    await session.run({ [name]: new ort.Tensor(c.input.dtype, typedView(c.input.dtype, c.input.data), c.input.shape) });
    bareNew.push(performance.now() - t);
    t = performance.now();
    const r = await runner.run(c.model, c.input);
    ours.push(performance.now() - t);
    if (!r.ok) throw new Error(`${c.name}: ${r.code} ${r.message}`);
  }
  await session.release();

  // K task inputs: one runBatch vs K runner.run calls.
  let t = performance.now();
  for (let rep = 0; rep < 10; rep++) for (const x of c.batchInputs) await runner.run(c.model, x);
  const singlesPer = (performance.now() - t) / (10 * K);
  t = performance.now();
  for (let rep = 0; rep < 10; rep++) await runner.runBatch(c.model, c.batchInputs);
  const batchPer = (performance.now() - t) / (10 * K);
  return { bare50: pct(bare, 0.5), bare99: pct(bare, 0.99), bareNew50: pct(bareNew, 0.5), ours50: pct(ours, 0.5), ours99: pct(ours, 0.99), singlesPer, batchPer };
}

export async function run() {
  const runner = await OnnxRunner.create();
  const r = prng(7);
  const iris = { ...readReferenceModel(IRIS_MLP), scaleBits: 16 };
  const normalBytes = mlp([256, 512, 512, 10], 1);
  const normal = { id: Buffer.from(sha256(normalBytes)).toString('hex'), bytes: normalBytes, scaleBits: 16 };
  const cases: Case[] = [
    { name: 'tiny (Iris MLP 4→16→3)', model: iris, input: tensorFrom('float32', [1, 4], [5.9, 3, 5.1, 1.8]),
      batchInputs: Array.from({ length: K }, () => tensorFrom('float32', [1, 4], [6 + r(), 3 + r(), 4 + 2 * r(), 1.3 + r()])) },
    { name: 'normal (MLP 256→512→512→10)', model: normal, input: tensorFrom('float32', [1, 256], Array.from({ length: 256 }, r)),
      batchInputs: Array.from({ length: K }, () => tensorFrom('float32', [1, 256], Array.from({ length: 256 }, r))) },
  ];
  const results: Record<string, Awaited<ReturnType<typeof runnerVsBare>>> = {};
  try {
    console.log(`per inference, µs (${ITER} interleaved runs; batch = ${K} task inputs)`);
    console.log('bare = session.run on a prebuilt tensor; bare+T = building the input tensor too (what a caller with raw bytes does)');
    console.log('case                          bare p50  p99  bare+T p50   runner p50  p99   ×bare  ×bare+T  | K singles/inf  runBatch/inf  speed-up');
    for (const c of cases) {
      const x = await runnerVsBare(runner, c);
      results[c.name] = x;
      console.log(`${c.name.padEnd(30)}${us(x.bare50).padStart(8)} ${us(x.bare99).padStart(5)} ${us(x.bareNew50).padStart(10)}   ${us(x.ours50).padStart(10)} ${us(x.ours99).padStart(5)}  ${(x.ours50 / x.bare50).toFixed(2).padStart(5)}  ${(x.ours50 / x.bareNew50).toFixed(2).padStart(7)}  | ${us(x.singlesPer).padStart(13)}  ${us(x.batchPer).padStart(12)}  ${(x.singlesPer / x.batchPer).toFixed(1).padStart(7)}×`);
    }
  } finally {
    await runner.close();
  }

  // checkModel on a ~1 MiB model (512×512 float32 weights), baseline: decoding the same bytes alone.
  const big = mlp([512, 512], 3);
  const { onnx } = await import('../../native/onnx/builder.js');
  const time = (f: () => void) => { const xs: number[] = []; for (let i = 0; i < 30; i++) { const t = performance.now(); f(); xs.push(performance.now() - t); } return pct(xs, 0.5); };
  time(() => checkModel(big));
  const check = time(() => checkModel(big));
  const decode = time(() => onnx.ModelProto.decode(big));
  console.log(`checkModel, ${(big.length / 1048576).toFixed(2)} MiB model: ${check.toFixed(2)} ms p50 (protobuf decode alone ${decode.toFixed(2)} ms, ×${(check / decode).toFixed(2)})`);
  return { results, checkMs: check, decodeMs: decode };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
