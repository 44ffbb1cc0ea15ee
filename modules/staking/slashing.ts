// Slashing and jail: burns a fraction of a target's tokens (share-based, so every delegator loses pro rata) and of
// its unbonding and redelegation entries created at or after the fault; jails; records history. Targets are
// validators and compute providers alike. Block hooks turn FinalizeBlock's evidence (double sign) and last commit
// (downtime) into validator slashes. Other modules (verification, tasks) use `Slasher`.
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { MisbehaviorType } from 'cosmjs-types/tendermint/abci/types';
import { Redelegation, SlashRecord, UnbondingDelegation, ValidatorSigningInfo } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { formatDec, parseDec } from '../../chain/types/coins.js';
import { prefixEnd, readU64, u64 } from '../../chain/types/kv-views.js';
import {
  KEY, missedBlockKey, missedBlockPrefix, redelegationBySrcPrefix, redelegationKey, signingInfoKey, slashRecordKey, slashSeqKey,
  splitParts, unbondingByValidatorPrefix, unbondingKey,
} from './keys.js';
import { NOT_BONDED_POOL, poolOf, tokensOf, valoper, type StakingKeeper, type Target } from './keeper.js';
import { parseTarget } from './target.js';
import { DEC_ONE, tokensForShares } from './shares.js';
import { consensusAddress } from './consensus-key.js';
import { fractionOf } from './params.js';
import { stakingErrors } from './errors.js';
import { emitJail, emitLiveness, emitSlash, emitUnjail } from './events.js';

/**
 * A validator named by its operator (aivaloper bech32) or its CometBFT consensus address (20 bytes), or a compute
 * provider named by its aiprov bech32 address (in `operator`).
 */
export type SlashTarget = { operator: string } | { consensusAddress: Uint8Array };

/** What other modules (verification, tasks) may do to a misbehaving validator or compute provider. */
export interface Slasher {
  /** Burns `fraction` (decimal string in [0, 1]) of the target's stake for a fault at `infractionHeight`. */
  slash(ctx: Context, target: SlashTarget, fraction: string, reason: string, infractionHeight: bigint): SlashRecord;
  /** Takes the target out of the active set until block time `until` (unix seconds). */
  jail(ctx: Context, target: SlashTarget, until: bigint): void;
}

/** jailed_until of a tombstoned validator: 9999-12-31T23:59:59Z. */
export const JAILED_FOREVER = 253_402_300_799n;
export const REASON_DOUBLE_SIGN = 'double_sign';
export const REASON_DOWNTIME = 'downtime';
const REASON_MAX = 128;
/** Validator updates reach CometBFT two heights later, so a downtime fault is dated that far back (as in the SDK). */
const VALIDATOR_UPDATE_DELAY = 2n;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const mulFrac = (n: bigint, f: bigint) => (n * f) / DEC_ONE;

export class StakingSlashing implements Slasher {
  constructor(private readonly k: StakingKeeper) {}

  private resolve(ctx: Context, t: SlashTarget): Target {
    if ('operator' in t) return this.k.requireTarget(ctx, parseTarget(t.operator));
    const op = this.k.operatorByConsensusAddress(ctx, t.consensusAddress);
    const target = op && this.k.getTarget(ctx, op);
    if (!target) throw stakingErrors.unknownValidator(`consensus address ${hex(t.consensusAddress)}`);
    return target;
  }

  // ---- signing info ----

