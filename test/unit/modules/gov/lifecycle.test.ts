// Proposals through their life: deposit period, voting, tally by stake with delegator override, execution of the
// messages (all or none), deposits refunded or burnt, expedited proposals, dropping, cancelling; v1 and v1beta1
// queries; genesis export → import → the same app hash.
import test from 'tape';
import * as qb from 'cosmjs-types/cosmos/gov/v1beta1/query';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import { TextProposal } from 'cosmjs-types/cosmos/gov/v1beta1/gov';
import { MsgCancelProposal } from 'cosmjs-types/cosmos/gov/v1/tx';
import { balance, removeDir, runBlock } from '../../../support/app-harness.js';
import {
  ABSTAIN,
  anyOf,
  DELEGATED,
  depositMsg,
  GOV_AUTHORITY,
  govParams,
  govParamsMsg,
  MIN_DEPOSIT,
  NO,
  openGov,
  proposal,
  SELF,
  submitMsg,
  tally,
  VETO,
  voteMsg,
  wait,
  weightedMsg,
  YES,
} from './helpers.js';

const S = ProposalStatus;

async function supply(app: Awaited<ReturnType<typeof openGov>>['app']): Promise<bigint> {
  return app.wiring.bank.getSupply(app.ctx(app.store.state), 'uaic');
}

