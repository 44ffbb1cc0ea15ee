// cosmos.gov.v1.Query and cosmos.gov.v1beta1.Query (what CosmJS's stock GovExtension calls): proposals (by status
// through the status index, optionally only those a voter voted on or a depositor funded), votes, deposits, the
// tally (live during voting, final after), params. Lists are paginated walks of one key range.
import * as q1 from 'cosmjs-types/cosmos/gov/v1/query';
import * as qb from 'cosmjs-types/cosmos/gov/v1beta1/query';
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { ProposalStatus, type Proposal, type TallyResult } from '../../proto/gen/aichain/gov/v1/types.js';
import type { QueryService } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import type { Entry } from '../../chain/store/types.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { parseAddress } from '../../chain/types/address.js';
import { paginate } from '../../chain/types/pagination.js';
import { utf8 } from '../../chain/store/bytes.js';
import { parseDec } from '../../chain/types/dec.js';
import type { GovKeeper } from './keeper.js';
import { decide } from './tally.js';
import { toStdParams } from './params.js';
import { toStdDeposit, toV1beta1Proposal, toV1beta1Tally, toV1beta1Vote, toV1Proposal, toV1Vote } from './convert.js';

const V1 = '/cosmos.gov.v1.Query/';
const V1BETA1 = '/cosmos.gov.v1beta1.Query/';
const notFound = (what: string) => sdkErrors.keyNotFound(`rpc error: code = NotFound desc = ${what}`);

