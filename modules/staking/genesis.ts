// Staking genesis in snake_case JSON like the other modules (amounts as decimal strings, shares as 18-decimal
// strings, the consensus key base64). Import recomputes the active set from the validators' tokens and requires the
// declared statuses to agree with it; the pool balances come from bank genesis and are checked by the invariants.
import {
  BondStatus, bondStatusFromJSON, bondStatusToJSON, type Params, type Provider, type Redelegation, type SlashRecord,
  type UnbondingDelegation, type Validator,
} from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { formatDec, parseAmount, parseDec } from '../../chain/types/coins.js';
import { normalizeRates, parseValoper, StakingKeeper } from './keeper.js';
import { stakingErrors } from './errors.js';
import { defaultParams, fractionOf, validateParams } from './params.js';
import { StakingSlashing } from './slashing.js';
import { consensusAddress, ED25519_PUBKEY_BYTES } from './consensus-key.js';
import { parseTarget } from './target.js';
import { checkProviderFields } from './providers.js';

export interface JsonParams {
  unbonding_time: string; max_validators: number; max_entries: number; bond_denom: string;
  min_self_delegation: string; power_reduction: string;
  /** The slashing params; absent ones take their defaults (genesis files from before slashing). */
  signed_blocks_window?: string; min_signed_per_window?: string; downtime_jail_duration?: string;
  slash_fraction_double_sign?: string; slash_fraction_downtime?: string;
  /** The provider params; absent ones take their defaults. */
  min_provider_collateral?: string; provider_stake_per_claim?: string; max_models_per_provider?: number;
}
export interface JsonValidator {
  operator_address: string; consensus_pubkey: string; moniker: string;
  commission: { rate: string; max_rate: string; max_change_rate: string; update_time: string };
  tokens: string; delegator_shares: string; status: string; min_self_delegation: string; jailed?: boolean;
}
export interface JsonProvider {
  provider_address: string; operator: string; moniker: string; endpoint: string; model_ids: string[];
  price_per_task: Array<{ denom: string; amount: string }>;
  commission: { rate: string; max_rate: string; max_change_rate: string; update_time: string };
  tokens: string; delegator_shares: string; status: string; jailed: boolean; jailed_until: string;
  registered_height: string; deregistered_time: string;
}
export interface JsonSigningInfo {
  /** Consensus address, hex. */
  address: string; start_height: string; index_offset: string; jailed_until: string; tombstoned: boolean;
  missed_blocks_counter: string; missed_indexes: string[];
}
export interface JsonSlashRecord {
  id: string; validator_address: string; fraction: string; reason: string; infraction_height: string; height: string;
  time: string; burned: string;
}
export interface JsonDelegation { delegator_address: string; validator_address: string; shares: string }
export interface JsonUnbonding {
  delegator_address: string; validator_address: string;
  entries: Array<{ creation_height: string; completion_time: string; initial_balance: string; balance: string }>;
}
export interface JsonRedelegation {
  delegator_address: string; validator_src_address: string; validator_dst_address: string;
  entries: Array<{ creation_height: string; completion_time: string; initial_balance: string; shares_dst: string }>;
}
export interface StakingGenesis {
  params: JsonParams; validators: JsonValidator[]; providers?: JsonProvider[]; delegations: JsonDelegation[];
  unbonding_delegations: JsonUnbonding[]; redelegations: JsonRedelegation[];
  signing_infos?: JsonSigningInfo[]; slash_history?: JsonSlashRecord[];
}

export const paramsToJson = (p: Params): JsonParams => ({
  unbonding_time: String(p.unbondingTime), max_validators: p.maxValidators, max_entries: p.maxEntries,
  bond_denom: p.bondDenom, min_self_delegation: p.minSelfDelegation, power_reduction: p.powerReduction,
  signed_blocks_window: String(p.signedBlocksWindow), min_signed_per_window: p.minSignedPerWindow,
  downtime_jail_duration: String(p.downtimeJailDuration), slash_fraction_double_sign: p.slashFractionDoubleSign,
  slash_fraction_downtime: p.slashFractionDowntime,
  min_provider_collateral: p.minProviderCollateral, provider_stake_per_claim: p.providerStakePerClaim,
  max_models_per_provider: p.maxModelsPerProvider,
});

