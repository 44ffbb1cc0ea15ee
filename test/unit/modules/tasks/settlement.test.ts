// Settlement splits to the last unit with an odd price and three datasets: each share rounds down, the dataset pool
// is split by basis points (the unlisted rest joins the pool), and the community pool takes every rounding unit, so
// the parts sum to the price exactly and the creator gets max_fee − price back.
import test from 'tape';
import { createHash } from 'node:crypto';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { balance, removeDir, runBlock } from '../../../support/app-harness.js';
import { hex64, registerDatasetMsg, registerModelMsg, tinyMlp } from '../models/helpers.js';
import {
  claimMsg,
  communityPool,
  createMsg,
  D18,
  honestResult,
  openMarket,
  outstanding,
  provAddr,
  queryTask,
  submitMsg,
  TASKS_MODULE,
} from './helpers.js';

test('settlement: an odd price and three datasets split to the last unit', async (t) => {
  const m = await openMarket();
  const { app, owner, provider, creator, datasetOwner, other, sign } = m;
  const model = tinyMlp(11);
  const modelId = createHash('sha256').update(model).digest('hex');
  const ok = async (r: Awaited<ReturnType<typeof runBlock>>, what: string) =>
    t.equal(r.txResults[0].code, 0, `${what} (${r.txResults[0].log})`);
  await ok(
    await runBlock(app, [await sign(datasetOwner, registerDatasetMsg(datasetOwner.address, hex64('1')), 2_000_000)]),
    'dataset 1',
  );
  await ok(
    await runBlock(app, [await sign(other, registerDatasetMsg(other.address, hex64('2')), 2_000_000)]),
    'dataset 2',
  );
  await ok(
    await runBlock(app, [
      await sign(
        owner,
        registerModelMsg(owner.address, model, {
          datasets: [
            { datasetId: hex64('1'), shareBps: 3333 },
            { datasetId: hex64('2'), shareBps: 3333 },
            { datasetId: hex64('d'), shareBps: 1234 },
          ],
        }),
        2_000_000,
      ),
    ]),
    'model with three datasets',
  );
  await ok(
    await runBlock(app, [
      await sign(provider, {
        typeUrl: '/aichain.staking.v1.MsgUpdateProvider',
        value: {
          operator: provider.address,
          moniker: '',
          endpoint: '',
          modelIds: [m.modelId, modelId],
          pricePerTask: [{ denom: 'uusdc', amount: '997' }],
          commissionRate: '',
        },
      }),
    ]),
    'provider serves it at 997uusdc',
  );
  const before = {
    creator: await balance(app, creator.address, 'uusdc'),
    owner: await balance(app, owner.address, 'uusdc'),
    d1: await balance(app, datasetOwner.address, 'uusdc'),
    d2: await balance(app, other.address, 'uusdc'),
    pool: await communityPool(app, 'uusdc'),
    prov: await outstanding(app, provAddr(provider), 'uusdc'),
  };
  await ok(
    await runBlock(app, [
      await sign(creator, createMsg(creator, modelId, { maxFee: { denom: 'uusdc', amount: '1234' } })),
    ]),
    'create',
  );
  await ok(await runBlock(app, [await sign(provider, claimMsg(provider, 1n))]), 'claim');
  await ok(await runBlock(app, [await sign(provider, submitMsg(provider, 1n, await honestResult(model)))]), 'submit');
  for (let i = 0; i < 3; i++) await runBlock(app, []);
  const task = await queryTask(app, 1n);
  t.equal(task.status, TaskStatus.TASK_STATUS_SETTLED, 'SETTLED');
  // 997: provider floor(797.6) = 797, validators floor(49.85) = 49 (settled optimistically: no verifiers, so to the
  // pool; the record's validators_share is what verifiers got: 0), owner 49, dataset pool 49 ->
  // floor(49 × 3333 / 10000) = 16, 16, floor(49 × 1234 / 10000) = 6; community 997 − 797 − 49 − 38 = 113.
  const s = task.settlement!;
  t.deepEqual(
    [s.providerReward, s.validatorsShare, s.modelRoyalty, s.communityPool, s.refund],
    ['797', '0', '49', '113', '237'],
    'the shares',
  );
  t.deepEqual(
    s.datasetRoyalties.map((d) => [d.datasetId[0], d.amount]),
    [
      ['1', '16'],
      ['2', '16'],
      ['d', '6'],
    ],
    'the royalties by basis points',
  );
  const parts =
    BigInt(s.providerReward)
    + BigInt(s.modelRoyalty)
    + BigInt(s.communityPool)
    + s.datasetRoyalties.reduce((a, d) => a + BigInt(d.amount), 0n);
  t.equal(parts, 997n, 'the parts sum to the price exactly');
  t.equal(await balance(app, creator.address, 'uusdc'), before.creator - 997n, 'the creator paid the price');
  t.equal(await balance(app, owner.address, 'uusdc'), before.owner + 49n, 'model owner +49');
  // Dataset owner 3 owns datasets 1 and d: 16 + 6.
  t.equal(await balance(app, datasetOwner.address, 'uusdc'), before.d1 + 22n, 'dataset owner of 1 and d: +22');
  t.equal(await balance(app, other.address, 'uusdc'), before.d2 + 16n, 'dataset owner of 2: +16');
  t.equal(await communityPool(app, 'uusdc'), before.pool + 113n * D18, 'community pool +113');
  t.equal(await outstanding(app, provAddr(provider), 'uusdc'), before.prov + 797n * D18, 'provider rewards +797');
  t.equal(await balance(app, TASKS_MODULE, 'uusdc'), 0n, 'escrow empty');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});
