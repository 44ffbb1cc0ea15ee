// End to end: compute providers through unmodified CosmJS against a dev node with inflation on and a provider reward
// share. A dev account registers as a provider serving a reference model, another delegates to it, earns, withdraws,
// undelegates; the provider withdraws its commission and deregisters. Bad registrations fail with a coded error
// (staking's, or bank's for an unknown price denom) and change nothing. Then the CLI registers a second provider
// and reads it back.
import test from 'tape';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromHex } from '@cosmjs/encoding';
import type { EncodeObject } from '@cosmjs/proto-signing';
import {
  BroadcastTxError,
  QueryClient,
  parseCoins,
  type DeliverTxResponse,
  type SigningStargateClient,
  type StdFee,
} from '@cosmjs/stargate';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { connectComet, type CometClient } from '@cosmjs/tendermint-rpc';
import { DEV_ADDRESSES, DEV_MNEMONIC } from '../../chain/home/dev.js';
import {
  aichainWallet,
  connectAichainSigner,
  setupAichainDistributionExtension,
  setupAichainStakingExtension,
  setupBankExtension,
  setupModelsExtension,
  BondStatus,
  Status,
  type AichainMsgDelegateEncodeObject,
  type AichainMsgUndelegateEncodeObject,
  type MsgDeregisterProviderEncodeObject,
  type MsgRegisterProviderEncodeObject,
  type MsgWithdrawCommissionEncodeObject,
  type MsgWithdrawRewardsEncodeObject,
} from '../../chain/client/index.js';
import { MsgDeregisterProviderResponse, MsgRegisterProviderResponse } from '../../proto/gen/aichain/staking/v1/tx.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { startNode } from '../support/devnode-process.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
const cli = async (...args: string[]) => (await run(process.execPath, [bin, ...args], { timeout: 60_000 })).stdout;

// Explicit fees where a balance is checked to the unit (and so a failing tx reaches the chain instead of failing Simulate).
const FEE: StdFee = { amount: [{ denom: 'uaic', amount: '25000' }], gas: '1000000' };
const FEE_UAIC = 25_000n;
const COMMISSION = {
  rate: '0.100000000000000000',
  maxRate: '0.200000000000000000',
  maxChangeRate: '0.010000000000000000',
};

/** The dev home with inflation on, half of each block's rewards for providers, and a long unbonding time. */
async function providerHome(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'aichain-providers-e2e-'));
  await cli('init', '--dev', '--home', home, '--output', 'json');
  const file = join(home, 'config', 'genesis.json');
  const g = JSON.parse(readFileSync(file, 'utf8'));
  g.app_state.distribution = {
    community_pool: [],
    validators: [],
    starting_infos: [],
    ...(g.app_state.distribution ?? {}),
    params: {
      ...(g.app_state.distribution?.params ?? {}),
      community_tax: '0.020000000000000000',
      provider_reward_share: '0.500000000000000000',
    },
  };
  g.app_state.mint = { params: { inflation_rate: '0.100000000000000000', blocks_per_year: '6311520' } };
  g.app_state.staking.params = { ...g.app_state.staking.params, unbonding_time: '3600' };
  writeFileSync(file, JSON.stringify(g, null, 2));
  return home;
}

/** A provider's address: the operator's account bytes under the aiprov prefix. */
const aiprovOf = (account: string) => toAddress(parseAddress(account), PROVIDER_PREFIX);
const whole = (dec: string | undefined) => BigInt((dec ?? '0').split('.')[0] || '0');
const uaicOf = (coins: ReadonlyArray<{ denom: string; amount: string }>) =>
  whole(coins.find((c) => c.denom === 'uaic')?.amount);
/** The uaic in an event's `amount` attribute (a coin list such as "123uaic"; empty when nothing was paid). */
function eventUaic(res: DeliverTxResponse, type: string): bigint | undefined {
  const ev = res.events.find((e) => e.type === type);
  const amount = ev?.attributes.find((a) => a.key === 'amount')?.value;
  if (ev === undefined || amount === undefined) return undefined;
  return amount === '' ? 0n : uaicOf(parseCoins(amount));
}

