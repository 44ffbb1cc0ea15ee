// checkModel answers a Conv or pooling node with impossible spatial attributes (a zero stride, a short pads or strides
// list, a negative dilation) with a ModelCheckError, never a RangeError: the fuzzer found the FLOP estimate turning
// them into Infinity or NaN and BigInt() throwing.
import test from 'tape';
import { GraphBuilder, attr } from '../../../../native/onnx/builder.js';
import { checkModel, ModelCheckError } from '../../../../native/onnx/check.js';
import type { AttrValue } from '../../../../native/onnx/builder.js';

const conv = (a: Record<string, AttrValue>) =>
  new GraphBuilder('conv')
    .input('x', 'float32', [1, 1, 8, 8])
    .output('y', 'float32', [1, 2, 6, 6])
    .initializer('W', 'float32', [2, 1, 3, 3], new Float32Array(18).fill(0.1))
    .node('Conv', ['x', 'W'], ['c'], a)
    .node('Relu', ['c'], ['y'])
    .build();
const pool = (a: Record<string, AttrValue>) =>
  new GraphBuilder('pool')
    .input('x', 'float32', [1, 1, 8, 8])
    .output('y', 'float32', [1, 1, 4, 4])
    .node('MaxPool', ['x'], ['y'], { kernel_shape: attr.ints([2, 2]), ...a })
    .build();

test('impossible spatial attributes are a BAD_GRAPH ModelCheckError', (t) => {
  const cases: Array<[string, Uint8Array]> = [
    ['Conv strides [0, 0]', conv({ strides: attr.ints([0, 0]) })],
    ['Conv strides of one axis', conv({ strides: attr.ints([1]) })],
    ['Conv pads of one value', conv({ pads: attr.ints([1]) })],
    ['Conv negative dilation', conv({ dilations: attr.ints([-5, 1]) })],
    ['MaxPool strides [0, 2]', pool({ strides: attr.ints([0, 2]) })],
    ['MaxPool pads of three values', pool({ pads: attr.ints([0, 0, 0]) })],
    ['MaxPool kernel_shape [0, 2]', pool({ kernel_shape: attr.ints([0, 2]) })],
  ];
  for (const [name, bytes] of cases) {
    t.throws(
      () => checkModel(bytes),
      (e: unknown) => e instanceof ModelCheckError && e.code === 'BAD_GRAPH',
      name,
    );
  }
  t.equal(
    checkModel(
      conv({ strides: attr.ints([1, 1]), pads: attr.ints([0, 0, 0, 0]), dilations: attr.ints([1, 1]) }),
    ).ops.join(','),
    'Conv,Relu',
    'explicit valid attributes pass',
  );
  t.equal(checkModel(pool({ strides: attr.ints([2, 2]) })).ops.join(','), 'MaxPool', 'a valid pool passes');
  t.end();
});
