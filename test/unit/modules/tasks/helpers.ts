// Task market test helpers: an app with a dataset, a model (tinyMlp, argmax, 50 % of its dataset royalty to one
// dataset) and a compute provider; message builders; the honest result from the consensus engine; typed queries.
import { createHash } from 'node:crypto';
import type { EncodeObject } from '@cosmjs/proto-signing';
import type { AichainApp } from '../../../../chain/app/app.js';
import { parseAddress, PROVIDER_PREFIX, toAddress, moduleAddress } from '../../../../chain/types/address.js';
import { defaultTasksGenesis, TasksGenesis } from '../../../../modules/tasks/genesis.js';
import { toGenesisJSON } from '../../../../chain/app/genesis.js';
import { OnnxRunner } from '../../../../native/onnx/runner.js';
import {
  QueryStatsRequest,
  QueryStatsResponse,
  QueryTaskRequest,
  QueryTaskResponse,
} from '../../../../proto/gen/aichain/tasks/v1/query.js';
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
} from '../../../../proto/gen/aichain/distribution/v1/query.js';
import type { Result, Task, Tensor } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import {
  devAccounts,
  initChain,
  openApp,
  runBlock,
  type TestAccount,
  type TestApp,
} from '../../../support/app-harness.js';
import { hex64, modelsAppState, registerDatasetMsg, registerModelMsg, tinyMlp } from '../models/helpers.js';
import { signer, stakingAppState, uaic } from '../staking/helpers.js';

export const TASKS_MODULE = toAddress(moduleAddress('tasks'));
export const COLLATERAL = 5_000_000n; // claim limit 5 at 1,000,000 per claim
export const PRICE_UUSDC = 1000n;
export const PRICE_UAIC = 2000n;
export const DATASET = hex64('d');
export const provAddr = (a: TestAccount) => toAddress(parseAddress(a.address), PROVIDER_PREFIX);

/** Small windows so tests run in a few blocks. */
export const TEST_TASK_PARAMS = {
  claim_timeout_blocks: '3',
  challenge_window_blocks: '3',
  min_deadline_blocks: '2',
  max_deadline_blocks: '1000',
  min_challenge_bond: { denom: 'uaic', amount: '1000' },
  miss_window_blocks: '100',
  max_misses_per_window: 2,
  miss_jail_seconds: '60',
};

export function tasksAppState(accs: TestAccount[], params: Record<string, unknown> = {}) {
  const tasks = toGenesisJSON(TasksGenesis, defaultTasksGenesis()) as { params: Record<string, unknown> };
  tasks.params = { ...tasks.params, ...TEST_TASK_PARAMS, ...params };
  return {
    ...stakingAppState(accs, { min_provider_collateral: String(COLLATERAL), provider_stake_per_claim: '1000000' }),
    models: modelsAppState(accs, { max_flops: '100000' }).models,
    distribution: {
      params: { communityTax: '0.1', providerRewardShare: '0.5' },
      community_pool: [],
      validators: [],
      starting_infos: [],
    },
    mint: { params: { inflationRate: '0.05', blocksPerYear: '1000' } },
    tasks,
  };
}

export const registerProviderMsg = (
  a: TestAccount,
  modelIds: string[],
  over: Record<string, unknown> = {},
): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgRegisterProvider',
  value: {
    operator: a.address,
    moniker: `prov-${a.index}`,
    endpoint: 'https://prov.example/v1',
    modelIds,
    pricePerTask: [uaic(PRICE_UAIC), uaic(PRICE_UUSDC, 'uusdc')],
    commission: { rate: '0.1', maxRate: '0.5', maxChangeRate: '0.05' },
    collateral: uaic(COLLATERAL),
    ...over,
  },
});

export const input = (xs: number[] = [0.5, -1.25, 2, 0.75]): Tensor => ({
  dtype: 'float32',
  shape: [1n, 4n],
  data: new Uint8Array(Float32Array.from(xs).buffer),
});

export const createMsg = (a: TestAccount, modelId: string, over: Record<string, unknown> = {}): EncodeObject => ({
  typeUrl: '/aichain.tasks.v1.MsgCreateTask',
  value: {
    creator: a.address,
    modelId,
    inputs: [input()],
    maxFee: uaic(1500n, 'uusdc'),
    deadlineBlocks: 20n,
    preferredProvider: '',
    ...over,
  },
});
export const claimMsg = (p: TestAccount, taskId: bigint): EncodeObject => ({
  typeUrl: '/aichain.tasks.v1.MsgClaimTask',
  value: { provider: p.address, taskId },
});
export const claimManyMsg = (p: TestAccount, taskIds: bigint[]): EncodeObject => ({
  typeUrl: '/aichain.tasks.v1.MsgClaimTasks',
  value: { provider: p.address, taskIds },
});
export const submitMsg = (p: TestAccount, taskId: bigint, result: Result): EncodeObject => ({
  typeUrl: '/aichain.tasks.v1.MsgSubmitResult',
  value: { provider: p.address, taskId, result },
});
export const submitManyMsg = (p: TestAccount, results: Array<{ taskId: bigint; result: Result }>): EncodeObject => ({
  typeUrl: '/aichain.tasks.v1.MsgSubmitResults',
  value: { provider: p.address, results },
});
export const cancelMsg = (c: TestAccount, taskId: bigint): EncodeObject => ({
  typeUrl: '/aichain.tasks.v1.MsgCancelTask',
  value: { creator: c.address, taskId },
});
export const challengeMsg = (c: TestAccount, taskId: bigint, amount = 1000n, denom = 'uaic'): EncodeObject => ({
  typeUrl: '/aichain.tasks.v1.MsgChallengeResult',
  value: { challenger: c.address, taskId, bond: uaic(amount, denom) },
});