interface Failure {
  code: number;
  codespace: string;
  log: string;
  delivered: boolean;
}
/**
 * Sends a tx expected to fail: rejected by CheckTx (nothing charged) or included with a non-zero code (fee charged).
 * Signs and broadcasts by hand because CosmJS's broadcastTx leaves its 60 s timeout running when CheckTx rejects.
 */
async function expectFailure(
  signer: SigningStargateClient,
  comet: CometClient,
  from: string,
  msgs: EncodeObject[],
): Promise<Failure | undefined> {
  const bytes = TxRaw.encode(await signer.sign(from, msgs, FEE, '')).finish();
  let hash: string;
  try {
    hash = await signer.broadcastTxSync(bytes);
  } catch (e) {
    if (e instanceof BroadcastTxError)
      return { code: e.code, codespace: e.codespace, log: e.log ?? '', delivered: false };
    throw e;
  }
  const included = await until('the failing tx to be included', async () => (await signer.getTx(hash)) ?? undefined);
  if (included.code === 0) return undefined;
  const got = await comet.tx({ hash: fromHex(hash) });
  return { code: included.code, codespace: got.result.codespace ?? '', log: got.result.log ?? '', delivered: true };
}

const until = <T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
  waitFor(f, { what, timeoutMs, intervalMs: 50 });

