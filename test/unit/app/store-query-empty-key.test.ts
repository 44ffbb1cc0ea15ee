// A raw store query with an empty key (any RPC user can send one through abci_query) gets a coded answer, not the
// internal error code 1 (found by the fuzzer: the store's EMPTY_KEY error escaped uncoded).
import test from 'tape';
import { initChain, openApp, removeDir, runBlock, testAppState, type TestAccount } from '../../support/app-harness.js';
import { simAccounts } from '../../simulation/keys.js';

test('/store/key with an empty key answers sdk invalid request (18), at any height, with or without a proof', async (t) => {
  const a = await openApp();
  await initChain(a.app, testAppState(simAccounts(1) as unknown as TestAccount[]));
  await runBlock(a.app, []);
  for (const [path, height, prove] of [['/store/key', 0n, false], ['/store/key', 1n, true], ['/store/main/key', 0n, true]] as const) {
    const r = await a.app.query({ path, data: new Uint8Array(), height, prove });
    t.deepEqual([r.codespace, r.code], ['sdk', 18], `${path} height ${height} prove ${prove}: ${r.log}`);
  }
  await a.close(); removeDir(a.dir);
});
