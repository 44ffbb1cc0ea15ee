// Models genesis in snake_case JSON like the other modules (int64 as decimal strings, model bytes base64). Import
// re-runs the checks a registration runs (including the static model check), so genesis cannot smuggle in a model a
// tx could not register; the measured sizes are recomputed, not read.
import { createHash } from 'node:crypto';
import {
  comparisonRuleFromJSON, comparisonRuleToJSON, Status, statusFromJSON, statusToJSON,
  type Dataset, type Model, type ModelSpec, type Params,
} from '../../proto/gen/aichain/models/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { parseAddress } from '../../chain/types/address.js';
import { parseAmount, isValidDenom } from '../../chain/types/coins.js';
import type { ModelsKeeper } from './keeper.js';
import { MODULE_NAME } from './keeper.js';
import type { AccountKeeper } from './expected.js';
import { modelsErrors } from './errors.js';
import { defaultParams, validateParams } from './params.js';
import { LIMITS, requireId, requireText, validateRule, validateShares, validateSpec } from './validate.js';

type JsonCoin = { denom: string; amount: string };
interface JsonTensor { name: string; dtype: string; shape: Array<number | string> }
export interface JsonParams {
  max_model_bytes: string; max_param_count: string; max_flops: string; min_model_bond: JsonCoin; min_dataset_bond: JsonCoin;
  bond_unlock_period: string; gas_per_model_byte: string; max_datasets_per_model: number;
}
export interface JsonDataset {
  id: string; owner: string; uri: string; description: string; bond: JsonCoin; status: string;
  registered_height: string; unlock_time: string;
}
export interface JsonModel {
  id: string; owner: string; name: string; description: string;
  spec: { inputs: JsonTensor[]; outputs: JsonTensor[] };
  rule: string; scale_bits: number; tolerance: string; datasets: Array<{ dataset_id: string; share_bps: number }>;
  bond: JsonCoin; status: string; registered_height: string; unlock_time: string;
  /** base64 of the ONNX bytes */
  bytes: string;
}
export interface ModelsGenesis { params: JsonParams; datasets: JsonDataset[]; models: JsonModel[] }

export const paramsToJson = (p: Params): JsonParams => ({
  max_model_bytes: String(p.maxModelBytes), max_param_count: String(p.maxParamCount), max_flops: String(p.maxFlops),
  min_model_bond: { ...p.minModelBond! }, min_dataset_bond: { ...p.minDatasetBond! },
  bond_unlock_period: String(p.bondUnlockPeriod), gas_per_model_byte: String(p.gasPerModelByte),
  max_datasets_per_model: p.maxDatasetsPerModel,
});

export const defaultModelsGenesis = (): ModelsGenesis => ({ params: paramsToJson(defaultParams()), datasets: [], models: [] });

const bad = (why: string) => modelsErrors.invalidGenesis(why);
const u64 = (s: unknown, what: string): bigint => {
  if (typeof s !== 'string' && typeof s !== 'number') throw bad(`${what} must be a decimal string`);
  const str = String(s);
  if (!/^[0-9]{1,20}$/.test(str) || BigInt(str) >= 1n << 64n) throw bad(`${what} must be a uint64 decimal string`);
  return BigInt(str);
};
const i64 = (s: unknown, what: string): bigint => {
  const str = String(s);
  if (!/^-?[0-9]{1,19}$/.test(str)) throw bad(`${what} must be an integer`);
  return BigInt(str);
};
function coin(c: JsonCoin | undefined, what: string): JsonCoin {
  if (!c || !isValidDenom(c.denom)) throw bad(`${what} needs a valid denom`);
  parseAmount(c.amount, what);
  return { denom: c.denom, amount: c.amount };
}
function status(s: string, what: string): Status {
  const v = statusFromJSON(s);
  if (v !== Status.STATUS_ACTIVE && v !== Status.STATUS_RETIRED && v !== Status.STATUS_SUSPENDED) throw bad(`${what} has invalid status ${s}`);
  return v;
}
const wrap = <T>(f: () => T, what: string): T => {
  try { return f(); } catch (e) { throw bad(`${what}: ${(e as Error).message}`); }
};

function parseParams(j: JsonParams): Params {
  const p: Params = {
    maxModelBytes: u64(j.max_model_bytes, 'max_model_bytes'), maxParamCount: u64(j.max_param_count, 'max_param_count'),
    maxFlops: u64(j.max_flops, 'max_flops'), minModelBond: coin(j.min_model_bond, 'min_model_bond'),
    minDatasetBond: coin(j.min_dataset_bond, 'min_dataset_bond'), bondUnlockPeriod: u64(j.bond_unlock_period, 'bond_unlock_period'),
    gasPerModelByte: u64(j.gas_per_model_byte, 'gas_per_model_byte'), maxDatasetsPerModel: Number(j.max_datasets_per_model),
  };
  validateParams(p);
  return p;
}