test('e2e: compute providers with CosmJS and the CLI against the dev node', async (t) => {
  const home = await providerHome();
  const node = await startNode({ home, blockTime: '100ms' });
  const comet = await connectComet(node.url);
  // Poll for inclusion every 200 ms rather than CosmJS's default 3 s (blocks come every 100 ms here).
  const signer = await connectAichainSigner(node.url, await aichainWallet(DEV_MNEMONIC, [0, 1, 2, 3, 4]), {
    broadcastPollIntervalMs: 200,
  });
  try {
    const q = QueryClient.withExtensions(
      comet,
      setupBankExtension,
      setupModelsExtension,
      setupAichainStakingExtension,
      setupAichainDistributionExtension,
    );
    const uaic = async (addr: string) => BigInt((await q.bank.balance(addr, 'uaic')).amount);
    // dev1 runs the dev genesis's provider; dev0 runs the validator and (via the CLI, below) a provider as well.
    const [cliOperator, , delegator, operator, stranger] = DEV_ADDRESSES;
    const genesisProviders = (await q.aichainStaking.providers()).providers.map((p) => p.providerAddress);
    const prov = aiprovOf(operator);
    t.notOk(genesisProviders.includes(prov), 'the chosen operator runs no provider yet');
    const models = (await q.models.models({ status: Status.STATUS_ACTIVE })).models.map((m) => m.id);
    t.ok(models.length >= 1, `the dev genesis has active reference models (${models.length})`);
    const minCollateral = BigInt((await q.aichainStaking.params()).minProviderCollateral);
    t.ok(minCollateral > 0n, `the genesis sets min_provider_collateral (${minCollateral})`);

    const register = (
      from: string,
      over: Partial<MsgRegisterProviderEncodeObject['value']> = {},
    ): MsgRegisterProviderEncodeObject => ({
      typeUrl: '/aichain.staking.v1.MsgRegisterProvider',
      value: {
        operator: from,
        moniker: 'prov-one',
        endpoint: 'https://prov-one.example/infer',
        modelIds: [models[0]],
        pricePerTask: [{ denom: 'uaic', amount: '10' }],
        commission: COMMISSION,
        collateral: { denom: 'uaic', amount: String(2n * minCollateral) },
        ...over,
      },
    });

    // ---- bad input: each fails with the staking codespace and leaves no provider and no lost funds beyond the fee ----
    // A price in a denom the chain does not know is refused by the bank's denom registry (codespace bank).
    const bad: Array<[string, Partial<MsgRegisterProviderEncodeObject['value']>, string]> = [
      [
        'collateral below the minimum',
        { collateral: { denom: 'uaic', amount: String(minCollateral - 1n) } },
        'staking',
      ],
      ['an unknown model id', { modelIds: ['ab'.repeat(32)] }, 'staking'],
      [
        'collateral in a non-bond denom',
        { collateral: { denom: 'uusdc', amount: String(2n * minCollateral) } },
        'staking',
      ],
      ['a price in an unknown denom', { pricePerTask: [{ denom: 'ufoo', amount: '10' }] }, 'bank'],
    ];
    for (const [why, over, codespace] of bad) {
      const before = await uaic(stranger);
      const f = await expectFailure(signer, comet, stranger, [register(stranger, over)]);
      t.ok(f, `registering with ${why} fails`);
      t.equal(f?.codespace, codespace, `registering with ${why}: ${codespace} codespace (${f?.log})`);
      t.ok((f?.code ?? 0) >= 2, `registering with ${why}: a registered code (${f?.code})`);
      const spent = before - (await uaic(stranger));
      t.equal(spent, f?.delivered ? FEE_UAIC : 0n, `registering with ${why}: only the fee, if any, is spent`);
      const found = await q.aichainStaking.provider(stranger).then(
        () => true,
        () => false,
      );
      t.notOk(found, `registering with ${why}: no provider exists`);
    }
    t.deepEqual(
      (await q.aichainStaking.providers()).providers.map((p) => p.providerAddress),
      genesisProviders,
      'no provider was registered by the bad txs',
    );

    // ---- register ----
    const opBefore = await uaic(operator);
    const reg = await signer.signAndBroadcast(operator, [register(operator)], FEE);
    t.equal(reg.code, 0, `MsgRegisterProvider succeeds (${reg.rawLog})`);
    const regResp = MsgRegisterProviderResponse.decode(reg.msgResponses[0].value);
    t.equal(regResp.providerAddress, prov, "the response names the provider aiprov1… (the operator's bytes)");
    t.equal(
      opBefore - (await uaic(operator)),
      2n * minCollateral + FEE_UAIC,
      'the operator paid the collateral and the fee',
    );

    const got = await q.aichainStaking.provider(prov);
    t.equal(got.provider?.operator, operator, 'query provider by aiprov: the operator');
    t.deepEqual(got.provider?.modelIds, [models[0]], 'serving the reference model');
    t.deepEqual(got.provider?.pricePerTask, [{ denom: 'uaic', amount: '10' }], 'at its price');
    t.equal(got.provider?.status, BondStatus.BOND_STATUS_BONDED, 'bonded');
    t.equal(got.standing?.active, true, 'standing: active');
    t.equal(BigInt(got.standing?.collateral ?? 0), 2n * minCollateral, 'standing: the collateral');
    t.ok((got.standing?.claimLimit ?? 0n) > 0n, `standing: claim_limit ${got.standing?.claimLimit} > 0`);
    const byOperator = await q.aichainStaking.provider(operator);
    t.equal(byOperator.provider?.providerAddress, prov, "query provider by the operator's ai1… address finds the same");
    t.ok(
      (await q.aichainStaking.providers(BondStatus.BOND_STATUS_BONDED)).providers.some(
        (p) => p.providerAddress === prov,
      ),
      'query providers (bonded) lists it',
    );

    // ---- delegate ----
    const delegate: AichainMsgDelegateEncodeObject = {
      typeUrl: '/aichain.staking.v1.MsgDelegate',
      value: { delegatorAddress: delegator, validatorAddress: prov, amount: { denom: 'uaic', amount: '5000000' } },
    };
    const del = await signer.signAndBroadcast(delegator, [delegate], 'auto');
    t.equal(del.code, 0, `MsgDelegate to aiprov1… succeeds (${del.rawLog})`);
    const delegation = await q.aichainStaking.delegation(delegator, prov);
    t.equal(delegation.balance?.amount, '5000000', 'query delegation shows it at its balance');
    const stake = BigInt((await q.aichainStaking.provider(prov)).standing?.stake ?? 0);
    t.equal(stake, 2n * minCollateral + 5_000_000n, "the provider's stake is collateral plus the delegation");

    // ---- rewards ----
    const pending = await until('delegation rewards', async () => {
      const r = uaicOf((await q.aichainDistribution.delegationRewards(delegator, prov)).rewards);
      return r > 0n ? r : undefined;
    });
    t.ok(pending > 0n, `the delegator's rewards accrue (${pending}uaic)`);
    const delBefore = await uaic(delegator);
    const withdrawRewards: MsgWithdrawRewardsEncodeObject = {
      typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards',
      value: { delegatorAddress: delegator, validatorAddress: prov },
    };
    const wr = await signer.signAndBroadcast(delegator, [withdrawRewards], FEE);
    t.equal(wr.code, 0, `MsgWithdrawRewards from aiprov1… succeeds (${wr.rawLog})`);
    const paid = eventUaic(wr, 'withdraw_rewards');
    t.ok(
      paid !== undefined && paid >= pending,
      `the withdraw_rewards event pays at least what was pending (${paid} >= ${pending})`,
    );
    t.equal(
      (await uaic(delegator)) - delBefore,
      (paid ?? 0n) - FEE_UAIC,
      'the balance rose by what was paid, less the fee',
    );

    // ---- provider commission ----
    const commission = await until('provider commission', async () => {
      const c = uaicOf((await q.aichainDistribution.validatorCommission(prov)).commission);
      return c > 0n ? c : undefined;
    });
    t.ok(commission > 0n, `the provider earns commission (${commission}uaic)`);
    const opBeforeComm = await uaic(operator);
    const withdrawCommission: MsgWithdrawCommissionEncodeObject = {
      typeUrl: '/aichain.distribution.v1.MsgWithdrawCommission',
      value: { operator, provider: true },
    };
    const wc = await signer.signAndBroadcast(operator, [withdrawCommission], FEE);
    t.equal(wc.code, 0, `MsgWithdrawCommission with provider=true succeeds (${wc.rawLog})`);
    const commPaid = eventUaic(wc, 'withdraw_commission');
    t.ok(
      commPaid !== undefined && commPaid >= commission,
      `the withdraw_commission event pays at least the queried commission (${commPaid})`,
    );
    t.equal(
      (await uaic(operator)) - opBeforeComm,
      (commPaid ?? 0n) - FEE_UAIC,
      "the operator's balance rose by it, less the fee",
    );
    const notValidator = await expectFailure(signer, comet, operator, [
      { ...withdrawCommission, value: { operator, provider: false } },
    ]);
    t.ok(
      notValidator && notValidator.codespace !== '',
      `without provider=true it fails: the operator runs no validator (${notValidator?.codespace} ${notValidator?.code})`,
    );

    // ---- undelegate ----
    const worth = (await q.aichainStaking.delegation(delegator, prov)).balance?.amount ?? '0';
    const undelegate: AichainMsgUndelegateEncodeObject = {
      typeUrl: '/aichain.staking.v1.MsgUndelegate',
      value: { delegatorAddress: delegator, validatorAddress: prov, amount: { denom: 'uaic', amount: worth } },
    };
    const und = await signer.signAndBroadcast(delegator, [undelegate], 'auto');
    t.equal(und.code, 0, `MsgUndelegate from aiprov1… succeeds (${und.rawLog})`);
    const delUnbonding = (await q.aichainStaking.unbondingDelegations(delegator)).unbondingResponses.find(
      (u) => u.validatorAddress === prov,
    );
    t.equal(
      delUnbonding?.entries[0]?.balance,
      worth,
      'the delegator has an unbonding entry from the provider for the whole delegation',
    );

    // ---- deregister ----
    const dereg: MsgDeregisterProviderEncodeObject = {
      typeUrl: '/aichain.staking.v1.MsgDeregisterProvider',
      value: { operator },
    };
    const dr = await signer.signAndBroadcast(operator, [dereg], 'auto');
    t.equal(dr.code, 0, `MsgDeregisterProvider succeeds (${dr.rawLog})`);
    const drResp = MsgDeregisterProviderResponse.decode(dr.msgResponses[0].value);
    t.ok(drResp.completionTime > 0n, 'the response says when the collateral is paid out');
    const after = await q.aichainStaking.provider(prov);
    t.equal(after.provider?.status, BondStatus.BOND_STATUS_UNBONDED, 'the provider is now unbonded');
    t.ok(
      after.provider?.deregisteredTime !== undefined && after.provider.deregisteredTime > 0n,
      'with its deregistration time',
    );
    t.equal(after.standing?.active, false, 'standing: not active');
    t.equal(after.standing?.claimLimit, 0n, 'standing: claim_limit 0');
    const opUnbonding = (await q.aichainStaking.unbondingDelegations(operator)).unbondingResponses.find(
      (u) => u.validatorAddress === prov,
    );
    t.ok(opUnbonding && opUnbonding.entries.length > 0, "the operator's collateral has an unbonding entry");
    t.equal(opUnbonding?.entries.at(-1)?.balance, drResp.collateral?.amount, 'for the collateral the response names');
    t.equal(opUnbonding?.entries.at(-1)?.completionTime, drResp.completionTime, 'maturing when the response says');
    t.deepEqual(
      (await q.aichainStaking.providers(BondStatus.BOND_STATUS_UNBONDED)).providers.map((p) => p.providerAddress),
      [prov],
      'query providers (unbonded) lists it',
    );
    t.notOk(
      (await q.aichainStaking.providers(BondStatus.BOND_STATUS_BONDED)).providers.some(
        (p) => p.providerAddress === prov,
      ),
      'and providers (bonded) no longer does',
    );
    const lateDelegation = await expectFailure(signer, comet, delegator, [delegate]);
    t.equal(
      lateDelegation?.codespace,
      'staking',
      `delegating to a deregistered provider fails in the staking codespace (${lateDelegation?.log})`,
    );

    // ---- the CLI: register a second provider and read it back ----
    const g = ['--home', node.home, '--node', node.url, '--output', 'json'];
    const price = '10uaic,5uusdc';
    const out = JSON.parse(
      await cli(
        'tx',
        'staking',
        'register-provider',
        '--from',
        'dev0',
        '--amount',
        `${minCollateral}uaic`,
        '--models',
        models.join(','),
        '--price',
        price,
        '--moniker',
        'cli-prov',
        '--endpoint',
        'https://cli.example',
        ...g,
      ),
    );
    t.equal(out.code, 0, `aichain tx staking register-provider succeeds (${out.raw_log})`);
    const shown = JSON.parse(await cli('query', 'staking', 'provider', cliOperator, ...g));
    t.equal(
      shown.provider?.providerAddress,
      aiprovOf(cliOperator),
      'aichain query staking provider ADDR shows its aiprov address',
    );
    t.equal(shown.provider?.moniker, 'cli-prov', 'with the moniker');
    t.deepEqual(shown.provider?.modelIds, models, 'the models');
    t.deepEqual(
      shown.provider?.pricePerTask,
      [
        { denom: 'uaic', amount: '10' },
        { denom: 'uusdc', amount: '5' },
      ],
      'and the prices',
    );
    t.equal(shown.standing?.active, true, 'and an active standing');
    const listed = JSON.parse(await cli('query', 'staking', 'providers', '--status', 'bonded', ...g));
    t.ok(
      listed.providers.some((p: { moniker: string }) => p.moniker === 'cli-prov'),
      'aichain query staking providers --status bonded lists it',
    );
    const upd = JSON.parse(
      await cli('tx', 'staking', 'update-provider', '--from', 'dev0', '--endpoint', 'https://cli2.example', ...g),
    );
    t.equal(upd.code, 0, `aichain tx staking update-provider succeeds (${upd.raw_log})`);
    const updated = JSON.parse(await cli('query', 'staking', 'provider', aiprovOf(cliOperator), ...g));
    t.equal(updated.provider?.endpoint, 'https://cli2.example', 'the endpoint changed');
    t.equal(updated.provider?.moniker, 'cli-prov', 'fields left out kept their value');
    await until("the CLI provider's commission", async () =>
      uaicOf((await q.aichainDistribution.validatorCommission(updated.provider.providerAddress)).commission) > 0n
        ? true
        : undefined,
    );
    const wcCli = JSON.parse(
      await cli('tx', 'distribution', 'withdraw-commission', '--provider', '--from', 'dev0', ...g),
    );
    t.equal(wcCli.code, 0, `aichain tx distribution withdraw-commission --provider succeeds (${wcCli.raw_log})`);
  } finally {
    signer.disconnect();
    comet.disconnect();
    await node.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
