// The mint module's events (the same `mint` event distribution emitted before the split).
import type { Context } from '../../chain/types/context.js';

export const EVENT = { mint: 'mint' } as const;
export const emitMint = (ctx: Context, amount: string) => ctx.events.emit(EVENT.mint, [['amount', amount]]);
