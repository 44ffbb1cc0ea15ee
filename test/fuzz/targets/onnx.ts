// Target onnx: checkModel (native/onnx/check.ts) on mutated reference models (native/models) and builder-made
// models. It must answer every input with a summary or a ModelCheckError, the same answer twice (it is consensus
// code: the models module calls it at registration), and quickly.
import { checkModel, ModelCheckError, type ModelLimits } from '../../../native/onnx/check.js';
import { GraphBuilder, attr } from '../../../native/onnx/builder.js';
import { REFERENCE_MODELS, readReferenceModel } from '../../../native/models/index.js';
import { FuzzFailure, type FuzzTarget } from '../target.js';

// The chain's default registration limits (models params) are far below these; use tight ones so the cost and
// size checks are reached too.
const LIMITS: ModelLimits = { maxBytes: 1_000_000, maxParams: 1_000_000n, maxFlops: 100_000_000n };

function builderModels(): Uint8Array[] {
  const mlp = new GraphBuilder('mlp').input('x', 'float32', [1, 4]).output('y', 'float32', [1, 3])
    .initializer('W', 'float32', [4, 3], new Float32Array(12).fill(0.5)).initializer('b', 'float32', [3], new Float32Array(3))
    .node('MatMul', ['x', 'W'], ['h']).node('Add', ['h', 'b'], ['z']).node('Softmax', ['z'], ['y'], { axis: attr.int(1) }).build();
  const conv = new GraphBuilder('conv').input('x', 'float32', [1, 1, 8, 8]).output('y', 'float32', [1, 2, 6, 6])
    .initializer('W', 'float32', [2, 1, 3, 3], new Float32Array(18).fill(0.1))
    .node('Conv', ['x', 'W'], ['c'], { kernel_shape: attr.ints([3, 3]) }).node('Relu', ['c'], ['y']).build();
  const reshape = new GraphBuilder('reshape').input('x', 'float32', ['batch', 6]).output('y', 'float32', ['batch', 2, 3])
    .initializer('s', 'int64', [3], BigInt64Array.from([-1n, 2n, 3n]))
    .node('Reshape', ['x', 's'], ['r']).node('Transpose', ['r'], ['t'], { perm: attr.ints([0, 1, 2]) }).node('Identity', ['t'], ['y']).build();
  return [mlp, conv, reshape];
}

type Outcome = string;
function outcome(bytes: Uint8Array): Outcome {
  try {
    const s = checkModel(bytes, LIMITS);
    return `ok ${s.irVersion} ${s.opset} ${s.paramCount} ${s.flops} ${s.nodeCount} ${s.ops.join(',')} ${JSON.stringify([s.inputs, s.outputs])}`;
  } catch (e) {
    if (e instanceof ModelCheckError) return `${e.code} ${e.message}`;
    throw new FuzzFailure(`checkModel threw ${(e as Error)?.name}, not a ModelCheckError: ${(e as Error)?.stack ?? e}`);
  }
}

export async function onnxTarget(_seed: number): Promise<FuzzTarget> {
  const corpus = [...REFERENCE_MODELS.map((m) => readReferenceModel(m).bytes), ...builderModels()];
  const counts = { accepted: 0, rejected: 0 };
  return {
    name: 'onnx',
    corpus,
    run(input) {
      const a = outcome(input);
      const b = outcome(Uint8Array.from(input));
      if (a !== b) throw new FuzzFailure(`checkModel gave two answers for the same bytes: ${a.slice(0, 200)} / ${b.slice(0, 200)}`, 'mismatch');
      if (a.startsWith('ok ')) counts.accepted++; else counts.rejected++;
    },
    stats: () => ({ ...counts }),
    async close() {},
  };
}
