// Trains the reference models on the embedded Iris data and writes them as ONNX:
//   native/models/iris-mlp.onnx   classifier, 4 → 16 (Relu) → 3 (Softmax), probabilities out
//   native/models/regressor.onnx  petal width from the other three measurements, 3 → 8 (Tanh) → 1
// Plain TypeScript full-batch Adam in float64 with a seeded PRNG, so a rerun writes the same bytes on this machine.
// Standardisation (mean/std of the training split) is baked into each graph: the models take raw centimetres.
// Then each written model is run through the OnnxRunner and its accuracy re-measured from the canonical outputs.
// Run: node --import tsx scripts/train-reference-models.ts
import { writeFileSync } from 'node:fs';
import { GraphBuilder, attr } from '../native/onnx/builder.js';
import { checkModel, checkSpec } from '../native/onnx/check.js';
import { OnnxRunner } from '../native/onnx/runner.js';
import { tensorFrom } from '../native/onnx/tensor.js';
import { IRIS_MLP, REGRESSOR, loadIris, readReferenceModel, type IrisRow } from '../native/models/index.js';

/** mulberry32: a seeded PRNG for initial weights and the train/test split (training only, never consensus). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mat = Float64Array; // row-major

interface Net {
  W1: Mat;
  b1: Mat;
  W2: Mat;
  b2: Mat;
  nIn: number;
  nHid: number;
  nOut: number;
}

function initNet(nIn: number, nHid: number, nOut: number, rand: () => number): Net {
  const he = (fanIn: number, n: number) =>
    Float64Array.from({ length: n }, () => (rand() * 2 - 1) * Math.sqrt(3 / fanIn));
  return {
    W1: he(nIn, nIn * nHid),
    b1: new Float64Array(nHid),
    W2: he(nHid, nHid * nOut),
    b2: new Float64Array(nOut),
    nIn,
    nHid,
    nOut,
  };
}

type Act = 'relu' | 'tanh';
const act = (a: Act, z: number) => (a === 'relu' ? Math.max(0, z) : Math.tanh(z));
const dact = (a: Act, z: number, h: number) => (a === 'relu' ? (z > 0 ? 1 : 0) : 1 - h * h);

function forward(net: Net, x: number[], a: Act) {
  const { nIn, nHid, nOut } = net;
  const z1 = new Float64Array(nHid),
    h = new Float64Array(nHid),
    o = new Float64Array(nOut);
  for (let j = 0; j < nHid; j++) {
    let s = net.b1[j];
    for (let i = 0; i < nIn; i++) s += x[i] * net.W1[i * nHid + j];
    z1[j] = s;
    h[j] = act(a, s);
  }
  for (let k = 0; k < nOut; k++) {
    let s = net.b2[k];
    for (let j = 0; j < nHid; j++) s += h[j] * net.W2[j * nOut + k];
    o[k] = s;
  }
  return { z1, h, o };
}

function softmax(o: Float64Array): Float64Array {
  const m = Math.max(...o);
  const e = o.map((v) => Math.exp(v - m));
  const s = e.reduce((x, y) => x + y, 0);
  return e.map((v) => v / s);
}

/** Full-batch Adam. `dOut(o, i)` returns dLoss/dOutput for sample i. */
function train(
  net: Net,
  xs: number[][],
  a: Act,
  dOut: (o: Float64Array, i: number) => Float64Array,
  epochs: number,
  lr: number,
) {
  const params = [net.W1, net.b1, net.W2, net.b2];
  const m = params.map((p) => new Float64Array(p.length)),
    v = params.map((p) => new Float64Array(p.length));
  const { nIn, nHid, nOut } = net;
  for (let t = 1; t <= epochs; t++) {
    const g = params.map((p) => new Float64Array(p.length));
    xs.forEach((x, n) => {
      const { z1, h, o } = forward(net, x, a);
      const d2 = dOut(o, n);
      const dh = new Float64Array(nHid);
      for (let k = 0; k < nOut; k++) {
        g[3][k] += d2[k];
        for (let j = 0; j < nHid; j++) {
          g[2][j * nOut + k] += h[j] * d2[k];
          dh[j] += net.W2[j * nOut + k] * d2[k];
        }
      }
      for (let j = 0; j < nHid; j++) {
        const d1 = dh[j] * dact(a, z1[j], h[j]);
        g[1][j] += d1;
        for (let i = 0; i < nIn; i++) g[0][i * nHid + j] += x[i] * d1;
      }
    });
    params.forEach((p, pi) => {
      for (let i = 0; i < p.length; i++) {
        const gi = g[pi][i] / xs.length;
        m[pi][i] = 0.9 * m[pi][i] + 0.1 * gi;
        v[pi][i] = 0.999 * v[pi][i] + 0.001 * gi * gi;
        const mh = m[pi][i] / (1 - 0.9 ** t),
          vh = v[pi][i] / (1 - 0.999 ** t);
        p[i] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
      }
    });
  }
}

