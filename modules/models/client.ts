// CosmJS pieces for the models module: registry types, encode objects with their guards, and the query extension.
import { pageRequest } from '../../chain/types/pagination.js';
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  MsgRegisterDataset,
  MsgRegisterModel,
  MsgRetireDataset,
  MsgRetireModel,
} from '../../proto/gen/aichain/models/v1/tx.js';
import {
  QueryClientImpl,
  type QueryDatasetsResponse,
  type QueryModelResponse,
  type QueryModelsResponse,
  type PageRequest,
} from '../../proto/gen/aichain/models/v1/query.js';
import { Status, type Dataset, type Params } from '../../proto/gen/aichain/models/v1/types.js';
import { registryEntry } from '../../proto/registry.js';
import {
  MsgReinstateModel,
  MsgSuspendModel,
  MsgUpdateParams as ModelsMsgUpdateParams,
} from '../../proto/gen/aichain/models/v1/tx.js';

export const modelsTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry('/aichain.models.v1.MsgRegisterModel', MsgRegisterModel),
  registryEntry('/aichain.models.v1.MsgRegisterDataset', MsgRegisterDataset),
  registryEntry('/aichain.models.v1.MsgRetireModel', MsgRetireModel),
  registryEntry('/aichain.models.v1.MsgRetireDataset', MsgRetireDataset),
  registryEntry('/aichain.models.v1.MsgUpdateParams', ModelsMsgUpdateParams),
  registryEntry('/aichain.models.v1.MsgSuspendModel', MsgSuspendModel),
  registryEntry('/aichain.models.v1.MsgReinstateModel', MsgReinstateModel),
];

export interface MsgRegisterModelEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.models.v1.MsgRegisterModel';
  readonly value: Partial<MsgRegisterModel>;
}
export const isMsgRegisterModelEncodeObject = (o: EncodeObject): o is MsgRegisterModelEncodeObject =>
  o.typeUrl === '/aichain.models.v1.MsgRegisterModel';

export interface MsgRegisterDatasetEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.models.v1.MsgRegisterDataset';
  readonly value: Partial<MsgRegisterDataset>;
}
export const isMsgRegisterDatasetEncodeObject = (o: EncodeObject): o is MsgRegisterDatasetEncodeObject =>
  o.typeUrl === '/aichain.models.v1.MsgRegisterDataset';

export interface MsgRetireModelEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.models.v1.MsgRetireModel';
  readonly value: Partial<MsgRetireModel>;
}
export const isMsgRetireModelEncodeObject = (o: EncodeObject): o is MsgRetireModelEncodeObject =>
  o.typeUrl === '/aichain.models.v1.MsgRetireModel';

export interface MsgRetireDatasetEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.models.v1.MsgRetireDataset';
  readonly value: Partial<MsgRetireDataset>;
}
export const isMsgRetireDatasetEncodeObject = (o: EncodeObject): o is MsgRetireDatasetEncodeObject =>
  o.typeUrl === '/aichain.models.v1.MsgRetireDataset';

export interface ModelsExtension {
  readonly models: {
    /** One model; with `includeBytes` its ONNX bytes too. Rejects when the model is unknown. */
    readonly model: (id: string, includeBytes?: boolean) => Promise<QueryModelResponse>;
    /** A page of models (no bytes), optionally only one status and/or owner. */
    readonly models: (filter?: {
      status?: Status;
      owner?: string;
      pagination?: Partial<PageRequest>;
    }) => Promise<QueryModelsResponse>;
    readonly dataset: (id: string) => Promise<Dataset>;
    readonly datasets: (filter?: {
      status?: Status;
      owner?: string;
      pagination?: Partial<PageRequest>;
    }) => Promise<QueryDatasetsResponse>;
    readonly params: () => Promise<Params>;
  };
}

const page = pageRequest;

export function setupModelsExtension(base: QueryClient): ModelsExtension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    models: {
      model: (id, includeBytes = false) => q.Model({ id, includeBytes }),
      models: (f = {}) =>
        q.Models({
          status: f.status ?? Status.STATUS_UNSPECIFIED,
          owner: f.owner ?? '',
          pagination: page(f.pagination),
        }),
      dataset: async (id) => (await q.Dataset({ id })).dataset!,
      datasets: (f = {}) =>
        q.Datasets({
          status: f.status ?? Status.STATUS_UNSPECIFIED,
          owner: f.owner ?? '',
          pagination: page(f.pagination),
        }),
      params: async () => (await q.Params({})).params!,
    },
  };
}

export { ComparisonRule, Status, BondKind } from '../../proto/gen/aichain/models/v1/types.js';
export type {
  Model,
  Dataset,
  ModelSpec,
  TensorSpec,
  DatasetShare,
  Params as ModelsParams,
} from '../../proto/gen/aichain/models/v1/types.js';
