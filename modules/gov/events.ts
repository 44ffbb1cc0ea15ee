// The gov module's events, named as the Cosmos SDK's x/gov names them (type + string attributes, indexed).
import type { Context } from '../../chain/types/context.js';

export const EVENT = {
  submitProposal: 'submit_proposal',
  proposalDeposit: 'proposal_deposit',
  proposalVote: 'proposal_vote',
  inactiveProposal: 'inactive_proposal',
  activeProposal: 'active_proposal',
  cancelProposal: 'cancel_proposal',
} as const;

export const emitSubmitProposal = (ctx: Context, id: bigint, messages: string, votingStarted: boolean) =>
  ctx.events.emit(EVENT.submitProposal, [
    ['proposal_id', id.toString()],
    ['proposal_messages', messages],
    ...(votingStarted ? [['voting_period_start', id.toString()] as [string, string]] : []),
  ]);
export const emitDeposit = (ctx: Context, id: bigint, depositor: string, amount: string) =>
  ctx.events.emit(EVENT.proposalDeposit, [
    ['proposal_id', id.toString()],
    ['depositor', depositor],
    ['amount', amount],
  ]);
export const emitVotingStarted = (ctx: Context, id: bigint) =>
  ctx.events.emit(EVENT.proposalDeposit, [['voting_period_start', id.toString()]]);
export const emitVote = (ctx: Context, id: bigint, voter: string, option: string) =>
  ctx.events.emit(EVENT.proposalVote, [
    ['proposal_id', id.toString()],
    ['voter', voter],
    ['option', option],
  ]);
/** A proposal dropped for want of its deposit. */
export const emitDropped = (ctx: Context, id: bigint) =>
  ctx.events.emit(EVENT.inactiveProposal, [
    ['proposal_id', id.toString()],
    ['proposal_result', 'proposal_dropped'],
  ]);
/** The end of a voting period: the result, and the failure reason when the messages failed. */
export const emitResult = (ctx: Context, id: bigint, result: string, log = '') =>
  ctx.events.emit(EVENT.activeProposal, [
    ['proposal_id', id.toString()],
    ['proposal_result', result],
    ...(log ? [['proposal_log', log] as [string, string]] : []),
  ]);
export const emitCancel = (ctx: Context, id: bigint, proposer: string) =>
  ctx.events.emit(EVENT.cancelProposal, [
    ['proposal_id', id.toString()],
    ['sender', proposer],
  ]);
