// Block rewards and F1 lazy distribution (as Cosmos x/distribution). Each block (end block, after modules/mint put the
// block's provision there) moves the fee collector's whole balance here, taxes it for the community pool and splits the rest: the
// provider_reward_share among active compute providers by stake, the remainder among the previous block's signers by
// power; each target (validator or provider, the same F1 accounting) keeps commission and adds the rest to its open period.
// A period closes whenever a delegation to the validator changes or it is slashed, storing the cumulative reward
// per token; a delegation's rewards are stake × (ratio at the end − ratio at its start), adjusted for slashes in
// between — O(1) in the number of delegators (O(slashes) in between).
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import {
  DecCoins,
  DelegatorStartingInfo,
  Params,
  ValidatorCurrentRewards,
  ValidatorHistoricalRewards,
  ValidatorSlashEvent,
} from '../../proto/gen/aichain/distribution/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { moduleAddress, parseAddress, toAddress } from '../../chain/types/address.js';
import { formatCoins, type Amount } from '../../chain/types/coins.js';
import { DEC_ONE, formatDec, mulIntDec, parseDec } from '../../chain/types/dec.js';
import { distributionState, type DistributionState } from './keys.js';
import {
  add,
  covers,
  fromAmounts,
  fromDecCoins,
  isEmpty,
  mulDiv,
  mulFrac,
  show,
  sub,
  toDecCoins,
  truncate,
  type Dec,
} from './dec-coins.js';
import type { AccountKeeper, BankKeeper, StakingKeeper } from './expected.js';
import { defaultParams, fractionOf } from './params.js';
import { distributionErrors } from './errors.js';
import { sdkErrors } from '../../chain/types/errors.js';
import {
  emitCommission,
  emitCommunityPoolSpend,
  emitCommunityPool,
  emitRewards,
  emitWithdrawCommission,
  emitWithdrawRewards,
} from './events.js';

export const MODULE_NAME = 'distribution';
/** Holds every reward not yet withdrawn and the community pool. */
export const DISTRIBUTION_ACCOUNT = 'distribution';

export class DistributionKeeper {
  readonly state: DistributionState;
  constructor(
    readonly storePrefix: Uint8Array,
    private readonly bank: BankKeeper,
    private readonly accounts: AccountKeeper,
    private readonly staking: StakingKeeper,
    /** The module account every tx fee goes to (the ante's fee collector). */
    private readonly feeCollector: string,
  ) {
    this.state = distributionState(storePrefix);
  }

  targetAddress(val: Uint8Array): string {
    return this.staking.targetAddress(val);
  }

  // ---- params and stored values ----

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  /** Decimal coins stored normalized; an empty amount is deleted, not stored. */
  private static dec(d: DecCoins | undefined): Dec {
    return d ? fromDecCoins(d.coins) : new Map();
  }
  communityPool(ctx: Context): Dec {
    return DistributionKeeper.dec(this.state.communityPool.get(ctx));
  }
  setCommunityPool(ctx: Context, d: Dec): void {
    if (isEmpty(d)) this.state.communityPool.delete(ctx);
    else this.state.communityPool.set(ctx, { coins: toDecCoins(d) });
  }
  outstanding(ctx: Context, val: Uint8Array): Dec {
    return DistributionKeeper.dec(this.state.outstanding.get(ctx, val));
  }
  setOutstanding(ctx: Context, val: Uint8Array, d: Dec): void {
    if (isEmpty(d)) this.state.outstanding.delete(ctx, val);
    else this.state.outstanding.set(ctx, val, { coins: toDecCoins(d) });
  }
  commission(ctx: Context, val: Uint8Array): Dec {
    return DistributionKeeper.dec(this.state.commission.get(ctx, val));
  }
  setCommission(ctx: Context, val: Uint8Array, d: Dec): void {
    if (isEmpty(d)) this.state.commission.delete(ctx, val);
    else this.state.commission.set(ctx, val, { coins: toDecCoins(d) });
  }

