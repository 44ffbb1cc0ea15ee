// Seeded test models: an MLP and a small CNN with weights from a tiny deterministic PRNG, so every process (and every
// emulated CPU in the cross-CPU test) builds the same bytes. Used by tests, benchmarks and the level measurement.
import { GraphBuilder, attr } from './builder.js';

/** xorshift32, uniform in [-0.5, 0.5). Plain integer arithmetic: the same sequence everywhere. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32 - 0.5;
  };
}

const floats = (n: number, r: () => number, scale = 1) => Float32Array.from({ length: n }, () => r() * scale);

/** Gemm + Relu layers, Gemm last; input [batch, sizes[0]] → output [batch, sizes.at(-1)]. */
export function seededMlp(sizes: number[], seed: number): Uint8Array {
  const r = prng(seed);
  const g = new GraphBuilder('seeded_mlp')
    .input('x', 'float32', ['batch', sizes[0]])
    .output('y', 'float32', ['batch', sizes.at(-1)!]);
  let prev = 'x';
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [a, b] = [sizes[l], sizes[l + 1]];
    g.initializer(`W${l}`, 'float32', [a, b], floats(a * b, r, 2 / Math.sqrt(a))).initializer(
      `b${l}`,
      'float32',
      [b],
      floats(b, r),
    );
    const last = l + 2 === sizes.length;
    g.node('Gemm', [prev, `W${l}`, `b${l}`], [last ? 'y' : `z${l}`]);
    if (!last) g.node('Relu', [`z${l}`], [`h${l}`]);
    prev = `h${l}`;
  }
  return g.build();
}

/** The CNN's input shape after the batch dim: 3 channels of 16×16. */
export const CNN_INPUT = [3, 16, 16] as const;

/**
 * Conv 3→8 (3×3, pad 1) → BatchNormalization → Relu → MaxPool 2 → Conv 8→16 (3×3, pad 1) → Relu →
 * GlobalAveragePool → Flatten → Gemm 16→10 → Softmax: input [batch, 3, 16, 16] → [batch, 10].
 */
export function seededCnn(seed: number): Uint8Array {
  const r = prng(seed);
  const g = new GraphBuilder('seeded_cnn')
    .input('x', 'float32', ['batch', ...CNN_INPUT])
    .output('y', 'float32', ['batch', 10])
    .initializer('W1', 'float32', [8, 3, 3, 3], floats(8 * 27, r, 2 / Math.sqrt(27)))
    .initializer('B1', 'float32', [8], floats(8, r, 0.2))
    .initializer(
      'scale',
      'float32',
      [8],
      Float32Array.from({ length: 8 }, () => 1 + r() / 2),
    )
    .initializer('bias', 'float32', [8], floats(8, r, 0.2))
    .initializer('mean', 'float32', [8], floats(8, r, 0.2))
    .initializer(
      'var',
      'float32',
      [8],
      Float32Array.from({ length: 8 }, () => 1 + r() / 2),
    )
    .initializer('W2', 'float32', [16, 8, 3, 3], floats(16 * 72, r, 2 / Math.sqrt(72)))
    .initializer('B2', 'float32', [16], floats(16, r, 0.2))
    .initializer('W3', 'float32', [16, 10], floats(160, r, 2 / Math.sqrt(16)))
    .initializer('B3', 'float32', [10], floats(10, r, 0.2));
  const conv = { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 1, 1, 1]) };
  return g
    .node('Conv', ['x', 'W1', 'B1'], ['c1'], conv)
    .node('BatchNormalization', ['c1', 'scale', 'bias', 'mean', 'var'], ['n1'])
    .node('Relu', ['n1'], ['r1'])
    .node('MaxPool', ['r1'], ['p1'], { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) })
    .node('Conv', ['p1', 'W2', 'B2'], ['c2'], conv)
    .node('Relu', ['c2'], ['r2'])
    .node('GlobalAveragePool', ['r2'], ['g'])
    .node('Flatten', ['g'], ['f'])
    .node('Gemm', ['f', 'W3', 'B3'], ['logits'])
    .node('Softmax', ['logits'], ['y'], { axis: attr.int(1) })
    .build();
}
