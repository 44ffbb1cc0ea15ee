// The models module's state: one byte per collection under the module's store prefix (a retired number is never
// reused; none retired yet). Ids are 32-byte sha256 digests stored raw in keys (hex in the API); unlock times are
// big-endian so the unlock queue iterates in time order.
import { BondKind, Dataset, Model, Params, Status } from '../../proto/gen/aichain/models/v1/types.js';
import {
  bytesValue,
  hexKey,
  index,
  protoValue,
  Schema,
  tupleKey,
  u64Key,
  u8Key,
} from '../../chain/store/collections/index.js';

export const KEY = {
  model: 0x01, // 0x01 | id(32) -> aichain.models.v1.Model
  modelBytes: 0x02, // 0x02 | id(32) -> the ONNX bytes
  dataset: 0x03, // 0x03 | id(32) -> aichain.models.v1.Dataset
  unlockQueue: 0x04, // 0x04 | unlock_time(u64 BE) | kind(1) | id(32) -> empty; index of retired records still bonded
  params: 0x05, // 0x05 -> aichain.models.v1.Params
} as const;

export const ID_BYTES = 32;
const ID_RE = /^[0-9a-f]{64}$/;
export const isId = (id: string): boolean => ID_RE.test(id);

/** A record waits in the unlock queue exactly while it is retired and still holds a bond. */
export function unlockEntry(
  kind: BondKind,
  r: { id: string; status: Status; bond?: { amount: string }; unlockTime: bigint },
): [bigint, number, string] | undefined {
  return r.status === Status.STATUS_RETIRED && BigInt(r.bond?.amount ?? '0') > 0n
    ? [r.unlockTime, kind, r.id]
    : undefined;
}

export function modelsState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  const id = hexKey(ID_BYTES);
  const unlockQueue = s.keySet(KEY.unlockQueue, 'unlock_queue', tupleKey(u64Key, u8Key, id));
  return {
    models: s.indexedMap(KEY.model, 'models', id, protoValue(Model), [
      index(unlockQueue, (_, m: Model) => unlockEntry(BondKind.BOND_KIND_MODEL, m)),
    ]),
    modelBytes: s.map(KEY.modelBytes, 'model_bytes', id, bytesValue),
    datasets: s.indexedMap(KEY.dataset, 'datasets', id, protoValue(Dataset), [
      index(unlockQueue, (_, d: Dataset) => unlockEntry(BondKind.BOND_KIND_DATASET, d)),
    ]),
    unlockQueue,
    params: s.item(KEY.params, 'params', protoValue(Params)),
  };
}
