import test from 'tape';
import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import {
  addressKey,
  CollectionError,
  decimalValue,
  index,
  protoValue,
  Schema,
  stringKey,
  tupleKey,
  u64Key,
  u8Key,
  hexKey,
} from '../../../../chain/store/collections/index.js';
import { paginate } from '../../../../chain/types/pagination.js';
import { bytes, hex, memSource } from './helpers.js';

const MODULE = Uint8Array.of(0x42);
const A = Uint8Array.from({ length: 20 }, () => 0xaa);
const B = Uint8Array.from({ length: 20 }, () => 0xbb);
const C = Uint8Array.from({ length: 32 }, () => 0x01);

test('Item: get/set/has/delete/mustGet under the module prefix and its own byte', (t) => {
  const src = memSource();
  const params = new Schema(MODULE).item(0x03, 'params', protoValue(Coin));
  t.equal(params.get(src), undefined, 'absent before set');
  t.throws(() => params.mustGet(src), /params is not set/, 'mustGet names the item');
  t.throws(() => params.mustGet(src, () => new RangeError('custom')), RangeError, 'mustGet uses the caller error');
  params.set(src, { denom: 'uaic', amount: '7' });
  t.equal(
    hex(src.state.get(bytes(0x42, 0x03))),
    hex(Coin.encode({ denom: 'uaic', amount: '7' }).finish()),
    'stored at prefix ‖ byte',
  );
  t.ok(params.has(src), 'has');
  t.deepEqual(params.mustGet(src), { denom: 'uaic', amount: '7' }, 'reads back');
  params.delete(src);
  t.notOk(params.has(src), 'deleted');
  t.end();
});

test('Sequence: counts from 0, stored as u64 BE', (t) => {
  const src = memSource();
  const seq = new Schema(MODULE).sequence(0x02, 'next');
  t.equal(seq.peek(src), 0n, 'starts at 0');
  t.equal(seq.next(src), 0n, 'takes 0');
  t.equal(seq.next(src), 1n, 'takes 1');
  t.equal(hex(src.state.get(bytes(0x42, 0x02))), '0000000000000002', 'stores the next one');
  seq.set(src, 10n);
  t.equal(seq.peek(src), 10n, 'set');
  t.end();
});

test('Schema: two collections under one byte throw at declaration', (t) => {
  const s = new Schema(MODULE);
  s.item(0x01, 'a', decimalValue);
  t.throws(() => s.map(0x01, 'b', stringKey, decimalValue), /b and a both use prefix 0x1/, 'collision named');
  t.throws(() => s.item(256, 'c', decimalValue), CollectionError, 'prefix above one byte');
  t.end();
});

test('StateMap: the bank layout (address, denom) -> decimal, byte for byte, with prefix ranges by address', (t) => {
  const src = memSource();
  const balances = new Schema(MODULE).map(0x01, 'balances', tupleKey(addressKey, stringKey), decimalValue);
  balances.set(src, [B, 'uaic'], 5n);
  balances.set(src, [A, 'zeta'], 2n);
  balances.set(src, [A, 'uaic'], 1n);
  t.equal(
    Buffer.from(src.state.get(bytes(0x42, 0x01, 20, A, 'uaic'))!).toString(),
    '1',
    'key and value as bank wrote them',
  );
  // An old store's bytes decode.
  src.state.set(bytes(0x42, 0x01, 20, B, 'stake'), Buffer.from('99'));
  t.equal(balances.get(src, [B, 'stake']), 99n, 'decodes bytes written by hand');
  t.deepEqual(
    [...balances.entries(src)],
    [
      [A, 'uaic', 1n],
      [A, 'zeta', 2n],
      [B, 'stake', 99n],
      [B, 'uaic', 5n],
    ].map(([a, d, n]) => [[a, d], n]),
    'ascending by address then denom',
  );
  t.deepEqual(
    [...balances.keys(src, { prefix: [A] })].map(([, d]) => d),
    ['uaic', 'zeta'],
    'prefix range: one address',
  );
  t.deepEqual(
    [...balances.keys(src, { prefix: [B], reverse: true })].map(([, d]) => d),
    ['uaic', 'stake'],
    'prefix range descending',
  );
  t.deepEqual([...balances.keys(src, { prefix: [Uint8Array.of(1)] })], [], 'empty prefix range');
  // A 1-byte address whose byte equals another address's length byte must not leak into the other's range.
  const short = Uint8Array.of(20);
  balances.set(src, [short, 'x'], 3n);
  t.deepEqual(
    [...balances.keys(src, { prefix: [short] })].map(([, d]) => d),
    ['x'],
    'length prefix keeps ranges apart',
  );
  t.ok(balances.has(src, [A, 'uaic']), 'has');
  balances.delete(src, [A, 'uaic']);
  t.equal(balances.get(src, [A, 'uaic']), undefined, 'deleted');
  t.throws(() => balances.mustGet(src, [A, 'uaic']), /balances has no entry \(aaaa.*"uaic"\)/, 'mustGet names the key');
  t.end();
});

