// Gov genesis: aichain.gov.v1.GenesisState (JSON through its generated proto-JSON mapping), checked in one place.
// The status index and the time queues are derived from the proposals at import (the same write path as a
// transition); the gov module account's balance comes from bank's genesis and must equal the deposits (invariant).
import { GenesisState } from '../../proto/gen/aichain/gov/v1/genesis.js';
import { ProposalStatus, type Proposal } from '../../proto/gen/aichain/gov/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import { parseCoins } from '../../chain/types/coins.js';
import { MODULE_NAME, type GovKeeper } from './keeper.js';
import type { AccountKeeper } from './expected.js';
import { govErrors } from './errors.js';
import { defaultParams, validateParams } from './params.js';
import { checkWeighted } from './msgs.js';
import { parseDec } from '../../chain/types/dec.js';

export { GenesisState as GovGenesis };

export const defaultGovGenesis = (): GenesisState => ({
  startingProposalId: 1n,
  params: defaultParams(),
  proposals: [],
  deposits: [],
  votes: [],
});

const fail = (why: string): never => {
  throw new Error(why);
};
const S = ProposalStatus;
const LIVE = new Set([S.PROPOSAL_STATUS_DEPOSIT_PERIOD, S.PROPOSAL_STATUS_VOTING_PERIOD]);

function checkProposal(k: GovKeeper, p: Proposal): void {
  if (p.status < S.PROPOSAL_STATUS_DEPOSIT_PERIOD || p.status > S.PROPOSAL_STATUS_FAILED)
    fail(`status: invalid (${p.status})`);
  field('proposer', () => parseAddress(p.proposer));
  field('total_deposit', () => parseCoins(p.totalDeposit, { allowEmpty: true }));
  if (p.status === S.PROPOSAL_STATUS_DEPOSIT_PERIOD && p.depositEndTime <= 0n) fail('deposit_end_time: required');
  if (p.status === S.PROPOSAL_STATUS_VOTING_PERIOD && p.votingEndTime <= p.votingStartTime)
    fail('voting_end_time: must be after voting_start_time');
  if (LIVE.has(p.status)) field('messages', () => k.checkMessages(p.messages));
}

export function validateGovGenesis(k: GovKeeper, g: GenesisState): void {
  checkGenesis(govErrors.invalidGenesis, () => {
    field('params', () => validateParams(g.params ?? defaultParams()));
    if (g.startingProposalId < 1n) fail('starting_proposal_id: must be at least 1');
    const status = new Map<bigint, ProposalStatus>();
    let last = 0n;
    g.proposals.forEach((p, i) =>
      field(`proposals[${i}]`, () => {
        if (p.id <= last) fail(`id ${p.id}: proposals must be in strictly increasing id order, from 1`);
        if (p.id >= g.startingProposalId) fail(`id ${p.id}: not below starting_proposal_id`);
        last = p.id;
        status.set(p.id, p.status);
        checkProposal(k, p);
      }),
    );
    const seen = new Set<string>();
    g.deposits.forEach((d, i) =>
      field(`deposits[${i}]`, () => {
        if (!LIVE.has(status.get(d.proposalId)!)) fail(`proposal ${d.proposalId}: not taking deposits`);
        parseAddress(d.depositor);
        parseCoins(d.amount);
        const key = `${d.proposalId}/${d.depositor}`;
        if (seen.has(key)) fail(`${key} listed twice`);
        seen.add(key);
      }),
    );
    g.votes.forEach((v, i) =>
      field(`votes[${i}]`, () => {
        if (status.get(v.proposalId) !== S.PROPOSAL_STATUS_VOTING_PERIOD)
          fail(`proposal ${v.proposalId}: not in its voting period`);
        parseAddress(v.voter);
        checkWeighted(v.options.map((o) => ({ option: o.option, weight: parseDec(o.weight) })));
        const key = `vote ${v.proposalId}/${v.voter}`;
        if (seen.has(key)) fail(`${key} listed twice`);
        seen.add(key);
      }),
    );
  });
}

export function initGovGenesis(ctx: Context, k: GovKeeper, accounts: AccountKeeper, g: GenesisState): void {
  k.setParams(ctx, validateParams(g.params ?? defaultParams()));
  accounts.ensureModuleAccount(ctx, MODULE_NAME);
  k.setNextId(ctx, g.startingProposalId);
  for (const p of g.proposals) k.importProposal(ctx, p);
  for (const d of g.deposits) k.importDeposit(ctx, d);
  for (const v of g.votes) k.importVote(ctx, v);
}

export function exportGovGenesis(ctx: Context, k: GovKeeper): GenesisState {
  return {
    startingProposalId: k.nextId(ctx),
    params: k.getParams(ctx),
    proposals: [...k.proposals(ctx)],
    deposits: [...k.deposits(ctx)],
    votes: [...k.votes(ctx)],
  };
}
