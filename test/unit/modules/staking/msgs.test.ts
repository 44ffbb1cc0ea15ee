import test from 'tape';
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryDelegatorDelegationsRequest,
  QueryDelegationsResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryUnbondingDelegationsRequest,
  QueryUnbondingDelegationsResponse,
  QueryValidatorDelegationsRequest,
  QueryValidatorRequest,
  QueryValidatorResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from '../../../../proto/gen/aichain/staking/v1/query.js';
import { BondStatus } from '../../../../proto/gen/aichain/staking/v1/types.js';
import { MsgUndelegateResponse } from '../../../../proto/gen/aichain/staking/v1/tx.js';
import { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import { balance, devAccounts, initChain, openApp, removeDir, runBlock } from '../../../support/app-harness.js';
import {
  consKey,
  createValidatorMsg,
  delegateMsg,
  editValidatorMsg,
  query,
  redelegateMsg,
  signer,
  stakingAppState,
  undelegateMsg,
  UNBONDING,
  valoperOf,
} from './helpers.js';

test('staking messages: create, edit, delegate, undelegate (maturing by block time), redelegate; queries follow', async (t) => {
  const accs = await devAccounts(3);
  const [a, b, c] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, stakingAppState(accs));
  await runBlock(app, []); // commits genesis, so signers can read their account numbers
  const sign = signer(app);
  const va = valoperOf(a),
    vb = valoperOf(b);

  let res = await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 5_000_000n)),
    await sign(b, createValidatorMsg(b, consKey(2), 3_000_000n)),
  ]);
  t.deepEqual(
    res.txResults.map((r) => r.code),
    [0, 0],
    'both validators are created',
  );
  t.deepEqual(
    res.validatorUpdates.map((u) => u.power).sort(),
    [3n, 5n],
    'both enter the active set with power = tokens / 1,000,000',
  );
  const v = (await query(app, 'Validator', QueryValidatorRequest, { validatorAddress: va }, QueryValidatorResponse))
    .validator!;
  t.equal(v.status, BondStatus.BOND_STATUS_BONDED, 'the validator is bonded');
  t.equal(v.tokens, '5000000', 'its tokens are the self-delegation');
  t.equal(v.commission!.rates!.rate, '0.100000000000000000', 'the commission is stored in canonical 18-decimal form');

  res = await runBlock(app, [await sign(c, delegateMsg(c, va, 2_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'c delegates 2 AIC to a');
  t.equal(res.validatorUpdates.length, 1, "a's power change is one update");
  t.equal(res.validatorUpdates[0].power, 7n, 'a now has power 7');
  const del = await query(
    app,
    'Delegation',
    QueryDelegationRequest,
    { delegatorAddress: c.address, validatorAddress: va },
    QueryDelegationResponse,
  );
  t.equal(del.delegationResponse!.balance!.amount, '2000000', 'the delegation is worth 2 AIC');
  const byVal = await query(
    app,
    'ValidatorDelegations',
    QueryValidatorDelegationsRequest,
    { validatorAddress: va },
    QueryDelegationsResponse,
  );
  t.equal(byVal.delegationResponses.length, 2, 'a has two delegations (self and c)');

  res = await runBlock(app, [await sign(a, editValidatorMsg(a, { moniker: 'renamed' }))]);
  t.equal(res.txResults[0].code, 0, 'a renames its validator');
  t.equal(
    (await query(app, 'Validator', QueryValidatorRequest, { validatorAddress: va }, QueryValidatorResponse)).validator!
      .moniker,
    'renamed',
    'the new moniker is stored',
  );

  const before = await balance(app, c.address);
  res = await runBlock(app, [await sign(c, undelegateMsg(c, va, 500_000n))]);
  t.equal(res.txResults[0].code, 0, 'c undelegates 0.5 AIC');
  const startHeight = app.store.version;
  const data = TxMsgData.decode(res.txResults[0].data);
  const resp = MsgUndelegateResponse.decode(data.msgResponses[0].value);
  t.equal(resp.amount!.amount, '500000', 'the response names the amount');
  const ubd = await query(
    app,
    'UnbondingDelegations',
    QueryUnbondingDelegationsRequest,
    { delegatorAddress: c.address },
    QueryUnbondingDelegationsResponse,
  );
  t.equal(ubd.unbondingResponses[0].entries[0].balance, '500000', 'one unbonding entry of 0.5 AIC');
  const pool = (await query(app, 'Pool', QueryPoolRequest, {}, QueryPoolResponse)).pool!;
  t.equal(pool.notBondedTokens, '500000', 'the unbonding tokens sit in the not-bonded pool');
  t.equal(pool.bondedTokens, '9500000', "the bonded pool holds the bonded validators' tokens");

  const fee = BigInt(Math.ceil(400_000 * 0.025));
  for (let h = app.store.version + 1n; h < startHeight + UNBONDING; h++) await runBlock(app, []);
  t.equal(await balance(app, c.address), before - fee, 'nothing is paid out before the completion time');
  res = await runBlock(app, []);
  t.ok(
    res.events.some((e) => e.type === 'complete_unbonding'),
    'the entry completes at block time + unbonding_time',
  );
  t.equal(await balance(app, c.address), before - fee + 500_000n, 'the delegator is paid out');
  const ubd2 = await query(
    app,
    'UnbondingDelegations',
    QueryUnbondingDelegationsRequest,
    { delegatorAddress: c.address },
    QueryUnbondingDelegationsResponse,
  );
  t.equal(ubd2.unbondingResponses.length, 0, 'no unbonding entries remain');

  res = await runBlock(app, [await sign(c, redelegateMsg(c, va, vb, 1_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'c redelegates 1 AIC from a to b');
  t.deepEqual(res.validatorUpdates.map((u) => u.power).sort(), [4n, 5n], 'a drops to 5, b rises to 4');
  const reds = await query(
    app,
    'Redelegations',
    QueryRedelegationsRequest,
    { delegatorAddress: c.address },
    QueryRedelegationsResponse,
  );
  t.equal(reds.redelegations.length, 1, 'one redelegation is tracked');
  const dd = await query(
    app,
    'DelegatorDelegations',
    QueryDelegatorDelegationsRequest,
    { delegatorAddress: c.address },
    QueryDelegationsResponse,
  );
  t.deepEqual(
    dd.delegationResponses.map((d) => d.balance!.amount).sort(),
    ['1000000', '500000'],
    'c holds 0.5 AIC at a and 1 AIC at b',
  );
  for (let i = 0n; i < UNBONDING; i++) await runBlock(app, []);
  const reds2 = await query(
    app,
    'Redelegations',
    QueryRedelegationsRequest,
    { delegatorAddress: c.address },
    QueryRedelegationsResponse,
  );
  t.equal(reds2.redelegations.length, 0, 'the redelegation entry expires after unbonding_time');

  const vals = await query(
    app,
    'Validators',
    QueryValidatorsRequest,
    { status: BondStatus.BOND_STATUS_BONDED },
    QueryValidatorsResponse,
  );
  t.equal(vals.validators.length, 2, 'two bonded validators are listed');
  const params = (await query(app, 'Params', QueryParamsRequest, {}, QueryParamsResponse)).params!;
  t.equal(params.unbondingTime, UNBONDING, 'params are queryable');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await ta.close();
  removeDir(ta.dir);
});
