// Genesis: export -> import gives the same app hash with tasks in every status (the counts, held counts, indexes and
// queues are derived at import); refusals name the field; the invariants catch a broken escrow or count.
import test from 'tape';
import { parseAddress } from '../../../../chain/types/address.js';
import { CacheKV } from '../../../../chain/store/cachekv.js';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { initChain, openApp, removeDir, runBlock, signTx } from '../../../support/app-harness.js';
import {
  cancelMsg,
  challengeMsg,
  cheatResult,
  claimManyMsg,
  createMsg,
  honestResult,
  openMarket,
  queryStats,
  submitManyMsg,
  tasksAppState,
} from './helpers.js';

test('tasks genesis: export -> import -> the same app hash, tasks in every status', async (t) => {
  const m = await openMarket({ max_rerun_flops_per_block: '1', claim_timeout_blocks: '4', max_misses_per_window: 10 });
  const { app, creator, provider, other, sign } = m;
  const honest = await honestResult(m.modelBytes);
  for (let i = 0; i < 7; i++)
    await runBlock(app, [await sign(creator, createMsg(creator, m.modelId, { deadlineBlocks: i === 6 ? 2n : 100n }))]);
  await runBlock(app, [await sign(creator, cancelMsg(creator, 1n))]);
  await runBlock(app, [await sign(provider, claimManyMsg(provider, [2n, 3n, 4n, 5n, 6n]))]);
  await runBlock(app, [await sign(provider, submitManyMsg(provider, [{ taskId: 2n, result: honest }]))]);
  // Task 2 settles optimistically; the claims on 3..6 run out (misses); task 7 expired long ago.
  for (let i = 0; i < 4; i++) await runBlock(app, []);
  await runBlock(app, [await sign(provider, claimManyMsg(provider, [3n, 4n, 5n, 6n]))]);
  await runBlock(app, [
    await sign(
      provider,
      submitManyMsg(provider, [
        { taskId: 3n, result: cheatResult(honest) },
        { taskId: 4n, result: honest },
        { taskId: 6n, result: honest },
      ]),
    ),
  ]);
  const acc = app.wiring.auth.getAccount(app.ctx(app.store.state), parseAddress(other.address))!;
  const ch = (id: bigint, i: number) =>
    signTx(other, [challengeMsg(other, id)], {
      accountNumber: acc.accountNumber,
      sequence: acc.sequence + BigInt(i),
      gas: 400_000,
      fee: [{ denom: 'uaic', amount: '10000' }],
    });
  await runBlock(app, [await ch(3n, 0), await ch(4n, 1)]); // budget 1: task 3 re-runs now, task 4 waits CHALLENGED
  const stats = await queryStats(app);
  const have = stats.counts.map((c) => c.status);
  t.deepEqual(
    have,
    [
      TaskStatus.TASK_STATUS_CLAIMED,
      TaskStatus.TASK_STATUS_SUBMITTED,
      TaskStatus.TASK_STATUS_CHALLENGED,
      TaskStatus.TASK_STATUS_SETTLED,
      TaskStatus.TASK_STATUS_REJECTED,
      TaskStatus.TASK_STATUS_CANCELLED,
      TaskStatus.TASK_STATUS_EXPIRED,
    ],
    `statuses present: ${have.join(',')}`,
  );

  const exported = app.exportAppState() as { tasks: { tasks: unknown[]; misses: unknown[]; volume: unknown[] } };
  t.ok(exported.tasks.misses.length >= 2, 'the export has misses');
  t.ok(exported.tasks.volume.length === 1, 'and volume');
  const tb = await openApp();
  const res = await initChain(tb.app, exported);
  t.equal(
    Buffer.from(res.appHash).toString('hex'),
    Buffer.from(app.store.root).toString('hex'),
    'InitChain from the export has the exporting app hash',
  );
  const first = await runBlock(tb.app, []);
  type T = { id: string; status: string };
  const again = (tb.app.exportAppState() as { tasks: { tasks: T[] } }).tasks.tasks;
  const other4 = (l: T[]) => l.filter((x) => x.id !== '4');
  t.deepEqual(other4(again), other4(exported.tasks.tasks as T[]), 'the imported chain exports the same tasks');
  t.ok(
    first.events.some((e) => e.type === 'task_rerun'),
    "the imported rerun queue works: task 4's re-run runs in the first block",
  );
  t.equal(again.find((x) => x.id === '4')?.status, 'TASK_STATUS_SETTLED', 'task 4 (honest) settles');
  t.deepEqual(tb.app.checkInvariants(), [], 'invariants hold on the imported chain');
  await m.t.close();
  await tb.close();
  removeDir(m.t.dir);
  removeDir(tb.dir);
});

