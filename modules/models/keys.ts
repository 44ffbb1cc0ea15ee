// Key layout of the models module's store (one-byte prefixes; a retired number is never reused). Ids are 32-byte
// sha256 digests stored raw in keys (hex in the API); times are big-endian so the unlock queue iterates in time order.
import { concatBytes, u64 } from '../../chain/types/kv-views.js';

export const KEY = {
  model: 0x01, // 0x01 | id(32) -> aichain.models.v1.Model
  modelBytes: 0x02, // 0x02 | id(32) -> the ONNX bytes
  dataset: 0x03, // 0x03 | id(32) -> aichain.models.v1.Dataset
  unlockQueue: 0x04, // 0x04 | unlock_time(u64 BE) | kind(1) | id(32) -> empty
  params: 0x05, // 0x05 -> aichain.models.v1.Params
} as const;

export const ID_BYTES = 32;
const ID_RE = /^[0-9a-f]{64}$/;

export const isId = (id: string): boolean => ID_RE.test(id);
export const idBytes = (id: string): Uint8Array => Uint8Array.from(Buffer.from(id, 'hex'));
export const idHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export const prefixOf = (k: number) => Uint8Array.of(k);
export const modelKey = (id: string) => concatBytes(prefixOf(KEY.model), idBytes(id));
export const modelBytesKey = (id: string) => concatBytes(prefixOf(KEY.modelBytes), idBytes(id));
export const datasetKey = (id: string) => concatBytes(prefixOf(KEY.dataset), idBytes(id));
export const paramsKey = prefixOf(KEY.params);
export const unlockKey = (time: bigint, kind: number, id: string) =>
  concatBytes(prefixOf(KEY.unlockQueue), u64(time), Uint8Array.of(kind), idBytes(id));
/** Exclusive end of the queue entries due at or before `time`. */
export const unlockDueEnd = (time: bigint) => concatBytes(prefixOf(KEY.unlockQueue), u64(time + 1n));
export function parseUnlockKey(k: Uint8Array): { time: bigint; kind: number; id: string } {
  const view = new DataView(k.buffer, k.byteOffset + 1, 8);
  return { time: view.getBigUint64(0), kind: k[9], id: idHex(k.subarray(10, 10 + ID_BYTES)) };
}
