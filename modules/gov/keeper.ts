// Governance: proposals carrying messages the gov authority executes when they pass, deposits held in the gov module
// account, votes, and the end-block walk of the two time queues (deposit expiry, then the end of voting: tally,
// execution, deposits refunded or burnt). Every amount is a bigint; every time is block time in whole seconds.
import type { Any } from 'cosmjs-types/google/protobuf/any';
import type { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import {
  ProposalStatus,
  type Deposit,
  type Params,
  type Proposal,
  type Vote,
  type WeightedVoteOption,
} from '../../proto/gen/aichain/gov/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { addAmounts, formatCoins, parseCoins, toCoins, type Amount } from '../../chain/types/coins.js';
import { moduleAddress, parseAddress, toAddress } from '../../chain/types/address.js';
import { mulIntDec } from '../../chain/types/dec.js';
import { govState, type GovState } from './keys.js';
import { govErrors } from './errors.js';
import { defaultParams, fractionsOf } from './params.js';
import type { AccountKeeper, BankKeeper, MsgRouter, StakingKeeper } from './expected.js';
import {
  emitCancel,
  emitDeposit,
  emitDropped,
  emitResult,
  emitSubmitProposal,
  emitVote,
  emitVotingStarted,
} from './events.js';
import { decide, tallyVotes, type Tally } from './tally.js';
import { executeMessages } from './execute.js';

export const MODULE_NAME = 'gov';
/** The gov authority: the module account's address, the only signer a proposal message may have. */
export const GOV_AUTHORITY = toAddress(moduleAddress(MODULE_NAME));

export const MAX_METADATA = 255;
export const MAX_TITLE = 255;
export const MAX_SUMMARY = 10_200;

export interface NewProposal {
  messages: Any[];
  initialDeposit: Coin[];
  proposer: string;
  metadata: string;
  title: string;
  summary: string;
  expedited: boolean;
}

const S = ProposalStatus;

export class GovKeeper {
  readonly state: GovState;

  constructor(
    storePrefix: Uint8Array,
    readonly bank: BankKeeper,
    readonly accounts: AccountKeeper,
    readonly staking: StakingKeeper,
    readonly router: MsgRouter,
  ) {
    this.state = govState(storePrefix);
  }

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }
  nextId(ctx: Context): bigint {
    const n = this.state.nextId.peek(ctx);
    return n === 0n ? 1n : n;
  }
  setNextId(ctx: Context, n: bigint): void {
    this.state.nextId.set(ctx, n);
  }
  getProposal(ctx: Context, id: bigint): Proposal | undefined {
    return this.state.proposals.get(ctx, id);
  }
  requireProposal(ctx: Context, id: bigint): Proposal {
    const p = this.getProposal(ctx, id);
    if (!p) throw govErrors.unknownProposal(`proposal ${id}`);
    return p;
  }
  setProposal(ctx: Context, p: Proposal): void {
    this.state.proposals.set(ctx, p.id, p);
  }
  *proposals(ctx: Context): Iterable<Proposal> {
    yield* this.state.proposals.values(ctx);
  }
  getDeposit(ctx: Context, id: bigint, depositor: Uint8Array): Deposit | undefined {
    return this.state.deposits.get(ctx, [id, depositor]);
  }
  *deposits(ctx: Context, id?: bigint): Iterable<Deposit> {
    yield* this.state.deposits.values(ctx, id === undefined ? undefined : { prefix: [id] });
  }
  getVote(ctx: Context, id: bigint, voter: Uint8Array): Vote | undefined {
    return this.state.votes.get(ctx, [id, voter]);
  }
  *votes(ctx: Context, id?: bigint): Iterable<Vote> {
    yield* this.state.votes.values(ctx, id === undefined ? undefined : { prefix: [id] });
  }

  // ---- submission and deposits ----

  /** Stateless checks of a proposal's messages: a known type, the gov authority its only signer, its own checks. */
  checkMessages(messages: Any[]): void {
    messages.forEach((any, i) => {
      const service = this.router.route(any.typeUrl);
      if (!service) throw govErrors.unroutableProposalMsg(`message ${i}: ${any.typeUrl}`);
      let msg: unknown;
      try {
        msg = service.codec.decode(any.value);
      } catch (e) {
        throw govErrors.invalidProposalMsg(`message ${i}: ${any.typeUrl} does not decode: ${(e as Error).message}`);
      }
      const signers = service.signers(msg);
      if (signers.length !== 1 || signers[0] !== GOV_AUTHORITY)
        throw govErrors.invalidSigner(`message ${i}: ${any.typeUrl} is signed by ${signers.join(', ') || 'nobody'}`);
      service.validateBasic(msg);
    });
  }

  /** The deposit a proposal needs to enter its voting period. */
  minDeposit(p: Params, expedited: boolean): Amount[] {
    return parseCoins(expedited ? p.expeditedMinDeposit : p.minDeposit);
  }

  /** A deposit's denoms must be min_deposit's, and each coin at least min_deposit_ratio of its minimum. */
  private checkDepositCoins(p: Params, amounts: Amount[]): void {
    const min = parseCoins(p.minDeposit);
    const ratio = fractionsOf(p).minDepositRatio;
    for (const a of amounts) {
      const m = min.find((x) => x.denom === a.denom);
      if (!m) throw govErrors.invalidDepositDenom(`${a.denom}: deposits are in ${min.map((x) => x.denom).join(', ')}`);
      const least = mulIntDec(m.amount, ratio, 'ceil');
      if (a.amount < least) throw govErrors.minDepositTooSmall(`${a.amount}${a.denom} is below ${least}${a.denom}`);
    }
  }

  submitProposal(ctx: Context, m: NewProposal): bigint {
    const p = this.getParams(ctx);
    const proposer = parseAddress(m.proposer, undefined, 'proposer');
    const initial = parseCoins(m.initialDeposit, { allowEmpty: true });
    const min = this.minDeposit(p, m.expedited);
    const ratio = fractionsOf(p).minInitialDepositRatio;
    for (const x of min) {
      const need = mulIntDec(x.amount, ratio, 'ceil');
      const have = initial.find((a) => a.denom === x.denom)?.amount ?? 0n;
      if (have < need)
        throw govErrors.minDepositTooSmall(`initial deposit ${have}${x.denom} is below ${need}${x.denom}`);
    }
    if (initial.length) this.checkDepositCoins(p, initial);
    const id = this.nextId(ctx);
    this.setNextId(ctx, id + 1n);
    const now = ctx.block.time.seconds;
    const proposal: Proposal = {
      id,
      messages: m.messages.map((x) => ({ typeUrl: x.typeUrl, value: x.value })),
      status: S.PROPOSAL_STATUS_DEPOSIT_PERIOD,
      finalTallyResult: undefined,
      submitTime: now,
      depositEndTime: now + p.maxDepositPeriod,
      totalDeposit: [],
      votingStartTime: 0n,
      votingEndTime: 0n,
      metadata: m.metadata,
      title: m.title,
      summary: m.summary,
      proposer: m.proposer,
      expedited: m.expedited,
      failedReason: '',
    };
    this.setProposal(ctx, proposal);
    emitSubmitProposal(ctx, id, m.messages.map((x) => x.typeUrl).join(','), false);
    if (initial.length) this.addDeposit(ctx, id, proposer, initial);
    return id;
  }

  /** Adds a deposit; returns true when it starts the voting period. */
  addDeposit(ctx: Context, id: bigint, depositor: Uint8Array, amounts: Amount[]): boolean {
    const proposal = this.requireProposal(ctx, id);
    if (proposal.status !== S.PROPOSAL_STATUS_DEPOSIT_PERIOD && proposal.status !== S.PROPOSAL_STATUS_VOTING_PERIOD)
      throw govErrors.inactiveProposal(`proposal ${id} is no longer taking deposits`);
    const p = this.getParams(ctx);
    this.checkDepositCoins(p, amounts);
    this.accounts.ensureModuleAccount(ctx, MODULE_NAME);
    this.bank.sendFromAccountToModule(ctx, depositor, MODULE_NAME, amounts);
    const total = addAmounts(parseCoins(proposal.totalDeposit, { allowEmpty: true }), amounts);
    const prev = this.getDeposit(ctx, id, depositor);
    const mine = addAmounts(prev ? parseCoins(prev.amount) : [], amounts);
    this.state.deposits.set(ctx, [id, depositor], {
      proposalId: id,
      depositor: toAddress(depositor),
      amount: toCoins(mine),
    });
    let updated: Proposal = { ...proposal, totalDeposit: toCoins(total) };
    emitDeposit(ctx, id, toAddress(depositor), formatCoins(amounts));
    const activates =
      proposal.status === S.PROPOSAL_STATUS_DEPOSIT_PERIOD && covers(total, this.minDeposit(p, proposal.expedited));
    if (activates) {
      const now = ctx.block.time.seconds;
      updated = {
        ...updated,
        status: S.PROPOSAL_STATUS_VOTING_PERIOD,
        votingStartTime: now,
        votingEndTime: now + (proposal.expedited ? p.expeditedVotingPeriod : p.votingPeriod),
      };
      emitVotingStarted(ctx, id);
    }
    this.state.proposals.set(ctx, id, updated, proposal);
    return activates;
  }

  // ---- votes ----

  /** Records (or replaces: the last vote counts) a voter's weighted vote on a proposal in its voting period. */
  vote(ctx: Context, id: bigint, voter: string, options: WeightedVoteOption[], metadata: string): void {
    const proposal = this.requireProposal(ctx, id);
    if (proposal.status !== S.PROPOSAL_STATUS_VOTING_PERIOD)
      throw govErrors.inactiveProposal(`proposal ${id} is not in its voting period`);
    if (ctx.block.time.seconds >= proposal.votingEndTime)
      throw govErrors.votingPeriodEnded(`proposal ${id}'s voting ended at ${proposal.votingEndTime}`);
    const addr = parseAddress(voter, undefined, 'voter');
    this.state.votes.set(ctx, [id, addr], { proposalId: id, voter, options, metadata });
    emitVote(ctx, id, voter, JSON.stringify(options.map((o) => ({ option: o.option, weight: o.weight }))));
  }

  // ---- cancel ----

  /** The proposer withdraws a proposal before its voting ends: proposal_cancel_ratio of the deposits is burnt. */
  cancelProposal(ctx: Context, id: bigint, proposer: string): void {
    const proposal = this.requireProposal(ctx, id);
    if (proposal.proposer !== proposer)
      throw govErrors.invalidProposer(`${proposer} is not the proposer of proposal ${id}`);
    if (proposal.status !== S.PROPOSAL_STATUS_DEPOSIT_PERIOD && proposal.status !== S.PROPOSAL_STATUS_VOTING_PERIOD)
      throw govErrors.invalidProposal(`proposal ${id} can no longer be cancelled`);
    const ratio = fractionsOf(this.getParams(ctx)).proposalCancelRatio;
    const burn: Amount[] = [];
    for (const d of [...this.deposits(ctx, id)]) {
      const coins = parseCoins(d.amount);
      const burnt = coins.map((c) => ({ denom: c.denom, amount: mulIntDec(c.amount, ratio, 'floor') }));
      const back = coins
        .map((c, i) => ({ denom: c.denom, amount: c.amount - burnt[i].amount }))
        .filter((c) => c.amount > 0n);
      if (back.length) this.bank.sendFromModuleToAccount(ctx, MODULE_NAME, parseAddress(d.depositor), back);
      burn.push(...burnt.filter((c) => c.amount > 0n));
      this.state.deposits.delete(ctx, [id, parseAddress(d.depositor)]);
    }
    const burnt = addAmounts(burn);
    if (burnt.length) this.bank.burnCoins(ctx, MODULE_NAME, burnt);
    this.deleteVotes(ctx, id);
    this.state.proposals.delete(ctx, id, proposal);
    emitCancel(ctx, id, proposer);
  }

  // ---- end block ----

  endBlock(ctx: Context): void {
    const now = ctx.block.time.seconds;
    for (const [, id] of [...this.state.depositQueue.keys(ctx, { through: [now] })]) this.dropProposal(ctx, id);
    for (const [, id] of [...this.state.votingQueue.keys(ctx, { through: [now] })]) this.endVoting(ctx, id);
  }

  /** A proposal whose deposit period ended without its deposit: removed, deposits burnt (or refunded, by param). */
  private dropProposal(ctx: Context, id: bigint): void {
    const proposal = this.requireProposal(ctx, id);
    if (this.getParams(ctx).burnProposalDepositPrevote) this.burnDeposits(ctx, id);
    else this.refundDeposits(ctx, id);
    this.state.proposals.delete(ctx, id, proposal);
    emitDropped(ctx, id);
  }

  tally(ctx: Context, id: bigint): Tally {
    return tallyVotes(ctx, this.staking, this.votes(ctx, id));
  }

  /** The end of a voting period: tally; an expedited proposal that fails becomes a regular one and votes on. */
  private endVoting(ctx: Context, id: bigint): void {
    const proposal = this.requireProposal(ctx, id);
    const params = this.getParams(ctx);
    const outcome = decide(params, this.tally(ctx, id), proposal.expedited);
    if (proposal.expedited && !outcome.passes) {
      const regular = { ...proposal, expedited: false, votingEndTime: proposal.votingStartTime + params.votingPeriod };
      this.state.proposals.set(ctx, id, regular, proposal);
      emitResult(ctx, id, 'expedited_proposal_rejected');
      return;
    }
    if (outcome.burnDeposits) this.burnDeposits(ctx, id);
    else this.refundDeposits(ctx, id);
    let status = S.PROPOSAL_STATUS_REJECTED,
      failedReason = '';
    if (outcome.passes) {
      const error = executeMessages(ctx, this.router, proposal.messages);
      status = error === undefined ? S.PROPOSAL_STATUS_PASSED : S.PROPOSAL_STATUS_FAILED;
      failedReason = error ?? '';
    }
    this.deleteVotes(ctx, id);
    this.state.proposals.set(
      ctx,
      id,
      { ...proposal, status, failedReason, finalTallyResult: outcome.result },
      proposal,
    );
    const result =
      status === S.PROPOSAL_STATUS_PASSED
        ? 'proposal_passed'
        : status === S.PROPOSAL_STATUS_FAILED
          ? 'proposal_failed'
          : 'proposal_rejected';
    emitResult(ctx, id, result, failedReason);
  }

  private deleteVotes(ctx: Context, id: bigint): void {
    for (const k of [...this.state.votes.keys(ctx, { prefix: [id] })]) this.state.votes.delete(ctx, k);
  }

  private refundDeposits(ctx: Context, id: bigint): void {
    for (const [k, d] of [...this.state.deposits.entries(ctx, { prefix: [id] })]) {
      const coins = parseCoins(d.amount, { allowEmpty: true });
      if (coins.length) this.bank.sendFromModuleToAccount(ctx, MODULE_NAME, k[1], coins);
      this.state.deposits.delete(ctx, k);
    }
  }

  private burnDeposits(ctx: Context, id: bigint): void {
    const all: Amount[][] = [];
    for (const [k, d] of [...this.state.deposits.entries(ctx, { prefix: [id] })]) {
      all.push(parseCoins(d.amount, { allowEmpty: true }));
      this.state.deposits.delete(ctx, k);
    }
    const total = addAmounts(...all);
    if (total.length) this.bank.burnCoins(ctx, MODULE_NAME, total);
  }

  // ---- genesis ----

  importProposal(ctx: Context, p: Proposal): void {
    this.state.proposals.set(ctx, p.id, p, null);
  }
  importDeposit(ctx: Context, d: Deposit): void {
    this.state.deposits.set(ctx, [d.proposalId, parseAddress(d.depositor)], d);
  }
  importVote(ctx: Context, v: Vote): void {
    this.state.votes.set(ctx, [v.proposalId, parseAddress(v.voter)], v);
  }
}

/** Whether `have` holds at least `need` in every denom of `need`. */
export function covers(have: readonly Amount[], need: readonly Amount[]): boolean {
  return need.every((n) => (have.find((h) => h.denom === n.denom)?.amount ?? 0n) >= n.amount);
}
