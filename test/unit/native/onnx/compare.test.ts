import test from 'tape';
import { compare, argmax, maxAbsDiff } from '../../../../native/onnx/compare.js';

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
  t.notOk(compare({ kind: 'argmax', rowLength: 4 }, [1n, 2n, 3n], [1n, 2n, 3n]).match, 'row length must divide the length');
  t.end();
});