let runner: Promise<OnnxRunner> | undefined;
/** The canonical (consensus-engine) output of the model on a tensor: what an honest provider submits. */
export async function honestResult(model: Uint8Array, t: Tensor = input()): Promise<Result> {
  runner ??= OnnxRunner.create({ engine: 'consensus' });
  const id = createHash('sha256').update(model).digest('hex');
  const r = await (await runner).run(
    { id, bytes: model, scaleBits: 16 },
    { dtype: 'float32', shape: t.shape.map(Number), data: t.data },
  );
  if (!r.ok) throw new Error(`honest run failed: ${r.code} ${r.message}`);
  return {
    tensors: r.output.tensors.map((x) => ({ name: x.name, dtype: x.dtype, shape: x.shape.map(BigInt) })),
    values: r.output.values,
  };
}
/** A plausible but wrong result: same shape, the argmax moved. */
export function cheatResult(r: Result): Result {
  const v = [...r.values];
  const lo = v.indexOf(v.reduce((a, b) => (b < a ? b : a)));
  v[lo] = v.reduce((a, b) => (b > a ? b : a)) + 1000n;
  return { tensors: r.tensors, values: v };
}

export interface Market {
  t: TestApp;
  app: AichainApp;
  accs: TestAccount[];
  modelBytes: Uint8Array;
  modelId: string;
  owner: TestAccount;
  provider: TestAccount;
  creator: TestAccount;
  datasetOwner: TestAccount;
  other: TestAccount;
  sign: ReturnType<typeof signer>;
}

/** An app at height 4: dataset (owner 3), model (owner 0, 5000 bps to the dataset), provider 1 serving the model. */
export async function openMarket(params: Record<string, unknown> = {}, opts: { dir?: string } = {}): Promise<Market> {
  const accs = await devAccounts(5);
  const [owner, provider, creator, datasetOwner, other] = accs;
  const t = await openApp(opts.dir);
  const { app } = t;
  await initChain(app, tasksAppState(accs, params));
  await runBlock(app, []);
  const sign = signer(app);
  const modelBytes = tinyMlp(7);
  const modelId = createHash('sha256').update(modelBytes).digest('hex');
  const r1 = await runBlock(app, [
    await sign(datasetOwner, registerDatasetMsg(datasetOwner.address, DATASET), 2_000_000),
  ]);
  const r2 = await runBlock(app, [
    await sign(
      owner,
      registerModelMsg(owner.address, modelBytes, { datasets: [{ datasetId: DATASET, shareBps: 5000 }] }),
      2_000_000,
    ),
  ]);
  const r3 = await runBlock(app, [await sign(provider, registerProviderMsg(provider, [modelId]), 2_000_000)]);
  for (const r of [r1, r2, r3])
    if (r.txResults[0].code !== 0) throw new Error(`market setup failed: ${r.txResults[0].log}`);
  return { t, app, accs, modelBytes, modelId, owner, provider, creator, datasetOwner, other, sign };
}

export async function queryTask(app: AichainApp, id: bigint): Promise<Task> {
  const r = await app.query({
    path: '/aichain.tasks.v1.Query/Task',
    data: QueryTaskRequest.encode({ id }).finish(),
    height: 0n,
    prove: false,
  });
  if (r.code) throw new Error(`task ${id}: ${r.log}`);
  return QueryTaskResponse.decode(r.value).task!;
}
export async function queryStats(app: AichainApp) {
  const r = await app.query({
    path: '/aichain.tasks.v1.Query/Stats',
    data: QueryStatsRequest.encode({}).finish(),
    height: 0n,
    prove: false,
  });
  return QueryStatsResponse.decode(r.value);
}
/** A DecCoin list's amount of one denom, in 10^-18 units. */
const decOf = (cs: Array<{ denom: string; amount: string }>, denom: string) => {
  const a = cs.find((c) => c.denom === denom)?.amount ?? '0.000000000000000000';
  return BigInt(a.replace('.', ''));
};
export async function communityPool(app: AichainApp, denom: string): Promise<bigint> {
  const r = await app.query({
    path: '/aichain.distribution.v1.Query/CommunityPool',
    data: QueryCommunityPoolRequest.encode({}).finish(),
    height: 0n,
    prove: false,
  });
  return decOf(QueryCommunityPoolResponse.decode(r.value).pool, denom);
}
export async function outstanding(app: AichainApp, target: string, denom: string): Promise<bigint> {
  const r = await app.query({
    path: '/aichain.distribution.v1.Query/ValidatorOutstandingRewards',
    data: QueryValidatorOutstandingRewardsRequest.encode({ validatorAddress: target }).finish(),
    height: 0n,
    prove: false,
  });
  if (r.code) throw new Error(`outstanding ${target}: ${r.log}`);
  return decOf(QueryValidatorOutstandingRewardsResponse.decode(r.value).rewards, denom);
}
/** The id a MsgCreateTask got, from the tx's result data. */
export async function createdId(data: Uint8Array): Promise<bigint> {
  const { TxMsgData } = await import('cosmjs-types/cosmos/base/abci/v1beta1/abci');
  const { MsgCreateTaskResponse } = await import('../../../../proto/gen/aichain/tasks/v1/tx.js');
  return MsgCreateTaskResponse.decode(TxMsgData.decode(data).msgResponses[0].value).id;
}
export const D18 = 10n ** 18n;
