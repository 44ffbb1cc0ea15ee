import test from 'tape';
import { compare, argmax, maxAbsDiff, float32UlpUnits } from '../../../../native/onnx/compare.js';

test('compare exact', (t) => {
  t.ok(compare({ kind: 'exact' }, [1n, -2n], [1n, -2n]).match, 'equal vectors match');
  t.notOk(compare({ kind: 'exact' }, [1n, -2n], [1n, -3n]).match, 'one unit off does not');
  t.notOk(compare({ kind: 'exact' }, [1n], [1n, 0n]).match, 'different lengths never match');
  t.ok(compare({ kind: 'exact' }, [], []).match, 'two empty vectors match');
  t.end();
});

test('compare tolerance', (t) => {
  const r = { kind: 'tolerance' as const, tolerance: 3n };
  t.ok(compare(r, [10n, -10n], [13n, -7n]).match, 'exactly at the tolerance matches');
  t.notOk(compare(r, [10n, -10n], [14n, -10n]).match, 'one past it does not');
  t.notOk(compare(r, [-2n], [2n]).match, 'distance across zero counts fully (4 > 3)');
  t.ok(compare({ kind: 'tolerance', tolerance: 0n }, [5n], [5n]).match, 'tolerance 0 is exact');
  t.notOk(compare({ kind: 'tolerance', tolerance: -1n }, [5n], [5n]).match, 'a negative tolerance matches nothing');
  const huge = 2n ** 63n - 1n;
  t.notOk(compare(r, [huge], [-huge]).match, 'int64 extremes: bigint arithmetic, no overflow');
  t.equal(maxAbsDiff([1n, 5n], [4n, 5n]), 3n, 'maxAbsDiff');
  t.equal(maxAbsDiff([1n], []), -1n, 'maxAbsDiff of different lengths is -1');
  t.end();
});

test('compare argmax', (t) => {
  const r = { kind: 'argmax' as const };
  t.ok(compare(r, [1n, 9n, 3n], [0n, 5n, 4n]).match, 'same top index, different values');
  t.notOk(compare(r, [1n, 9n, 3n], [0n, 5n, 6n]).match, 'different top index');
  t.equal(argmax([4n, 7n, 7n, 1n]), 1, 'ties go to the lowest index');
  t.ok(compare(r, [7n, 7n], [7n, 6n]).match, 'a tie resolves to index 0, matching a clear 0');
  t.notOk(compare(r, [7n, 7n], [6n, 7n]).match, 'a tie (→ 0) does not match a clear 1');
  t.notOk(compare(r, [], []).match, 'empty vectors have no argmax');
  t.equal(argmax([-5n, -3n, -9n]), 1, 'negative values');
  const rows = { kind: 'argmax' as const, rowLength: 3 };
  t.ok(compare(rows, [1n, 9n, 0n, 5n, 0n, 0n], [2n, 8n, 0n, 9n, 1n, 1n]).match, 'per row: both rows agree');
  t.notOk(compare(rows, [1n, 9n, 0n, 5n, 0n, 0n], [2n, 8n, 0n, 0n, 1n, 1n]).match, 'per row: second row differs');
  t.notOk(
    compare({ kind: 'argmax', rowLength: 4 }, [1n, 2n, 3n], [1n, 2n, 3n]).match,
    'row length must divide the length',
  );
  t.end();
});

test('compare: float32UlpUnits is one float32 ulp in canonical units at that magnitude', (t) => {
  t.equal(float32UlpUnits(7000n << 16n), 32n, 'an output near 7,000 at scale 16: 32 units (DESIGN §6)');
  t.equal(float32UlpUnits(1n << 16n), 1n, 'a probability at scale 16: below one unit → 1');
  t.equal(float32UlpUnits(0n), 1n, 'zero → 1');
  t.equal(float32UlpUnits(-(7000n << 16n)), 32n, 'sign does not matter');
  const bits = new DataView(new ArrayBuffer(4));
  let checked = 0;
  for (const x of [3.25, 100.5, 1234.5678, 7000, 65535.5, 1e6 + 0.5, 3e7]) {
    for (const s of [8, 16, 24]) {
      bits.setFloat32(0, x);
      const a = bits.getFloat32(0);
      bits.setUint32(0, bits.getUint32(0) + 1); // the next float32 up
      const ulp = (bits.getFloat32(0) - a) * 2 ** s;
      if (ulp < 1) continue;
      t.equal(float32UlpUnits(BigInt(Math.round(a * 2 ** s))), BigInt(ulp), `x = ${x}, scale ${s}: ${ulp} units`);
      checked++;
    }
  }
  t.ok(checked >= 10, `${checked} magnitudes checked against real float32 neighbours`);
  t.end();
});
