// Task input tensors: a dtype, a shape and little-endian raw bytes, checked against the model's declared inputs
// before anything reaches ONNX Runtime. Every problem is a coded result, never a throw: a bad tensor fails its task
// the same way on every node.
import { BYTES_PER_ELEMENT, isDType, type DType } from './dtypes.js';
import type { IoSpec } from './check.js';

export interface TensorInput {
  dtype: DType;
  shape: number[];
  /** Little-endian raw element bytes, row-major. */
  data: Uint8Array;
}

/** One tensor for a single-input model, or one per declared input in declared order. */
export type TaskInput = TensorInput | TensorInput[];

export type InputErrorCode =
  | 'BAD_INPUT_COUNT'
  | 'BAD_DTYPE'
  | 'BAD_SHAPE'
  | 'BAD_BYTE_LENGTH'
  | 'BAD_BOOL'
  | 'INPUT_TOO_LARGE';

export type InputCheck =
  | { ok: true; tensors: TensorInput[]; batch: number | undefined }
  | { ok: false; code: InputErrorCode; message: string };

/** Cap on one task's total input bytes; the chain's task module has its own (smaller) tx-size bound. */
export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

const fail = (code: InputErrorCode, message: string): InputCheck => ({ ok: false, code, message });

/**
 * Checks a task's tensors against the declared inputs: count, dtype, rank, fixed dims, byte length, bool bytes in
 * {0,1}. A symbolic first dim (the batch) accepts any size ≥ 1; when several inputs have one, they must agree.
 * `batch` is that size (undefined when the model has no batch dim).
 */
export function checkInput(declared: IoSpec[], input: TaskInput, maxBytes = DEFAULT_MAX_INPUT_BYTES): InputCheck {
  const tensors = Array.isArray(input) ? input : [input];
  if (tensors.length !== declared.length) {
    return fail('BAD_INPUT_COUNT', `model takes ${declared.length} input tensor(s); got ${tensors.length}`);
  }
  let batch: number | undefined;
  let total = 0;
  for (let i = 0; i < tensors.length; i++) {
    const t = tensors[i];
    const d = declared[i];
    const where = `input '${d.name}'`;
    if (!t || typeof t !== 'object') return fail('BAD_DTYPE', `${where} is not a tensor`);
    if (!isDType(t.dtype)) return fail('BAD_DTYPE', `${where}: unknown dtype ${JSON.stringify(t.dtype)}`);
    if (t.dtype !== d.dtype) return fail('BAD_DTYPE', `${where}: dtype ${t.dtype}, the model expects ${d.dtype}`);
    if (!Array.isArray(t.shape) || !t.shape.every((x) => Number.isSafeInteger(x) && x >= 1)) {
      return fail('BAD_SHAPE', `${where}: shape must be a list of positive integers`);
    }
    if (t.shape.length !== d.shape.length) {
      return fail('BAD_SHAPE', `${where}: rank ${t.shape.length}, the model expects rank ${d.shape.length}`);
    }
    for (let j = 0; j < d.shape.length; j++) {
      const want = d.shape[j];
      if (typeof want === 'number' && t.shape[j] !== want) {
        return fail('BAD_SHAPE', `${where}: dim ${j} is ${t.shape[j]}, the model expects ${want}`);
      }
    }
    if (typeof d.shape[0] === 'string') {
      if (batch !== undefined && batch !== t.shape[0]) {
        return fail('BAD_SHAPE', `${where}: batch ${t.shape[0]} differs from the other inputs' ${batch}`);
      }
      batch = t.shape[0];
    }
    if (!(t.data instanceof Uint8Array)) return fail('BAD_BYTE_LENGTH', `${where}: data must be bytes`);
    // Overflow-safe: compare against the cap while multiplying.
    let bytes = BYTES_PER_ELEMENT[t.dtype];
    for (const x of t.shape) {
      bytes *= x;
      if (bytes > maxBytes) return fail('INPUT_TOO_LARGE', `${where}: more than ${maxBytes} bytes`);
    }
    total += bytes;
    if (total > maxBytes) return fail('INPUT_TOO_LARGE', `inputs total more than ${maxBytes} bytes`);
    if (t.data.length !== bytes) {
      return fail(
        'BAD_BYTE_LENGTH',
        `${where}: ${t.data.length} bytes, shape [${t.shape.join(', ')}] of ${t.dtype} needs ${bytes}`,
      );
    }
    if (t.dtype === 'bool' && t.data.some((b) => b > 1)) return fail('BAD_BOOL', `${where}: bool bytes must be 0 or 1`);
  }
  return { ok: true, tensors, batch };
}

/**
 * The typed array ORT wants for a dtype, over the little-endian bytes: a view when they are aligned (ORT only reads
 * inputs), an aligned copy otherwise.
 */
export function typedView(
  dtype: DType,
  data: Uint8Array,
): Float32Array | Float64Array | BigInt64Array | Int32Array | Int8Array | Uint8Array {
  const size = BYTES_PER_ELEMENT[dtype];
  const src = data.byteOffset % size === 0 ? data : data.slice();
  const n = src.byteLength / size;
  switch (dtype) {
    case 'float32':
      return new Float32Array(src.buffer, src.byteOffset, n);
    case 'float64':
      return new Float64Array(src.buffer, src.byteOffset, n);
    case 'int64':
      return new BigInt64Array(src.buffer, src.byteOffset, n);
    case 'int32':
      return new Int32Array(src.buffer, src.byteOffset, n);
    case 'int8':
      return new Int8Array(src.buffer, src.byteOffset, n);
    case 'uint8':
    case 'bool':
      return new Uint8Array(src.buffer, src.byteOffset, n);
  }
}

/** Builds a TensorInput from numbers (tests, the CLI's JSON input, the reference-model script). */
export function tensorFrom(dtype: DType, shape: number[], values: ArrayLike<number | bigint>): TensorInput {
  const n = shape.reduce((a, b) => a * b, 1);
  if (values.length !== n) throw new RangeError(`shape [${shape.join(', ')}] holds ${n} values; got ${values.length}`);
  const bytes = new Uint8Array(n * BYTES_PER_ELEMENT[dtype]);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    switch (dtype) {
      case 'float32':
        dv.setFloat32(i * 4, Number(v), true);
        break;
      case 'float64':
        dv.setFloat64(i * 8, Number(v), true);
        break;
      case 'int64':
        dv.setBigInt64(i * 8, BigInt(v), true);
        break;
      case 'int32':
        dv.setInt32(i * 4, Number(v), true);
        break;
      case 'int8':
        dv.setInt8(i, Number(v));
        break;
      case 'uint8':
      case 'bool':
        dv.setUint8(i, Number(v));
        break;
    }
  }
  return { dtype, shape, data: bytes };
}