  getSigningInfo(ctx: Context, cons: Uint8Array): ValidatorSigningInfo | undefined {
    const b = this.k.store(ctx).get(signingInfoKey(cons));
    return b ? ValidatorSigningInfo.decode(b) : undefined;
  }
  setSigningInfo(ctx: Context, cons: Uint8Array, i: ValidatorSigningInfo): void {
    this.k.store(ctx).set(signingInfoKey(cons), ValidatorSigningInfo.encode(i).finish());
  }
  private signingInfoOrNew(ctx: Context, cons: Uint8Array): ValidatorSigningInfo {
    return this.getSigningInfo(ctx, cons)
      ?? { address: hex(cons), startHeight: ctx.block.height, indexOffset: 0n, jailedUntil: 0n, tombstoned: false, missedBlocksCounter: 0n };
  }
  *signingInfos(ctx: Context): Iterable<{ cons: Uint8Array; info: ValidatorSigningInfo; missed: bigint[] }> {
    const s = this.k.store(ctx);
    const p = signingInfoKey(new Uint8Array());
    for (const [key, b] of s.iterate(p, prefixEnd(p))) {
      const cons = key.slice(1);
      const mp = missedBlockPrefix(cons);
      const missed = [...s.iterate(mp, prefixEnd(mp))].map(([mk]) => readU64(mk.slice(mp.length)));
      yield { cons, info: ValidatorSigningInfo.decode(b), missed };
    }
  }
  setMissed(ctx: Context, cons: Uint8Array, index: bigint): void { this.k.store(ctx).set(missedBlockKey(cons, index), Uint8Array.of(1)); }
  private clearMissed(ctx: Context, cons: Uint8Array): void {
    const s = this.k.store(ctx);
    const p = missedBlockPrefix(cons);
    for (const [key] of [...s.iterate(p, prefixEnd(p))]) s.delete(key);
  }

  // ---- slash and jail ----

  slash(ctx: Context, target: SlashTarget, fraction: string, reason: string, infractionHeight: bigint): SlashRecord {
    const f = fractionOf(fraction);
    if (f === undefined) throw stakingErrors.invalidSlash(`fraction ${JSON.stringify(fraction)} is not a decimal in [0, 1]`);
    if (!reason || reason.length > REASON_MAX) throw stakingErrors.invalidSlash(`reason must be 1..${REASON_MAX} characters`);
    if (infractionHeight < 0n || infractionHeight > ctx.block.height) {
      throw stakingErrors.invalidSlash(`infraction height ${infractionHeight} is not in 0..${ctx.block.height}`);
    }
    const { id, address } = this.resolve(ctx, target);
    let burned = this.slashUnbondings(ctx, id, f, infractionHeight) + this.slashRedelegations(ctx, id, f, infractionHeight);
    // Re-read: a redelegation's destination may be this same target only through another source, never itself.
    const cur = this.k.requireTarget(ctx, id);
    const fromTokens = mulFrac(cur.tokens, f);
    if (fromTokens > 0n) {
      // Reward accounting closes the target's period at its old tokens and records the cut for its delegations.
      this.k.hooks?.beforeValidatorSlashed(ctx, id, f);
      this.k.setBook(ctx, cur, cur.tokens - fromTokens, cur.shares);
      this.k.burnFromPool(ctx, poolOf(cur), fromTokens);
      burned += fromTokens;
    }
    const s = this.k.store(ctx);
    const seq = s.get(slashSeqKey);
    const seqId = seq ? readU64(seq) : 0n;
    s.set(slashSeqKey, u64(seqId + 1n));
    const rec: SlashRecord = {
      id: seqId, validatorAddress: address, fraction: formatDec(f), reason, infractionHeight,
      height: ctx.block.height, time: ctx.block.time.seconds, burned: burned.toString(),
    };
    this.importSlashRecord(ctx, rec);
    emitSlash(ctx, address, rec.fraction, reason, infractionHeight, `${burned}${this.k.getParams(ctx).bondDenom}`);
    return rec;
  }

  importSlashRecord(ctx: Context, r: SlashRecord): void {
    this.k.store(ctx).set(slashRecordKey(parseTarget(r.validatorAddress), r.id), SlashRecord.encode(r).finish());
  }
  *slashRecords(ctx: Context): Iterable<SlashRecord> {
    const p = Uint8Array.of(KEY.slashRecord);
    for (const [, b] of this.k.store(ctx).iterate(p, prefixEnd(p))) yield SlashRecord.decode(b);
  }
  setNextSlashId(ctx: Context, id: bigint): void { this.k.store(ctx).set(slashSeqKey, u64(id)); }