  getCurrent(ctx: Context, val: Uint8Array): ValidatorCurrentRewards | undefined {
    return this.state.currentRewards.get(ctx, val);
  }
  setCurrent(ctx: Context, val: Uint8Array, r: ValidatorCurrentRewards): void {
    this.state.currentRewards.set(ctx, val, { ...r, rewards: toDecCoins(fromDecCoins(r.rewards)) });
  }
  getHistorical(ctx: Context, val: Uint8Array, period: bigint): ValidatorHistoricalRewards | undefined {
    return this.state.historicalRewards.get(ctx, [val, period]);
  }
  setHistorical(ctx: Context, val: Uint8Array, period: bigint, h: ValidatorHistoricalRewards): void {
    this.state.historicalRewards.set(ctx, [val, period], h);
  }
  /** A target's historical rewards by period. */
  historical(ctx: Context, val: Uint8Array): Iterable<[[Uint8Array, bigint], ValidatorHistoricalRewards]> {
    return this.state.historicalRewards.entries(ctx, { prefix: [val] });
  }
  getStartingInfo(ctx: Context, val: Uint8Array, del: Uint8Array): DelegatorStartingInfo | undefined {
    return this.state.startingInfos.get(ctx, [val, del]);
  }
  setStartingInfo(ctx: Context, val: Uint8Array, del: Uint8Array, i: DelegatorStartingInfo): void {
    this.state.startingInfos.set(ctx, [val, del], i);
  }
  /** Every starting info, by target then delegator. */
  startingInfos(ctx: Context): Iterable<[[Uint8Array, Uint8Array], DelegatorStartingInfo]> {
    return this.state.startingInfos.entries(ctx);
  }
  setSlashEvent(ctx: Context, val: Uint8Array, height: bigint, e: ValidatorSlashEvent): void {
    this.state.slashEvents.set(ctx, [val, height, e.validatorPeriod], e);
  }
  /** A validator's slash events with start < height <= end, in (height, period) order. */
  *slashEvents(
    ctx: Context,
    val: Uint8Array,
    start: bigint,
    end: bigint,
  ): Iterable<{ height: bigint; event: ValidatorSlashEvent }> {
    for (const [[, height], event] of this.state.slashEvents.entries(ctx, { prefix: [val] })) {
      if (height > start && height <= end) yield { height, event };
    }
  }
  /** All of a target's slash events, in (height, period) order. */
  allSlashEvents(ctx: Context, val: Uint8Array): Iterable<[[Uint8Array, bigint, bigint], ValidatorSlashEvent]> {
    return this.state.slashEvents.entries(ctx, { prefix: [val] });
  }

  private ratioAt(ctx: Context, val: Uint8Array, period: bigint): Dec {
    const h = this.getHistorical(ctx, val, period);
    if (!h)
      throw new Error(
        `distribution: historical rewards of ${this.staking.targetAddress(val)} period ${period} missing`,
      );
    return fromDecCoins(h.cumulativeRewardRatio);
  }
  private changeReference(ctx: Context, val: Uint8Array, period: bigint, by: 1 | -1): void {
    const h = this.getHistorical(ctx, val, period);
    if (!h)
      throw new Error(
        `distribution: historical rewards of ${this.staking.targetAddress(val)} period ${period} missing`,
      );
    const count = h.referenceCount + by;
    if (count < 0)
      throw new Error(`distribution: negative reference count for ${this.staking.targetAddress(val)} period ${period}`);
    if (count === 0) this.state.historicalRewards.delete(ctx, [val, period]);
    else this.setHistorical(ctx, val, period, { ...h, referenceCount: count });
  }

  // ---- F1 periods ----

  /** Starts a validator's accounting: period 0 with a zero ratio, period 1 open. */
  initializeValidator(ctx: Context, val: Uint8Array): void {
    this.setHistorical(ctx, val, 0n, { cumulativeRewardRatio: [], referenceCount: 1 });
    this.setCurrent(ctx, val, { rewards: [], period: 1n });
  }