test("gov: a params proposal passes by the validators' stake and takes effect; deposits come back", async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [a, b, , d] = accs;
  const before = await balance(app, d.address);
  let r = await block([d, submitMsg(d, [govParamsMsg(app, { quorum: '0.400000000000000000' })], 400n)]);
  t.equal(r[0].code, 0, 'submitted with 400 of the 1000 minimum');
  let p = await proposal(app, 1n);
  t.equal(p.status, S.PROPOSAL_STATUS_DEPOSIT_PERIOD, 'in its deposit period');
  r = await block([b, depositMsg(b, 1n, 600n)]);
  t.equal(r[0].code, 0, 'b deposits the rest');
  p = await proposal(app, 1n);
  t.equal(p.status, S.PROPOSAL_STATUS_VOTING_PERIOD, 'the full deposit starts the voting period');
  t.equal(p.totalDeposit[0].amount, '1000', 'total deposit 1000');
  r = await block([a, voteMsg(a, 1n, YES)], [b, voteMsg(b, 1n, NO)]);
  t.deepEqual(
    r.map((x) => x.code),
    [0, 0],
    'a votes yes, b votes no',
  );
  const live = await tally(app, 1n);
  t.equal(live.yesCount, String(SELF + DELEGATED), "a's vote carries its own and c's stake");
  t.equal(live.noCount, String(SELF), "b's vote carries its stake");
  await wait(app, 6);
  p = await proposal(app, 1n);
  t.equal(p.status, S.PROPOSAL_STATUS_PASSED, 'passed');
  t.equal(p.finalTallyResult!.yesCount, String(SELF + DELEGATED), 'final tally recorded');
  t.equal((await govParams(app)).quorum, '0.400000000000000000', 'the new quorum is in force');
  t.equal(await balance(app, d.address), before - 25_000n, "d's deposit came back (only its fee is spent)");
  t.equal(await balance(app, GOV_AUTHORITY), 0n, 'the gov account holds nothing');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: a delegator overriding its validator changes the tally by exactly its stake', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [a, b, c] = accs;
  await block([b, submitMsg(b, [], MIN_DEPOSIT)]);
  await block([a, voteMsg(a, 1n, YES)]);
  const t1 = await tally(app, 1n);
  t.equal(t1.yesCount, String(SELF + DELEGATED), 'a alone: yes = its self-bond + c');
  await block([c, voteMsg(c, 1n, NO)]);
  const t2 = await tally(app, 1n);
  t.equal(BigInt(t1.yesCount) - BigInt(t2.yesCount), DELEGATED, 'c voting no takes exactly its stake from yes');
  t.equal(t2.noCount, String(DELEGATED), '… and adds it to no');
  await block([
    c,
    weightedMsg(c, 1n, [
      [YES, '0.25'],
      [ABSTAIN, '0.75'],
    ]),
  ]);
  const t3 = await tally(app, 1n);
  t.equal(t3.noCount, '0', 'the last vote counts (c replaced no by a weighted vote)');
  t.equal(t3.yesCount, String(SELF + DELEGATED / 4n), 'a quarter of c is yes');
  t.equal(t3.abstainCount, String((DELEGATED * 3n) / 4n), 'three quarters abstain');
  const v = await app.query({
    path: '/cosmos.gov.v1beta1.Query/Votes',
    data: qb.QueryVotesRequest.encode({ proposalId: 1n }).finish(),
    height: 0n,
    prove: false,
  });
  const votes = qb.QueryVotesResponse.decode(v.value).votes;
  t.equal(votes.length, 2, 'v1beta1 lists both votes');
  const cv = votes.find((x) => x.voter === c.address)!;
  t.deepEqual(
    cv.options.map((o) => o.weight),
    ['250000000000000000', '750000000000000000'],
    'v1beta1 weights in LegacyDec wire form',
  );
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: a vetoed proposal burns its deposits; a missed deposit drops the proposal and burns', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [a, b, , d] = accs;
  await block([d, [submitMsg(d, [], MIN_DEPOSIT), submitMsg(d, [], 10n)]]);
  t.equal((await proposal(app, 2n)).status, S.PROPOSAL_STATUS_DEPOSIT_PERIOD, 'proposal 2 waits for its deposit');
  await block([a, voteMsg(a, 1n, VETO)], [b, voteMsg(b, 1n, YES)]);
  const s0 = await supply(app);
  await wait(app, 6);
  t.equal((await proposal(app, 1n)).status, S.PROPOSAL_STATUS_REJECTED, 'vetoed: rejected');
  const r = await app.query({
    path: '/cosmos.gov.v1.Query/Proposal',
    data: new Uint8Array([8, 2]),
    height: 0n,
    prove: false,
  });
  t.notEqual(r.code, 0, 'the proposal that never got its deposit is gone');
  t.equal(s0 - (await supply(app)), MIN_DEPOSIT + 10n, 'both deposits were burnt');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: an expedited proposal that fails becomes regular and can still pass', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [a, b, , d] = accs;
  await block([d, submitMsg(d, [], 5000n, { expedited: true })]);
  let p = await proposal(app, 1n);
  t.equal(p.status, S.PROPOSAL_STATUS_VOTING_PERIOD, 'the expedited minimum starts voting');
  const start = p.votingStartTime!.seconds;
  t.equal(p.votingEndTime!.seconds - start, 3n, 'expedited voting period');
  // a (40 AIC) 60 % yes / 40 % no, b (10 AIC) no: 24 yes against 26 no.
  await block(
    [
      a,
      weightedMsg(a, 1n, [
        [YES, '0.6'],
        [NO, '0.4'],
      ]),
    ],
    [b, voteMsg(b, 1n, NO)],
  );
  await wait(app, 2);
  p = await proposal(app, 1n);
  t.equal(p.status, S.PROPOSAL_STATUS_VOTING_PERIOD, 'failed as expedited: still voting');
  t.equal(p.expedited, false, 'now a regular proposal');
  t.equal(p.votingEndTime!.seconds - start, 5n, 'with the regular voting period from its start');
  await block([b, voteMsg(b, 1n, YES)]);
  await wait(app, 1);
  p = await proposal(app, 1n);
  t.equal(p.status, S.PROPOSAL_STATUS_PASSED, 'passes as a regular proposal (b changed its vote)');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: a failing message fails the proposal, records why and changes nothing', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [a, , , d] = accs;
  // Two messages: a good params change, then one that fails on state (cancelling a proposal that does not exist).
  const cancel = anyOf('/cosmos.gov.v1.MsgCancelProposal', MsgCancelProposal, {
    proposalId: 99n,
    proposer: GOV_AUTHORITY,
  });
  const r = await block([
    d,
    submitMsg(d, [govParamsMsg(app, { quorum: '0.300000000000000000' }), cancel], MIN_DEPOSIT),
  ]);
  t.equal(r[0].code, 0, 'submitted');
  await block([a, voteMsg(a, 1n, YES)]);
  await wait(app, 6);
  const p = await proposal(app, 1n);
  t.equal(p.status, S.PROPOSAL_STATUS_FAILED, 'failed');
  t.match(
    p.failedReason,
    /message 1 .*MsgCancelProposal.*unknown proposal/,
    `the reason names the message: ${p.failedReason}`,
  );
  t.equal((await govParams(app)).quorum, '0.334000000000000000', 'the first message was rolled back');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: v1beta1 text proposals through CosmJS-shaped messages; cancel burns its share', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [a, , , d] = accs;
  const content = {
    typeUrl: '/cosmos.gov.v1beta1.TextProposal',
    value: TextProposal.encode({ title: 'hello', description: 'text only' }).finish(),
  };
  let r = await block([
    d,
    {
      typeUrl: '/cosmos.gov.v1beta1.MsgSubmitProposal',
      value: { content, initialDeposit: [{ denom: 'uaic', amount: '1000' }], proposer: d.address },
    },
  ]);
  t.equal(r[0].code, 0, 'v1beta1 text proposal submitted');
  const res = await app.query({
    path: '/cosmos.gov.v1beta1.Query/Proposal',
    data: qb.QueryProposalRequest.encode({ proposalId: 1n }).finish(),
    height: 0n,
    prove: false,
  });
  const p = qb.QueryProposalResponse.decode(res.value).proposal!;
  t.equal(TextProposal.decode(p.content!.value).title, 'hello', 'v1beta1 query returns its TextProposal');
  t.equal(p.status, 2, 'in voting');
  r = await block([
    a,
    { typeUrl: '/cosmos.gov.v1beta1.MsgVote', value: { proposalId: 1n, voter: a.address, option: YES } },
  ]);
  t.equal(r[0].code, 0, 'v1beta1 vote');
  const s0 = await supply(app);
  const b0 = await balance(app, d.address);
  r = await block([d, { typeUrl: '/cosmos.gov.v1.MsgCancelProposal', value: { proposalId: 1n, proposer: d.address } }]);
  t.equal(r[0].code, 0, 'the proposer cancels');
  t.equal(s0 - (await supply(app)), 500n, 'half the deposit is burnt (proposal_cancel_ratio 0.5)');
  t.equal((await balance(app, d.address)) - b0, 500n - 25_000n, 'the other half comes back (less the fee)');
  await runBlock(app, []);
  await g.ta.close();
  removeDir(g.ta.dir);
});
