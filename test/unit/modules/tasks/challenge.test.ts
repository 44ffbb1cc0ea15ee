// Challenges, both ways, resolved by the chain's own re-run on the consensus engine inside FinalizeBlock: an honest
// result survives (the bond goes to the community pool), a cheating one is rejected (creator refunded, provider
// slashed — at least the fee when paid in the bond denom — challenger repaid with a reward out of the slash), a
// model that fails on the input refunds everyone, and the per-block FLOP budget spreads re-runs over blocks.
import test from 'tape';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { parseAddress } from '../../../../chain/types/address.js';
import { balance, removeDir, runBlock } from '../../../support/app-harness.js';
import {
  challengeMsg,
  cheatResult,
  claimManyMsg,
  claimMsg,
  createMsg,
  honestResult,
  input,
  openMarket,
  queryTask,
  submitManyMsg,
  submitMsg,
  TASKS_MODULE,
  type Market,
} from './helpers.js';

const stakeOf = (m: Market) =>
  m.app.wiring.providers.standing(m.app.ctx(m.app.store.state), parseAddress(m.provider.address))!.stake;

async function submitted(
  m: Market,
  result: (h: Awaited<ReturnType<typeof honestResult>>) => typeof h,
  over: Record<string, unknown> = {},
) {
  const { app, creator, provider, sign } = m;
  const honest = await honestResult(m.modelBytes);
  await runBlock(app, [await sign(creator, createMsg(creator, m.modelId, over))]);
  const id = app.wiring.tasks.nextId(app.ctx(app.store.state)) - 1n;
  await runBlock(app, [await sign(provider, claimMsg(provider, id))]);
  const r = await runBlock(app, [await sign(provider, submitMsg(provider, id, result(honest)))]);
  if (r.txResults[0].code) throw new Error(`submit: ${r.txResults[0].log}`);
  return id;
}

test('challenge of an honest result: re-run agrees, the result settles, the bond is forfeited', async (t) => {
  const m = await openMarket();
  const { app, other, sign } = m;
  const id = await submitted(m, (h) => h);
  const before = await balance(app, other.address, 'uaic');
  const r = await runBlock(app, [await sign(other, challengeMsg(other, id, 1000n))]);
  t.equal(r.txResults[0].code, 0, `challenge accepted (${r.txResults[0].log})`);
  const rerun = r.events.find((e) => e.type === 'task_rerun');
  t.equal(
    rerun?.attributes.find((a) => a.key === 'outcome')?.value,
    'correct',
    'the re-run ran in the same block and agreed',
  );
  const task = await queryTask(app, id);
  t.equal(task.status, TaskStatus.TASK_STATUS_SETTLED, 'SETTLED');
  t.equal(task.settlement!.how, 'rerun', 'settled by the re-run');
  t.equal(task.settlement!.forfeitedBond, '1000uaic', 'the bond is forfeited (to the community pool)');
  t.equal(
    await balance(app, other.address, 'uaic'),
    before - 1000n - 10_000n,
    'the challenger lost the bond (and the tx fee)',
  );
  t.equal(await balance(app, TASKS_MODULE, 'uaic'), 0n, 'nothing left in the module account');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});

test('challenge of a cheating result: rejected, creator refunded, provider slashed, challenger rewarded', async (t) => {
  const m = await openMarket();
  const { app, creator, other, sign } = m;
  const startUsdc = await balance(app, creator.address, 'uusdc');
  const id = await submitted(m, cheatResult);
  const stake = stakeOf(m);
  const before = await balance(app, other.address, 'uaic');
  const r = await runBlock(app, [await sign(other, challengeMsg(other, id, 1000n))]);
  t.equal(r.txResults[0].code, 0, 'challenge accepted');
  const task = await queryTask(app, id);
  t.equal(task.status, TaskStatus.TASK_STATUS_REJECTED, 'REJECTED');
  const s = task.settlement!;
  const burned = stake / 100n; // provider_slash_fraction 0.01 (the fee is in uusdc, so no fee floor)
  t.deepEqual(
    [s.outcome, s.how, s.refund, s.slashed, s.challengerReward, s.returnedBond],
    ['wrong', 'rerun', '1500', String(burned), String(burned / 2n), '1000uaic'],
    'the settlement record',
  );
  t.ok(s.reason.includes('argmax'), `the reason names the rule (${s.reason})`);
  t.equal(await balance(app, creator.address, 'uusdc'), startUsdc, 'the creator paid nothing in uusdc');
  t.equal(stakeOf(m), stake - burned, "the provider's stake lost 1 %");
  t.equal(
    await balance(app, other.address, 'uaic'),
    before - 10_000n + burned / 2n,
    'the challenger got its bond back and half the slash (minus its tx fee)',
  );
  t.ok(
    r.events.some((e) => e.type === 'slash'),
    'a slash event',
  );
  t.equal(await balance(app, TASKS_MODULE, 'uaic'), 0n, 'nothing left in the module account (uaic)');
  t.equal(await balance(app, TASKS_MODULE, 'uusdc'), 0n, 'nothing left in the module account (uusdc)');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});

