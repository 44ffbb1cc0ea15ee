import test from 'tape';
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
} from '../../../../proto/gen/aichain/distribution/v1/query.js';
import {
  MsgWithdrawCommissionResponse,
  MsgWithdrawRewardsResponse,
} from '../../../../proto/gen/aichain/distribution/v1/tx.js';
import { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import type { EncodeObject } from '@cosmjs/proto-signing';
import type { AichainApp } from '../../../../chain/app/app.js';
import { parseAddress, VALOPER_PREFIX } from '../../../../chain/types/address.js';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  send,
  type TestAccount,
} from '../../../support/app-harness.js';
import {
  consKey,
  createValidatorMsg,
  delegateMsg,
  duplicateVote,
  runBlockWith,
  signer,
  stakingAppState,
  undelegateMsg,
  valoperOf,
  vote,
} from '../staking/helpers.js';

const FEE = 10_000n; // the staking signer's fee: 400,000 gas × 0.025
const withdrawMsg = (a: TestAccount, val: string): EncodeObject => ({
  typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards',
  value: { delegatorAddress: a.address, validatorAddress: val },
});
const commissionMsg = (a: TestAccount): EncodeObject => ({
  typeUrl: '/aichain.distribution.v1.MsgWithdrawCommission',
  value: { operator: a.address },
});

async function q<T>(
  app: AichainApp,
  method: string,
  req: { encode(m: any): { finish(): Uint8Array } },
  v: unknown,
  res: { decode(b: Uint8Array): T },
): Promise<T> {
  const r = await app.query({
    path: `/aichain.distribution.v1.Query/${method}`,
    data: req.encode(v).finish(),
    height: 0n,
    prove: false,
  });
  if (r.code) throw new Error(`${method}: ${r.code} ${r.log}`);
  return res.decode(r.value);
}
const amountOf = (cs: Array<{ denom: string; amount: string }>, denom = 'uaic') =>
  cs.find((c) => c.denom === denom)?.amount ?? '0';
const paid = (
  data: Uint8Array,
  codec: { decode(b: Uint8Array): { amount: Array<{ denom: string; amount: string }> } },
) => BigInt(amountOf(codec.decode(TxMsgData.decode(data).msgResponses[0].value).amount));

function appState(accs: TestAccount[], inflation = '0') {
  return {
    ...stakingAppState(accs),
    distribution: {
      params: { communityTax: '0.1', providerRewardShare: '0' },
      community_pool: [],
      validators: [],
      starting_infos: [],
    },
    mint: { params: { inflationRate: inflation, blocksPerYear: '100' } },
  };
}

