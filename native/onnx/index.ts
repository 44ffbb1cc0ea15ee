// The deterministic ONNX runner's public surface (see runner.ts for the flow: check → load → validate → run →
// canonicalise; engine.ts for the two engines). The state machine never imports this (STYLE.md 1); the ABCI layer,
// providers and the CLI do.
export {
  OnnxRunner,
  type RunnerModel,
  type RunResult,
  type RunnerErrorCode,
  type OnnxRunnerOptions,
} from './runner.js';
export {
  checkModel,
  checkSpec,
  tryCheckModel,
  ModelCheckError,
  DEFAULT_LIMITS,
  ALLOWED_OPS,
  IR_VERSION_RANGE,
  OPSET_RANGE,
  type ModelCheckCode,
  type ModelLimits,
  type ModelSummary,
  type ModelSpec,
  type IoSpec,
  type Dim,
} from './check.js';
export {
  checkInput,
  tensorFrom,
  DEFAULT_MAX_INPUT_BYTES,
  type TensorInput,
  type TaskInput,
  type InputErrorCode,
} from './tensor.js';
export {
  roundScaled,
  fromScaled,
  decodeCanonical,
  canonicalEncoding,
  canonicalHash,
  validScaleBits,
  MAX_SCALE_BITS,
  type CanonicalOutput,
  type CanonicalTensor,
  type CanonicalErrorCode,
  type DecodedTensor,
} from './canonical.js';
export { compare, argmax, maxAbsDiff, float32UlpUnits, type CompareRule, type CompareResult } from './compare.js';
export { OnnxEnvironmentError } from './errors.js';
export { loadEngine, isEngineKind, ENGINE_KINDS, type Engine, type EngineKind } from './engine.js';
export { checkEngineForRule, type EngineCheck } from './engine-policy.js';
export { nativeSessionOptions, loadNativeOrt, NATIVE_GRAPH_OPTIMIZATION_LEVEL, PINNED_ORT_VERSION } from './profile.js';
export { wasmSessionOptions, loadWasmOrt, WASM_GRAPH_OPTIMIZATION_LEVEL, PINNED_WASM_SHA256 } from './wasm-profile.js';
export { assertWasmEnvironment, NO_RELAXED_SIMD_FLAG } from './wasm-guards.js';
export { DTYPES, isDType, type DType } from './dtypes.js';
