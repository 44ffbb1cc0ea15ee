import test from 'tape';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { parseAddress } from '../../../../chain/types/address.js';
import {
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  type TestAccount,
} from '../../../support/app-harness.js';
import {
  consKey,
  createValidatorMsg,
  delegateMsg,
  editValidatorMsg,
  redelegateMsg,
  signer,
  stakingAppState,
  undelegateMsg,
  valoperOf,
} from './helpers.js';

test('staking bad input: coded errors in FinalizeBlock (CheckTx admits: ante only), state unchanged', async (t) => {
  const accs = await devAccounts(4);
  const [a, b, c, d] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, stakingAppState(accs, { unbonding_time: '1000' })); // nothing matures during the test
  await runBlock(app, []);
  const sign = signer(app);
  const va = valoperOf(a),
    vb = valoperOf(b);
  await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 5_000_000n)),
    await sign(b, createValidatorMsg(b, consKey(2), 3_000_000n)),
  ]);
  // c: two unbonding entries from a (max_entries = 2 in these tests) and a redelegation a -> b.
  await runBlock(app, [await sign(c, delegateMsg(c, va, 5_000_000n))]);
  await runBlock(app, [
    await sign(c, [undelegateMsg(c, va, 1000n), undelegateMsg(c, va, 1000n), redelegateMsg(c, va, vb, 1000n)]),
  ]);

  const unknownVal = valoperOf(d);
  const cases: Array<[string, TestAccount, EncodeObject, number, string]> = [
    ['duplicate validator', a, createValidatorMsg(a, consKey(9), 2_000_000n), 2, 'staking'],
    ['duplicate consensus key', d, createValidatorMsg(d, consKey(1), 2_000_000n), 3, 'staking'],
    ['consensus key of the wrong length', d, createValidatorMsg(d, new Uint8Array(33), 2_000_000n), 4, 'staking'],
    [
      'commission rate above max rate',
      d,
      createValidatorMsg(d, consKey(9), 2_000_000n, {
        commission: { rate: '0.3', maxRate: '0.2', maxChangeRate: '0.01' },
      }),
      5,
      'staking',
    ],
    [
      'commission max rate above 1',
      d,
      createValidatorMsg(d, consKey(9), 2_000_000n, {
        commission: { rate: '0.3', maxRate: '1.5', maxChangeRate: '0.01' },
      }),
      5,
      'staking',
    ],
    [
      'commission not a decimal',
      d,
      createValidatorMsg(d, consKey(9), 2_000_000n, {
        commission: { rate: 'x', maxRate: '0.2', maxChangeRate: '0.01' },
      }),
      5,
      'staking',
    ],
    ['commission changed within 24 h', a, editValidatorMsg(a, { commissionRate: '0.105' }), 6, 'staking'],
    [
      'self-delegation below the validator minimum',
      d,
      createValidatorMsg(d, consKey(9), 1_500_000n, { minSelfDelegation: '2000000' }),
      8,
      'staking',
    ],
    [
      'min self-delegation below the chain minimum',
      d,
      createValidatorMsg(d, consKey(9), 2_000_000n, { minSelfDelegation: '10' }),
      18,
      'staking',
    ],
    ['empty moniker', d, createValidatorMsg(d, consKey(9), 2_000_000n, { moniker: '' }), 17, 'staking'],
    ['editing an unknown validator', d, editValidatorMsg(d, { moniker: 'x' }), 9, 'staking'],
    ['delegating to an unknown validator', c, delegateMsg(c, unknownVal, 1000n), 9, 'staking'],
    ['delegating a wrong denom', c, delegateMsg(c, va, 1000n, 'uusdc'), 13, 'staking'],
    ['delegating zero', c, delegateMsg(c, va, 0n), 14, 'staking'],
    ['delegating with an account address as validator', c, delegateMsg(c, c.address, 1000n), 7, 'sdk'],
    ['undelegating more than held', c, undelegateMsg(c, vb, 2_000_000n), 11, 'staking'],
    ['undelegating without a delegation', d, undelegateMsg(d, va, 1000n), 10, 'staking'],
    ['too many unbonding entries', c, undelegateMsg(c, va, 1000n), 12, 'staking'],
    ['undelegating zero', c, undelegateMsg(c, va, 0n), 14, 'staking'],
    ['redelegating to the same validator', c, redelegateMsg(c, va, va, 1000n), 15, 'staking'],
    ['redelegating onward before maturity', c, redelegateMsg(c, vb, va, 1000n), 16, 'staking'],
    ['redelegating to an unknown validator', c, redelegateMsg(c, va, unknownVal, 1000n), 9, 'staking'],
    ['delegating more than the balance', d, delegateMsg(d, va, 10n ** 15n), 5, 'sdk'],
  ];

  const before = JSON.stringify(app.exportAppState().staking);
  const pools = async () =>
    JSON.stringify(
      (await app.query({ path: '/aichain.staking.v1.Query/Pool', data: new Uint8Array(), height: 0n, prove: false }))
        .value,
    );
  const poolsBefore = await pools();
  // CheckTx runs decode (with each message's stateless checks) and the ante handler, never the message: a stateful
  // fault is admitted and fails in its block with the message's code.
  for (const [name, acc, msg, code, codespace] of cases) {
    const tx = await sign(acc, msg);
    const r = await app.checkTx({ tx, type: 0 });
    // Stateless faults are caught by the decoder's message checks in CheckTx too; stateful ones only in the block.
    t.ok(
      r.code === 0 || (r.code === code && r.codespace === codespace),
      `CheckTx ${name}: ${r.code ? `rejected by the stateless checks (${r.log})` : 'admitted, the message is not run'}`,
    );
    const res = await runBlock(app, [tx]);
    t.equal(res.txResults[0].code, code, `FinalizeBlock ${name}: code ${code} (${res.txResults[0].log})`);
    t.equal(res.txResults[0].codespace, codespace, `FinalizeBlock ${name}: codespace ${codespace}`);
  }
  t.equal(JSON.stringify(app.exportAppState().staking), before, 'staking state is unchanged');
  t.equal(await pools(), poolsBefore, 'the pools are unchanged');
  t.ok(parseAddress(d.address), 'the unknown validator is a valid address');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await ta.close();
  removeDir(ta.dir);
});
