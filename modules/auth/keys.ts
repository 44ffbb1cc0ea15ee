// The auth module's state: one byte per collection under the module's store prefix (a retired number is never
// reused; none retired yet).
import { Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { FeeParams } from '../../proto/gen/aichain/auth/v1/params.js';
import { bytesKey, protoValue, Schema } from '../../chain/store/collections/index.js';
import { accountValue } from './account.js';

export const KEY = {
  account: 0x01, // 0x01 | address bytes (not length-prefixed: the whole rest of the key) -> Any(BaseAccount | ModuleAccount)
  nextAccountNumber: 0x02, // 0x02 -> uint64 BE
  params: 0x03, // 0x03 -> cosmos.auth.v1beta1.Params
  feeParams: 0x04, // 0x04 -> aichain.auth.v1.FeeParams
} as const;

export function authState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  return {
    accounts: s.map(KEY.account, 'accounts', bytesKey, accountValue),
    nextAccountNumber: s.sequence(KEY.nextAccountNumber, 'next_account_number'),
    params: s.item(KEY.params, 'params', protoValue(Params)),
    feeParams: s.item(KEY.feeParams, 'fee_params', protoValue(FeeParams)),
  };
}
