import test from 'tape';
import { checkInput, tensorFrom, typedView } from '../../../../native/onnx/tensor.js';
import type { IoSpec } from '../../../../native/onnx/check.js';

const decl: IoSpec[] = [{ name: 'x', dtype: 'float32', shape: ['batch', 4] }];

test('checkInput: accepts a matching tensor and reports the batch', (t) => {
  const r = checkInput(decl, tensorFrom('float32', [2, 4], [1, 2, 3, 4, 5, 6, 7, 8]));
  t.ok(r.ok && r.batch === 2 && r.tensors.length === 1, 'ok, batch 2');
  const fixed = checkInput([{ name: 'x', dtype: 'int64', shape: [3] }], tensorFrom('int64', [3], [1n, 2n, 3n]));
  t.ok(fixed.ok && fixed.batch === undefined, 'fixed shape: no batch');
  t.end();
});

test('checkInput: bad inputs are coded results', (t) => {
  const f = tensorFrom('float32', [1, 4], [1, 2, 3, 4]);
  const cases: Array<[string, Parameters<typeof checkInput>[1], string]> = [
    ['wrong dtype', tensorFrom('int32', [1, 4], [1, 2, 3, 4]), 'BAD_DTYPE'],
    ['unknown dtype', { ...f, dtype: 'float16' as never }, 'BAD_DTYPE'],
    ['wrong rank', tensorFrom('float32', [4], [1, 2, 3, 4]), 'BAD_SHAPE'],
    ['wrong fixed dim', tensorFrom('float32', [1, 5], [1, 2, 3, 4, 5]), 'BAD_SHAPE'],
    ['zero batch', { ...f, shape: [0, 4], data: new Uint8Array(0) }, 'BAD_SHAPE'],
    ['non-integer dim', { ...f, shape: [1.5, 4] }, 'BAD_SHAPE'],
    ['short data', { ...f, data: f.data.subarray(0, 15) }, 'BAD_BYTE_LENGTH'],
    ['long data', { ...f, data: new Uint8Array(17) }, 'BAD_BYTE_LENGTH'],
    ['data not bytes', { ...f, data: [1, 2] as never }, 'BAD_BYTE_LENGTH'],
    ['two tensors for one input', [f, f], 'BAD_INPUT_COUNT'],
    ['huge shape', { ...f, shape: [2 ** 40, 4] }, 'INPUT_TOO_LARGE'],
    ['not a tensor', null as never, 'BAD_DTYPE'],
  ];
  for (const [what, input, code] of cases) {
    const r = checkInput(decl, input);
    t.ok(!r.ok && r.code === code, `${what}: ${code}${r.ok ? '' : ` (${r.message})`}`);
  }
  const b = checkInput([{ name: 'm', dtype: 'bool', shape: [2] }], {
    dtype: 'bool',
    shape: [2],
    data: Uint8Array.from([1, 2]),
  });
  t.ok(!b.ok && b.code === 'BAD_BOOL', 'bool bytes other than 0/1: BAD_BOOL');
  const two: IoSpec[] = [
    { name: 'a', dtype: 'int64', shape: ['n', 2] },
    { name: 'b', dtype: 'int64', shape: ['n', 2] },
  ];
  const mism = checkInput(two, [tensorFrom('int64', [1, 2], [1n, 2n]), tensorFrom('int64', [2, 2], [1n, 2n, 3n, 4n])]);
  t.ok(!mism.ok && mism.code === 'BAD_SHAPE', 'inputs disagreeing on the batch: BAD_SHAPE');
  t.end();
});

test('typedView: little-endian bytes to an aligned typed array copy', (t) => {
  const src = tensorFrom('float32', [2], [1.5, -2]);
  const odd = new Uint8Array(src.data.length + 1);
  odd.set(src.data, 1);
  const v = typedView('float32', odd.subarray(1));
  t.deepEqual([...v], [1.5, -2], 'unaligned source read correctly');
  t.deepEqual([...typedView('int64', tensorFrom('int64', [1], [-3n]).data)], [-3n], 'int64');
  t.throws(() => tensorFrom('float32', [2], [1]), /holds 2 values/, 'tensorFrom checks the value count');
  t.end();
});
