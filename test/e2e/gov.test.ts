// End to end: governance on the dev node through CosmJS's stock gov types — SigningStargateClient with its default
// registry submits, deposits and votes (cosmos.gov.v1 and v1beta1), QueryClient's stock `gov` extension (v1beta1)
// reads. Proposals change the task market's params, spend from the community pool, suspend a model; a vetoed
// proposal burns its deposit; a delegator's own vote moves the tally by exactly its stake; an expedited proposal
// that fails becomes a regular one.
import test from 'tape';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  assertIsDeliverTxSuccess,
  GasPrice,
  QueryClient,
  setupBankExtension,
  setupGovExtension,
  SigningStargateClient,
  type StdFee,
} from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { MsgCommunityPoolSpend } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import { TextProposal } from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { DEV_MNEMONIC } from '../../chain/home/dev.js';
import { aichainWallet, connectAichainSigner } from '../../chain/client/index.js';
import { setupTasksExtension } from '../../modules/tasks/client.js';
import { setupModelsExtension } from '../../modules/models/client.js';
import { setupAichainDistributionExtension } from '../../modules/distribution/client.js';
import { setupGovV1Extension } from '../../modules/gov/client.js';
import { GOV_AUTHORITY } from '../../modules/gov/keeper.js';
import { MsgUpdateParams as TasksMsgUpdateParams } from '../../proto/gen/aichain/tasks/v1/tx.js';
import { MsgSuspendModel } from '../../proto/gen/aichain/models/v1/tx.js';
import { Status } from '../../proto/gen/aichain/models/v1/types.js';
import { startNode } from '../support/devnode-process.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
const FEE: StdFee = { amount: [{ denom: 'uaic', amount: '50000' }], gas: '2000000' };
const IRIS = '36208a1ea0c1bccfd45bc9e4103d504357c4e9502f6df7f8cc2b9be8b84774ec';
const AIC = 1_000_000n;
const DEPOSIT = 10_000_000n; // the default min_deposit

/** The dev home with short gov periods and the whole of every fee going to the community pool. */
async function govHome(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'aichain-gov-e2e-'));
  await run(process.execPath, [bin, 'init', '--dev', '--home', home, '--output', 'json'], { timeout: 60_000 });
  const file = join(home, 'config', 'genesis.json');
  const g = JSON.parse(readFileSync(file, 'utf8'));
  g.app_state.gov.params = {
    ...g.app_state.gov.params,
    max_deposit_period: '30',
    voting_period: '30',
    expedited_voting_period: '5',
  };
  g.app_state.distribution.params = { ...g.app_state.distribution.params, community_tax: '1.000000000000000000' };
  writeFileSync(file, JSON.stringify(g, null, 2));
  return home;
}

const any = (typeUrl: string, value: Uint8Array): Any => ({ typeUrl, value });
const submit = (
  proposer: string,
  messages: Any[],
  title: string,
  deposit = DEPOSIT,
  expedited = false,
): EncodeObject => ({
  typeUrl: '/cosmos.gov.v1.MsgSubmitProposal',
  value: {
    messages,
    initialDeposit: [{ denom: 'uaic', amount: String(deposit) }],
    proposer,
    metadata: '',
    title,
    summary: `${title} (e2e)`,
    expedited,
  },
});
const vote = (voter: string, proposalId: bigint, option: number): EncodeObject => ({
  typeUrl: '/cosmos.gov.v1.MsgVote',
  value: { proposalId, voter, option, metadata: '' },
});

