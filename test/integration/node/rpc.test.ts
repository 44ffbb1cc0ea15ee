// The dev node's JSON-RPC against CometBFT v0.38.25's recorded answers: shapes, encodings, error codes, GET URIs,
// batches, CORS, and a real CosmJS Comet38Client on top.
import test from 'tape';
import { readFileSync } from 'node:fs';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { GetTxRequest, GetTxResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { DevNode } from '../../../chain/node/node.js';
import { KvStoreApp } from '../../support/kvstore-app.js';
import { shapeDiff } from '../../support/rpc-shape.js';
import { rpc, tempDir, testGenesis, testKey } from './helpers.js';

const fx = new URL('../../fixtures/cometbft-0.38.25/', import.meta.url);
const load = (f: string) => JSON.parse(readFileSync(new URL(f, fx), 'utf8'));
const b64 = (s: string) => Buffer.from(s).toString('base64');

const key = testKey();
const { dir, cleanup } = tempDir();
const app = new KvStoreApp();
// Blocks are made by hand (blockTimeMs 0) except where broadcast_tx_commit needs the timer: see the last test.
const node = await DevNode.start({
  app,
  genesis: testGenesis(key),
  dataDir: dir,
  privValidator: key,
  rpcLaddr: 'tcp://127.0.0.1:0',
  blockTimeMs: 0,
});
const url = node.rpcUrl;
const sync = await rpc(url, 'broadcast_tx_sync', { tx: b64('name=satoshi') });
await rpc(url, 'broadcast_tx_async', { tx: b64('foo=bar') });
const pendingNum = await rpc(url, 'num_unconfirmed_txs');
const pendingList = await rpc(url, 'unconfirmed_txs', { limit: '30' });
const invalid = await rpc(url, 'broadcast_tx_sync', { tx: b64('invalid') });
await node.produceBlock(); // height 2 holds both txs
await node.produceBlock();
await node.produceBlock();
const txHash: string = sync.result.hash;

test.onFinish(async () => {
  await node.stop();
  cleanup();
});

test('answers have the shapes CometBFT recorded', async (t) => {
  const cases: [string, unknown, string, string[]?][] = [
    ['health', {}, 'rpc/health.json'],
    ['status', {}, 'rpc/status.json'],
    ['abci_info', {}, 'rpc/abci_info.json'],
    ['genesis', {}, 'rpc/genesis.json'],
    ['block', { height: '1' }, 'rpc/block-1.json'],
    ['block', { height: '2' }, 'rpc/block-3.json'],
    ['block_results', { height: '1' }, 'rpc/block_results-1.json'],
    ['block_results', { height: '2' }, 'rpc/block_results-3.json'],
    ['commit', { height: '2' }, 'rpc/commit-3.json'],
    ['blockchain', { minHeight: '1', maxHeight: '4' }, 'rpc/blockchain.json'],
    ['validators', {}, 'rpc/validators.json'],
    ['consensus_params', {}, 'rpc/consensus_params.json'],
    ['num_unconfirmed_txs', {}, 'rpc/num_unconfirmed_txs.json'],
    ['unconfirmed_txs', {}, 'rpc/unconfirmed_txs.json'],
    ['tx', { hash: Buffer.from(txHash, 'hex').toString('base64'), prove: false }, 'rpc/tx.json'],
    ['tx_search', { query: `tx.hash='${txHash}'`, prove: false }, 'rpc/tx_search-hash.json'],
    ['tx_search', { query: 'tx.height=2', prove: false }, 'rpc/tx_search-height.json'],
    ['tx_search', { query: `tx.hash='${'0'.repeat(64)}'` }, 'rpc/tx_search-unknown.json'],
    ['abci_query', { path: '', data: '6e616d65', prove: false }, 'rpc/abci_query.json'],
    ['abci_query', { path: '', data: '6e6f6b6579' }, 'rpc/abci_query-missing.json'],
    ['check_tx', { tx: b64('checked=only') }, 'rpc/check_tx.json'],
    ['check_tx', { tx: b64('a=b=c') }, 'rpc/check_tx-invalid.json'],
  ];
  for (const [method, params, file, skip] of cases) {
    const got = await rpc(url, method, params);
    t.deepEqual(
      shapeDiff(load(file).result, got.result, 'result', skip),
      [],
      `${method} ${JSON.stringify(params)} vs ${file}`,
    );
  }
  t.deepEqual(shapeDiff(load('rpc/broadcast_tx_sync.json').result, sync.result), [], 'broadcast_tx_sync');
  t.deepEqual(
    shapeDiff(load('rpc/broadcast_tx_sync-invalid.json').result, invalid.result),
    [],
    'broadcast_tx_sync rejected',
  );
  t.equal(invalid.result.code, 2, 'rejected tx carries the CheckTx code');
  t.deepEqual(
    shapeDiff(load('rpc/num_unconfirmed_txs-pending.json').result, pendingNum.result),
    [],
    'num_unconfirmed_txs pending',
  );
  t.deepEqual(
    shapeDiff(load('rpc/unconfirmed_txs-pending.json').result, pendingList.result),
    [],
    'unconfirmed_txs pending',
  );
  t.end();
});

test('values follow CometBFT encodings', async (t) => {
  t.equal(
    txHash,
    '57D835FBBA0DBF922D8A2EDA56922C9B24E7760927F245A7684A736C4769DB8A',
    'tx hash is upper-hex sha256 of the tx',
  );
  const st = (await rpc(url, 'status')).result;
  t.equal(st.node_info.version, '0.38.25', 'version');
  t.equal(st.node_info.network, 'test-chain', 'network is the chain id');
  t.equal(st.sync_info.latest_block_height, '4', 'latest height');
  const info = (await rpc(url, 'abci_info')).result.response;
  t.equal(info.last_block_app_hash, 'BAAAAAAAAAA=', 'abci_info app hash is base64');
  t.equal(st.sync_info.latest_app_hash, '0400000000000000', 'status app hash is hex');
  const blk = (await rpc(url, 'block', { height: '1' })).result.block;
  t.equal(blk.header.time, '2026-11-27T15:44:22.060187726Z', 'block 1 time = genesis time');
  t.deepEqual(blk.last_commit.signatures, [], 'block 1 has an empty last commit');
  const res = (await rpc(url, 'block_results', { height: '1' })).result;
  t.equal(res.txs_results, null, 'empty block: txs_results null');
  const byHeight = (await rpc(url, 'tx_search', { query: 'tx.height=2', order_by: 'desc' })).result;
  t.deepEqual(
    byHeight.txs.map((x: any) => x.index),
    [1, 0],
    'order_by desc',
  );
  t.equal(byHeight.total_count, '2', 'total_count is a string');
  const chain = (await rpc(url, 'blockchain', { minHeight: '1', maxHeight: '4' })).result;
  t.deepEqual(
    chain.block_metas.map((m: any) => m.header.height),
    ['4', '3', '2', '1'],
    'blockchain lists newest first',
  );
  const c2 = (await rpc(url, 'commit', { height: '2' })).result;
  t.equal(c2.canonical, true, 'commit below the tip is canonical');
  t.equal((await rpc(url, 'commit', {})).result.canonical, false, 'commit at the tip is the seen commit');
  t.end();
});

test('errors carry CometBFT codes', async (t) => {
  t.deepEqual(
    (await rpc(url, 'no_such_method')).error,
    { code: -32601, message: 'Method not found' },
    'unknown method',
  );
  t.equal((await rpc(url, 'block', { height: 'abc' })).error.code, -32602, 'bad int param');
  const above = (await rpc(url, 'block', { height: '99999' })).error;
  t.equal(above.code, -32603, 'height above latest');
  t.equal(
    above.data,
    'height 99999 must be less than or equal to the current blockchain height 4',
    'with CometBFT text',
  );
  const unknown = (await rpc(url, 'tx', { hash: Buffer.alloc(32).toString('base64') })).error;
  t.equal(unknown.code, -32603, 'unknown tx');
  t.equal(unknown.data, `tx (${'0'.repeat(64)}) not found`, 'with CometBFT text');
  t.equal((await rpc(url, 'tx', { hash: '%%%' })).error.code, -32602, 'bad base64');
  t.equal((await rpc(url, 'tx_search', { query: 'tx.height >>' })).error.code, -32603, 'bad query');
  const r = await fetch(url, { method: 'POST', body: '{not json' });
  t.equal(r.status, 200, 'HTTP 200 on parse error');
  t.equal((await r.json()).error.code, -32700, 'parse error');
  t.end();
});

test('batches, GET URIs and CORS', async (t) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([
      { jsonrpc: '2.0', id: 1, method: 'health', params: {} },
      { jsonrpc: '2.0', id: 'two', method: 'nope' },
      { jsonrpc: '2.0', method: 'health' }, // a notification gets no answer
    ]),
  });
  t.equal(r.headers.get('access-control-allow-origin'), '*', 'CORS header');
  const batch = await r.json();
  t.equal(batch.length, 2, 'one answer per call with an id');
  t.deepEqual(batch[0], { jsonrpc: '2.0', id: 1, result: {} }, 'first answer');
  t.equal(batch[1].id, 'two', 'ids are echoed');
  t.equal(batch[1].error.code, -32601, 'second is an error');
  const positional = await rpc(url, 'block', ['1']);
  t.equal(positional.result.block.header.height, '1', 'positional params');
  const get = await (await fetch(`${url}/block?height=1`)).json();
  t.equal(get.id, -1, 'GET answers have id -1');
  t.equal(get.result.block.header.height, '1', 'GET block');
  const q = await (await fetch(`${url}/abci_query?path=""&data=0x6e616d65`)).json();
  t.equal(Buffer.from(q.result.response.value, 'base64').toString(), 'satoshi', 'GET abci_query with hex data');
  const tx = await (await fetch(`${url}/tx?hash=0x${txHash}&prove=false`)).json();
  t.equal(tx.result.height, '2', 'GET tx by 0x hash');
  const s = await (await fetch(`${url}/tx_search?query="app.key='satoshi'"`)).json();
  t.equal(s.result.total_count, '1', 'GET tx_search with a quoted query');
  t.end();
});

