// Slashing (as Cosmos x/slashing): liveness bookkeeping over a missed-block bitmap, double-sign evidence, jail and
// unjail, and the Slasher other modules (tasks, verify) use to punish a validator or compute provider. What a slash
// does to stake — burning a fraction of the target's tokens and of the unbonding and redelegation entries created
// since the fault — is staking's (its penalties.ts), reached through the small interface in expected.ts; this keeper
// decides when and how much, and keeps the history.
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { MisbehaviorType } from 'cosmjs-types/tendermint/abci/types';
import type { SlashRecord, ValidatorSigningInfo } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Params } from '../../proto/gen/aichain/slashing/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { toHex } from '../../chain/store/bytes.js';
import { formatDec, mulIntDec } from '../../chain/types/dec.js';
import { consensusAddress } from '../../chain/types/address.js';
import { slashingState, type SlashingState } from './keys.js';
import { defaultParams, fractionOf } from './params.js';
import { slashingErrors } from './errors.js';
import { emitJail, emitLiveness, emitSlash } from './events.js';
import type { SlashableTarget, StakingKeeper } from './expected.js';

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

export class SlashingKeeper implements Slasher {
  readonly state: SlashingState;
  constructor(
    readonly storePrefix: Uint8Array,
    private readonly staking: StakingKeeper,
  ) {
    this.state = slashingState(storePrefix);
  }

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  private resolve(ctx: Context, t: SlashTarget): SlashableTarget {
    if ('operator' in t) return this.staking.requireTarget(ctx, t.operator);
    const target = this.staking.targetByConsensusAddress(ctx, t.consensusAddress);
    if (!target) throw this.staking.unknownValidator(`consensus address ${toHex(t.consensusAddress)}`);
    return target;
  }

  // ---- signing info ----

  getSigningInfo(ctx: Context, cons: Uint8Array): ValidatorSigningInfo | undefined {
    return this.state.signingInfos.get(ctx, cons);
  }
  setSigningInfo(ctx: Context, cons: Uint8Array, i: ValidatorSigningInfo): void {
    this.state.signingInfos.set(ctx, cons, i);
  }
  private signingInfoOrNew(ctx: Context, cons: Uint8Array): ValidatorSigningInfo {
    return (
      this.getSigningInfo(ctx, cons) ?? {
        address: toHex(cons),
        startHeight: ctx.block.height,
        indexOffset: 0n,
        jailedUntil: 0n,
        tombstoned: false,
        missedBlocksCounter: 0n,
      }
    );
  }
  /** Every signing info with its missed indexes, by consensus address. */
  *signingInfos(ctx: Context): Iterable<{ cons: Uint8Array; info: ValidatorSigningInfo; missed: bigint[] }> {
    for (const [cons, info] of this.state.signingInfos.entries(ctx)) {
      const missed = [...this.state.missedBlocks.keys(ctx, { prefix: [cons] })].map(([, i]) => i);
      yield { cons, info, missed };
    }
  }
  setMissed(ctx: Context, cons: Uint8Array, index: bigint): void {
    this.state.missedBlocks.add(ctx, [cons, index]);
  }
  private clearMissed(ctx: Context, cons: Uint8Array): void {
    for (const k of [...this.state.missedBlocks.keys(ctx, { prefix: [cons] })]) this.state.missedBlocks.delete(ctx, k);
  }

  // ---- slash and jail ----

  slash(ctx: Context, target: SlashTarget, fraction: string, reason: string, infractionHeight: bigint): SlashRecord {
    const f = fractionOf(fraction);
    if (f === undefined)
      throw slashingErrors.invalidSlash(`fraction ${JSON.stringify(fraction)} is not a decimal in [0, 1]`);
    if (!reason || reason.length > REASON_MAX)
      throw slashingErrors.invalidSlash(`reason must be 1..${REASON_MAX} characters`);
    if (infractionHeight < 0n || infractionHeight > ctx.block.height) {
      throw slashingErrors.invalidSlash(`infraction height ${infractionHeight} is not in 0..${ctx.block.height}`);
    }
    const { id, address } = this.resolve(ctx, target);
    const burned = this.staking.slash(ctx, id, f, infractionHeight);
    const rec: SlashRecord = {
      id: this.state.nextSlashId.next(ctx),
      validatorAddress: address,
      fraction: formatDec(f),
      reason,
      infractionHeight,
      height: ctx.block.height,
      time: ctx.block.time.seconds,
      burned: burned.toString(),
    };
    this.state.slashRecords.set(ctx, [id, rec.id], rec);
    emitSlash(ctx, address, rec.fraction, reason, infractionHeight, `${burned}${this.staking.bondDenom(ctx)}`);
    return rec;
  }

  /** Genesis: one slash record under its target (`id`: staking's id of the record's target). */
  importSlashRecord(ctx: Context, id: Uint8Array, r: SlashRecord): void {
    this.state.slashRecords.set(ctx, [id, r.id], r);
  }
  slashRecords(ctx: Context): Iterable<SlashRecord> {
    return this.state.slashRecords.values(ctx);
  }
  setNextSlashId(ctx: Context, id: bigint): void {
    this.state.nextSlashId.set(ctx, id);
  }

