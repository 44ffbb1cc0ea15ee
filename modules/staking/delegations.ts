// Delegations as shares of a target's book: delegate (tokens in, shares issued), take shares out (for unbonding,
// redelegation and slashing of redelegated stake), and what shares are worth. Every change is bracketed by the
// reward hooks (distribution settles first).
import type { Delegation } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { toAddress } from '../../chain/types/address.js';
import { formatDec, parseDec } from '../../chain/types/dec.js';
import { poolOf } from './pools.js';
import { sharesForDelegation, sharesToRemove, tokensForShares } from './shares.js';
import { parseTarget, targetAddress } from './target.js';
import type { Target } from './targets.js';
import { stakingErrors } from './errors.js';
import { emitDelegate } from './events.js';
import type { StakingKeeper } from './keeper.js';

export class Delegations {
  constructor(private readonly k: StakingKeeper) {}

  get(ctx: Context, del: Uint8Array, id: Uint8Array): Delegation | undefined {
    return this.k.state.delegations.get(ctx, [del, id]);
  }
  /** The shares a delegator holds in a target (0 when none). */
  sharesOf(ctx: Context, del: Uint8Array, id: Uint8Array): bigint {
    const d = this.get(ctx, del, id);
    return d ? parseDec(d.shares) : 0n;
  }

  /** Stores the delegation's shares (deleting it at zero) and its by-target index entry. */
  set(ctx: Context, del: Uint8Array, id: Uint8Array, shares: bigint): void {
    const s = this.k.state;
    if (shares === 0n) {
      s.delegations.delete(ctx, [del, id]);
      s.delegationsByTarget.delete(ctx, [id, del]);
      return;
    }
    s.delegations.set(ctx, [del, id], {
      delegatorAddress: toAddress(del),
      validatorAddress: targetAddress(id),
      shares: formatDec(shares),
    });
    s.delegationsByTarget.add(ctx, [id, del]);
  }

  all(ctx: Context): Iterable<Delegation> {
    return this.k.state.delegations.values(ctx);
  }

  /** The tokens a delegation's shares are worth now. */
  balance(ctx: Context, d: Delegation): bigint {
    const t = this.k.targets.get(ctx, parseTarget(d.validatorAddress));
    return t ? tokensForShares(t, parseDec(d.shares)) : 0n;
  }

  /** Moves `amount` from the delegator's account into the target's pool and issues shares; returns the shares. */
  delegate(ctx: Context, del: Uint8Array, id: Uint8Array, amount: bigint): bigint {
    const t = this.k.targets.require(ctx, id);
    this.k.targets.requireOpen(t, del);
    const shares = sharesForDelegation(t, amount);
    if (shares === 0n) throw stakingErrors.tinyAmount(`${amount} buys no shares`);
    this.k.hooks?.beforeDelegationSharesModified(ctx, del, id);
    this.k.pools.ensure(ctx);
    this.k.pools.fromAccount(ctx, del, poolOf(t), amount);
    this.k.targets.setBook(ctx, t, t.tokens + amount, t.shares + shares);
    this.set(ctx, del, id, this.sharesOf(ctx, del, id) + shares);
    this.k.hooks?.afterDelegationModified(ctx, del, id);
    emitDelegate(ctx, toAddress(del), t.address, `${amount}${this.k.getParams(ctx).bondDenom}`, formatDec(shares));
    return shares;
  }

  /** Adds `tokens` already in the target's pool to it as shares of `del` (a redelegation's arrival). */
  addShares(ctx: Context, del: Uint8Array, t: Target, tokens: bigint, shares: bigint): void {
    this.k.targets.setBook(ctx, t, t.tokens + tokens, t.shares + shares);
    this.set(ctx, del, t.id, this.sharesOf(ctx, del, t.id) + shares);
  }

  /**
   * Burns the delegation's shares for `amount` tokens (or all of them); returns the target as it is after and the
   * tokens taken out of it (still in its pool).
   */
  unbondShares(ctx: Context, del: Uint8Array, id: Uint8Array, amount: bigint | 'all'): { t: Target; tokens: bigint } {
    const t = this.k.targets.require(ctx, id);
    const d = this.get(ctx, del, id);
    if (!d) throw stakingErrors.noDelegation(`${toAddress(del)} -> ${t.address}`);
    const held = parseDec(d.shares);
    const shares = amount === 'all' ? held : sharesToRemove(t, amount, held);
    if (shares === undefined)
      throw stakingErrors.insufficientShares(`asked ${amount}, delegation worth ${tokensForShares(t, held)}`);
    const tokens = tokensForShares(t, shares);
    if (tokens === 0n) throw stakingErrors.tinyAmount(`${amount} is worth no tokens`);
    this.k.hooks?.beforeDelegationSharesModified(ctx, del, id);
    this.set(ctx, del, id, held - shares);
    const after = this.k.targets.setBook(ctx, t, t.tokens - tokens, t.shares - shares);
    this.k.hooks?.afterDelegationModified(ctx, del, id);
    return { t: after, tokens };
  }

  /**
   * Takes up to `shares` of a delegation out of its target (slashing a redelegation at its destination); returns
   * the tokens they were worth, still in the target's pool for the caller to burn.
   */
  removeShares(ctx: Context, del: Uint8Array, id: Uint8Array, shares: bigint): { t: Target; tokens: bigint } {
    const t = this.k.targets.require(ctx, id);
    const held = this.sharesOf(ctx, del, id);
    const take = held < shares ? held : shares;
    if (take === 0n) return { t, tokens: 0n };
    const tokens = tokensForShares(t, take);
    this.k.hooks?.beforeDelegationSharesModified(ctx, del, id);
    this.set(ctx, del, id, held - take);
    const after = this.k.targets.setBook(ctx, t, t.tokens - tokens, t.shares - take);
    this.k.hooks?.afterDelegationModified(ctx, del, id);
    return { t: after, tokens };
  }

  /** What the operator's own delegation to a target is worth now (0 when it has none). */
  selfBond(ctx: Context, t: Target, operator: Uint8Array): bigint {
    const d = this.get(ctx, operator, t.id);
    return d ? tokensForShares(t, parseDec(d.shares)) : 0n;
  }
}
