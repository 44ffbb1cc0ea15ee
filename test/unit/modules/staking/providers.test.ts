import test from 'tape';
import { createHash } from 'node:crypto';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import { CacheKV } from '../../../../chain/store/cachekv.js';
import { CodedError } from '../../../../chain/types/errors.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../../../../chain/types/address.js';
import type { AichainApp } from '../../../../chain/app/app.js';
import { Providers, parseTarget } from '../../../../modules/staking/module.js';
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryProviderRequest,
  QueryProviderResponse,
  QueryProvidersRequest,
  QueryProvidersResponse,
  QuerySlashHistoryRequest,
  QuerySlashHistoryResponse,
  QueryUnbondingDelegationsRequest,
  QueryUnbondingDelegationsResponse,
} from '../../../../proto/gen/aichain/staking/v1/query.js';
import { BondStatus } from '../../../../proto/gen/aichain/staking/v1/types.js';
import { MsgRegisterProviderResponse } from '../../../../proto/gen/aichain/staking/v1/tx.js';
import {
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
} from '../../../../proto/gen/aichain/distribution/v1/query.js';
import {
  MsgWithdrawCommissionResponse,
  MsgWithdrawRewardsResponse,
} from '../../../../proto/gen/aichain/distribution/v1/tx.js';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  type TestAccount,
} from '../../../support/app-harness.js';
import { modelsAppState, registerModelMsg, tinyMlp } from '../models/helpers.js';
import {
  consKey,
  createValidatorMsg,
  delegateMsg,
  query,
  redelegateMsg,
  runBlockWith,
  signer,
  stakingAppState,
  uaic,
  undelegateMsg,
  UNBONDING,
  valoperOf,
  vote,
} from './helpers.js';

const MIN_COLLATERAL = 5_000_000n;
const PER_CLAIM = 1_000_000n;
const provAddr = (a: TestAccount) => toAddress(parseAddress(a.address), PROVIDER_PREFIX);

const registerMsg = (
  a: TestAccount,
  modelIds: string[],
  collateral: bigint,
  over: Record<string, unknown> = {},
): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgRegisterProvider',
  value: {
    operator: a.address,
    moniker: `prov-${a.index}`,
    endpoint: 'https://prov.example/v1',
    modelIds,
    pricePerTask: [uaic(10n)],
    commission: { rate: '0.1', maxRate: '0.5', maxChangeRate: '0.05' },
    collateral: uaic(collateral),
    ...over,
  },
});
const updateMsg = (a: TestAccount, over: Record<string, unknown>): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgUpdateProvider',
  value: {
    operator: a.address,
    moniker: '',
    endpoint: '',
    modelIds: [],
    pricePerTask: [],
    commissionRate: '',
    ...over,
  },
});
const deregisterMsg = (a: TestAccount): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgDeregisterProvider',
  value: { operator: a.address },
});
const withdrawMsg = (a: TestAccount, target: string): EncodeObject => ({
  typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards',
  value: { delegatorAddress: a.address, validatorAddress: target },
});
const commissionMsg = (a: TestAccount, provider: boolean): EncodeObject => ({
  typeUrl: '/aichain.distribution.v1.MsgWithdrawCommission',
  value: { operator: a.address, provider },
});

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof CodedError ? `${e.codespace}:${e.code}` : `crash: ${(e as Error).message}`;
  }
};
const dec = (cs: Array<{ denom: string; amount: string }>) =>
  BigInt((cs.find((c) => c.denom === 'uaic')?.amount ?? '0').replace('.', ''));
const paidBy = (
  data: Uint8Array,
  codec: { decode(b: Uint8Array): { amount: Array<{ denom: string; amount: string }> } },
) =>
  BigInt(
    codec.decode(TxMsgData.decode(data).msgResponses[0].value).amount.find((c) => c.denom === 'uaic')?.amount ?? '0',
  );

async function dq<T>(
  app: AichainApp,
  method: string,
  req: { encode(m: any): { finish(): Uint8Array } },
  v: unknown,
  res: { decode(b: Uint8Array): T },
) {
  const r = await app.query({
    path: `/aichain.distribution.v1.Query/${method}`,
    data: req.encode(v).finish(),
    height: 0n,
    prove: false,
  });
  return r.code ? { code: r.code, log: r.log } : res.decode(r.value);
}

