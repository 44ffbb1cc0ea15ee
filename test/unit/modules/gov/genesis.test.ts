// Gov genesis: export -> import gives the same app hash with proposals in the deposit period, voting (with votes)
// and finished; the imported queues work; refusals name the field.
import test from 'tape';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import { initChain, openApp, removeDir, runBlock } from '../../../support/app-harness.js';
import {
  depositMsg,
  govAppState,
  MIN_DEPOSIT,
  NO,
  openGov,
  proposal,
  submitMsg,
  voteMsg,
  wait,
  YES,
} from './helpers.js';

test('gov genesis: export -> import -> the same app hash, and the queues go on', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [a, b, c, d] = accs;
  await block([d, [submitMsg(d, [], MIN_DEPOSIT), submitMsg(d, [], MIN_DEPOSIT)]]);
  await block([a, voteMsg(a, 1n, YES)], [b, voteMsg(b, 2n, NO)]);
  await wait(app, 6);
  await block([d, [submitMsg(d, [], 200n), submitMsg(d, [], MIN_DEPOSIT)]]);
  await block([c, [depositMsg(c, 3n, 100n), voteMsg(c, 4n, YES)]], [a, voteMsg(a, 4n, YES)]);
  const exported = app.exportAppState() as { gov: { proposals: unknown[]; votes: unknown[]; deposits: unknown[] } };
  t.equal(exported.gov.proposals.length, 4, 'four proposals exported');
  t.equal(exported.gov.votes.length, 2, 'the votes on the live proposal');
  t.equal(exported.gov.deposits.length, 3, "the live proposals' deposits");
  const tb = await openApp();
  const res = await initChain(tb.app, exported);
  t.equal(Buffer.from(res.appHash).toString('hex'), Buffer.from(app.store.root).toString('hex'), 'the same app hash');
  t.deepEqual(tb.app.checkInvariants(), [], 'invariants hold on the imported chain');
  // The imported chain starts again at height 1 (block time = genesis + height): run it past both periods' ends.
  for (let i = 0; i < Number(app.store.version) + 6; i++) await runBlock(tb.app, []);
  const p3 = await proposal(tb.app, 3n).catch(() => undefined);
  t.equal(p3, undefined, 'proposal 3 (300 of 1000) was dropped on the imported chain');
  t.equal((await proposal(tb.app, 4n)).status, ProposalStatus.PROPOSAL_STATUS_PASSED, 'proposal 4 passed there');
  await g.ta.close();
  await tb.close();
  removeDir(g.ta.dir);
  removeDir(tb.dir);
});

test('gov genesis: refusals name the field', async (t) => {
  const { devAccounts } = await import('../../../support/app-harness.js');
  const accs = await devAccounts(2);
  const base = govAppState(accs) as Record<string, any>;
  const bad = async (gov: Record<string, unknown>, re: RegExp, what: string) => {
    const ta = await openApp();
    try {
      await initChain(ta.app, { ...base, gov: { ...base.gov, ...gov } });
      t.fail(`${what}: accepted`);
    } catch (e) {
      t.match((e as Error).message, re, `${what}: ${(e as Error).message}`);
    }
    await ta.close();
    removeDir(ta.dir);
  };
  await bad({ params: { ...base.gov.params, quorum: '2' } }, /params: quorum above 1/, 'quorum above 1');
  await bad({ starting_proposal_id: '0' }, /starting_proposal_id/, 'starting id 0');
  await bad(
    {
      votes: [
        {
          proposal_id: '1',
          voter: accs[0].address,
          options: [{ option: 'VOTE_OPTION_YES', weight: '1' }],
          metadata: '',
        },
      ],
    },
    /votes\[0\]: proposal 1: not in its voting period/,
    'a vote on no proposal',
  );
});
