import test from 'tape';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  installedWasmFiles,
  loadWasmOrt,
  readPinnedWasm,
  wasmSessionOptions,
  PINNED_WASM_SHA256,
  WASM_GRAPH_OPTIMIZATION_LEVEL,
} from '../../../../native/onnx/wasm-profile.js';
import { OnnxEnvironmentError } from '../../../../native/onnx/errors.js';

test('wasm profile: the consensus session options are pinned', (t) => {
  const o = wasmSessionOptions();
  t.deepEqual(o.executionProviders, ['wasm'], 'the WebAssembly provider only');
  t.equal(o.executionMode, 'sequential', 'sequential');
  t.equal(
    o.graphOptimizationLevel,
    WASM_GRAPH_OPTIMIZATION_LEVEL,
    `optimisation level ${WASM_GRAPH_OPTIMIZATION_LEVEL}`,
  );
  t.equal(WASM_GRAPH_OPTIMIZATION_LEVEL, 'disabled', 'the pinned level is disabled');
  t.notEqual(wasmSessionOptions(), o, 'a fresh object each call');
  t.end();
});

test('wasm profile: the installed .wasm is the pinned build; any other file stops loudly', (t) => {
  const { wasm } = installedWasmFiles();
  t.equal(readPinnedWasm(wasm).length, readFileSync(wasm).length, 'the installed module passes the sha256 check');
  const bytes = new Uint8Array(readFileSync(wasm));
  bytes[bytes.length - 1] ^= 1; // one flipped bit
  const other = join(mkdtempSync(join(tmpdir(), 'aichain-wasm-')), 'ort-wasm-simd-threaded.wasm');
  writeFileSync(other, bytes);
  t.throws(
    () => readPinnedWasm(other),
    (e: unknown) => e instanceof OnnxEnvironmentError && (e as Error).message.includes(PINNED_WASM_SHA256),
    'one flipped bit → OnnxEnvironmentError naming the pinned sha256',
  );
  t.throws(
    () => readPinnedWasm(join(tmpdir(), 'no-such-dir', 'x.wasm')),
    (e: unknown) => e instanceof OnnxEnvironmentError && /cannot read/.test((e as Error).message),
    'a missing file → OnnxEnvironmentError',
  );
  t.end();
});

test('wasm profile: onnxruntime-web loads once, with the pinned module and single-threaded, proxy-free SIMD', async (t) => {
  const ort = await loadWasmOrt();
  t.equal(await loadWasmOrt(), ort, 'loaded once per process');
  t.equal(ort.env.versions.web, '1.30.0', 'onnxruntime-web 1.30.0');
  const w = ort.env.wasm;
  t.equal(w.numThreads, 1, 'numThreads 1');
  t.equal(w.proxy, false, 'proxy off');
  t.equal(w.simd, true, 'fixed-width SIMD');
  t.equal(
    (w.wasmBinary as Uint8Array).length,
    readFileSync(installedWasmFiles().wasm).length,
    'env.wasm.wasmBinary is the pinned module',
  );
});