function parseSpec(j: JsonModel['spec']): ModelSpec {
  const t = (x: JsonTensor) => ({ name: x.name, dtype: x.dtype, shape: (x.shape ?? []).map((d) => i64(d, `shape of ${x.name}`)) });
  return { inputs: (j?.inputs ?? []).map(t), outputs: (j?.outputs ?? []).map(t) };
}
const specToJson = (s: ModelSpec | undefined) => {
  const t = (x: ModelSpec['inputs'][number]) => ({ name: x.name, dtype: x.dtype, shape: x.shape.map(Number) });
  return { inputs: (s?.inputs ?? []).map(t), outputs: (s?.outputs ?? []).map(t) };
};

function parseDataset(j: JsonDataset): Dataset {
  requireId(j.id, 'dataset id');
  parseAddress(j.owner, undefined, 'dataset owner');
  requireText(j.uri, 'uri', LIMITS.uriChars, true);
  requireText(j.description ?? '', 'description', LIMITS.descriptionChars);
  return {
    id: j.id, owner: j.owner, uri: j.uri, description: j.description ?? '', bond: coin(j.bond, 'dataset bond'),
    status: status(j.status, `dataset ${j.id}`), registeredHeight: i64(j.registered_height ?? '0', 'registered_height'),
    unlockTime: i64(j.unlock_time ?? '0', 'unlock_time'),
  };
}

export function initModelsGenesis(ctx: Context, k: ModelsKeeper, accounts: AccountKeeper, g: ModelsGenesis): void {
  const params = wrap(() => parseParams(g.params ?? defaultModelsGenesis().params), 'params');
  k.setParams(ctx, params);
  accounts.ensureModuleAccount(ctx, MODULE_NAME);
  const datasets = new Map<string, Dataset>();
  for (const j of g.datasets ?? []) {
    const d = wrap(() => parseDataset(j), `dataset ${j.id}`);
    if (datasets.has(d.id)) throw bad(`dataset ${d.id} listed twice`);
    datasets.set(d.id, d);
    k.importDataset(ctx, d);
  }
  const seen = new Set<string>();
  for (const j of g.models ?? []) {
    const what = `model ${j.id}`;
    const bytes = Uint8Array.from(Buffer.from(j.bytes ?? '', 'base64'));
    const id = createHash('sha256').update(bytes).digest('hex');
    if (id !== j.id) throw bad(`${what}: id is not sha256 of the bytes (${id})`);
    if (seen.has(id)) throw bad(`${what} listed twice`);
    seen.add(id);
    const m = wrap(() => {
      parseAddress(j.owner, undefined, 'model owner');
      requireText(j.name, 'name', LIMITS.nameChars, true);
      requireText(j.description ?? '', 'description', LIMITS.descriptionChars);
      const spec = parseSpec(j.spec);
      validateSpec(spec);
      const rule = comparisonRuleFromJSON(j.rule);
      const tolerance = u64(j.tolerance ?? '0', 'tolerance');
      validateRule(rule, Number(j.scale_bits), tolerance);
      const shares = (j.datasets ?? []).map((s) => ({ datasetId: s.dataset_id, shareBps: Number(s.share_bps) }));
      validateShares(shares, params.maxDatasetsPerModel);
      for (const s of shares) if (!datasets.has(s.datasetId)) throw modelsErrors.unknownDataset(`dataset ${s.datasetId}`);
      const summary = k.checkModel(bytes, spec, params);
      const model: Model = {
        id, owner: j.owner, name: j.name, description: j.description ?? '', spec, rule, scaleBits: Number(j.scale_bits),
        tolerance, datasets: shares, bond: coin(j.bond, 'model bond'), status: status(j.status, what),
        sizeBytes: BigInt(bytes.length), paramCount: summary.paramCount, flopCount: summary.flopCount,
        registeredHeight: i64(j.registered_height ?? '0', 'registered_height'), unlockTime: i64(j.unlock_time ?? '0', 'unlock_time'),
      };
      return model;
    }, what);
    k.importModel(ctx, m, bytes);
  }
}

export function exportModelsGenesis(ctx: Context, k: ModelsKeeper): ModelsGenesis {
  const datasets: JsonDataset[] = [...k.datasets(ctx)].map((d) => ({
    id: d.id, owner: d.owner, uri: d.uri, description: d.description, bond: { ...d.bond! }, status: statusToJSON(d.status),
    registered_height: String(d.registeredHeight), unlock_time: String(d.unlockTime),
  }));
  const models: JsonModel[] = [...k.models(ctx)].map((m) => ({
    id: m.id, owner: m.owner, name: m.name, description: m.description, spec: specToJson(m.spec),
    rule: comparisonRuleToJSON(m.rule), scale_bits: m.scaleBits, tolerance: String(m.tolerance),
    datasets: m.datasets.map((s) => ({ dataset_id: s.datasetId, share_bps: s.shareBps })), bond: { ...m.bond! },
    status: statusToJSON(m.status), registered_height: String(m.registeredHeight), unlock_time: String(m.unlockTime),
    bytes: Buffer.from(k.getModelBytes(ctx, m.id) ?? new Uint8Array()).toString('base64'),
  }));
  return { params: paramsToJson(k.getParams(ctx)), datasets, models };
}


