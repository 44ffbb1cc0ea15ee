// Share arithmetic (Cosmos x/staking semantics) in 18-decimal fixed point bigint; rounding always favours the pool,
// so the sum of what delegators can withdraw never exceeds a validator's tokens.
export const DEC_ONE = 10n ** 18n;

export interface ShareBook { tokens: bigint; shares: bigint }

/** Shares issued for `amount` new tokens (1:1 for an empty validator). */
export function sharesForDelegation(v: ShareBook, amount: bigint): bigint {
  return v.tokens === 0n || v.shares === 0n ? amount * DEC_ONE : (amount * v.shares) / v.tokens;
}

/** Tokens `shares` are worth now (rounded down). */
export function tokensForShares(v: ShareBook, shares: bigint): bigint {
  return v.shares === 0n ? 0n : (shares * v.tokens) / v.shares;
}

/**
 * Shares to remove for taking out `amount` tokens from a delegation holding `held` shares: rounded up, capped at
 * `held`; undefined when even the rounded-down share count exceeds what is held (undelegating more than held).
 */
export function sharesToRemove(v: ShareBook, amount: bigint, held: bigint): bigint | undefined {
  if (v.tokens === 0n) return undefined;
  const floor = (amount * v.shares) / v.tokens;
  if (floor > held) return undefined;
  const ceil = (amount * v.shares + v.tokens - 1n) / v.tokens;
  return ceil > held ? held : ceil;
}