  /** Closes the open period (its rewards per token join the cumulative ratio) and returns its number. */
  incrementValidatorPeriod(ctx: Context, val: Uint8Array): bigint {
    const cur = this.getCurrent(ctx, val);
    if (!cur) throw new Error(`distribution: ${this.staking.targetAddress(val)} has no current rewards`);
    const tokens = this.staking.getTarget(ctx, val)?.tokens ?? 0n;
    let perToken: Dec = new Map();
    const rewards = fromDecCoins(cur.rewards);
    if (tokens === 0n) {
      // Nobody is delegated to share these: they go to the community pool.
      this.setCommunityPool(ctx, add(this.communityPool(ctx), rewards));
      this.setOutstanding(ctx, val, sub(this.outstanding(ctx, val), rewards));
    } else {
      perToken = mulDiv(rewards, 1n, tokens);
    }
    const prev = this.ratioAt(ctx, val, cur.period - 1n);
    this.changeReference(ctx, val, cur.period - 1n, -1);
    this.setHistorical(ctx, val, cur.period, {
      cumulativeRewardRatio: toDecCoins(add(prev, perToken)),
      referenceCount: 1,
    });
    this.setCurrent(ctx, val, { rewards: [], period: cur.period + 1n });
    return cur.period;
  }

  /** stake × (ratio[end] − ratio[start]), rounded down. */
  private rewardsBetween(start: Dec, end: Dec, stake: bigint): Dec {
    return mulDiv(sub(end, start), stake, DEC_ONE);
  }

  /**
   * The rewards a delegation has earned up to `endRatio` (the cumulative ratio at the end of the last period).
   * Slash events since the start cut the stake; the stake is capped at what the shares are worth now, so rounding
   * can never pay out more than the validator's tokens earned.
   */
  private calculate(ctx: Context, val: Uint8Array, del: Uint8Array, endRatio: Dec): Dec {
    const info = this.getStartingInfo(ctx, val, del);
    if (!info) return new Map();
    let stake = parseDec(info.stake);
    let startRatio = this.ratioAt(ctx, val, info.previousPeriod);
    let rewards: Dec = new Map();
    for (const { event } of this.slashEvents(ctx, val, info.height, ctx.block.height)) {
      if (event.validatorPeriod <= info.previousPeriod) continue;
      const r = this.ratioAt(ctx, val, event.validatorPeriod);
      rewards = add(rewards, this.rewardsBetween(startRatio, r, stake));
      stake = mulIntDec(stake, DEC_ONE - parseDec(event.fraction), 'floor');
      startRatio = r;
    }
    const d = this.staking.getDelegation(ctx, del, val);
    const now = d ? this.staking.delegationBalance(ctx, d) * DEC_ONE : 0n;
    if (stake > now) stake = now;
    return add(rewards, this.rewardsBetween(startRatio, endRatio, stake));
  }

  /** Pending rewards of a delegation, without changing state (queries and invariants). */
  pendingRewards(ctx: Context, del: Uint8Array, val: Uint8Array): Dec {
    const cur = this.getCurrent(ctx, val);
    if (!cur || !this.getStartingInfo(ctx, val, del)) return new Map();
    const tokens = this.staking.getTarget(ctx, val)?.tokens ?? 0n;
    const open = tokens === 0n ? new Map() : mulDiv(fromDecCoins(cur.rewards), 1n, tokens);
    return this.calculate(ctx, val, del, add(this.ratioAt(ctx, val, cur.period - 1n), open));
  }

  /** Records where a (new or changed) delegation's accounting starts: after the last closed period, at its stake now. */
  initializeDelegation(ctx: Context, val: Uint8Array, del: Uint8Array): void {
    const d = this.staking.getDelegation(ctx, del, val);
    if (!d) return;
    const cur = this.getCurrent(ctx, val);
    if (!cur) throw new Error(`distribution: ${this.staking.targetAddress(val)} has no current rewards`);
    const previousPeriod = cur.period - 1n;
    this.changeReference(ctx, val, previousPeriod, 1);
    this.setStartingInfo(ctx, val, del, {
      previousPeriod,
      stake: formatDec(this.staking.delegationBalance(ctx, d) * DEC_ONE),
      height: ctx.block.height,
    });
  }

