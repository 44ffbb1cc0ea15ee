// Target onnx: checkModel (native/onnx/check.ts) on mutated reference models (native/models) and builder-made
// models. It must answer every input with a summary or a ModelCheckError, the same answer twice (it is consensus
// code: the models module calls it at registration), and quickly.
import { checkModel, ModelCheckError, type ModelLimits } from '../../../native/onnx/check.js';
import { GraphBuilder, attr } from '../../../native/onnx/builder.js';
import { REFERENCE_MODELS, readReferenceModel } from '../../../native/models/index.js';
import { onnx } from '../../../native/onnx/builder.js';
import { FuzzFailure, defaultGenerate, type FuzzTarget } from '../target.js';
import type { Mutator, Rand } from '../mutate.js';

// The chain's default registration limits (models params) are far below these; use tight ones so the cost and
// size checks are reached too.
const LIMITS: ModelLimits = { maxBytes: 1_000_000, maxParams: 1_000_000n, maxFlops: 100_000_000n };

function builderModels(): Uint8Array[] {
  const mlp = new GraphBuilder('mlp')
    .input('x', 'float32', [1, 4])
    .output('y', 'float32', [1, 3])
    .initializer('W', 'float32', [4, 3], new Float32Array(12).fill(0.5))
    .initializer('b', 'float32', [3], new Float32Array(3))
    .node('MatMul', ['x', 'W'], ['h'])
    .node('Add', ['h', 'b'], ['z'])
    .node('Softmax', ['z'], ['y'], { axis: attr.int(1) })
    .build();
  const conv = new GraphBuilder('conv')
    .input('x', 'float32', [1, 1, 8, 8])
    .output('y', 'float32', [1, 2, 6, 6])
    .initializer('W', 'float32', [2, 1, 3, 3], new Float32Array(18).fill(0.1))
    .node('Conv', ['x', 'W'], ['c'], { kernel_shape: attr.ints([3, 3]) })
    .node('Relu', ['c'], ['y'])
    .build();
  const reshape = new GraphBuilder('reshape')
    .input('x', 'float32', ['batch', 6])
    .output('y', 'float32', ['batch', 2, 3])
    .initializer('s', 'int64', [3], BigInt64Array.from([-1n, 2n, 3n]))
    .node('Reshape', ['x', 's'], ['r'])
    .node('Transpose', ['r'], ['t'], { perm: attr.ints([0, 1, 2]) })
    .node('Identity', ['t'], ['y'])
    .build();
  return [mlp, conv, reshape];
}

const OPS = [
  'Conv',
  'ConvTranspose',
  'MaxPool',
  'AveragePool',
  'MatMul',
  'Gemm',
  'Einsum',
  'Reshape',
  'Softmax',
  'If',
  'Loop',
  'Custom',
  'Add',
  'Dropout',
  'GlobalAveragePool',
];
const ATTRS = ['strides', 'pads', 'dilations', 'kernel_shape', 'group', 'transA', 'transB', 'axis', 'perm'];

function wildInt(r: Rand): number {
  const xs = [0, 1, 2, 3, -1, -7, 1 << 20, 2 ** 31 - 1, -(2 ** 31), 2 ** 40];
  return xs[r.below(xs.length)];
}

/**
 * Structure-aware: decode a corpus model, change what the checker reasons about (op types, spatial attributes,
 * dims, opsets, IR version, io shapes, node inputs), encode again. Byte mutations rarely get past the parser.
 */
function structured(r: Rand, corpus: Uint8Array[]): Uint8Array {
  // Decoded messages always carry their repeated fields; the generated types just say they may not.
  type Dim = ReturnType<typeof onnx.TensorShapeProto.Dimension.create>;
  type Io = { type?: { tensorType?: { shape?: { dim: Dim[] } } } };
  type Node = ReturnType<typeof onnx.NodeProto.create> & {
    input: string[];
    output: string[];
    attribute: Array<{ name?: string | null }>;
  };
  const m = onnx.ModelProto.decode(corpus[r.below(corpus.length)]) as unknown as {
    irVersion: number;
    opsetImport: Array<{ version: number }>;
    graph: { node: Node[]; initializer: Array<{ dims: number[] }>; input: Io[]; output: Io[] };
  };
  const g = m.graph;
  for (let k = 1 + r.below(3); k > 0; k--) {
    switch (r.below(8)) {
      case 0:
        if (g.node.length) g.node[r.below(g.node.length)].opType = OPS[r.below(OPS.length)];
        break;
      case 1:
        if (g.node.length) {
          const n = g.node[r.below(g.node.length)];
          const name = ATTRS[r.below(ATTRS.length)];
          const ints = Array.from({ length: r.below(6) }, () => wildInt(r));
          n.attribute = [
            ...n.attribute.filter((a) => a.name !== name),
            onnx.AttributeProto.create(r.below(3) ? { name, type: 7, ints } : { name, type: 2, i: wildInt(r) }),
          ];
        }
        break;
      case 2:
        if (g.initializer.length) {
          const t = g.initializer[r.below(g.initializer.length)];
          t.dims = Array.from({ length: r.below(5) }, () => wildInt(r));
        }
        break;
      case 3:
        {
          const io = r.below(2) ? g.input : g.output;
          if (io.length) {
            const dims = io[r.below(io.length)].type?.tensorType?.shape?.dim;
            if (dims?.length)
              dims[r.below(dims.length)] = r.below(3)
                ? onnx.TensorShapeProto.Dimension.create({ dimValue: wildInt(r) })
                : onnx.TensorShapeProto.Dimension.create({ dimParam: 'n' });
          }
        }
        break;
      case 4:
        m.irVersion = wildInt(r);
        break;
      case 5:
        if (m.opsetImport.length) m.opsetImport[0].version = [7, 13, 17, 21, 22, 0, -1][r.below(7)];
        break;
      case 6:
        if (g.node.length > 1) {
          const n = g.node[r.below(g.node.length)];
          n.input = [...n.input, g.node[r.below(g.node.length)].output[0] ?? 'x'];
        }
        break;
      default:
        if (g.node.length) g.node.push(onnx.NodeProto.create({ ...g.node[r.below(g.node.length)] }));
        break;
    }
  }
  return onnx.ModelProto.encode(m as unknown as Parameters<typeof onnx.ModelProto.encode>[0]).finish();
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
    generate(r: Rand, m: Mutator) {
      return r.below(2) ? structured(r, corpus) : defaultGenerate({ corpus } as FuzzTarget, r, m);
    },
    run(input) {
      const a = outcome(input);
      const b = outcome(Uint8Array.from(input));
      if (a !== b)
        throw new FuzzFailure(
          `checkModel gave two answers for the same bytes: ${a.slice(0, 200)} / ${b.slice(0, 200)}`,
          'mismatch',
        );
      if (a.startsWith('ok ')) counts.accepted++;
      else counts.rejected++;
    },
    stats: () => ({ ...counts }),
    async close() {},
  };
}