test('GetTx abci_query is answered by the node from its tx index', async (t) => {
  const data = Buffer.from(GetTxRequest.encode({ hash: txHash }).finish()).toString('hex');
  const r = (await rpc(url, 'abci_query', { path: '/cosmos.tx.v1beta1.Service/GetTx', data })).result.response;
  t.equal(r.code, 0, 'found');
  const res = GetTxResponse.decode(Buffer.from(r.value, 'base64'));
  t.equal(res.txResponse?.txhash, txHash, 'tx_response.txhash');
  t.equal(res.txResponse?.height, 2n, 'tx_response.height');
  const missing = (
    await rpc(url, 'abci_query', {
      path: '/cosmos.tx.v1beta1.Service/GetTx',
      data: Buffer.from(GetTxRequest.encode({ hash: 'AB'.repeat(32) }).finish()).toString('hex'),
    })
  ).result.response;
  t.equal(missing.code, 22, 'unknown hash: NotFound code 22');
  t.equal(missing.codespace, 'sdk', 'codespace sdk');
  t.end();
});

test('CosmJS Comet38Client reads the node', async (t) => {
  const client = await Comet38Client.connect(url);
  const status = await client.status();
  t.equal(status.nodeInfo.network, 'test-chain', 'status');
  const block = await client.block(2);
  t.equal(block.block.txs.length, 2, 'block');
  const results = await client.blockResults(2);
  t.equal(results.results.length, 2, 'block_results');
  const found = await client.txSearchAll({ query: `tx.hash='${txHash}'` });
  t.equal(found.totalCount, 1, 'tx_search');
  const vals = await client.validatorsAll();
  t.equal(vals.total, 1, 'validators');
  const q = await client.abciQuery({ path: '/store', data: new TextEncoder().encode('name') });
  t.equal(new TextDecoder().decode(q.value), 'satoshi', 'abci_query');
  const commit = await client.commit(2);
  t.equal(commit.header.height, 2, 'commit');
  client.disconnect();
  t.end();
});
