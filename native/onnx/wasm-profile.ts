// The consensus engine's pinned profile: onnxruntime-web's WebAssembly backend, the one place that loads it.
// WebAssembly float arithmetic is IEEE-754 with no implicit FMA contraction, so one .wasm gives the same bits on every
// CPU (DESIGN §6: bit-identical on AVX-512, Haswell, SandyBridge, Nehalem and ARM64). What we pin, and why:
// - the .wasm itself, by sha256: another build is another arithmetic;
// - numThreads 1 (no reduction split across threads), proxy off (no worker), fixed-width SIMD only (never relaxed);
// - execution providers ['wasm'] only, and one graph optimisation level (below).
//
// Graph optimisation level: 'disabled'. Both 'disabled' and 'basic' are CPU-independent (DESIGN §6), but they give
// different bits, so one is pinned. Measured here (AMD EPYC, Node 20.20, 50 inputs × 20 runs each, p50 of
// session.run): Iris MLP 21.3 µs disabled vs 16.5 basic; regressor 14.6 vs 13.5; MLP 256→512→512→10 37.8 vs 36.2;
// seeded CNN 45.5 vs 40.4. Bits: identical for the three MLPs; the CNN differs in 49 of 500 elements (21 of 50
// inputs), because 'basic' folds BatchNormalization into Conv. 'disabled' wins: it runs exactly the registered graph,
// op by op, so the canonical result does not depend on the optimiser's rewrite rules (which change between ORT
// releases), and it is the native engine's level too, so native-vs-canonical differences are kernel rounding only,
// which the tolerance rules absorb; 'basic' saves at most ~5 µs per run at these sizes. (`npm run bench` repeats the
// measurement over 64 inputs: basic ÷ disabled 0.88–1.01×; the CNN differs in 66 of 640 elements, the MLPs in none.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { pathToFileURL } from 'node:url';
import type * as Ort from 'onnxruntime-node';
import { OnnxEnvironmentError } from './errors.js';
import { assertWasmEnvironment } from './wasm-guards.js';
import { PINNED_ORT_VERSION, type OrtModule } from './profile.js';
import { sha256Hex } from '../../chain/store/bytes.js';

/** sha256 of onnxruntime-web 1.30.0's dist/ort-wasm-simd-threaded.wasm (DESIGN §6; no relaxed-SIMD instructions). */
export const PINNED_WASM_SHA256 = '3398c10d07d229bd91b364548e130e0e51a8e5704b88c7c083ebbeb78842dee2';

export const WASM_GRAPH_OPTIMIZATION_LEVEL = 'disabled' as const;

/** Session options of the consensus engine. Changing any of these is a consensus change. A fresh object per call. */
export const wasmSessionOptions = (): Ort.InferenceSession.SessionOptions => ({
  executionProviders: ['wasm'],
  executionMode: 'sequential',
  graphOptimizationLevel: WASM_GRAPH_OPTIMIZATION_LEVEL,
  enableCpuMemArena: true,
  enableMemPattern: true,
  logSeverityLevel: 4, // fatal only: a hostile model's errors become results, not stderr noise
  extra: {
    session: { set_denormal_as_zero: '0', allow_released_opsets_only: '1' },
    optimization: { enable_gelu_approximation: '0' },
  },
});

/** The installed package's .wasm and the Emscripten glue (.mjs) that instantiates it. */
export function installedWasmFiles(): { wasm: string; glue: string } {
  const req = createRequire(import.meta.url);
  return {
    wasm: req.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'),
    glue: req.resolve('onnxruntime-web/ort-wasm-simd-threaded.mjs'),
  };
}

/** Reads the .wasm and checks it is the pinned build; throws OnnxEnvironmentError otherwise. */
export function readPinnedWasm(path: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new OnnxEnvironmentError(
      `cannot read onnxruntime-web's WebAssembly module ${path}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const got = sha256Hex(bytes);
  if (got !== PINNED_WASM_SHA256) {
    throw new OnnxEnvironmentError(
      `${path} has sha256 ${got}; the consensus engine pins ${PINNED_WASM_SHA256} (onnxruntime-web ${PINNED_ORT_VERSION})`,
    );
  }
  return bytes;
}

let loaded: Promise<OrtModule> | undefined;

/**
 * Loads onnxruntime-web once per process, after the environment guards, with the pinned module as env.wasm.wasmBinary.
 * The 14 MB module is compiled by the first session (OnnxRunner.create's self-test), not by the first task.
 */
export function loadWasmOrt(): Promise<OrtModule> {
  loaded ??= loadWasmOrtOnce();
  return loaded;
}

async function loadWasmOrtOnce(): Promise<OrtModule> {
  if (endianness() !== 'LE') throw new OnnxEnvironmentError('the ONNX runner needs a little-endian host');
  assertWasmEnvironment();
  const files = installedWasmFiles();
  const wasmBinary = readPinnedWasm(files.wasm);
  let ort: OrtModule;
  try {
    // Node resolves the package's "node" export (dist/ort.node.min.mjs): the WebAssembly backend alone, on its own
    // copy of onnxruntime-common's ESM build, so its env and backend registry are separate from onnxruntime-node's.
    ort = (await import('onnxruntime-web')) as unknown as OrtModule;
  } catch (e) {
    throw new OnnxEnvironmentError(`onnxruntime-web failed to load: ${(e as Error).message}`, { cause: e });
  }
  const version = ort.env.versions.web;
  if (version !== PINNED_ORT_VERSION) {
    throw new OnnxEnvironmentError(
      `onnxruntime-web ${version} is installed; the consensus engine pins ${PINNED_ORT_VERSION}`,
    );
  }
  const w = ort.env.wasm;
  w.wasmBinary = wasmBinary;
  // The Emscripten glue from the same package, named explicitly (by default ORT imports './ort-wasm-simd-threaded.mjs'
  // relative to its own file). With wasmBinary set, ORT reads and fetches no .wasm itself.
  w.wasmPaths = { mjs: pathToFileURL(files.glue) };
  w.numThreads = 1;
  w.proxy = false;
  w.simd = true; // fixed-width SIMD; ORT checks it too
  w.initTimeout = 0;
  ort.env.logLevel = 'fatal';
  return ort;
}
