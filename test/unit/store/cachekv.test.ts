import test from 'tape';
import { CacheKV } from '../../../chain/store/cachekv.js';
import { MemState } from '../../../chain/store/memstate.js';
import { StoreError } from '../../../chain/store/errors.js';
import type { KVStore } from '../../../chain/store/types.js';
import { fromBin, toBin } from '../../../chain/store/binkey.js';
import { dec, enc, prng } from './helpers.js';

const pairs = (it: Iterable<[Uint8Array, Uint8Array]>) => [...it].map(([k, v]) => `${dec(k)}=${dec(v)}`);

function base(): MemState {
  const s = new MemState();
  for (const k of ['a', 'c', 'e', 'g']) s.set(enc(k), enc(k));
  return s;
}

test('CacheKV reads fall through, writes and deletes stay in the cache until write()', (t) => {
  const parent = base();
  const c = new CacheKV(parent);
  t.equal(dec(c.get(enc('a'))), 'a', 'read falls through');
  c.set(enc('a'), enc('A'));
  c.delete(enc('c'));
  c.set(enc('b'), enc('B'));
  t.equal(dec(c.get(enc('a'))), 'A', 'own write wins');
  t.notOk(c.has(enc('c')), 'own delete hides the parent value');
  t.equal(dec(parent.get(enc('a'))), 'a', 'parent untouched before write');
  t.ok(parent.has(enc('c')));
  t.deepEqual(
    [...c.changes()].map(([k, v]) => [k, v && dec(v)]),
    [
      ['a', 'A'],
      ['c', null],
      ['b', 'B'],
    ],
    'changes() is the dirty set',
  );
  c.write();
  t.equal(c.size, 0, 'write() empties the cache');
  t.deepEqual(pairs(parent.iterate()), ['a=A', 'b=B', 'e=e', 'g=g'], 'write() flushes into the parent');
  t.end();
});

test('CacheKV.discard drops the writes (a failed tx)', (t) => {
  const parent = base();
  const c = new CacheKV(parent);
  c.set(enc('z'), enc('Z'));
  c.delete(enc('a'));
  c.discard();
  t.equal(c.get(enc('z')), undefined);
  t.equal(dec(c.get(enc('a'))), 'a');
  c.write();
  t.deepEqual(pairs(parent.iterate()), ['a=a', 'c=c', 'e=e', 'g=g'], 'nothing reaches the parent');
  t.end();
});

test('CacheKV merges its entries with the parent in both directions', (t) => {
  const c = new CacheKV(base());
  c.set(enc('b'), enc('B'));
  c.set(enc('e'), enc('E'));
  c.delete(enc('g'));
  c.delete(enc('x')); // a delete of a key the parent never had
  c.set(enc('h'), enc('H'));
  t.deepEqual(pairs(c.iterate()), ['a=a', 'b=B', 'c=c', 'e=E', 'h=H'], 'ascending');
  t.deepEqual(pairs(c.iterate(undefined, undefined, true)), ['h=H', 'e=E', 'c=c', 'b=B', 'a=a'], 'descending');
  t.deepEqual(pairs(c.iterate(enc('b'), enc('g'))), ['b=B', 'c=c', 'e=E'], 'ascending range');
  t.deepEqual(pairs(c.iterate(enc('b'), enc('h'), true)), ['e=E', 'c=c', 'b=B'], 'descending range');
  t.end();
});

test('nested caches: a tx cache over a block cache over the state', (t) => {
  const state = base();
  const block = new CacheKV(state);
  block.set(enc('b'), enc('B1'));
  const tx1 = new CacheKV(block);
  tx1.set(enc('b'), enc('B2'));
  tx1.delete(enc('a'));
  t.deepEqual(pairs(tx1.iterate()), ['b=B2', 'c=c', 'e=e', 'g=g'], 'tx sees its writes over the block writes');
  tx1.write();
  const tx2 = new CacheKV(block);
  tx2.set(enc('f'), enc('F'));
  tx2.discard(); // failed tx
  t.deepEqual(
    pairs(block.iterate(undefined, undefined, true)),
    ['g=g', 'e=e', 'c=c', 'b=B2'],
    'block has tx1, not tx2',
  );
  t.deepEqual(pairs(state.iterate()), ['a=a', 'c=c', 'e=e', 'g=g'], 'state untouched until the block is written');
  state.applyChanges(block.changes());
  t.deepEqual(pairs(state.iterate()), ['b=B2', 'c=c', 'e=e', 'g=g'], 'block changes applied to the state');
  t.end();
});

