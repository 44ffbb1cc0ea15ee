// Key codecs: how a key value becomes bytes whose byte order is the order wanted (numbers big-endian). A codec is
// self-delimiting when it can be followed by another tuple component (fixed width, or length-prefixed); a terminal
// codec (raw bytes, a string) takes the rest of the key, so it may only be last.
import { bytesEqual, fromHex, readU64, toHex, u64, utf8 } from '../bytes.js';
import { CollectionError } from './errors.js';

export interface KeyCodec<K> {
  readonly name: string;
  readonly selfDelimiting: boolean;
  encode(k: K): Uint8Array;
  /** Reads one key starting at `offset`; returns it and the offset just after it. */
  read(b: Uint8Array, offset: number): [K, number];
  /** For error messages. */
  show(k: K): string;
}

/** Decodes a whole key; trailing bytes are corruption. */
export function decodeKey<K>(c: KeyCodec<K>, b: Uint8Array): K {
  const [k, end] = c.read(b, 0);
  if (end !== b.length) throw new CollectionError(`${c.name} key has ${b.length - end} trailing bytes`);
  return k;
}

/** A plain Uint8Array copy (stores may hand out Buffers; keys decoded here own their bytes). */
const copy = (b: Uint8Array, from: number, to: number): Uint8Array => new Uint8Array(b.subarray(from, to));

function need(b: Uint8Array, offset: number, n: number, what: string): void {
  if (offset + n > b.length) throw new CollectionError(`${what} key truncated (${b.length - offset} of ${n} bytes)`);
}

/** Raw bytes, the rest of the key (terminal). */
export const bytesKey: KeyCodec<Uint8Array> = {
  name: 'bytes',
  selfDelimiting: false,
  encode: (k) => k,
  read: (b, o) => [copy(b, o, b.length), b.length],
  show: toHex,
};

/** Bytes behind a one-byte length, as addresses are stored inside composite keys (self-delimiting). */
export const addressKey: KeyCodec<Uint8Array> = {
  name: 'address',
  selfDelimiting: true,
  encode(k) {
    if (k.length > 255) throw new CollectionError(`address key of ${k.length} bytes (max 255)`);
    const out = new Uint8Array(1 + k.length);
    out[0] = k.length;
    out.set(k, 1);
    return out;
  },
  read(b, o) {
    need(b, o, 1, 'address');
    const n = b[o];
    need(b, o + 1, n, 'address');
    return [copy(b, o + 1, o + 1 + n), o + 1 + n];
  },
  show: toHex,
};

/** Exactly `n` raw bytes (e.g. a 20-byte consensus address); self-delimiting. */
export function fixedBytesKey(n: number): KeyCodec<Uint8Array> {
  return {
    name: `bytes${n}`,
    selfDelimiting: true,
    encode(k) {
      if (k.length !== n) throw new CollectionError(`bytes${n} key of ${k.length} bytes`);
      return k;
    },
    read(b, o) {
      need(b, o, n, `bytes${n}`);
      return [copy(b, o, o + n), o + n];
    },
    show: toHex,
  };
}

const LOWER_HEX = /^[0-9a-f]*$/;
/** A lower-case hex string stored as its `n` raw bytes (e.g. a sha256 id); self-delimiting. */
export function hexKey(n: number): KeyCodec<string> {
  return {
    name: `hex${n}`,
    selfDelimiting: true,
    encode(k) {
      // Lower case only: one id, one key (Buffer would also take upper case, giving two spellings of a key).
      if (k.length !== 2 * n || !LOWER_HEX.test(k))
        throw new CollectionError(`hex${n} key ${JSON.stringify(k.slice(0, 80))}`);
      return fromHex(k);
    },
    read(b, o) {
      need(b, o, n, `hex${n}`);
      return [toHex(b.subarray(o, o + n)), o + n];
    },
    show: (k) => k,
  };
}

const U64_MAX = (1n << 64n) - 1n;
/** An unsigned 64-bit integer, big-endian so byte order is numeric order; self-delimiting. */
export const u64Key: KeyCodec<bigint> = {
  name: 'u64',
  selfDelimiting: true,
  encode(k) {
    if (k < 0n || k > U64_MAX) throw new CollectionError(`u64 key ${k} out of range`);
    return u64(k);
  },
  read(b, o) {
    need(b, o, 8, 'u64');
    return [readU64(b, o), o + 8];
  },
  show: String,
};

/** One byte 0..255 (e.g. an enum tag); self-delimiting. */
export const u8Key: KeyCodec<number> = {
  name: 'u8',
  selfDelimiting: true,
  encode(k) {
    if (!Number.isInteger(k) || k < 0 || k > 255) throw new CollectionError(`u8 key ${k} out of range`);
    return Uint8Array.of(k);
  },
  read(b, o) {
    need(b, o, 1, 'u8');
    return [b[o], o + 1];
  },
  show: String,
};

// Fatal: a stored key that is not UTF-8 is corruption, not a string with replacement characters.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** A UTF-8 string, the rest of the key (terminal), e.g. a denom. */
export const stringKey: KeyCodec<string> = {
  name: 'string',
  selfDelimiting: false,
  encode: (k) => utf8(k),
  read(b, o) {
    try {
      return [strictUtf8.decode(b.subarray(o)), b.length];
    } catch {
      throw new CollectionError('string key is not UTF-8');
    }
  },
  show: (k) => JSON.stringify(k),
};

/** Whether two keys encode to the same bytes (equal keys whatever their JS identity). */
export function sameKey<K>(codec: KeyCodec<K>, a: K, b: K): boolean {
  return bytesEqual(codec.encode(a), codec.encode(b));
}
