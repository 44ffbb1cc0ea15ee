// The runner's two engines behind one API:
// - 'consensus': onnxruntime-web's WebAssembly backend, pinned (wasm-profile.ts). The same bits on every CPU, so it
//   computes every value that enters state or is compared between machines: validators' reports, challenge re-runs,
//   `exact` comparisons, output hashes, `aichain infer` by default.
// - 'native': onnxruntime-node (profile.ts). Faster on large models, deterministic on one CPU only: a provider's fast
//   path for `tolerance` and `argmax` models, whose results the chain compares with the canonical ones by that rule.
import type * as Ort from 'onnxruntime-node';
import { loadNativeOrt, nativeSessionOptions, type OrtModule } from './profile.js';
import { loadWasmOrt, wasmSessionOptions } from './wasm-profile.js';

export type EngineKind = 'consensus' | 'native';
export const ENGINE_KINDS: readonly EngineKind[] = ['consensus', 'native'];
export const isEngineKind = (x: unknown): x is EngineKind => x === 'consensus' || x === 'native';

export interface Engine {
  kind: EngineKind;
  ort: OrtModule;
  sessionOptions(): Ort.InferenceSession.SessionOptions;
}

/** Loads an engine's runtime; throws OnnxEnvironmentError when the local environment cannot run it. */
export async function loadEngine(kind: EngineKind): Promise<Engine> {
  return kind === 'consensus'
    ? { kind, ort: await loadWasmOrt(), sessionOptions: wasmSessionOptions }
    : { kind, ort: loadNativeOrt(), sessionOptions: nativeSessionOptions };
}
