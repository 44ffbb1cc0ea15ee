// Key layout of the bank module's store (one-byte prefixes; a retired number is never reused).
import { concatBytes, lenPrefixed, utf8 } from '../../chain/types/kv-views.js';

export const KEY = {
  balance: 0x01, // 0x01 | len(addr) | addr | denom -> amount (decimal ASCII)
  supply: 0x02, // 0x02 | denom -> total supply (decimal ASCII)
  denomMetadata: 0x03, // 0x03 | denom -> cosmos.bank.v1beta1.Metadata
  params: 0x04, // 0x04 -> cosmos.bank.v1beta1.Params
} as const;

export const balancesPrefix = (addr: Uint8Array) => concatBytes(Uint8Array.of(KEY.balance), lenPrefixed(addr));
export const balanceKey = (addr: Uint8Array, denom: string) => concatBytes(balancesPrefix(addr), utf8(denom));
export const supplyKey = (denom: string) => concatBytes(Uint8Array.of(KEY.supply), utf8(denom));
export const metadataKey = (denom: string) => concatBytes(Uint8Array.of(KEY.denomMetadata), utf8(denom));
export const paramsKey = Uint8Array.of(KEY.params);
export const prefixOf = (k: number) => Uint8Array.of(k);