export const defaultStakingGenesis = (): StakingGenesis =>
  ({ params: paramsToJson(defaultParams()), validators: [], providers: [], delegations: [], unbonding_delegations: [], redelegations: [],
    signing_infos: [], slash_history: [] });

const bad = (why: string) => stakingErrors.invalidGenesis(why);
const wrap = <T>(f: () => T, what: string): T => {
  try { return f(); } catch (e) { throw bad(`${what}: ${(e as Error).message}`); }
};
const int = (s: unknown, what: string, min = 0n): bigint => {
  const str = String(s);
  if (!/^-?[0-9]{1,20}$/.test(str) || BigInt(str) < min) throw bad(`${what} must be an integer >= ${min}`);
  return BigInt(str);
};
const dec = (s: string, what: string) => wrap(() => parseDec(s), what);

/** A fraction in [0, 1] in its canonical 18-decimal spelling (so equal params are equal bytes). */
const frac = (s: string, what: string): string => {
  const f = fractionOf(String(s));
  if (f === undefined) throw bad(`${what} must be a decimal in [0, 1]`);
  return formatDec(f);
};

function parseParams(j: JsonParams): Params {
  const d = defaultParams();
  const p: Params = {
    unbondingTime: int(j.unbonding_time, 'unbonding_time', 1n), maxValidators: Number(j.max_validators),
    maxEntries: Number(j.max_entries), bondDenom: j.bond_denom, minSelfDelegation: String(j.min_self_delegation),
    powerReduction: String(j.power_reduction),
    signedBlocksWindow: j.signed_blocks_window === undefined ? d.signedBlocksWindow : int(j.signed_blocks_window, 'signed_blocks_window', 1n),
    minSignedPerWindow: frac(j.min_signed_per_window ?? d.minSignedPerWindow, 'min_signed_per_window'),
    downtimeJailDuration: j.downtime_jail_duration === undefined ? d.downtimeJailDuration : int(j.downtime_jail_duration, 'downtime_jail_duration', 1n),
    slashFractionDoubleSign: frac(j.slash_fraction_double_sign ?? d.slashFractionDoubleSign, 'slash_fraction_double_sign'),
    slashFractionDowntime: frac(j.slash_fraction_downtime ?? d.slashFractionDowntime, 'slash_fraction_downtime'),
    minProviderCollateral: String(j.min_provider_collateral ?? d.minProviderCollateral),
    providerStakePerClaim: String(j.provider_stake_per_claim ?? d.providerStakePerClaim),
    maxModelsPerProvider: j.max_models_per_provider === undefined ? d.maxModelsPerProvider : Number(j.max_models_per_provider),
  };
  validateParams(p);
  return p;
}

function parseValidator(j: JsonValidator): Validator {
  parseValoper(j.operator_address);
  const pub = Uint8Array.from(Buffer.from(j.consensus_pubkey ?? '', 'base64'));
  if (pub.length !== ED25519_PUBKEY_BYTES) throw stakingErrors.invalidConsensusKey(`${pub.length} bytes`);
  const rates = { rate: j.commission?.rate, maxRate: j.commission?.max_rate, maxChangeRate: j.commission?.max_change_rate };
  StakingKeeper.validateCommission(rates);
  const status = bondStatusFromJSON(j.status);
  if (status !== BondStatus.BOND_STATUS_BONDED && status !== BondStatus.BOND_STATUS_UNBONDED) throw bad(`status ${j.status}`);
  const tokens = parseAmount(j.tokens, 'tokens');
  const shares = parseDec(j.delegator_shares);
  if ((tokens === 0n) !== (shares === 0n) && tokens !== 0n) throw bad('tokens without shares');
  return {
    operatorAddress: j.operator_address, consensusPubkey: pub, moniker: j.moniker ?? '',
    commission: { rates: normalizeRates(rates), updateTime: int(j.commission.update_time ?? '0', 'update_time') },
    tokens: tokens.toString(), delegatorShares: formatDec(shares), status,
    minSelfDelegation: parseAmount(j.min_self_delegation, 'min_self_delegation').toString(),
    jailed: j.jailed === undefined ? false : j.jailed === true ? true : j.jailed === false ? false : (() => { throw bad('jailed must be a boolean'); })(),
  };
}

