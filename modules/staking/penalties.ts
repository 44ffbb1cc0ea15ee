// What a slash and a jail do to stake (the Cosmos SDK's staking Slash / Jail / Unjail): burn a fraction of a
// target's tokens (share-based, so every delegator loses pro rata) and of its unbonding and redelegation entries
// created at or after the fault; set and clear the jailed flag. When and why is modules/slashing's business: it
// reaches these through the staking view it is handed.
import type { Provider } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { mulIntDec, parseDec } from '../../chain/types/dec.js';
import { NOT_BONDED_POOL, poolOf } from './pools.js';
import { stakingErrors } from './errors.js';
import { emitJail, emitUnjail } from './events.js';
import type { StakingKeeper } from './keeper.js';

export class Penalties {
  constructor(private readonly k: StakingKeeper) {}

  /**
   * Burns `f` (18-decimal, in [0, 1]) of the target's stake for a fault at `infractionHeight`: first its unbonding
   * and redelegation entries created since, then its tokens. Returns the tokens burned.
   */
  slash(ctx: Context, id: Uint8Array, f: bigint, infractionHeight: bigint): bigint {
    let burned =
      this.slashUnbondings(ctx, id, f, infractionHeight) + this.slashRedelegations(ctx, id, f, infractionHeight);
    // Re-read: a redelegation's destination may be this same target only through another source, never itself.
    const cur = this.k.targets.require(ctx, id);
    const fromTokens = mulIntDec(cur.tokens, f, 'floor');
    if (fromTokens > 0n) {
      // Reward accounting closes the target's period at its old tokens and records the cut for its delegations.
      this.k.hooks?.beforeValidatorSlashed(ctx, id, f);
      this.k.targets.setBook(ctx, cur, cur.tokens - fromTokens, cur.shares);
      this.k.pools.burn(ctx, poolOf(cur), fromTokens);
      burned += fromTokens;
    }
    return burned;
  }

  /** Unbonding entries from the target created at or after the fault lose `f` of their initial balance. */
  private slashUnbondings(ctx: Context, id: Uint8Array, f: bigint, infractionHeight: bigint): bigint {
    const now = ctx.block.time.seconds;
    let total = 0n;
    for (const { del, ubd } of this.k.queues.unbondingsFrom(ctx, id)) {
      let changed = false;
      for (const e of ubd.entries) {
        // Mature entries are paid out this block and no longer at stake.
        if (e.creationHeight < infractionHeight || e.completionTime <= now) continue;
        const bal = BigInt(e.balance);
        const cut = mulIntDec(BigInt(e.initialBalance), f, 'floor');
        const take = cut < bal ? cut : bal;
        if (take === 0n) continue;
        e.balance = (bal - take).toString();
        total += take;
        changed = true;
      }
      if (changed) this.k.queues.setUnbonding(ctx, del, id, ubd);
    }
    this.k.pools.burn(ctx, NOT_BONDED_POOL, total);
    return total;
  }

  /** Redelegations away from the target after the fault: the moved stake is slashed at its destination. */
  private slashRedelegations(ctx: Context, src: Uint8Array, f: bigint, infractionHeight: bigint): bigint {
    const now = ctx.block.time.seconds;
    let total = 0n;
    for (const { del, dst, red } of this.k.queues.redelegationsFrom(ctx, src)) {
      for (const e of red.entries) {
        if (e.creationHeight < infractionHeight || e.completionTime <= now) continue;
        const shares = mulIntDec(parseDec(e.sharesDst), f, 'floor');
        if (shares === 0n) continue;
        const before = this.k.targets.require(ctx, dst);
        const { tokens } = this.k.delegations.removeShares(ctx, del, dst, shares);
        this.k.pools.burn(ctx, poolOf(before), tokens);
        total += tokens;
      }
    }
    return total;
  }

  /** Marks a validator jailed (it leaves the active set at this block's end). */
  jailValidator(ctx: Context, op: Uint8Array): void {
    const v = this.k.validators.require(ctx, op);
    if (!v.jailed) this.k.validators.set(ctx, { ...v, jailed: true });
  }

  /** Jails a provider until `until` (the later of this and any jail it is already serving); returns that time. */
  jailProvider(ctx: Context, p: Provider, until: bigint): bigint {
    const jailedUntil = until > p.jailedUntil ? until : p.jailedUntil;
    this.k.providerRecords.set(ctx, { ...p, jailed: true, jailedUntil });
    emitJail(ctx, p.providerAddress, jailedUntil);
    return jailedUntil;
  }

  /** Clears a validator's jail once its own stake is back at its minimum (timing is checked by slashing). */
  unjailValidator(ctx: Context, op: Uint8Array): void {
    const v = this.k.validators.require(ctx, op);
    const t = this.k.targets.require(ctx, op);
    const selfTokens = this.k.delegations.selfBond(ctx, t, op);
    if (selfTokens < BigInt(v.minSelfDelegation))
      throw stakingErrors.selfDelegationBelowMin(`${selfTokens} < ${v.minSelfDelegation}`);
    this.k.validators.set(ctx, { ...v, jailed: false });
    emitUnjail(ctx, v.operatorAddress);
  }

  /** The jailed provider run by `op`, or staking's unknown / not-jailed error. */
  requireJailedProvider(ctx: Context, op: Uint8Array): Provider {
    const p = this.k.providerRecords.require(ctx, op);
    if (!p.jailed) throw stakingErrors.providerNotJailed(p.providerAddress);
    return p;
  }

  /** Clears a provider's jail once its collateral is back at min_provider_collateral (timing is checked by slashing). */
  unjailProvider(ctx: Context, op: Uint8Array): void {
    const p = this.k.providerRecords.require(ctx, op);
    const min = BigInt(this.k.getParams(ctx).minProviderCollateral);
    const collateral = this.k.providers.collateral(ctx, op, p);
    if (collateral < min) throw stakingErrors.collateralBelowMin(`${collateral} < ${min}`);
    this.k.providerRecords.set(ctx, { ...p, jailed: false });
    emitUnjail(ctx, p.providerAddress);
  }
}