function stats(xs: number[][]) {
  const d = xs[0].length;
  const mean = Array.from({ length: d }, (_, i) => xs.reduce((s, x) => s + x[i], 0) / xs.length);
  const std = Array.from({ length: d }, (_, i) =>
    Math.sqrt(xs.reduce((s, x) => s + (x[i] - mean[i]) ** 2, 0) / xs.length),
  );
  return { mean, std };
}
const standardise = (xs: number[][], st: { mean: number[]; std: number[] }) =>
  xs.map((x) => x.map((v, i) => (v - st.mean[i]) / st.std[i]));

/** Stratified split: `testPerClass` rows of each class held out. */
function split(rows: IrisRow[], testPerClass: number, rand: () => number) {
  const train: IrisRow[] = [],
    test: IrisRow[] = [];
  for (const c of [0, 1, 2]) {
    const cls = rows.filter((r) => r.label === c);
    for (let i = cls.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [cls[i], cls[j]] = [cls[j], cls[i]];
    }
    test.push(...cls.slice(0, testPerClass));
    train.push(...cls.slice(testPerClass));
  }
  return { train, test };
}

const f32 = (a: ArrayLike<number>) => Float32Array.from(a);

function exportNet(
  net: Net,
  st: { mean: number[]; std: number[] },
  io: { input: string; output: string },
  kind: 'classifier' | 'regressor',
): Uint8Array {
  const g = new GraphBuilder(kind === 'classifier' ? 'iris_mlp' : 'iris_petal_width')
    .input(io.input, 'float32', ['batch', net.nIn])
    .output(io.output, 'float32', ['batch', net.nOut])
    .initializer('mean', 'float32', [net.nIn], f32(st.mean))
    .initializer('std', 'float32', [net.nIn], f32(st.std))
    .initializer('W1', 'float32', [net.nIn, net.nHid], f32(net.W1))
    .initializer('b1', 'float32', [net.nHid], f32(net.b1))
    .initializer('W2', 'float32', [net.nHid, net.nOut], f32(net.W2))
    .initializer('b2', 'float32', [net.nOut], f32(net.b2))
    .node('Sub', [io.input, 'mean'], ['centred'])
    .node('Div', ['centred', 'std'], ['standardised']);
  if (kind === 'classifier') {
    g.node('Gemm', ['standardised', 'W1', 'b1'], ['z1'])
      .node('Relu', ['z1'], ['h'])
      .node('Gemm', ['h', 'W2', 'b2'], ['logits'])
      .node('Softmax', ['logits'], [io.output], { axis: attr.int(-1) });
  } else {
    g.node('MatMul', ['standardised', 'W1'], ['m1'])
      .node('Add', ['m1', 'b1'], ['z1'])
      .node('Tanh', ['z1'], ['h'])
      .node('MatMul', ['h', 'W2'], ['m2'])
      .node('Add', ['m2', 'b2'], [io.output]);
  }
  return g.build({ opset: 17, producerName: 'aichain scripts/train-reference-models.ts', docString: kind });
}