  /** Pays a delegation's rewards (whole units; the change goes to the community pool) and ends its accounting. */
  withdrawDelegationRewards(ctx: Context, val: Uint8Array, del: Uint8Array): Amount[] {
    const info = this.getStartingInfo(ctx, val, del);
    if (!info) return [];
    const end = this.incrementValidatorPeriod(ctx, val);
    const rewards = this.calculate(ctx, val, del, this.ratioAt(ctx, val, end));
    this.setOutstanding(ctx, val, sub(this.outstanding(ctx, val), rewards));
    const { coins, change } = truncate(rewards);
    this.setCommunityPool(ctx, add(this.communityPool(ctx), change));
    if (coins.length) this.bank.sendFromModuleToAccount(ctx, DISTRIBUTION_ACCOUNT, del, coins);
    this.changeReference(ctx, val, info.previousPeriod, -1);
    this.state.startingInfos.delete(ctx, [val, del]);
    emitWithdrawRewards(ctx, toAddress(del), this.staking.targetAddress(val), formatCoins(coins));
    return coins;
  }

  // ---- staking hooks ----

  afterValidatorCreated(ctx: Context, val: Uint8Array): void {
    this.initializeValidator(ctx, val);
  }

  /** Before a delegation's shares change: withdraw its rewards (or, for a new one, close the open period). */
  beforeDelegationSharesModified(ctx: Context, del: Uint8Array, val: Uint8Array): void {
    if (!this.getCurrent(ctx, val)) this.initializeValidator(ctx, val);
    if (this.getStartingInfo(ctx, val, del)) this.withdrawDelegationRewards(ctx, val, del);
    else this.incrementValidatorPeriod(ctx, val);
  }

  afterDelegationModified(ctx: Context, del: Uint8Array, val: Uint8Array): void {
    this.initializeDelegation(ctx, val, del);
  }

  /** Before a validator's tokens are cut by `fraction`: close the period and record the cut for every delegation. */
  beforeValidatorSlashed(ctx: Context, val: Uint8Array, fraction: bigint): void {
    if (!this.getCurrent(ctx, val)) return;
    const period = this.incrementValidatorPeriod(ctx, val);
    this.changeReference(ctx, val, period, 1);
    this.setSlashEvent(ctx, val, ctx.block.height, { validatorPeriod: period, fraction: formatDec(fraction) });
  }

  // ---- messages ----

  withdrawRewardsMsg(ctx: Context, delegator: string, validator: string): Amount[] {
    const del = parseAddress(delegator, undefined, 'delegator address'),
      val = this.staking.parseTarget(validator);
    if (!this.staking.getTarget(ctx, val)) throw distributionErrors.unknownValidator(validator);
    if (!this.staking.getDelegation(ctx, del, val))
      throw distributionErrors.noDelegation(`${delegator} -> ${validator}`);
    const coins = this.withdrawDelegationRewards(ctx, val, del);
    this.initializeDelegation(ctx, val, del);
    return coins;
  }

  withdrawCommission(ctx: Context, operator: string, provider = false): Amount[] {
    const op = parseAddress(operator, undefined, 'operator');
    const val = this.staking.targetOf(op, provider);
    const name = this.staking.targetAddress(val);
    if (!this.staking.getTarget(ctx, val)) throw distributionErrors.unknownValidator(name);
    const coins = this.payCommission(ctx, val);
    if (!coins.length) throw distributionErrors.noCommission(name);
    return coins;
  }

  /** Pays a target's accumulated commission (whole units) to its operator; the fractions stay accumulated. */
  private payCommission(ctx: Context, val: Uint8Array): Amount[] {
    const { coins, change } = truncate(this.commission(ctx, val));
    if (!coins.length) return [];
    this.setCommission(ctx, val, change);
    this.setOutstanding(ctx, val, sub(this.outstanding(ctx, val), fromAmounts(coins)));
    this.bank.sendFromModuleToAccount(ctx, DISTRIBUTION_ACCOUNT, this.staking.operatorOf(val), coins);
    emitWithdrawCommission(ctx, this.staking.targetAddress(val), formatCoins(coins));
    return coins;
  }

