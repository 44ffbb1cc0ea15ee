// aichain.models.v1.Query: models and datasets by id or as filtered, paginated lists (in id order), and params.
import {
  QueryDatasetRequest,
  QueryDatasetResponse,
  QueryDatasetsRequest,
  QueryDatasetsResponse,
  QueryModelRequest,
  QueryModelResponse,
  QueryModelsRequest,
  QueryModelsResponse,
  QueryParamsResponse,
} from '../../proto/gen/aichain/models/v1/query.js';
import { Status } from '../../proto/gen/aichain/models/v1/types.js';
import type { QueryService } from '../../chain/types/module.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { parseAddress } from '../../chain/types/address.js';
import { paginate } from '../../chain/types/pagination.js';
import type { ModelsKeeper } from './keeper.js';
import { isId } from './keys.js';

const SERVICE = '/aichain.models.v1.Query/';

function requireQueryId(id: string, what: string): void {
  if (!isId(id)) throw sdkErrors.invalidRequest(`${what} must be 64 lower-case hex characters`);
}

function requireFilter(status: Status, owner: string): void {
  if (
    status !== Status.STATUS_UNSPECIFIED
    && status !== Status.STATUS_ACTIVE
    && status !== Status.STATUS_RETIRED
    && status !== Status.STATUS_SUSPENDED
  )
    throw sdkErrors.invalidRequest(`unknown status filter ${status}`);
  if (owner) parseAddress(owner, undefined, 'owner filter');
}

const matches = (r: { status: Status; owner: string }, status: Status, owner: string) =>
  (status === Status.STATUS_UNSPECIFIED || r.status === status) && (!owner || r.owner === owner);

export function modelsQueries(k: ModelsKeeper): QueryService[] {
  return [
    {
      path: `${SERVICE}Model`,
      handle(ctx, data) {
        const { id, includeBytes } = QueryModelRequest.decode(data);
        requireQueryId(id, 'model id');
        const model = k.getModel(ctx, id);
        if (!model) throw sdkErrors.keyNotFound(`rpc error: code = NotFound desc = model ${id}`);
        const bytes = includeBytes ? (k.getModelBytes(ctx, id) ?? new Uint8Array()) : new Uint8Array();
        return QueryModelResponse.encode({ model, bytes }).finish();
      },
    },
    {
      path: `${SERVICE}Models`,
      handle(ctx, data) {
        const { status, owner, pagination } = QueryModelsRequest.decode(data);
        requireFilter(status, owner);
        const page = paginate(k.state.models.store(ctx), pagination, (e) => {
          const [, m] = k.state.models.entry(e);
          return matches(m, status, owner) ? m : undefined;
        });
        return QueryModelsResponse.encode({ models: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Dataset`,
      handle(ctx, data) {
        const { id } = QueryDatasetRequest.decode(data);
        requireQueryId(id, 'dataset id');
        const dataset = k.getDataset(ctx, id);
        if (!dataset) throw sdkErrors.keyNotFound(`rpc error: code = NotFound desc = dataset ${id}`);
        return QueryDatasetResponse.encode({ dataset }).finish();
      },
    },
    {
      path: `${SERVICE}Datasets`,
      handle(ctx, data) {
        const { status, owner, pagination } = QueryDatasetsRequest.decode(data);
        requireFilter(status, owner);
        const page = paginate(k.state.datasets.store(ctx), pagination, (e) => {
          const [, d] = k.state.datasets.entry(e);
          return matches(d, status, owner) ? d : undefined;
        });
        return QueryDatasetsResponse.encode({ datasets: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Params`,
      handle(ctx) {
        return QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish();
      },
    },
  ];
}
