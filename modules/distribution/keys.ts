// Key layout of the distribution module's store (one-byte prefixes; a retired number is never reused). Addresses
// are length-prefixed raw bytes; heights and periods big-endian u64 so they iterate in order.
import { concatBytes, lenPrefixed as lp, u64 } from '../../chain/types/kv-views.js';

export const KEY = {
  params: 0x01, // 0x01 -> aichain.distribution.v1.Params
  communityPool: 0x02, // 0x02 -> DecCoins
  outstanding: 0x03, // 0x03 | lp(validator) -> DecCoins (delegators' rewards + commission not yet withdrawn)
  commission: 0x04, // 0x04 | lp(validator) -> DecCoins
  currentRewards: 0x05, // 0x05 | lp(validator) -> ValidatorCurrentRewards
  historicalRewards: 0x06, // 0x06 | lp(validator) | period(u64) -> ValidatorHistoricalRewards
  startingInfo: 0x07, // 0x07 | lp(validator) | lp(delegator) -> DelegatorStartingInfo
  slashEvent: 0x08, // 0x08 | lp(validator) | height(u64) | period(u64) -> ValidatorSlashEvent
} as const;

export const prefixOf = (k: number) => Uint8Array.of(k);
export const paramsKey = prefixOf(KEY.params);
export const communityPoolKey = prefixOf(KEY.communityPool);
export const outstandingKey = (val: Uint8Array) => concatBytes(prefixOf(KEY.outstanding), lp(val));
export const commissionKey = (val: Uint8Array) => concatBytes(prefixOf(KEY.commission), lp(val));
export const currentRewardsKey = (val: Uint8Array) => concatBytes(prefixOf(KEY.currentRewards), lp(val));
export const historicalPrefix = (val: Uint8Array) => concatBytes(prefixOf(KEY.historicalRewards), lp(val));
export const historicalKey = (val: Uint8Array, period: bigint) => concatBytes(historicalPrefix(val), u64(period));
export const startingInfoPrefix = (val: Uint8Array) => concatBytes(prefixOf(KEY.startingInfo), lp(val));
export const startingInfoKey = (val: Uint8Array, del: Uint8Array) => concatBytes(startingInfoPrefix(val), lp(del));
export const slashEventPrefix = (val: Uint8Array) => concatBytes(prefixOf(KEY.slashEvent), lp(val));
export const slashEventKey = (val: Uint8Array, height: bigint, period: bigint) => concatBytes(slashEventPrefix(val), u64(height), u64(period));

/** The first length-prefixed address after a one-byte prefix, and the offset after it. */
export function firstPart(k: Uint8Array): { part: Uint8Array; next: number } {
  const n = k[1];
  return { part: k.slice(2, 2 + n), next: 2 + n };
}
