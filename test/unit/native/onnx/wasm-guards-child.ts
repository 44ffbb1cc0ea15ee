// Child for wasm-guards.test.ts, started with --experimental-wasm-relaxed-simd. argv[2] 'guard-first': the guard runs
// before any compile (it must switch relaxed SIMD off); 'relaxed-first': a relaxed module is compiled first, which
// V8 then keeps enabled, so the guard must refuse. Prints one JSON line.
import { assertWasmEnvironment, RELAXED_SIMD_MODULE } from '../../../../native/onnx/wasm-guards.js';

const run = (b: Uint8Array<ArrayBuffer>) =>
  (new WebAssembly.Instance(new WebAssembly.Module(b)).exports.f as () => number)();
let before: number | string = 'not run';
if (process.argv[2] === 'relaxed-first') before = run(RELAXED_SIMD_MODULE);
let guard = 'passed';
try {
  assertWasmEnvironment();
} catch (e) {
  guard = `${(e as Error).name}: ${(e as Error).message}`;
}
let after: number | string;
try {
  after = run(RELAXED_SIMD_MODULE);
} catch {
  after = 'rejected';
}
process.stdout.write(JSON.stringify({ before, guard, after }) + '\n');
