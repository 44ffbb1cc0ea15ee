// Builds the staking benchmark's chains from genesis: staking targets (validators, then compute providers), each
// self-delegated (a provider's is its collateral), and any number of 1-AIC delegations per target, all bonded; the
// bonded pool and every delegator's liquid balance come from bank genesis, so InitChain's invariants hold.
// Distribution mints every block (inflation on) and gives providers provider_reward_share of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import type { ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import { CommitStore } from '../../chain/store/committed.js';
import { AichainApp } from '../../chain/app/app.js';
import { moduleAddress, PROVIDER_PREFIX, toAddress, VALOPER_PREFIX } from '../../chain/types/address.js';
import { consensusAddress } from '../../modules/staking/consensus-key.js';
import { defaultStakingGenesis, StakingGenesis } from '../../modules/staking/genesis.js';
import { defaultDistributionGenesis, DistributionGenesis } from '../../modules/distribution/genesis.js';
import { BONDED_POOL } from '../../modules/staking/pools.js';
import { toGenesisJSON } from '../../chain/app/genesis.js';

type Json = Record<string, unknown>;
import { denomMetadata, GENESIS_TIME, initChain } from '../support/app-harness.js';

export const BENCH_CHAIN_ID = 'bench-staking-1';
export const POWER_REDUCTION = 1_000_000n;
/** Each target's self-delegation: above a validator's min_self_delegation (1 AIC), a provider's collateral minimum (10 AIC). */
export const SELF_STAKE = 10n * POWER_REDUCTION;
/** Each delegator's stake: 1 AIC = 1 power. */
export const DELEGATION = POWER_REDUCTION;
/** Every account's liquid uaic (pays fees in the signed-tx case). */
const LIQUID = 1_000_000_000n;

const sha = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());
const dec18 = (n: bigint) => `${n}.000000000000000000`;

/** Deterministic 20-byte account addresses, distinct per (kind, index). */
export const benchAddress = (kind: string, i: number) => sha(`bench ${kind} ${i}`).subarray(0, 20);

export interface Target {
  kind: 'validator' | 'provider';
  operator: Uint8Array;
  /** aivaloper1… or aiprov1…: what delegations and withdraws name. */
  address: string;
  /** A validator's ed25519 consensus key; undefined for a provider. */
  consPub?: Uint8Array;
  tokens: bigint;
}

export interface BenchChainSpec {
  /** Staking targets: `validators` validators (indexes 0..validators-1), then `providers` providers. */
  validators: number;
  providers?: number;
  /** Delegator count of target t (beside its self-delegation). */
  delegatorsOf: (t: number) => number;
  /** Delegators whose address is given (e.g. from a secp256k1 key) instead of derived: target t's first ones. */
  namedDelegators?: (t: number) => Uint8Array[];
  inflationRate?: string;
  providerRewardShare?: string;
}

export interface BenchChain {
  app: AichainApp;
  dir: string;
  /** Validators first, then providers. */
  targets: Target[];
  /** Delegator addresses of each target, in creation order (self-delegation not included). */
  delegators: Uint8Array[][];
  /** The decided_last_commit in which every validator signed. */
  votes: Array<{ validator: { address: Uint8Array; power: bigint }; blockIdFlag: BlockIDFlag }>;
  delegationCount: number;
  /** Seconds spent in InitChain (JSON build + import, not the first commit). */
  genesisS: number;
  close(): Promise<void>;
}

