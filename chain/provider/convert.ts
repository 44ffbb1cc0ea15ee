// Between the task market's protobuf shapes and the runner's: a task's input tensors (shape as u64) become runner
// tensors, and a canonical output becomes the Result a provider submits (shapes as u64, values unchanged).
import type { Result, Tensor } from '../../proto/gen/aichain/tasks/v1/types.js';
import type { CanonicalOutput } from '../../native/onnx/canonical.js';
import type { TensorInput } from '../../native/onnx/tensor.js';
import type { DType } from '../../native/onnx/dtypes.js';

/** The runner checks dtype and shape against the model itself, so a bad tensor is a coded run error, not a throw. */
export const runnerInputs = (inputs: readonly Tensor[]): TensorInput[] =>
  inputs.map((t) => ({ dtype: t.dtype as DType, shape: t.shape.map(Number), data: t.data }));

export const resultOf = (out: CanonicalOutput): Result => ({
  tensors: out.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(BigInt) })),
  values: out.values,
});