export function govQueries(k: GovKeeper): QueryService[] {
  const proposal = (ctx: Context, id: bigint) => {
    if (id === 0n) throw sdkErrors.invalidRequest('proposal id can not be 0');
    const p = k.getProposal(ctx, id);
    if (!p) throw notFound(`proposal ${id} doesn't exist`);
    return p;
  };
  /** A page of proposals, by status when one is given; voter/depositor keep only those they voted on / funded. */
  function proposals(
    ctx: Context,
    req: { proposalStatus: number; voter: string; depositor: string; pagination?: PageRequest },
  ) {
    const voter = req.voter ? parseAddress(req.voter, undefined, 'voter') : undefined;
    const depositor = req.depositor ? parseAddress(req.depositor, undefined, 'depositor') : undefined;
    const keep = (p: Proposal | undefined) =>
      p
      && (!voter || k.getVote(ctx, p.id, voter) !== undefined)
      && (!depositor || k.getDeposit(ctx, p.id, depositor) !== undefined)
        ? p
        : undefined;
    const status = req.proposalStatus;
    if (status < 0 || status > ProposalStatus.PROPOSAL_STATUS_FAILED)
      throw sdkErrors.invalidRequest(`unknown proposal status ${status}`);
    if (status === ProposalStatus.PROPOSAL_STATUS_UNSPECIFIED) {
      const map = k.state.proposals;
      return paginate(map.store(ctx), req.pagination, (e: Entry) => keep(map.entry(e)[1]));
    }
    const set = k.state.byStatus;
    return paginate(set.map.store(ctx, [status] as never), req.pagination, (e: Entry) => {
      const [key] = set.map.entry(e, [status] as never);
      return keep(k.getProposal(ctx, key[1]));
    });
  }
  /** The live tally in the voting period, the final one after. */
  function tally(ctx: Context, id: bigint): TallyResult {
    const p = proposal(ctx, id);
    if (p.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD)
      return { yesCount: '0', abstainCount: '0', noCount: '0', noWithVetoCount: '0' };
    if (p.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) return p.finalTallyResult!;
    return decide(k.getParams(ctx), k.tally(ctx, id), p.expedited).result;
  }
  const votes = (ctx: Context, id: bigint, pagination?: PageRequest) => {
    proposal(ctx, id);
    const map = k.state.votes;
    return paginate(map.store(ctx, [id] as never), pagination, (e: Entry) => map.entry(e, [id] as never)[1]);
  };
  const vote = (ctx: Context, id: bigint, voter: string) => {
    const v = k.getVote(ctx, id, parseAddress(voter, undefined, 'voter'));
    if (!v) throw notFound(`voter: ${voter} not found for proposal: ${id}`);
    return v;
  };
  const deposits = (ctx: Context, id: bigint, pagination?: PageRequest) => {
    proposal(ctx, id);
    const map = k.state.deposits;
    return paginate(map.store(ctx, [id] as never), pagination, (e: Entry) =>
      toStdDeposit(map.entry(e, [id] as never)[1]),
    );
  };
  const deposit = (ctx: Context, id: bigint, depositor: string) => {
    const d = k.getDeposit(ctx, id, parseAddress(depositor, undefined, 'depositor'));
    if (!d) throw notFound(`depositor: ${depositor} not found for proposal: ${id}`);
    return toStdDeposit(d);
  };

  const v1: QueryService[] = [
    { path: `${V1}Constitution`, handle: () => q1.QueryConstitutionResponse.encode({ constitution: '' }).finish() },
    {
      path: `${V1}Proposal`,
      handle(ctx, data) {
        const p = proposal(ctx, q1.QueryProposalRequest.decode(data).proposalId);
        return q1.QueryProposalResponse.encode({ proposal: toV1Proposal(p) }).finish();
      },
    },
    {
      path: `${V1}Proposals`,
      handle(ctx, data) {
        const r = proposals(ctx, q1.QueryProposalsRequest.decode(data));
        return q1.QueryProposalsResponse.encode({
          proposals: r.items.map(toV1Proposal),
          pagination: r.pagination,
        }).finish();
      },
    },
    {
      path: `${V1}Vote`,
      handle(ctx, data) {
        const req = q1.QueryVoteRequest.decode(data);
        return q1.QueryVoteResponse.encode({ vote: toV1Vote(vote(ctx, req.proposalId, req.voter)) }).finish();
      },
    },
    {
      path: `${V1}Votes`,
      handle(ctx, data) {
        const req = q1.QueryVotesRequest.decode(data);
        const r = votes(ctx, req.proposalId, req.pagination);
        return q1.QueryVotesResponse.encode({ votes: r.items.map(toV1Vote), pagination: r.pagination }).finish();
      },
    },
    {
      path: `${V1}Params`,
      handle(ctx) {
        const p = toStdParams(k.getParams(ctx));
        return q1.QueryParamsResponse.encode({
          params: p,
          depositParams: { minDeposit: p.minDeposit, maxDepositPeriod: p.maxDepositPeriod },
          votingParams: { votingPeriod: p.votingPeriod },
          tallyParams: { quorum: p.quorum, threshold: p.threshold, vetoThreshold: p.vetoThreshold },
        }).finish();
      },
    },
    {
      path: `${V1}Deposit`,
      handle(ctx, data) {
        const req = q1.QueryDepositRequest.decode(data);
        return q1.QueryDepositResponse.encode({ deposit: deposit(ctx, req.proposalId, req.depositor) }).finish();
      },
    },
    {
      path: `${V1}Deposits`,
      handle(ctx, data) {
        const req = q1.QueryDepositsRequest.decode(data);
        const r = deposits(ctx, req.proposalId, req.pagination);
        return q1.QueryDepositsResponse.encode({ deposits: r.items, pagination: r.pagination }).finish();
      },
    },
    {
      path: `${V1}TallyResult`,
      handle(ctx, data) {
        const t = tally(ctx, q1.QueryTallyResultRequest.decode(data).proposalId);
        return q1.QueryTallyResultResponse.encode({ tally: t }).finish();
      },
    },
  ];

  // LegacyDec params travel as the bytes of their fixed-point integer, as the SDK marshals them.
  const legacyDec = (s: string) => utf8(parseDec(s).toString());
  const v1beta1: QueryService[] = [
    {
      path: `${V1BETA1}Proposal`,
      handle(ctx, data) {
        const p = proposal(ctx, qb.QueryProposalRequest.decode(data).proposalId);
        return qb.QueryProposalResponse.encode({ proposal: toV1beta1Proposal(p) }).finish();
      },
    },
    {
      path: `${V1BETA1}Proposals`,
      handle(ctx, data) {
        const r = proposals(ctx, qb.QueryProposalsRequest.decode(data));
        return qb.QueryProposalsResponse.encode({
          proposals: r.items.map(toV1beta1Proposal),
          pagination: r.pagination,
        }).finish();
      },
    },
    {
      path: `${V1BETA1}Vote`,
      handle(ctx, data) {
        const req = qb.QueryVoteRequest.decode(data);
        return qb.QueryVoteResponse.encode({ vote: toV1beta1Vote(vote(ctx, req.proposalId, req.voter)) }).finish();
      },
    },
    {
      path: `${V1BETA1}Votes`,
      handle(ctx, data) {
        const req = qb.QueryVotesRequest.decode(data);
        const r = votes(ctx, req.proposalId, req.pagination);
        return qb.QueryVotesResponse.encode({ votes: r.items.map(toV1beta1Vote), pagination: r.pagination }).finish();
      },
    },
    {
      path: `${V1BETA1}Params`,
      handle(ctx) {
        const p = toStdParams(k.getParams(ctx));
        return qb.QueryParamsResponse.encode({
          depositParams: { minDeposit: p.minDeposit, maxDepositPeriod: p.maxDepositPeriod! },
          votingParams: { votingPeriod: p.votingPeriod! },
          tallyParams: {
            quorum: legacyDec(p.quorum),
            threshold: legacyDec(p.threshold),
            vetoThreshold: legacyDec(p.vetoThreshold),
          },
        }).finish();
      },
    },
    {
      path: `${V1BETA1}Deposit`,
      handle(ctx, data) {
        const req = qb.QueryDepositRequest.decode(data);
        return qb.QueryDepositResponse.encode({ deposit: deposit(ctx, req.proposalId, req.depositor) }).finish();
      },
    },
    {
      path: `${V1BETA1}Deposits`,
      handle(ctx, data) {
        const req = qb.QueryDepositsRequest.decode(data);
        const r = deposits(ctx, req.proposalId, req.pagination);
        return qb.QueryDepositsResponse.encode({ deposits: r.items, pagination: r.pagination }).finish();
      },
    },
    {
      path: `${V1BETA1}TallyResult`,
      handle(ctx, data) {
        const t = tally(ctx, qb.QueryTallyResultRequest.decode(data).proposalId);
        return qb.QueryTallyResultResponse.encode({ tally: toV1beta1Tally(t) }).finish();
      },
    },
  ];
  return [...v1, ...v1beta1];
}
