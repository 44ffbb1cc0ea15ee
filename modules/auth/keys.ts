// Key layout of the auth module's store (one-byte prefixes; a retired number is never reused).
import { concatBytes } from '../../chain/types/kv-views.js';

export const KEY = {
  account: 0x01, // 0x01 | address bytes -> Any(BaseAccount | ModuleAccount)
  nextAccountNumber: 0x02, // 0x02 -> uint64 BE
  params: 0x03, // 0x03 -> cosmos.auth.v1beta1.Params
  feeParams: 0x04, // 0x04 -> aichain.auth.v1.FeeParams
} as const;

export const accountKey = (addr: Uint8Array) => concatBytes(Uint8Array.of(KEY.account), addr);
export const accountPrefix = Uint8Array.of(KEY.account);
export const nextAccountNumberKey = Uint8Array.of(KEY.nextAccountNumber);
export const paramsKey = Uint8Array.of(KEY.params);
export const feeParamsKey = Uint8Array.of(KEY.feeParams);