  /** Unbonding entries from the validator created at or after the fault lose `f` of their initial balance. */
  private slashUnbondings(ctx: Context, op: Uint8Array, f: bigint, infractionHeight: bigint): bigint {
    const s = this.k.store(ctx);
    const now = ctx.block.time.seconds;
    const p = unbondingByValidatorPrefix(op);
    let total = 0n;
    for (const [ik] of [...s.iterate(p, prefixEnd(p))]) {
      const [del] = splitParts(ik, p.length);
      const key = unbondingKey(del, op);
      const b = s.get(key);
      if (!b) continue;
      const ubd = UnbondingDelegation.decode(b);
      let changed = false;
      for (const e of ubd.entries) {
        // Mature entries are paid out this block and no longer at stake.
        if (e.creationHeight < infractionHeight || e.completionTime <= now) continue;
        const bal = BigInt(e.balance);
        const cut = mulFrac(BigInt(e.initialBalance), f);
        const take = cut < bal ? cut : bal;
        if (take === 0n) continue;
        e.balance = (bal - take).toString();
        total += take;
        changed = true;
      }
      if (changed) s.set(key, UnbondingDelegation.encode(ubd).finish());
    }
    this.k.burnFromPool(ctx, NOT_BONDED_POOL, total);
    return total;
  }

  /** Redelegations away from the validator after the fault: the moved stake is slashed at its destination. */
  private slashRedelegations(ctx: Context, op: Uint8Array, f: bigint, infractionHeight: bigint): bigint {
    const s = this.k.store(ctx);
    const now = ctx.block.time.seconds;
    const p = redelegationBySrcPrefix(op);
    let total = 0n;
    for (const [ik] of [...s.iterate(p, prefixEnd(p))]) {
      const [del, dst] = splitParts(ik, p.length);
      const b = s.get(redelegationKey(del, op, dst));
      if (!b) continue;
      for (const e of Redelegation.decode(b).entries) {
        if (e.creationHeight < infractionHeight || e.completionTime <= now) continue;
        const shares = mulFrac(parseDec(e.sharesDst), f);
        if (shares === 0n) continue;
        const before = this.k.requireTarget(ctx, dst);
        const { tokens } = this.k.removeShares(ctx, del, dst, shares);
        this.k.burnFromPool(ctx, poolOf(before), tokens);
        total += tokens;
      }
    }
    return total;
  }

  jail(ctx: Context, target: SlashTarget, until: bigint): void {
    const t = this.resolve(ctx, target);
    if (t.provider) {
      const jailedUntil = until > t.provider.jailedUntil ? until : t.provider.jailedUntil;
      this.k.setProvider(ctx, { ...t.provider, jailed: true, jailedUntil });
      emitJail(ctx, t.address, jailedUntil);
      return;
    }
    const op = t.id, v = t.validator!;
    const cons = consensusAddress(v.consensusPubkey);
    const info = this.signingInfoOrNew(ctx, cons);
    if (until > info.jailedUntil) info.jailedUntil = until;
    this.setSigningInfo(ctx, cons, info);
    if (!v.jailed) this.k.setValidator(ctx, { ...this.k.requireValidator(ctx, op), jailed: true });
    emitJail(ctx, v.operatorAddress, info.jailedUntil);
  }

  unjail(ctx: Context, op: Uint8Array): void {
    const v = this.k.requireValidator(ctx, op);
    if (!v.jailed) throw stakingErrors.validatorNotJailed(v.operatorAddress);
    const cons = consensusAddress(v.consensusPubkey);
    const info = this.getSigningInfo(ctx, cons);
    if (info?.tombstoned) throw stakingErrors.validatorTombstoned(v.operatorAddress);
    if (info && ctx.block.time.seconds < info.jailedUntil) throw stakingErrors.jailNotOver(`until ${info.jailedUntil}, now ${ctx.block.time.seconds}`);
    const self = this.k.getDelegation(ctx, op, op);
    const selfTokens = self ? tokensForShares({ tokens: tokensOf(v), shares: parseDec(v.delegatorShares) }, parseDec(self.shares)) : 0n;
    if (selfTokens < BigInt(v.minSelfDelegation)) throw stakingErrors.selfDelegationBelowMin(`${selfTokens} < ${v.minSelfDelegation}`);
    this.k.setValidator(ctx, { ...v, jailed: false });
    // The liveness window starts afresh, so the validator gets a full window before it can be jailed again.
    if (info) this.setSigningInfo(ctx, cons, { ...info, startHeight: ctx.block.height, indexOffset: 0n, missedBlocksCounter: 0n });
    emitUnjail(ctx, v.operatorAddress);
  }

