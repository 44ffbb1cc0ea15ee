// cosmos.gov.v1 and v1beta1 messages with their standard type URLs: validate, check, call the keeper. v1beta1 takes
// text proposals only (its content must be a TextProposal); every other proposal goes through v1's messages.
import * as v1 from 'cosmjs-types/cosmos/gov/v1/tx';
import * as v1beta1 from 'cosmjs-types/cosmos/gov/v1beta1/tx';
import { TextProposal } from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import { parseCoins } from '../../chain/types/coins.js';
import { DEC_ONE, formatDec, parseDec, type Dec } from '../../chain/types/dec.js';
import { VoteOption, type WeightedVoteOption } from '../../proto/gen/aichain/gov/v1/types.js';
import { GOV_AUTHORITY, MAX_METADATA, MAX_SUMMARY, MAX_TITLE, type GovKeeper } from './keeper.js';
import { govErrors } from './errors.js';
import { fromStdParams, validateParams } from './params.js';
import { TEXT_PROPOSAL_URL } from './convert.js';

const V1 = '/cosmos.gov.v1.';
const V1BETA1 = '/cosmos.gov.v1beta1.';

function checkText(title: string, summary: string, metadata: string): void {
  if (metadata.length > MAX_METADATA) throw govErrors.metadataTooLong(`${metadata.length} > ${MAX_METADATA}`);
  if (title.trim() === '') throw govErrors.invalidProposalContent('proposal title cannot be empty');
  if (title.length > MAX_TITLE) throw govErrors.invalidProposalContent(`title longer than ${MAX_TITLE}`);
  if (summary.trim() === '') throw govErrors.invalidProposalContent('proposal summary cannot be empty');
  if (summary.length > MAX_SUMMARY) throw govErrors.summaryTooLong(`${summary.length} > ${MAX_SUMMARY}`);
}

const isOption = (o: number) => o >= VoteOption.VOTE_OPTION_YES && o <= VoteOption.VOTE_OPTION_NO_WITH_VETO;

/** Options distinct and known, weights positive and summing to exactly 1; returned with canonical weights. */
export function checkWeighted(options: Array<{ option: number; weight: Dec }>): WeightedVoteOption[] {
  if (!options.length) throw govErrors.invalidWeightedVote('no options');
  const seen = new Set<number>();
  let sum = 0n;
  for (const o of options) {
    if (!isOption(o.option)) throw govErrors.invalidVote(`option ${o.option}`);
    if (seen.has(o.option)) throw govErrors.invalidWeightedVote(`option ${o.option} listed twice`);
    seen.add(o.option);
    if (o.weight <= 0n || o.weight > DEC_ONE) throw govErrors.invalidWeightedVote(`weight ${formatDec(o.weight)}`);
    sum += o.weight;
  }
  if (sum !== DEC_ONE) throw govErrors.invalidWeightedVote(`weights sum to ${formatDec(sum)}`);
  return options.map((o) => ({ option: o.option as VoteOption, weight: formatDec(o.weight) }));
}

const v1Weight = (w: string): Dec => {
  try {
    return parseDec(w);
  } catch {
    throw govErrors.invalidWeightedVote(`weight ${JSON.stringify(w)} is not a decimal`);
  }
};
/** v1beta1 weights are LegacyDec on the wire: the 18-decimal fixed-point integer. */
const v1beta1Weight = (w: string): Dec => {
  if (!/^[0-9]{1,40}$/.test(w)) throw govErrors.invalidWeightedVote(`weight ${JSON.stringify(w)} is not a LegacyDec`);
  return BigInt(w);
};

