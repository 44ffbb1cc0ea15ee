// The task lifecycle through real blocks: create (escrow) -> claim -> submit -> optimistic settlement with the fee
// split to the last unit; cancel; deadline expiry with refund; claim expiry with misses and jail; batch claim and
// submit; queries by index and stats.
import test from 'tape';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import {
  QueryTasksByModelRequest,
  QueryTasksByStatusRequest,
  QueryTasksResponse,
} from '../../../../proto/gen/aichain/tasks/v1/query.js';
import { balance, removeDir, runBlock } from '../../../support/app-harness.js';
import {
  cancelMsg,
  claimManyMsg,
  claimMsg,
  communityPool,
  createdId,
  createMsg,
  D18,
  honestResult,
  openMarket,
  outstanding,
  provAddr,
  queryStats,
  queryTask,
  submitManyMsg,
  submitMsg,
  TASKS_MODULE,
} from './helpers.js';

test('tasks lifecycle: create, claim, submit, settle optimistically with exact splits', async (t) => {
  const m = await openMarket();
  const { app, creator, provider, owner, datasetOwner, sign } = m;
  const honest = await honestResult(m.modelBytes);
  const before = {
    creator: await balance(app, creator.address, 'uusdc'),
    owner: await balance(app, owner.address, 'uusdc'),
    dataset: await balance(app, datasetOwner.address, 'uusdc'),
    pool: await communityPool(app, 'uusdc'),
    prov: await outstanding(app, provAddr(provider), 'uusdc'),
  };
  const r1 = await runBlock(app, [await sign(creator, createMsg(creator, m.modelId))]);
  t.equal(r1.txResults[0].code, 0, `create succeeds (${r1.txResults[0].log})`);
  const id = await createdId(r1.txResults[0].data);
  t.equal(id, 1n, 'the first task is id 1');
  t.equal(await balance(app, TASKS_MODULE, 'uusdc'), 1500n, 'max_fee escrowed in the module account');
  t.equal((await queryTask(app, id)).status, TaskStatus.TASK_STATUS_OPEN, 'OPEN');

  const r2 = await runBlock(app, [await sign(provider, claimMsg(provider, id))]);
  t.equal(r2.txResults[0].code, 0, `claim succeeds (${r2.txResults[0].log})`);
  let task = await queryTask(app, id);
  t.equal(task.status, TaskStatus.TASK_STATUS_CLAIMED, 'CLAIMED');
  t.equal(task.price, '1000', "price = the provider's uusdc price");
  t.equal(task.provider, provAddr(provider), 'the provider is recorded');

  const r3 = await runBlock(app, [await sign(provider, submitMsg(provider, id, honest))]);
  t.equal(r3.txResults[0].code, 0, `submit succeeds (${r3.txResults[0].log})`);
  task = await queryTask(app, id);
  t.equal(task.status, TaskStatus.TASK_STATUS_SUBMITTED, 'SUBMITTED');
  t.equal(task.challengeDeadlineHeight, task.submittedHeight + 3n, 'challenge window of 3 blocks');
  t.deepEqual(task.result!.values, honest.values, 'the result is stored as submitted');

  while (app.store.version < task.challengeDeadlineHeight - 1n) await runBlock(app, []);
  t.equal(
    (await queryTask(app, id)).status,
    TaskStatus.TASK_STATUS_SUBMITTED,
    'still SUBMITTED one block before the deadline',
  );
  await runBlock(app, []);
  task = await queryTask(app, id);
  t.equal(task.status, TaskStatus.TASK_STATUS_SETTLED, 'SETTLED at the end of the challenge deadline block');
  // price 1000: provider 800, validators 50 (optimistic: no verifiers, so to the pool; the record's 0), owner 50, dataset pool 50 -> 5000 bps = 25,
  // community 50 + validators 50 + unlisted dataset 25 = 125; refund 1500 - 1000 = 500.
  const s = task.settlement!;
  t.deepEqual(
    [s.outcome, s.how, s.providerReward, s.validatorsShare, s.modelRoyalty, s.communityPool, s.refund],
    ['correct', 'optimistic', '800', '0', '50', '125', '500'],
    'the settlement record',
  );
  t.deepEqual(
    s.datasetRoyalties.map((d) => [d.owner, d.amount]),
    [[datasetOwner.address, '25']],
    'the dataset royalty',
  );
  t.equal(await balance(app, creator.address, 'uusdc'), before.creator - 1000n, 'the creator paid exactly the price');
  t.equal(await balance(app, owner.address, 'uusdc'), before.owner + 50n, 'the model owner got 50');
  t.equal(await balance(app, datasetOwner.address, 'uusdc'), before.dataset + 25n, 'the dataset owner got 25');
  t.equal(await communityPool(app, 'uusdc'), before.pool + 125n * D18, 'the community pool got 125');
  t.equal(
    await outstanding(app, provAddr(provider), 'uusdc'),
    before.prov + 800n * D18,
    "the provider's rewards got 800 (commission and delegators' from there)",
  );
  t.equal(await balance(app, TASKS_MODULE, 'uusdc'), 0n, 'nothing left in escrow');
  const stats = await queryStats(app);
  t.deepEqual(
    stats.volume.map((v) => [v.denom, v.settled, v.tasks]),
    [['uusdc', '1000', 1n]],
    'volume per denom',
  );
  t.deepEqual(
    stats.counts.map((c) => [c.status, c.count]),
    [[TaskStatus.TASK_STATUS_SETTLED, 1n]],
    'counts by status',
  );
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});

