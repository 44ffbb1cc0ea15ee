import test from 'tape';
import { OnnxEnvironmentError, throwIfTrapped } from '../../../../native/onnx/errors.js';

test('errors: a WebAssembly trap is an environment error; an ordinary ORT error is not', (t) => {
  // A real trap: a module whose only function is `unreachable`.
  const bytes = new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 0x66, 0, 0, 0x0a, 5, 1, 3, 0, 0x00,
    0x0b,
  ]);
  let trap: unknown;
  try {
    (new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f as () => void)();
  } catch (e) {
    trap = e;
  }
  t.ok(trap instanceof WebAssembly.RuntimeError, 'unreachable traps with WebAssembly.RuntimeError');
  t.throws(
    () => throwIfTrapped(trap),
    (e: unknown) => e instanceof OnnxEnvironmentError && /trapped.*restart/.test((e as Error).message),
    'a trap → OnnxEnvironmentError (the node stops)',
  );
  t.doesNotThrow(
    () => throwIfTrapped(new Error('failed to call OrtRun(). ERROR_CODE: 1')),
    'an ORT error stays a task result',
  );
  t.end();
});