function parseProvider(j: JsonProvider): Provider {
  const op = parseAddress(j.operator, undefined, 'operator');
  if (j.provider_address !== toAddress(op, PROVIDER_PREFIX)) throw bad(`provider_address must be ${toAddress(op, PROVIDER_PREFIX)}`);
  const rates = { rate: j.commission?.rate, maxRate: j.commission?.max_rate, maxChangeRate: j.commission?.max_change_rate };
  StakingKeeper.validateCommission(rates);
  const fields = { endpoint: String(j.endpoint ?? ''), modelIds: (j.model_ids ?? []).map(String), pricePerTask: j.price_per_task ?? [] };
  checkProviderFields(fields);
  const status = bondStatusFromJSON(j.status);
  if (status !== BondStatus.BOND_STATUS_BONDED && status !== BondStatus.BOND_STATUS_UNBONDED) throw bad(`status ${j.status}`);
  if (typeof j.jailed !== 'boolean') throw bad('jailed must be a boolean');
  return {
    providerAddress: j.provider_address, operator: toAddress(op), moniker: String(j.moniker ?? ''), endpoint: fields.endpoint,
    modelIds: fields.modelIds, pricePerTask: fields.pricePerTask.map((c) => ({ denom: c.denom, amount: parseAmount(c.amount).toString() })),
    commission: { rates: normalizeRates(rates), updateTime: int(j.commission.update_time ?? '0', 'update_time') },
    tokens: parseAmount(j.tokens, 'tokens').toString(), delegatorShares: formatDec(parseDec(j.delegator_shares)), status,
    jailed: j.jailed, jailedUntil: int(j.jailed_until ?? '0', 'jailed_until'), registeredHeight: int(j.registered_height ?? '0', 'registered_height'),
    deregisteredTime: int(j.deregistered_time ?? '0', 'deregistered_time'),
  };
}

