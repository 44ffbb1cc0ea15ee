// Test models built with native/onnx's builder (good ones and each kind of bad one), a models genesis for the
// harness, and encode-object helpers for the models messages.
import type { EncodeObject } from '@cosmjs/proto-signing';
import { GraphBuilder, attr } from '../../../../native/onnx/builder.js';
import { ComparisonRule, type ModelSpec } from '../../../../proto/gen/aichain/models/v1/types.js';
import { defaultModelsGenesis, ModelsGenesis } from '../../../../modules/models/genesis.js';
import { toGenesisJSON } from '../../../../chain/app/genesis.js';
import { testAppState, type TestAccount } from '../../../support/app-harness.js';

/** x[1,4] -> MatMul W[4,3] -> Add b[3] -> Softmax -> y[1,3]; `seed` varies the weights (so the id). */
export function tinyMlp(
  seed = 1,
  opts: {
    op?: string;
    opset?: number;
    domain?: string;
    extraOpsets?: Array<{ domain: string; version: number }>;
    irVersion?: number;
  } = {},
): Uint8Array {
  const w = Float32Array.from({ length: 12 }, (_, i) => ((i * 7 + seed) % 11) / 10 - 0.5);
  const b = Float32Array.from([0.1, -0.2, seed / 100]);
  return new GraphBuilder('tiny')
    .input('x', 'float32', [1, 4])
    .output('y', 'float32', [1, 3])
    .initializer('W', 'float32', [4, 3], w)
    .initializer('b', 'float32', [3], b)
    .node('MatMul', ['x', 'W'], ['h'])
    .node('Add', ['h', 'b'], ['z'])
    .node(opts.op ?? 'Softmax', ['z'], ['y'], opts.op ? {} : { axis: attr.int(1) }, { domain: opts.domain })
    .build({ opset: opts.opset, extraOpsets: opts.extraOpsets, irVersion: opts.irVersion });
}

/** A model whose one MatMul has `n` x `n` weights (params n², FLOPs 2n²). */
export function wideMlp(n: number): Uint8Array {
  return new GraphBuilder('wide')
    .input('x', 'float32', [1, n])
    .output('y', 'float32', [1, n])
    .initializer('W', 'float32', [n, n], new Float32Array(n * n))
    .node('MatMul', ['x', 'W'], ['y'])
    .build();
}

/** A model using an If (control flow). */
export function controlFlowModel(): Uint8Array {
  const branch = (v: number) =>
    new GraphBuilder('branch')
      .output('o', 'float32', [1])
      .initializer('c', 'float32', [1], Float32Array.from([v]))
      .node('Identity', ['c'], ['o'])
      .graph();
  return new GraphBuilder('cf')
    .input('cond', 'bool', [1])
    .output('y', 'float32', [1])
    .node('If', ['cond'], ['y'], { then_branch: attr.graph(branch(1)), else_branch: attr.graph(branch(2)) })
    .build();
}

/** A model whose weights live in an external file. */
export function externalDataModel(): Uint8Array {
  return new GraphBuilder('ext')
    .input('x', 'float32', [1, 2])
    .output('y', 'float32', [1, 2])
    .initializerProto({
      name: 'W',
      dataType: 1,
      dims: [2, 2],
      dataLocation: 1,
      externalData: [{ key: 'location', value: 'w.bin' }],
    })
    .node('MatMul', ['x', 'W'], ['y'])
    .build();
}

export const tinySpec = (): ModelSpec => ({
  inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 4n] }],
  outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 3n] }],
});

export const hex64 = (c: string) => c.repeat(64);

export function registerModelMsg(owner: string, model: Uint8Array, over: Record<string, unknown> = {}): EncodeObject {
  return {
    typeUrl: '/aichain.models.v1.MsgRegisterModel',
    value: {
      owner,
      model,
      name: 'tiny',
      description: 'a tiny classifier',
      spec: tinySpec(),
      rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
      scaleBits: 16,
      tolerance: 0n,
      datasets: [],
      bond: { denom: 'uaic', amount: '1000' },
      ...over,
    },
  };
}

export function registerDatasetMsg(
  owner: string,
  contentHash: string,
  over: Record<string, unknown> = {},
): EncodeObject {
  return {
    typeUrl: '/aichain.models.v1.MsgRegisterDataset',
    value: {
      owner,
      contentHash,
      uri: 'ipfs://iris',
      description: 'Fisher iris',
      bond: { denom: 'uaic', amount: '100' },
      ...over,
    },
  };
}

export const retireModelMsg = (owner: string, id: string): EncodeObject => ({
  typeUrl: '/aichain.models.v1.MsgRetireModel',
  value: { owner, id },
});
export const retireDatasetMsg = (owner: string, id: string): EncodeObject => ({
  typeUrl: '/aichain.models.v1.MsgRetireDataset',
  value: { owner, id },
});

/** The harness app state plus a models genesis with small bonds, tight limits and a short unlock period. */
export function modelsAppState(accs: TestAccount[], over: Record<string, unknown> = {}) {
  const models = toGenesisJSON(ModelsGenesis, defaultModelsGenesis()) as { params: Record<string, unknown> };
  models.params = {
    ...models.params,
    min_model_bond: { denom: 'uaic', amount: '1000' },
    min_dataset_bond: { denom: 'uaic', amount: '100' },
    bond_unlock_period: '5',
    max_model_bytes: '200000',
    max_param_count: '20000',
    max_flops: '50000',
    ...over,
  };
  return { ...testAppState(accs), models };
}
