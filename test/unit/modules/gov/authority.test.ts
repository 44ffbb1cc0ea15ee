// What proposals can do: every module's MsgUpdateParams (each checked by its module at submission), spending from
// the community pool (never more than it holds), suspending and reinstating a model; only the gov authority may.
import test from 'tape';
import { createHash } from 'node:crypto';
import { ProposalStatus } from 'cosmjs-types/cosmos/gov/v1/gov';
import { MsgCommunityPoolSpend } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import * as authStdTx from 'cosmjs-types/cosmos/auth/v1beta1/tx';
import * as bankStdTx from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import * as authTx from '../../../../proto/gen/aichain/auth/v1/tx.js';
import * as tasksTx from '../../../../proto/gen/aichain/tasks/v1/tx.js';
import * as modelsTx from '../../../../proto/gen/aichain/models/v1/tx.js';
import * as distTx from '../../../../proto/gen/aichain/distribution/v1/tx.js';
import * as stakingTx from '../../../../proto/gen/aichain/staking/v1/tx.js';
import * as slashingTx from '../../../../proto/gen/aichain/slashing/v1/tx.js';
import * as mintTx from '../../../../proto/gen/aichain/mint/v1/tx.js';
import * as verifyTx from '../../../../proto/gen/aichain/verify/v1/tx.js';
import { Status } from '../../../../proto/gen/aichain/models/v1/types.js';
import { balance, removeDir } from '../../../support/app-harness.js';
import { registerModelMsg, tinyMlp } from '../models/helpers.js';
import { createMsg } from '../tasks/helpers.js';
import {
  anyOf,
  GOV_AUTHORITY,
  govParams,
  govParamsMsg,
  MIN_DEPOSIT,
  openGov,
  proposal,
  submitMsg,
  voteMsg,
  wait,
  YES,
  type GovChain,
} from './helpers.js';

const S = ProposalStatus;

/** Submits a proposal with these messages, a (40 of 50 AIC) votes yes, and the voting period runs out. */
async function pass(
  g: GovChain,
  messages: Parameters<typeof submitMsg>[1],
): Promise<{ id: bigint; code: number; log: string }> {
  const [a, , , d] = g.accs;
  const [r] = await g.block([d, submitMsg(d, messages, MIN_DEPOSIT)]);
  if (r.code !== 0) return { id: 0n, code: r.code, log: `${r.codespace}/${r.code} ${r.log}` };
  const id = g.app.wiring.gov.nextId(g.app.ctx(g.app.store.state)) - 1n;
  await g.block([a, voteMsg(a, id, YES)]);
  await wait(g.app, 6);
  return { id, code: 0, log: '' };
}

