// Share arithmetic (Cosmos x/staking semantics) on the one decimal kernel; rounding always favours the pool, so the
// sum of what delegators can withdraw never exceeds a target's tokens.
import { DEC_ONE, divRound } from '../../chain/types/dec.js';

export interface ShareBook {
  tokens: bigint;
  shares: bigint;
}

/** Shares issued for `amount` new tokens (1:1 for an empty target). */
export function sharesForDelegation(v: ShareBook, amount: bigint): bigint {
  return v.tokens === 0n || v.shares === 0n ? amount * DEC_ONE : divRound(amount * v.shares, v.tokens, 'floor');
}

/** Tokens `shares` are worth now (rounded down). */
export function tokensForShares(v: ShareBook, shares: bigint): bigint {
  return v.shares === 0n ? 0n : divRound(shares * v.tokens, v.shares, 'floor');
}

/**
 * Shares to remove for taking out `amount` tokens from a delegation holding `held` shares: rounded up, capped at
 * `held`; undefined when even the rounded-down share count exceeds what is held (undelegating more than held).
 */
export function sharesToRemove(v: ShareBook, amount: bigint, held: bigint): bigint | undefined {
  if (v.tokens === 0n) return undefined;
  const floor = divRound(amount * v.shares, v.tokens, 'floor');
  if (floor > held) return undefined;
  const ceil = divRound(amount * v.shares, v.tokens, 'ceil');
  return ceil > held ? held : ceil;
}
