// Canonical outputs: what validators put in vote extensions and what every comparison downstream sees.
// Floats become integers round(x · 2^scaleBits); integer outputs pass through; everything is a bigint.
//
// Rounding is half away from zero, done exactly: y = x · 2^scaleBits is exact in float64 (a power-of-two product
// only moves the exponent, and float32/float64 inputs fit float64's 53-bit significand), t = trunc(y) is exact,
// and y − t is exact (the fraction of a float is representable), so comparing |y − t| with 0.5 is exact too.
// Nothing passes through a lossy path (no Math.round, no y + 0.5).
import type { DType } from './dtypes.js';
import { sha256Hex } from '../../chain/store/bytes.js';

export const MAX_SCALE_BITS = 32;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

export interface CanonicalTensor {
  name: string;
  dtype: DType;
  shape: number[];
}

export interface CanonicalOutput {
  /** Each output's name, dtype (before canonicalisation) and shape, in the model's declared order. */
  tensors: CanonicalTensor[];
  /** All outputs' elements concatenated in declared order, row-major. Every value fits int64. */
  values: bigint[];
  /** sha256 hex of canonicalEncoding(shapes, values). */
  sha256: string;
}

export type CanonicalErrorCode = 'NON_FINITE' | 'OUT_OF_RANGE' | 'BAD_SCALE';
export type Canonicalised<T> = { ok: true; value: T } | { ok: false; code: CanonicalErrorCode; message: string };

export function validScaleBits(s: number): boolean {
  return Number.isInteger(s) && s >= 0 && s <= MAX_SCALE_BITS;
}

/** round(x · 2^scaleBits), half away from zero; undefined for NaN/±Inf or results outside int64. */
export function roundScaled(x: number, scaleBits: number): bigint | undefined {
  if (!Number.isFinite(x)) return undefined;
  const y = x * 2 ** scaleBits;
  if (!Number.isFinite(y)) return undefined;
  const t = Math.trunc(y);
  if (Math.abs(t) >= 2 ** 63) return undefined;
  // |t| < 2^63, so BigInt(t) is exact; for |y| ≥ 2^52, y is an integer and the fraction is 0.
  let r = BigInt(t);
  const frac = y - t;
  if (frac >= 0.5) r += 1n;
  else if (frac <= -0.5) r -= 1n;
  return r >= INT64_MIN && r <= INT64_MAX ? r : undefined;
}

type OutData = Float32Array | Float64Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

/** Appends one output's canonical values to `into`; an error result on NaN/Inf or int64 overflow. */
export function canonicaliseInto(
  into: bigint[],
  name: string,
  dtype: DType,
  data: OutData,
  scaleBits: number,
): Canonicalised<void> {
  if (!validScaleBits(scaleBits))
    return {
      ok: false,
      code: 'BAD_SCALE',
      message: `scale_bits ${scaleBits} is not an integer in 0..${MAX_SCALE_BITS}`,
    };
  if (dtype === 'float32' || dtype === 'float64') {
    for (let i = 0; i < data.length; i++) {
      const x = data[i] as number;
      const r = roundScaled(x, scaleBits);
      if (r === undefined) {
        return Number.isFinite(x)
          ? {
              ok: false,
              code: 'OUT_OF_RANGE',
              message: `output '${name}'[${i}] = ${x} · 2^${scaleBits} does not fit int64`,
            }
          : { ok: false, code: 'NON_FINITE', message: `output '${name}'[${i}] is ${x}` };
      }
      into.push(r);
    }
  } else if (dtype === 'int64') {
    for (const v of data as BigInt64Array) into.push(v);
  } else {
    for (let i = 0; i < data.length; i++) into.push(BigInt(data[i] as number));
  }
  return { ok: true, value: undefined };
}

/**
 * The hashed encoding, all big-endian:
 *   u32 tensor count, then per tensor: u32 rank, u32 dims…;
 *   then a u64 value count, then each value as an int64 (two's complement).
 * Names and dtypes are not hashed: the model id fixes them.
 */
export function canonicalEncoding(shapes: number[][], values: bigint[]): Uint8Array {
  const headerLen = 4 + shapes.reduce((a, s) => a + 4 + 4 * s.length, 0) + 8;
  const out = new Uint8Array(headerLen + 8 * values.length);
  const dv = new DataView(out.buffer);
  let o = 0;
  dv.setUint32(o, shapes.length);
  o += 4;
  for (const s of shapes) {
    dv.setUint32(o, s.length);
    o += 4;
    for (const d of s) {
      dv.setUint32(o, d);
      o += 4;
    }
  }
  dv.setBigUint64(o, BigInt(values.length));
  o += 8;
  for (const v of values) {
    dv.setBigInt64(o, v);
    o += 8;
  }
  return out;
}

export function canonicalHash(shapes: number[][], values: bigint[]): string {
  return sha256Hex(canonicalEncoding(shapes, values));
}

/**
 * The inverse of roundScaled for display: v / 2^scaleBits as the nearest float64 (Number(v) rounds to nearest, and
 * dividing by a power of two is exact), so a canonical value of a float output reads back within 2^-(scaleBits+1)
 * of what the model computed.
 */
export function fromScaled(v: bigint, scaleBits: number): number {
  if (!validScaleBits(scaleBits))
    throw new RangeError(`scale_bits ${scaleBits} is not an integer in 0..${MAX_SCALE_BITS}`);
  return Number(v) / 2 ** scaleBits;
}

export interface DecodedTensor {
  name: string;
  dtype: string;
  shape: number[];
  /** Float outputs as floats (value / 2^scaleBits); integer and bool outputs as they are (they were not scaled). */
  values: number[];
}

/**
 * Splits a canonical output (all tensors' values concatenated in declared order) back into its tensors and decodes
 * each: what canonicaliseInto scaled comes back as floats, the rest as integers. Shapes may be numbers or the
 * chain's uint64 bigints; a count that does not match the shapes throws.
 */
export function decodeCanonical(
  tensors: ReadonlyArray<{ name: string; dtype: string; shape: ReadonlyArray<number | bigint> }>,
  values: readonly bigint[],
  scaleBits: number,
): DecodedTensor[] {
  let at = 0;
  const out = tensors.map((t) => {
    const shape = t.shape.map(Number);
    const n = shape.reduce((a, d) => a * d, 1);
    if (at + n > values.length) throw new RangeError(`the shapes hold more than ${values.length} values`);
    const slice = values.slice(at, at + n);
    at += n;
    const scaled = t.dtype === 'float32' || t.dtype === 'float64';
    return {
      name: t.name,
      dtype: t.dtype,
      shape,
      values: slice.map((v) => (scaled ? fromScaled(v, scaleBits) : Number(v))),
    };
  });
  if (at !== values.length) throw new RangeError(`${values.length} values, the shapes hold ${at}`);
  return out;
}
