import test from 'tape';
import {
  roundScaled,
  canonicaliseInto,
  canonicalEncoding,
  canonicalHash,
  MAX_SCALE_BITS,
  validScaleBits,
  fromScaled,
  decodeCanonical,
} from '../../../../native/onnx/canonical.js';
import { LIMITS as MODELS_LIMITS } from '../../../../modules/models/validate.js';

test('roundScaled: half away from zero, exactly', (t) => {
  const cases: Array<[number, number, bigint]> = [
    [0.5, 0, 1n],
    [-0.5, 0, -1n],
    [1.5, 0, 2n],
    [2.5, 0, 3n],
    [-2.5, 0, -3n],
    [0.49999999999999994, 0, 0n], // the classic trap for floor(x + 0.5)
    [-0.49999999999999994, 0, 0n],
    [0.4999999, 0, 0n],
    [1.25, 1, 3n],
    [-1.25, 1, -3n],
    [1.2, 1, 2n],
    [-0, 16, 0n],
    [0, 16, 0n],
    [1, 16, 65536n],
    [0.1, 16, 6554n], // 0.1 · 65536 = 6553.6
    [Math.fround(0.7), 16, 45875n], // 45875.19…
    [2 ** 52 + 2, 0, 4503599627370498n], // beyond 2^52: already an integer
    [2 ** 62, 0, 4611686018427387904n],
  ];
  for (const [x, s, want] of cases) t.equal(roundScaled(x, s), want, `round(${x} · 2^${s}) = ${want}`);
  t.equal(roundScaled(NaN, 8), undefined, 'NaN has no canonical value');
  t.equal(roundScaled(Infinity, 8), undefined, '+Inf has none');
  t.equal(roundScaled(-Infinity, 8), undefined, '-Inf has none');
  t.equal(roundScaled(2 ** 63, 0), undefined, '2^63 does not fit int64');
  t.equal(roundScaled(-(2 ** 63), 0), undefined, '-2^63 is refused too (|t| ≥ 2^63: one rule both ways)');
  t.equal(roundScaled(3.4e38, 16), undefined, 'float32 max · 2^16 does not fit');
  t.end();
});

test('canonicaliseInto: floats scaled, ints unchanged, NaN/Inf and overflow are coded errors', (t) => {
  const v: bigint[] = [];
  t.deepEqual(
    canonicaliseInto(v, 'p', 'float32', Float32Array.from([0.25, -0.75]), 4),
    { ok: true, value: undefined },
    'float32 ok',
  );
  t.deepEqual(
    canonicaliseInto(v, 'i', 'int64', BigInt64Array.from([-(2n ** 63n), 7n]), 4),
    { ok: true, value: undefined },
    'int64 ok',
  );
  t.deepEqual(canonicaliseInto(v, 'b', 'bool', Uint8Array.from([1, 0]), 4), { ok: true, value: undefined }, 'bool ok');
  t.deepEqual(v, [4n, -12n, -(2n ** 63n), 7n, 1n, 0n], 'values in order; ints not scaled');
  const nan = canonicaliseInto([], 'p', 'float32', Float32Array.from([1, NaN]), 4);
  t.ok(!nan.ok && nan.code === 'NON_FINITE', 'NaN → NON_FINITE');
  const inf = canonicaliseInto([], 'p', 'float64', Float64Array.from([-Infinity]), 4);
  t.ok(!inf.ok && inf.code === 'NON_FINITE', '-Inf → NON_FINITE');
  const big = canonicaliseInto([], 'p', 'float64', Float64Array.from([1e300]), 4);
  t.ok(!big.ok && big.code === 'OUT_OF_RANGE', 'too large → OUT_OF_RANGE');
  const scale = canonicaliseInto([], 'p', 'float32', Float32Array.from([1]), 33);
  t.ok(!scale.ok && scale.code === 'BAD_SCALE', 'scale_bits 33 → BAD_SCALE');
  t.ok(
    validScaleBits(0) && validScaleBits(32) && !validScaleBits(33) && !validScaleBits(-1) && !validScaleBits(1.5),
    'scale range 0..32, integers',
  );
  t.equal(
    MAX_SCALE_BITS,
    MODELS_LIMITS.maxScaleBits,
    'one scale_bits range: the runner accepts exactly what the models module registers',
  );
  t.end();
});

test('canonicalEncoding: fixed big-endian layout; the hash binds shapes and values', (t) => {
  const enc = canonicalEncoding([[1, 2]], [1n, -1n]);
  t.equal(
    Buffer.from(enc).toString('hex'),
    '00000001' + '00000002' + '00000001' + '00000002' + '0000000000000002' + '0000000000000001' + 'ffffffffffffffff',
    'count, rank, dims, value count, int64 values',
  );
  t.notEqual(canonicalHash([[1, 2]], [1n, 2n]), canonicalHash([[2, 1]], [1n, 2n]), 'shape is hashed');
  t.notEqual(canonicalHash([[2]], [1n, 2n]), canonicalHash([[2]], [2n, 1n]), 'order is hashed');
  t.equal(canonicalHash([[2]], [1n, 2n]), canonicalHash([[2]], [1n, 2n]), 'same input, same hash');
  t.end();
});

test('fromScaled: the inverse of roundScaled, within half a canonical unit', (t) => {
  for (const [x, s] of [
    [0.123456789, 16],
    [-3.75, 16],
    [1e6 + 0.3, 8],
    [Math.fround(0.1), 32],
    [-7, 0],
  ] as Array<[number, number]>) {
    const back = fromScaled(roundScaled(x, s)!, s);
    t.ok(Math.abs(back - x) <= 2 ** -(s + 1), `${x} at ${s} bits reads back as ${back}`);
  }
  t.equal(fromScaled(98304n, 16), 1.5, 'exact when the value is a multiple of the unit');
  t.equal(fromScaled(-(1n << 62n), 16), -(2 ** 46), 'int64-sized values round to the nearest double');
  t.throws(() => fromScaled(1n, 33), RangeError, 'scale bits outside 0..32 are refused');
  t.end();
});

test('decodeCanonical: splits the concatenated values by shape; floats scaled back, integers as they are', (t) => {
  const out = decodeCanonical(
    [
      { name: 'p', dtype: 'float32', shape: [1n, 3n] },
      { name: 'label', dtype: 'int64', shape: [1] },
    ],
    [32768n, 65536n, -16384n, 2n],
    16,
  );
  t.deepEqual(
    out,
    [
      { name: 'p', dtype: 'float32', shape: [1, 3], values: [0.5, 1, -0.25] },
      { name: 'label', dtype: 'int64', shape: [1], values: [2] },
    ],
    'two tensors, the float one divided by 2^16',
  );
  t.throws(
    () => decodeCanonical([{ name: 'p', dtype: 'float32', shape: [2] }], [1n, 2n, 3n], 16),
    /3 values, the shapes hold 2/,
    'more values than the shapes hold is refused',
  );
  t.throws(
    () => decodeCanonical([{ name: 'p', dtype: 'float32', shape: [4] }], [1n], 16),
    /more than 1 values/,
    'fewer too',
  );
  t.end();
});
