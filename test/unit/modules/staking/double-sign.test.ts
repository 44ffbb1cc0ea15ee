import test from 'tape';
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QuerySigningInfoRequest,
  QuerySigningInfoResponse,
  QuerySlashHistoryRequest,
  QuerySlashHistoryResponse,
  QueryUnbondingDelegationsRequest,
  QueryUnbondingDelegationsResponse,
  QueryValidatorRequest,
  QueryValidatorResponse,
} from '../../../../proto/gen/aichain/staking/v1/query.js';
import { BondStatus } from '../../../../proto/gen/aichain/staking/v1/types.js';
import type { AichainApp } from '../../../../chain/app/app.js';
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
  duplicateVote,
  query,
  redelegateMsg,
  runBlockWith,
  signer,
  stakingAppState,
  undelegateMsg,
  unjailMsg,
  valoperOf,
} from './helpers.js';

const supply = (app: AichainApp) => app.wiring.bank.getSupply(app.ctx(app.store.state), 'uaic');
const delegationOf = async (app: AichainApp, d: TestAccount, val: string) =>
  (
    await query(
      app,
      'Delegation',
      QueryDelegationRequest,
      { delegatorAddress: d.address, validatorAddress: val },
      QueryDelegationResponse,
    )
  ).delegationResponse!.balance!.amount;
const validatorOf = async (app: AichainApp, val: string) =>
  (await query(app, 'Validator', QueryValidatorRequest, { validatorAddress: val }, QueryValidatorResponse)).validator!;

test('double sign: slashes the validator pro rata and later entries, jails forever, tombstones; history is queryable', async (t) => {
  const accs = await devAccounts(4);
  const [a, b, c, d] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(
    app,
    stakingAppState(accs, { unbonding_time: '1000', max_entries: 7, slash_fraction_double_sign: '0.1' }),
  );
  await runBlock(app, []);
  const sign = signer(app);
  const va = valoperOf(a),
    vb = valoperOf(b);
  await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 6_000_000n)),
    await sign(b, createValidatorMsg(b, consKey(2), 5_000_000n)),
  ]);
  await runBlock(app, [await sign(c, delegateMsg(c, va, 4_000_000n))]);
  const early = await runBlock(app, [await sign(c, undelegateMsg(c, va, 1_000_000n))]);
  t.equal(early.txResults[0].code, 0, 'c undelegates 1 AIC before the fault');
  await runBlock(app, []);
  const infraction = app.store.version; // the fault happens in this block
  await runBlock(app, [await sign(c, [undelegateMsg(c, va, 1_000_000n), redelegateMsg(c, va, vb, 1_000_000n)])]);
  // a: 6 + 4 - 3 = 7 AIC; c holds 1 AIC at a, 1 AIC at b; entries: 1 AIC before, 1 AIC after the fault.
  const supplyBefore = supply(app);

  const res = await runBlockWith(app, [], { misbehavior: [duplicateVote(consKey(1), infraction)] });
  const slash = res.events.find((e) => e.type === 'slash');
  t.ok(slash, 'a slash event is emitted');
  const attr = (k: string) => slash?.attributes.find((x) => x.key === k)?.value;
  t.deepEqual(
    [attr('validator'), attr('reason'), attr('infraction_height'), attr('burned')],
    [va, 'double_sign', String(infraction), '900000uaic'],
    'with validator, reason, infraction height and 0.7 + 0.1 + 0.1 AIC burned',
  );
  t.equal(supplyBefore - supply(app), 900_000n, 'the burned tokens leave the supply');
  t.deepEqual(
    res.validatorUpdates.map((u) => `${u.pubKey.ed25519![0]}:${u.power}`).sort(),
    ['1:0', '2:5'],
    'a leaves the active set (power 0); b drops to power 5 with the slashed redelegation',
  );

  const v = await validatorOf(app, va);
  t.equal(v.tokens, '6300000', 'a loses 10% of its 7 AIC');
  t.ok(v.jailed, 'a is jailed');
  t.equal(v.status, BondStatus.BOND_STATUS_UNBONDED, 'and unbonded');
  t.equal(await delegationOf(app, a, va), '5400000', 'the operator loses 10% of its 6 AIC');
  t.equal(await delegationOf(app, c, va), '900000', 'the delegator loses 10% of its 1 AIC (pro rata)');
  t.equal(
    await delegationOf(app, c, vb),
    '900000',
    'the redelegation made after the fault is slashed at its destination',
  );
  t.equal((await validatorOf(app, vb)).tokens, '5900000', 'b loses only the slashed redelegated tokens');
  const ubd = await query(
    app,
    'UnbondingDelegations',
    QueryUnbondingDelegationsRequest,
    { delegatorAddress: c.address },
    QueryUnbondingDelegationsResponse,
  );
  t.deepEqual(
    ubd.unbondingResponses[0].entries.map((e) => [e.creationHeight < infraction, e.balance]),
    [
      [true, '1000000'],
      [false, '900000'],
    ],
    'the unbonding entry from before the fault is untouched; the later one loses 10%',
  );
  const info = (
    await query(app, 'SigningInfo', QuerySigningInfoRequest, { validatorAddress: va }, QuerySigningInfoResponse)
  ).signingInfo!;
  t.ok(info.tombstoned, 'a is tombstoned');
  t.equal(info.jailedUntil, 253_402_300_799n, 'and jailed forever');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold (pools = tokens + entries)');

  const again = await runBlockWith(app, [], {
    misbehavior: [duplicateVote(consKey(1), infraction), duplicateVote(consKey(9), infraction)],
  });
  t.notOk(
    again.events.some((e) => e.type === 'slash'),
    'evidence against a tombstoned or an unknown validator is ignored',
  );
  const hist = await query(
    app,
    'SlashHistory',
    QuerySlashHistoryRequest,
    { validatorAddress: va },
    QuerySlashHistoryResponse,
  );
  t.deepEqual(
    hist.slashes.map((s) => [s.reason, s.burned, s.infractionHeight, s.fraction]),
    [['double_sign', '900000', infraction, '0.100000000000000000']],
    'the slash history holds one record',
  );
  const none = await query(
    app,
    'SlashHistory',
    QuerySlashHistoryRequest,
    { validatorAddress: vb },
    QuerySlashHistoryResponse,
  );
  t.equal(none.slashes.length, 0, 'b has no slash history');

  const refused = await runBlock(app, [await sign(a, unjailMsg(a)), await sign(d, delegateMsg(d, va, 1_000_000n))]);
  t.deepEqual(
    refused.txResults.map((r) => `${r.codespace}:${r.code}`),
    ['staking:24', 'staking:22'],
    'a tombstoned validator cannot unjail; a jailed one takes no delegations',
  );
  const red = await runBlock(app, [await sign(c, redelegateMsg(c, vb, va, 100_000n))]);
  t.equal(`${red.txResults[0].codespace}:${red.txResults[0].code}`, 'staking:22', 'nor redelegations');
  t.deepEqual(app.checkInvariants(), [], 'invariants still hold');
  await ta.close();
  removeDir(ta.dir);
});
