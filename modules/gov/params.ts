// Governance params: defaults (the Cosmos SDK's, in uaic), validation (each MsgUpdateParams and genesis), and the
// conversion to and from the standard cosmos.gov.v1.Params, whose periods are Durations (whole seconds here).
import type { Params as StdParams } from 'cosmjs-types/cosmos/gov/v1/gov';
import type { Params } from '../../proto/gen/aichain/gov/v1/types.js';
import { parseCoins, type Amount } from '../../chain/types/coins.js';
import { DEC_ONE, formatDec, parseDec, type Dec } from '../../chain/types/dec.js';
import { govErrors } from './errors.js';

const DAY = 86_400n;

/** The SDK's defaults: 10,000,000 of the bond denom (50,000,000 expedited), two days to deposit and to vote, one day expedited. */
export const defaultParams = (): Params => ({
  minDeposit: [{ denom: 'uaic', amount: '10000000' }],
  maxDepositPeriod: 2n * DAY,
  votingPeriod: 2n * DAY,
  quorum: '0.334000000000000000',
  threshold: '0.500000000000000000',
  vetoThreshold: '0.334000000000000000',
  minInitialDepositRatio: '0.000000000000000000',
  proposalCancelRatio: '0.500000000000000000',
  expeditedVotingPeriod: DAY,
  expeditedThreshold: '0.667000000000000000',
  expeditedMinDeposit: [{ denom: 'uaic', amount: '50000000' }],
  burnVoteQuorum: false,
  // A proposal that never gets its deposit is dropped and its deposits burnt (the SDK's default refunds them).
  burnProposalDepositPrevote: true,
  burnVoteVeto: true,
  minDepositRatio: '0.010000000000000000',
});

/** The fractions of the params, parsed. */
export interface Fractions {
  quorum: Dec;
  threshold: Dec;
  vetoThreshold: Dec;
  expeditedThreshold: Dec;
  minInitialDepositRatio: Dec;
  minDepositRatio: Dec;
  proposalCancelRatio: Dec;
}

const fraction = (s: string, name: string, positive = false): Dec => {
  let d: Dec;
  try {
    d = parseDec(s);
  } catch {
    throw govErrors.invalidParams(`${name} is not a decimal: ${JSON.stringify(s)}`);
  }
  if (d > DEC_ONE) throw govErrors.invalidParams(`${name} above 1`);
  if (positive && d === 0n) throw govErrors.invalidParams(`${name} must be positive`);
  return d;
};

export const fractionsOf = (p: Params): Fractions => ({
  quorum: fraction(p.quorum, 'quorum', true),
  threshold: fraction(p.threshold, 'threshold', true),
  vetoThreshold: fraction(p.vetoThreshold, 'veto_threshold', true),
  expeditedThreshold: fraction(p.expeditedThreshold, 'expedited_threshold', true),
  minInitialDepositRatio: fraction(p.minInitialDepositRatio, 'min_initial_deposit_ratio'),
  minDepositRatio: fraction(p.minDepositRatio, 'min_deposit_ratio'),
  proposalCancelRatio: fraction(p.proposalCancelRatio, 'proposal_cancel_ratio'),
});

const coinsOf = (name: string, c: Params['minDeposit']): Amount[] => {
  try {
    return parseCoins(c);
  } catch (e) {
    throw govErrors.invalidParams(`${name}: ${(e as Error).message}`);
  }
};