function appState(accs: TestAccount[]) {
  return {
    ...stakingAppState(accs, {
      min_provider_collateral: String(MIN_COLLATERAL),
      provider_stake_per_claim: String(PER_CLAIM),
    }),
    models: modelsAppState(accs).models,
    distribution: {
      params: { communityTax: '0.1', providerRewardShare: '0.5' },
      community_pool: [],
      validators: [],
      starting_infos: [],
    },
    mint: { params: { inflationRate: '0.05', blocksPerYear: '1000' } },
  };
}

test('compute providers: register, delegate, rewards by stake, withdraw, bad input, slash and jail, deregister and removal', async (t) => {
  const accs = await devAccounts(4);
  const [a, b, c, d] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, appState(accs));
  await runBlock(app, []);
  const sign = signer(app);
  const model = tinyMlp(7);
  const modelId = createHash('sha256').update(model).digest('hex');
  let res = await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 10_000_000n)),
    await sign(d, registerModelMsg(d.address, model), 2_000_000),
  ]);
  t.deepEqual(
    res.txResults.map((r) => r.code),
    [0, 0],
    'a validator and a model exist',
  );

  const pb = provAddr(b);
  res = await runBlock(app, [await sign(b, registerMsg(b, [modelId], MIN_COLLATERAL))]);
  t.equal(res.txResults[0].code, 0, 'b registers as a provider with the minimum collateral');
  t.equal(
    MsgRegisterProviderResponse.decode(TxMsgData.decode(res.txResults[0].data).msgResponses[0].value).providerAddress,
    pb,
    'the response names aiprov1… of the operator',
  );
  let pr = await query(app, 'Provider', QueryProviderRequest, { providerAddress: pb }, QueryProviderResponse);
  t.deepEqual(
    [
      pr.provider!.status,
      pr.provider!.modelIds,
      pr.standing!.collateral,
      pr.standing!.stake,
      pr.standing!.active,
      pr.standing!.claimLimit,
    ],
    [BondStatus.BOND_STATUS_BONDED, [modelId], String(MIN_COLLATERAL), String(MIN_COLLATERAL), true, 5n],
    'standing: active, collateral = stake, 5 claims',
  );

  res = await runBlock(app, [await sign(c, delegateMsg(c, pb, 15_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'c delegates 15 AIC to the provider');
  pr = await query(app, 'Provider', QueryProviderRequest, { providerAddress: b.address }, QueryProviderResponse);
  t.deepEqual(
    [pr.standing!.collateral, pr.standing!.stake, pr.standing!.claimLimit],
    ['5000000', '20000000', 20n],
    'stake = collateral + delegations; the claim limit grows with it (found by the operator address too)',
  );
  const del = await query(
    app,
    'Delegation',
    QueryDelegationRequest,
    { delegatorAddress: c.address, validatorAddress: pb },
    QueryDelegationResponse,
  );
  t.equal(
    del.delegationResponse!.balance!.amount,
    '15000000',
    'the delegation to the provider is queryable with its balance',
  );

  // Rewards: half of the post-tax rewards to providers by stake, half to validators by power.
  const outP0 = await dq(
    app,
    'ValidatorOutstandingRewards',
    QueryValidatorOutstandingRewardsRequest,
    { validatorAddress: pb },
    QueryValidatorOutstandingRewardsResponse,
  );
  const outV0 = await dq(
    app,
    'ValidatorOutstandingRewards',
    QueryValidatorOutstandingRewardsRequest,
    { validatorAddress: valoperOf(a) },
    QueryValidatorOutstandingRewardsResponse,
  );
  await runBlockWith(app, [], { votes: [vote(consKey(1), true, 10n)] });
  const outP1 = await dq(
    app,
    'ValidatorOutstandingRewards',
    QueryValidatorOutstandingRewardsRequest,
    { validatorAddress: pb },
    QueryValidatorOutstandingRewardsResponse,
  );
  const outV1 = await dq(
    app,
    'ValidatorOutstandingRewards',
    QueryValidatorOutstandingRewardsRequest,
    { validatorAddress: valoperOf(a) },
    QueryValidatorOutstandingRewardsResponse,
  );
  const gotP =
    dec((outP1 as QueryValidatorOutstandingRewardsResponse).rewards)
    - dec((outP0 as QueryValidatorOutstandingRewardsResponse).rewards);
  const gotV =
    dec((outV1 as QueryValidatorOutstandingRewardsResponse).rewards)
    - dec((outV0 as QueryValidatorOutstandingRewardsResponse).rewards);
  t.ok(gotP > 0n, `the provider earned block rewards (${gotP} × 1e-18 uaic)`);
  t.ok(
    gotV - gotP >= 0n && gotV - gotP <= 1n,
    'with provider_reward_share 0.5 the provider and the validator get the same (to the last 1e-18)',
  );
  for (let i = 0; i < 3; i++) await runBlockWith(app, [], { votes: [vote(consKey(1), true, 10n)] });
  const pending = await dq(
    app,
    'DelegationRewards',
    QueryDelegationRewardsRequest,
    { delegatorAddress: c.address, validatorAddress: pb },
    QueryDelegationRewardsResponse,
  );
  t.ok(dec((pending as QueryDelegationRewardsResponse).rewards) > 0n, 'c has pending rewards from the provider');

  const cBefore = await balance(app, c.address);
  res = await runBlock(app, [await sign(c, withdrawMsg(c, pb))]);
  t.equal(res.txResults[0].code, 0, 'c withdraws its provider rewards');
  const paid = paidBy(res.txResults[0].data, MsgWithdrawRewardsResponse);
  t.ok(paid > 0n, `rewards paid: ${paid} uaic`);
  t.equal(
    await balance(app, c.address),
    cBefore + paid - 10_000n,
    "c's balance went up by what was paid (less the fee)",
  );
  res = await runBlock(app, [await sign(b, commissionMsg(b, true))]);
  t.equal(res.txResults[0].code, 0, 'b withdraws its provider commission');
  t.ok(paidBy(res.txResults[0].data, MsgWithdrawCommissionResponse) > 0n, 'provider commission was paid');
  res = await runBlock(app, [await sign(b, commissionMsg(b, false))]);
  t.equal(
    `${res.txResults[0].codespace}:${res.txResults[0].code}`,
    'distribution:5',
    'b has no validator commission to withdraw (unknown validator)',
  );

  // Bad input: coded errors, nothing changed.
  const before = await query(app, 'Providers', QueryProvidersRequest, { status: 0 }, QueryProvidersResponse);
  const bad: Array<[string, EncodeObject, TestAccount, string]> = [
    ['a second registration', registerMsg(b, [modelId], MIN_COLLATERAL), b, 'staking:28'],
    ['collateral below the minimum', registerMsg(d, [modelId], MIN_COLLATERAL - 1n), d, 'staking:29'],
    ['an unknown model', registerMsg(d, ['ab'.repeat(32)], MIN_COLLATERAL), d, 'staking:30'],
    ['a malformed model id', registerMsg(d, ['xyz'], MIN_COLLATERAL), d, 'staking:30'],
    ['no models', registerMsg(d, [], MIN_COLLATERAL), d, 'staking:30'],
    [
      'a price in an unknown denom',
      registerMsg(d, [modelId], MIN_COLLATERAL, { pricePerTask: [uaic(5n, 'uxyz')] }),
      d,
      'bank:6',
    ],
    ['a zero price', registerMsg(d, [modelId], MIN_COLLATERAL, { pricePerTask: [uaic(0n)] }), d, 'staking:31'],
    [
      'collateral in the wrong denom',
      registerMsg(d, [modelId], MIN_COLLATERAL, { collateral: uaic(MIN_COLLATERAL, 'uusdc') }),
      d,
      'staking:13',
    ],
    [
      'commission above its max',
      registerMsg(d, [modelId], MIN_COLLATERAL, { commission: { rate: '0.6', maxRate: '0.5', maxChangeRate: '0.01' } }),
      d,
      'staking:5',
    ],
    ['an endpoint with spaces', registerMsg(d, [modelId], MIN_COLLATERAL, { endpoint: 'http://a b' }), d, 'staking:32'],
    ['delegating to an unknown provider', delegateMsg(c, provAddr(d), 1_000_000n), c, 'staking:27'],
    ['updating a provider one does not run', updateMsg(d, { moniker: 'x' }), d, 'staking:27'],
    ['changing commission within 24 h', updateMsg(b, { commissionRate: '0.12' }), b, 'staking:6'],
    ['updating to an unknown model', updateMsg(b, { modelIds: ['cd'.repeat(32)] }), b, 'staking:30'],
    ['an update that changes nothing', updateMsg(b, {}), b, 'staking:17'],
    ['undelegating more than delegated', undelegateMsg(c, pb, 16_000_000n), c, 'staking:11'],
  ];
  for (const [what, msg, who, want] of bad) {
    res = await runBlock(app, [await sign(who, msg)]);
    t.equal(`${res.txResults[0].codespace}:${res.txResults[0].code}`, want, `${what}: ${want}`);
  }
  const after = await query(app, 'Providers', QueryProvidersRequest, { status: 0 }, QueryProvidersResponse);
  t.deepEqual(
    after.providers.map((p) => [p.providerAddress, p.tokens, p.delegatorShares, p.modelIds, p.commission]),
    before.providers.map((p) => [p.providerAddress, p.tokens, p.delegatorShares, p.modelIds, p.commission]),
    'no provider changed',
  );
  res = await runBlock(app, [
    await sign(b, updateMsg(b, { endpoint: 'https://new.example', pricePerTask: [uaic(3n, 'uusdc'), uaic(7n)] })),
  ]);
  t.equal(res.txResults[0].code, 0, 'b updates its endpoint and prices');
  pr = await query(app, 'Provider', QueryProviderRequest, { providerAddress: pb }, QueryProviderResponse);
  t.deepEqual(
    [pr.provider!.endpoint, pr.provider!.pricePerTask.map((p) => `${p.amount}${p.denom}`), pr.provider!.modelIds],
    ['https://new.example', ['7uaic', '3uusdc'], [modelId]],
    'the update applied (prices sorted by denom), untouched fields kept',
  );

  // Redelegation from a provider to a validator and back is the same machinery.
  res = await runBlock(app, [await sign(c, redelegateMsg(c, pb, valoperOf(a), 1_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'c redelegates 1 AIC from the provider to the validator');

  // Slash and jail through the interface other modules use (in a block context that is not committed).
  {
    const h = app.store.version;
    const view = new CacheKV(app.store.state);
    const ctx = app.ctx(
      view,
      { height: h + 1n, time: { seconds: 1n << 40n, nanos: 0 }, chainId: 'test-chain-1' },
      'block',
    );
    const slasher = app.wiring.slasher;
    const providers = new Providers(app.wiring.staking);
    const staking = app.wiring.staking,
      slashing = app.wiring.slashing;
    const delegateMsg = (c: typeof ctx, from: string, to: string, coin: { denom: string; amount: string }) =>
      staking.delegations.delegate(
        c,
        parseAddress(from),
        parseTarget(to),
        staking.requireBondAmount(c, { denom: coin.denom, amount: BigInt(coin.amount) }),
      );
    const unjail = (c: typeof ctx, operator: string) => slashing.unjailProvider(c, parseAddress(operator));
    const op = parseAddress(b.address);
    const stake0 = providers.standing(ctx, op)!.stake;
    const rec = slasher.slash(ctx, { operator: pb }, '0.1', 'wrong inference result', h);
    t.equal(rec.validatorAddress, pb, 'the slash record names the provider');
    t.equal(providers.standing(ctx, op)!.stake, stake0 - stake0 / 10n, "a tenth of the provider's stake was burned");
    t.equal(
      staking.delegations.balance(
        ctx,
        staking.delegations.get(
          ctx,
          parseAddress(c.address),
          staking.targets.require(ctx, new Uint8Array([0x70, ...op])).id,
        )!,
      ),
      12_600_000n,
      "c's 14 AIC delegation lost a tenth with it",
    );
    slasher.jail(ctx, { operator: pb }, (1n << 40n) + 100n);
    t.deepEqual(
      [providers.standing(ctx, op)!.active, providers.standing(ctx, op)!.claimLimit],
      [false, 0n],
      'a jailed provider may not claim',
    );
    t.equal(
      codeOf(() => delegateMsg(ctx, c.address, pb, uaic(1_000_000n))),
      'staking:33',
      'a jailed provider takes no delegations',
    );
    t.equal(
      codeOf(() => unjail(ctx, b.address)),
      'staking:25',
      'unjail before the jail ends is refused',
    );
    const later = app.ctx(
      view,
      { height: h + 2n, time: { seconds: (1n << 40n) + 100n, nanos: 0 }, chainId: 'test-chain-1' },
      'block',
    );
    t.equal(
      codeOf(() => unjail(later, b.address)),
      'staking:29',
      'after the jail ends, unjail still needs the collateral back above the minimum',
    );
    t.equal(
      codeOf(() => delegateMsg(later, b.address, pb, uaic(600_000n))),
      'no error',
      'the operator may top up its jailed provider',
    );
    t.equal(
      codeOf(() => unjail(later, b.address)),
      'no error',
      'then unjail succeeds',
    );
    t.equal(
      codeOf(() => unjail(later, b.address)),
      'staking:34',
      'unjail of a provider that is not jailed is refused',
    );
    // Task-fee shares reach a provider's delegators through distribution's small interface.
    const dist = app.wiring.distribution,
      id = new Uint8Array([0x70, ...op]);
    const out0 = dist.outstanding(later, id).get('uaic') ?? 0n;
    app.wiring.bank.mintCoins(later, 'fee_collector', [{ denom: 'uaic', amount: 1000n }]);
    dist.depositTargetRewards(later, 'fee_collector', id, [{ denom: 'uaic', amount: 1000n }]);
    const out1 = dist.outstanding(later, id).get('uaic') ?? 0n;
    t.equal(out1 - out0, 1000n * 10n ** 18n, "a 1000 uaic task-fee share becomes the provider's outstanding rewards");
    t.equal(
      codeOf(() =>
        dist.depositTargetRewards(later, 'fee_collector', new Uint8Array([0x70, ...parseAddress(d.address)]), [
          { denom: 'uaic', amount: 1n },
        ]),
      ),
      'distribution:5',
      'depositing to an unknown provider is refused',
    );
    t.deepEqual(app.checkInvariants(later), [], 'invariants hold after slashing a provider and paying it task fees');
  }
  const slashes = await query(
    app,
    'SlashHistory',
    QuerySlashHistoryRequest,
    { validatorAddress: pb },
    QuerySlashHistoryResponse,
  );
  t.equal(slashes.slashes.length, 0, 'that slash was never committed');

  // Deregister: collateral unbonds, no new delegations; the record goes once the last delegation has left and matured.
  res = await runBlock(app, [await sign(b, deregisterMsg(b))]);
  t.equal(res.txResults[0].code, 0, 'b deregisters');
  pr = await query(app, 'Provider', QueryProviderRequest, { providerAddress: pb }, QueryProviderResponse);
  t.deepEqual(
    [pr.provider!.status, pr.standing!.active, pr.standing!.collateral, pr.standing!.stake],
    [BondStatus.BOND_STATUS_UNBONDED, false, '0', '14000000'],
    "deregistered: unbonded, inactive, collateral unbonding, c's stake still there",
  );
  const ubd = await query(
    app,
    'UnbondingDelegations',
    QueryUnbondingDelegationsRequest,
    { delegatorAddress: b.address },
    QueryUnbondingDelegationsResponse,
  );
  t.deepEqual(
    ubd.unbondingResponses.map((u) => [u.validatorAddress, u.entries[0].balance]),
    [[pb, '5000000']],
    'the collateral is an unbonding entry',
  );
  res = await runBlock(app, [await sign(c, delegateMsg(c, pb, 1_000_000n)), await sign(b, deregisterMsg(b))]);
  t.deepEqual(
    res.txResults.map((r) => `${r.codespace}:${r.code}`),
    ['staking:35', 'staking:35'],
    'no delegations to, or second deregistration of, a deregistered provider',
  );
  res = await runBlock(app, [await sign(c, undelegateMsg(c, pb, 14_000_000n))]);
  t.equal(res.txResults[0].code, 0, 'c undelegates everything from the deregistered provider');
  t.ok(
    (
      await query(
        app,
        'Providers',
        QueryProvidersRequest,
        { status: BondStatus.BOND_STATUS_UNBONDED },
        QueryProvidersResponse,
      )
    ).providers.length === 1,
    'the record stays while entries are unbonding (still slashable)',
  );
  const bBefore = await balance(app, b.address);
  for (let i = 0n; i <= UNBONDING; i++) await runBlock(app, []);
  t.equal(await balance(app, b.address), bBefore + MIN_COLLATERAL, 'b got its collateral back after unbonding_time');
  const gone = await app.query({
    path: '/aichain.staking.v1.Query/Provider',
    data: QueryProviderRequest.encode({ providerAddress: pb }).finish(),
    height: 0n,
    prove: false,
  });
  t.equal(gone.code, 22, 'the provider record is removed once nothing is at stake (NotFound)');
  const outGone = await dq(
    app,
    'ValidatorOutstandingRewards',
    QueryValidatorOutstandingRewardsRequest,
    { validatorAddress: pb },
    QueryValidatorOutstandingRewardsResponse,
  );
  t.ok('code' in outGone, 'and its reward accounting with it');
  res = await runBlock(app, [await sign(b, registerMsg(b, [modelId], MIN_COLLATERAL))]);
  t.equal(res.txResults[0].code, 0, 'b may register again afresh');
  await ta.close();
  removeDir(ta.dir);
});

test('compute providers: genesis export -> import gives the same app hash', async (t) => {
  const accs = await devAccounts(3);
  const [a, b, c] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, appState(accs));
  await runBlock(app, []);
  const sign = signer(app);
  const model = tinyMlp(8);
  const modelId = createHash('sha256').update(model).digest('hex');
  await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 10_000_000n)),
    await sign(c, registerModelMsg(c.address, model), 2_000_000),
  ]);
  await runBlock(app, [await sign(b, registerMsg(b, [modelId], MIN_COLLATERAL))]);
  await runBlock(app, [await sign(c, delegateMsg(c, provAddr(b), 3_000_000n))]);
  for (let i = 0; i < 3; i++) await runBlockWith(app, [], { votes: [vote(consKey(1), true, 10n)] });
  await runBlock(app, [await sign(c, undelegateMsg(c, provAddr(b), 1_000_000n))]);
  const exported = app.exportAppState();
  const meta = app.exportChainMeta();
  t.equal((exported.staking as { providers: unknown[] }).providers.length, 1, 'the export lists the provider');
  const tb = await openApp();
  const res = await initChain(tb.app, exported, {
    validators: meta.validators.map((v) => ({ pub: v.pubKey, power: v.power })),
  });
  t.equal(
    Buffer.from(res.appHash).toString('hex'),
    Buffer.from(app.store.root).toString('hex'),
    'InitChain from the export has the exporting app hash',
  );
  await runBlock(tb.app, []);
  t.deepEqual(tb.app.exportAppState().staking, exported.staking, 'and exports the same staking state again');
  await ta.close();
  removeDir(ta.dir);
  await tb.close();
  removeDir(tb.dir);
});