test('gov: one proposal updates the params of gov, tasks, models, distribution, staking, slashing, mint and verify', async (t) => {
  const g = await openGov();
  const { app } = g;
  const ctx = () => app.ctx(app.store.state);
  const w = app.wiring;
  const up = <P>(pkg: string, codec: { encode(m: any): { finish(): Uint8Array } }, params: P) =>
    anyOf(`/${pkg}.MsgUpdateParams`, codec, { authority: GOV_AUTHORITY, params });
  const messages = [
    govParamsMsg(app, { votingPeriod: { seconds: 7n, nanos: 0 } }),
    up('aichain.tasks.v1', tasksTx.MsgUpdateParams, { ...w.tasks.getParams(ctx()), claimTimeoutBlocks: 77n }),
    up('aichain.models.v1', modelsTx.MsgUpdateParams, { ...w.models.getParams(ctx()), maxFlops: 123456n }),
    up('aichain.distribution.v1', distTx.MsgUpdateParams, {
      ...w.distribution.getParams(ctx()),
      communityTax: '0.05',
    }),
    up('aichain.staking.v1', stakingTx.MsgUpdateParams, { ...w.staking.getParams(ctx()), maxEntries: 9 }),
    up('aichain.slashing.v1', slashingTx.MsgUpdateParams, { ...w.slashing.getParams(ctx()), signedBlocksWindow: 321n }),
    up('aichain.mint.v1', mintTx.MsgUpdateParams, { ...w.mint.getParams(ctx()), blocksPerYear: 999n }),
    up('aichain.verify.v1', verifyTx.MsgUpdateParams, { ...w.verify.getParams(ctx()), minSampleBps: 2500 }),
  ];
  const r = await pass(g, messages);
  t.equal(r.code, 0, `submitted (${r.log})`);
  const p = await proposal(app, r.id);
  t.equal(p.status, S.PROPOSAL_STATUS_PASSED, `passed ${p.failedReason}`);
  t.equal((await govParams(app)).votingPeriod?.seconds, 7n, 'gov voting_period 7 s');
  t.equal(w.tasks.getParams(ctx()).claimTimeoutBlocks, 77n, 'tasks claim_timeout_blocks 77');
  t.equal(String(w.models.getParams(ctx()).maxFlops), '123456', 'models max_flops');
  t.equal(
    w.distribution.getParams(ctx()).communityTax,
    '0.050000000000000000',
    'distribution community_tax (canonical)',
  );
  t.equal(w.staking.getParams(ctx()).maxEntries, 9, 'staking max_entries 9');
  t.equal(w.slashing.getParams(ctx()).signedBlocksWindow, 321n, 'slashing signed_blocks_window');
  t.equal(String(w.mint.getParams(ctx()).blocksPerYear), '999', 'mint blocks_per_year');
  t.equal(w.verify.getParams(ctx()).minSampleBps, 2500, 'verify min_sample_bps');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: params out of range and foreign signers are refused at submission, per module', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [, , , d] = accs;
  const ctx = () => app.ctx(app.store.state);
  const w = app.wiring;
  const up = (
    pkg: string,
    codec: { encode(m: any): { finish(): Uint8Array } },
    params: unknown,
    authority = GOV_AUTHORITY,
  ) => anyOf(`/${pkg}.MsgUpdateParams`, codec, { authority, params });
  const cases: Array<[string, ReturnType<typeof up>, string]> = [
    [
      'tasks provider_share above 1',
      up('aichain.tasks.v1', tasksTx.MsgUpdateParams, { ...w.tasks.getParams(ctx()), providerShare: '1.5' }),
      'tasks/',
    ],
    [
      'verify sketch_size above max_output_values',
      up('aichain.verify.v1', verifyTx.MsgUpdateParams, { ...w.verify.getParams(ctx()), sketchSize: 100_000 }),
      'verify/2',
    ],
    [
      'distribution community_tax above 1',
      up('aichain.distribution.v1', distTx.MsgUpdateParams, { ...w.distribution.getParams(ctx()), communityTax: '2' }),
      'distribution/2',
    ],
    [
      'mint: an inflation rate that is not a decimal',
      up('aichain.mint.v1', mintTx.MsgUpdateParams, { ...w.mint.getParams(ctx()), inflationRate: 'x' }),
      'mint/',
    ],
    [
      'staking: a params change signed by an account',
      up('aichain.staking.v1', stakingTx.MsgUpdateParams, w.staking.getParams(ctx()), d.address),
      'gov/13',
    ],
    [
      'slashing: a params change signed by an account',
      up('aichain.slashing.v1', slashingTx.MsgUpdateParams, w.slashing.getParams(ctx()), d.address),
      'gov/13',
    ],
    [
      'a pool spend signed by an account',
      anyOf('/cosmos.distribution.v1beta1.MsgCommunityPoolSpend', MsgCommunityPoolSpend, {
        authority: d.address,
        recipient: d.address,
        amount: [{ denom: 'uaic', amount: '1' }],
      }),
      'gov/13',
    ],
  ];
  for (const [what, msg, code] of cases) {
    const [r] = await block([d, submitMsg(d, [msg], MIN_DEPOSIT)]);
    t.ok(`${r.codespace}/${r.code}`.startsWith(code) && r.code !== 0, `${what}: ${r.codespace}/${r.code} (${r.log})`);
  }
  const [direct] = await block([
    d,
    { typeUrl: '/aichain.tasks.v1.MsgUpdateParams', value: { authority: d.address, params: w.tasks.getParams(ctx()) } },
  ]);
  t.equal(
    `${direct.codespace}/${direct.code}`,
    'sdk/4',
    `an account cannot send MsgUpdateParams itself: ${direct.log}`,
  );
  t.equal(w.gov.nextId(ctx()), 1n, 'no proposal was created');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: proposals change the auth params, the fee rules and the bank send switches; bad ones are refused', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [, , , d, e] = accs;
  const ctx = () => app.ctx(app.store.state);
  const w = app.wiring;
  const authParams = w.auth.getParams(ctx());
  const feeParams = w.auth.getFeeParams(ctx());
  const authMsg = (params: unknown, authority = GOV_AUTHORITY) =>
    anyOf('/cosmos.auth.v1beta1.MsgUpdateParams', authStdTx.MsgUpdateParams, { authority, params });
  const feeMsg = (params: unknown, authority = GOV_AUTHORITY) =>
    anyOf('/aichain.auth.v1.MsgUpdateFeeParams', authTx.MsgUpdateFeeParams, { authority, params });
  const bankMsg = (params: unknown, authority = GOV_AUTHORITY) =>
    anyOf('/cosmos.bank.v1beta1.MsgUpdateParams', bankStdTx.MsgUpdateParams, { authority, params });
  const refused: Array<[string, ReturnType<typeof authMsg>, string]> = [
    ['auth tx_sig_limit 0', authMsg({ ...authParams, txSigLimit: 0n }), 'auth/2'],
    ['auth params signed by an account', authMsg(authParams, d.address), 'gov/13'],
    ['fee params with max_tx_bytes below 1 KiB', feeMsg({ ...feeParams, maxTxBytes: 10n }), 'auth/2'],
    [
      'fee params with an unsorted gas price list',
      feeMsg({
        ...feeParams,
        minGasPrices: [
          { denom: 'uusdc', amount: '0.01' },
          { denom: 'uaic', amount: '0.025' },
        ],
      }),
      'auth/2',
    ],
    [
      'bank send_enabled naming a denom twice',
      bankMsg({
        defaultSendEnabled: true,
        sendEnabled: [
          { denom: 'uaic', enabled: false },
          { denom: 'uaic', enabled: true },
        ],
      }),
      'bank/10',
    ],
    [
      'bank send_enabled with an invalid denom',
      bankMsg({ defaultSendEnabled: true, sendEnabled: [{ denom: '1x', enabled: false }] }),
      'bank/10',
    ],
  ];
  for (const [what, msg, code] of refused) {
    const [r] = await block([d, submitMsg(d, [msg], MIN_DEPOSIT)]);
    t.equal(`${r.codespace}/${r.code}`, code, `${what}: refused at submission (${r.log})`);
  }
  t.equal(w.gov.nextId(ctx()), 1n, 'no proposal was created by the refused ones');

  const r = await pass(g, [
    authMsg({ ...authParams, maxMemoCharacters: 100n }),
    feeMsg({ ...feeParams, maxTxBytes: 200_000n }),
    bankMsg({ defaultSendEnabled: true, sendEnabled: [{ denom: 'uaic', enabled: false }] }),
  ]);
  t.equal(r.code, 0, `submitted (${r.log})`);
  t.equal((await proposal(app, r.id)).status, S.PROPOSAL_STATUS_PASSED, 'passed');
  t.equal(w.auth.getParams(ctx()).maxMemoCharacters, 100n, 'auth max_memo_characters 100');
  t.equal(w.auth.getFeeParams(ctx()).maxTxBytes, 200_000n, 'fee max_tx_bytes 200,000');
  const [send] = await block([
    d,
    {
      typeUrl: '/cosmos.bank.v1beta1.MsgSend',
      value: { fromAddress: d.address, toAddress: e.address, amount: [{ denom: 'uaic', amount: '5' }] },
    },
  ]);
  t.equal(`${send.codespace}/${send.code}`, 'bank/5', `uaic sends are now disabled: ${send.log}`);
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: the community pool pays a passed spend; a spend above the pool fails and moves nothing', async (t) => {
  const g = await openGov();
  const { app, accs } = g;
  const e = accs[4];
  const ctx = () => app.ctx(app.store.state);
  const pool = () => app.wiring.distribution.communityPool(ctx()).get('uaic') ?? 0n;
  const spend = (amount: bigint) =>
    anyOf('/cosmos.distribution.v1beta1.MsgCommunityPoolSpend', MsgCommunityPoolSpend, {
      authority: GOV_AUTHORITY,
      recipient: e.address,
      amount: [{ denom: 'uaic', amount: String(amount) }],
    });
  const e0 = await balance(app, e.address);
  const r = await pass(g, [spend(10_000n)]);
  t.equal((await proposal(app, r.id)).status, S.PROPOSAL_STATUS_PASSED, 'the spend passed');
  t.equal((await balance(app, e.address)) - e0, 10_000n, 'e received 10,000 uaic from the pool');
  const p0 = pool();
  const whole = p0 / 10n ** 18n;
  const r2 = await pass(g, [spend(whole * 100n)]);
  const p2 = await proposal(app, r2.id);
  t.equal(p2.status, S.PROPOSAL_STATUS_FAILED, 'a spend above the pool fails');
  t.match(p2.failedReason, /community pool does not have sufficient coins/, p2.failedReason);
  t.equal((await balance(app, e.address)) - e0, 10_000n, 'e received nothing more');
  t.ok(pool() >= p0, 'the pool was not touched (it only grew by fees)');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await g.ta.close();
  removeDir(g.ta.dir);
});

