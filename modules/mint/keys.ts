// The mint module's state: one byte per collection under the module's store prefix (none retired yet).
import { Params } from '../../proto/gen/aichain/mint/v1/types.js';
import { protoValue, Schema } from '../../chain/store/collections/index.js';

export const KEY = {
  params: 0x01, // 0x01 -> aichain.mint.v1.Params (was fields 1–2 of distribution's params)
} as const;

export function mintState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  return { params: s.item(KEY.params, 'params', protoValue(Params)) };
}
