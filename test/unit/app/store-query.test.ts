// Raw store queries with prove=true: the ICS23 proof verifies against the app hash of that height, with
// @confio/ics23 and the tree's ProofSpec; queries at a past height see that height's state.
import test from 'tape';
import { CommitmentProof } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import { verifyProof } from '../../../chain/store/proof.js';
import { balanceKey } from '../../../modules/bank/keys.js';
import { parseAddress } from '../../../chain/types/address.js';
import { concatBytes } from '../../../chain/store/bytes.js';
import { storePrefix } from '../../../chain/app/store-prefixes.js';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  send,
  signTx,
  testAppState,
} from '../../support/app-harness.js';

test('store query with an ICS23 proof, and queries at past heights', async (t) => {
  const accs = await devAccounts(2);
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, testAppState(accs));
  await runBlock(app, []);
  const root1 = app.store.root;
  await runBlock(app, [
    await signTx(accs[0], [send(accs[0].address, accs[1].address, '500')], { accountNumber: 0n, sequence: 0n }),
  ]);
  const root2 = app.store.root;

  const key = concatBytes(storePrefix('bank'), balanceKey(parseAddress(accs[1].address), 'uaic'));
  for (const [height, root, amount] of [
    [1n, root1, '1000000000000'],
    [2n, root2, '1000000000500'],
  ] as const) {
    const r = await app.query({ path: '/store/key', data: key, height, prove: true });
    t.equal(r.code, 0, `height ${height}: store query answers (${r.log})`);
    t.equal(new TextDecoder().decode(r.value), amount, `height ${height}: the balance as of that height`);
    const op = r.proofOps?.ops[0];
    t.equal(op?.type, 'ics23:aichain', `height ${height}: carries an ICS23 proof op`);
    const proof = CommitmentProof.decode(op!.data);
    t.ok(verifyProof(proof, root, key, r.value), `height ${height}: the proof verifies against that height's app hash`);
    t.notOk(
      verifyProof(proof, root, key, new TextEncoder().encode('1')),
      `height ${height}: and not for another value`,
    );
  }

  const past = await app.query({
    path: '/cosmos.bank.v1beta1.Query/Balance',
    data: QueryBalanceRequest.encode({ address: accs[1].address, denom: 'uaic' }).finish(),
    height: 1n,
    prove: false,
  });
  t.equal(past.code, 0, 'a gRPC query at a past height answers');
  t.equal(QueryBalanceResponse.decode(past.value).balance?.amount, '1000000000000', 'with the state of that height');
  t.equal(past.height, 1n, 'and reports that height');
  t.equal(await balance(app, accs[1].address), 1_000_000_000_500n, 'the latest height sees the send');
  const future = await app.query({
    path: '/cosmos.bank.v1beta1.Query/Balance',
    data: QueryBalanceRequest.encode({ address: accs[1].address, denom: 'uaic' }).finish(),
    height: 99n,
    prove: false,
  });
  t.equal(future.code, 26, 'a height above the latest is sdk code 26');
  const unknown = await app.query({ path: '/nope.v1.Query/Nothing', data: new Uint8Array(), height: 0n, prove: false });
  t.equal(unknown.code, 6, 'an unknown query path is sdk code 6');
  const garbage = await app.query({
    path: '/cosmos.bank.v1beta1.Query/Balance',
    data: Uint8Array.from([0xff, 0xff, 0xff]),
    height: 0n,
    prove: false,
  });
  t.notEqual(garbage.code, 0, 'an undecodable query request is an error, not a crash');
  await ta.close();
  removeDir(ta.dir);
});
