// Every bad tx gets a clear coded error and changes nothing (CheckTx and FinalizeBlock alike). CheckTx runs the
// ante handler only (chain/app/runtx.ts): a tx whose message fails passes CheckTx and fails in its block, paying the
// fee, as in the Cosmos SDK.
import test from 'tape';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { AichainApp } from '../../../chain/app/app.js';
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
  type TestAccount,
} from '../../support/app-harness.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function highS(txBytes: Uint8Array): Uint8Array {
  const raw = TxRaw.decode(txBytes);
  const sig = raw.signatures[0];
  const s = BigInt('0x' + Buffer.from(sig.subarray(32)).toString('hex'));
  const hs = Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex');
  return TxRaw.encode({ ...raw, signatures: [Uint8Array.from([...sig.subarray(0, 32), ...hs])] }).finish();
}

function flipSig(txBytes: Uint8Array): Uint8Array {
  const raw = TxRaw.decode(txBytes);
  const sig = raw.signatures[0].slice();
  sig[10] ^= 1;
  return TxRaw.encode({ ...raw, signatures: [sig] }).finish();
}

async function snapshot(app: AichainApp, accs: TestAccount[]) {
  return {
    root: Buffer.from(app.store.root).toString('hex'),
    bal: await Promise.all(accs.map((a) => balance(app, a.address))),
  };
}

test('bad input: coded errors, nothing changed', async (t) => {
  const accs = await devAccounts(2);
  const [a, b] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, testAppState(accs));
  // Commit one good tx so a replay exists and the sequence is 1.
  const first = await signTx(a, [send(a.address, b.address, '10')], { accountNumber: 0n, sequence: 0n });
  await runBlock(app, [first]);

  const big = (1n << 256n).toString();
  const unknownMsg = {
    typeUrl: '/cosmos.staking.v1beta1.MsgDelegate',
    value: { delegatorAddress: a.address, validatorAddress: 'x', amount: { denom: 'uaic', amount: '1' } },
  };
  const cases: Array<[string, Uint8Array, number, string]> = [
    ['malformed bytes', Uint8Array.from([0xff, 0xff, 0x01, 0x02]), 2, 'sdk'],
    ['empty tx', new Uint8Array(), 2, 'sdk'],
    ['unknown message type', await signTx(a, [unknownMsg as never], { accountNumber: 0n, sequence: 1n }), 2, 'sdk'],
    [
      'wrong chain id',
      await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 1n, chainId: 'other-chain' }),
      4,
      'sdk',
    ],
    [
      'bad signature',
      flipSig(await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 1n })),
      4,
      'sdk',
    ],
    [
      'high-S signature',
      highS(await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 1n })),
      4,
      'sdk',
    ],
    [
      'wrong account number',
      await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 7n, sequence: 1n }),
      4,
      'sdk',
    ],
    ['replayed tx (old sequence)', first, 32, 'sdk'],
    [
      'future sequence',
      await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 5n }),
      32,
      'sdk',
    ],
    [
      'fee below minimum',
      await signTx(a, [send(a.address, b.address, '1')], {
        accountNumber: 0n,
        sequence: 1n,
        fee: [{ denom: 'uaic', amount: '4999' }],
      }),
      13,
      'sdk',
    ],
    [
      'fee in a denom not accepted for fees',
      await signTx(a, [send(a.address, b.address, '1')], {
        accountNumber: 0n,
        sequence: 1n,
        fee: [{ denom: 'uusdc', amount: '99999' }],
      }),
      13,
      'sdk',
    ],
    [
      'amount overflow (2^256)',
      await signTx(a, [send(a.address, b.address, big)], { accountNumber: 0n, sequence: 1n }),
      10,
      'sdk',
    ],
    [
      'negative amount',
      await signTx(a, [send(a.address, b.address, '-5')], { accountNumber: 0n, sequence: 1n }),
      10,
      'sdk',
    ],
    [
      'empty send',
      await signTx(
        a,
        [
          {
            typeUrl: '/cosmos.bank.v1beta1.MsgSend',
            value: { fromAddress: a.address, toAddress: b.address, amount: [] },
          },
        ],
        { accountNumber: 0n, sequence: 1n },
      ),
      10,
      'sdk',
    ],
    ['zero amount', await signTx(a, [send(a.address, b.address, '0')], { accountNumber: 0n, sequence: 1n }), 10, 'sdk'],
    [
      'bad recipient address',
      await signTx(a, [send(a.address, 'cosmos1xyz', '1')], { accountNumber: 0n, sequence: 1n }),
      7,
      'sdk',
    ],
    [
      'send signed by someone else',
      await signTx(b, [send(a.address, b.address, '1')], { accountNumber: 1n, sequence: 0n }),
      8,
      'sdk',
    ],
    [
      'oversize tx',
      await signTx(a, [send(a.address, b.address, '1')], {
        accountNumber: 0n,
        sequence: 1n,
        memo: 'x'.repeat(1_100_000),
      }),
      21,
      'sdk',
    ],
    [
      'memo too long',
      await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 1n, memo: 'x'.repeat(300) }),
      12,
      'sdk',
    ],
    [
      'zero gas limit',
      await signTx(a, [send(a.address, b.address, '1')], {
        accountNumber: 0n,
        sequence: 1n,
        gas: 0,
        fee: [{ denom: 'uaic', amount: '1' }],
      }),
      41,
      'sdk',
    ],
    [
      'out of gas',
      await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 1n, gas: 1000 }),
      11,
      'sdk',
    ],
  ];

  const before = await snapshot(app, accs);
  for (const [name, tx, code, codespace] of cases) {
    const r = await app.checkTx({ tx, type: 0 });
    t.equal(r.code, code, `CheckTx ${name}: code ${code} (${r.log})`);
    t.equal(r.codespace, codespace, `CheckTx ${name}: codespace ${codespace}`);
    t.ok(r.log.length > 0, `CheckTx ${name}: a readable log`);
  }
  // A good tx still passes CheckTx afterwards: nothing above touched the check state's sequence.
  const good = await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 1n });
  t.equal((await app.checkTx({ tx: good, type: 0 })).code, 0, 'a good tx with sequence 1 is still accepted');

  // In a block, txs failing the ante checks change nothing at all.
  const anteFailures = cases.filter(([, , code]) => code !== 11).map(([, tx]) => tx);
  const res = await runBlock(app, anteFailures);
  t.equal(res.txResults.length, anteFailures.length, 'one result per tx even when all fail');
  t.ok(
    res.txResults.every((r) => r.code !== 0),
    'every bad tx fails in FinalizeBlock too',
  );
  t.equal(Buffer.from(res.appHash).toString('hex'), before.root, 'the app hash is unchanged');
  t.deepEqual(await snapshot(app, accs), before, 'balances unchanged');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await ta.close();
  removeDir(ta.dir);
});

