// CosmJS pieces for the task market: registry types, encode objects with their guards, the query extension, and
// typed helpers for a client: post a task (its id read from the tx's events) and wait for it to reach a status.
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import {
  assertIsDeliverTxSuccess,
  createProtobufRpcClient,
  type Coin,
  type DeliverTxResponse,
  type QueryClient,
  type SigningStargateClient,
  type StdFee,
} from '@cosmjs/stargate';
import {
  MsgCancelTask,
  MsgChallengeResult,
  MsgClaimTask,
  MsgClaimTasks,
  MsgCreateTask,
  MsgSubmitResult,
  MsgSubmitResults,
} from '../../proto/gen/aichain/tasks/v1/tx.js';
import {
  QueryClientImpl,
  type PageRequest,
  type QueryStatsResponse,
  type QueryTasksResponse,
} from '../../proto/gen/aichain/tasks/v1/query.js';
import {
  TaskStatus,
  taskStatusToJSON,
  type Params,
  type Task,
  type Tensor,
} from '../../proto/gen/aichain/tasks/v1/types.js';
import { pageRequest } from '../../chain/types/pagination.js';
import { registryEntry } from '../../proto/registry.js';
import { EVENT } from './events.js';
import { MsgUpdateParams as TasksMsgUpdateParams } from '../../proto/gen/aichain/tasks/v1/tx.js';

const T = '/aichain.tasks.v1.';
export const tasksTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry(`${T}MsgCreateTask`, MsgCreateTask),
  registryEntry(`${T}MsgClaimTask`, MsgClaimTask),
  registryEntry(`${T}MsgClaimTasks`, MsgClaimTasks),
  registryEntry(`${T}MsgSubmitResult`, MsgSubmitResult),
  registryEntry(`${T}MsgSubmitResults`, MsgSubmitResults),
  registryEntry(`${T}MsgCancelTask`, MsgCancelTask),
  registryEntry(`${T}MsgChallengeResult`, MsgChallengeResult),
  registryEntry(`${T}MsgUpdateParams`, TasksMsgUpdateParams),
];

export interface MsgCreateTaskEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.tasks.v1.MsgCreateTask';
  readonly value: Partial<MsgCreateTask>;
}
export const isMsgCreateTaskEncodeObject = (o: EncodeObject): o is MsgCreateTaskEncodeObject =>
  o.typeUrl === `${T}MsgCreateTask`;

export interface MsgClaimTaskEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.tasks.v1.MsgClaimTask';
  readonly value: Partial<MsgClaimTask>;
}
export const isMsgClaimTaskEncodeObject = (o: EncodeObject): o is MsgClaimTaskEncodeObject =>
  o.typeUrl === `${T}MsgClaimTask`;

export interface MsgClaimTasksEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.tasks.v1.MsgClaimTasks';
  readonly value: Partial<MsgClaimTasks>;
}
export const isMsgClaimTasksEncodeObject = (o: EncodeObject): o is MsgClaimTasksEncodeObject =>
  o.typeUrl === `${T}MsgClaimTasks`;

export interface MsgSubmitResultEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.tasks.v1.MsgSubmitResult';
  readonly value: Partial<MsgSubmitResult>;
}
export const isMsgSubmitResultEncodeObject = (o: EncodeObject): o is MsgSubmitResultEncodeObject =>
  o.typeUrl === `${T}MsgSubmitResult`;

export interface MsgSubmitResultsEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.tasks.v1.MsgSubmitResults';
  readonly value: Partial<MsgSubmitResults>;
}
export const isMsgSubmitResultsEncodeObject = (o: EncodeObject): o is MsgSubmitResultsEncodeObject =>
  o.typeUrl === `${T}MsgSubmitResults`;

export interface MsgCancelTaskEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.tasks.v1.MsgCancelTask';
  readonly value: Partial<MsgCancelTask>;
}
export const isMsgCancelTaskEncodeObject = (o: EncodeObject): o is MsgCancelTaskEncodeObject =>
  o.typeUrl === `${T}MsgCancelTask`;

