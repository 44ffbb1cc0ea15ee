// Digests of long outputs: argmax indices per row; ±1 sketches from a seed — deterministic, seed-dependent, and
// compared so an honest output within the tolerance always passes and one large error always shows.
import test from 'tape';
import { digest, digestFor, digestRule, sketchSeed } from '../../../../modules/verify/digest.js';
import { compare } from '../../../../native/onnx/compare.js';

const seed = sketchSeed(new Uint8Array(32).fill(7), 42n);
const sketch = { argmaxRow: 0, sketchSeed: seed, sketchSize: 16 };

test('digest: argmax models report the index of the largest value per row (first wins on ties)', (t) => {
  const d = digestFor({ kind: 'argmax', rowLength: 3 }, 9, 4, 16, seed);
  t.ok('digest' in d && d.length === 3, 'three rows of three: three indices');
  if (!('digest' in d)) return t.end();
  t.deepEqual(digest(d.digest, [1n, 5n, 2n, 9n, 9n, 0n, -3n, -2n, -1n]), [1n, 0n, 2n], 'per-row argmax, ties → first');
  t.deepEqual(digestRule(d.digest, { kind: 'argmax', rowLength: 3 }, 9), { kind: 'exact' }, 'compared exactly');
  const tooMany = digestFor({ kind: 'argmax', rowLength: 2 }, 20, 4, 16, seed);
  t.ok('why' in tooMany, 'ten rows do not fit four values: not verifiable');
  t.end();
});

test('digest: sketches are deterministic, depend on the seed, and have sketch_size values', (t) => {
  const v = Array.from({ length: 1000 }, (_, i) => BigInt((i * 7919) % 65536) - 32768n);
  const a = digest(sketch, v);
  t.equal(a.length, 16, 'sketch_size values');
  t.deepEqual(digest(sketch, v), a, 'the same seed and output: the same sketch');
  const other = digest({ ...sketch, sketchSeed: sketchSeed(new Uint8Array(32).fill(8), 42n) }, v);
  t.notDeepEqual(other, a, 'another app hash: another matrix');
  t.ok('why' in digestFor({ kind: 'exact' }, 1000, 256, 0, seed), 'sketch_size 0: long outputs not verifiable');
  t.end();
});

test('digest: tolerance sketches accept every output within t and catch one element beyond (2n − 1) · t', (t) => {
  const n = 500,
    tol = 4n;
  const v = Array.from({ length: n }, (_, i) => BigInt(i * 13 - 2000));
  const rule = digestRule(sketch, { kind: 'tolerance', tolerance: tol }, n);
  t.deepEqual(rule, { kind: 'tolerance', tolerance: tol * BigInt(n) }, 'n · t per sketch value');
  let accepted = 0;
  for (let k = 0; k < 20; k++) {
    const near = v.map((x, i) => x + (((i * 31 + k * 17) % 9) - 4 === 0 ? 0n : BigInt(((i * 31 + k * 17) % 9) - 4)));
    if (compare(rule, digest(sketch, v), digest(sketch, near)).match) accepted++;
  }
  t.equal(accepted, 20, 'twenty outputs with every element within ±4: all accepted');
  const far = [...v];
  far[123] += (2n * BigInt(n) - 1n) * tol + 1n;
  t.notOk(compare(rule, digest(sketch, v), digest(sketch, far)).match, 'one element off by (2n − 1) · t + 1: caught');
  const exact = digestRule(sketch, { kind: 'exact' }, n);
  const off = [...v];
  off[0] += 1n;
  t.notOk(compare(exact, digest(sketch, v), digest(sketch, off)).match, 'exact: one unit off anywhere is caught');
  t.end();
});