test('StateMap: u64 keys iterate numerically; from/to/through bounds, whole keys or leading parts', (t) => {
  const src = memSource();
  const queue = new Schema(MODULE).map(0x04, 'queue', tupleKey(u64Key, u8Key, hexKey(32)), decimalValue);
  const id = '01'.repeat(32);
  for (const time of [300n, 2n, 256n, 1n, 70000n]) queue.set(src, [time, 1, id], time);
  queue.set(src, [256n, 0, id], 0n);
  const times = (r?: Parameters<typeof queue.keys>[1]) =>
    [...queue.keys(src, r)].map(([time, kind]) => `${time}/${kind}`);
  t.deepEqual(times(), ['1/1', '2/1', '256/0', '256/1', '300/1', '70000/1'], 'numeric order, then kind');
  t.deepEqual(times({ through: [256n] }), ['1/1', '2/1', '256/0', '256/1'], 'through a time: everything due by then');
  t.deepEqual(times({ to: [256n] }), ['1/1', '2/1'], 'to is exclusive');
  t.deepEqual(times({ from: [256n, 1], to: [70000n] }), ['256/1', '300/1'], 'from leading parts');
  t.deepEqual(times({ from: [2n, 1, id], through: [256n, 0] }), ['2/1', '256/0'], 'whole-key from, two-part through');
  t.deepEqual(times({ prefix: [256n], reverse: true }), ['256/1', '256/0'], 'prefix descending');
  t.deepEqual(times({ prefix: [256n], from: [300n] }), [], 'from past the prefix: empty');
  t.deepEqual(times({ from: [300n], to: [2n] }), [], 'inverted bounds: empty');
  t.throws(() => times({ to: [1n], through: [1n] }), CollectionError, 'to and through together');
  t.deepEqual([...queue.values(src, { through: [2n] })], [1n, 2n], 'values in range');
  t.end();
});

test('StateMap: store()/entry() give paginate() the map space, narrowed by a prefix', (t) => {
  const src = memSource();
  const balances = new Schema(MODULE).map(0x01, 'balances', tupleKey(addressKey, stringKey), decimalValue);
  for (const d of ['a', 'b', 'c']) balances.set(src, [A, d], 1n);
  balances.set(src, [B, 'a'], 2n);
  const p1 = paginate(
    balances.store(src, [A]),
    { key: new Uint8Array(), offset: 0n, limit: 2n, countTotal: true, reverse: false },
    (e) => balances.entry(e, [A]),
  );
  t.deepEqual(
    p1.items.map(([[, d], n]) => `${d}=${n}`),
    ['a=1', 'b=1'],
    'first page of one address',
  );
  t.equal(Buffer.from(p1.pagination.nextKey).toString(), 'c', 'next key relative to the prefix');
  t.equal(p1.pagination.total, 3n, 'total of that address only');
  const all = paginate(balances.store(src), undefined, (e) => balances.entry(e));
  t.equal(all.items.length, 4, 'whole map');
  t.end();
});