test('a wrong result paid in the bond denom is slashed at least the fee', async (t) => {
  const m = await openMarket({ provider_slash_fraction: '0.000010000000000000' });
  const id = await submitted(m, cheatResult, { maxFee: { denom: 'uaic', amount: '3000' } });
  const stake = stakeOf(m);
  await runBlock(m.app, [await m.sign(m.other, challengeMsg(m.other, id))]);
  const s = (await queryTask(m.app, id)).settlement!;
  t.equal(s.slashed, '2000', `0.001 % of ${stake} is 50, below the price 2000: the slash is the price`);
  t.equal(stakeOf(m), stake - 2000n, 'the stake lost exactly the price');
  t.deepEqual(m.app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});

test('a model that fails on the input: the task FAILS, everyone is refunded, nobody slashed', async (t) => {
  const m = await openMarket();
  const { app, creator, other, sign } = m;
  const startUsdc = await balance(app, creator.address, 'uusdc');
  const id = await submitted(m, (h) => h, { inputs: [input([Infinity, 1, 2, 3])] });
  const stake = stakeOf(m);
  const before = await balance(app, other.address, 'uaic');
  await runBlock(app, [await sign(other, challengeMsg(other, id))]);
  const task = await queryTask(app, id);
  t.equal(task.status, TaskStatus.TASK_STATUS_FAILED, 'FAILED');
  t.ok(task.settlement!.reason.includes('NON_FINITE'), `the reason is the runner's code (${task.settlement!.reason})`);
  t.equal(await balance(app, creator.address, 'uusdc'), startUsdc, 'the creator refunded');
  t.equal(await balance(app, other.address, 'uaic'), before - 10_000n, 'the bond returned');
  t.equal(stakeOf(m), stake, 'no slash');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});

test('the FLOP budget: one re-run per block when the budget fits one', async (t) => {
  const m = await openMarket({ max_rerun_flops_per_block: '1' });
  const { app, creator, provider, other, sign } = m;
  const honest = await honestResult(m.modelBytes);
  for (let i = 0; i < 3; i++) await runBlock(app, [await sign(creator, createMsg(creator, m.modelId))]);
  await runBlock(app, [await sign(provider, claimManyMsg(provider, [1n, 2n, 3n]))]);
  await runBlock(app, [
    await sign(
      provider,
      submitManyMsg(
        provider,
        [1n, 2n, 3n].map((taskId) => ({ taskId, result: taskId === 2n ? cheatResult(honest) : honest })),
      ),
    ),
  ]);
  const txs = [];
  const acc = app.wiring.auth.getAccount(app.ctx(app.store.state), parseAddress(other.address))!;
  const { signTx } = await import('../../../support/app-harness.js');
  for (let i = 0; i < 3; i++) {
    txs.push(
      await signTx(other, [challengeMsg(other, BigInt(i + 1))], {
        accountNumber: acc.accountNumber,
        sequence: acc.sequence + BigInt(i),
        gas: 400_000,
        fee: [{ denom: 'uaic', amount: '10000' }],
      }),
    );
  }
  const reruns: number[] = [];
  let r = await runBlock(app, txs);
  t.deepEqual(
    r.txResults.map((x) => x.code),
    [0, 0, 0],
    'three challenges in one block',
  );
  reruns.push(r.events.filter((e) => e.type === 'task_rerun').length);
  for (let i = 0; i < 3; i++) {
    r = await runBlock(app, []);
    reruns.push(r.events.filter((e) => e.type === 'task_rerun').length);
  }
  t.deepEqual(reruns, [1, 1, 1, 0], 'one re-run per block, in challenge order');
  t.deepEqual(
    await Promise.all([1n, 2n, 3n].map(async (id) => (await queryTask(app, id)).status)),
    [TaskStatus.TASK_STATUS_SETTLED, TaskStatus.TASK_STATUS_REJECTED, TaskStatus.TASK_STATUS_SETTLED],
    'each judged on its own result',
  );
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});
