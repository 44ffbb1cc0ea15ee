// Staking genesis in snake_case JSON like the other modules (amounts as decimal strings, shares as 18-decimal
// strings, the consensus key base64). Import recomputes the active set from the validators' tokens and requires the
// declared statuses to agree with it; the pool balances come from bank genesis and are checked by the invariants.
import {
  BondStatus, bondStatusFromJSON, bondStatusToJSON, type Params, type Redelegation, type UnbondingDelegation, type Validator,
} from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { parseAddress } from '../../chain/types/address.js';
import { formatDec, parseAmount, parseDec } from '../../chain/types/coins.js';
import { normalizeRates, parseValoper, StakingKeeper } from './keeper.js';
import { stakingErrors } from './errors.js';
import { defaultParams, validateParams } from './params.js';
import { consensusAddress, ED25519_PUBKEY_BYTES } from './consensus-key.js';

export interface JsonParams {
  unbonding_time: string; max_validators: number; max_entries: number; bond_denom: string;
  min_self_delegation: string; power_reduction: string;
}
export interface JsonValidator {
  operator_address: string; consensus_pubkey: string; moniker: string;
  commission: { rate: string; max_rate: string; max_change_rate: string; update_time: string };
  tokens: string; delegator_shares: string; status: string; min_self_delegation: string;
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
  params: JsonParams; validators: JsonValidator[]; delegations: JsonDelegation[];
  unbonding_delegations: JsonUnbonding[]; redelegations: JsonRedelegation[];
}

export const paramsToJson = (p: Params): JsonParams => ({
  unbonding_time: String(p.unbondingTime), max_validators: p.maxValidators, max_entries: p.maxEntries,
  bond_denom: p.bondDenom, min_self_delegation: p.minSelfDelegation, power_reduction: p.powerReduction,
});

export const defaultStakingGenesis = (): StakingGenesis =>
  ({ params: paramsToJson(defaultParams()), validators: [], delegations: [], unbonding_delegations: [], redelegations: [] });

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

function parseParams(j: JsonParams): Params {
  const p: Params = {
    unbondingTime: int(j.unbonding_time, 'unbonding_time', 1n), maxValidators: Number(j.max_validators),
    maxEntries: Number(j.max_entries), bondDenom: j.bond_denom, minSelfDelegation: String(j.min_self_delegation),
    powerReduction: String(j.power_reduction),
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
  for (const j of g.delegations ?? []) {
    const what = `delegation ${j.delegator_address} -> ${j.validator_address}`;
    const del = wrap(() => parseAddress(j.delegator_address), what), val = wrap(() => parseValoper(j.validator_address), what);
    if (!k.getValidator(ctx, val)) throw bad(`${what}: unknown validator`);
    if (k.getDelegation(ctx, del, val)) throw bad(`${what} listed twice`);
    const shares = dec(j.shares, what);
    if (shares <= 0n) throw bad(`${what}: shares must be positive`);
    k.setDelegation(ctx, del, val, shares);
  }
  for (const j of g.unbonding_delegations ?? []) {
    const what = `unbonding ${j.delegator_address} -> ${j.validator_address}`;
    const u: UnbondingDelegation = wrap(() => {
      parseAddress(j.delegator_address); parseValoper(j.validator_address);
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
      parseAddress(j.delegator_address); parseValoper(j.validator_src_address); parseValoper(j.validator_dst_address);
      return { delegatorAddress: j.delegator_address, validatorSrcAddress: j.validator_src_address, validatorDstAddress: j.validator_dst_address,
        entries: (j.entries ?? []).map((e) => ({
          creationHeight: int(e.creation_height, 'creation_height'), completionTime: int(e.completion_time, 'completion_time'),
          initialBalance: parseAmount(e.initial_balance).toString(), sharesDst: formatDec(parseDec(e.shares_dst)),
        })) };
    }, what);
    if (!r.entries.length) throw bad(`${what} has no entries`);
    k.importRedelegation(ctx, r);
  }
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
  };
}
