import test from 'tape';
import {
  addressKey,
  bytesKey,
  CollectionError,
  decimalValue,
  decodeKey,
  fixedBytesKey,
  hexKey,
  protoValue,
  stringKey,
  tupleKey,
  u64Key,
  u64Value,
  u8Key,
  bytesValue,
  type KeyCodec,
} from '../../../../chain/store/collections/index.js';
import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { bytes, hex } from './helpers.js';

const roundTrip = <K>(t: test.Test, c: KeyCodec<K>, k: K, want: Uint8Array) => {
  t.equal(hex(c.encode(k)), hex(want), `${c.name}: ${c.show(k)} encodes to ${hex(want)}`);
  t.deepEqual(decodeKey(c, want), k, `${c.name}: ${hex(want)} decodes back`);
};

test('key codecs encode the exact bytes the modules wrote by hand, and decode them back', (t) => {
  const addr = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
  roundTrip(t, bytesKey, addr, addr);
  roundTrip(t, addressKey, addr, bytes(20, addr));
  roundTrip(t, fixedBytesKey(20), addr, addr);
  roundTrip(t, hexKey(2), 'beef', bytes(0xbe, 0xef));
  roundTrip(t, u64Key, 258n, bytes(0, 0, 0, 0, 0, 0, 1, 2));
  roundTrip(t, u64Key, (1n << 64n) - 1n, bytes(Array(8).fill(0xff)));
  roundTrip(t, u8Key, 7, bytes(7));
  roundTrip(t, stringKey, 'uaic', bytes('uaic'));
  roundTrip(t, tupleKey(addressKey, stringKey), [addr, 'uaic'], bytes(20, addr, 'uaic'));
  roundTrip(t, tupleKey(u64Key, u8Key, hexKey(2)), [5n, 1, 'abcd'], bytes(0, 0, 0, 0, 0, 0, 0, 5, 1, 0xab, 0xcd));
  t.end();
});

test('key codecs reject values they cannot store and bytes that are not theirs', (t) => {
  const throws = (f: () => unknown, what: string) => t.throws(f, CollectionError, what);
  throws(() => u64Key.encode(-1n), 'negative u64');
  throws(() => u64Key.encode(1n << 64n), 'u64 overflow');
  throws(() => u8Key.encode(256), 'u8 overflow');
  throws(() => hexKey(2).encode('BEEF'), 'upper-case hex');
  throws(() => hexKey(2).encode('bee'), 'short hex');
  throws(() => fixedBytesKey(20).encode(new Uint8Array(19)), 'wrong fixed width');
  throws(() => addressKey.encode(new Uint8Array(256)), 'address over 255 bytes');
  throws(() => decodeKey(u64Key, bytes(1, 2, 3)), 'truncated u64');
  throws(() => decodeKey(u64Key, bytes(0, 0, 0, 0, 0, 0, 0, 1, 9)), 'trailing bytes');
  throws(() => decodeKey(addressKey, bytes(5, 1, 2)), 'address shorter than its length byte');
  throws(() => decodeKey(stringKey, bytes(0xff, 0xfe)), 'string key that is not UTF-8');
  throws(() => tupleKey(stringKey, u64Key), 'a terminal component before the last');
  throws(() => tupleKey(addressKey, u64Key).encode([new Uint8Array(1)] as never), 'tuple with too few parts');
  t.end();
});

test('u64 keys sort numerically as bytes', (t) => {
  const ns = [0n, 1n, 255n, 256n, 65535n, 1n << 32n, (1n << 63n) + 5n, (1n << 64n) - 1n];
  const shuffled = [...ns].reverse();
  const sorted = shuffled
    .map((n) => u64Key.encode(n))
    .sort(Buffer.compare)
    .map((b) => decodeKey(u64Key, b));
  t.deepEqual(sorted, ns, 'byte order of encodings is numeric order');
  t.end();
});

test('value codecs: decimal ASCII and u64 BE as stored before, protobuf through the generated codec', (t) => {
  t.equal(
    Buffer.from(decimalValue.encode(1234567890123456789012345n)).toString(),
    '1234567890123456789012345',
    'decimal digits',
  );
  t.equal(decimalValue.decode(Buffer.from('42')), 42n, 'decodes what bank wrote');
  t.equal(decimalValue.decode(Buffer.from('-3')), -3n, 'negative decimals round-trip');
  for (const bad of ['', ' 1', '1.5', '01', 'x'])
    t.throws(() => decimalValue.decode(Buffer.from(bad)), CollectionError, `rejects ${JSON.stringify(bad)}`);
  t.equal(hex(u64Value.encode(1n)), '0000000000000001', 'u64 value big-endian');
  t.equal(u64Value.decode(bytes(0, 0, 0, 0, 0, 0, 1, 0)), 256n, 'u64 value decodes');
  t.throws(() => u64Value.decode(bytes(1)), CollectionError, 'u64 value of the wrong width');
  const coin = protoValue(Coin);
  const c = { denom: 'uaic', amount: '5' };
  t.equal(hex(coin.encode(c)), hex(Coin.encode(c).finish()), 'proto value = the generated encoding');
  t.deepEqual(coin.decode(Coin.encode(c).finish()), c, 'proto value decodes');
  t.equal(bytesValue.decode(bytes(1, 2))[1], 2, 'bytes pass through');
  t.end();
});
