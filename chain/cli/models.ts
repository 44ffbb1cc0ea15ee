// `aichain tx models …` and `aichain query models …`: register models and datasets from files, retire them, and read
// the registry back, over JSON-RPC like any CosmJS client.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCoins, QueryClient } from '@cosmjs/stargate';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { setupModelsExtension } from '../client/index.js';
import { broadcast, signerAddress, txFlags } from './broadcast.js';
import { ComparisonRule, Status, type Model, type ModelSpec } from '../../proto/gen/aichain/models/v1/types.js';
import { checkModel, DEFAULT_LIMITS } from '../../native/onnx/check.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';
import { sha256Hex } from '../store/bytes.js';

const RULES: Record<string, ComparisonRule> = {
  exact: ComparisonRule.COMPARISON_RULE_EXACT,
  tolerance: ComparisonRule.COMPARISON_RULE_TOLERANCE,
  argmax: ComparisonRule.COMPARISON_RULE_ARGMAX,
};
const STATUSES: Record<string, Status> = {
  active: Status.STATUS_ACTIVE,
  retired: Status.STATUS_RETIRED,
  suspended: Status.STATUS_SUSPENDED,
};

const TX_USAGE = `usage:
  aichain tx models register FILE.onnx --from KEY --bond 100000000uaic [--spec auto|FILE.json|JSON] [--rule argmax|exact|tolerance]
        [--scale-bits 16] [--tolerance N] [--name N] [--description D] [--dataset ID:BPS]... [--fees 5000uaic] [--gas auto|N]
  aichain tx models register-dataset CONTENT_HASH URI --from KEY --bond 10000000uaic [--description D]
  aichain tx models retire MODEL_ID --from KEY
  aichain tx models retire-dataset DATASET_ID --from KEY`;

const QUERY_USAGE = `usage:
  aichain query models list [--status active|retired|suspended] [--owner ADDR] [--limit N]
  aichain query models show MODEL_ID [--bytes-out FILE]
  aichain query models datasets [--status …] [--owner ADDR] | dataset ID | params`;

/** The spec a model file declares, read from the graph (dynamic dims become -1). */
export function specFromModel(bytes: Uint8Array): ModelSpec {
  const s = checkModel(bytes, DEFAULT_LIMITS);
  const io = (t: { name: string; dtype: string; shape: Array<number | string> }) => ({
    name: t.name,
    dtype: t.dtype,
    shape: t.shape.map((d) => (typeof d === 'number' ? BigInt(d) : -1n)),
  });
  return { inputs: s.inputs.map(io), outputs: s.outputs.map(io) };
}

/** --spec: "auto" (read the graph), a JSON file, or inline JSON {inputs:[{name,dtype,shape}],outputs:[…]}. */
export function parseSpec(arg: string | undefined, model: Uint8Array): ModelSpec {
  if (!arg || arg === 'auto') return specFromModel(model);
  let j: { inputs?: unknown; outputs?: unknown };
  try {
    j = JSON.parse(arg.trim().startsWith('{') ? arg : readFileSync(arg, 'utf8'));
  } catch (e) {
    throw new UsageError(`--spec is neither JSON nor a readable JSON file: ${(e as Error).message}`);
  }
  const side = (v: unknown, what: string) => {
    if (!Array.isArray(v)) throw new UsageError(`--spec needs an ${what} array`);
    return v.map((t: { name?: unknown; dtype?: unknown; shape?: unknown }) => {
      if (typeof t?.name !== 'string' || typeof t?.dtype !== 'string' || !Array.isArray(t?.shape))
        throw new UsageError(`--spec ${what}: each tensor needs name, dtype and shape`);
      return {
        name: t.name,
        dtype: t.dtype,
        shape: t.shape.map((d: unknown) =>
          BigInt(typeof d === 'number' || (typeof d === 'string' && /^-?\d+$/.test(d)) ? d : -1),
        ),
      };
    });
  };
  return { inputs: side(j.inputs, 'inputs'), outputs: side(j.outputs, 'outputs') };
}

function oneCoin(s: string | undefined, what: string) {
  if (!s) throw new UsageError(`${what} is required (e.g. 100000000uaic)`);
  const c = parseCoins(s);
  if (c.length !== 1) throw new UsageError(`${what} must be one coin, e.g. 100000000uaic`);
  return c[0];
}

function parseShares(list: string[] | undefined) {
  return (list ?? []).map((s) => {
    const m = /^([0-9a-f]{64}):([0-9]{1,5})$/.exec(s);
    if (!m) throw new UsageError(`--dataset ${s}: expected DATASET_ID:BASIS_POINTS`);
    return { datasetId: m[1], shareBps: Number(m[2]) };
  });
}

