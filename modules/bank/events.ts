// The Cosmos bank events CosmJS and indexers expect (amount formatted like "100uaic,5uusdc").
import type { Context } from '../../chain/types/context.js';
import { formatCoins, type Amount } from '../../chain/types/coins.js';

export const emitCoinSpent = (ctx: Context, spender: string, amount: Amount[]) =>
  ctx.events.emit('coin_spent', [
    ['spender', spender],
    ['amount', formatCoins(amount)],
  ]);
export const emitCoinReceived = (ctx: Context, receiver: string, amount: Amount[]) =>
  ctx.events.emit('coin_received', [
    ['receiver', receiver],
    ['amount', formatCoins(amount)],
  ]);
export const emitTransfer = (ctx: Context, recipient: string, sender: string, amount: Amount[]) =>
  ctx.events.emit('transfer', [
    ['recipient', recipient],
    ['sender', sender],
    ['amount', formatCoins(amount)],
  ]);
export const emitCoinbase = (ctx: Context, minter: string, amount: Amount[]) =>
  ctx.events.emit('coinbase', [
    ['minter', minter],
    ['amount', formatCoins(amount)],
  ]);
export const emitBurn = (ctx: Context, burner: string, amount: Amount[]) =>
  ctx.events.emit('burn', [
    ['burner', burner],
    ['amount', formatCoins(amount)],
  ]);