test('gov: suspending a model stops new tasks on it; reinstating brings them back', async (t) => {
  const g = await openGov();
  const { app, accs, block } = g;
  const [, b, c] = accs;
  const bytes = tinyMlp(7);
  const id = createHash('sha256').update(bytes).digest('hex');
  const [reg] = await block([b, registerModelMsg(b.address, bytes)]);
  t.equal(reg.code, 0, `model registered (${reg.log})`);
  const status = (s: Status) =>
    anyOf(
      `/aichain.models.v1.Msg${s === Status.STATUS_SUSPENDED ? 'Suspend' : 'Reinstate'}Model`,
      modelsTx.MsgSuspendModel,
      { authority: GOV_AUTHORITY, modelId: id },
    );
  const r = await pass(g, [status(Status.STATUS_SUSPENDED)]);
  t.equal((await proposal(app, r.id)).status, S.PROPOSAL_STATUS_PASSED, 'the suspension passed');
  t.equal(
    app.wiring.models.getModel(app.ctx(app.store.state), id)?.status,
    Status.STATUS_SUSPENDED,
    'the model is suspended',
  );
  const [task] = await block([c, createMsg(c, id)]);
  t.equal(`${task.codespace}/${task.code}`, 'tasks/4', `a new task on it is refused: ${task.log}`);
  const r2 = await pass(g, [status(Status.STATUS_ACTIVE)]);
  t.equal((await proposal(app, r2.id)).status, S.PROPOSAL_STATUS_PASSED, 'the reinstatement passed');
  const [task2] = await block([c, createMsg(c, id)]);
  t.equal(task2.code, 0, `tasks are accepted again (${task2.log})`);
  await g.ta.close();
  removeDir(g.ta.dir);
});