async function main() {
  const rows = loadIris();
  const counts = [0, 1, 2].map((c) => rows.filter((r) => r.label === c).length);
  if (rows.length !== 150 || counts.some((c) => c !== 50))
    throw new Error(`iris.csv: expected 150 rows, 50 per class; got ${counts}`);
  const rand = prng(20240601);
  const { train: tr, test: te } = split(rows, 10, rand);

  // Classifier.
  const st = stats(tr.map((r) => r.features));
  const xs = standardise(
    tr.map((r) => r.features),
    st,
  );
  const net = initNet(4, 16, 3, rand);
  train(
    net,
    xs,
    'relu',
    (o, i) => {
      const p = softmax(o);
      p[tr[i].label] -= 1;
      return p;
    },
    1500,
    0.01,
  );
  const acc = (set: IrisRow[]) =>
    set.filter((r) => {
      const p = forward(net, standardise([r.features], st)[0], 'relu').o;
      return p.indexOf(Math.max(...p)) === r.label;
    }).length / set.length;
  console.log(
    `iris-mlp: train accuracy ${(acc(tr) * 100).toFixed(1)}% (${tr.length} rows), test ${(acc(te) * 100).toFixed(1)}% (${te.length} rows)`,
  );
  const irisBytes = exportNet(net, st, { input: 'features', output: 'probabilities' }, 'classifier');

  // Regressor: petal width from the other three, on the same split.
  const rx = (r: IrisRow) => r.features.slice(0, 3);
  const rst = stats(tr.map(rx));
  const rxs = standardise(tr.map(rx), rst);
  const rnet = initNet(3, 8, 1, rand);
  train(rnet, rxs, 'tanh', (o, i) => Float64Array.of(2 * (o[0] - tr[i].features[3])), 3000, 0.01);
  const rmse = (set: IrisRow[]) =>
    Math.sqrt(
      set.reduce((s, r) => s + (forward(rnet, standardise([rx(r)], rst)[0], 'tanh').o[0] - r.features[3]) ** 2, 0)
        / set.length,
    );
  console.log(
    `regressor: train RMSE ${rmse(tr).toFixed(4)} cm, test RMSE ${rmse(te).toFixed(4)} cm (petal width sd ${stats(rows.map((r) => [r.features[3]])).std[0].toFixed(3)} cm)`,
  );
  const regBytes = exportNet(rnet, rst, { input: 'measurements', output: 'petal_width' }, 'regressor');

  for (const [m, bytes] of [
    [IRIS_MLP, irisBytes],
    [REGRESSOR, regBytes],
  ] as const) {
    checkSpec(checkModel(bytes), m.spec);
    writeFileSync(m.path, bytes);
    console.log(`wrote ${m.path} (${bytes.length} bytes)`);
  }

  // Re-measure through the deterministic runner, from canonical outputs.
  const runner = await OnnxRunner.create();
  try {
    const iris = readReferenceModel(IRIS_MLP);
    const all = tensorFrom(
      'float32',
      [rows.length, 4],
      rows.flatMap((r) => r.features),
    );
    const r = await runner.run({ ...iris, scaleBits: IRIS_MLP.scaleBits }, all);
    if (!r.ok) throw new Error(`runner: ${r.code} ${r.message}`);
    let right = 0;
    rows.forEach((row, i) => {
      const p = r.output.values.slice(i * 3, i * 3 + 3);
      let best = 0;
      for (let k = 1; k < 3; k++) if (p[k] > p[best]) best = k;
      if (best === row.label) right++;
    });
    console.log(`iris-mlp via OnnxRunner: ${right}/150 correct on all rows (${(right / 1.5).toFixed(1)}%)`);
    const reg = readReferenceModel(REGRESSOR);
    const rr = await runner.run(
      { ...reg, scaleBits: REGRESSOR.scaleBits },
      tensorFrom('float32', [rows.length, 3], rows.flatMap(rx)),
    );
    if (!rr.ok) throw new Error(`runner: ${rr.code} ${rr.message}`);
    const err = Math.sqrt(
      rows.reduce((s, row, i) => s + (Number(rr.output.values[i]) / 2 ** REGRESSOR.scaleBits - row.features[3]) ** 2, 0)
        / rows.length,
    );
    console.log(`regressor via OnnxRunner: RMSE ${err.toFixed(4)} cm on all rows`);
  } finally {
    await runner.close();
  }
}

await main();
