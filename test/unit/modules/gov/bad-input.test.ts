// Every bad input gets its coded error and changes nothing in governance (the gov export and the gov account's
// balance are the same before and after).
import test from 'tape';
import type { EncodeObject } from '@cosmjs/proto-signing';
import * as tx1 from 'cosmjs-types/cosmos/gov/v1/tx';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { balance, removeDir, type TestAccount } from '../../../support/app-harness.js';
import {
  anyOf,
  depositMsg,
  GOV_AUTHORITY,
  govExport,
  govParamsMsg,
  MIN_DEPOSIT,
  openGov,
  submitMsg,
  voteMsg,
  wait,
  weightedMsg,
  YES,
} from './helpers.js';

test('gov bad input: coded errors, nothing changed', async (t) => {
  const g = await openGov({ max_deposit_period: '40', voting_period: '40', expedited_voting_period: '20' });
  const { app, accs, block } = g;
  const [a, b, c, d] = accs;
  // Proposal 1 in its deposit period, 2 in voting, 3 finished.
  const setup = await block([
    d,
    [submitMsg(d, [], 100n), submitMsg(d, [], MIN_DEPOSIT), submitMsg(d, [], MIN_DEPOSIT)],
  ]);
  t.equal(setup[0].code, 0, 'setup: three proposals');
  await wait(app, 41); // 1 dropped, 2 and 3 rejected (nobody voted)
  const s2 = await block([d, [submitMsg(d, [], 100n), submitMsg(d, [], MIN_DEPOSIT)]]);
  t.equal(s2[0].code, 0, 'setup: proposals 4 (deposit period) and 5 (voting)');

  const notGov = anyOf('/cosmos.gov.v1.MsgUpdateParams', tx1.MsgUpdateParams, {
    authority: d.address,
    params: tx1.MsgUpdateParams.decode(govParamsMsg(app, {}).value).params,
  });
  const send = anyOf('/cosmos.bank.v1beta1.MsgSend', MsgSend, {
    fromAddress: GOV_AUTHORITY,
    toAddress: d.address,
    amount: [],
  });
  const unknown = { typeUrl: '/cosmos.nothing.v1.MsgNothing', value: new Uint8Array() };
  const cases: Array<[string, TestAccount, EncodeObject, number | string]> = [
    ['a proposal message signed by someone else than the gov authority', d, submitMsg(d, [notGov], MIN_DEPOSIT), 13],
    ['an unknown message type', d, submitMsg(d, [unknown], MIN_DEPOSIT), 10],
    ['a message failing its own checks (MsgSend of nothing)', d, submitMsg(d, [send], MIN_DEPOSIT), 'sdk/10'],
    ['gov params out of range (quorum 1.5)', d, submitMsg(d, [govParamsMsg(app, { quorum: '1.5' })], MIN_DEPOSIT), 24],
    [
      'expedited threshold below the threshold',
      d,
      submitMsg(d, [govParamsMsg(app, { expeditedThreshold: '0.4' })], MIN_DEPOSIT),
      24,
    ],
    ['an empty title', d, submitMsg(d, [], MIN_DEPOSIT, { title: ' ' }), 5],
    ['metadata too long', d, submitMsg(d, [], MIN_DEPOSIT, { metadata: 'x'.repeat(256) }), 15],
    ['a deposit in the wrong denom', c, depositMsg(c, 4n, 1000n, 'uusdc'), 23],
    ['a deposit below min_deposit_ratio', c, depositMsg(c, 4n, 5n), 16],
    ['a deposit on an unknown proposal', c, depositMsg(c, 99n, 1000n), 2],
    ['a deposit on a finished proposal', c, depositMsg(c, 2n, 1000n), 3],
    ['a vote in the deposit period', a, voteMsg(a, 4n, YES), 3],
    ['a vote after the voting period', a, voteMsg(a, 3n, YES), 3],
    ['a vote on an unknown proposal', a, voteMsg(a, 99n, YES), 2],
    ['a vote with an unknown option', a, voteMsg(a, 5n, 7), 7],
    [
      'weighted votes summing to 0.9',
      a,
      weightedMsg(a, 5n, [
        [1, '0.5'],
        [3, '0.4'],
      ]),
      25,
    ],
    [
      'weighted votes summing to 1.1',
      a,
      weightedMsg(a, 5n, [
        [1, '0.6'],
        [3, '0.5'],
      ]),
      25,
    ],
    [
      'a weighted vote listing an option twice',
      a,
      weightedMsg(a, 5n, [
        [1, '0.5'],
        [1, '0.5'],
      ]),
      25,
    ],
    [
      'a weighted vote with a zero weight',
      a,
      weightedMsg(a, 5n, [
        [1, '1'],
        [3, '0'],
      ]),
      25,
    ],
    [
      'cancel by someone else than the proposer',
      b,
      { typeUrl: '/cosmos.gov.v1.MsgCancelProposal', value: { proposalId: 5n, proposer: b.address } },
      18,
    ],
    [
      'cancel of a finished proposal',
      d,
      { typeUrl: '/cosmos.gov.v1.MsgCancelProposal', value: { proposalId: 3n, proposer: d.address } },
      21,
    ],
    [
      'a MsgUpdateParams sent directly by an account',
      d,
      { typeUrl: '/cosmos.gov.v1.MsgUpdateParams', value: tx1.MsgUpdateParams.decode(notGov.value) },
      13,
    ],
  ];
  for (const [what, acc, msg, code] of cases) {
    const before = govExport(app);
    const held = await balance(app, GOV_AUTHORITY);
    const [r] = await block([acc, msg]);
    const want = typeof code === 'string' ? code : `gov/${code}`;
    t.equal(`${r.codespace}/${r.code}`, want, `${what}: ${want} (${r.log})`);
    t.equal(govExport(app), before, `${what}: gov state unchanged`);
    t.equal(await balance(app, GOV_AUTHORITY), held, `${what}: the gov account unchanged`);
  }
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await g.ta.close();
  removeDir(g.ta.dir);
});
