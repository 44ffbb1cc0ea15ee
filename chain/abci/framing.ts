// ABCI socket framing (CometBFT v0.38): every message is an unsigned LEB128 varint byte length, then that many bytes
// of protobuf. Not the zigzag varint of v0.34 and older. TCP delivers frames split across packets and several per
// packet, so FrameDecoder buffers and yields every complete frame it has.

/** Largest frame accepted by default: far above any sane ABCI message, small enough to stop a bogus length early. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** A uvarint longer than this is malformed (a uint64 takes at most 10 bytes). */
const MAX_VARINT_BYTES = 10;

export type FramingErrorCode = 'FRAME_TOO_LARGE' | 'VARINT_TOO_LONG' | 'VARINT_TOO_LARGE' | 'DECODER_FAILED';

/** The byte stream cannot be framed; the connection carrying it must be closed. */
export class FramingError extends Error {
  /** Frames that were complete in the same push before the bad bytes: they are valid and still to be handled. */
  framesBefore: Uint8Array[] = [];
  constructor(
    readonly code: FramingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FramingError';
  }
}

/** Unsigned LEB128 encoding of a non-negative safe integer. */
export function encodeUvarint(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`uvarint must be a non-negative safe integer, got ${n}`);
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Uint8Array.from(out);
}

/** Result of reading a uvarint at the front of some bytes: its value and how many bytes it took. */
export interface Uvarint {
  value: number;
  bytes: number;
}

/**
 * Reads a uvarint from `bytes` starting at `offset`. Returns undefined if the bytes end before the varint does;
 * throws FramingError if it is over-long or above `max` (checked byte by byte, so a bogus length fails early).
 */
export function decodeUvarint(bytes: Uint8Array, offset = 0, max = Number.MAX_SAFE_INTEGER): Uvarint | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; offset + i < bytes.length; i++) {
    if (i >= MAX_VARINT_BYTES)
      throw new FramingError('VARINT_TOO_LONG', `length prefix is longer than ${MAX_VARINT_BYTES} bytes`);
    const b = bytes[offset + i];
    value += (b & 0x7f) * scale; // multiplication, not shifts: shifts wrap at 32 bits
    if (value > Number.MAX_SAFE_INTEGER) throw new FramingError('VARINT_TOO_LARGE', 'length prefix exceeds 2^53');
    if (value > max)
      throw new FramingError('FRAME_TOO_LARGE', `frame length ${value} exceeds the maximum of ${max} bytes`);
    if ((b & 0x80) === 0) return { value, bytes: i + 1 };
    scale *= 0x80;
  }
  if (bytes.length - offset >= MAX_VARINT_BYTES) {
    throw new FramingError('VARINT_TOO_LONG', `length prefix is longer than ${MAX_VARINT_BYTES} bytes`);
  }
  return undefined;
}

/** One message with its length prefix, ready for the wire. */
export function encodeFrame(message: Uint8Array): Uint8Array {
  const prefix = encodeUvarint(message.length);
  const out = new Uint8Array(prefix.length + message.length);
  out.set(prefix, 0);
  out.set(message, prefix.length);
  return out;
}

/**
 * Incremental frame decoder for one connection. push() takes whatever bytes arrived and returns every frame now
 * complete (possibly none). If it throws a FramingError, the frames before the bad bytes are in its `framesBefore`;
 * the stream is out of sync for good and every later push throws too.
 * PERF: each byte is copied at most once (only when a frame spans chunks), so a large frame sent in small pieces
 * costs O(size), not O(size²).
 */
export class FrameDecoder {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private need: number | undefined; // body length of the frame being collected, once its prefix is read
  private failed: FramingError | undefined;

  constructor(readonly maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES) {
    if (!Number.isSafeInteger(maxFrameBytes) || maxFrameBytes < 0)
      throw new RangeError(`bad maxFrameBytes ${maxFrameBytes}`);
  }

  /** Bytes received but not yet returned as part of a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** True when the stream stopped between frames (nothing buffered, no length prefix awaiting its body). */
  get atFrameBoundary(): boolean {
    return this.buffered === 0 && this.need === undefined;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failed) throw new FramingError('DECODER_FAILED', `stream already failed: ${this.failed.message}`);
    if (chunk.length) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Uint8Array[] = [];
    try {
      for (;;) {
        if (this.need === undefined) {
          const prefix = decodeUvarint(this.peek(Math.min(this.buffered, MAX_VARINT_BYTES)), 0, this.maxFrameBytes);
          if (!prefix) break;
          this.take(prefix.bytes);
          this.need = prefix.value;
        }
        if (this.buffered < this.need) break;
        frames.push(this.take(this.need));
        this.need = undefined;
      }
    } catch (err) {
      if (err instanceof FramingError) {
        this.failed = err;
        err.framesBefore = frames;
      }
      throw err;
    }
    return frames;
  }

  /** The first n buffered bytes, without consuming them (n is small: only used for the length prefix). */
  private peek(n: number): Uint8Array {
    if (this.chunks.length && this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) {
      if (at >= n) break;
      const part = c.subarray(0, n - at);
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  /** Removes and returns the first n buffered bytes (n <= buffered). Zero-copy when they lie in one chunk. */
  private take(n: number): Uint8Array {
    this.buffered -= n;
    const first = this.chunks[0];
    if (n === 0) return new Uint8Array(0);
    if (first.length > n) {
      this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    if (first.length === n) {
      this.chunks.shift();
      return first;
    }
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0];
      const part = c.subarray(0, n - at);
      out.set(part, at);
      at += part.length;
      if (part.length === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(part.length);
    }
    return out;
  }
}

/** Splits a complete byte string of frames (e.g. a recorded stream) into its messages; throws if it ends mid-frame. */
export function splitFrames(bytes: Uint8Array, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): Uint8Array[] {
  const decoder = new FrameDecoder(maxFrameBytes);
  const frames = decoder.push(bytes);
  if (!decoder.atFrameBoundary) throw new FramingError('DECODER_FAILED', 'stream ends inside a frame');
  return frames;
}
