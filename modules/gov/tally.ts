// The tally at the end of a voting period, by bonded stake: each voter's own delegations vote as it voted; a target's
// operator votes the rest of the target's stake (its delegators who did not vote), as the Cosmos SDK does it. The
// cost is O(targets + voters × their delegations): it never walks the delegations of those who did not vote.
import type { Context } from '../../chain/types/context.js';
import { DEC_ONE, decMul, divRound, type Dec } from '../../chain/types/dec.js';
import { toHex } from '../../chain/store/bytes.js';
import { VoteOption, type Params, type TallyResult, type Vote } from '../../proto/gen/aichain/gov/v1/types.js';
import { parseAddress } from '../../chain/types/address.js';
import { parseDec } from '../../chain/types/dec.js';
import type { StakingKeeper, VotingTarget } from './expected.js';
import { fractionsOf } from './params.js';

export interface Tally {
  /** Stake per option (18-decimal fixed point). */
  yes: Dec;
  abstain: Dec;
  no: Dec;
  veto: Dec;
  /** All bonded stake that could vote (base units). */
  bonded: bigint;
}

export interface Outcome {
  passes: boolean;
  /** Burn the deposits (vetoed, or quorum missed with burn_vote_quorum). */
  burnDeposits: boolean;
  result: TallyResult;
}

interface TargetTally {
  t: VotingTarget;
  /** Shares of its delegators who voted themselves. */
  deducted: bigint;
  vote?: Vote;
}

function addWeighted(out: Tally, vote: Vote, power: Dec): void {
  for (const o of vote.options) {
    const w = decMul(power, parseDec(o.weight), 'floor');
    if (o.option === VoteOption.VOTE_OPTION_YES) out.yes += w;
    else if (o.option === VoteOption.VOTE_OPTION_ABSTAIN) out.abstain += w;
    else if (o.option === VoteOption.VOTE_OPTION_NO) out.no += w;
    else if (o.option === VoteOption.VOTE_OPTION_NO_WITH_VETO) out.veto += w;
  }
}

/** The stake (18-decimal) that `shares` of a target are worth, rounded down. */
const powerOf = (t: VotingTarget, shares: bigint): Dec =>
  t.shares === 0n ? 0n : divRound(shares * t.tokens * DEC_ONE, t.shares, 'floor');

// PERF: O(voting targets + Σ over voters of their delegations); 10,000 delegations and 100 voters: see
// test/bench/gov-tally.ts.
export function tallyVotes(ctx: Context, staking: StakingKeeper, votes: Iterable<Vote>): Tally {
  const targets = new Map<string, TargetTally>();
  let bonded = 0n;
  for (const t of staking.votingTargets(ctx)) {
    targets.set(toHex(t.id), { t, deducted: 0n });
    bonded += t.tokens;
  }
  const out: Tally = { yes: 0n, abstain: 0n, no: 0n, veto: 0n, bonded };
  for (const vote of votes) {
    const voter = parseAddress(vote.voter);
    for (const id of staking.targetIdsOf(voter)) {
      const tt = targets.get(toHex(id));
      if (tt) tt.vote = vote;
    }
    let power = 0n;
    for (const d of staking.delegationsOf(ctx, voter)) {
      const tt = targets.get(toHex(d.target));
      if (!tt) continue;
      tt.deducted += d.shares;
      power += powerOf(tt.t, d.shares);
    }
    addWeighted(out, vote, power);
  }
  for (const tt of targets.values()) {
    if (!tt.vote) continue;
    addWeighted(out, tt.vote, powerOf(tt.t, tt.t.shares - tt.deducted));
  }
  return out;
}

const whole = (d: Dec) => (d / DEC_ONE).toString();

/** Quorum, veto and threshold (the expedited threshold for an expedited proposal), as the SDK decides them. */
export function decide(p: Params, tally: Tally, expedited: boolean): Outcome {
  const f = fractionsOf(p);
  const result: TallyResult = {
    yesCount: whole(tally.yes),
    abstainCount: whole(tally.abstain),
    noCount: whole(tally.no),
    noWithVetoCount: whole(tally.veto),
  };
  const total = tally.yes + tally.abstain + tally.no + tally.veto;
  if (tally.bonded === 0n) return { passes: false, burnDeposits: false, result };
  // Stake in 18-decimal units against quorum (18-decimal) × bonded (base units): both sides scaled by 1e18.
  if (total < f.quorum * tally.bonded) return { passes: false, burnDeposits: p.burnVoteQuorum, result };
  if (total - tally.abstain === 0n) return { passes: false, burnDeposits: false, result };
  if (tally.veto * DEC_ONE > f.vetoThreshold * total) return { passes: false, burnDeposits: p.burnVoteVeto, result };
  const threshold = expedited ? f.expeditedThreshold : f.threshold;
  const passes = tally.yes * DEC_ONE > threshold * (total - tally.abstain);
  return { passes, burnDeposits: false, result };
}