test('distribution: fees reach signers and the community pool exactly; delegators earn pro rata; withdraw; commission', async (t) => {
  const accs = await devAccounts(4);
  const [a, b, c, d] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, appState(accs));
  await runBlock(app, []);
  const sign = signer(app);
  const va = valoperOf(a),
    vb = valoperOf(b);
  // a: 10 AIC self + 30 AIC from c (1:3); b: 10 AIC self. Setup blocks carry no votes: their fees go to the pool.
  await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 10_000_000n)),
    await sign(b, createValidatorMsg(b, consKey(2), 10_000_000n)),
  ]);
  let res = await runBlock(app, [await sign(c, delegateMsg(c, va, 30_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'c delegates 30 AIC to a');
  const pool0 = (await q(app, 'CommunityPool', QueryCommunityPoolRequest, {}, QueryCommunityPoolResponse)).pool;
  t.equal(amountOf(pool0), '30000.000000000000000000', 'without signers, all three fees went to the community pool');

  // One fee of 10,000 with a (power 4) and b (power 1) signing: 1,000 tax; 7,200 to a, 1,800 to b.
  const votes = [vote(consKey(1), true, 4n), vote(consKey(2), true, 1n), vote(consKey(9), false, 7n)];
  res = await runBlockWith(app, [await sign(d, send(d.address, d.address, '1'))], { votes });
  t.equal(res.txResults[0].code, 0, 'a fee-paying tx in a block signed by a and b');
  const out = async (val: string) =>
    amountOf(
      (
        await q(
          app,
          'ValidatorOutstandingRewards',
          QueryValidatorOutstandingRewardsRequest,
          { validatorAddress: val },
          QueryValidatorOutstandingRewardsResponse,
        )
      ).rewards,
    );
  const rewards = async (del: TestAccount, val: string) =>
    amountOf(
      (
        await q(
          app,
          'DelegationRewards',
          QueryDelegationRewardsRequest,
          { delegatorAddress: del.address, validatorAddress: val },
          QueryDelegationRewardsResponse,
        )
      ).rewards,
    );
  const commission = async (val: string) =>
    amountOf(
      (
        await q(
          app,
          'ValidatorCommission',
          QueryValidatorCommissionRequest,
          { validatorAddress: val },
          QueryValidatorCommissionResponse,
        )
      ).commission,
    );
  t.equal(await out(va), '7200.000000000000000000', 'a has 4/5 of the 9,000 after tax outstanding');
  t.equal(await out(vb), '1800.000000000000000000', 'b has 1/5');
  t.equal(await commission(va), '720.000000000000000000', "a's 10% commission");
  t.equal(await rewards(a, va), '1620.000000000000000000', "a's self-delegation earns 1/4 of the 6,480 left");
  t.equal(await rewards(c, va), '4860.000000000000000000', 'c earns 3/4');
  t.equal(await rewards(b, vb), '1620.000000000000000000', 'b earns its 1,800 less 10% commission');
  t.equal(
    amountOf((await q(app, 'CommunityPool', QueryCommunityPoolRequest, {}, QueryCommunityPoolResponse)).pool),
    '31000.000000000000000000',
    'the pool gained the 1,000 tax (the absent validator got nothing)',
  );

  let before = await balance(app, c.address);
  res = await runBlock(app, [await sign(c, withdrawMsg(c, va))]);
  t.equal(res.txResults[0].code, 0, 'c withdraws');
  t.equal(paid(res.txResults[0].data, MsgWithdrawRewardsResponse), 4860n, 'the response names 4,860 uaic');
  t.equal(await balance(app, c.address), before + 4860n - FEE, 'c received exactly its rewards');
  t.equal(await rewards(c, va), '0', 'nothing is pending after the withdrawal');
  t.ok(
    res.txResults[0].events.some((e) => e.type === 'withdraw_rewards'),
    'a withdraw_rewards event',
  );

  before = await balance(app, a.address);
  res = await runBlock(app, [await sign(a, commissionMsg(a))]);
  t.equal(paid(res.txResults[0].data, MsgWithdrawCommissionResponse), 720n, 'a withdraws its 720 commission');
  t.equal(await balance(app, a.address), before + 720n - FEE, 'and receives it');
  res = await runBlock(app, [await sign(a, commissionMsg(a))]);
  t.equal(res.txResults[0].codespace, 'distribution', 'a second commission withdrawal has nothing to pay');
  t.equal(res.txResults[0].code, 6, 'with the no-commission code');
  t.equal(await out(va), '1620.000000000000000000', "a's outstanding is its self-delegation's rewards");

  // Delegating more withdraws first.
  await runBlockWith(app, [await sign(d, send(d.address, d.address, '1'))], { votes });
  t.equal(await rewards(c, va), '4860.000000000000000000', 'c earned another 4,860');
  before = await balance(app, c.address);
  res = await runBlock(app, [await sign(c, delegateMsg(c, va, 2_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'c delegates 2 AIC more');
  t.equal(await balance(app, c.address), before + 4860n - 2_000_000n - FEE, 'its pending 4,860 were paid out first');
  t.equal(await rewards(c, va), '0', 'and its accounting starts afresh');

  // Undelegating withdraws too.
  await runBlockWith(app, [await sign(d, send(d.address, d.address, '1'))], { votes });
  const pendingA = BigInt((await rewards(a, va)).split('.')[0]);
  before = await balance(app, a.address);
  res = await runBlock(app, [await sign(a, undelegateMsg(a, va, 1_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'a undelegates 1 AIC');
  t.equal(await balance(app, a.address), before + pendingA - FEE, "a's pending rewards were paid out on undelegating");
  await ta.close();
  removeDir(ta.dir);
});

test('distribution: inflation is minted each block; after a slash rewards still reconcile; export -> import keeps the app hash', async (t) => {
  const accs = await devAccounts(3);
  const [a, b, c] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, appState(accs, '0.5'));
  await runBlock(app, []);
  const sign = signer(app);
  const va = valoperOf(a);
  await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 10_000_000n)),
    await sign(b, createValidatorMsg(b, consKey(2), 10_000_000n)),
  ]);
  await runBlock(app, [await sign(c, delegateMsg(c, va, 30_000_000n))]);

  const supplyOf = () => app.wiring.bank.getSupply(app.ctx(app.store.state), 'uaic');
  const s0 = supplyOf();
  const votes = [vote(consKey(1), true, 40n), vote(consKey(2), true, 10n)];
  const res = await runBlockWith(app, [], { votes });
  const minted = (s0 * 5n) / 10n / 100n;
  t.equal(supplyOf(), s0 + minted, 'supply × 0.5 / 100 blocks per year was minted');
  t.ok(
    res.events.some((e) => e.type === 'mint' && e.attributes.some((x) => x.value === `${minted}uaic`)),
    'a mint event names the amount',
  );

  // Double sign by a: 5% of its tokens burned, its delegations' stakes cut by a slash event.
  await runBlockWith(app, [], { misbehavior: [duplicateVote(consKey(1), app.store.version)], votes });
  await runBlockWith(app, [], { votes });
  t.deepEqual(
    app.checkInvariants(),
    [],
    'every invariant holds after the slash (rewards outstanding cover every delegation)',
  );

  const before = { a: await balance(app, a.address), c: await balance(app, c.address) };
  const r = await runBlock(app, [await sign(c, withdrawMsg(c, va)), await sign(a, withdrawMsg(a, va))]);
  t.deepEqual(
    r.txResults.map((x) => x.code),
    [0, 0],
    'both delegators of the slashed validator withdraw',
  );
  const got =
    paid(r.txResults[0].data, MsgWithdrawRewardsResponse) + paid(r.txResults[1].data, MsgWithdrawRewardsResponse);
  t.ok(got > 0n, 'they receive rewards');
  t.equal(
    (await balance(app, c.address)) + (await balance(app, a.address)),
    before.a + before.c + got - 2n * FEE,
    'exactly what the responses name',
  );
  const ctx = app.ctx(app.store.state);
  const left = app.wiring.distribution.outstanding(ctx, parseAddress(va, VALOPER_PREFIX));
  const commission = app.wiring.distribution.commission(ctx, parseAddress(va, VALOPER_PREFIX));
  const leftUaic = left.get('uaic') ?? 0n,
    comm = commission.get('uaic') ?? 0n;
  t.ok(
    leftUaic >= comm && leftUaic - comm < 10n ** 18n,
    'what stays outstanding is the commission plus less than one uaic of rounding',
  );
  t.deepEqual(app.checkInvariants(), [], 'invariants hold after the withdrawals');

  const exported = app.exportAppState();
  const root = app.store.root;
  const tb = await openApp();
  const init = await initChain(tb.app, exported);
  t.equal(
    Buffer.from(init.appHash).toString('hex'),
    Buffer.from(root).toString('hex'),
    'InitChain from the export has the exporting app hash',
  );
  await ta.close();
  await tb.close();
  removeDir(ta.dir);
  removeDir(tb.dir);
});