test('tasks lifecycle: cancel, deadline expiry, claim expiry with misses and jail, batches, queries', async (t) => {
  const m = await openMarket();
  const { app, creator, provider, sign } = m;
  const honest = await honestResult(m.modelBytes);
  const start = await balance(app, creator.address, 'uaic');
  // Four tasks: 1 cancelled, 2 expires unclaimed, 3 and 4 claimed in a batch.
  const fee = { denom: 'uaic', amount: '5000' };
  const ids: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await runBlock(app, [
      await sign(creator, createMsg(creator, m.modelId, { maxFee: fee, deadlineBlocks: i === 1 ? 2n : 50n })),
    ]);
    ids.push(await createdId(r.txResults[0].data));
  }
  t.deepEqual(ids, [1n, 2n, 3n, 4n], 'four tasks');
  t.equal(
    (await queryTask(app, 2n)).status,
    TaskStatus.TASK_STATUS_EXPIRED,
    'task 2 (deadline 2 blocks) EXPIRED at its deadline',
  );
  t.equal(await balance(app, TASKS_MODULE, 'uaic'), 15_000n, 'three live fees escrowed');
  const rc = await runBlock(app, [await sign(creator, cancelMsg(creator, 1n))]);
  t.equal(rc.txResults[0].code, 0, 'cancel succeeds');
  t.equal((await queryTask(app, 1n)).status, TaskStatus.TASK_STATUS_CANCELLED, 'CANCELLED');
  t.equal((await queryTask(app, 2n)).settlement!.refund, '5000', 'refunded in full');

  const rb = await runBlock(app, [await sign(provider, claimManyMsg(provider, [3n, 4n]))]);
  t.equal(rb.txResults[0].code, 0, `batch claim succeeds (${rb.txResults[0].log})`);
  const claimedAt = app.store.version;
  const open = QueryTasksResponse.decode(
    (
      await app.query({
        path: '/aichain.tasks.v1.Query/TasksByStatus',
        data: QueryTasksByStatusRequest.encode({
          status: TaskStatus.TASK_STATUS_CLAIMED,
          pagination: undefined,
        }).finish(),
        height: 0n,
        prove: false,
      })
    ).value,
  );
  t.deepEqual(
    open.tasks.map((x) => x.id),
    [3n, 4n],
    'tasks by status CLAIMED',
  );
  t.equal(
    app.wiring.tasks.held(
      app.ctx(app.store.state),
      (await import('../../../../chain/types/address.js')).parseAddress(provider.address),
    ),
    2n,
    'the provider holds 2',
  );

  // Task 4 gets a result; task 3's claim runs out (3 blocks) and it is OPEN again with a miss.
  await runBlock(app, [await sign(provider, submitManyMsg(provider, [{ taskId: 4n, result: honest }]))]);
  while (app.store.version < claimedAt + 3n) await runBlock(app, []);
  const t3 = await queryTask(app, 3n);
  t.equal(t3.status, TaskStatus.TASK_STATUS_OPEN, 'an expired claim returns the task to OPEN');
  t.equal(t3.misses, 1, 'and counts a miss');
  const byModel = QueryTasksResponse.decode(
    (
      await app.query({
        path: '/aichain.tasks.v1.Query/TasksByModel',
        data: QueryTasksByModelRequest.encode({
          modelId: m.modelId,
          status: TaskStatus.TASK_STATUS_OPEN,
          pagination: undefined,
        }).finish(),
        height: 0n,
        prove: false,
      })
    ).value,
  );
  t.deepEqual(
    byModel.tasks.map((x) => x.id),
    [3n],
    'open tasks for the model',
  );

  // Two more misses on task 3 exceed max_misses_per_window (2): the provider is jailed.
  for (let miss = 2; miss <= 3; miss++) {
    const r = await runBlock(app, [await sign(provider, claimMsg(provider, 3n))]);
    t.equal(r.txResults[0].code, 0, `re-claim ${miss} succeeds`);
    const at = app.store.version;
    let events: string[] = [];
    while (app.store.version < at + 3n) events = (await runBlock(app, [])).events.map((e) => e.type);
    t.ok(events.includes('task_provider_miss'), `miss ${miss} is an event`);
  }
  const prov = app.wiring.providers.getProvider(
    app.ctx(app.store.state),
    (await import('../../../../chain/types/address.js')).parseAddress(provider.address),
  )!;
  t.ok(prov.jailed, 'three misses in the window jail the provider');
  const r = await runBlock(app, [await sign(provider, claimMsg(provider, 3n))]);
  t.equal(r.txResults[0].code, 11, 'a jailed provider cannot claim (tasks code 11)');
  while (app.store.version < 60n) await runBlock(app, []);
  t.equal((await queryTask(app, 3n)).status, TaskStatus.TASK_STATUS_EXPIRED, 'the deadline ends it: EXPIRED');
  t.equal((await queryTask(app, 4n)).status, TaskStatus.TASK_STATUS_SETTLED, 'task 4 settled');
  const fees = start - (await balance(app, creator.address, 'uaic'));
  // 5 create txs and 1 cancel paid gas fees of 5000uaic each (200000 gas × 0.025); task 4 cost its price.
  t.equal(fees, 5n * 10_000n + 2000n, 'the creator paid the tx fees and one price, everything else refunded');
  t.equal(await balance(app, TASKS_MODULE, 'uaic'), 0n, 'escrow empty');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});
