// The task market's events: one per transition (type + string attributes, indexed, so tx_search finds them and the
// provider daemon can follow the market from block results).
import type { Context } from '../../chain/types/context.js';

export const EVENT = {
  create: 'task_created',
  claim: 'task_claimed',
  claimExpired: 'task_claim_expired',
  providerMiss: 'task_provider_miss',
  submit: 'task_result_submitted',
  cancel: 'task_cancelled',
  expire: 'task_expired',
  challenge: 'task_challenged',
  rerun: 'task_rerun',
  rerunFallback: 'task_rerun_fallback',
  settle: 'task_settled',
} as const;

type Attrs = Array<[string, string]>;
const emit = (ctx: Context, type: string, id: bigint, attrs: Attrs) =>
  ctx.events.emit(type, [['task_id', String(id)], ...attrs]);

export const emitCreate = (
  ctx: Context,
  id: bigint,
  a: { creator: string; model: string; maxFee: string; deadline: bigint },
) =>
  emit(ctx, EVENT.create, id, [
    ['creator', a.creator],
    ['model_id', a.model],
    ['max_fee', a.maxFee],
    ['deadline_height', String(a.deadline)],
  ]);
export const emitClaim = (ctx: Context, id: bigint, provider: string, price: string, claimDeadline: bigint) =>
  emit(ctx, EVENT.claim, id, [
    ['provider', provider],
    ['price', price],
    ['claim_deadline_height', String(claimDeadline)],
  ]);
export const emitClaimExpired = (ctx: Context, id: bigint, provider: string) =>
  emit(ctx, EVENT.claimExpired, id, [['provider', provider]]);
export const emitProviderMiss = (
  ctx: Context,
  id: bigint,
  provider: string,
  inWindow: number,
  jailedUntil: bigint | undefined,
) =>
  emit(ctx, EVENT.providerMiss, id, [
    ['provider', provider],
    ['misses_in_window', String(inWindow)],
    ['jailed_until', jailedUntil === undefined ? '' : String(jailedUntil)],
  ]);
export const emitSubmit = (ctx: Context, id: bigint, provider: string, challengeDeadline: bigint) =>
  emit(ctx, EVENT.submit, id, [
    ['provider', provider],
    ['challenge_deadline_height', String(challengeDeadline)],
  ]);
export const emitCancel = (ctx: Context, id: bigint, creator: string, refund: string) =>
  emit(ctx, EVENT.cancel, id, [
    ['creator', creator],
    ['refund', refund],
  ]);
export const emitExpire = (ctx: Context, id: bigint, creator: string, refund: string) =>
  emit(ctx, EVENT.expire, id, [
    ['creator', creator],
    ['refund', refund],
  ]);
export const emitChallenge = (ctx: Context, id: bigint, challenger: string, bond: string) =>
  emit(ctx, EVENT.challenge, id, [
    ['challenger', challenger],
    ['bond', bond],
  ]);
export const emitRerunFallback = (ctx: Context, id: bigint, reason: string) =>
  emit(ctx, EVENT.rerunFallback, id, [['reason', reason]]);
export const emitRerun = (ctx: Context, id: bigint, outcome: string, flops: bigint, reason: string) =>
  emit(ctx, EVENT.rerun, id, [
    ['outcome', outcome],
    ['flops', String(flops)],
    ['reason', reason],
  ]);
export const emitSettle = (ctx: Context, id: bigint, attrs: Attrs) => emit(ctx, EVENT.settle, id, attrs);