test('CheckTx runs no message: a tx whose message fails is admitted, then fails in its block and pays its fee', async (t) => {
  const accs = await devAccounts(2);
  const [a, b] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, testAppState(accs));
  await runBlock(app, []);
  const cases: Array<[string, (seq: bigint) => Promise<Uint8Array>, number, string]> = [
    [
      'insufficient funds',
      (sequence) => signTx(a, [send(a.address, b.address, '999999999999999')], { accountNumber: 0n, sequence }),
      5,
      'sdk',
    ],
    [
      'unknown denom',
      (sequence) => signTx(a, [send(a.address, b.address, '1', 'ufoo')], { accountNumber: 0n, sequence }),
      6,
      'bank',
    ],
  ];
  let seq = 0n;
  for (const [name, make, code, codespace] of cases) {
    const tx = await make(seq);
    const a0 = await balance(app, a.address),
      b0 = await balance(app, b.address);
    const checked = await app.checkTx({ tx, type: 0 });
    t.equal(checked.code, 0, `CheckTx ${name}: admitted (the message is not run)`);
    t.ok(checked.gasUsed > 0n && checked.gasWanted === 200000n, `CheckTx ${name}: reports the ante's gas`);
    const dup = await app.checkTx({ tx, type: 0 });
    t.equal(dup.code, 32, `CheckTx ${name}: the check state's sequence moved on, so the same tx again is a replay`);
    const res = await runBlock(app, [tx]);
    t.equal(res.txResults[0].code, code, `FinalizeBlock ${name}: code ${code}`);
    t.equal(res.txResults[0].codespace, codespace, `FinalizeBlock ${name}: codespace ${codespace}`);
    t.equal(await balance(app, a.address), a0 - 5000n, `${name}: the sender paid the fee and nothing else`);
    t.equal(await balance(app, b.address), b0, `${name}: the recipient got nothing`);
    seq++;
  }
  const recheck = await app.checkTx({
    tx: await signTx(a, [send(a.address, b.address, '999999999999999')], { accountNumber: 0n, sequence: seq }),
    type: 1,
  });
  t.equal(recheck.code, 0, 'ReCheckTx: the same, ante only');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await ta.close();
  removeDir(ta.dir);
});

test('a message failure in a block keeps the fee and the sequence, and rolls back the message', async (t) => {
  const accs = await devAccounts(2);
  const [a, b] = accs;
  const ta = await openApp();
  await initChain(ta.app, testAppState(accs));
  await runBlock(ta.app, []);
  const a0 = await balance(ta.app, a.address),
    b0 = await balance(ta.app, b.address);
  const tx = await signTx(a, [send(a.address, b.address, '1'), send(a.address, b.address, '999999999999999')], {
    accountNumber: 0n,
    sequence: 0n,
  });
  const res = await runBlock(ta.app, [tx]);
  t.equal(res.txResults[0].code, 5, 'insufficient funds in the second message');
  t.ok(
    res.txResults[0].events.some((e) => e.type === 'tx' && e.attributes.some((x) => x.key === 'fee')),
    'the result still reports the fee event',
  );
  t.equal(await balance(ta.app, a.address), a0 - 5000n, 'only the fee left the sender');
  t.equal(await balance(ta.app, b.address), b0, 'the first message was rolled back too');
  const again = await signTx(a, [send(a.address, b.address, '1')], { accountNumber: 0n, sequence: 1n });
  t.equal((await runBlock(ta.app, [again])).txResults[0].code, 0, 'the sequence moved on to 1');
  await ta.close();
  removeDir(ta.dir);
});
