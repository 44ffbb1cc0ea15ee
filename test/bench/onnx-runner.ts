// Benchmark: the ONNX runner's two engines. Per model (the reference models, an MLP 256→512→512→10, a small CNN):
// p50/p99 of the consensus engine's run against a bare onnxruntime-web session.run on the same model and input
// (goal ≤ 1.1×) and against the native engine; runBatch of K task inputs on both engines; the graph level disabled vs
// basic; the start-up cost of the WebAssembly compile in a fresh process; checkModel on a ~1 MiB model. Setup and
// first loads stay out of the timed parts; every ratio is against a baseline measured in the same run.
// Run: `npm run bench -- onnx-runner` or `node --import tsx test/bench/onnx-runner.ts`.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { OnnxRunner, type RunnerModel } from '../../native/onnx/runner.js';
import { loadWasmOrt, wasmSessionOptions } from '../../native/onnx/wasm-profile.js';
import { checkModel } from '../../native/onnx/check.js';
import { onnx } from '../../native/onnx/builder.js';
import { seededCnn, seededMlp, prng, CNN_INPUT } from '../../native/onnx/seeded-models.js';
import { tensorFrom, typedView, type TensorInput } from '../../native/onnx/tensor.js';
import { IRIS_MLP, REGRESSOR, readReferenceModel } from '../../native/models/index.js';

const ITER = 1000;
const K = 64;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const us = (ms: number) => (ms * 1000).toFixed(1);
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

interface Case {
  name: string;
  model: RunnerModel;
  input: TensorInput;
  batchInputs: TensorInput[];
}

async function timeCase(consensus: OnnxRunner, native: OnnxRunner, c: Case) {
  const ort = await loadWasmOrt();
  const bytes = c.model.bytes as Uint8Array;
  const session = await ort.InferenceSession.create(bytes, wasmSessionOptions());
  const name = session.inputNames[0];
  const tensor = () => new ort.Tensor(c.input.dtype, typedView(c.input.dtype, c.input.data), c.input.shape);
  const feeds = { [name]: tensor() };
  for (let i = 0; i < 100; i++) {
    await session.run(feeds);
    await consensus.run(c.model, c.input);
    await native.run(c.model, c.input);
  }
  const bare: number[] = [],
    bareT: number[] = [],
    cons: number[] = [],
    nat: number[] = [];
  const timed = async (into: number[], f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    into.push(performance.now() - t);
  };
  const wasm: Array<() => Promise<unknown>> = [
    () => timed(bare, () => session.run(feeds)),
    // what a caller holding raw input bytes must do: wrap them in a Tensor, then run
    () => timed(bareT, () => session.run({ [name]: tensor() })),
    () =>
      timed(cons, async () => {
        const r = await consensus.run(c.model, c.input);
        if (!r.ok) throw new Error(`${c.name}: ${r.code} ${r.message}`);
      }),
  ];
  // Interleaved, the order rotating each iteration, so drift and position effects hit all alike. The native engine is
  // timed in its own loop: a native run (on a libuv thread) just before slows the next WebAssembly run.
  for (let i = 0; i < ITER; i++) for (let k = 0; k < wasm.length; k++) await wasm[(i + k) % wasm.length]();
  for (let i = 0; i < ITER; i++) await timed(nat, () => native.run(c.model, c.input));
  await session.release();
  /** Median over 15 repetitions of one pass over the K inputs, per input (a median: GC pauses hit single passes). */
  const perInput = async (f: () => Promise<unknown>) => {
    const reps: number[] = [];
    for (let rep = 0; rep < 15; rep++) {
      const t = performance.now();
      await f();
      reps.push((performance.now() - t) / K);
    }
    return pct(reps, 0.5);
  };
  const singles = (r: OnnxRunner) => async () => {
    for (const b of c.batchInputs) await r.run(c.model, b);
  };
  return {
    bare50: pct(bare, 0.5),
    bare99: pct(bare, 0.99),
    bareT50: pct(bareT, 0.5),
    cons50: pct(cons, 0.5),
    cons99: pct(cons, 0.99),
    nat50: pct(nat, 0.5),
    nat99: pct(nat, 0.99),
    consSingles: await perInput(singles(consensus)),
    consBatch: await perInput(() => consensus.runBatch(c.model, c.batchInputs)),
    natSingles: await perInput(singles(native)),
    natBatch: await perInput(() => native.runBatch(c.model, c.batchInputs)),
  };
}

/**
 * The consensus engine's pinned graph level against the other CPU-independent one (wasm-profile.ts explains the
 * choice): p50 of session.run per level over the case's batch inputs, and how many output elements differ in bits.
 */
async function levels(c: Case) {
  const ort = await loadWasmOrt();
  const outs: Record<string, Float32Array[]> = {};
  const p50: Record<string, number> = {};
  for (const level of ['disabled', 'basic'] as const) {
    const s = await ort.InferenceSession.create(c.model.bytes as Uint8Array, {
      ...wasmSessionOptions(),
      graphOptimizationLevel: level,
    });
    const feeds = c.batchInputs.map((b) => ({
      [s.inputNames[0]]: new ort.Tensor(b.dtype, typedView(b.dtype, b.data), b.shape),
    }));
    outs[level] = [];
    for (const f of feeds) outs[level].push((await s.run(f))[s.outputNames[0]].data as Float32Array);
    const ts: number[] = [];
    for (let rep = 0; rep < 10; rep++)
      for (const f of feeds) {
        const t = performance.now();
        await s.run(f);
        ts.push(performance.now() - t);
      }
    p50[level] = pct(ts, 0.5);
    await s.release();
  }
  let differ = 0,
    total = 0;
  outs.disabled.forEach((a, i) =>
    a.forEach((v, j) => {
      total++;
      if (!Object.is(v, outs.basic[i][j])) differ++;
    }),
  );
  return { disabled: p50.disabled, basic: p50.basic, differ, total };
}

