import test from 'tape';
import { GraphBuilder, attr, encodeModel, tensorProto } from '../../../../native/onnx/builder.js';
import {
  checkModel,
  checkSpec,
  tryCheckModel,
  ModelCheckError,
  DEFAULT_LIMITS,
  type ModelCheckCode,
  type ModelLimits,
} from '../../../../native/onnx/check.js';
import { REFERENCE_MODELS, IRIS_MLP, readReferenceModel } from '../../../../native/models/index.js';

const LIMITS: ModelLimits = { maxBytes: 1 << 20, maxParams: 100_000n, maxFlops: 10_000_000n };

/** x[N,4] → MatMul W[4,3] → Relu → y[N,3]. */
function small(): GraphBuilder {
  return new GraphBuilder('small')
    .input('x', 'float32', ['N', 4])
    .output('y', 'float32', ['N', 3])
    .initializer('W', 'float32', [4, 3], new Float32Array(12).fill(0.5))
    .node('MatMul', ['x', 'W'], ['h'])
    .node('Relu', ['h'], ['y']);
}

function rejects(t: test.Test, bytes: Uint8Array, code: ModelCheckCode, what: string, limits = LIMITS) {
  try {
    checkModel(bytes, limits);
    t.fail(`${what}: accepted, expected ${code}`);
  } catch (e) {
    t.ok(e instanceof ModelCheckError, `${what}: a ModelCheckError`);
    t.equal((e as ModelCheckError).code, code, `${what}: code ${code} (${(e as Error).message})`);
  }
}

test('checkModel: a small valid model passes and is summarised', (t) => {
  const s = checkModel(small().build(), LIMITS);
  t.equal(s.irVersion, 8, 'IR version');
  t.equal(s.opset, 17, 'opset');
  t.deepEqual(s.inputs, [{ name: 'x', dtype: 'float32', shape: ['N', 4] }], 'declared input');
  t.deepEqual(s.outputs, [{ name: 'y', dtype: 'float32', shape: ['N', 3] }], 'declared output');
  t.equal(s.paramCount, 12n, 'params = initializer elements');
  t.equal(s.flops, 2n * 4n * 3n, 'MatMul FLOPs per item = 2·|A|·N');
  t.deepEqual(s.ops, ['MatMul', 'Relu'], 'ops');
  t.end();
});

test('checkModel: the reference models pass and match their declared specs', (t) => {
  for (const m of REFERENCE_MODELS) {
    const { bytes } = readReferenceModel(m);
    const s = checkModel(bytes, LIMITS);
    t.doesNotThrow(() => checkSpec(s, m.spec), `${m.name}: spec matches`);
    t.ok(s.paramCount > 0n && s.flops > 0n, `${m.name}: ${s.paramCount} params, ${s.flops} FLOPs`);
  }
  t.end();
});

test('checkModel: FLOP estimate for Gemm and Conv', (t) => {
  const gemm = new GraphBuilder()
    .input('x', 'float32', [2, 8])
    .output('y', 'float32', [2, 5])
    .initializer('W', 'float32', [8, 5], new Float32Array(40))
    .node('Gemm', ['x', 'W'], ['y'])
    .build();
  t.equal(checkModel(gemm, LIMITS).flops, 2n * 2n * 8n * 5n, 'Gemm: 2·M·K·N');
  const conv = new GraphBuilder()
    .input('x', 'float32', ['N', 3, 10, 10])
    .output('y', 'float32', ['N', 4, 5, 5])
    .initializer('K', 'float32', [4, 3, 3, 3], new Float32Array(108))
    .node('Conv', ['x', 'K'], ['y'], { strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) })
    .build();
  t.equal(checkModel(conv, LIMITS).flops, 2n * 108n * 25n, 'Conv: 2·|W|·output positions (5×5)');
  t.end();
});