test('compute providers: a bad provider in genesis fails InitChain loudly', async (t) => {
  const accs = await devAccounts(2);
  const [, b] = accs;
  const good = {
    provider_address: provAddr(b),
    operator: b.address,
    moniker: 'p',
    endpoint: '',
    model_ids: ['ab'.repeat(32)],
    price_per_task: [{ denom: 'uaic', amount: '1' }],
    commission: { rates: { rate: '0.1', max_rate: '0.2', max_change_rate: '0.01' }, update_time: '0' },
    tokens: '0',
    delegator_shares: '0',
    status: 'BOND_STATUS_BONDED',
    jailed: false,
    jailed_until: '0',
    registered_height: '0',
    deregistered_time: '0',
  };
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "an address that is not the operator's",
      { provider_address: toAddress(new Uint8Array(20), PROVIDER_PREFIX) },
      /provider_address must be/,
    ],
    ['a malformed model id', { model_ids: ['nope'] }, /not 64 lowercase hex/],
    [
      'commission above its max',
      { commission: { ...good.commission, rates: { ...good.commission.rates, rate: '0.3' } } },
      /rate above max_rate/,
    ],
    ['an unknown status', { status: 'BOND_STATUS_UNSPECIFIED' }, /status/],
    ['jailed that is not a boolean', { jailed: 'yes' }, /jailed must be a boolean/],
  ];
  for (const [what, over, want] of cases) {
    const ta = await openApp();
    const state = appState(accs);
    (state.staking as { providers?: unknown[] }).providers = [{ ...good, ...over }];
    try {
      await initChain(ta.app, state);
      t.fail(`${what} is accepted`);
    } catch (e) {
      t.match((e as Error).message, want, `${what}: refused`);
    }
    await ta.close();
    removeDir(ta.dir);
  }
  const ta = await openApp();
  const state = appState(accs);
  (state.staking as { providers?: unknown[] }).providers = [good, good];
  try {
    await initChain(ta.app, state);
    t.fail('a provider listed twice is accepted');
  } catch (e) {
    t.match((e as Error).message, /listed twice/, 'a provider listed twice: refused');
  }
  await ta.close();
  removeDir(ta.dir);
});
