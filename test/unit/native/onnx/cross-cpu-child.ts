// Child of cross-cpu.test.ts, run on the host or as `qemu-x86_64 -cpu MODEL node --import tsx cross-cpu-child.ts`.
// Prints one JSON line: { engine: CaseOutputs | { error } } for each engine named in argv, plus the consensus
// engine's start-up error when it cannot start (a CPU without SSE4.1).
import { OnnxRunner } from '../../../../native/onnx/runner.js';
import { isEngineKind } from '../../../../native/onnx/engine.js';
import { runCases } from './cross-cpu-cases.js';

const out: Record<string, unknown> = {};
for (const engine of process.argv.slice(2)) {
  if (!isEngineKind(engine)) throw new Error(`unknown engine ${engine}`);
  let runner: OnnxRunner;
  try {
    runner = await OnnxRunner.create({ engine });
  } catch (e) {
    out[engine] = { error: `${(e as Error).name}: ${(e as Error).message}` };
    continue;
  }
  try {
    out[engine] = await runCases(runner);
  } finally {
    await runner.close();
  }
}
process.stdout.write(JSON.stringify(out) + '\n');