  /**
   * A target leaves for good (a deregistered provider with nothing left at stake): its commission goes to the
   * operator, whatever else is outstanding (rounding dust) to the community pool, and its accounting is dropped.
   */
  afterTargetRemoved(ctx: Context, val: Uint8Array): void {
    if (!this.getCurrent(ctx, val)) return;
    this.payCommission(ctx, val);
    const left = this.outstanding(ctx, val);
    if (!isEmpty(left)) this.setCommunityPool(ctx, add(this.communityPool(ctx), left));
    const s = this.state;
    s.outstanding.delete(ctx, val);
    s.commission.delete(ctx, val);
    s.currentRewards.delete(ctx, val);
    for (const k of [...s.historicalRewards.keys(ctx, { prefix: [val] })]) s.historicalRewards.delete(ctx, k);
    for (const k of [...s.slashEvents.keys(ctx, { prefix: [val] })]) s.slashEvents.delete(ctx, k);
  }

  // ---- block rewards ----

  ensureModuleAccounts(ctx: Context): void {
    this.accounts.ensureModuleAccount(ctx, DISTRIBUTION_ACCOUNT);
    this.accounts.ensureModuleAccount(ctx, this.feeCollector);
  }

  /**
   * Runs in end block (after the block's txs paid their fees and modules/mint minted the block's provision into the
   * fee collector): distributes the collector's whole balance to the signers of `decided_last_commit`.
   */
  distributeBlockRewards(ctx: Context): void {
    this.ensureModuleAccounts(ctx);
    const collected = this.bank.getAllBalances(ctx, moduleAddress(this.feeCollector));
    if (!collected.length) return;
    this.bank.sendFromModuleToModule(ctx, this.feeCollector, DISTRIBUTION_ACCOUNT, collected);
    this.allocate(ctx, fromAmounts(collected));
  }

  /**
   * Splits `total` (already held by the distribution account): community tax first; provider_reward_share of the
   * rest to the active compute providers pro rata by stake (to the validators when there are none); the rest to the
   * validators that signed the previous block pro rata by their vote's power. What rounding leaves (and the shares
   * of signers staking does not know) goes to the community pool.
   */
  allocate(ctx: Context, total: Dec): void {
    const p = this.getParams(ctx);
    const tax = fractionOf(p.communityTax)!,
      providerShare = fractionOf(p.providerRewardShare)!;
    const signers: Array<{ op: Uint8Array | undefined; power: bigint }> = [];
    let totalPower = 0n;
    for (const v of ctx.block.lastCommit?.votes ?? []) {
      if (v.blockIdFlag !== BlockIDFlag.BLOCK_ID_FLAG_COMMIT || !v.validator || v.validator.power <= 0n) continue;
      signers.push({ op: this.staking.operatorByConsensusAddress(ctx, v.validator.address), power: v.validator.power });
      totalPower += v.validator.power;
    }
    let left = total;
    const afterTax = mulFrac(total, DEC_ONE - tax);
    // PERF: one pass over the providers per block (O(providers), independent of how many delegate to them).
    const providers = providerShare > 0n ? [...this.staking.activeProviders(ctx)] : [];
    const totalStake = providers.reduce((sum, p) => sum + p.stake, 0n);
    const forProviders = totalStake > 0n && totalPower > 0n ? mulFrac(afterTax, providerShare) : (new Map() as Dec);
    if (!isEmpty(forProviders)) {
      for (const p of providers) {
        const reward = mulDiv(forProviders, p.stake, totalStake);
        this.allocateToValidator(ctx, p.id, reward);
        left = sub(left, reward);
      }
    }
    if (totalPower > 0n) {
      const forValidators = sub(afterTax, forProviders);
      for (const s of signers) {
        if (!s.op || !this.getCurrent(ctx, s.op)) continue;
        const reward = mulDiv(forValidators, s.power, totalPower);
        this.allocateToValidator(ctx, s.op, reward);
        left = sub(left, reward);
      }
    }
    if (!isEmpty(left)) {
      this.setCommunityPool(ctx, add(this.communityPool(ctx), left));
      emitCommunityPool(ctx, show(left));
    }
  }

