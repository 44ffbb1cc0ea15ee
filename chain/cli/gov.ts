// `aichain tx gov …` and `aichain query gov …`: submit a proposal from a file, deposit, vote (plain or weighted),
// write a proposal draft; read proposals, votes, tallies and params (cosmos.gov.v1).
import { writeFileSync } from 'node:fs';
import { parseCoins, QueryClient } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { ProposalStatus, VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { aichainRegistry, setupGovV1Extension } from '../client/index.js';
import { moduleAddress, toAddress } from '../types/address.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';
import { broadcast, signerAddress, txFlags } from './broadcast.js';
import { draftProposal, readProposalFile } from './gov-proposal.js';

const V1 = '/cosmos.gov.v1.';
/** The gov module account: the authority every proposal message must name. */
const GOV_AUTHORITY = toAddress(moduleAddress('gov'));
const TX_USAGE = `usage: aichain tx gov submit-proposal FILE.json --from KEY
       aichain tx gov deposit ID AMOUNT --from KEY
       aichain tx gov vote ID yes|no|abstain|no_with_veto --from KEY
       aichain tx gov weighted-vote ID yes=0.6,no=0.4 --from KEY
       aichain tx gov draft-proposal [--msg TYPE_URL]... [--out FILE]   (default draft_proposal.json; no --msg: a text proposal)`;
const QUERY_USAGE =
  'usage: aichain query gov proposals [--status deposit|voting|passed|rejected|failed] | proposal ID | votes ID | tally ID | params';

const OPTIONS: Record<string, VoteOption> = {
  yes: VoteOption.VOTE_OPTION_YES,
  abstain: VoteOption.VOTE_OPTION_ABSTAIN,
  no: VoteOption.VOTE_OPTION_NO,
  no_with_veto: VoteOption.VOTE_OPTION_NO_WITH_VETO,
};
const STATUSES: Record<string, ProposalStatus> = {
  deposit: ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD,
  voting: ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD,
  passed: ProposalStatus.PROPOSAL_STATUS_PASSED,
  rejected: ProposalStatus.PROPOSAL_STATUS_REJECTED,
  failed: ProposalStatus.PROPOSAL_STATUS_FAILED,
};

function proposalId(s: string | undefined): bigint {
  if (!s || !/^[1-9][0-9]{0,19}$/.test(s)) throw new UsageError(`a proposal id is expected, not ${JSON.stringify(s)}`);
  return BigInt(s);
}
function option(s: string | undefined): VoteOption {
  const o = s === undefined ? undefined : OPTIONS[s.toLowerCase()];
  if (o === undefined) throw new UsageError(`a vote option is expected (${Object.keys(OPTIONS).join('|')}), not ${s}`);
  return o;
}

export async function govTx(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    ...txFlags,
    from: { type: 'string' },
    msg: { type: 'string', multiple: true },
    out: { type: 'string' },
  });
  const [action, a1, a2] = positionals;
  if (action === 'draft-proposal') {
    const out = values.out ?? 'draft_proposal.json';
    writeFileSync(
      out,
      JSON.stringify(draftProposal(aichainRegistry(), values.msg ?? [], GOV_AUTHORITY), null, 2) + '\n',
    );
    print({ written: out }, values.output, () => `wrote ${out}: fill in the title, summary and fields, then submit it`);
    return;
  }
  if (!values.from) throw new UsageError(TX_USAGE);
  const me = await signerAddress(values, values.from);
  if (action === 'submit-proposal' && a1) {
    const p = readProposalFile(aichainRegistry(), a1);
    await broadcast(values, values.from, [
      {
        typeUrl: `${V1}MsgSubmitProposal`,
        value: {
          messages: p.messages,
          initialDeposit: p.deposit,
          proposer: me,
          metadata: p.metadata,
          title: p.title,
          summary: p.summary,
          expedited: p.expedited,
        },
      },
    ]);
  } else if (action === 'deposit' && a1 && a2) {
    await broadcast(values, values.from, [
      { typeUrl: `${V1}MsgDeposit`, value: { proposalId: proposalId(a1), depositor: me, amount: parseCoins(a2) } },
    ]);
  } else if (action === 'vote' && a1 && a2) {
    await broadcast(values, values.from, [
      { typeUrl: `${V1}MsgVote`, value: { proposalId: proposalId(a1), voter: me, option: option(a2), metadata: '' } },
    ]);
  } else if (action === 'weighted-vote' && a1 && a2) {
    const options = a2.split(',').map((part) => {
      const [o, weight] = part.split('=');
      if (!weight) throw new UsageError(`weighted options look like yes=0.6,no=0.4, not ${a2}`);
      return { option: option(o), weight };
    });
    await broadcast(values, values.from, [
      { typeUrl: `${V1}MsgVoteWeighted`, value: { proposalId: proposalId(a1), voter: me, options, metadata: '' } },
    ]);
  } else {
    throw new UsageError(TX_USAGE);
  }
}

export async function govQuery(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { status: { type: 'string' } });
  const [what, a1] = positionals;
  const comet = await connectComet(nodeUrl(values.node));
  const q = QueryClient.withExtensions(comet, setupGovV1Extension).govV1;
  try {
    let answer: unknown;
    if (what === 'proposals') {
      const status = values.status === undefined ? undefined : STATUSES[values.status];
      if (values.status !== undefined && status === undefined) throw new UsageError(QUERY_USAGE);
      answer = await q.proposals(status);
    } else if (what === 'proposal') answer = await q.proposal(proposalId(a1));
    else if (what === 'votes') answer = await q.votes(proposalId(a1));
    else if (what === 'tally') answer = await q.tally(proposalId(a1));
    else if (what === 'params') answer = await q.params();
    else throw new UsageError(QUERY_USAGE);
    print(answer, values.output);
  } finally {
    comet.disconnect();
  }
}
