// Coins as bigint amounts. Amounts in protobuf are decimal strings; anything that is not a plain non-negative decimal
// below 2^256 is rejected, as the SDK's Int does.
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { sdkErrors } from './errors.js';

export interface Amount { denom: string; amount: bigint }

export const MAX_AMOUNT = (1n << 256n) - 1n;
const DENOM_RE = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
const DIGITS_RE = /^[0-9]{1,78}$/;

export function isValidDenom(denom: string): boolean { return DENOM_RE.test(denom); }

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

export function coin(amount: bigint, denom: string): Amount { return { denom, amount }; }

/** Sums lists (each sorted) into one sorted list without zero entries. */
export function addAmounts(...lists: Array<readonly Amount[]>): Amount[] {
  const m = new Map<string, bigint>();
  for (const l of lists) for (const a of l) m.set(a.denom, (m.get(a.denom) ?? 0n) + a.amount);
  return [...m.entries()].filter(([, v]) => v !== 0n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, amount]) => ({ denom, amount }));
}

// Decimal amounts (gas prices like 0.025uaic) as fixed point with 18 decimals, as the SDK's Dec.
export const DEC_PRECISION = 18;
const DEC_ONE = 10n ** 18n;
const DEC_RE = /^[0-9]{1,60}(\.[0-9]{1,18})?$/;

export function parseDec(s: string): bigint {
  if (!DEC_RE.test(s)) throw sdkErrors.invalidCoins(`invalid decimal ${JSON.stringify(s)}`);
  const [i, f = ''] = s.split('.');
  return BigInt(i) * DEC_ONE + BigInt(f.padEnd(DEC_PRECISION, '0'));
}

export function formatDec(v: bigint): string {
  const i = v / DEC_ONE, f = (v % DEC_ONE).toString().padStart(DEC_PRECISION, '0');
  return `${i}.${f}`;
}

/** ceil(dec × n) for a fixed-point dec and an integer n. */
export function mulDecCeil(dec: bigint, n: bigint): bigint {
  const p = dec * n;
  return (p + DEC_ONE - 1n) / DEC_ONE;
}
