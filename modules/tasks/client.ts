// CosmJS pieces for the task market: registry types, encode objects with their guards, and the query extension.
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
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
import { TaskStatus, type Params, type Task } from '../../proto/gen/aichain/tasks/v1/types.js';
import { pageRequest } from '../../chain/types/pagination.js';
import { registryEntry } from '../../proto/registry.js';
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

export { TaskStatus } from '../../proto/gen/aichain/tasks/v1/types.js';
export type {
  Task,
  Tensor,
  Result,
  Settlement,
  Params as TasksParams,
} from '../../proto/gen/aichain/tasks/v1/types.js';
