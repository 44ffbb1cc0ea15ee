// The bank module's state: one byte per collection under the module's store prefix (a retired number is never
// reused; none retired yet). Amounts are stored as decimal ASCII.
import { Metadata, Params } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import {
  addressKey,
  decimalValue,
  protoValue,
  Schema,
  stringKey,
  tupleKey,
} from '../../chain/store/collections/index.js';

export const KEY = {
  balance: 0x01, // 0x01 | len(addr) | addr | denom -> amount (decimal ASCII)
  supply: 0x02, // 0x02 | denom -> total supply (decimal ASCII)
  denomMetadata: 0x03, // 0x03 | denom -> cosmos.bank.v1beta1.Metadata
  params: 0x04, // 0x04 -> cosmos.bank.v1beta1.Params
} as const;

export const balanceKeyCodec = tupleKey(addressKey, stringKey);

export function bankState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  return {
    balances: s.map(KEY.balance, 'balances', balanceKeyCodec, decimalValue),
    supply: s.map(KEY.supply, 'supply', stringKey, decimalValue),
    metadata: s.map(KEY.denomMetadata, 'denom_metadata', stringKey, protoValue(Metadata)),
    params: s.item(KEY.params, 'params', protoValue(Params)),
  };
}

/** A balance's key inside the bank store (for proofs of /store/bank/key queries). */
export const balanceKey = (addr: Uint8Array, denom: string) =>
  Uint8Array.from([KEY.balance, ...balanceKeyCodec.encode([addr, denom])]);
