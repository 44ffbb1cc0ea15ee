// Stateless checks of a task's input tensors and a provider's result against the model's declared spec: count,
// dtype, rank, fixed dimensions, a consistent batch dimension, byte lengths and bool bytes. Each failure is a coded
// error, the same on every node.
import type { ModelSpec } from '../../proto/gen/aichain/models/v1/types.js';
import type { Result, Tensor } from '../../proto/gen/aichain/tasks/v1/types.js';
import { tasksErrors } from './errors.js';

/** Bytes per element of each dtype the runner accepts (native/onnx/dtypes.ts, by the same names). */
export const DTYPE_BYTES: Readonly<Record<string, bigint>> = {
  float32: 4n,
  float64: 8n,
  int64: 8n,
  int32: 4n,
  int8: 1n,
  uint8: 1n,
  bool: 1n,
};
const MAX_DIM = 1n << 31n;
/** The most values a result may carry (its tx is bounded by the block size anyway; this keeps checks cheap). */
export const MAX_RESULT_VALUES = 1n << 20n;
const DYNAMIC = -1n;

export interface InputSummary {
  /** The batch size (the first dimension of inputs whose declared first dimension is dynamic), if any. */
  batch: bigint | undefined;
  bytes: bigint;
}

const product = (dims: readonly bigint[]) => dims.reduce((a, d) => a * d, 1n);

/** Checks the inputs against the model's declared inputs and the size cap. */
export function checkInputs(spec: ModelSpec, inputs: readonly Tensor[], maxBytes: bigint): InputSummary {
  const bad = tasksErrors.badInput;
  if (inputs.length !== spec.inputs.length)
    throw bad(`the model takes ${spec.inputs.length} input tensor(s); got ${inputs.length}`);
  let batch: bigint | undefined;
  let total = 0n;
  inputs.forEach((t, i) => {
    const d = spec.inputs[i];
    const where = `input ${i} ('${d.name}')`;
    if (t.dtype !== d.dtype) throw bad(`${where}: dtype ${JSON.stringify(t.dtype)}, the model expects ${d.dtype}`);
    if (t.shape.length !== d.shape.length)
      throw bad(`${where}: rank ${t.shape.length}, the model expects ${d.shape.length}`);
    t.shape.forEach((n, j) => {
      if (n < 1n || n > MAX_DIM) throw bad(`${where}: dimension ${j} is ${n}`);
      if (d.shape[j] !== DYNAMIC && d.shape[j] !== n)
        throw bad(`${where}: dimension ${j} is ${n}, the model expects ${d.shape[j]}`);
    });
    if (d.shape.length > 0 && d.shape[0] === DYNAMIC) {
      if (batch !== undefined && batch !== t.shape[0])
        throw bad(`${where}: batch ${t.shape[0]}, other inputs have ${batch}`);
      batch = t.shape[0];
    }
    const bytes = product(t.shape) * DTYPE_BYTES[t.dtype];
    total += bytes;
    if (total > maxBytes) throw tasksErrors.inputTooLarge(`${total} bytes > ${maxBytes}`);
    if (BigInt(t.data.length) !== bytes) throw bad(`${where}: ${t.data.length} bytes, shape and dtype need ${bytes}`);
    if (t.dtype === 'bool' && t.data.some((b) => b > 1)) throw bad(`${where}: bool bytes must be 0 or 1`);
  });
  return { batch, bytes: total };
}

/**
 * Checks a result against the model's declared outputs: one tensor per output with its name and dtype, the declared
 * rank and fixed dimensions, a dynamic first dimension equal to the inputs' batch, and exactly as many values as the
 * shapes hold.
 */
export function checkResult(spec: ModelSpec, batch: bigint | undefined, r: Result | undefined): void {
  const bad = tasksErrors.badResult;
  if (!r) throw bad('no result');
  if (r.tensors.length !== spec.outputs.length)
    throw bad(`the model has ${spec.outputs.length} output(s); the result has ${r.tensors.length}`);
  let want = 0n;
  r.tensors.forEach((t, i) => {
    const d = spec.outputs[i];
    const where = `output ${i} ('${d.name}')`;
    if (t.name !== d.name) throw bad(`${where}: named ${JSON.stringify(t.name)}`);
    if (t.dtype !== d.dtype) throw bad(`${where}: dtype ${JSON.stringify(t.dtype)}, the model declares ${d.dtype}`);
    if (t.shape.length !== d.shape.length)
      throw bad(`${where}: rank ${t.shape.length}, the model declares ${d.shape.length}`);
    t.shape.forEach((n, j) => {
      if (n < 1n || n > MAX_DIM) throw bad(`${where}: dimension ${j} is ${n}`);
      if (d.shape[j] !== DYNAMIC && d.shape[j] !== n)
        throw bad(`${where}: dimension ${j} is ${n}, the model declares ${d.shape[j]}`);
      if (j === 0 && d.shape[0] === DYNAMIC && batch !== undefined && n !== batch)
        throw bad(`${where}: batch ${n}, the inputs have ${batch}`);
    });
    want += product(t.shape);
    if (want > MAX_RESULT_VALUES) throw bad(`more than ${MAX_RESULT_VALUES} values`);
  });
  if (BigInt(r.values.length) !== want) throw bad(`${r.values.length} values, the shapes hold ${want}`);
}

/** Whether the model's inputs have a dynamic batch (first) dimension. */
export function hasBatch(model: { spec?: ModelSpec }): boolean {
  return model.spec?.inputs.some((d) => d.shape.length > 0 && d.shape[0] === DYNAMIC) ?? false;
}
