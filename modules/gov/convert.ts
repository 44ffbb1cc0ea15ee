// Stored records (times in unix seconds) as the standard cosmos.gov.v1 and v1beta1 types the queries answer with.
// v1beta1 carries a proposal's title and summary as a TextProposal content, and vote weights as the SDK's LegacyDec
// wire form (the 18-decimal fixed-point integer, "500000000000000000" for 0.5), as the SDK encodes them.
import * as v1 from 'cosmjs-types/cosmos/gov/v1/gov';
import * as v1beta1 from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { Deposit, Proposal, TallyResult, Vote } from '../../proto/gen/aichain/gov/v1/types.js';
import { parseDec } from '../../chain/types/dec.js';

export const TEXT_PROPOSAL_URL = '/cosmos.gov.v1beta1.TextProposal';

const time = (s: bigint): Timestamp | undefined => (s === 0n ? undefined : { seconds: s, nanos: 0 });
export const emptyTally = (): TallyResult => ({ yesCount: '0', abstainCount: '0', noCount: '0', noWithVetoCount: '0' });

export function toV1Proposal(p: Proposal): v1.Proposal {
  return {
    id: p.id,
    messages: p.messages.map((m) => ({ typeUrl: m.typeUrl, value: m.value })),
    status: p.status as number as v1.ProposalStatus,
    finalTallyResult: { ...emptyTally(), ...p.finalTallyResult },
    submitTime: time(p.submitTime),
    depositEndTime: time(p.depositEndTime),
    totalDeposit: p.totalDeposit,
    votingStartTime: time(p.votingStartTime),
    votingEndTime: time(p.votingEndTime),
    metadata: p.metadata,
    title: p.title,
    summary: p.summary,
    proposer: p.proposer,
    expedited: p.expedited,
    failedReason: p.failedReason,
  };
}

export function toV1beta1Tally(t: TallyResult | undefined): v1beta1.TallyResult {
  const x = { ...emptyTally(), ...t };
  return { yes: x.yesCount, abstain: x.abstainCount, no: x.noCount, noWithVeto: x.noWithVetoCount };
}

export function toV1beta1Proposal(p: Proposal): v1beta1.Proposal {
  const content = v1beta1.TextProposal.encode({ title: p.title, description: p.summary }).finish();
  return {
    proposalId: p.id,
    content: { typeUrl: TEXT_PROPOSAL_URL, value: content },
    status: p.status as number as v1beta1.ProposalStatus,
    finalTallyResult: toV1beta1Tally(p.finalTallyResult),
    submitTime: time(p.submitTime) ?? { seconds: 0n, nanos: 0 },
    depositEndTime: time(p.depositEndTime) ?? { seconds: 0n, nanos: 0 },
    totalDeposit: p.totalDeposit,
    votingStartTime: time(p.votingStartTime) ?? { seconds: 0n, nanos: 0 },
    votingEndTime: time(p.votingEndTime) ?? { seconds: 0n, nanos: 0 },
  };
}

export const toV1Vote = (v: Vote): v1.Vote => ({
  proposalId: v.proposalId,
  voter: v.voter,
  options: v.options.map((o) => ({ option: o.option as number as v1.VoteOption, weight: o.weight })),
  metadata: v.metadata,
});

export function toV1beta1Vote(v: Vote): v1beta1.Vote {
  const single = v.options.length === 1 ? (v.options[0].option as number) : 0;
  return {
    proposalId: v.proposalId,
    voter: v.voter,
    option: single as v1beta1.VoteOption,
    options: v.options.map((o) => ({
      option: o.option as number as v1beta1.VoteOption,
      weight: parseDec(o.weight).toString(),
    })),
  };
}

export const toStdDeposit = (d: Deposit) => ({ proposalId: d.proposalId, depositor: d.depositor, amount: d.amount });
