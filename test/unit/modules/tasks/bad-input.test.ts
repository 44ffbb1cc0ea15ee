// Every bad input of issue 10 gets its own coded error and changes nothing in the market — in CheckTx and in a
// block (the tasks export and the module account's balances are the same before and after).
import test from 'tape';
import { createHash } from 'node:crypto';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { balance, removeDir, runBlock, type TestAccount } from '../../../support/app-harness.js';
import { registerModelMsg, retireModelMsg, tinyMlp, wideMlp } from '../models/helpers.js';
import {
  cancelMsg,
  challengeMsg,
  claimManyMsg,
  claimMsg,
  createMsg,
  honestResult,
  input,
  openMarket,
  provAddr,
  queryTask,
  registerProviderMsg,
  submitManyMsg,
  submitMsg,
  TASKS_MODULE,
} from './helpers.js';

test('tasks bad input: coded errors, nothing changed', async (t) => {
  const m = await openMarket({
    claim_timeout_blocks: '200',
    challenge_window_blocks: '200',
    max_input_bytes: '16',
    max_batch: 5,
  });
  const { app, owner, provider, creator, datasetOwner: prov2, other, sign } = m;
  const honest = await honestResult(m.modelBytes);
  const idOf = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const wide = wideMlp(8),
    retired = tinyMlp(9);
  const wideSpec = {
    inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 8n] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 8n] }],
  };
  const ok = async (acc: TestAccount, msg: EncodeObject, what: string) => {
    const r = await runBlock(app, [await sign(acc, msg, 2_000_000)]);
    if (r.txResults[0].code !== 0) throw new Error(`setup ${what}: ${r.txResults[0].log}`);
  };
  await ok(owner, registerModelMsg(owner.address, wide, { spec: wideSpec }), 'wide model');
  await ok(owner, registerModelMsg(owner.address, retired), 'second model');
  await ok(owner, retireModelMsg(owner.address, idOf(retired)), 'retire it');
  await ok(prov2, registerProviderMsg(prov2, [idOf(wide)]), 'a provider for the wide model only');
  // Tasks 1..6 (1500uusdc), 7 (1uusdc, below every price), 8 (reserved for prov2).
  for (let i = 0; i < 6; i++)
    await ok(creator, createMsg(creator, m.modelId, { deadlineBlocks: 500n }), `task ${i + 1}`);
  await ok(
    creator,
    createMsg(creator, m.modelId, { maxFee: { denom: 'uusdc', amount: '1' }, deadlineBlocks: 500n }),
    'task 7',
  );
  await ok(
    creator,
    createMsg(creator, m.modelId, { preferredProvider: provAddr(prov2), deadlineBlocks: 500n }),
    'task 8',
  );
  await ok(provider, claimManyMsg(provider, [1n, 2n, 3n, 4n, 5n]), 'claim 1..5 (the claim limit)');
  await ok(provider, submitMsg(provider, 1n, honest), 'submit 1');
  await ok(creator, createMsg(creator, m.modelId, { deadlineBlocks: 500n }), 'task 9');
  await ok(creator, cancelMsg(creator, 9n), 'cancel 9');
  t.equal((await queryTask(app, 9n)).status, TaskStatus.TASK_STATUS_CANCELLED, 'setup: task 9 cancelled');

  const f32 = (n: number) => new Uint8Array(4 * n);
  const cr = (over: Record<string, unknown>) => createMsg(creator, m.modelId, { deadlineBlocks: 500n, ...over });
  const wrongLen = { ...honest, values: honest.values.slice(1) };
  const wrongDtype = { ...honest, tensors: [{ ...honest.tensors[0], dtype: 'float64' }] };
  const wrongName = { ...honest, tensors: [{ ...honest.tensors[0], name: 'z' }] };
  const wrongShape = { ...honest, tensors: [{ ...honest.tensors[0], shape: [3n, 1n] }] };
  const cases: Array<[string, TestAccount, EncodeObject, number, string]> = [
    ['create: unknown model', creator, createMsg(creator, 'e'.repeat(64)), 3, 'tasks'],
    ['create: malformed model id', creator, createMsg(creator, 'xyz'), 3, 'tasks'],
    ['create: retired model', creator, createMsg(creator, idOf(retired)), 4, 'tasks'],
    [
      'create: input dtype not the spec',
      creator,
      cr({ inputs: [{ dtype: 'int32', shape: [1n, 4n], data: f32(4) }] }),
      5,
      'tasks',
    ],
    [
      'create: input shape not the spec',
      creator,
      cr({ inputs: [{ dtype: 'float32', shape: [2n, 2n], data: f32(4) }] }),
      5,
      'tasks',
    ],
    [
      'create: input rank not the spec',
      creator,
      cr({ inputs: [{ dtype: 'float32', shape: [4n], data: f32(4) }] }),
      5,
      'tasks',
    ],
    [
      'create: input bytes not the shape',
      creator,
      cr({ inputs: [{ dtype: 'float32', shape: [1n, 4n], data: f32(3) }] }),
      5,
      'tasks',
    ],
    ['create: two inputs for a one-input model', creator, cr({ inputs: [input(), input()] }), 5, 'tasks'],
    ['create: no inputs', creator, cr({ inputs: [] }), 5, 'tasks'],
    [
      'create: unknown dtype',
      creator,
      cr({ inputs: [{ dtype: 'float16', shape: [1n, 4n], data: f32(2) }] }),
      5,
      'tasks',
    ],
    [
      'create: input over max_input_bytes',
      creator,
      createMsg(creator, idOf(wide), { inputs: [{ dtype: 'float32', shape: [1n, 8n], data: f32(8) }] }),
      6,
      'tasks',
    ],
    ['create: fee in a denom not accepted', creator, cr({ maxFee: { denom: 'ufoo', amount: '100' } }), 7, 'tasks'],
    ['create: zero fee', creator, cr({ maxFee: { denom: 'uusdc', amount: '0' } }), 10, 'sdk'],
    ['create: no fee', creator, cr({ maxFee: undefined }), 8, 'tasks'],
    ['create: fee above the balance', creator, cr({ maxFee: { denom: 'uusdc', amount: '999999999999999' } }), 5, 'sdk'],
    ['create: deadline 0', creator, cr({ deadlineBlocks: 0n }), 9, 'tasks'],
    ['create: deadline above max', creator, cr({ deadlineBlocks: 1001n }), 9, 'tasks'],
    ['create: deadline below min', creator, cr({ deadlineBlocks: 1n }), 9, 'tasks'],
    ['create: preferred provider not registered', creator, cr({ preferredProvider: provAddr(other) }), 10, 'tasks'],
    ['claim: unknown task', provider, claimMsg(provider, 99n), 2, 'tasks'],
    ['claim: task id 0', provider, claimMsg(provider, 0n), 2, 'tasks'],
    ['claim: by a non-provider', other, claimMsg(other, 6n), 10, 'tasks'],
    ['claim: by a provider that does not serve the model', prov2, claimMsg(prov2, 6n), 12, 'tasks'],
    ['claim: over the claim limit', provider, claimMsg(provider, 6n), 14, 'tasks'],
    ['claim: reserved for another provider', provider, claimMsg(provider, 8n), 15, 'tasks'],
    ['claim: already claimed', provider, claimMsg(provider, 2n), 16, 'tasks'],
    ['claim batch: a task twice', provider, claimManyMsg(provider, [6n, 6n]), 22, 'tasks'],
    ['claim batch: over max_batch', provider, claimManyMsg(provider, [6n, 7n, 8n, 10n, 11n, 12n]), 22, 'tasks'],
    ['claim batch: empty', provider, claimManyMsg(provider, []), 22, 'tasks'],
    ['submit: by a non-claimer', prov2, submitMsg(prov2, 2n, honest), 17, 'tasks'],
    ['submit: for an open task', provider, submitMsg(provider, 6n, honest), 16, 'tasks'],
    ['submit: twice', provider, submitMsg(provider, 1n, honest), 16, 'tasks'],
    ['submit: wrong length', provider, submitMsg(provider, 2n, wrongLen), 19, 'tasks'],
    ['submit: wrong dtype', provider, submitMsg(provider, 2n, wrongDtype), 19, 'tasks'],
    ['submit: wrong output name', provider, submitMsg(provider, 2n, wrongName), 19, 'tasks'],
    ['submit: wrong shape', provider, submitMsg(provider, 2n, wrongShape), 19, 'tasks'],
    ['submit: no result', provider, submitMsg(provider, 2n, undefined as never), 19, 'tasks'],
    [
      'submit batch: one bad result undoes the good one',
      provider,
      submitManyMsg(provider, [
        { taskId: 2n, result: honest },
        { taskId: 3n, result: wrongLen },
      ]),
      19,
      'tasks',
    ],
    ['cancel: a claimed task', creator, cancelMsg(creator, 2n), 16, 'tasks'],
    ['cancel: by someone else', other, cancelMsg(other, 6n), 18, 'tasks'],
    ['cancel: unknown task', creator, cancelMsg(creator, 99n), 2, 'tasks'],
    ['challenge: a cancelled task (no window)', other, challengeMsg(other, 9n), 20, 'tasks'],
    ['challenge: an unsubmitted task', other, challengeMsg(other, 2n), 16, 'tasks'],
    ['challenge: bond too small', other, challengeMsg(other, 1n, 999n), 21, 'tasks'],
    ['challenge: bond in the wrong denom', other, challengeMsg(other, 1n, 5000n, 'uusdc'), 21, 'tasks'],
  ];
  // The price is checked before the claim limit, so a provider at its limit still learns the fee is too low.
  cases.push(['claim: fee below the price', provider, claimMsg(provider, 7n), 13, 'tasks']);

  const before = {
    tasks: JSON.stringify(app.exportAppState().tasks),
    uusdc: await balance(app, TASKS_MODULE, 'uusdc'),
    uaic: await balance(app, TASKS_MODULE, 'uaic'),
  };
  // CheckTx runs decode (with each message's stateless checks) and the ante handler, never the message: a stateful
  // fault is admitted there and fails in its block with the message's code (paying its fee, using its sequence).
  let stateless = 0;
  for (const [name, acc, msg, code, codespace] of cases) {
    const tx = await sign(acc, msg);
    const r = await app.checkTx({ tx, type: 0 });
    if (r.code) stateless++;
    t.ok(
      r.code === 0 || `${r.codespace}:${r.code}` === `${codespace}:${code}`,
      `CheckTx ${name}: ${r.code ? `rejected by the stateless checks (${r.log})` : 'admitted, the message is not run'}`,
    );
    const res = await runBlock(app, [tx]);
    t.equal(
      `${res.txResults[0].codespace}:${res.txResults[0].code}`,
      `${codespace}:${code}`,
      `FinalizeBlock ${name} (${res.txResults[0].log})`,
    );
  }
  t.ok(stateless >= 8, `the stateless faults (${stateless}) are refused already in CheckTx`);
  t.equal(JSON.stringify(app.exportAppState().tasks), before.tasks, 'the market is unchanged');
  t.equal(await balance(app, TASKS_MODULE, 'uusdc'), before.uusdc, 'the escrow (uusdc) is unchanged');
  t.equal(await balance(app, TASKS_MODULE, 'uaic'), before.uaic, 'the escrow (uaic) is unchanged');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});

test('tasks: a fee below every provider price stays open and expires with a full refund', async (t) => {
  const m = await openMarket();
  const { app, creator, provider, sign } = m;
  const start = await balance(app, creator.address, 'uusdc');
  await runBlock(app, [
    await sign(
      creator,
      createMsg(creator, m.modelId, { maxFee: { denom: 'uusdc', amount: '999' }, deadlineBlocks: 4n }),
    ),
  ]);
  const r = await runBlock(app, [await sign(provider, claimMsg(provider, 1n))]);
  t.equal(r.txResults[0].code, 13, 'claim refused: price 1000 above the fee 999 (tasks code 13)');
  t.equal((await queryTask(app, 1n)).status, TaskStatus.TASK_STATUS_OPEN, 'the task stays OPEN');
  for (let i = 0; i < 3; i++) await runBlock(app, []);
  const task = await queryTask(app, 1n);
  t.equal(task.status, TaskStatus.TASK_STATUS_EXPIRED, 'EXPIRED at its deadline');
  t.equal(await balance(app, creator.address, 'uusdc'), start, 'refunded in full (uusdc pays no gas)');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await m.t.close();
  removeDir(m.t.dir);
});
