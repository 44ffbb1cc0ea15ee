// Staking targets as the delegation machinery sees them: a validator or a compute provider behind one share book
// (tokens, delegator_shares). Reads a target by id (target.ts), writes its book back, and says whether it takes a
// new delegation.
import { BondStatus, type Provider, type Validator } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { bytesEqual } from '../../chain/store/bytes.js';
import { formatDec, parseDec } from '../../chain/types/dec.js';
import { isProviderId, operatorOf, providerId, targetAddress } from './target.js';
import { sharesOf, tokensOf } from './validators.js';
import { stakingErrors } from './errors.js';
import type { StakingKeeper } from './keeper.js';

/** A staking target: its share book, standing and the record behind it. */
export interface Target {
  id: Uint8Array;
  address: string;
  tokens: bigint;
  shares: bigint;
  status: BondStatus;
  jailed: boolean;
  /** The operator's cut of the target's rewards (18-decimal string). */
  commissionRate: string;
  validator?: Validator;
  provider?: Provider;
}

const validatorTarget = (id: Uint8Array, v: Validator): Target => ({
  id,
  address: v.operatorAddress,
  tokens: tokensOf(v),
  shares: sharesOf(v),
  status: v.status,
  jailed: v.jailed,
  commissionRate: v.commission!.rates!.rate,
  validator: v,
});
const providerTarget = (id: Uint8Array, p: Provider): Target => ({
  id,
  address: p.providerAddress,
  tokens: BigInt(p.tokens),
  shares: parseDec(p.delegatorShares),
  status: p.status,
  jailed: p.jailed,
  commissionRate: p.commission!.rates!.rate,
  provider: p,
});

export class Targets {
  constructor(private readonly k: StakingKeeper) {}

  get(ctx: Context, id: Uint8Array): Target | undefined {
    if (isProviderId(id)) {
      const p = this.k.providerRecords.get(ctx, operatorOf(id));
      return p && providerTarget(id, p);
    }
    const v = this.k.validators.get(ctx, id);
    return v && validatorTarget(id, v);
  }
  require(ctx: Context, id: Uint8Array): Target {
    const t = this.get(ctx, id);
    if (!t)
      throw isProviderId(id)
        ? stakingErrors.unknownProvider(targetAddress(id))
        : stakingErrors.unknownValidator(targetAddress(id));
    return t;
  }

  /** Writes a target's new share book back to its record. */
  setBook(ctx: Context, t: Target, tokens: bigint, shares: bigint): Target {
    const book = { tokens: tokens.toString(), delegatorShares: formatDec(shares) };
    if (t.provider) {
      const p = { ...t.provider, ...book };
      this.k.providerRecords.set(ctx, p);
      return providerTarget(t.id, p);
    }
    const v = { ...t.validator!, ...book };
    this.k.validators.set(ctx, v);
    return validatorTarget(t.id, v);
  }

  /**
   * Whether a target takes a new delegation (or redelegation) from `del`: not jailed, and a provider not
   * deregistering. The operator may still top up its own stake while jailed, or it could never get back above its
   * minimum to unjail after a slash.
   */
  requireOpen(t: Target, del: Uint8Array): void {
    if (t.provider && t.status !== BondStatus.BOND_STATUS_BONDED) throw stakingErrors.providerDeregistered(t.address);
    if (!t.jailed || bytesEqual(operatorOf(t.id), del)) return;
    throw t.provider ? stakingErrors.providerJailed(t.address) : stakingErrors.validatorJailed(t.address);
  }

  /** Every target's id: validators, then providers, in key order. */
  *ids(ctx: Context): Iterable<Uint8Array> {
    for (const op of this.k.state.validators.keys(ctx)) yield op;
    for (const op of this.k.state.providers.keys(ctx)) yield providerId(op);
  }
}
