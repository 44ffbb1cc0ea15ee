// Coins as bigint amounts. Amounts in protobuf are decimal strings; anything that is not a plain non-negative decimal
// below 2^256 is rejected, as the SDK's Int does.
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { sdkErrors } from './errors.js';

export interface Amount {
  denom: string;
  amount: bigint;
}

export const MAX_AMOUNT = (1n << 256n) - 1n;
const DENOM_RE = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
const DIGITS_RE = /^[0-9]{1,78}$/;

export function isValidDenom(denom: string): boolean {
  return DENOM_RE.test(denom);
}

export function parseAmount(s: string, what = 'amount'): bigint {
  if (!DIGITS_RE.test(s)) throw sdkErrors.invalidCoins(`${what} is not a non-negative integer: ${JSON.stringify(s)}`);
  const v = BigInt(s);
  if (v > MAX_AMOUNT) throw sdkErrors.invalidCoins(`${what} overflows 256 bits`);
  return v;
}

/** Validates a protobuf coin list: valid denoms, strictly sorted without duplicates, positive amounts. */
export function parseCoins(coins: readonly Coin[], opts: { allowZero?: boolean; allowEmpty?: boolean } = {}): Amount[] {
  if (!coins.length && !opts.allowEmpty) throw sdkErrors.invalidCoins('empty coins');
  const out: Amount[] = [];
  for (const c of coins) {
    if (!isValidDenom(c.denom)) throw sdkErrors.invalidCoins(`invalid denom ${JSON.stringify(c.denom)}`);
    const amount = parseAmount(c.amount, `amount of ${c.denom}`);
    if (amount === 0n && !opts.allowZero) throw sdkErrors.invalidCoins(`zero amount of ${c.denom}`);
    const prev = out[out.length - 1];
    if (prev && prev.denom >= c.denom) throw sdkErrors.invalidCoins('coins must be sorted by denom without duplicates');
    out.push({ denom: c.denom, amount });
  }
  return out;
}

export function toCoins(amounts: readonly Amount[]): Coin[] {
  return amounts.map((a) => ({ denom: a.denom, amount: a.amount.toString() }));
}

export function formatCoins(amounts: readonly Amount[]): string {
  return amounts.map((a) => `${a.amount}${a.denom}`).join(',');
}

export function coin(amount: bigint, denom: string): Amount {
  return { denom, amount };
}

/** Sums lists (each sorted) into one sorted list without zero entries. */
export function addAmounts(...lists: Array<readonly Amount[]>): Amount[] {
  const m = new Map<string, bigint>();
  for (const l of lists) for (const a of l) m.set(a.denom, (m.get(a.denom) ?? 0n) + a.amount);
  return [...m.entries()]
    .filter(([, v]) => v !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, amount]) => ({ denom, amount }));
}