const modelView = (m: Model) => ({
  id: m.id,
  owner: m.owner,
  name: m.name,
  description: m.description,
  status: Status[m.status]?.replace('STATUS_', '') ?? String(m.status),
  rule: ComparisonRule[m.rule]?.replace('COMPARISON_RULE_', '').toLowerCase(),
  scale_bits: m.scaleBits,
  tolerance: String(m.tolerance),
  bond: m.bond ? `${m.bond.amount}${m.bond.denom}` : '',
  size_bytes: String(m.sizeBytes),
  param_count: String(m.paramCount),
  flop_count: String(m.flopCount),
  registered_height: String(m.registeredHeight),
  unlock_time: String(m.unlockTime),
  datasets: m.datasets.map((d) => ({ dataset_id: d.datasetId, share_bps: d.shareBps })),
  spec: {
    inputs: m.spec?.inputs.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(Number) })) ?? [],
    outputs: m.spec?.outputs.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(Number) })) ?? [],
  },
});

export async function modelsTx(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    from: { type: 'string' },
    bond: { type: 'string' },
    spec: { type: 'string' },
    rule: { type: 'string' },
    'scale-bits': { type: 'string' },
    tolerance: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    dataset: { type: 'string', multiple: true },
    ...txFlags,
  });
  const [action, arg1, arg2] = positionals;
  if (!action || !values.from) throw new UsageError(TX_USAGE);
  const address = await signerAddress(values, values.from);
  let msg: EncodeObject;
  if (action === 'register' && arg1) {
    const model = new Uint8Array(readFileSync(arg1));
    const rule = RULES[values.rule ?? 'argmax'];
    if (rule === undefined) throw new UsageError(`--rule must be exact, tolerance or argmax`);
    msg = {
      typeUrl: '/aichain.models.v1.MsgRegisterModel',
      value: {
        owner: address,
        model,
        name: values.name ?? arg1.replace(/^.*\//, '').replace(/\.onnx$/, ''),
        description: values.description ?? '',
        spec: parseSpec(values.spec, model),
        rule,
        scaleBits: Number(values['scale-bits'] ?? 16),
        tolerance: BigInt(values.tolerance ?? 0),
        datasets: parseShares(values.dataset),
        bond: oneCoin(values.bond, '--bond'),
      },
    };
  } else if (action === 'register-dataset' && arg1 && arg2) {
    msg = {
      typeUrl: '/aichain.models.v1.MsgRegisterDataset',
      value: {
        owner: address,
        contentHash: arg1,
        uri: arg2,
        description: values.description ?? '',
        bond: oneCoin(values.bond, '--bond'),
      },
    };
  } else if ((action === 'retire' || action === 'retire-dataset') && arg1) {
    msg = {
      typeUrl: action === 'retire' ? '/aichain.models.v1.MsgRetireModel' : '/aichain.models.v1.MsgRetireDataset',
      value: { owner: address, id: arg1 },
    };
  } else {
    throw new UsageError(TX_USAGE);
  }
  const id = action === 'register' ? sha256Hex((msg.value as { model: Uint8Array }).model) : arg1;
  await broadcast(values, values.from, [msg], { action, id });
}

export async function modelsQuery(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    status: { type: 'string' },
    owner: { type: 'string' },
    limit: { type: 'string' },
    'bytes-out': { type: 'string' },
  });
  const [what, arg] = positionals;
  const status = values.status ? STATUSES[values.status] : Status.STATUS_UNSPECIFIED;
  if (status === undefined) throw new UsageError('--status must be active, retired or suspended');
  const pagination = values.limit ? { limit: BigInt(values.limit) } : undefined;
  const comet = await connectComet(nodeUrl(values.node));
  const qc = QueryClient.withExtensions(comet, setupModelsExtension);
  try {
    if (what === 'list') {
      const r = await qc.models.models({ status, owner: values.owner, pagination });
      print(
        { models: r.models.map(modelView) },
        values.output,
        (v) =>
          v.models
            .map(
              (m: ReturnType<typeof modelView>) =>
                `${m.id} ${m.status.toLowerCase()} ${m.name} (${m.size_bytes} bytes, ${m.rule}) owner ${m.owner}`,
            )
            .join('\n') || '(none)',
      );
    } else if (what === 'show' && arg) {
      const r = await qc.models.model(arg, !!values['bytes-out']);
      if (values['bytes-out']) {
        const got = sha256Hex(r.bytes);
        if (got !== arg) throw new Error(`the node returned bytes hashing to ${got}, not ${arg}`);
        writeFileSync(values['bytes-out'], r.bytes);
      }
      print(modelView(r.model!), values.output ?? 'text', (m) => JSON.stringify(m, null, 2));
    } else if (what === 'datasets') {
      const r = await qc.models.datasets({ status, owner: values.owner, pagination });
      print(
        { datasets: r.datasets },
        values.output,
        (v) =>
          v.datasets
            .map((d: { id: string; uri: string; owner: string }) => `${d.id} ${d.uri} owner ${d.owner}`)
            .join('\n') || '(none)',
      );
    } else if (what === 'dataset' && arg) {
      print(await qc.models.dataset(arg), values.output);
    } else if (what === 'params') {
      print(await qc.models.params(), values.output);
    } else {
      throw new UsageError(QUERY_USAGE);
    }
  } finally {
    comet.disconnect();
  }
}