  // ---- block hook ----

  beginBlock(ctx: Context): void {
    for (const ev of ctx.block.misbehavior ?? []) this.handleEvidence(ctx, ev.type, ev.validator?.address ?? new Uint8Array(), ev.height);
    for (const vote of ctx.block.lastCommit?.votes ?? []) {
      this.handleSignature(ctx, vote.validator?.address ?? new Uint8Array(), vote.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_ABSENT);
    }
  }

  /** Double sign (and light-client attack): slash, jail forever, tombstone. */
  handleEvidence(ctx: Context, type: MisbehaviorType, cons: Uint8Array, height: bigint): void {
    if (type !== MisbehaviorType.DUPLICATE_VOTE && type !== MisbehaviorType.LIGHT_CLIENT_ATTACK) {
      ctx.logger.warn('staking: ignoring evidence of unknown type', { type, validator: hex(cons) });
      return;
    }
    const op = this.k.operatorByConsensusAddress(ctx, cons);
    if (!op) { ctx.logger.info('staking: evidence against an unknown validator ignored', { validator: hex(cons), height }); return; }
    const info = this.signingInfoOrNew(ctx, cons);
    if (info.tombstoned) { ctx.logger.info('staking: evidence against a tombstoned validator ignored', { validator: valoper(op), height }); return; }
    const infraction = height > ctx.block.height ? ctx.block.height : height;
    this.slash(ctx, { consensusAddress: cons }, this.k.getParams(ctx).slashFractionDoubleSign, REASON_DOUBLE_SIGN, infraction);
    this.jail(ctx, { consensusAddress: cons }, JAILED_FOREVER);
    this.setSigningInfo(ctx, cons, { ...this.getSigningInfo(ctx, cons)!, tombstoned: true });
  }

  /** One vote of the last commit: O(1) bookkeeping in the missed-blocks bit array; jails after too many misses. */
  handleSignature(ctx: Context, cons: Uint8Array, missed: boolean): void {
    const op = this.k.operatorByConsensusAddress(ctx, cons);
    const v = op && this.k.getValidator(ctx, op);
    if (!op || !v || v.jailed) return;
    const p = this.k.getParams(ctx);
    const window = p.signedBlocksWindow;
    const info = this.signingInfoOrNew(ctx, cons);
    const index = info.indexOffset % window;
    info.indexOffset += 1n;
    const key = missedBlockKey(cons, index);
    const s = this.k.store(ctx);
    const was = s.has(key);
    if (missed && !was) { s.set(key, Uint8Array.of(1)); info.missedBlocksCounter += 1n; }
    else if (!missed && was) { s.delete(key); info.missedBlocksCounter -= 1n; }
    if (missed) emitLiveness(ctx, v.operatorAddress, info.missedBlocksCounter, ctx.block.height);
    const minSigned = (window * fractionOf(p.minSignedPerWindow)! + DEC_ONE / 2n) / DEC_ONE;
    if (ctx.block.height > info.startHeight + window && info.missedBlocksCounter > window - minSigned) {
      const infraction = ctx.block.height > VALIDATOR_UPDATE_DELAY ? ctx.block.height - VALIDATOR_UPDATE_DELAY : 0n;
      this.setSigningInfo(ctx, cons, info);
      this.slash(ctx, { consensusAddress: cons }, p.slashFractionDowntime, REASON_DOWNTIME, infraction);
      this.jail(ctx, { consensusAddress: cons }, ctx.block.time.seconds + p.downtimeJailDuration);
      this.clearMissed(ctx, cons);
      this.setSigningInfo(ctx, cons, { ...this.getSigningInfo(ctx, cons)!, indexOffset: 0n, missedBlocksCounter: 0n });
      return;
    }
    this.setSigningInfo(ctx, cons, info);
  }
}
