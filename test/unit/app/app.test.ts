// The application through its ABCI methods: genesis, a send in a block, queries, restart, export -> import.
import test from 'tape';
import { QueryAccountRequest, QueryAccountResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
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

test('app: genesis, a MsgSend in a block, balances, fee to the collector, sequence, restart', async (t) => {
  const accs = await devAccounts(2);
  const ta = await openApp();
  const { app } = ta;
  const info0 = await app.info({ version: '', blockVersion: 11n, p2pVersion: 8n, abciVersion: '2.0.0' });
  t.equal(info0.lastBlockHeight, 0n, 'a new app reports height 0');
  t.equal(info0.lastBlockAppHash.length, 0, 'and an empty app hash');
  const init = await initChain(app, testAppState(accs));
  t.equal(init.appHash.length, 32, 'InitChain returns a 32-byte app hash');

  const tx = await signTx(accs[0], [send(accs[0].address, accs[1].address, '1234')], {
    accountNumber: 0n,
    sequence: 0n,
  });
  const check = await app.checkTx({ tx, type: 0 });
  t.equal(check.code, 0, `CheckTx accepts a good send (${check.log})`);
  t.ok(check.gasUsed > 0n, 'CheckTx reports gas used');

  const res = await runBlock(app, [tx]);
  t.equal(res.txResults.length, 1, 'one tx result per tx');
  t.equal(res.txResults[0].code, 0, `the send succeeds (${res.txResults[0].log})`);
  const data = TxMsgData.decode(res.txResults[0].data);
  t.equal(data.msgResponses[0]?.typeUrl, '/cosmos.bank.v1beta1.MsgSendResponse', 'tx data carries the msg response');
  const types = res.txResults[0].events.map((e) => e.type);
  for (const ty of ['tx', 'coin_spent', 'coin_received', 'transfer', 'message'])
    t.ok(types.includes(ty), `emits a ${ty} event`);
  const transfer = res.txResults[0].events.find(
    (e) => e.type === 'transfer' && e.attributes.some((a) => a.value === '1234uaic'),
  );
  t.ok(transfer, 'the transfer event carries the amount as 1234uaic');

  const fee = 5000n; // 200000 gas x 0.025
  t.equal(await balance(app, accs[0].address), 1_000_000_000_000n - 1234n - fee, 'sender paid amount and fee');
  t.equal(await balance(app, accs[1].address), 1_000_000_000_000n + 1234n, 'recipient got the amount');

  const q = await app.query({
    path: '/cosmos.auth.v1beta1.Query/Account',
    data: QueryAccountRequest.encode({ address: accs[0].address }).finish(),
    height: 0n,
    prove: false,
  });
  const acc = BaseAccount.decode(QueryAccountResponse.decode(q.value).account!.value);
  t.equal(acc.sequence, 1n, 'sequence incremented');
  t.ok(acc.pubKey, 'the pubkey is recorded on first use');

  const hash1 = app.store.root;
  const ta2 = await ta.reopen();
  const info = await ta2.app.info({ version: '', blockVersion: 11n, p2pVersion: 8n, abciVersion: '2.0.0' });
  t.equal(info.lastBlockHeight, 1n, 'after reopening, Info reports height 1');
  t.deepEqual(info.lastBlockAppHash, hash1, 'and the same app hash');
  t.equal(await balance(ta2.app, accs[1].address), 1_000_000_000_000n + 1234n, 'state survives a restart');
  t.deepEqual(ta2.app.checkInvariants(), [], 'invariants hold');
  await ta2.close();
  removeDir(ta.dir);
});

test('app: export -> import gives the same app hash', async (t) => {
  const accs = await devAccounts(3);
  const ta = await openApp();
  await initChain(ta.app, testAppState(accs));
  await runBlock(ta.app, [
    await signTx(accs[0], [send(accs[0].address, accs[2].address, '77', 'uusdc')], { accountNumber: 0n, sequence: 0n }),
  ]);
  await runBlock(ta.app, [
    await signTx(accs[1], [send(accs[1].address, 'ai1l0wj6pa82j2rskku60krf7d5dzdj7qr2fl5u84', '5')], {
      accountNumber: 1n,
      sequence: 0n,
    }),
  ]);
  const exported = ta.app.exportAppState();
  const root = ta.app.store.root;

  const tb = await openApp();
  const init = await initChain(tb.app, exported);
  t.deepEqual(
    Buffer.from(init.appHash).toString('hex'),
    Buffer.from(root).toString('hex'),
    'InitChain from the export has the exporting app hash',
  );
  await runBlock(tb.app, []);
  t.deepEqual(tb.app.exportAppState(), exported, 'and, after an empty block, exports the same state again');
  await ta.close();
  await tb.close();
  removeDir(ta.dir);
  removeDir(tb.dir);
});

test('app: two instances fed the same blocks agree on every app hash', async (t) => {
  const accs = await devAccounts(3);
  const a = await openApp(),
    b = await openApp();
  await initChain(a.app, testAppState(accs));
  await initChain(b.app, testAppState(accs));
  let seq = [0n, 0n, 0n];
  for (let h = 1; h <= 5; h++) {
    const txs: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) {
      txs.push(
        await signTx(accs[i], [send(accs[i].address, accs[(i + 1) % 3].address, String(h * 10 + i))], {
          accountNumber: BigInt(i),
          sequence: seq[i],
        }),
      );
      seq[i]++;
    }
    const ra = await runBlock(a.app, txs),
      rb = await runBlock(b.app, txs);
    t.deepEqual(
      Buffer.from(ra.appHash).toString('hex'),
      Buffer.from(rb.appHash).toString('hex'),
      `height ${h}: same app hash`,
    );
    t.ok(
      ra.txResults.every((r) => r.code === 0),
      `height ${h}: all txs succeed`,
    );
  }
  seq = [];
  await a.close();
  await b.close();
  removeDir(a.dir);
  removeDir(b.dir);
});