test('e2e: governance through CosmJS stock gov types', async (t) => {
  const home = await govHome();
  const node = await startNode({ home, blockTime: '100ms' });
  const wallet = await aichainWallet(DEV_MNEMONIC, [0, 1, 2, 3, 4]);
  const [a0, a1, a2, a3, a4] = (await wallet.getAccounts()).map((x) => x.address);
  // CosmJS's default registry for everything gov; the chain's own registry only for staking and tasks.
  const gov = await SigningStargateClient.connectWithSigner(node.url, wallet, {
    gasPrice: GasPrice.fromString('0.025uaic'),
    broadcastPollIntervalMs: 200,
  });
  const chain = await connectAichainSigner(node.url, wallet, { broadcastPollIntervalMs: 200 });
  const comet = await connectComet(node.url);
  const q = QueryClient.withExtensions(
    comet,
    setupGovExtension,
    setupGovV1Extension,
    setupBankExtension,
    setupTasksExtension,
    setupModelsExtension,
    setupAichainDistributionExtension,
  );
  const uaic = async (addr: string) => BigInt((await q.bank.balance(addr, 'uaic')).amount);
  const status = async (id: bigint) => (await q.gov.proposal(Number(id))).proposal.status;
  const until = (what: string, f: () => Promise<boolean>) =>
    waitFor(async () => (await f()) || undefined, { what, timeoutMs: 60_000, intervalMs: 200 });
  try {
    // a2 delegates 5 AIC to the dev validator (run by a0); a1 runs the dev compute provider (10 AIC).
    const del = await chain.signAndBroadcast(
      a2,
      [
        {
          typeUrl: '/aichain.staking.v1.MsgDelegate',
          value: {
            delegatorAddress: a2,
            validatorAddress: 'aivaloper1pq9pdy5yklnx9n0uqn02552sv9d73gk8zlxnkg',
            amount: { denom: 'uaic', amount: String(5n * AIC) },
          },
        },
      ],
      'auto',
    );
    assertIsDeliverTxSuccess(del);
    const pool = async () =>
      BigInt(
        ((await q.aichainDistribution.communityPool()).pool.find((c) => c.denom === 'uaic')?.amount ?? '0').split(
          '.',
        )[0],
      );
    const spend = (await pool()) / 2n;
    t.ok(spend > 0n, `the community pool holds fees (${spend * 2n} uaic)`);

    const tasksParams = await q.tasks.params();
    const newParams = { ...tasksParams, claimTimeoutBlocks: tasksParams.claimTimeoutBlocks + 7n };
    const msgs = [
      submit(
        a3,
        [
          any(
            '/aichain.tasks.v1.MsgUpdateParams',
            TasksMsgUpdateParams.encode({ authority: GOV_AUTHORITY, params: newParams }).finish(),
          ),
        ],
        'tasks params',
      ),
      submit(
        a3,
        [
          any(
            '/cosmos.distribution.v1beta1.MsgCommunityPoolSpend',
            MsgCommunityPoolSpend.encode({
              authority: GOV_AUTHORITY,
              recipient: a4,
              amount: [{ denom: 'uaic', amount: String(spend) }],
            }).finish(),
          ),
        ],
        'pool spend',
      ),
      submit(
        a3,
        [
          any(
            '/aichain.models.v1.MsgSuspendModel',
            MsgSuspendModel.encode({ authority: GOV_AUTHORITY, modelId: IRIS }).finish(),
          ),
        ],
        'suspend iris',
      ),
      submit(a3, [], 'expedited text', 50_000_000n, true),
    ];
    const sub = await gov.signAndBroadcast(a3, msgs, FEE);
    assertIsDeliverTxSuccess(sub);
    t.pass('SigningStargateClient (default registry) submitted four v1 proposals');
    // A v1beta1 text proposal (CosmJS's MsgSubmitProposal EncodeObject), to be vetoed.
    const before4 = await uaic(a4);
    const legacy = await gov.signAndBroadcast(
      a4,
      [
        {
          typeUrl: '/cosmos.gov.v1beta1.MsgSubmitProposal',
          value: {
            content: any(
              '/cosmos.gov.v1beta1.TextProposal',
              TextProposal.encode({ title: 'veto me', description: 'a bad idea' }).finish(),
            ),
            initialDeposit: [{ denom: 'uaic', amount: String(DEPOSIT / 2n) }],
            proposer: a4,
          },
        },
      ],
      FEE,
    );
    assertIsDeliverTxSuccess(legacy);
    const dep = await gov.signAndBroadcast(
      a4,
      [
        {
          typeUrl: '/cosmos.gov.v1beta1.MsgDeposit',
          value: { proposalId: 5n, depositor: a4, amount: [{ denom: 'uaic', amount: String(DEPOSIT / 2n) }] },
        },
      ],
      FEE,
    );
    assertIsDeliverTxSuccess(dep);
    t.equal(await status(5n), ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD, 'the v1beta1 deposit completes proposal 5');
    const list = await q.gov.proposals(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD, '', '');
    t.equal(list.proposals.length, 5, 'queryClient.gov lists the five proposals in their voting period');

    // Votes: a0 (validator, 10 + 5 AIC) and a1 (provider, 10 AIC) yes on 1–3; on the expedited 4, a0 yes and a1 no;
    // both veto 5 (v1beta1 MsgVote).
    for (const [who, opts] of [
      [a0, [1, 1, 1, 1]],
      [a1, [1, 1, 1, 3]],
    ] as const) {
      const r = await gov.signAndBroadcast(
        who,
        [
          ...opts.map((o, i) => vote(who, BigInt(i + 1), o)),
          { typeUrl: '/cosmos.gov.v1beta1.MsgVote', value: { proposalId: 5n, voter: who, option: 4 } },
        ],
        FEE,
      );
      assertIsDeliverTxSuccess(r);
    }
    const t1 = (await q.gov.tally(1)).tally;
    t.equal(t1.yes, String(25n * AIC), 'tally of 1: the validator carries its 15 AIC (a2 included), the provider 10');
    const v2 = await gov.signAndBroadcast(a2, [vote(a2, 1n, 3)], FEE);
    assertIsDeliverTxSuccess(v2);
    const t2 = (await q.gov.tally(1)).tally;
    t.equal(BigInt(t1.yes) - BigInt(t2.yes), 5n * AIC, "a2 voting no takes exactly its 5 AIC from the validator's yes");
    t.equal(t2.no, String(5n * AIC), '… and counts them as no');

    // The expedited proposal ends first: 15 yes / 10 no is 60 %, under 0.667: it becomes a regular proposal.
    await until('the expedited voting period to end', async () => !(await q.govV1.proposal(4n)).proposal!.expedited);
    const p4 = (await q.govV1.proposal(4n)).proposal!;
    t.equal(p4.status, ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD, 'the failed expedited proposal votes on');
    t.equal(p4.votingEndTime!.seconds - p4.votingStartTime!.seconds, 30n, 'with the regular voting period');

    await until(
      'proposals 1, 2, 3 and 5 to end',
      async () =>
        (await status(5n)) !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD
        && (await status(3n)) !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD,
    );
    t.equal(await status(1n), ProposalStatus.PROPOSAL_STATUS_PASSED, 'the tasks params proposal passed');
    t.equal(
      (await q.tasks.params()).claimTimeoutBlocks,
      newParams.claimTimeoutBlocks,
      'and the new claim timeout is in force',
    );
    t.equal(await status(2n), ProposalStatus.PROPOSAL_STATUS_PASSED, 'the pool spend passed');
    t.equal(await status(3n), ProposalStatus.PROPOSAL_STATUS_PASSED, 'the suspension passed');
    t.equal(await status(5n), ProposalStatus.PROPOSAL_STATUS_REJECTED, 'the vetoed proposal is rejected');
    const after4 = await uaic(a4);
    t.equal(
      before4 - after4 - 2n * 50_000n,
      DEPOSIT - spend,
      'a4 got the pool spend and lost its vetoed (burnt) deposit',
    );
    t.equal((await q.gov.deposits(5)).deposits.length, 0, 'no deposit is left on the vetoed proposal');

    const iris = await q.models.model(IRIS);
    t.equal(iris.model!.status, Status.STATUS_SUSPENDED, 'the iris model is suspended');
    const task = {
      typeUrl: '/aichain.tasks.v1.MsgCreateTask',
      value: {
        creator: a2,
        modelId: IRIS,
        inputs: [{ dtype: 'float32', shape: [1n, 4n], data: new Uint8Array(16) }],
        maxFee: { denom: 'uaic', amount: '1000' },
        deadlineBlocks: 20n,
        preferredProvider: '',
      },
    };
    await chain.simulate(a2, [task], '').then(
      () => t.fail('a task on the suspended model was accepted'),
      (e: Error) =>
        t.match(e.message, /model is not active/, `a new task on it is refused: ${e.message.slice(0, 120)}`),
    );
    await until(
      'the converted proposal to end',
      async () => (await status(4n)) !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD,
    );
    t.equal(await status(4n), ProposalStatus.PROPOSAL_STATUS_PASSED, 'as a regular proposal (threshold 0.5) it passes');
    t.equal(await uaic(GOV_AUTHORITY), 0n, 'with every proposal finished, the gov account holds nothing');

    // The CLI: draft a text proposal, submit it, read it back. (Votes through the CLI are not run here: on a loaded
    // machine one CLI process can outlast the voting period.)
    const cli = async (...args: string[]) =>
      (
        await run(process.execPath, [bin, ...args, '--home', home, '--node', node.url, '--output', 'json'], {
          timeout: 60_000,
        })
      ).stdout;
    const draft = join(home, 'draft.json');
    await cli('tx', 'gov', 'draft-proposal', '--out', draft);
    const d = JSON.parse(readFileSync(draft, 'utf8'));
    writeFileSync(draft, JSON.stringify({ ...d, title: 'from the cli', summary: 'a text proposal' }));
    const submitted = JSON.parse(await cli('tx', 'gov', 'submit-proposal', draft, '--from', 'dev3'));
    t.equal(submitted.code, 0, 'aichain tx gov submit-proposal FILE');
    const p6 = JSON.parse(await cli('query', 'gov', 'proposal', '6')).proposal;
    t.equal(p6.title, 'from the cli', 'aichain query gov proposal 6 reads it');
    t.equal(p6.totalDeposit[0].amount, String(DEPOSIT), "with the draft's deposit");
    const listed = JSON.parse(await cli('query', 'gov', 'proposals')).proposals;
    t.equal(listed.length, 6, 'aichain query gov proposals lists all six');
    const params = JSON.parse(await cli('query', 'gov', 'params')).params;
    t.equal(params.votingPeriod.seconds, '30', 'aichain query gov params');
  } finally {
    gov.disconnect();
    chain.disconnect();
    comet.disconnect();
    await node.stop();
  }
});
