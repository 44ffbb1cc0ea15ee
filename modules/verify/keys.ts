// The verification module's state: one byte per collection under the module's store prefix (0x09; none retired).
// Task ids and heights are u64 big-endian, so the queue and the fault window iterate in numeric order.
import { Params, ProviderRecord, QueueEntry, Record } from '../../proto/gen/aichain/verify/v1/types.js';
import { addressKey, protoValue, Schema, stringKey, tupleKey, u64Key } from '../../chain/store/collections/index.js';

export const KEY = {
  params: 0x01, // 0x01 -> aichain.verify.v1.Params
  queue: 0x02, // 0x02 | task id(u64) -> aichain.verify.v1.QueueEntry; results awaiting the validators' reports
  records: 0x03, // 0x03 | task id(u64) -> aichain.verify.v1.Record; verification outcomes
  providers: 0x04, // 0x04 | provider address -> aichain.verify.v1.ProviderRecord; sets the sampling rate
  faults: 0x05, // 0x05 | len(1) consensus address | height(u64) | task id(u64) -> empty; inference faults in the window
} as const;

export function verifyState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  return {
    params: s.item(KEY.params, 'params', protoValue(Params)),
    queue: s.map(KEY.queue, 'queue', u64Key, protoValue(QueueEntry)),
    records: s.map(KEY.records, 'records', u64Key, protoValue(Record)),
    providers: s.map(KEY.providers, 'providers', stringKey, protoValue(ProviderRecord)),
    faults: s.keySet(KEY.faults, 'faults', tupleKey(addressKey, u64Key, u64Key)),
  };
}