export function govMsgs(k: GovKeeper): MsgService[] {
  const submit = msgService<v1.MsgSubmitProposal>({
    typeUrl: `${V1}MsgSubmitProposal`,
    responseTypeUrl: `${V1}MsgSubmitProposalResponse`,
    codec: v1.MsgSubmitProposal,
    signers: (m) => [m.proposer],
    validateBasic(m) {
      parseAddress(m.proposer, undefined, 'proposer');
      parseCoins(m.initialDeposit, { allowEmpty: true });
      checkText(m.title, m.summary, m.metadata);
      k.checkMessages(m.messages);
    },
    handle(ctx, m) {
      const proposalId = k.submitProposal(ctx, m);
      return v1.MsgSubmitProposalResponse.encode({ proposalId }).finish();
    },
  });
  const deposit = msgService<v1.MsgDeposit>({
    typeUrl: `${V1}MsgDeposit`,
    responseTypeUrl: `${V1}MsgDepositResponse`,
    codec: v1.MsgDeposit,
    signers: (m) => [m.depositor],
    validateBasic(m) {
      parseAddress(m.depositor, undefined, 'depositor');
      parseCoins(m.amount);
    },
    handle(ctx, m) {
      k.addDeposit(ctx, m.proposalId, parseAddress(m.depositor), parseCoins(m.amount));
      return v1.MsgDepositResponse.encode({}).finish();
    },
  });
  const vote = msgService<v1.MsgVote>({
    typeUrl: `${V1}MsgVote`,
    responseTypeUrl: `${V1}MsgVoteResponse`,
    codec: v1.MsgVote,
    signers: (m) => [m.voter],
    validateBasic(m) {
      parseAddress(m.voter, undefined, 'voter');
      if (!isOption(m.option)) throw govErrors.invalidVote(`option ${m.option}`);
      if (m.metadata.length > MAX_METADATA) throw govErrors.metadataTooLong();
    },
    handle(ctx, m) {
      k.vote(ctx, m.proposalId, m.voter, checkWeighted([{ option: m.option, weight: DEC_ONE }]), m.metadata);
      return v1.MsgVoteResponse.encode({}).finish();
    },
  });
  const weighted = msgService<v1.MsgVoteWeighted>({
    typeUrl: `${V1}MsgVoteWeighted`,
    responseTypeUrl: `${V1}MsgVoteWeightedResponse`,
    codec: v1.MsgVoteWeighted,
    signers: (m) => [m.voter],
    validateBasic(m) {
      parseAddress(m.voter, undefined, 'voter');
      checkWeighted(m.options.map((o) => ({ option: o.option, weight: v1Weight(o.weight) })));
      if (m.metadata.length > MAX_METADATA) throw govErrors.metadataTooLong();
    },
    handle(ctx, m) {
      const options = checkWeighted(m.options.map((o) => ({ option: o.option, weight: v1Weight(o.weight) })));
      k.vote(ctx, m.proposalId, m.voter, options, m.metadata);
      return v1.MsgVoteWeightedResponse.encode({}).finish();
    },
  });
  const updateParams = msgService<v1.MsgUpdateParams>({
    typeUrl: `${V1}MsgUpdateParams`,
    responseTypeUrl: `${V1}MsgUpdateParamsResponse`,
    codec: v1.MsgUpdateParams,
    signers: (m) => [m.authority],
    validateBasic(m) {
      if (m.authority !== GOV_AUTHORITY) throw govErrors.invalidSigner(`authority ${m.authority}`);
      if (!m.params) throw govErrors.invalidParams('params are required');
      validateParams(fromStdParams(m.params));
    },
    handle(ctx, m) {
      k.setParams(ctx, validateParams(fromStdParams(m.params!)));
      return v1.MsgUpdateParamsResponse.encode({}).finish();
    },
  });
  const cancel = msgService<v1.MsgCancelProposal>({
    typeUrl: `${V1}MsgCancelProposal`,
    responseTypeUrl: `${V1}MsgCancelProposalResponse`,
    codec: v1.MsgCancelProposal,
    signers: (m) => [m.proposer],
    validateBasic(m) {
      parseAddress(m.proposer, undefined, 'proposer');
    },
    handle(ctx, m) {
      k.cancelProposal(ctx, m.proposalId, m.proposer);
      return v1.MsgCancelProposalResponse.encode({
        proposalId: m.proposalId,
        canceledTime: { seconds: ctx.block.time.seconds, nanos: 0 },
        canceledHeight: ctx.block.height,
      }).finish();
    },
  });

  // ---- v1beta1: text proposals, deposits and votes, as CosmJS's stock helpers send them ----
  const textOf = (m: v1beta1.MsgSubmitProposal) => {
    if (!m.content) throw govErrors.invalidProposalContent('content is required');
    if (m.content.typeUrl !== TEXT_PROPOSAL_URL)
      throw govErrors.invalidProposalType(`${m.content.typeUrl}: only ${TEXT_PROPOSAL_URL} is accepted in v1beta1`);
    try {
      return TextProposal.decode(m.content.value);
    } catch {
      throw govErrors.invalidProposalContent('the TextProposal does not decode');
    }
  };
  const submitLegacy = msgService<v1beta1.MsgSubmitProposal>({
    typeUrl: `${V1BETA1}MsgSubmitProposal`,
    responseTypeUrl: `${V1BETA1}MsgSubmitProposalResponse`,
    codec: v1beta1.MsgSubmitProposal,
    signers: (m) => [m.proposer],
    validateBasic(m) {
      parseAddress(m.proposer, undefined, 'proposer');
      parseCoins(m.initialDeposit, { allowEmpty: true });
      const t = textOf(m);
      checkText(t.title, t.description, '');
    },
    handle(ctx, m) {
      const t = textOf(m);
      const proposalId = k.submitProposal(ctx, {
        messages: [],
        initialDeposit: m.initialDeposit,
        proposer: m.proposer,
        metadata: '',
        title: t.title,
        summary: t.description,
        expedited: false,
      });
      return v1beta1.MsgSubmitProposalResponse.encode({ proposalId }).finish();
    },
  });
  const depositLegacy = msgService<v1beta1.MsgDeposit>({
    typeUrl: `${V1BETA1}MsgDeposit`,
    responseTypeUrl: `${V1BETA1}MsgDepositResponse`,
    codec: v1beta1.MsgDeposit,
    signers: (m) => [m.depositor],
    validateBasic(m) {
      parseAddress(m.depositor, undefined, 'depositor');
      parseCoins(m.amount);
    },
    handle(ctx, m) {
      k.addDeposit(ctx, m.proposalId, parseAddress(m.depositor), parseCoins(m.amount));
      return v1beta1.MsgDepositResponse.encode({}).finish();
    },
  });
  const voteLegacy = msgService<v1beta1.MsgVote>({
    typeUrl: `${V1BETA1}MsgVote`,
    responseTypeUrl: `${V1BETA1}MsgVoteResponse`,
    codec: v1beta1.MsgVote,
    signers: (m) => [m.voter],
    validateBasic(m) {
      parseAddress(m.voter, undefined, 'voter');
      if (!isOption(m.option)) throw govErrors.invalidVote(`option ${m.option}`);
    },
    handle(ctx, m) {
      k.vote(ctx, m.proposalId, m.voter, checkWeighted([{ option: m.option, weight: DEC_ONE }]), '');
      return v1beta1.MsgVoteResponse.encode({}).finish();
    },
  });
  const weightedLegacy = msgService<v1beta1.MsgVoteWeighted>({
    typeUrl: `${V1BETA1}MsgVoteWeighted`,
    responseTypeUrl: `${V1BETA1}MsgVoteWeightedResponse`,
    codec: v1beta1.MsgVoteWeighted,
    signers: (m) => [m.voter],
    validateBasic(m) {
      parseAddress(m.voter, undefined, 'voter');
      checkWeighted(m.options.map((o) => ({ option: o.option, weight: v1beta1Weight(o.weight) })));
    },
    handle(ctx, m) {
      const options = checkWeighted(m.options.map((o) => ({ option: o.option, weight: v1beta1Weight(o.weight) })));
      k.vote(ctx, m.proposalId, m.voter, options, '');
      return v1beta1.MsgVoteWeightedResponse.encode({}).finish();
    },
  });
  return [
    submit,
    deposit,
    vote,
    weighted,
    updateParams,
    cancel,
    submitLegacy,
    depositLegacy,
    voteLegacy,
    weightedLegacy,
  ];
}
