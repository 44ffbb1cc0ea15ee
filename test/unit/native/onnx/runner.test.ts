import test from 'tape';
import { sha256 } from '@noble/hashes/sha2.js';
import { OnnxRunner, type RunnerModel, type RunResult } from '../../../../native/onnx/runner.js';
import { OnnxEnvironmentError } from '../../../../native/onnx/errors.js';
import { ENGINE_KINDS } from '../../../../native/onnx/engine.js';
import { GraphBuilder } from '../../../../native/onnx/builder.js';
import { tensorFrom } from '../../../../native/onnx/tensor.js';
import { IRIS_MLP, REGRESSOR, loadIris, readReferenceModel } from '../../../../native/models/index.js';
import { compare } from '../../../../native/onnx/compare.js';

const hex = (b: Uint8Array) => Buffer.from(sha256(b)).toString('hex');
const model = (bytes: Uint8Array, scaleBits = 16): RunnerModel => ({ id: hex(bytes), bytes, scaleBits });
const iris = { ...readReferenceModel(IRIS_MLP), scaleBits: IRIS_MLP.scaleBits };
const reg = { ...readReferenceModel(REGRESSOR), scaleBits: REGRESSOR.scaleBits };
const irisRow = (f: number[]) => tensorFrom('float32', [1, 4], f);

function errorCode(r: RunResult): string {
  return r.ok ? 'ok' : r.code;
}

