// Unbonding and redelegation entries and their time queues: start an unbonding (tokens move to the not-bonded pool
// and pay out after unbonding_time), redelegate (shares move at once; the entry keeps the moved stake slashable at
// its source until it matures), and complete what is due at end block.
import type { Redelegation, UnbondingDelegation } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { toAddress } from '../../chain/types/address.js';
import { bytesEqual } from '../../chain/store/bytes.js';
import { formatDec } from '../../chain/types/dec.js';
import { NOT_BONDED_POOL, poolOf } from './pools.js';
import { sharesForDelegation } from './shares.js';
import { isProviderId, targetAddress } from './target.js';
import { stakingErrors } from './errors.js';
import { emitCompleteRedelegation, emitCompleteUnbonding, emitRedelegate, emitUnbond } from './events.js';
import type { StakingKeeper } from './keeper.js';

export class Queues {
  constructor(private readonly k: StakingKeeper) {}

  // ---- unbonding ----

  /** Unbonds `amount` (or the whole delegation) into an unbonding entry that pays out after unbonding_time. */
  startUnbonding(
    ctx: Context,
    del: Uint8Array,
    id: Uint8Array,
    amount: bigint | 'all',
  ): { completionTime: bigint; amount: bigint } {
    const s = this.k.state;
    const p = this.k.getParams(ctx);
    const ubd: UnbondingDelegation = s.unbondings.get(ctx, [del, id]) ?? {
      delegatorAddress: toAddress(del),
      validatorAddress: targetAddress(id),
      entries: [],
    };
    if (ubd.entries.length >= p.maxEntries)
      throw stakingErrors.tooManyEntries(`${ubd.entries.length} entries (max ${p.maxEntries})`);
    const { t, tokens } = this.k.delegations.unbondShares(ctx, del, id, amount);
    this.k.pools.ensure(ctx);
    this.k.pools.move(ctx, poolOf(t), NOT_BONDED_POOL, tokens);
    const completionTime = ctx.block.time.seconds + p.unbondingTime;
    ubd.entries.push({
      creationHeight: ctx.block.height,
      completionTime,
      initialBalance: tokens.toString(),
      balance: tokens.toString(),
    });
    s.unbondings.set(ctx, [del, id], ubd);
    s.unbondingsByTarget.add(ctx, [id, del]);
    s.unbondingQueue.add(ctx, [completionTime, del, id]);
    emitUnbond(ctx, toAddress(del), t.address, `${tokens}${p.bondDenom}`, completionTime);
    return { completionTime, amount: tokens };
  }

  unbondings(ctx: Context): Iterable<UnbondingDelegation> {
    return this.k.state.unbondings.values(ctx);
  }

  /** A target's unbonding entries (by delegator), read before any is changed. */
  unbondingsFrom(ctx: Context, id: Uint8Array): Array<{ del: Uint8Array; ubd: UnbondingDelegation }> {
    const out: Array<{ del: Uint8Array; ubd: UnbondingDelegation }> = [];
    for (const [, del] of [...this.k.state.unbondingsByTarget.keys(ctx, { prefix: [id] })]) {
      const ubd = this.k.state.unbondings.get(ctx, [del, id]);
      if (ubd) out.push({ del, ubd });
    }
    return out;
  }
  setUnbonding(ctx: Context, del: Uint8Array, id: Uint8Array, ubd: UnbondingDelegation): void {
    this.k.state.unbondings.set(ctx, [del, id], ubd);
  }

  /** Genesis: an unbonding with its index and queue entries. */
  importUnbonding(ctx: Context, del: Uint8Array, id: Uint8Array, u: UnbondingDelegation): void {
    const s = this.k.state;
    s.unbondings.set(ctx, [del, id], u);
    s.unbondingsByTarget.add(ctx, [id, del]);
    for (const e of u.entries) s.unbondingQueue.add(ctx, [e.completionTime, del, id]);
  }

  // ---- redelegation ----

