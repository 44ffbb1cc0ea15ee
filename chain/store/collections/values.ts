// Value codecs: protobuf messages (any ts-proto / cosmjs-types codec) and the few scalars stored raw. The scalar
// formats are the ones the modules already wrote, byte for byte (bank amounts as decimal ASCII, counters as u64 BE).
import { fromUtf8, readU64, u64, utf8 } from '../bytes.js';
import { CollectionError } from './errors.js';

export interface ValueCodec<V> {
  readonly name: string;
  encode(v: V): Uint8Array;
  decode(b: Uint8Array): V;
}

/** What ts-proto and cosmjs-types generate for every message. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

export function protoValue<T>(codec: MessageCodec<T>, name = 'message'): ValueCodec<T> {
  return { name, encode: (v) => codec.encode(v).finish(), decode: (b) => codec.decode(b) };
}

const INT = /^-?(0|[1-9][0-9]*)$/;
/** A bigint as its decimal ASCII digits (how bank stores balances and supply). */
export const decimalValue: ValueCodec<bigint> = {
  name: 'decimal',
  encode: (v) => utf8(v.toString()),
  decode(b) {
    const s = fromUtf8(b);
    if (!INT.test(s)) throw new CollectionError(`stored decimal ${JSON.stringify(s.slice(0, 80))} is not an integer`);
    return BigInt(s);
  },
};

const U64_MAX = (1n << 64n) - 1n;
/** An unsigned 64-bit integer, 8 bytes big-endian (counters, powers). */
export const u64Value: ValueCodec<bigint> = {
  name: 'u64',
  encode(v) {
    if (v < 0n || v > U64_MAX) throw new CollectionError(`u64 value ${v} out of range`);
    return u64(v);
  },
  decode(b) {
    if (b.length !== 8) throw new CollectionError(`stored u64 has ${b.length} bytes`);
    return readU64(b);
  },
};

/** Bytes as they are (e.g. a model's ONNX file). */
export const bytesValue: ValueCodec<Uint8Array> = { name: 'bytes', encode: (v) => v, decode: (b) => b };
