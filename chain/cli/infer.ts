// `aichain infer MODEL_ID --input FILE.json [--engine consensus|native]`: fetches the chain's copy of a model over
// abci_query, checks its bytes hash to the id, runs it locally with the deterministic runner, and prints the canonical
// output and its sha256. The default consensus engine gives exactly what a validator computes for the same input, on
// any CPU; `--engine native` (onnxruntime-node) is faster on big models but its last bits depend on this CPU.
import { readFileSync } from 'node:fs';
import { QueryClient } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { setupModelsExtension } from '../../modules/models/client.js';
import { OnnxRunner } from '../../native/onnx/runner.js';
import { tensorFrom, type TensorInput } from '../../native/onnx/tensor.js';
import { isDType } from '../../native/onnx/dtypes.js';
import { isEngineKind } from '../../native/onnx/engine.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';
import { fetchModel } from '../provider/models.js';

const USAGE = `usage: aichain infer MODEL_ID --input FILE.json [--engine consensus|native]
  --engine: consensus (default; the canonical result, the same on every CPU) or native (faster; not canonical)
  FILE.json: {"dtype":"float32","shape":[1,4],"data":[5.1,3.5,1.4,0.2]}, or a list of those (one per model input)`;

/** Parses the JSON input: one tensor, or a list (one per declared input, in order). */
export function parseInputJson(text: string): TensorInput | TensorInput[] {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--input is not JSON: ${(e as Error).message}`);
  }
  const one = (t: unknown, i: number): TensorInput => {
    const o = t as { dtype?: unknown; shape?: unknown; data?: unknown };
    if (!o || !isDType(o.dtype))
      throw new UsageError(`input ${i}: dtype must be one of float32, float64, int64, int32, int8, uint8, bool`);
    if (!Array.isArray(o.shape) || !o.shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new UsageError(`input ${i}: shape must be a list of non-negative integers`);
    if (
      !Array.isArray(o.data)
      || !o.data.every(
        (v) => typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && /^-?\d+$/.test(v)),
      )
    ) {
      throw new UsageError(`input ${i}: data must be a flat list of numbers (int64 may be decimal strings)`);
    }
    const values = o.data.map((v) => (typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? BigInt(v) : v));
    try {
      return tensorFrom(o.dtype, o.shape as number[], values);
    } catch (e) {
      throw new UsageError(`input ${i}: ${(e as Error).message}`);
    }
  };
  return Array.isArray(j) ? j.map(one) : one(j, 0);
}

export async function infer(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { input: { type: 'string' }, engine: { type: 'string' } });
  const [id] = positionals;
  if (!id || !values.input) throw new UsageError(USAGE);
  const engine = values.engine ?? 'consensus';
  if (!isEngineKind(engine))
    throw new UsageError(`--engine must be consensus or native, not ${JSON.stringify(engine)}\n${USAGE}`);
  const input = parseInputJson(readFileSync(values.input, 'utf8'));
  const comet = await connectComet(nodeUrl(values.node));
  let model, bytes: Uint8Array;
  try {
    ({ model, bytes } = await fetchModel(QueryClient.withExtensions(comet, setupModelsExtension), id));
  } finally {
    comet.disconnect();
  }
  const runner = await OnnxRunner.create({ engine }); // a missing or broken ONNX Runtime throws here, loudly
  try {
    const r = await runner.run({ id, bytes, scaleBits: model.scaleBits }, input);
    if (!r.ok) {
      print(
        { model_id: id, engine, ok: false, code: r.code, message: r.message },
        values.output,
        (v) => `error ${v.code}: ${v.message}`,
      );
      process.exitCode = 1;
      return;
    }
    const o = r.output;
    print(
      {
        model_id: id,
        engine,
        ok: true,
        scale_bits: model.scaleBits,
        tensors: o.tensors,
        values: o.values.map(String),
        sha256: o.sha256,
      },
      values.output,
      (v) =>
        `${v.tensors.map((t: { name: string; shape: number[] }) => `${t.name} [${t.shape.join(', ')}]`).join(', ')}\n[${v.values.join(', ')}]\nsha256 ${v.sha256}`
        + (engine === 'native' ? '\n(native engine: not the canonical result; its last bits depend on this CPU)' : ''),
    );
  } finally {
    await runner.close();
  }
}
