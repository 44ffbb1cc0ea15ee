// The tx index and its query language: hash, height and event conditions, AND, ranges, paging and order.
import test from 'tape';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecTxResult } from 'cosmjs-types/tendermint/abci/types';
import { BlockStore } from '../../../chain/node/blockstore.js';
import { sha256 } from '../../../chain/node/merkle.js';
import { parseQuery, QueryError } from '../../../chain/node/query.js';
import { TxIndex } from '../../../chain/node/txindex.js';

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
const result = (attrs: [string, string, string, boolean][]): ExecTxResult => ({
  code: 0,
  data: new Uint8Array(0),
  log: '',
  info: '',
  gasWanted: 0n,
  gasUsed: 0n,
  codespace: '',
  events: attrs.map(([type, key, value, index]) => ({ type, attributes: [{ key, value, index }] })),
});
const HEX = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

test('query parser', (t) => {
  t.deepEqual(parseQuery("tx.hash='AB'"), [{ key: 'tx.hash', op: '=', value: 'AB' }], 'hash');
  t.deepEqual(
    parseQuery("tx.height>=5 AND transfer.amount CONTAINS 'uaic'"),
    [
      { key: 'tx.height', op: '>=', value: '5', numeric: true },
      { key: 'transfer.amount', op: 'CONTAINS', value: 'uaic' },
    ],
    'range and contains',
  );
  t.deepEqual(parseQuery('message.sender EXISTS'), [{ key: 'message.sender', op: 'EXISTS' }], 'exists');
  for (const bad of ['', 'tx.height', "a.b='x' OR c.d='y'", "a.b='open", 'a.b = x'])
    t.throws(() => parseQuery(bad), QueryError, `rejects ${JSON.stringify(bad)}`);
  t.end();
});

test('search by hash, height, events, with paging and order', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-txindex-'));
  const store = await BlockStore.open(join(dir, 'db'));
  const idx = new TxIndex(store.db);
  const txs = [te.encode('t1'), te.encode('t2'), te.encode('t3')];
  await store.db.batch(
    idx.indexOps(3n, txs.slice(0, 2), [
      result([
        ['transfer', 'sender', 'alice', true],
        ['message', 'action', 'send', true],
      ]),
      result([
        ['transfer', 'sender', 'bob', true],
        ['message', 'action', 'send', true],
        ['secret', 'k', 'v', false],
      ]),
    ]),
  );
  await store.db.batch(
    idx.indexOps(5n, txs.slice(2), [
      result([
        ['transfer', 'sender', 'alice', true],
        ['message', 'action', 'vote', true],
      ]),
    ]),
  );

  const q = async (query: string, opts = {}) =>
    (await idx.search(query, opts)).txs.map((x) => new TextDecoder().decode(x.tx));
  t.deepEqual(await q(`tx.hash='${HEX(sha256(txs[1]))}'`), ['t2'], 'by hash');
  t.deepEqual(await q(`tx.hash='${HEX(sha256(txs[1])).toLowerCase()}'`), ['t2'], 'by lower-case hash');
  t.deepEqual(await q(`tx.hash='${'0'.repeat(64)}'`), [], 'unknown hash: empty');
  t.deepEqual(await q('tx.height=3'), ['t1', 't2'], 'by height');
  t.deepEqual(await q('tx.height>3'), ['t3'], 'height range');
  t.deepEqual(await q('tx.height<=5 AND tx.height>=3'), ['t1', 't2', 't3'], 'two-sided range');
  t.deepEqual(await q("transfer.sender='alice'"), ['t1', 't3'], 'by event attribute');
  t.deepEqual(await q("transfer.sender='alice' AND message.action='send'"), ['t1'], 'AND of two attributes');
  t.deepEqual(await q("transfer.sender='alice' AND tx.height=5"), ['t3'], 'attribute AND height');
  t.deepEqual(await q("secret.k='v'"), [], 'index=false attributes are not indexed');
  t.deepEqual(await q("message.action CONTAINS 'o'"), ['t3'], 'CONTAINS');
  t.deepEqual(await q('transfer.sender EXISTS'), ['t1', 't2', 't3'], 'EXISTS');
  t.deepEqual(await q("message.action='send'", { orderBy: 'desc' }), ['t2', 't1'], 'order desc');
  t.deepEqual(await q('tx.height>=1', { perPage: 2, page: 2 }), ['t3'], 'second page');
  t.equal((await idx.search('tx.height>=1', { perPage: 2 })).total, 3, 'total counts all pages');
  await rejects(
    t,
    idx.search('tx.height>=1', { perPage: 2, page: 3 }),
    /page should be within \[1, 2\] range, given 3/,
    'page out of range',
  );
  const got = await idx.get(sha256(txs[2]));
  t.equal(got?.height, 5n, 'get: height');
  t.equal(got?.index, 0, 'get: index');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  t.end();
});
