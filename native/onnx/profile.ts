// The native engine's profile: onnxruntime-node, the one place that loads it. Deterministic on one CPU but not across
// CPUs (DESIGN §6: FMA and non-FMA kernels differ in the last bits), so it is the providers' fast path for `tolerance`
// and `argmax` models only; canonical results come from the consensus engine (wasm-profile.ts).
//
// Graph optimisation level: 'disabled'. Measured on this machine (onnxruntime-node 1.30, AMD EPYC with AVX-512, one
// thread, sequential), 200 runs per level and two separate processes, an MLP (MatMul/Add/Relu/Softmax) and a CNN
// (Conv/BatchNormalization/Relu/MaxPool/Flatten/MatMul/Gelu):
//   - every level ('disabled', 'basic', 'extended', 'all') is bit-identical run to run, across processes, and
//     between batch 1 and batch 8;
//   - the MLP gives the same bits at every level, but the CNN's bits change between levels (53 of 80 outputs differ
//     between 'disabled' and 'basic', which folds BatchNormalization into Conv; 'all' differs again; max |d| ≈ 2e-6).
// So the level is pinned. 'disabled' runs exactly the registered graph: no fusions, and none of the
// layout rewrites of 'all' that depend on the host's instruction set (NCHWc blocking differs between AVX2 and
// AVX-512), so two validators differ at most by their kernels, which the tolerance rules absorb.
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import type * as Ort from 'onnxruntime-node';
import { OnnxEnvironmentError } from './errors.js';

/** The part of an ONNX Runtime package the runner uses; onnxruntime-node and onnxruntime-web share these types. */
export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;

export const NATIVE_GRAPH_OPTIMIZATION_LEVEL = 'disabled' as const;

/**
 * Session options of the native engine. A fresh object per call: ORT wraps the options in a Proxy that breaks on
 * frozen objects, and nobody can mutate a shared copy.
 */
export const nativeSessionOptions = (): Ort.InferenceSession.SessionOptions => ({
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: NATIVE_GRAPH_OPTIMIZATION_LEVEL,
  enableCpuMemArena: true,
  enableMemPattern: true,
  logSeverityLevel: 4, // fatal only: a hostile model's run errors become results, not stderr noise
  // Session config entries (onnxruntime_session_options_config_keys.h), flattened with '.' by the Node binding.
  extra: {
    session: {
      use_deterministic_compute: '1', // pick deterministic kernels where ORT has a choice
      set_denormal_as_zero: '0', // keep IEEE subnormals (the default, pinned)
      disable_cpu_ep_fallback: '0', // CPU is the only provider anyway
      allow_released_opsets_only: '1',
      intra_op: { allow_spinning: '0' }, // don't burn a core between runs: other work shares the machine
    },
    optimization: { enable_gelu_approximation: '0' },
  },
});

/** The ORT version both engines were measured with (onnxruntime-node and onnxruntime-web); another may round differently. */
export const PINNED_ORT_VERSION = '1.30.0';

let loaded: OrtModule | undefined;

/**
 * Loads onnxruntime-node (its native library included) once. Throws OnnxEnvironmentError naming the problem when it
 * cannot load, when its version differs from the pinned one, or on a big-endian host (task tensors are little-endian).
 */
export function loadNativeOrt(): OrtModule {
  if (!loaded) loaded = loadOrtFrom(createRequire(import.meta.url));
  return loaded;
}

/** loadNativeOrt's checks over a given `require` (tests inject a failing one). */
export function loadOrtFrom(req: (id: string) => unknown): OrtModule {
  if (endianness() !== 'LE') throw new OnnxEnvironmentError('the ONNX runner needs a little-endian host');
  let ort: OrtModule;
  try {
    ort = req('onnxruntime-node') as OrtModule;
  } catch (e) {
    throw new OnnxEnvironmentError(
      `onnxruntime-node's native library failed to load (${process.platform}/${process.arch}): ${(e as Error).message}`,
      { cause: e },
    );
  }
  const version = ort?.env?.versions?.node ?? ort?.env?.versions?.common;
  if (version !== PINNED_ORT_VERSION) {
    throw new OnnxEnvironmentError(
      `onnxruntime-node ${version} is installed; the consensus profile pins ${PINNED_ORT_VERSION}`,
    );
  }
  ort.env.logLevel = 'fatal'; // before the first session: ORT's own logger stays quiet; the runner logs results
  return ort;
}
