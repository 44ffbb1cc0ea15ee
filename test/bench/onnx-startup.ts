// Child of the onnx-runner benchmark: one fresh process's start-up costs, printed as one JSON line (ms):
// loading onnxruntime-web with its guards and the sha256 check of the pinned .wasm; the first consensus runner
// (which compiles the 14 MB module); a second one (already compiled); and, as the baseline, a native runner.
import { performance } from 'node:perf_hooks';
import { loadWasmOrt } from '../../native/onnx/wasm-profile.js';
import { OnnxRunner } from '../../native/onnx/runner.js';

const t0 = performance.now();
await loadWasmOrt();
const t1 = performance.now();
const first = await OnnxRunner.create({ engine: 'consensus' });
const t2 = performance.now();
const second = await OnnxRunner.create({ engine: 'consensus' });
const t3 = performance.now();
const native = await OnnxRunner.create({ engine: 'native' });
const t4 = performance.now();
await Promise.all([first.close(), second.close(), native.close()]);
process.stdout.write(JSON.stringify({ load: t1 - t0, compile: t2 - t1, again: t3 - t2, native: t4 - t3 }) + '\n');
