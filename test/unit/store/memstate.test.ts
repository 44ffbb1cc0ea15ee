import test from 'tape';
import { MemState } from '../../../chain/store/memstate.js';
import { StoreError } from '../../../chain/store/errors.js';
import { changeSet, dec, enc } from './helpers.js';

const keys = (it: Iterable<[Uint8Array, Uint8Array]>) => [...it].map(([k]) => dec(k));

test('MemState keeps keys in byte order and iterates [start, end) both ways', (t) => {
  const s = new MemState();
  for (const k of ['b', 'a', 'c', 'ab', 'd']) s.set(enc(k), enc(k.toUpperCase()));
  s.set(Uint8Array.from([0xff]), enc('high'));
  s.set(Uint8Array.from([0x00]), enc('low'));
  t.equal(s.size, 7);
  t.equal(dec(s.get(enc('ab'))), 'AB');
  t.ok(s.has(enc('c')));
  t.notOk(s.has(enc('zz')));
  t.deepEqual(keys(s.iterate(enc('ab'), enc('d'))), ['ab', 'b', 'c'], 'ascending range is half-open');
  t.deepEqual(keys(s.iterate(enc('ab'), enc('d'), true)), ['c', 'b', 'ab'], 'descending range is half-open');
  t.deepEqual(keys(s.iterate(enc('a0'), enc('b0'), true)), ['b', 'ab'], 'bounds that are not keys');
  const all = [...s.iterate()].map(([k]) => Buffer.from(k).toString('hex'));
  t.deepEqual(all, ['00', '61', '6162', '62', '63', '64', 'ff'], 'bytes above 0x7f sort last');
  t.deepEqual(
    [...s.iterate(undefined, undefined, true)].map(([k]) => Buffer.from(k).toString('hex')),
    [...all].reverse(),
  );
  s.delete(enc('b'));
  t.equal(s.get(enc('b')), undefined);
  t.end();
});

test('MemState.applyChanges writes and deletes', (t) => {
  const s = new MemState();
  s.applyChanges(
    changeSet([
      ['x', '1'],
      ['y', '2'],
    ]),
  );
  s.applyChanges(
    changeSet([
      ['x', null],
      ['z', '3'],
    ]),
  );
  t.deepEqual(keys(s.iterate()), ['y', 'z']);
  t.end();
});

test('MemState rejects an empty key with a coded error', (t) => {
  const s = new MemState();
  t.throws(
    () => s.set(new Uint8Array(0), enc('v')),
    (e: unknown) => e instanceof StoreError && e.code === 'EMPTY_KEY',
  );
  t.end();
});
