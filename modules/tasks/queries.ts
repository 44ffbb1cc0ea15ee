// aichain.tasks.v1.Query: a task by id; tasks by status, creator, provider or model (optionally with a status),
// each a paginated walk of its index (never a scan of every task); params; counts and settled volume.
import {
  QueryParamsResponse,
  QueryStatsResponse,
  QueryTaskRequest,
  QueryTaskResponse,
  QueryTasksByCreatorRequest,
  QueryTasksByModelRequest,
  QueryTasksByProviderRequest,
  QueryTasksByStatusRequest,
  QueryTasksResponse,
} from '../../proto/gen/aichain/tasks/v1/query.js';
import { TaskStatus, type Task } from '../../proto/gen/aichain/tasks/v1/types.js';
import type { QueryService } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import type { Entry } from '../../chain/store/types.js';
import type { KeySet } from '../../chain/store/collections/index.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { parseAddress, PROVIDER_PREFIX } from '../../chain/types/address.js';
import { paginate } from '../../chain/types/pagination.js';
import type { TasksKeeper } from './keeper.js';

const SERVICE = '/aichain.tasks.v1.Query/';
const MODEL_ID = /^[0-9a-f]{64}$/;

function requireStatus(s: TaskStatus, allowAny: boolean): void {
  const known = s >= TaskStatus.TASK_STATUS_OPEN && s <= TaskStatus.TASK_STATUS_FAILED;
  if (!known && !(allowAny && s === TaskStatus.TASK_STATUS_UNSPECIFIED))
    throw sdkErrors.invalidRequest(`unknown status ${s}`);
}

export function tasksQueries(k: TasksKeeper): QueryService[] {
  /** A page of tasks from an index whose keys end in the task id, under a leading part of its key. */
  function page<K extends unknown[]>(
    ctx: Context,
    set: KeySet<K>,
    under: unknown[],
    pagination: Parameters<typeof paginate>[1],
  ) {
    const p = paginate(set.map.store(ctx, under as never), pagination, (e: Entry) => {
      const [key] = set.map.entry(e, under as never);
      const t = k.getTask(ctx, key[key.length - 1] as bigint);
      return t && k.withInputs(ctx, t);
    });
    return QueryTasksResponse.encode({ tasks: p.items as Task[], pagination: p.pagination }).finish();
  }

  return [
    {
      path: `${SERVICE}Task`,
      handle(ctx, data) {
        const { id } = QueryTaskRequest.decode(data);
        const task = k.getTask(ctx, id);
        if (!task) throw sdkErrors.keyNotFound(`rpc error: code = NotFound desc = task ${id}`);
        return QueryTaskResponse.encode({ task: k.withInputs(ctx, task) }).finish();
      },
    },
    {
      path: `${SERVICE}TasksByStatus`,
      handle(ctx, data) {
        const { status, pagination } = QueryTasksByStatusRequest.decode(data);
        requireStatus(status, false);
        return page(ctx, k.state.byStatus, [status], pagination);
      },
    },
    {
      path: `${SERVICE}TasksByCreator`,
      handle(ctx, data) {
        const { creator, pagination } = QueryTasksByCreatorRequest.decode(data);
        return page(ctx, k.state.byCreator, [parseAddress(creator, undefined, 'creator')], pagination);
      },
    },
    {
      path: `${SERVICE}TasksByProvider`,
      handle(ctx, data) {
        const { provider, pagination } = QueryTasksByProviderRequest.decode(data);
        return page(ctx, k.state.byProvider, [parseAddress(provider, PROVIDER_PREFIX, 'provider')], pagination);
      },
    },
    {
      path: `${SERVICE}TasksByModel`,
      handle(ctx, data) {
        const { modelId, status, pagination } = QueryTasksByModelRequest.decode(data);
        if (!MODEL_ID.test(modelId)) throw sdkErrors.invalidRequest('model id must be 64 lower-case hex characters');
        requireStatus(status, true);
        return page(
          ctx,
          k.state.byModel,
          status === TaskStatus.TASK_STATUS_UNSPECIFIED ? [modelId] : [modelId, status],
          pagination,
        );
      },
    },
    {
      path: `${SERVICE}Params`,
      handle(ctx) {
        return QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish();
      },
    },
    {
      path: `${SERVICE}Stats`,
      handle(ctx) {
        const counts = [...k.state.statusCount.entries(ctx)].map(([status, count]) => ({ status, count }));
        return QueryStatsResponse.encode({ counts, volume: k.volumes(ctx), nextId: k.nextId(ctx) }).finish();
      },
    },
  ];
}
