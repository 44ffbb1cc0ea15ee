// CosmJS pieces for gov: the registry types (the same as CosmJS's default registry's gov types — v1 and v1beta1
// submit, deposit, vote, weighted vote, v1 MsgUpdateParams — plus v1 MsgCancelProposal, which CosmJS's list lacks), encode objects, and a v1 query
// extension (CosmJS's stock `gov` extension queries v1beta1; the chain serves both).
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import * as v1 from 'cosmjs-types/cosmos/gov/v1/tx';
import * as v1beta1 from 'cosmjs-types/cosmos/gov/v1beta1/tx';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import {
  QueryClientImpl,
  type QueryParamsResponse,
  type QueryProposalResponse,
  type QueryProposalsResponse,
  type QueryTallyResultResponse,
  type QueryVotesResponse,
  type QueryDepositsResponse,
} from 'cosmjs-types/cosmos/gov/v1/query';

export const govTypes: ReadonlyArray<[string, GeneratedType]> = [
  ['/cosmos.gov.v1.MsgSubmitProposal', v1.MsgSubmitProposal],
  ['/cosmos.gov.v1.MsgDeposit', v1.MsgDeposit],
  ['/cosmos.gov.v1.MsgVote', v1.MsgVote],
  ['/cosmos.gov.v1.MsgVoteWeighted', v1.MsgVoteWeighted],
  ['/cosmos.gov.v1.MsgUpdateParams', v1.MsgUpdateParams],
  ['/cosmos.gov.v1.MsgCancelProposal', v1.MsgCancelProposal],
  ['/cosmos.gov.v1beta1.MsgSubmitProposal', v1beta1.MsgSubmitProposal],
  ['/cosmos.gov.v1beta1.MsgDeposit', v1beta1.MsgDeposit],
  ['/cosmos.gov.v1beta1.MsgVote', v1beta1.MsgVote],
  ['/cosmos.gov.v1beta1.MsgVoteWeighted', v1beta1.MsgVoteWeighted],
];

export interface MsgSubmitProposalV1EncodeObject extends EncodeObject {
  readonly typeUrl: '/cosmos.gov.v1.MsgSubmitProposal';
  readonly value: Partial<v1.MsgSubmitProposal>;
}
export const isMsgSubmitProposalV1EncodeObject = (o: EncodeObject): o is MsgSubmitProposalV1EncodeObject =>
  o.typeUrl === '/cosmos.gov.v1.MsgSubmitProposal';
export interface MsgVoteWeightedV1EncodeObject extends EncodeObject {
  readonly typeUrl: '/cosmos.gov.v1.MsgVoteWeighted';
  readonly value: Partial<v1.MsgVoteWeighted>;
}
export const isMsgVoteWeightedV1EncodeObject = (o: EncodeObject): o is MsgVoteWeightedV1EncodeObject =>
  o.typeUrl === '/cosmos.gov.v1.MsgVoteWeighted';

/** cosmos.gov.v1 queries, as `govV1` on a CosmJS QueryClient. */
export interface GovV1Extension {
  readonly govV1: {
    readonly params: () => Promise<QueryParamsResponse>;
    readonly proposal: (id: bigint) => Promise<QueryProposalResponse>;
    readonly proposals: (status?: ProposalStatus, key?: Uint8Array) => Promise<QueryProposalsResponse>;
    readonly votes: (id: bigint, key?: Uint8Array) => Promise<QueryVotesResponse>;
    readonly deposits: (id: bigint, key?: Uint8Array) => Promise<QueryDepositsResponse>;
    readonly tally: (id: bigint) => Promise<QueryTallyResultResponse>;
  };
}

const page = (key?: Uint8Array) => key && { key, offset: 0n, limit: 0n, countTotal: false, reverse: false };

export function setupGovV1Extension(base: QueryClient): GovV1Extension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    govV1: {
      params: () => q.Params({ paramsType: '' }),
      proposal: (proposalId) => q.Proposal({ proposalId }),
      proposals: (status = ProposalStatus.PROPOSAL_STATUS_UNSPECIFIED, key) =>
        q.Proposals({ proposalStatus: status, voter: '', depositor: '', pagination: page(key) }),
      votes: (proposalId, key) => q.Votes({ proposalId, pagination: page(key) }),
      deposits: (proposalId, key) => q.Deposits({ proposalId, pagination: page(key) }),
      tally: (proposalId) => q.TallyResult({ proposalId }),
    },
  };
}
