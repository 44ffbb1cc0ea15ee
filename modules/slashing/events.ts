// The slashing module's events (the same types and attributes staking emitted before the split).
import type { Context } from '../../chain/types/context.js';

export const EVENT = { slash: 'slash', jail: 'jail', unjail: 'unjail', liveness: 'liveness' } as const;

export const emitSlash = (
  ctx: Context,
  validator: string,
  fraction: string,
  reason: string,
  infractionHeight: bigint,
  burned: string,
) =>
  ctx.events.emit(EVENT.slash, [
    ['validator', validator],
    ['fraction', fraction],
    ['reason', reason],
    ['infraction_height', String(infractionHeight)],
    ['burned', burned],
  ]);
export const emitJail = (ctx: Context, validator: string, until: bigint) =>
  ctx.events.emit(EVENT.jail, [
    ['validator', validator],
    ['jailed_until', String(until)],
  ]);
export const emitLiveness = (ctx: Context, validator: string, missed: bigint, height: bigint) =>
  ctx.events.emit(EVENT.liveness, [
    ['validator', validator],
    ['missed_blocks', String(missed)],
    ['height', String(height)],
  ]);