test('IndexedMap: a reversed-pair index and a conditional queue stay consistent on set, overwrite and delete', (t) => {
  const src = memSource();
  const s = new Schema(MODULE);
  const byVal = s.keySet(0x04, 'by_validator', tupleKey(addressKey, addressKey));
  const dueQueue = s.keySet(0x05, 'due', tupleKey(u64Key, addressKey, addressKey));
  const dels = s.indexedMap(0x03, 'delegations', tupleKey(addressKey, addressKey), protoValue(Coin), [
    index(byVal, ([d, v]: [Uint8Array, Uint8Array]) => [v, d]),
    index(dueQueue, ([d, v]: [Uint8Array, Uint8Array], c: Coin) =>
      c.amount === '0' ? undefined : [BigInt(c.amount), d, v],
    ),
  ]);
  const check = (what: string) => {
    const primary = [...dels.entries(src)];
    const idx = [...byVal.keys(src)];
    t.deepEqual(
      idx.map(([v, d]) => hex(d) + hex(v)).sort(),
      primary.map(([[d, v]]) => hex(d) + hex(v)).sort(),
      `${what}: index = primary keys`,
    );
    const due = [...dueQueue.keys(src)].map(([n, d, v]) => `${n}:${hex(d)}${hex(v)}`).sort();
    const want = primary
      .filter(([, c]) => c.amount !== '0')
      .map(([[d, v], c]) => `${c.amount}:${hex(d)}${hex(v)}`)
      .sort();
    t.deepEqual(due, want, `${what}: queue = non-zero entries at their amount`);
  };
  dels.set(src, [A, B], { denom: 'x', amount: '5' });
  dels.set(src, [B, A], { denom: 'x', amount: '0' });
  dels.set(src, [A, C], { denom: 'x', amount: '9' });
  check('after inserts');
  t.ok(byVal.has(src, [B, A]), 'index key (validator, delegator) stored');
  t.equal(hex(src.state.get(bytes(0x42, 0x04, 20, B, 20, A))), '', 'index entry is an empty value under its own byte');
  dels.set(src, [A, B], { denom: 'x', amount: '7' });
  check('after an overwrite that moves the queue entry');
  t.notOk(dueQueue.has(src, [5n, A, B]), 'old queue entry gone');
  dels.set(src, [B, A], { denom: 'x', amount: '3' }, { denom: 'x', amount: '0' });
  check('after set with the previous value given');
  dels.delete(src, [A, C]);
  dels.delete(src, [C, C]);
  check('after deletes (one absent)');
  t.deepEqual(
    [...byVal.keys(src, { prefix: [B] })].map(([, d]) => hex(d)),
    [hex(A)],
    'lookup by validator',
  );
  t.deepEqual(
    [...dueQueue.keys(src, { through: [5n] })].map(([n]) => n),
    [3n],
    'queue due by 5',
  );
  t.end();
});

test('KeySet: a marker value other than empty (as staking stores missed blocks)', (t) => {
  const src = memSource();
  const missed = new Schema(MODULE).keySet(0x0e, 'missed', tupleKey(addressKey, u64Key), Uint8Array.of(1));
  missed.add(src, [A, 3n]);
  t.equal(hex(src.state.get(bytes(0x42, 0x0e, 20, A, 0, 0, 0, 0, 0, 0, 0, 3))), '01', 'marker stored');
  t.ok(missed.has(src, [A, 3n]), 'has');
  missed.delete(src, [A, 3n]);
  t.notOk(missed.has(src, [A, 3n]), 'deleted');
  t.end();
});

test('StateMap: a prefix of all 0xff bytes runs to the end of the space, and bounds still apply', (t) => {
  const src = memSource();
  const m = new Schema(MODULE).map(0x07, 'm', tupleKey(u8Key, u64Key), decimalValue);
  for (const [a, b] of [
    [0xfe, 1n],
    [0xff, 1n],
    [0xff, 2n],
    [0xff, 9n],
  ] as const)
    m.set(src, [a, b], b);
  t.deepEqual([...m.values(src, { prefix: [0xff] })], [1n, 2n, 9n], 'prefix 0xff');
  t.deepEqual([...m.values(src, { prefix: [0xff], to: [0xff, 9n] })], [1n, 2n], 'prefix 0xff with an upper bound');
  t.end();
});