test('writing to a cache while iterating it is safe', (t) => {
  const c = new CacheKV(base());
  c.set(enc('d'), enc('d'));
  const seen: string[] = [];
  for (const [k] of c.iterate()) {
    seen.push(dec(k)!);
    c.delete(k); // e.g. draining a queue
    if (dec(k) === 'c') c.delete(enc('d')); // a later key deleted meanwhile is skipped
  }
  t.deepEqual(seen, ['a', 'c', 'e', 'g']);
  t.deepEqual(pairs(c.iterate()), [], 'everything deleted');
  t.end();
});

test('CacheKV works over a plain KVStore too', (t) => {
  const inner = base();
  const plain: KVStore = {
    // hides the binary fast path
    get: (k) => inner.get(k),
    has: (k) => inner.has(k),
    set: (k, v) => inner.set(k, v),
    delete: (k) => inner.delete(k),
    iterate: (s, e, r) => inner.iterate(s, e, r),
  };
  const c = new CacheKV(plain);
  c.set(enc('b'), enc('B'));
  c.delete(enc('c'));
  t.deepEqual(pairs(c.iterate(undefined, undefined, true)), ['g=g', 'e=e', 'b=B', 'a=a']);
  c.write();
  t.equal(dec(inner.get(enc('b'))), 'B');
  t.end();
});

test('an empty key is a coded error', (t) => {
  const c = new CacheKV(new MemState());
  t.throws(
    () => c.set(new Uint8Array(0), enc('v')),
    (e: unknown) => e instanceof StoreError && e.code === 'EMPTY_KEY',
  );
  t.end();
});

test('random nested caches match a plain model, in every range and both directions', (t) => {
  const r = prng(0xcace);
  const key = () => toBin(Uint8Array.from([r.int(4), r.int(8)]));
  const state = new MemState();
  const model = new Map<string, string>();
  for (let i = 0; i < 20; i++) {
    const k = key();
    state.setBin(k, enc(`s${i}`));
    model.set(k, `s${i}`);
  }
  let failures = 0;
  for (let round = 0; round < 40; round++) {
    const block = new CacheKV(state);
    const blockModel = new Map(model);
    for (let txn = 0; txn < 4; txn++) {
      const tx = new CacheKV(block);
      const txModel = new Map(blockModel);
      for (let op = 0; op < 12; op++) {
        const k = key();
        if (r.chance(0.35)) {
          tx.deleteBin(k);
          txModel.delete(k);
        } else {
          const v = `r${round}t${txn}o${op}`;
          tx.setBin(k, enc(v));
          txModel.set(k, v);
        }
      }
      // check the tx view against its model over a few random ranges
      for (let q = 0; q < 6; q++) {
        let a: string | undefined = key(),
          b: string | undefined = key();
        if (a > b) [a, b] = [b, a];
        if (r.chance(0.2)) a = undefined;
        if (r.chance(0.2)) b = undefined;
        const reverse = r.chance(0.5);
        const expected = [...txModel.keys()]
          .filter((k) => (a === undefined || k >= a) && (b === undefined || k < b))
          .sort();
        if (reverse) expected.reverse();
        const got = [
          ...tx.iterate(a === undefined ? undefined : fromBin(a), b === undefined ? undefined : fromBin(b), reverse),
        ];
        const ok =
          got.length === expected.length
          && got.every(([k, v], i) => toBin(k) === expected[i] && dec(v) === txModel.get(expected[i]));
        if (!ok) {
          failures++;
          t.fail(`round ${round} tx ${txn} range ${q} reverse=${reverse}`);
        }
      }
      if (r.chance(0.7)) {
        tx.write();
        for (const k of new Set([...blockModel.keys(), ...txModel.keys()])) {
          if (txModel.has(k)) blockModel.set(k, txModel.get(k)!);
          else blockModel.delete(k);
        }
      } else tx.discard();
    }
    state.applyChanges(block.changes());
    model.clear();
    for (const [k, v] of blockModel) model.set(k, v);
    const all = [...state.iterate()].map(([k, v]) => [toBin(k), dec(v)]);
    const exp = [...model].sort(([x], [y]) => (x < y ? -1 : 1));
    if (JSON.stringify(all) !== JSON.stringify(exp)) {
      failures++;
      t.fail(`state after round ${round}`);
    }
  }
  t.equal(failures, 0, '40 blocks of 4 txs with random writes, deletes, discards and range scans');
  t.end();
});
