// Queries with bad input get coded answers, never the internal error code 1 (both found by the fuzzer): a raw store
// query with an empty key (the store's EMPTY_KEY escaped uncoded), and request data that is not the request
// protobuf (the decoder's "premature EOF" escaped uncoded). Any RPC user can send either through abci_query.
import test from 'tape';
import { QueryBalanceRequest } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { initChain, openApp, removeDir, runBlock, testAppState, type TestAccount } from '../../support/app-harness.js';
import { simAccounts } from '../../simulation/keys.js';

const accs = simAccounts(1);
const a = await openApp();
await initChain(a.app, testAppState(accs as unknown as TestAccount[]));
await runBlock(a.app, []);
await runBlock(a.app, []);
test.onFinish(async () => {
  await a.close();
  removeDir(a.dir);
});

test('/store/key with an empty key answers sdk invalid request (18), at any height, with or without a proof', async (t) => {
  for (const [path, height, prove] of [
    ['/store/key', 0n, false],
    ['/store/key', 1n, true],
    ['/store/main/key', 0n, true],
  ] as const) {
    const r = await a.app.query({ path, data: new Uint8Array(), height, prove });
    t.deepEqual([r.codespace, r.code], ['sdk', 18], `${path} height ${height} prove ${prove}: ${r.log}`);
  }
});

test('request data that does not decode answers sdk invalid request (18), at the latest and at a past height', async (t) => {
  const good = QueryBalanceRequest.encode({ address: accs[0].address, denom: 'uaic' }).finish();
  const cases: Array<[string, string, Uint8Array]> = [
    ['a truncated request', '/cosmos.bank.v1beta1.Query/Balance', good.subarray(0, good.length - 3)],
    ['a bad wire type', '/cosmos.bank.v1beta1.Query/Balance', Uint8Array.of(0x0f, 0x01)],
    ['a length past the end', '/cosmos.auth.v1beta1.Query/AccountInfo', Uint8Array.of(0x0a, 0x7f, 0x61)],
    ['Simulate with garbage', '/cosmos.tx.v1beta1.Service/Simulate', Uint8Array.of(0x12, 0xff, 0xff, 0x01)],
  ];
  for (const [name, path, data] of cases) {
    for (const height of [0n, 1n]) {
      const r = await a.app.query({ path, data, height, prove: false });
      t.deepEqual([r.codespace, r.code], ['sdk', 18], `${name} (${path}) at height ${height}: ${r.log}`);
    }
  }
  const ok = await a.app.query({ path: '/cosmos.bank.v1beta1.Query/Balance', data: good, height: 0n, prove: false });
  t.equal(ok.code, 0, 'the well-formed request is answered');
});