for (const engine of ENGINE_KINDS) {
  test(`runner (${engine}): the Iris classifier classifies and its canonical output has the declared shape`, async (t) => {
    const runner = await OnnxRunner.create({ engine });
    try {
      const r = await runner.run(iris, irisRow(IRIS_MLP.example));
      if (!r.ok) return t.fail(`${r.code}: ${r.message}`);
      t.deepEqual(r.output.tensors, [{ name: 'probabilities', dtype: 'float32', shape: [1, 3] }], 'one output, [1, 3]');
      t.equal(r.output.values.length, 3, 'three canonical values');
      const sum = r.output.values.reduce((a, b) => a + b, 0n);
      t.ok(sum >= 65536n - 2n && sum <= 65536n + 2n, `probabilities sum to ~1 (${sum} / 2^16)`);
      t.ok(compare({ kind: 'argmax' }, r.output.values, [0n, 0n, 1n]).match, 'the example (a virginica) is class 2');
      const setosa = await runner.run(iris, irisRow([5.1, 3.5, 1.4, 0.2]));
      t.ok(setosa.ok && compare({ kind: 'argmax' }, setosa.output.values, [1n, 0n, 0n]).match, 'row 1 is setosa');
      const p = await runner.run(reg, tensorFrom('float32', [1, 3], REGRESSOR.example));
      t.ok(
        p.ok && Math.abs(Number(p.output.values[0]) / 65536 - 1.8) < 0.5,
        'regressor predicts a petal width near 1.8 cm',
      );
    } finally {
      await runner.close();
    }
  });

  test(`runner (${engine}): runBatch equals single runs bit for bit, and bad inputs in a batch fail alone`, async (t) => {
    const runner = await OnnxRunner.create({ engine });
    try {
      const rows = loadIris();
      const inputs = rows.filter((_, i) => i % 9 === 0).map((r) => irisRow(r.features));
      inputs.push(
        tensorFrom(
          'float32',
          [3, 4],
          rows.slice(60, 63).flatMap((r) => r.features),
        ),
      ); // a 3-row task
      inputs.splice(4, 0, tensorFrom('float32', [1, 3], [1, 2, 3])); // a bad one in the middle
      const batch = await runner.runBatch(iris, inputs);
      t.equal(batch.length, inputs.length, 'one result per input');
      t.equal(errorCode(batch[4]), 'BAD_SHAPE', 'the bad input fails alone');
      let same = 0;
      for (let i = 0; i < inputs.length; i++) {
        if (i === 4) continue;
        const single = await runner.run(iris, inputs[i]);
        const b = batch[i];
        if (
          single.ok
          && b.ok
          && single.output.sha256 === b.output.sha256
          && JSON.stringify(single.output.tensors) === JSON.stringify(b.output.tensors)
        )
          same++;
        else t.fail(`input ${i}: batched ≠ single`);
      }
      t.equal(same, inputs.length - 1, `all ${inputs.length - 1} valid inputs: batched = single (hash and shape)`);
      const regBatch = await runner.runBatch(
        reg,
        rows.slice(0, 20).map((r) => tensorFrom('float32', [1, 3], r.features.slice(0, 3))),
      );
      let regSame = 0;
      for (let i = 0; i < 20; i++) {
        const s = await runner.run(reg, tensorFrom('float32', [1, 3], rows[i].features.slice(0, 3)));
        if (s.ok && regBatch[i].ok && s.output.sha256 === (regBatch[i] as { output: { sha256: string } }).output.sha256)
          regSame++;
      }
      t.equal(regSame, 20, 'regressor: 20 batched = 20 single');
      t.deepEqual(await runner.runBatch(iris, []), [], 'an empty batch is fine');
    } finally {
      await runner.close();
    }
  });

  test(`runner (${engine}): bad inputs are coded results`, async (t) => {
    const runner = await OnnxRunner.create({ engine });
    try {
      const good = irisRow([1, 2, 3, 4]);
      t.equal(
        errorCode(await runner.run(iris, tensorFrom('int64', [1, 4], [1n, 2n, 3n, 4n]))),
        'BAD_DTYPE',
        'wrong dtype',
      );
      t.equal(
        errorCode(await runner.run(iris, tensorFrom('float32', [1, 5], [1, 2, 3, 4, 5]))),
        'BAD_SHAPE',
        'wrong shape',
      );
      t.equal(
        errorCode(await runner.run(iris, { ...good, data: good.data.subarray(1) })),
        'BAD_BYTE_LENGTH',
        'wrong byte length',
      );
      t.equal(errorCode(await runner.run({ ...iris, scaleBits: 60 }, good)), 'BAD_SCALE', 'scale_bits out of range');
      t.equal(errorCode(await runner.run(iris, good)), 'ok', 'and a good input still runs');
    } finally {
      await runner.close();
    }
  });

  test(`runner (${engine}): models that pass checks but fail at run time give error results; the runner keeps working`, async (t) => {
    const runner = await OnnxRunner.create({ engine });
    try {
      const reshape = new GraphBuilder('bad_reshape')
        .input('x', 'float32', ['N', 4])
        .output('y', 'float32', ['N', 3])
        .initializer('shape', 'int64', [2], BigInt64Array.from([-1n, 3n]))
        .node('Reshape', ['x', 'shape'], ['y'])
        .build();
      const r1 = await runner.run(model(reshape), tensorFrom('float32', [1, 4], [1, 2, 3, 4]));
      t.equal(errorCode(r1), 'RUN_FAILED', 'Reshape of 4 values to [-1, 3] fails at run time: RUN_FAILED');
      const div = new GraphBuilder('nan')
        .input('x', 'float32', ['N', 2])
        .output('y', 'float32', ['N', 2])
        .initializer('zero', 'float32', [2], new Float32Array(2))
        .node('Div', ['x', 'zero'], ['y'])
        .build();
      t.equal(
        errorCode(await runner.run(model(div), tensorFrom('float32', [1, 2], [0, 0]))),
        'NON_FINITE',
        '0/0 → NaN → NON_FINITE',
      );
      t.equal(
        errorCode(await runner.run(model(div), tensorFrom('float32', [1, 2], [1, -1]))),
        'NON_FINITE',
        '1/0 → Inf → NON_FINITE',
      );
      const nanBatch = await runner.runBatch(model(div), [tensorFrom('float32', [1, 2], [0, 0])]);
      t.equal(errorCode(nanBatch[0]), 'NON_FINITE', 'the same through runBatch');
      const bad = new GraphBuilder()
        .input('x', 'float32', [1])
        .output('y', 'float32', [1])
        .node('Relu', ['x'], ['y'], {}, { domain: 'com.evil' })
        .build();
      t.equal(
        errorCode(await runner.run(model(bad), tensorFrom('float32', [1], [1]))),
        'CUSTOM_DOMAIN',
        'a model failing static checks is an error result',
      );
      t.equal(
        errorCode(await runner.run(model(new Uint8Array([8, 1]), 8), tensorFrom('float32', [1], [1]))),
        'NOT_ONNX',
        'not ONNX',
      );
      const typeMismatch = new GraphBuilder()
        .input('x', 'float32', [2])
        .output('y', 'float32', [2])
        .initializer('k', 'int64', [2], BigInt64Array.from([1n, 2n]))
        .node('Add', ['x', 'k'], ['y'])
        .build();
      t.equal(
        errorCode(await runner.run(model(typeMismatch), tensorFrom('float32', [2], [1, 2]))),
        'MODEL_LOAD_FAILED',
        'a graph ORT rejects',
      );
      t.equal(errorCode(await runner.run(iris, irisRow(IRIS_MLP.example))), 'ok', 'afterwards the runner still works');
    } finally {
      await runner.close();
    }
  });

  test(`runner (${engine}): cache by sha256, LRU eviction by bytes, lazy loading, corrupt bytes throw`, async (t) => {
    const runner = await OnnxRunner.create({ engine, maxCacheBytes: iris.bytes.length + 100 });
    try {
      let loads = 0;
      const lazy = {
        id: iris.id,
        scaleBits: 16,
        bytes: () => {
          loads++;
          return iris.bytes;
        },
      };
      await runner.run(lazy, irisRow([1, 2, 3, 4]));
      await runner.run(lazy, irisRow([1, 2, 3, 4]));
      t.equal(loads, 1, 'bytes are loaded once, then the session is cached');
      t.ok(runner.isCached(iris.id) && runner.cacheBytes === iris.bytes.length, 'cached, counted by model bytes');
      await runner.run(reg, tensorFrom('float32', [1, 3], [1, 2, 3]));
      t.notOk(runner.isCached(iris.id), 'over budget: the least recently used model was evicted');
      t.ok(runner.isCached(reg.id), 'the newest stays');
      const both = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((i) =>
          i % 2
            ? runner.run(iris, irisRow([5, 3, 1.5, 0.2]))
            : runner.run(reg, tensorFrom('float32', [1, 3], [5, 3, 1.5])),
        ),
      );
      t.ok(
        both.every((r) => r.ok),
        'concurrent runs across evictions all succeed',
      );
      const bad = { ...iris, id: 'ab'.repeat(32) };
      try {
        await runner.run(bad, irisRow([1, 2, 3, 4]));
        t.fail('bytes not matching the id were accepted');
      } catch (e) {
        t.ok(
          e instanceof OnnxEnvironmentError,
          'bytes not hashing to their id throw OnnxEnvironmentError (corrupt local state)',
        );
      }
    } finally {
      await runner.close();
    }
    try {
      await runner.run(iris, irisRow([1, 2, 3, 4]));
      t.fail('ran after close');
    } catch {
      t.pass('a closed runner refuses work');
    }
  });
}

