// CosmJS pieces for the staking module: registry types, encode objects with their guards, and the query extension.
import { pageRequest } from '../../chain/types/pagination.js';
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  MsgCreateValidator,
  MsgDelegate,
  MsgDeregisterProvider,
  MsgEditValidator,
  MsgRedelegate,
  MsgRegisterProvider,
  MsgUndelegate,
  MsgUnjail,
  MsgUnjailProvider,
  MsgUpdateProvider,
} from '../../proto/gen/aichain/staking/v1/tx.js';
import {
  QueryClientImpl,
  type DelegationResponse,
  type PageRequest,
  type QueryDelegationsResponse,
  type QueryRedelegationsResponse,
  type QuerySlashHistoryResponse,
  type QueryUnbondingDelegationsResponse,
  type QueryValidatorsResponse,
  type QueryProviderResponse,
  type QueryProvidersResponse,
} from '../../proto/gen/aichain/staking/v1/query.js';
import {
  BondStatus,
  type Params,
  type Pool,
  type Validator,
  type ValidatorSigningInfo,
} from '../../proto/gen/aichain/staking/v1/types.js';
import { registryEntry } from '../../proto/registry.js';
import { MsgUpdateParams as StakingMsgUpdateParams } from '../../proto/gen/aichain/staking/v1/tx.js';

const T = '/aichain.staking.v1.';
export const stakingTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry(`${T}MsgCreateValidator`, MsgCreateValidator),
  registryEntry(`${T}MsgEditValidator`, MsgEditValidator),
  registryEntry(`${T}MsgDelegate`, MsgDelegate),
  registryEntry(`${T}MsgUndelegate`, MsgUndelegate),
  registryEntry(`${T}MsgRedelegate`, MsgRedelegate),
  registryEntry(`${T}MsgUnjail`, MsgUnjail),
  registryEntry(`${T}MsgRegisterProvider`, MsgRegisterProvider),
  registryEntry(`${T}MsgUpdateProvider`, MsgUpdateProvider),
  registryEntry(`${T}MsgDeregisterProvider`, MsgDeregisterProvider),
  registryEntry(`${T}MsgUnjailProvider`, MsgUnjailProvider),
  registryEntry(`${T}MsgUpdateParams`, StakingMsgUpdateParams),
];

export interface MsgCreateValidatorEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgCreateValidator';
  readonly value: Partial<MsgCreateValidator>;
}
export const isMsgCreateValidatorEncodeObject = (o: EncodeObject): o is MsgCreateValidatorEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgCreateValidator';

export interface MsgEditValidatorEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgEditValidator';
  readonly value: Partial<MsgEditValidator>;
}
export const isMsgEditValidatorEncodeObject = (o: EncodeObject): o is MsgEditValidatorEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgEditValidator';

export interface AichainMsgDelegateEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgDelegate';
  readonly value: Partial<MsgDelegate>;
}
export const isAichainMsgDelegateEncodeObject = (o: EncodeObject): o is AichainMsgDelegateEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgDelegate';

export interface AichainMsgUndelegateEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgUndelegate';
  readonly value: Partial<MsgUndelegate>;
}
export const isAichainMsgUndelegateEncodeObject = (o: EncodeObject): o is AichainMsgUndelegateEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgUndelegate';

export interface MsgRedelegateEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgRedelegate';
  readonly value: Partial<MsgRedelegate>;
}
export const isMsgRedelegateEncodeObject = (o: EncodeObject): o is MsgRedelegateEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgRedelegate';

export interface MsgUnjailEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgUnjail';
  readonly value: Partial<MsgUnjail>;
}
export const isMsgUnjailEncodeObject = (o: EncodeObject): o is MsgUnjailEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgUnjail';

export interface MsgRegisterProviderEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgRegisterProvider';
  readonly value: Partial<MsgRegisterProvider>;
}
export const isMsgRegisterProviderEncodeObject = (o: EncodeObject): o is MsgRegisterProviderEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgRegisterProvider';

export interface MsgUpdateProviderEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgUpdateProvider';
  readonly value: Partial<MsgUpdateProvider>;
}
export const isMsgUpdateProviderEncodeObject = (o: EncodeObject): o is MsgUpdateProviderEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgUpdateProvider';

export interface MsgDeregisterProviderEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgDeregisterProvider';
  readonly value: Partial<MsgDeregisterProvider>;
}
export const isMsgDeregisterProviderEncodeObject = (o: EncodeObject): o is MsgDeregisterProviderEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgDeregisterProvider';

