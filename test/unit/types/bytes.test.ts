import test from 'tape';
import { createHash } from 'node:crypto';
import {
  bytesEqual,
  compareBytes,
  concatBytes,
  fromHex,
  fromUtf8,
  isHex,
  lenPrefixed,
  prefixEnd,
  readU64,
  sha256,
  sha256Hex,
  toHex,
  toHexUpper,
  u64,
  utf8,
} from '../../../chain/store/bytes.js';
import { xorshift32 } from '../../support/prng.js';

const SEED = 0xb17e5;

test('bytes: sha256 and hex agree with node:crypto on random inputs', (t) => {
  const r = xorshift32(SEED);
  let bad = 0;
  for (let i = 0; i < 300; i++) {
    const b = Uint8Array.from({ length: r.below(200) }, () => r.below(256));
    const want = createHash('sha256').update(b).digest('hex');
    if (
      toHex(sha256(b)) !== want
      || sha256Hex(b) !== want
      || toHexUpper(b) !== toHex(b).toUpperCase()
      || !bytesEqual(fromHex(toHex(b)), b)
      || !bytesEqual(fromHex(toHexUpper(b)), b)
    )
      bad++;
  }
  t.equal(bad, 0, `seed ${SEED}: 300 digests and hex round trips`);
  t.equal(
    sha256Hex(new Uint8Array(0)),
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'sha256 of nothing',
  );
  t.equal(toHex(new Uint8Array([1, 2, 3]).subarray(1)), '0203', 'a subarray is encoded by its own bytes only');
  t.end();
});

test('bytes: bad hex throws instead of truncating', (t) => {
  for (const s of ['0', 'abc', 'zz', '0g', '12 34', '0x12']) {
    t.notOk(isHex(s), `${JSON.stringify(s)} is not hex`);
    t.throws(() => fromHex(s), /not an even-length hex string/, `fromHex(${JSON.stringify(s)}) throws`);
  }
  t.deepEqual(fromHex(''), new Uint8Array(0), 'the empty string is zero bytes');
  t.end();
});

test('bytes: u64 is big-endian so byte order is numeric order', (t) => {
  const r = xorshift32(SEED + 1);
  let bad = 0;
  for (let i = 0; i < 500; i++) {
    const a = (BigInt(r.below(4294967296)) << 32n) | BigInt(r.below(4294967296));
    const b = (BigInt(r.below(4294967296)) << 32n) | BigInt(r.below(4294967296));
    if (readU64(u64(a)) !== a || Math.sign(compareBytes(u64(a), u64(b))) !== (a < b ? -1 : a > b ? 1 : 0)) bad++;
  }
  t.equal(bad, 0, `seed ${SEED + 1}: 500 u64 pairs`);
  t.equal(readU64(concatBytes(Uint8Array.of(9), u64(258n)), 1), 258n, 'readU64 at an offset');
  t.throws(() => u64(-1n), RangeError, 'a negative u64 throws');
  t.throws(() => u64(1n << 64n), RangeError, 'a u64 above 2^64-1 throws');
  t.end();
});

test('bytes: concat, compare, utf8, lenPrefixed, prefixEnd', (t) => {
  t.deepEqual(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)), Uint8Array.of(1, 2, 3), 'concat');
  t.ok(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0)) < 0, 'a prefix sorts first');
  t.equal(fromUtf8(utf8('dé')), 'dé', 'utf8 round trip');
  t.deepEqual(lenPrefixed(Uint8Array.of(7, 8)), Uint8Array.of(2, 7, 8), 'length prefix');
  t.deepEqual(prefixEnd(Uint8Array.of(1, 0xff)), Uint8Array.of(2), 'prefixEnd carries');
  t.equal(prefixEnd(Uint8Array.of(0xff, 0xff)), undefined, 'no end after all-0xff');
  t.end();
});