  jail(ctx: Context, target: SlashTarget, until: bigint): void {
    const t = this.resolve(ctx, target);
    if (t.provider) {
      this.staking.jailProvider(ctx, t.provider, until);
      return;
    }
    const v = t.validator!;
    const cons = consensusAddress(v.consensusPubkey);
    const info = this.signingInfoOrNew(ctx, cons);
    if (until > info.jailedUntil) info.jailedUntil = until;
    this.setSigningInfo(ctx, cons, info);
    this.staking.jailValidator(ctx, t.id);
    emitJail(ctx, v.operatorAddress, info.jailedUntil);
  }

  /** MsgUnjail: the validator's jail is over, it is not tombstoned, and its self-delegation is back at its minimum. */
  unjail(ctx: Context, op: Uint8Array): void {
    const v = this.staking.requireValidator(ctx, op);
    if (!v.jailed) throw slashingErrors.validatorNotJailed(v.operatorAddress);
    const cons = consensusAddress(v.consensusPubkey);
    const info = this.getSigningInfo(ctx, cons);
    if (info?.tombstoned) throw slashingErrors.validatorTombstoned(v.operatorAddress);
    if (info && ctx.block.time.seconds < info.jailedUntil)
      throw slashingErrors.jailNotOver(`until ${info.jailedUntil}, now ${ctx.block.time.seconds}`);
    this.staking.unjailValidator(ctx, op);
    // The liveness window starts afresh, so the validator gets a full window before it can be jailed again.
    if (info)
      this.setSigningInfo(ctx, cons, {
        ...info,
        startHeight: ctx.block.height,
        indexOffset: 0n,
        missedBlocksCounter: 0n,
      });
  }

  /** MsgUnjailProvider: the provider's jail is over and its collateral is back at the minimum. */
  unjailProvider(ctx: Context, op: Uint8Array): void {
    const p = this.staking.requireJailedProvider(ctx, op);
    if (ctx.block.time.seconds < p.jailedUntil)
      throw slashingErrors.jailNotOver(`until ${p.jailedUntil}, now ${ctx.block.time.seconds}`);
    this.staking.unjailProvider(ctx, op);
  }

  // ---- block hook ----

  beginBlock(ctx: Context): void {
    for (const ev of ctx.block.misbehavior ?? [])
      this.handleEvidence(ctx, ev.type, ev.validator?.address ?? new Uint8Array(), ev.height);
    for (const vote of ctx.block.lastCommit?.votes ?? []) {
      this.handleSignature(
        ctx,
        vote.validator?.address ?? new Uint8Array(),
        vote.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
      );
    }
  }

  /** Double sign (and light-client attack): slash, jail forever, tombstone. */
  handleEvidence(ctx: Context, type: MisbehaviorType, cons: Uint8Array, height: bigint): void {
    if (type !== MisbehaviorType.DUPLICATE_VOTE && type !== MisbehaviorType.LIGHT_CLIENT_ATTACK) {
      ctx.logger.warn('staking: ignoring evidence of unknown type', { type, validator: toHex(cons) });
      return;
    }
    const t = this.staking.targetByConsensusAddress(ctx, cons);
    if (!t) {
      ctx.logger.info('staking: evidence against an unknown validator ignored', { validator: toHex(cons), height });
      return;
    }
    const info = this.signingInfoOrNew(ctx, cons);
    if (info.tombstoned) {
      ctx.logger.info('staking: evidence against a tombstoned validator ignored', { validator: t.address, height });
      return;
    }
    const infraction = height > ctx.block.height ? ctx.block.height : height;
    this.slash(
      ctx,
      { consensusAddress: cons },
      this.getParams(ctx).slashFractionDoubleSign,
      REASON_DOUBLE_SIGN,
      infraction,
    );
    this.jail(ctx, { consensusAddress: cons }, JAILED_FOREVER);
    this.setSigningInfo(ctx, cons, { ...this.getSigningInfo(ctx, cons)!, tombstoned: true });
  }

  /** One vote of the last commit: O(1) bookkeeping in the missed-blocks bit array; jails after too many misses. */
  handleSignature(ctx: Context, cons: Uint8Array, missed: boolean): void {
    const t = this.staking.targetByConsensusAddress(ctx, cons);
    const v = t?.validator;
    if (!v || v.jailed) return;
    const p = this.getParams(ctx);
    const window = p.signedBlocksWindow;
    const info = this.signingInfoOrNew(ctx, cons);
    const index = info.indexOffset % window;
    info.indexOffset += 1n;
    const was = this.state.missedBlocks.has(ctx, [cons, index]);
    if (missed && !was) {
      this.state.missedBlocks.add(ctx, [cons, index]);
      info.missedBlocksCounter += 1n;
    } else if (!missed && was) {
      this.state.missedBlocks.delete(ctx, [cons, index]);
      info.missedBlocksCounter -= 1n;
    }
    if (missed) emitLiveness(ctx, v.operatorAddress, info.missedBlocksCounter, ctx.block.height);
    const minSigned = mulIntDec(window, fractionOf(p.minSignedPerWindow)!, 'half-away');
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
