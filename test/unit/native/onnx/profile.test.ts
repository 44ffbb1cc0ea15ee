import test from 'tape';
import {
  nativeSessionOptions,
  loadNativeOrt,
  loadOrtFrom,
  NATIVE_GRAPH_OPTIMIZATION_LEVEL,
} from '../../../../native/onnx/profile.js';
import { OnnxEnvironmentError } from '../../../../native/onnx/errors.js';

test('profile: the native session options are pinned', (t) => {
  const o = nativeSessionOptions();
  t.deepEqual(o.executionProviders, ['cpu'], 'CPU provider only');
  t.equal(o.intraOpNumThreads, 1, 'one intra-op thread');
  t.equal(o.interOpNumThreads, 1, 'one inter-op thread');
  t.equal(o.executionMode, 'sequential', 'sequential');
  t.equal(
    o.graphOptimizationLevel,
    NATIVE_GRAPH_OPTIMIZATION_LEVEL,
    `optimisation level ${NATIVE_GRAPH_OPTIMIZATION_LEVEL}`,
  );
  t.equal(
    (o.extra as { session: Record<string, string> }).session.use_deterministic_compute,
    '1',
    'deterministic compute',
  );
  t.notEqual(nativeSessionOptions(), o, 'a fresh object each call');
  t.end();
});

test('profile: a missing native library or a different ORT version fails loudly', (t) => {
  t.ok(loadNativeOrt().InferenceSession, 'the installed runtime loads');
  t.throws(
    () =>
      loadOrtFrom(() => {
        throw new Error('libonnxruntime.so.1: cannot open shared object file');
      }),
    (e: unknown) =>
      e instanceof OnnxEnvironmentError
      && /native library failed to load.*cannot open shared object/.test((e as Error).message),
    'a failing require → OnnxEnvironmentError naming the cause',
  );
  t.throws(
    () => loadOrtFrom(() => ({ env: { versions: { node: '1.18.0' } } })),
    (e: unknown) => e instanceof OnnxEnvironmentError && /1\.18\.0.*pins 1\.30\.0/.test((e as Error).message),
    'another version → OnnxEnvironmentError',
  );
  t.end();
});