export interface MsgUnjailProviderEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.staking.v1.MsgUnjailProvider';
  readonly value: Partial<MsgUnjailProvider>;
}
export const isMsgUnjailProviderEncodeObject = (o: EncodeObject): o is MsgUnjailProviderEncodeObject =>
  o.typeUrl === '/aichain.staking.v1.MsgUnjailProvider';

export interface AichainStakingExtension {
  readonly aichainStaking: {
    /** One validator; rejects when unknown. */
    readonly validator: (validatorAddress: string) => Promise<Validator>;
    /** A page of validators, optionally of one status. */
    readonly validators: (status?: BondStatus, pagination?: Partial<PageRequest>) => Promise<QueryValidatorsResponse>;
    readonly delegation: (delegatorAddress: string, validatorAddress: string) => Promise<DelegationResponse>;
    readonly delegatorDelegations: (
      delegatorAddress: string,
      pagination?: Partial<PageRequest>,
    ) => Promise<QueryDelegationsResponse>;
    readonly validatorDelegations: (
      validatorAddress: string,
      pagination?: Partial<PageRequest>,
    ) => Promise<QueryDelegationsResponse>;
    readonly unbondingDelegations: (
      delegatorAddress: string,
      pagination?: Partial<PageRequest>,
    ) => Promise<QueryUnbondingDelegationsResponse>;
    readonly redelegations: (
      delegatorAddress: string,
      pagination?: Partial<PageRequest>,
    ) => Promise<QueryRedelegationsResponse>;
    readonly params: () => Promise<Params>;
    readonly pool: () => Promise<Pool>;
    /** A validator's liveness and jail record; rejects when it has none yet. */
    readonly signingInfo: (validatorAddress: string) => Promise<ValidatorSigningInfo>;
    /** A page of slash records, of one validator or (empty address) of all. */
    readonly slashHistory: (
      validatorAddress?: string,
      pagination?: Partial<PageRequest>,
    ) => Promise<QuerySlashHistoryResponse>;
    /** One compute provider (by aiprov1… or its operator's ai1… address) with its standing; rejects when unknown. */
    readonly provider: (providerAddress: string) => Promise<QueryProviderResponse>;
    /** A page of providers: BONDED the registered ones, UNBONDED the deregistering ones, UNSPECIFIED all. */
    readonly providers: (status?: BondStatus, pagination?: Partial<PageRequest>) => Promise<QueryProvidersResponse>;
  };
}

const page = pageRequest;

/** Named `aichainStaking` so it does not clash with CosmJS's standard `staking` extension. */
export function setupAichainStakingExtension(base: QueryClient): AichainStakingExtension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    aichainStaking: {
      validator: async (validatorAddress) => (await q.Validator({ validatorAddress })).validator!,
      validators: (status = BondStatus.BOND_STATUS_UNSPECIFIED, p) => q.Validators({ status, pagination: page(p) }),
      delegation: async (delegatorAddress, validatorAddress) =>
        (await q.Delegation({ delegatorAddress, validatorAddress })).delegationResponse!,
      delegatorDelegations: (delegatorAddress, p) => q.DelegatorDelegations({ delegatorAddress, pagination: page(p) }),
      validatorDelegations: (validatorAddress, p) => q.ValidatorDelegations({ validatorAddress, pagination: page(p) }),
      unbondingDelegations: (delegatorAddress, p) => q.UnbondingDelegations({ delegatorAddress, pagination: page(p) }),
      redelegations: (delegatorAddress, p) => q.Redelegations({ delegatorAddress, pagination: page(p) }),
      params: async () => (await q.Params({})).params!,
      pool: async () => (await q.Pool({})).pool!,
      signingInfo: async (validatorAddress) => (await q.SigningInfo({ validatorAddress })).signingInfo!,
      slashHistory: (validatorAddress = '', p) => q.SlashHistory({ validatorAddress, pagination: page(p) }),
      provider: (providerAddress) => q.Provider({ providerAddress }),
      providers: (status = BondStatus.BOND_STATUS_UNSPECIFIED, p) => q.Providers({ status, pagination: page(p) }),
    },
  };
}

export { BondStatus } from '../../proto/gen/aichain/staking/v1/types.js';
export type {
  Validator as StakingValidator,
  Delegation as StakingDelegation,
  UnbondingDelegation,
  Redelegation,
  Params as StakingParams,
  Pool as StakingPool,
  CommissionRates,
  ValidatorSigningInfo,
  SlashRecord,
  Provider,
} from '../../proto/gen/aichain/staking/v1/types.js';
export type {
  ProviderStanding,
  QueryProviderResponse,
  QueryProvidersResponse,
} from '../../proto/gen/aichain/staking/v1/query.js';