  /**
   * Task-fee shares and other earnings of one target (the tasks module pays a provider's share this way): the coins
   * move from `fromModule` into the distribution account and become the target's rewards — commission to its
   * operator, the rest to its delegators pro rata, exactly like block rewards.
   */
  depositTargetRewards(ctx: Context, fromModule: string, val: Uint8Array, amounts: Amount[]): void {
    if (!this.staking.getTarget(ctx, val) || !this.getCurrent(ctx, val))
      throw distributionErrors.unknownValidator(this.staking.targetAddress(val));
    if (!amounts.length) return;
    this.ensureModuleAccounts(ctx);
    this.bank.sendFromModuleToModule(ctx, fromModule, DISTRIBUTION_ACCOUNT, amounts);
    this.allocateToValidator(ctx, val, fromAmounts(amounts));
  }

  /** Moves coins from another module's account into the community pool (the task market's pool shares and dust). */
  fundCommunityPoolFromModule(ctx: Context, fromModule: string, amounts: Amount[]): void {
    if (!amounts.length) return;
    this.ensureModuleAccounts(ctx);
    this.bank.sendFromModuleToModule(ctx, fromModule, DISTRIBUTION_ACCOUNT, amounts);
    this.setCommunityPool(ctx, add(this.communityPool(ctx), fromAmounts(amounts)));
  }

  /**
   * Governance's MsgCommunityPoolSpend: pays whole coins out of the community pool (held by the distribution
   * account) to a recipient; more than the pool holds in any denom is refused and nothing moves.
   */
  spendCommunityPool(ctx: Context, recipient: Uint8Array, amounts: Amount[]): void {
    if (this.bank.isBlockedRecipient(ctx, recipient))
      throw sdkErrors.unauthorized(`${toAddress(recipient)} is a module account and cannot receive pool funds`);
    const want = fromAmounts(amounts);
    const pool = this.communityPool(ctx);
    if (!covers(pool, want))
      throw distributionErrors.insufficientPool(`asked ${formatCoins(amounts)}, the pool holds ${show(pool)}`);
    this.bank.sendFromModuleToAccount(ctx, DISTRIBUTION_ACCOUNT, recipient, amounts);
    this.setCommunityPool(ctx, sub(pool, want));
    emitCommunityPoolSpend(ctx, toAddress(recipient), formatCoins(amounts));
  }

  /** Commission to the operator, the rest to the open period; all of it outstanding until withdrawn. */
  allocateToValidator(ctx: Context, val: Uint8Array, reward: Dec): void {
    if (isEmpty(reward)) return;
    const t = this.staking.getTarget(ctx, val);
    const rate = t ? parseDec(t.commissionRate) : 0n;
    const commission = mulFrac(reward, rate);
    const shared = sub(reward, commission);
    this.setCommission(ctx, val, add(this.commission(ctx, val), commission));
    const cur = this.getCurrent(ctx, val)!;
    this.setCurrent(ctx, val, { ...cur, rewards: toDecCoins(add(fromDecCoins(cur.rewards), shared)) });
    this.setOutstanding(ctx, val, add(this.outstanding(ctx, val), reward));
    emitCommission(ctx, this.staking.targetAddress(val), show(commission));
    emitRewards(ctx, this.staking.targetAddress(val), show(reward));
  }

  /** Every target (validator or provider) with reward accounting, in key order. */
  *targetsWithRewards(ctx: Context): Iterable<Uint8Array> {
    for (const id of this.staking.targets(ctx)) if (this.getCurrent(ctx, id)) yield id;
  }
}