export function benchAppState(spec: BenchChainSpec) {
  const staking = toGenesisJSON(StakingGenesis, defaultStakingGenesis()) as Json & { params: Json };
  staking.params = {
    ...staking.params,
    max_validators: Math.max(spec.validators, 1),
    power_reduction: String(POWER_REDUCTION),
  };
  const targets: Target[] = [];
  const delegators: Uint8Array[][] = [];
  const validators: Json[] = [];
  const providers: Json[] = [];
  const delegations: Json[] = [];
  const balances: Array<{ address: string; coins: Array<{ denom: string; amount: string }> }> = [];
  const liquid = (addr: Uint8Array) =>
    balances.push({ address: toAddress(addr), coins: [{ denom: 'uaic', amount: String(LIQUID) }] });
  const commission = { rates: { rate: '0.1', max_rate: '0.2', max_change_rate: '0.01' }, update_time: '0' };
  let next = 0;
  const total = spec.validators + (spec.providers ?? 0);
  for (let t = 0; t < total; t++) {
    const kind = t < spec.validators ? 'validator' : 'provider';
    const operator = benchAddress(`${kind} operator`, t);
    const address = toAddress(operator, kind === 'validator' ? VALOPER_PREFIX : PROVIDER_PREFIX);
    const named = spec.namedDelegators?.(t) ?? [];
    const n = spec.delegatorsOf(t);
    const dels = Array.from({ length: n }, (_, i) => (i < named.length ? named[i] : benchAddress('delegator', next++)));
    const tokens = SELF_STAKE + BigInt(n) * DELEGATION;
    delegators.push(dels);
    const book = { tokens: String(tokens), delegator_shares: dec18(tokens), status: 'BOND_STATUS_BONDED' };
    if (kind === 'validator') {
      const consPub = sha(`bench consensus key ${t}`);
      targets.push({ kind, operator, address, consPub, tokens });
      validators.push({
        operator_address: address,
        consensus_pubkey: Buffer.from(consPub).toString('base64'),
        moniker: `bench-${t}`,
        commission,
        ...book,
        min_self_delegation: String(POWER_REDUCTION),
      });
    } else {
      targets.push({ kind, operator, address, tokens });
      providers.push({
        provider_address: address,
        operator: toAddress(operator),
        moniker: `bench-provider-${t}`,
        endpoint: `https://provider-${t}.bench.invalid`,
        model_ids: [Buffer.from(sha('bench model')).toString('hex')],
        price_per_task: [{ denom: 'uusdc', amount: '1000' }],
        commission,
        ...book,
        jailed: false,
        jailed_until: '0',
        registered_height: '0',
        deregistered_time: '0',
      });
    }
    delegations.push({ delegator_address: toAddress(operator), validator_address: address, shares: dec18(SELF_STAKE) });
    liquid(operator);
    for (const d of dels) {
      delegations.push({ delegator_address: toAddress(d), validator_address: address, shares: dec18(DELEGATION) });
      liquid(d);
    }
  }
  staking.validators = validators;
  if (providers.length) staking.providers = providers;
  staking.delegations = delegations;
  const bonded = targets.reduce((s, t) => s + t.tokens, 0n);
  balances.push({ address: toAddress(moduleAddress(BONDED_POOL)), coins: [{ denom: 'uaic', amount: String(bonded) }] });
  const distribution = toGenesisJSON(DistributionGenesis, defaultDistributionGenesis()) as Json & { params: Json };
  distribution.params = {
    ...distribution.params,
    provider_reward_share: spec.providerRewardShare ?? (providers.length ? '0.200000000000000000' : '0'),
  };
  const mint = { params: { inflation_rate: spec.inflationRate ?? '0.100000000000000000', blocks_per_year: '6311520' } };
  const appState = {
    bank: {
      params: { send_enabled: [], default_send_enabled: true },
      supply: [],
      denom_metadata: denomMetadata,
      balances,
    },
    staking,
    distribution,
    mint,
  };
  const votes = targets
    .filter((t) => t.consPub)
    .map((t) => ({
      validator: { address: consensusAddress(t.consPub!), power: t.tokens / POWER_REDUCTION },
      blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
    }));
  return { appState, targets, delegators, votes, delegationCount: delegations.length - targets.length };
}

/** A real app on a temp LevelDB store, InitChain'd from `benchAppState(spec)` (nothing committed yet). */
export async function openBenchChain(spec: BenchChainSpec): Promise<BenchChain> {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-bench-staking-'));
  const store = await CommitStore.open(join(dir, 'application.db'));
  const app = new AichainApp({ store });
  const t0 = performance.now();
  const { appState, targets, delegators, votes, delegationCount } = benchAppState(spec);
  try {
    await initChain(app, appState, { chainId: BENCH_CHAIN_ID });
  } catch (e) {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const genesisS = (performance.now() - t0) / 1000;
  return {
    app,
    dir,
    targets,
    delegators,
    votes,
    delegationCount,
    genesisS,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** FinalizeBlock (every target signed the last block) + Commit at the next height, timed apart; throws on a failed tx. */
export async function benchBlock(
  c: BenchChain,
  txs: Uint8Array[] = [],
): Promise<{ res: ResponseFinalizeBlock; finalizeMs: number; commitMs: number }> {
  const h = c.app.store.version + 1n;
  const t0 = performance.now();
  const res = await c.app.finalizeBlock({
    txs,
    decidedLastCommit: { round: 0, votes: c.votes },
    misbehavior: [],
    hash: new Uint8Array(32),
    height: h,
    time: { seconds: GENESIS_TIME.seconds + h, nanos: 0 },
    nextValidatorsHash: new Uint8Array(32),
    proposerAddress: new Uint8Array(20),
  });
  const t1 = performance.now();
  await c.app.commit({});
  const commitMs = performance.now() - t1;
  const bad = res.txResults.find((x) => x.code !== 0);
  if (bad) throw new Error(`bench tx failed: ${bad.code} ${bad.log}`);
  return { res, finalizeMs: t1 - t0, commitMs };
}
