// Validator records and their consensus-key index: create, edit, read. A validator's share book (tokens, shares)
// changes only through delegations.ts; its jailed flag only through penalties.ts; its status only through the
// active set (active-set.ts).
import { BondStatus, type CommissionRates, type Validator } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { parseAddress, toAddress, VALOPER_PREFIX } from '../../chain/types/address.js';
import { DEC_ONE, formatDec, parseDec } from '../../chain/types/dec.js';
import { toHex } from '../../chain/store/bytes.js';
import { changeCommission } from './commission.js';
import { consensusAddress } from './consensus-key.js';
import { stakingErrors } from './errors.js';
import { emitCreateValidator, emitEditValidator } from './events.js';
import type { StakingKeeper } from './keeper.js';

export const valoper = (op: Uint8Array) => toAddress(op, VALOPER_PREFIX);
export const parseValoper = (s: string, what = 'validator address') => parseAddress(s, VALOPER_PREFIX, what);
export const tokensOf = (v: Validator) => BigInt(v.tokens);
export const sharesOf = (v: Validator) => parseDec(v.delegatorShares);

/** Checks rates are decimals in [0, 1] with rate <= max_rate and max_change_rate <= max_rate. */
export function validateCommission(r: CommissionRates | undefined): void {
  if (!r) throw stakingErrors.invalidCommission('commission is missing');
  let rate: bigint, max: bigint, change: bigint;
  try {
    rate = parseDec(r.rate);
    max = parseDec(r.maxRate);
    change = parseDec(r.maxChangeRate);
  } catch {
    throw stakingErrors.invalidCommission('rates must be decimal strings');
  }
  if (max > DEC_ONE) throw stakingErrors.invalidCommission('max_rate above 1');
  if (rate > max) throw stakingErrors.invalidCommission('rate above max_rate');
  if (change > max) throw stakingErrors.invalidCommission('max_change_rate above max_rate');
}

/** Rates in one canonical 18-decimal spelling, so equal rates are equal bytes in state. */
export const normalizeRates = (r: CommissionRates): CommissionRates => ({
  rate: formatDec(parseDec(r.rate)),
  maxRate: formatDec(parseDec(r.maxRate)),
  maxChangeRate: formatDec(parseDec(r.maxChangeRate)),
});

/** A new validator as MsgCreateValidator describes it, parsed. */
export interface NewValidator {
  operator: Uint8Array;
  consensusPubkey: Uint8Array;
  moniker: string;
  rates: CommissionRates;
  minSelfDelegation: bigint;
  /** The self-delegation (its denom is checked against bond_denom here). */
  selfDelegation: { denom: string; amount: bigint };
}

/** What MsgEditValidator changes; empty / undefined fields stay as they are. */
export interface ValidatorEdit {
  moniker: string;
  commissionRate: string;
  minSelfDelegation?: bigint;
}

export class Validators {
  constructor(private readonly k: StakingKeeper) {}

  get(ctx: Context, op: Uint8Array): Validator | undefined {
    return this.k.state.validators.get(ctx, op);
  }
  require(ctx: Context, op: Uint8Array): Validator {
    return this.k.state.validators.mustGet(ctx, op, () => stakingErrors.unknownValidator(valoper(op)));
  }
  set(ctx: Context, v: Validator): void {
    this.k.state.validators.set(ctx, parseValoper(v.operatorAddress), v);
  }
  all(ctx: Context): Iterable<Validator> {
    return this.k.state.validators.values(ctx);
  }

  hasConsensusKey(ctx: Context, pub: Uint8Array): boolean {
    return this.k.state.consensusKeys.has(ctx, consensusAddress(pub));
  }
  /** The operator of the validator with this CometBFT (consensus) address, if any. */
  operatorByConsensusAddress(ctx: Context, cons: Uint8Array): Uint8Array | undefined {
    return this.k.state.consensusKeys.get(ctx, cons);
  }

  /** Stores a new validator record and its consensus-key index (no tokens yet). */
  add(ctx: Context, v: Validator): void {
    this.set(ctx, v);
    this.k.state.consensusKeys.set(ctx, consensusAddress(v.consensusPubkey), parseValoper(v.operatorAddress));
  }

  create(ctx: Context, m: NewValidator): string {
    const p = this.k.getParams(ctx);
    const op = m.operator;
    if (this.get(ctx, op)) throw stakingErrors.duplicateValidator(valoper(op));
    if (this.hasConsensusKey(ctx, m.consensusPubkey))
      throw stakingErrors.duplicateConsensusKey(toHex(m.consensusPubkey));
    const amount = this.k.requireBondAmount(ctx, m.selfDelegation);
    if (m.minSelfDelegation < BigInt(p.minSelfDelegation)) {
      throw stakingErrors.invalidMinSelfDelegation(
        `${m.minSelfDelegation} is below the chain minimum ${p.minSelfDelegation}`,
      );
    }
    if (amount < m.minSelfDelegation) throw stakingErrors.selfDelegationBelowMin(`${amount} < ${m.minSelfDelegation}`);
    const v: Validator = {
      operatorAddress: valoper(op),
      consensusPubkey: m.consensusPubkey,
      moniker: m.moniker,
      commission: { rates: normalizeRates(m.rates), updateTime: ctx.block.time.seconds },
      tokens: '0',
      delegatorShares: formatDec(0n),
      status: BondStatus.BOND_STATUS_UNBONDED,
      minSelfDelegation: m.minSelfDelegation.toString(),
      jailed: false,
    };
    this.add(ctx, v);
    this.k.hooks?.afterValidatorCreated(ctx, op);
    this.k.delegations.delegate(ctx, op, op, amount);
    emitCreateValidator(ctx, v.operatorAddress, `${amount}${p.bondDenom}`);
    return v.operatorAddress;
  }

  edit(ctx: Context, op: Uint8Array, e: ValidatorEdit): void {
    const v = this.require(ctx, op);
    const commission = e.commissionRate
      ? changeCommission(v.commission!, e.commissionRate, ctx.block.time.seconds)
      : v.commission!;
    let minSelf = v.minSelfDelegation;
    if (e.minSelfDelegation !== undefined) {
      const next = e.minSelfDelegation;
      if (next <= BigInt(v.minSelfDelegation)) throw stakingErrors.invalidMinSelfDelegation('may only increase');
      if (next > tokensOf(v))
        throw stakingErrors.invalidMinSelfDelegation(`${next} is above the validator's tokens ${v.tokens}`);
      minSelf = next.toString();
    }
    this.set(ctx, { ...v, moniker: e.moniker || v.moniker, minSelfDelegation: minSelf, commission });
    emitEditValidator(ctx, v.operatorAddress, commission.rates!.rate, minSelf);
  }
}