  /** Moves `amount` of a delegation from `src` to `dst` at once; returns when the entry matures. */
  redelegate(ctx: Context, del: Uint8Array, src: Uint8Array, dst: Uint8Array, amount: bigint): bigint {
    const s = this.k.state;
    const p = this.k.getParams(ctx);
    const srcName = targetAddress(src),
      dstName = targetAddress(dst);
    if (bytesEqual(src, dst)) throw stakingErrors.selfRedelegation(srcName);
    this.k.targets.requireOpen(this.k.targets.require(ctx, dst), del);
    // A delegation that arrived by redelegation cannot hop on before it matures (slashing must still reach it).
    for (const r of s.redelegations.values(ctx, { prefix: [del] })) {
      if (r.validatorDstAddress === srcName && r.entries.length) throw stakingErrors.transitiveRedelegation(srcName);
    }
    const red: Redelegation = s.redelegations.get(ctx, [del, src, dst]) ?? {
      delegatorAddress: toAddress(del),
      validatorSrcAddress: srcName,
      validatorDstAddress: dstName,
      entries: [],
    };
    if (red.entries.length >= p.maxEntries)
      throw stakingErrors.tooManyEntries(`${red.entries.length} entries (max ${p.maxEntries})`);
    const { t: srcT, tokens } = this.k.delegations.unbondShares(ctx, del, src, amount);
    const dstT = this.k.targets.require(ctx, dst);
    const shares = sharesForDelegation(dstT, tokens);
    if (shares === 0n) throw stakingErrors.tinyAmount(`${tokens} buys no shares at the destination`);
    this.k.hooks?.beforeDelegationSharesModified(ctx, del, dst);
    this.k.pools.ensure(ctx);
    this.k.pools.move(ctx, poolOf(srcT), poolOf(dstT), tokens);
    this.k.delegations.addShares(ctx, del, dstT, tokens, shares);
    this.k.hooks?.afterDelegationModified(ctx, del, dst);
    const completionTime = ctx.block.time.seconds + p.unbondingTime;
    red.entries.push({
      creationHeight: ctx.block.height,
      completionTime,
      initialBalance: tokens.toString(),
      sharesDst: formatDec(shares),
    });
    s.redelegations.set(ctx, [del, src, dst], red);
    s.redelegationsBySrc.add(ctx, [src, del, dst]);
    s.redelegationQueue.add(ctx, [completionTime, del, src, dst]);
    emitRedelegate(ctx, toAddress(del), srcName, dstName, `${tokens}${p.bondDenom}`, completionTime);
    return completionTime;
  }

  redelegations(ctx: Context): Iterable<Redelegation> {
    return this.k.state.redelegations.values(ctx);
  }

  /** Redelegations away from a target (by delegator and destination), read before any is changed. */
  redelegationsFrom(ctx: Context, src: Uint8Array): Array<{ del: Uint8Array; dst: Uint8Array; red: Redelegation }> {
    const out: Array<{ del: Uint8Array; dst: Uint8Array; red: Redelegation }> = [];
    for (const [, del, dst] of [...this.k.state.redelegationsBySrc.keys(ctx, { prefix: [src] })]) {
      const red = this.k.state.redelegations.get(ctx, [del, src, dst]);
      if (red) out.push({ del, dst, red });
    }
    return out;
  }

  /** Genesis: a redelegation with its index and queue entries. */
  importRedelegation(ctx: Context, del: Uint8Array, src: Uint8Array, dst: Uint8Array, r: Redelegation): void {
    const s = this.k.state;
    s.redelegations.set(ctx, [del, src, dst], r);
    s.redelegationsBySrc.add(ctx, [src, del, dst]);
    for (const e of r.entries) s.redelegationQueue.add(ctx, [e.completionTime, del, src, dst]);
  }

  /** Whether anything of a target is still unbonding or redelegated away (so a late fault can still be slashed). */
  hasPending(ctx: Context, id: Uint8Array): boolean {
    for (const _ of this.k.state.unbondingsByTarget.keys(ctx, { prefix: [id] })) return true;
    for (const _ of this.k.state.redelegationsBySrc.keys(ctx, { prefix: [id] })) return true;
    return false;
  }

  // ---- end block ----

  /** Pays out matured unbonding entries and drops matured redelegation entries, in queue-key order. */
  completeMatured(ctx: Context): void {
    const s = this.k.state;
    const now = ctx.block.time.seconds;
    const denom = this.k.getParams(ctx).bondDenom;
    for (const qk of [...s.unbondingQueue.keys(ctx, { through: [now] })]) {
      s.unbondingQueue.delete(ctx, qk);
      const [, del, id] = qk;
      const ubd = s.unbondings.get(ctx, [del, id]);
      if (!ubd) continue; // an earlier key of the same pair already paid these entries
      const due = ubd.entries.filter((e) => e.completionTime <= now);
      const paid = due.reduce((sum, e) => sum + BigInt(e.balance), 0n);
      if (paid > 0n) this.k.pools.toAccount(ctx, NOT_BONDED_POOL, del, paid);
      const left = ubd.entries.filter((e) => e.completionTime > now);
      if (left.length) s.unbondings.set(ctx, [del, id], { ...ubd, entries: left });
      else {
        s.unbondings.delete(ctx, [del, id]);
        s.unbondingsByTarget.delete(ctx, [id, del]);
      }
      if (due.length) emitCompleteUnbonding(ctx, ubd.delegatorAddress, ubd.validatorAddress, `${paid}${denom}`);
      if (isProviderId(id)) this.k.providers.removeIfDone(ctx, id);
    }
    for (const qk of [...s.redelegationQueue.keys(ctx, { through: [now] })]) {
      s.redelegationQueue.delete(ctx, qk);
      const [, del, src, dst] = qk;
      const red = s.redelegations.get(ctx, [del, src, dst]);
      if (!red) continue;
      const left = red.entries.filter((e) => e.completionTime > now);
      if (left.length) s.redelegations.set(ctx, [del, src, dst], { ...red, entries: left });
      else {
        s.redelegations.delete(ctx, [del, src, dst]);
        s.redelegationsBySrc.delete(ctx, [src, del, dst]);
      }
      if (left.length < red.entries.length)
        emitCompleteRedelegation(ctx, red.delegatorAddress, red.validatorSrcAddress, red.validatorDstAddress);
      if (isProviderId(src)) this.k.providers.removeIfDone(ctx, src);
    }
  }
}
