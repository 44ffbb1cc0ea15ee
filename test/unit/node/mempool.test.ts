// The mempool: CheckTx admission, dedupe, limits, reaping within block bytes and gas, removal and RECHECK after Commit.
import test from 'tape';
import { CheckTxType, type RequestCheckTx, type ResponseCheckTx } from 'cosmjs-types/tendermint/abci/types';
import { Mempool, MempoolError, protoSizeOfTx } from '../../../chain/node/mempool.js';

/** tape has no rejects(): the promise must reject with an error matching `want` (a RegExp on the message or a predicate). */
async function rejects(t: test.Test, p: Promise<unknown>, want: RegExp | ((e: unknown) => boolean), msg: string) {
  try {
    await p;
    t.fail(`${msg}: did not reject`);
  } catch (e) {
    t.ok(want instanceof RegExp ? want.test(String((e as Error)?.message ?? e)) : want(e), msg);
  }
}

const te = new TextEncoder();
const ok = (gas = 1n): ResponseCheckTx => ({
  code: 0,
  data: new Uint8Array(0),
  log: '',
  info: '',
  gasWanted: gas,
  gasUsed: 0n,
  events: [],
  codespace: '',
});

/** CheckTx accepts txs not in `bad`, records every request. */
function fakeApp(bad = new Set<string>()) {
  const seen: RequestCheckTx[] = [];
  return {
    seen,
    bad,
    checkTx: async (req: RequestCheckTx) => {
      seen.push(req);
      return bad.has(new TextDecoder().decode(req.tx)) ? { ...ok(), code: 5 } : ok();
    },
  };
}

test('accepted txs queue FIFO; rejected ones do not', async (t) => {
  const app = fakeApp(new Set(['nope']));
  const m = new Mempool(app);
  t.equal((await m.checkTx(te.encode('a'))).code, 0, 'a accepted');
  t.equal((await m.checkTx(te.encode('nope'))).code, 5, 'nope rejected with the app code');
  t.equal((await m.checkTx(te.encode('b'))).code, 0, 'b accepted');
  t.deepEqual(
    m.txs().map((x) => new TextDecoder().decode(x)),
    ['a', 'b'],
    'FIFO, rejected left out',
  );
  t.equal(m.sizeBytes(), 2, 'bytes counted');
  t.equal(app.seen[0].type, CheckTxType.NEW, 'CheckTx type NEW');
  app.bad.delete('nope');
  t.equal((await m.checkTx(te.encode('nope'))).code, 0, 'a rejected tx may be sent again');
  t.end();
});

test('duplicates, oversized txs and a full pool are refused with coded errors', async (t) => {
  const m = new Mempool(fakeApp(), { maxTxs: 2, maxTxBytes: 4 });
  await m.checkTx(te.encode('a'));
  await rejects(
    t,
    m.checkTx(te.encode('a')),
    (e: unknown) => e instanceof MempoolError && e.code === 'tx_in_cache',
    'duplicate',
  );
  await rejects(
    t,
    m.checkTx(te.encode('toolong')),
    (e: unknown) => e instanceof MempoolError && e.code === 'tx_too_large',
    'too large',
  );
  await m.checkTx(te.encode('b'));
  await rejects(
    t,
    m.checkTx(te.encode('c')),
    (e: unknown) => e instanceof MempoolError && e.code === 'mempool_full',
    'full by count',
  );
  const byBytes = new Mempool(fakeApp(), { maxTxsBytes: 5 });
  await byBytes.checkTx(te.encode('abc'));
  await rejects(t, byBytes.checkTx(te.encode('def')), /mempool is full/, 'full by bytes');
  t.end();
});

test('reap stops at max bytes (as encoded in the block) and max gas', async (t) => {
  const m = new Mempool(fakeApp());
  for (const s of ['aaaa', 'bbbb', 'cccc']) await m.checkTx(te.encode(s));
  const one = BigInt(protoSizeOfTx(4));
  t.equal(one, 6n, 'a 4-byte tx takes 6 bytes in Data');
  t.equal(m.reapMaxBytesMaxGas(one * 2n, -1n).length, 2, 'two fit in 12 bytes');
  t.equal(m.reapMaxBytesMaxGas(one * 2n + 5n, -1n).length, 2, 'a third does not fit in 17');
  t.equal(m.reapMaxBytesMaxGas(-1n, 1n).length, 1, 'gas 1 allows one tx of gas 1');
  t.equal(m.reapMaxBytesMaxGas(-1n, -1n).length, 3, 'no limits: all');
  t.equal(protoSizeOfTx(200), 203, 'two-byte length prefix from 128 bytes');
  t.end();
});

test('after Commit: block txs leave, the rest are rechecked and failures dropped', async (t) => {
  const app = fakeApp();
  const m = new Mempool(app);
  for (const s of ['a', 'b', 'c']) await m.checkTx(te.encode(s));
  app.bad.add('c'); // state changed: c is no longer valid
  app.seen.length = 0;
  await m.lock(() => m.update([te.encode('a')], [0]));
  t.deepEqual(
    m.txs().map((x) => new TextDecoder().decode(x)),
    ['b'],
    'a committed, c dropped on recheck',
  );
  t.deepEqual(
    app.seen.map((r) => [new TextDecoder().decode(r.tx), r.type]),
    [
      ['b', CheckTxType.RECHECK],
      ['c', CheckTxType.RECHECK],
    ],
    'RECHECK of the rest',
  );
  await rejects(t, m.checkTx(te.encode('a')), /already exists in cache/, 'a committed tx stays in the cache');
  app.bad.delete('c');
  t.equal((await m.checkTx(te.encode('c'))).code, 0, 'a dropped tx can come back');
  t.end();
});

test('CheckTx waits while the pool is locked for Commit', async (t) => {
  const app = fakeApp();
  const m = new Mempool(app);
  const order: string[] = [];
  let release!: () => void;
  const held = m.lock(
    () =>
      new Promise<void>((r) => {
        release = () => {
          order.push('commit done');
          r();
        };
      }),
  );
  const pending = m.checkTx(te.encode('x')).then(() => order.push('checkTx done'));
  await new Promise((r) => setImmediate(r));
  t.equal(app.seen.length, 0, 'no CheckTx during the lock');
  release();
  await held;
  await pending;
  t.deepEqual(order, ['commit done', 'checkTx done'], 'CheckTx ran after the lock');
  t.end();
});
