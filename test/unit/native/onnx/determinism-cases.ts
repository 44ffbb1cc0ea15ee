// Shared by determinism.test.ts and its child processes: the cases whose canonical hashes must agree everywhere.
import type { OnnxRunner } from '../../../../native/onnx/runner.js';
import { tensorFrom } from '../../../../native/onnx/tensor.js';
import { REFERENCE_MODELS, loadIris, readReferenceModel } from '../../../../native/models/index.js';

export async function canonicalHashes(runner: OnnxRunner): Promise<Record<string, string[]>> {
  const rows = loadIris();
  const out: Record<string, string[]> = {};
  for (const m of REFERENCE_MODELS) {
    const model = { ...readReferenceModel(m), scaleBits: m.scaleBits };
    const width = m.spec.inputs[0].shape[1] as number;
    const feats = rows.map((r) => r.features.slice(0, width));
    const hashes: string[] = [];
    for (const f of feats) {
      const r = await runner.run(model, tensorFrom('float32', [1, width], f));
      hashes.push(r.ok ? r.output.sha256 : `error:${r.code}`);
    }
    const all = await runner.run(model, tensorFrom('float32', [feats.length, width], feats.flat()));
    hashes.push(all.ok ? all.output.sha256 : `error:${all.code}`);
    out[m.name] = hashes;
  }
  return out;
}