test('tasks genesis: refusals name the field', async (t) => {
  const { devAccounts } = await import('../../../support/app-harness.js');
  const accs = await devAccounts(2);
  const task = {
    id: '1',
    creator: accs[0].address,
    model_id: 'a'.repeat(64),
    inputs: [],
    max_fee: { denom: 'uusdc', amount: '10' },
    created_height: '1',
    deadline_height: '9',
    preferred_provider: '',
    status: 'TASK_STATUS_CLAIMED',
    provider: '',
    price: '',
    claim_deadline_height: '3',
    submitted_height: '0',
    challenge_deadline_height: '0',
    misses: 0,
    batch: '1',
  };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['next_id 0', { next_id: '0' }, 'next_id'],
    ['a task id not below next_id', { next_id: '1', tasks: [{ ...task, status: 'TASK_STATUS_OPEN' }] }, 'tasks[0]'],
    ['a CLAIMED task without a provider', { next_id: '2', tasks: [task] }, 'tasks[0]: provider'],
    ['an unknown field', { next_id: '2', bogus: 1 }, 'bogus'],
    ['fee shares above 1', { params: { provider_share: '0.99' } }, 'params'],
    [
      'a volume denom twice',
      {
        volume: [
          { denom: 'uaic', settled: '1', tasks: '1' },
          { denom: 'uaic', settled: '1', tasks: '1' },
        ],
      },
      'volume[1]',
    ],
  ];
  for (const [name, over, field] of cases) {
    const ta = await openApp();
    const state = tasksAppState(accs) as { tasks: Record<string, unknown> };
    const { params, ...rest } = over;
    state.tasks = {
      ...state.tasks,
      ...rest,
      params: { ...(state.tasks.params as object), ...((params as object) ?? {}) },
    };
    try {
      await initChain(ta.app, state);
      t.fail(`${name}: accepted`);
    } catch (e) {
      t.ok(
        (e as Error).message.includes(field),
        `${name}: refused naming ${field} (${(e as Error).message.slice(0, 160)})`,
      );
    }
    await ta.close();
    removeDir(ta.dir);
  }
});

test('tasks invariants catch a live task without escrow and a drifted count', async (t) => {
  const { devAccounts } = await import('../../../support/app-harness.js');
  const accs = await devAccounts(2);
  const ta = await openApp();
  const state = tasksAppState(accs) as { tasks: Record<string, unknown> };
  state.tasks = {
    ...state.tasks,
    next_id: '2',
    tasks: [
      {
        id: '1',
        creator: accs[0].address,
        model_id: 'a'.repeat(64),
        inputs: [],
        max_fee: { denom: 'uusdc', amount: '10' },
        created_height: '1',
        deadline_height: '9',
        preferred_provider: '',
        status: 'TASK_STATUS_OPEN',
        provider: '',
        price: '',
        claim_deadline_height: '0',
        submitted_height: '0',
        challenge_deadline_height: '0',
        misses: 0,
        batch: '1',
      },
    ],
  };
  try {
    await initChain(ta.app, state);
    t.fail('a live task without its escrow was accepted');
  } catch (e) {
    t.ok(
      (e as Error).message.includes('tasks/module-account'),
      `InitChain halts on the escrow invariant (${(e as Error).message.slice(0, 140)})`,
    );
  }
  await ta.close();
  removeDir(ta.dir);

  const m = await openMarket();
  await runBlock(m.app, [await m.sign(m.creator, createMsg(m.creator, m.modelId))]);
  const cache = new CacheKV(m.app.store.state);
  const ctx = m.app.ctx(cache);
  m.app.wiring.tasks.state.statusCount.set(ctx, TaskStatus.TASK_STATUS_OPEN, 2n);
  t.ok(
    m.app.checkInvariants(ctx).some((s) => s.startsWith('tasks/counts-and-indexes')),
    'a drifted status count is caught',
  );
  t.deepEqual(m.app.checkInvariants(), [], 'the committed state is fine');
  await m.t.close();
  removeDir(m.t.dir);
});
