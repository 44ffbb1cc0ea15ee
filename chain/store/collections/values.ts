// Value codecs: protobuf messages (any ts-proto / cosmjs-types codec) and the few scalars stored raw. The scalar
// formats are the ones the modules already wrote, byte for byte (bank amounts as decimal ASCII, counters as u64 BE).
import { CollectionError } from './bytes.js';

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

const enc = new TextEncoder();
const dec = new TextDecoder();
const INT = /^-?(0|[1-9][0-9]*)$/;
/** A bigint as its decimal ASCII digits (how bank stores balances and supply). */
export const decimalValue: ValueCodec<bigint> = {
  name: 'decimal',
  encode: (v) => enc.encode(v.toString()),
  decode(b) {
    const s = dec.decode(b);
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
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v);
    return b;
  },
  decode(b) {
    if (b.length !== 8) throw new CollectionError(`stored u64 has ${b.length} bytes`);
    return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
  },
};

/** Bytes as they are (e.g. a model's ONNX file). */
export const bytesValue: ValueCodec<Uint8Array> = { name: 'bytes', encode: (v) => v, decode: (b) => b };