export function initStakingGenesis(ctx: Context, k: StakingKeeper, g: StakingGenesis): void {
  k.setParams(ctx, wrap(() => parseParams(g.params ?? defaultStakingGenesis().params), 'params'));
  k.ensureModuleAccounts(ctx);
  const cons = new Set<string>();
  for (const j of g.validators ?? []) {
    const v = wrap(() => parseValidator(j), `validator ${j.operator_address}`);
    if (k.getValidator(ctx, parseValoper(v.operatorAddress))) throw bad(`validator ${v.operatorAddress} listed twice`);
    const c = Buffer.from(consensusAddress(v.consensusPubkey)).toString('hex');
    if (cons.has(c)) throw bad(`consensus key of ${v.operatorAddress} used twice`);
    cons.add(c);
    k.addValidator(ctx, v);
  }
  for (const j of g.providers ?? []) {
    const p = wrap(() => parseProvider(j), `provider ${j.provider_address}`);
    if (k.getProvider(ctx, parseAddress(p.operator))) throw bad(`provider ${p.providerAddress} listed twice`);
    k.setProvider(ctx, p);
  }
  for (const j of g.delegations ?? []) {
    const what = `delegation ${j.delegator_address} -> ${j.validator_address}`;
    const del = wrap(() => parseAddress(j.delegator_address), what), val = wrap(() => parseTarget(j.validator_address), what);
    if (!k.getTarget(ctx, val)) throw bad(`${what}: unknown validator or provider`);
    if (k.getDelegation(ctx, del, val)) throw bad(`${what} listed twice`);
    const shares = dec(j.shares, what);
    if (shares <= 0n) throw bad(`${what}: shares must be positive`);
    k.setDelegation(ctx, del, val, shares);
  }
  for (const j of g.unbonding_delegations ?? []) {
    const what = `unbonding ${j.delegator_address} -> ${j.validator_address}`;
    const u: UnbondingDelegation = wrap(() => {
      parseAddress(j.delegator_address); parseTarget(j.validator_address);
      return { delegatorAddress: j.delegator_address, validatorAddress: j.validator_address, entries: (j.entries ?? []).map((e) => ({
        creationHeight: int(e.creation_height, 'creation_height'), completionTime: int(e.completion_time, 'completion_time'),
        initialBalance: parseAmount(e.initial_balance).toString(), balance: parseAmount(e.balance).toString(),
      })) };
    }, what);
    if (!u.entries.length) throw bad(`${what} has no entries`);
    k.importUnbonding(ctx, u);
  }
  for (const j of g.redelegations ?? []) {
    const what = `redelegation ${j.delegator_address} ${j.validator_src_address} -> ${j.validator_dst_address}`;
    const r: Redelegation = wrap(() => {
      parseAddress(j.delegator_address); parseTarget(j.validator_src_address); parseTarget(j.validator_dst_address);
      return { delegatorAddress: j.delegator_address, validatorSrcAddress: j.validator_src_address, validatorDstAddress: j.validator_dst_address,
        entries: (j.entries ?? []).map((e) => ({
          creationHeight: int(e.creation_height, 'creation_height'), completionTime: int(e.completion_time, 'completion_time'),
          initialBalance: parseAmount(e.initial_balance).toString(), sharesDst: formatDec(parseDec(e.shares_dst)),
        })) };
    }, what);
    if (!r.entries.length) throw bad(`${what} has no entries`);
    k.importRedelegation(ctx, r);
  }
  const slashing = new StakingSlashing(k);
  const window = k.getParams(ctx).signedBlocksWindow;
  for (const j of g.signing_infos ?? []) {
    const what = `signing info ${j.address}`;
    if (!/^[0-9a-f]{40}$/.test(String(j.address))) throw bad(`${what}: address must be 40 lowercase hex digits`);
    const cons = Uint8Array.from(Buffer.from(j.address, 'hex'));
    if (!k.operatorByConsensusAddress(ctx, cons)) throw bad(`${what}: no validator has this consensus address`);
    if (slashing.getSigningInfo(ctx, cons)) throw bad(`${what} listed twice`);
    const missed = (j.missed_indexes ?? []).map((m) => int(m, `${what} missed index`));
    if (missed.some((m) => m >= window)) throw bad(`${what}: a missed index is outside the window`);
    if (new Set(missed.map(String)).size !== missed.length) throw bad(`${what}: a missed index is listed twice`);
    const counter = int(j.missed_blocks_counter, `${what} missed_blocks_counter`);
    if (counter !== BigInt(missed.length)) throw bad(`${what}: missed_blocks_counter ${counter} but ${missed.length} missed indexes`);
    slashing.setSigningInfo(ctx, cons, {
      address: j.address, startHeight: int(j.start_height, 'start_height'), indexOffset: int(j.index_offset, 'index_offset'),
      jailedUntil: int(j.jailed_until, 'jailed_until'), tombstoned: j.tombstoned === true, missedBlocksCounter: counter,
    });
    for (const m of missed) slashing.setMissed(ctx, cons, m);
  }
  let nextId: bigint | undefined;
  const ids = new Set<bigint>();
  for (const j of g.slash_history ?? []) {
    const what = `slash record ${j.id}`;
    const r: SlashRecord = wrap(() => ({
      id: int(j.id, 'id'), validatorAddress: j.validator_address, fraction: frac(j.fraction, 'fraction'), reason: String(j.reason),
      infractionHeight: int(j.infraction_height, 'infraction_height'), height: int(j.height, 'height'), time: int(j.time, 'time'),
      burned: parseAmount(j.burned, 'burned').toString(),
    }), what);
    wrap(() => parseTarget(r.validatorAddress), what);
    if (ids.has(r.id)) throw bad(`${what} listed twice`);
    ids.add(r.id);
    slashing.importSlashRecord(ctx, r);
    if (nextId === undefined || r.id + 1n > nextId) nextId = r.id + 1n;
  }
  if (nextId !== undefined) slashing.setNextSlashId(ctx, nextId);
  // The bonded validators must be exactly the active set their tokens give; that set is what CometBFT starts with.
  const active = k.computeActiveSet(ctx);
  const inSet = new Set(active.map((m) => m.validator.operatorAddress));
  for (const v of k.validators(ctx)) {
    if ((v.status === BondStatus.BOND_STATUS_BONDED) !== inSet.has(v.operatorAddress)) {
      throw bad(`validator ${v.operatorAddress} is ${bondStatusToJSON(v.status)} but its power ${inSet.has(v.operatorAddress) ? 'puts it in' : 'keeps it out of'} the active set`);
    }
  }
  for (const m of active) k.setLastPower(ctx, m.operator, m.power);
}

