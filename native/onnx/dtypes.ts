// The tensor element types the runner accepts, and their mapping to ONNX's TensorProto.DataType numbers.
// Deliberately small: types whose bytes and arithmetic are well defined on every CPU (no float16/bfloat16, strings,
// complex or unsigned 16/32/64-bit types).

export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool';

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int64', 'int32', 'int8', 'uint8', 'bool'];

/** ONNX TensorProto.DataType numbers (onnx.proto). */
export const ONNX_ELEM: Record<DType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
};

const BY_ELEM = new Map<number, DType>(Object.entries(ONNX_ELEM).map(([k, v]) => [v, k as DType]));

/** The DType of an ONNX element-type number, or undefined when the runner does not accept it. */
export function dtypeOfOnnx(elem: number): DType | undefined {
  return BY_ELEM.get(elem);
}

export const BYTES_PER_ELEMENT: Record<DType, number> = {
  float32: 4,
  float64: 8,
  int64: 8,
  int32: 4,
  int8: 1,
  uint8: 1,
  bool: 1,
};

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

/** Bytes per element of any ONNX element type (for parameter/size accounting); 0 for variable-size strings. */
export function onnxElemSize(elem: number): number {
  switch (elem) {
    case 1:
    case 6:
    case 12:
      return 4; // float, int32, uint32
    case 2:
    case 3:
    case 9:
      return 1; // uint8, int8, bool
    case 4:
    case 5:
    case 10:
    case 16:
      return 2; // uint16, int16, float16, bfloat16
    case 7:
    case 11:
    case 13:
    case 14:
      return 8; // int64, double, uint64, complex64
    case 15:
      return 16; // complex128
    default:
      return 0;
  }
}
