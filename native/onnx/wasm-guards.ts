// Start-up guards for the consensus engine's WebAssembly runtime, run before ONNX Runtime's module is compiled:
// - relaxed SIMD must be OFF: its instructions (fused multiply-add, lane selects…) may give different bits on
//   different CPUs, which is exactly what the WebAssembly engine is here to avoid. The pinned .wasm has none, but a
//   runtime that accepts them is not the runtime the consensus figures were measured on;
// - plain (fixed-width) SIMD must work: the pinned .wasm needs it, and a CPU without SSE4.1 cannot run it. That is an
//   environment error that stops the node, never a different result.
// Each guard compiles a tiny hand-written module that computes lane 0 of a SIMD expression.
import v8 from 'node:v8';
import { OnnxEnvironmentError } from './errors.js';

/** The V8 flag that turns relaxed SIMD off. Node 20 has it off by default; we pin it before the first compile. */
export const NO_RELAXED_SIMD_FLAG = '--no-experimental-wasm-relaxed-simd';

/** A module exporting f: () → f32 whose body is `body` (a sequence of instructions leaving one f32). */
function moduleReturningF32(body: number[]): Uint8Array<ArrayBuffer> {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types = [0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7d]; // one type: () → f32
  const funcs = [0x03, 0x02, 0x01, 0x00]; // one function of type 0
  const exports = [0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00]; // export "f" = function 0
  const code = [0x00, ...body, 0x0b]; // no locals, body, end
  return new Uint8Array([...header, ...types, ...funcs, ...exports, 0x0a, code.length + 2, 0x01, code.length, ...code]);
}

/** f32.const x; f32x4.splat */
function splat(x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [0x43, ...b, 0xfd, 0x13];
}
const EXTRACT_LANE_0 = [0xfd, 0x1f, 0x00]; // f32x4.extract_lane 0

/** f32x4.add(splat 1.5, splat 2.25), lane 0: 3.75 on any runtime with WebAssembly SIMD. */
export const PLAIN_SIMD_MODULE = moduleReturningF32([
  ...splat(1.5),
  ...splat(2.25),
  0xfd,
  0xe4,
  0x01,
  ...EXTRACT_LANE_0,
]);
/** f32x4.relaxed_madd(1.5, 2.25, 0.5), lane 0 (opcode 0xfd 0x105): a runtime with relaxed SIMD off must reject it. */
export const RELAXED_SIMD_MODULE = moduleReturningF32([
  ...splat(1.5),
  ...splat(2.25),
  ...splat(0.5),
  0xfd,
  0x85,
  0x02,
  ...EXTRACT_LANE_0,
]);

/** Compiles and runs a module's f(); throws what the runtime throws. Tests inject a fake. */
export type WasmRun = (bytes: Uint8Array<ArrayBuffer>) => number;
const runWasm: WasmRun = (bytes) =>
  (new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f as () => number)();

/**
 * Pins relaxed SIMD off (V8 reads the flag at each compile, so this must precede ONNX Runtime's), then checks both
 * guards. Throws OnnxEnvironmentError naming the problem.
 */
export function assertWasmEnvironment(run: WasmRun = runWasm): void {
  v8.setFlagsFromString(NO_RELAXED_SIMD_FLAG);
  let relaxed: number | undefined;
  try {
    relaxed = run(RELAXED_SIMD_MODULE);
  } catch {
    // rejected: relaxed SIMD is off, as required
  }
  if (relaxed !== undefined) {
    throw new OnnxEnvironmentError(
      `this runtime accepts WebAssembly relaxed-SIMD instructions (f32x4.relaxed_madd gave ${relaxed}); the consensus `
        + `engine needs them off: do not run node with --experimental-wasm-relaxed-simd`,
    );
  }
  let plain: number;
  try {
    plain = run(PLAIN_SIMD_MODULE);
  } catch (e) {
    throw new OnnxEnvironmentError(
      `this CPU or runtime cannot run WebAssembly SIMD (${(e as Error).message}); the consensus engine needs it `
        + `(x86-64 CPUs need SSE4.1)`,
      { cause: e },
    );
  }
  if (plain !== 3.75) throw new OnnxEnvironmentError(`WebAssembly SIMD self-test gave ${plain}, not 3.75`);
}