export function exportStakingGenesis(ctx: Context, k: StakingKeeper): StakingGenesis {
  return {
    params: paramsToJson(k.getParams(ctx)),
    validators: [...k.validators(ctx)].map((v) => ({
      operator_address: v.operatorAddress, consensus_pubkey: Buffer.from(v.consensusPubkey).toString('base64'), moniker: v.moniker,
      commission: { rate: v.commission!.rates!.rate, max_rate: v.commission!.rates!.maxRate, max_change_rate: v.commission!.rates!.maxChangeRate,
        update_time: String(v.commission!.updateTime) },
      tokens: v.tokens, delegator_shares: v.delegatorShares, status: bondStatusToJSON(v.status), min_self_delegation: v.minSelfDelegation,
      jailed: v.jailed,
    })),
    providers: [...k.providers(ctx)].map((p) => ({
      provider_address: p.providerAddress, operator: p.operator, moniker: p.moniker, endpoint: p.endpoint, model_ids: p.modelIds,
      price_per_task: p.pricePerTask.map((c) => ({ denom: c.denom, amount: c.amount })),
      commission: { rate: p.commission!.rates!.rate, max_rate: p.commission!.rates!.maxRate, max_change_rate: p.commission!.rates!.maxChangeRate,
        update_time: String(p.commission!.updateTime) },
      tokens: p.tokens, delegator_shares: p.delegatorShares, status: bondStatusToJSON(p.status), jailed: p.jailed,
      jailed_until: String(p.jailedUntil), registered_height: String(p.registeredHeight), deregistered_time: String(p.deregisteredTime),
    })),
    delegations: [...k.delegations(ctx)].map((d) => ({ delegator_address: d.delegatorAddress, validator_address: d.validatorAddress, shares: d.shares })),
    unbonding_delegations: [...k.unbondings(ctx)].map((u) => ({
      delegator_address: u.delegatorAddress, validator_address: u.validatorAddress,
      entries: u.entries.map((e) => ({ creation_height: String(e.creationHeight), completion_time: String(e.completionTime),
        initial_balance: e.initialBalance, balance: e.balance })),
    })),
    redelegations: [...k.redelegations(ctx)].map((r) => ({
      delegator_address: r.delegatorAddress, validator_src_address: r.validatorSrcAddress, validator_dst_address: r.validatorDstAddress,
      entries: r.entries.map((e) => ({ creation_height: String(e.creationHeight), completion_time: String(e.completionTime),
        initial_balance: e.initialBalance, shares_dst: e.sharesDst })),
    })),
    signing_infos: [...new StakingSlashing(k).signingInfos(ctx)].map(({ info, missed }) => ({
      address: info.address, start_height: String(info.startHeight), index_offset: String(info.indexOffset),
      jailed_until: String(info.jailedUntil), tombstoned: info.tombstoned, missed_blocks_counter: String(info.missedBlocksCounter),
      missed_indexes: missed.map(String),
    })),
    slash_history: [...new StakingSlashing(k).slashRecords(ctx)].map((r) => ({
      id: String(r.id), validator_address: r.validatorAddress, fraction: r.fraction, reason: r.reason,
      infraction_height: String(r.infractionHeight), height: String(r.height), time: String(r.time), burned: r.burned,
    })),
  };
}