/** Validates and returns the params with fractions in their canonical 18-decimal spelling (as the SDK's checks). */
export function validateParams(p: Params): Params {
  const bad = (why: string) => govErrors.invalidParams(why);
  const min = coinsOf('min_deposit', p.minDeposit),
    exp = coinsOf('expedited_min_deposit', p.expeditedMinDeposit);
  if (!min.length) throw bad('min_deposit must not be empty');
  if (!exp.length) throw bad('expedited_min_deposit must not be empty');
  for (const e of exp) {
    const m = min.find((x) => x.denom === e.denom);
    if (!m || e.amount <= m.amount)
      throw bad(`expedited_min_deposit must be greater than min_deposit in every denom (${e.denom})`);
  }
  if (p.maxDepositPeriod <= 0n) throw bad('max_deposit_period must be positive');
  if (p.votingPeriod <= 0n) throw bad('voting_period must be positive');
  if (p.expeditedVotingPeriod <= 0n) throw bad('expedited_voting_period must be positive');
  if (p.expeditedVotingPeriod >= p.votingPeriod)
    throw bad('expedited_voting_period must be shorter than voting_period');
  const f = fractionsOf(p);
  if (f.expeditedThreshold <= f.threshold) throw bad('expedited_threshold must be greater than threshold');
  return {
    ...p,
    quorum: formatDec(f.quorum),
    threshold: formatDec(f.threshold),
    vetoThreshold: formatDec(f.vetoThreshold),
    expeditedThreshold: formatDec(f.expeditedThreshold),
    minInitialDepositRatio: formatDec(f.minInitialDepositRatio),
    minDepositRatio: formatDec(f.minDepositRatio),
    proposalCancelRatio: formatDec(f.proposalCancelRatio),
  };
}

const seconds = (s: bigint) => ({ seconds: s, nanos: 0 });

/** The standard cosmos.gov.v1.Params (the Params query, MsgUpdateParams). */
export function toStdParams(p: Params): StdParams {
  return {
    minDeposit: p.minDeposit,
    maxDepositPeriod: seconds(p.maxDepositPeriod),
    votingPeriod: seconds(p.votingPeriod),
    quorum: p.quorum,
    threshold: p.threshold,
    vetoThreshold: p.vetoThreshold,
    minInitialDepositRatio: p.minInitialDepositRatio,
    proposalCancelRatio: p.proposalCancelRatio,
    proposalCancelDest: '',
    expeditedVotingPeriod: seconds(p.expeditedVotingPeriod),
    expeditedThreshold: p.expeditedThreshold,
    expeditedMinDeposit: p.expeditedMinDeposit,
    burnVoteQuorum: p.burnVoteQuorum,
    burnProposalDepositPrevote: p.burnProposalDepositPrevote,
    burnVoteVeto: p.burnVoteVeto,
    minDepositRatio: p.minDepositRatio,
  };
}

const wholeSeconds = (d: { seconds: bigint; nanos: number } | undefined, name: string): bigint => {
  if (!d) throw govErrors.invalidParams(`${name} is required`);
  if (d.nanos !== 0) throw govErrors.invalidParams(`${name} must be whole seconds`);
  return d.seconds;
};

/** The standard params as stored (periods in whole seconds); the caller validates the result. */
export function fromStdParams(p: StdParams): Params {
  // Cancelled deposits are burnt here: there is no destination account to send them to.
  if (p.proposalCancelDest !== '')
    throw govErrors.invalidParams('proposal_cancel_dest is not supported (must be empty)');
  return {
    minDeposit: p.minDeposit,
    maxDepositPeriod: wholeSeconds(p.maxDepositPeriod, 'max_deposit_period'),
    votingPeriod: wholeSeconds(p.votingPeriod, 'voting_period'),
    quorum: p.quorum,
    threshold: p.threshold,
    vetoThreshold: p.vetoThreshold,
    minInitialDepositRatio: p.minInitialDepositRatio,
    proposalCancelRatio: p.proposalCancelRatio,
    expeditedVotingPeriod: wholeSeconds(p.expeditedVotingPeriod, 'expedited_voting_period'),
    expeditedThreshold: p.expeditedThreshold,
    expeditedMinDeposit: p.expeditedMinDeposit,
    burnVoteQuorum: p.burnVoteQuorum,
    burnProposalDepositPrevote: p.burnProposalDepositPrevote,
    burnVoteVeto: p.burnVoteVeto,
    minDepositRatio: p.minDepositRatio,
  };
}