function startup() {
  const child = fileURLToPath(new URL('./onnx-startup.ts', import.meta.url));
  const runs = [0, 1, 2].map(
    () =>
      JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8' }).trim()) as {
        load: number;
        compile: number;
        again: number;
        native: number;
      },
  );
  const med = (k: keyof (typeof runs)[0]) =>
    pct(
      runs.map((r) => r[k]),
      0.5,
    );
  return { load: med('load'), compile: med('compile'), again: med('again'), native: med('native') };
}

export async function run() {
  const r = prng(7);
  const model = (bytes: Uint8Array): RunnerModel => ({
    id: Buffer.from(sha256(bytes)).toString('hex'),
    bytes,
    scaleBits: 16,
  });
  const vecs = (shape: number[]) => () =>
    tensorFrom('float32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, r));
  const mk = (name: string, m: RunnerModel, next: () => TensorInput): Case => ({
    name,
    model: m,
    input: next(),
    batchInputs: Array.from({ length: K }, next),
  });
  const cases: Case[] = [
    mk('Iris MLP 4→16→3', model(readReferenceModel(IRIS_MLP).bytes), () =>
      tensorFrom('float32', [1, 4], [6 + r(), 3 + r(), 4 + 2 * r(), 1.3 + r()]),
    ),
    mk('regressor 3→8→1', model(readReferenceModel(REGRESSOR).bytes), () =>
      tensorFrom('float32', [1, 3], [6 + r(), 3 + r(), 4 + 2 * r()]),
    ),
    mk('MLP 256→512→512→10', model(seededMlp([256, 512, 512, 10], 1)), vecs([1, 256])),
    mk('CNN 3×16×16 → 10', model(seededCnn(2)), vecs([1, ...CNN_INPUT])),
  ];
  const consensus = await OnnxRunner.create({ engine: 'consensus' });
  const native = await OnnxRunner.create({ engine: 'native' });
  const results: Record<string, Awaited<ReturnType<typeof timeCase>>> = {};
  try {
    console.log(
      `per inference, µs (${ITER} interleaved runs). bare = onnxruntime-web session.run on a prebuilt tensor; bare+T also builds the tensor`,
    );
    console.log(
      'model                  bare p50   p99 | consensus p50   p99  ×bare ×bare+T | native p50   p99  consensus÷native',
    );
    for (const c of cases) {
      const m = await timeCase(consensus, native, c);
      results[c.name] = m;
      console.log(
        `${c.name.padEnd(21)}${us(m.bare50).padStart(9)} ${us(m.bare99).padStart(5)} |${us(m.cons50).padStart(14)} ${us(m.cons99).padStart(5)} ${x(m.cons50, m.bare50).padStart(6)} ${x(m.cons50, m.bareT50).padStart(7)} |${us(m.nat50).padStart(11)} ${us(m.nat99).padStart(5)}  ${x(m.cons50, m.nat50).padStart(8)}`,
      );
    }
    console.log(`\n${K} task inputs, µs per input: K runs vs one runBatch, per engine`);
    console.log('model                  consensus singles  runBatch  speed-up | native singles  runBatch  speed-up');
    for (const c of cases) {
      const m = results[c.name];
      console.log(
        `${c.name.padEnd(21)}${us(m.consSingles).padStart(18)} ${us(m.consBatch).padStart(9)} ${x(m.consSingles, m.consBatch).padStart(9)} |${us(m.natSingles).padStart(15)} ${us(m.natBatch).padStart(9)} ${x(m.natSingles, m.natBatch).padStart(9)}`,
      );
    }
  } finally {
    await Promise.all([consensus.close(), native.close()]);
  }

  console.log(
    `\nconsensus graph level (pinned: disabled), p50 µs of session.run over ${K} inputs, and output bits that differ`,
  );
  for (const c of cases) {
    const l = await levels(c);
    console.log(
      `${c.name.padEnd(21)} disabled ${us(l.disabled).padStart(6)}  basic ${us(l.basic).padStart(6)}  (basic ÷ disabled ${x(l.basic, l.disabled)})  elements differing ${l.differ}/${l.total}`,
    );
  }

  const s = startup();
  console.log(
    `\nstart-up, fresh process (median of 3), ms: load onnxruntime-web + guards + sha256 of the .wasm ${s.load.toFixed(0)}; `
      + `first consensus runner (compiles the module) ${s.compile.toFixed(0)}; a second one ${s.again.toFixed(1)}; native runner ${s.native.toFixed(0)} `
      + `(consensus start ÷ native start ${x(s.load + s.compile, s.native)})`,
  );

  // checkModel on a ~1 MiB model (512×512 float32 weights), baseline: decoding the same bytes alone.
  const big = seededMlp([512, 512], 3);
  const time = (f: () => void) => {
    const xs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      f();
      xs.push(performance.now() - t);
    }
    return pct(xs, 0.5);
  };
  time(() => checkModel(big));
  const check = time(() => checkModel(big));
  const decode = time(() => onnx.ModelProto.decode(big));
  console.log(
    `checkModel, ${(big.length / 1048576).toFixed(2)} MiB model: ${check.toFixed(2)} ms p50 (protobuf decode alone ${decode.toFixed(2)} ms, ×${(check / decode).toFixed(2)})`,
  );
  return { results, startup: s, checkMs: check, decodeMs: decode };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