export interface MsgChallengeResultEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.tasks.v1.MsgChallengeResult';
  readonly value: Partial<MsgChallengeResult>;
}
export const isMsgChallengeResultEncodeObject = (o: EncodeObject): o is MsgChallengeResultEncodeObject =>
  o.typeUrl === `${T}MsgChallengeResult`;

export interface TasksExtension {
  readonly tasks: {
    /** One task with its inputs, result and settlement. Rejects when the task is unknown. */
    readonly task: (id: bigint) => Promise<Task>;
    readonly byStatus: (status: TaskStatus, pagination?: Partial<PageRequest>) => Promise<QueryTasksResponse>;
    readonly byCreator: (creator: string, pagination?: Partial<PageRequest>) => Promise<QueryTasksResponse>;
    readonly byProvider: (provider: string, pagination?: Partial<PageRequest>) => Promise<QueryTasksResponse>;
    /** A model's tasks; with a status, e.g. its open tasks. */
    readonly byModel: (
      modelId: string,
      status?: TaskStatus,
      pagination?: Partial<PageRequest>,
    ) => Promise<QueryTasksResponse>;
    readonly params: () => Promise<Params>;
    readonly stats: () => Promise<QueryStatsResponse>;
  };
}

export function setupTasksExtension(base: QueryClient): TasksExtension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    tasks: {
      task: async (id) => (await q.Task({ id })).task!,
      byStatus: (status, p) => q.TasksByStatus({ status, pagination: pageRequest(p) }),
      byCreator: (creator, p) => q.TasksByCreator({ creator, pagination: pageRequest(p) }),
      byProvider: (provider, p) => q.TasksByProvider({ provider, pagination: pageRequest(p) }),
      byModel: (modelId, status = TaskStatus.TASK_STATUS_UNSPECIFIED, p) =>
        q.TasksByModel({ modelId, status, pagination: pageRequest(p) }),
      params: async () => (await q.Params({})).params!,
      stats: () => q.Stats({}),
    },
  };
}

// ---- typed helpers ----

/** A float input by value: a shape and its row-major values, stored as little-endian float32 (or float64) bytes. */
export interface FloatTensor {
  dtype?: 'float32' | 'float64';
  shape: ReadonlyArray<number | bigint>;
  values: ArrayLike<number>;
}
/** A tensor already in bytes: the chain's Tensor, or native/onnx's TensorInput (shape as numbers). */
export interface TensorBytes {
  dtype: string;
  shape: ReadonlyArray<number | bigint>;
  data: Uint8Array;
}
/**
 * A task's inputs: rows of floats (one float32 tensor [rows, columns], the form of models with a batch dimension
 * such as the reference models), or one tensor per model input, as bytes or as float values.
 */
export type TaskInputs = readonly (readonly number[])[] | ReadonlyArray<TensorBytes | FloatTensor>;

const isRows = (x: TaskInputs): x is readonly (readonly number[])[] => x.length > 0 && Array.isArray(x[0]);

/** The little-endian bytes of float values (the same bytes as native/onnx's tensorFrom; modules may not import it). */
function floatBytes(dtype: 'float32' | 'float64', values: ArrayLike<number>): Uint8Array {
  const size = dtype === 'float32' ? 4 : 8;
  const out = new Uint8Array(values.length * size);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    if (dtype === 'float32') dv.setFloat32(i * size, values[i], true);
    else dv.setFloat64(i * size, values[i], true);
  }
  return out;
}

/** The chain's Tensor messages for `inputs` (validate.ts checks them against the model's spec on chain). */
export function toTensors(inputs: TaskInputs): Tensor[] {
  if (isRows(inputs)) {
    const cols = inputs[0].length;
    if (inputs.some((r) => r.length !== cols)) throw new RangeError('input rows differ in length');
    return [
      { dtype: 'float32', shape: [BigInt(inputs.length), BigInt(cols)], data: floatBytes('float32', inputs.flat()) },
    ];
  }
  return inputs.map((t) => {
    const shape = t.shape.map((d) => BigInt(d));
    if ('data' in t) return { dtype: t.dtype, shape, data: t.data };
    const n = shape.reduce((a, d) => a * d, 1n);
    if (BigInt(t.values.length) !== n)
      throw new RangeError(`shape [${shape.join(', ')}] holds ${n} values; got ${t.values.length}`);
    const dtype = t.dtype ?? 'float32';
    return { dtype, shape, data: floatBytes(dtype, t.values) };
  });
}