test('runner: the default engine is consensus; both engines give the same coded result for each bad model or input', async (t) => {
  const byDefault = await OnnxRunner.create();
  t.equal(byDefault.engineKind, 'consensus', 'OnnxRunner.create() is the consensus engine');
  await byDefault.close();
  const runners = await Promise.all(ENGINE_KINDS.map((engine) => OnnxRunner.create({ engine })));
  try {
    t.deepEqual(
      runners.map((r) => r.engineKind),
      ['consensus', 'native'],
      'one runner per engine',
    );
    const reshape = new GraphBuilder('bad_reshape')
      .input('x', 'float32', ['N', 4])
      .output('y', 'float32', ['N', 3])
      .initializer('shape', 'int64', [2], BigInt64Array.from([-1n, 3n]))
      .node('Reshape', ['x', 'shape'], ['y'])
      .build();
    const div = new GraphBuilder('nan')
      .input('x', 'float32', ['N', 2])
      .output('y', 'float32', ['N', 2])
      .initializer('zero', 'float32', [2], new Float32Array(2))
      .node('Div', ['x', 'zero'], ['y'])
      .build();
    const typeMismatch = new GraphBuilder()
      .input('x', 'float32', [2])
      .output('y', 'float32', [2])
      .initializer('k', 'int64', [2], BigInt64Array.from([1n, 2n]))
      .node('Add', ['x', 'k'], ['y'])
      .build();
    const cases: Array<[string, RunnerModel, Parameters<OnnxRunner['run']>[1], string]> = [
      [
        'a graph the backend cannot load (Add float32 + int64)',
        model(typeMismatch),
        tensorFrom('float32', [2], [1, 2]),
        'MODEL_LOAD_FAILED',
      ],
      ['an input that makes Reshape fail', model(reshape), tensorFrom('float32', [1, 4], [1, 2, 3, 4]), 'RUN_FAILED'],
      ['0/0 (NaN)', model(div), tensorFrom('float32', [1, 2], [0, 0]), 'NON_FINITE'],
      ['1/0 (Inf)', model(div), tensorFrom('float32', [1, 2], [1, 1]), 'NON_FINITE'],
      ['a wrong shape', iris, tensorFrom('float32', [1, 5], [1, 2, 3, 4, 5]), 'BAD_SHAPE'],
    ];
    for (const [name, m, input, code] of cases) {
      const got = await Promise.all(runners.map((r) => r.run(m, input)));
      t.deepEqual(got.map(errorCode), [code, code], `${name}: ${code} on both engines`);
    }
    const rows = loadIris()
      .slice(0, 30)
      .map((r) => irisRow(r.features));
    const [c, n] = await Promise.all(runners.map((r) => r.runBatch(iris, rows)));
    const agree = c.every(
      (x, i) =>
        x.ok
        && n[i].ok
        && compare(IRIS_MLP.rule, x.output.values, (n[i] as { output: { values: bigint[] } }).output.values).match,
    );
    t.ok(agree, "the native engine matches the canonical results by the Iris model's argmax rule on 30 rows");
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
});
