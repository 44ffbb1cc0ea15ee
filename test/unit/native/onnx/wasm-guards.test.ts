import test from 'tape';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertWasmEnvironment, PLAIN_SIMD_MODULE, RELAXED_SIMD_MODULE } from '../../../../native/onnx/wasm-guards.js';
import { OnnxEnvironmentError } from '../../../../native/onnx/errors.js';

const run = (b: Uint8Array<ArrayBuffer>) =>
  (new WebAssembly.Instance(new WebAssembly.Module(b)).exports.f as () => number)();
const child = fileURLToPath(new URL('./wasm-guards-child.ts', import.meta.url));
const isEnvError = (re: RegExp) => (e: unknown) => e instanceof OnnxEnvironmentError && re.test((e as Error).message);

test('wasm guards: on this runtime plain SIMD runs and relaxed SIMD is rejected', (t) => {
  assertWasmEnvironment();
  t.equal(run(PLAIN_SIMD_MODULE), 3.75, 'f32x4.add(1.5, 2.25) lane 0 = 3.75');
  t.throws(() => run(RELAXED_SIMD_MODULE), /simd opcode|relaxed|invalid/i, 'f32x4.relaxed_madd does not compile');
  t.notOk(WebAssembly.validate(RELAXED_SIMD_MODULE), 'and does not validate');
  t.end();
});

test('wasm guards: a runtime accepting relaxed SIMD, or lacking SIMD, is an environment error', (t) => {
  t.throws(
    () => assertWasmEnvironment((b) => (b === RELAXED_SIMD_MODULE ? 3.875 : 3.75)),
    isEnvError(/relaxed-SIMD.*3\.875/),
    'relaxed module accepted → OnnxEnvironmentError',
  );
  t.throws(
    () =>
      assertWasmEnvironment(() => {
        throw new WebAssembly.CompileError('simd opcode not available');
      }),
    isEnvError(/cannot run WebAssembly SIMD.*SSE4\.1/),
    'no SIMD at all → OnnxEnvironmentError naming SSE4.1',
  );
  t.throws(
    () =>
      assertWasmEnvironment((b) => {
        if (b === RELAXED_SIMD_MODULE) throw new Error('no');
        return 4;
      }),
    isEnvError(/gave 4/),
    'SIMD giving a wrong value → OnnxEnvironmentError',
  );
  t.end();
});

test('wasm guards: under node --experimental-wasm-relaxed-simd the guard switches relaxed SIMD off, or refuses', async (t) => {
  const exec = promisify(execFile);
  const go = async (mode: string) =>
    JSON.parse(
      (
        await exec(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', child, mode], {
          cwd: process.cwd(),
        })
      ).stdout.trim(),
    );
  const first = await go('guard-first');
  t.equal(first.guard, 'passed', 'guard before any compile: passes');
  t.equal(first.after, 'rejected', 'and relaxed SIMD is rejected afterwards, despite the command-line flag');
  const late = await go('relaxed-first');
  t.equal(late.before, 3.875, 'a relaxed module compiled before the guard ran (relaxed_madd = 3.875)');
  t.ok(/^OnnxEnvironmentError: .*relaxed-SIMD/.test(late.guard), `so the guard refuses: ${late.guard.slice(0, 80)}…`);
});