export interface CreateTaskOptions {
  modelId: string;
  inputs: TaskInputs;
  /** The most the creator pays (escrowed); the claiming provider's price is charged, the rest refunded. */
  fee: Coin;
  /** Blocks until the task expires unserved (the chain allows min..max_deadline_blocks). Default 100. */
  deadlineBlocks?: bigint | number;
  /** Only this provider (aiprov1…) may claim it. */
  preferredProvider?: string;
}

export const DEFAULT_DEADLINE_BLOCKS = 100n;

export function createTaskMsg(creator: string, o: CreateTaskOptions): MsgCreateTaskEncodeObject {
  return {
    typeUrl: '/aichain.tasks.v1.MsgCreateTask',
    value: {
      creator,
      modelId: o.modelId,
      inputs: toTensors(o.inputs),
      maxFee: { denom: o.fee.denom, amount: o.fee.amount },
      deadlineBlocks: BigInt(o.deadlineBlocks ?? DEFAULT_DEADLINE_BLOCKS),
      preferredProvider: o.preferredProvider ?? '',
    },
  };
}

/** The ids of the tasks a tx created, in message order, from its task_created events. */
export function taskIdsFromEvents(events: DeliverTxResponse['events']): bigint[] {
  return events
    .filter((e) => e.type === EVENT.create)
    .map((e) => BigInt(e.attributes.find((a) => a.key === 'task_id')?.value ?? '0'))
    .filter((id) => id > 0n);
}

/** Posts a task and waits for its block; throws if the tx failed. */
export async function createTask(
  client: SigningStargateClient,
  creator: string,
  options: CreateTaskOptions,
  fee: StdFee | 'auto' | number = 'auto',
  memo = '',
): Promise<{ taskId: bigint; txHash: string; height: number }> {
  const res = await client.signAndBroadcast(creator, [createTaskMsg(creator, options)], fee, memo);
  assertIsDeliverTxSuccess(res);
  const [taskId] = taskIdsFromEvents(res.events);
  if (taskId === undefined) throw new Error(`tx ${res.transactionHash} succeeded without a task_created event`);
  return { taskId, txHash: res.transactionHash, height: res.height };
}

/** Where a task ends: nothing changes it after these. */
export const FINAL_STATUSES: readonly TaskStatus[] = [
  TaskStatus.TASK_STATUS_SETTLED,
  TaskStatus.TASK_STATUS_REJECTED,
  TaskStatus.TASK_STATUS_CANCELLED,
  TaskStatus.TASK_STATUS_EXPIRED,
  TaskStatus.TASK_STATUS_FAILED,
];

export interface WaitForTaskOptions {
  /** Return once the task is in one of these (default FINAL_STATUSES). */
  until?: readonly TaskStatus[];
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Time between queries (default 500 ms). */
  pollMs?: number;
}

/** Polls the task until its status is one of `until`; throws at the timeout naming the status it was left in. */
export async function waitForTask(
  queryClient: TasksExtension,
  id: bigint,
  { until = FINAL_STATUSES, timeoutMs = 60_000, pollMs = 500 }: WaitForTaskOptions = {},
): Promise<Task> {
  // A timer rather than a clock read: modules/ never reads the clock (test/unit/app/determinism-lint.test.ts).
  let late = false;
  const timer = setTimeout(() => (late = true), timeoutMs);
  try {
    for (;;) {
      const task = await queryClient.tasks.task(id);
      if (until.includes(task.status)) return task;
      if (late) {
        throw new Error(
          `task ${id} still ${taskStatusToJSON(task.status)} after ${timeoutMs} ms `
            + `(waiting for ${until.map(taskStatusToJSON).join(' or ')})`,
        );
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  } finally {
    clearTimeout(timer);
  }
}

export { TaskStatus, taskStatusFromJSON, taskStatusToJSON } from '../../proto/gen/aichain/tasks/v1/types.js';
export type {
  Task,
  Tensor,
  Result,
  Settlement,
  Params as TasksParams,
} from '../../proto/gen/aichain/tasks/v1/types.js';
