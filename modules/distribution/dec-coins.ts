// Decimal coin lists as Map<denom, bigint> in 18-decimal fixed point: rewards are split finer than one base unit
// and only whole units are ever paid, so the sum of what is paid never exceeds what was allocated.
import type { DecCoin } from '../../proto/gen/aichain/distribution/v1/types.js';
import type { Amount } from '../../chain/types/coins.js';
import { DEC_ONE, divRound, formatDec, parseDec } from '../../chain/types/dec.js';

export type Dec = Map<string, bigint>;

/** A sorted copy without zero entries (the one spelling stored in state, so equal sums are equal bytes). */
export function normalize(d: Dec): Dec {
  return new Map([...d].filter(([, v]) => v !== 0n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
export const fromDecCoins = (cs: readonly DecCoin[]): Dec =>
  normalize(new Map(cs.map((c) => [c.denom, parseDec(c.amount)])));
export const toDecCoins = (d: Dec): DecCoin[] =>
  [...normalize(d)].map(([denom, v]) => ({ denom, amount: formatDec(v) }));
export const fromAmounts = (as: readonly Amount[]): Dec =>
  normalize(new Map(as.map((a) => [a.denom, a.amount * DEC_ONE])));

export function add(a: Dec, b: Dec): Dec {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0n) + v);
  return normalize(out);
}
/** a - b; throws when any denom would go negative (a broken accounting invariant, never bad input). */
export function sub(a: Dec, b: Dec): Dec {
  const out = new Map(a);
  for (const [k, v] of b) {
    const r = (out.get(k) ?? 0n) - v;
    if (r < 0n)
      throw new Error(`distribution: ${k} would go negative (${formatDec(out.get(k) ?? 0n)} - ${formatDec(v)})`);
    out.set(k, r);
  }
  return normalize(out);
}
/** Each amount × num / den, rounded down. */
export const mulDiv = (a: Dec, num: bigint, den: bigint): Dec =>
  normalize(new Map([...a].map(([k, v]) => [k, divRound(v * num, den, 'floor')])));
/** Each amount × a decimal fraction, rounded down. */
export const mulFrac = (a: Dec, f: bigint): Dec => mulDiv(a, f, DEC_ONE);
/** Whole base units (rounded down) and the decimal change left over. */
export function truncate(a: Dec): { coins: Amount[]; change: Dec } {
  const coins: Amount[] = [];
  const change = new Map<string, bigint>();
  for (const [denom, v] of normalize(a)) {
    const whole = divRound(v, DEC_ONE, 'floor');
    if (whole > 0n) coins.push({ denom, amount: whole });
    change.set(denom, v % DEC_ONE);
  }
  return { coins, change: normalize(change) };
}
/** True when every amount of a is >= the same denom's amount in b. */
export const covers = (a: Dec, b: Dec): boolean => [...b].every(([k, v]) => (a.get(k) ?? 0n) >= v);
export const isEmpty = (a: Dec): boolean => normalize(a).size === 0;
export const show = (a: Dec): string => [...normalize(a)].map(([k, v]) => `${formatDec(v)}${k}`).join(',') || '0';
