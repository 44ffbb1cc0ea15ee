// The distribution module's events (type + string attributes, indexed).
import type { Context } from '../../chain/types/context.js';

export const EVENT = {
  communityPool: 'community_pool',
  communityPoolSpend: 'community_pool_spend',
  rewards: 'rewards',
  commission: 'commission',
  withdrawRewards: 'withdraw_rewards',
  withdrawCommission: 'withdraw_commission',
} as const;

export const emitCommunityPool = (ctx: Context, amount: string) =>
  ctx.events.emit(EVENT.communityPool, [['amount', amount]]);
export const emitRewards = (ctx: Context, validator: string, amount: string) =>
  ctx.events.emit(EVENT.rewards, [
    ['validator', validator],
    ['amount', amount],
  ]);
export const emitCommission = (ctx: Context, validator: string, amount: string) =>
  ctx.events.emit(EVENT.commission, [
    ['validator', validator],
    ['amount', amount],
  ]);
export const emitWithdrawRewards = (ctx: Context, delegator: string, validator: string, amount: string) =>
  ctx.events.emit(EVENT.withdrawRewards, [
    ['delegator', delegator],
    ['validator', validator],
    ['amount', amount],
  ]);
export const emitWithdrawCommission = (ctx: Context, validator: string, amount: string) =>
  ctx.events.emit(EVENT.withdrawCommission, [
    ['validator', validator],
    ['amount', amount],
  ]);
export const emitCommunityPoolSpend = (ctx: Context, recipient: string, amount: string) =>
  ctx.events.emit(EVENT.communityPoolSpend, [
    ['recipient', recipient],
    ['amount', amount],
  ]);