test('checkModel: rejects every bad model with its code', (t) => {
  rejects(t, new TextEncoder().encode('this is not an onnx model at all, just text'), 'NOT_ONNX', 'text');
  rejects(t, new Uint8Array(0), 'NOT_ONNX', 'empty bytes');
  rejects(t, Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x07]), 'NOT_ONNX', 'bad wire type');
  const good = small().build();
  rejects(t, good.subarray(0, good.length - 7), 'TRUNCATED', 'truncated model');
  rejects(t, small().build({ irVersion: 2 }), 'IR_VERSION', 'IR version too old');
  rejects(t, small().build({ irVersion: 99 }), 'IR_VERSION', 'IR version too new');
  rejects(t, small().build({ opset: 5 }), 'OPSET', 'opset too old');
  rejects(t, small().build({ opset: 40 }), 'OPSET', 'opset too new');
  rejects(
    t,
    small()
      .node('Foo', ['y'], ['z'], {}, { domain: 'com.evil' })
      .build({ extraOpsets: [{ domain: 'com.evil', version: 1 }] }),
    'CUSTOM_DOMAIN',
    'custom domain opset',
  );
  rejects(
    t,
    small().node('Foo', ['y'], ['z'], {}, { domain: 'com.evil' }).build(),
    'CUSTOM_DOMAIN',
    'custom-domain node',
  );
  rejects(t, small().node('NonMaxSuppression', ['y'], ['z']).build(), 'DISALLOWED_OP', 'disallowed op');
  rejects(t, small().node('RandomNormalLike', ['y'], ['z']).build(), 'DISALLOWED_OP', 'random op');
  rejects(
    t,
    small().node('Dropout', ['y', 'r', 't'], ['z']).build(),
    'DISALLOWED_OP',
    'Dropout with a training_mode input',
  );
  const ext = small().initializerProto({
    ...tensorProto('E', 'float32', [2], new Float32Array(2)),
    rawData: undefined,
    dataLocation: 1,
    externalData: [{ key: 'location', value: 'weights.bin' }],
  });
  rejects(t, ext.build(), 'EXTERNAL_DATA', 'external-data initializer');
  const extConst = small().node('Constant', [], ['c'], {
    value: attr.tensor({ ...tensorProto('c', 'float32', [1], new Float32Array(1)), dataLocation: 1 }),
  });
  rejects(t, extConst.build(), 'EXTERNAL_DATA', 'external-data Constant tensor');
  rejects(t, small().build(), 'TOO_LARGE', 'oversize', { ...LIMITS, maxBytes: 64 });
  const big = small().initializer('big', 'float32', [300, 400], new Float32Array(120_000)).build();
  rejects(t, big, 'TOO_MANY_PARAMS', 'too many parameters');
  const heavy = new GraphBuilder()
    .input('x', 'float32', ['N', 200, 300])
    .output('y', 'float32', ['N', 200, 300])
    .initializer('W', 'float32', [300, 300], new Float32Array(90_000))
    .node('MatMul', ['x', 'W'], ['y'])
    .build();
  rejects(t, heavy, 'TOO_MANY_FLOPS', 'too many FLOPs (2·200·300·300 = 36M)');
  const body = new GraphBuilder('body')
    .input('c', 'bool', [])
    .output('o', 'float32', [1])
    .node('Identity', ['c'], ['o'])
    .graph();
  rejects(
    t,
    small()
      .node('If', ['y'], ['z'], { then_branch: attr.graph(body), else_branch: attr.graph(body) })
      .build(),
    'CONTROL_FLOW',
    'If',
  );
  rejects(t, small().node('Loop', ['y'], ['z']).build(), 'CONTROL_FLOW', 'Loop');
  rejects(t, small().node('Scan', ['y'], ['z']).build(), 'CONTROL_FLOW', 'Scan');
  rejects(
    t,
    small()
      .node('Relu', ['y'], ['z'], { body: attr.graph(body) })
      .build(),
    'CONTROL_FLOW',
    'any op carrying a subgraph',
  );
  t.end();
});

test('checkModel: graph and I/O problems', (t) => {
  rejects(t, encodeModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }] }), 'NOT_ONNX', 'no graph');
  const noOut = new GraphBuilder().input('x', 'float32', [1]).node('Relu', ['x'], ['y']).build();
  rejects(t, noOut, 'BAD_GRAPH', 'no outputs');
  const dangling = new GraphBuilder()
    .input('x', 'float32', [1])
    .output('z', 'float32', [1])
    .node('Relu', ['x'], ['y'])
    .build();
  rejects(t, dangling, 'BAD_GRAPH', 'output produced by no node');
  const symbolicInner = new GraphBuilder()
    .input('x', 'float32', ['N', 'M'])
    .output('y', 'float32', ['N', 'M'])
    .node('Relu', ['x'], ['y'])
    .build();
  rejects(t, symbolicInner, 'BAD_IO', 'symbolic non-batch input dim');
  const m = small().modelProto();
  m.graph!.input![0].type!.tensorType!.elemType = 10; // float16
  rejects(t, encodeModel(m), 'BAD_IO', 'float16 input');
  t.end();
});

test('checkSpec: mismatches are SPEC_MISMATCH', (t) => {
  const s = checkModel(small().build(), LIMITS);
  const ok = {
    inputs: [{ name: 'x', dtype: 'float32' as const, shape: ['batch', 4] }],
    outputs: [{ name: 'y', dtype: 'float32' as const, shape: ['b', 3] }],
  };
  t.doesNotThrow(() => checkSpec(s, ok), 'symbolic dims match whatever their names');
  const cases: Array<[string, typeof ok]> = [
    ['input name', { ...ok, inputs: [{ ...ok.inputs[0], name: 'features' }] }],
    ['input dtype', { ...ok, inputs: [{ ...ok.inputs[0], dtype: 'int64' as never }] }],
    ['input fixed dim', { ...ok, inputs: [{ ...ok.inputs[0], shape: ['batch', 5] }] }],
    ['fixed where graph is symbolic', { ...ok, inputs: [{ ...ok.inputs[0], shape: [1, 4] }] }],
    ['rank', { ...ok, outputs: [{ ...ok.outputs[0], shape: ['b', 3, 1] }] }],
    ['output count', { ...ok, outputs: [] }],
  ];
  for (const [what, spec] of cases) {
    try {
      checkSpec(s, spec);
      t.fail(`${what}: accepted`);
    } catch (e) {
      t.equal((e as ModelCheckError).code, 'SPEC_MISMATCH', `${what}: SPEC_MISMATCH`);
    }
  }
  t.end();
});

test('tryCheckModel: codes as results; checks are deterministic', (t) => {
  const r = tryCheckModel(new Uint8Array([1, 2, 3]));
  t.equal(r.ok, false, 'garbage is a result, not a throw');
  const { bytes } = readReferenceModel(IRIS_MLP);
  t.deepEqual(checkModel(bytes, DEFAULT_LIMITS), checkModel(bytes.slice(), DEFAULT_LIMITS), 'same bytes, same summary');
  t.end();
});
