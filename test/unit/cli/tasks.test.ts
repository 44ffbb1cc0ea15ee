// `aichain tx|query tasks` argument parsing and printing, without a node: task ids, the result file (what
// `aichain infer --output json` prints), which index `list` walks, statuses by name, and a settled task's view.
import test from 'tape';
import { listQuery, parseResultJson, parseTaskId, tasksQuery, tasksTx } from '../../../chain/cli/tasks.js';
import { parseStatus, statusName, taskText, taskView } from '../../../chain/cli/task-view.js';
import { UsageError } from '../../../chain/cli/args.js';
import { Task, TaskStatus } from '../../../proto/gen/aichain/tasks/v1/types.js';

test('cli tasks: task ids are positive integers', (t) => {
  t.equal(parseTaskId('17'), 17n, '17');
  for (const bad of [undefined, '', '0', '-1', '1.5', 'abc', '0x10'])
    t.throws(() => parseTaskId(bad), UsageError, `${JSON.stringify(bad)} is a usage error`);
  t.end();
});

test('cli tasks: --result reads what aichain infer --output json prints', (t) => {
  const inferOut = {
    model_id: 'ab'.repeat(32),
    engine: 'consensus',
    ok: true,
    scale_bits: 16,
    tensors: [{ name: 'probabilities', dtype: 'float32', shape: [1, 3] }],
    values: ['12', '-3', '9223372036854775807'],
    sha256: 'cd'.repeat(32),
  };
  t.deepEqual(
    parseResultJson(JSON.stringify(inferOut)),
    {
      tensors: [{ name: 'probabilities', dtype: 'float32', shape: [1n, 3n] }],
      values: [12n, -3n, 9223372036854775807n],
    },
    'tensors with uint64 shapes, values exactly (int64 beyond a double)',
  );
  t.deepEqual(parseResultJson('{"tensors":[],"values":[1,2]}').values, [1n, 2n], 'integers as JSON numbers too');
  for (const [bad, why] of [
    ['not json', /not JSON/],
    ['{"values":[1]}', /needs "tensors"/],
    ['{"tensors":[{"name":"x","dtype":"float32"}],"values":[]}', /tensor 0: needs name, dtype and shape/],
    ['{"tensors":[],"values":[1.5]}', /value 0 is not an integer/],
    ['{"tensors":[],"values":["1e3"]}', /value 0 is not an integer/],
  ] as Array<[string, RegExp]>)
    t.throws(() => parseResultJson(bad), why, `${bad} is refused`);
  t.end();
});

test('cli tasks: list walks one index, the model one optionally by status', (t) => {
  t.deepEqual(listQuery({ status: 'open' }), { by: 'status', status: TaskStatus.TASK_STATUS_OPEN }, '--status');
  t.deepEqual(listQuery({ creator: 'ai1x' }), { by: 'creator', creator: 'ai1x' }, '--creator');
  t.deepEqual(listQuery({ provider: 'aiprov1x' }), { by: 'provider', provider: 'aiprov1x' }, '--provider');
  t.deepEqual(
    listQuery({ model: 'm', status: 'settled' }),
    { by: 'model', model: 'm', status: TaskStatus.TASK_STATUS_SETTLED },
    '--model with --status',
  );
  t.deepEqual(listQuery({ model: 'm' }), { by: 'model', model: 'm', status: undefined }, '--model alone');
  for (const bad of [{}, { creator: 'a', provider: 'b' }, { creator: 'a', status: 'open' }, { status: 'done' }])
    t.throws(() => listQuery(bad), UsageError, `${JSON.stringify(bad)} is a usage error`);
  t.end();
});

test('cli tasks: statuses by their short names', (t) => {
  t.equal(parseStatus('SETTLED'), TaskStatus.TASK_STATUS_SETTLED, 'case-insensitive');
  t.equal(statusName(TaskStatus.TASK_STATUS_CHALLENGED), 'challenged', 'printed lower-case');
  t.throws(() => parseStatus('unspecified'), UsageError, 'unspecified is not a status to list');
  t.end();
});

test('cli tasks: usage errors before any key or network access', async (t) => {
  for (const argv of [
    [],
    ['create', '--from', 'k'],
    ['create', '--from', 'k', '--model', 'm', '--input', 'f', '--fee', '1.5uaic'],
    ['frobnicate', '--from', 'k'],
    ['cancel', '--from', 'k'],
    ['cancel', '0', '--from', 'k'],
    ['challenge', '1', '--from', 'k'],
    ['claim', '--from', 'k'],
    ['submit', '1', '--from', 'k'],
  ]) {
    try {
      await tasksTx([...argv, '--home', '/nonexistent']);
      t.fail(`tx tasks ${argv.join(' ')} ran`);
    } catch (e) {
      t.ok(e instanceof UsageError, `tx tasks ${argv.join(' ')}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  for (const argv of [['list'], ['task', 'x'], ['nothing']]) {
    try {
      await tasksQuery(argv);
      t.fail(`query tasks ${argv.join(' ')} ran`);
    } catch (e) {
      t.ok(e instanceof UsageError, `query tasks ${argv.join(' ')} is a usage error`);
    }
  }
});

test('cli tasks: a settled task prints its result decoded beside the canonical integers, and the split', (t) => {
  const task = Task.fromPartial({
    id: 7n,
    creator: 'ai1creator',
    modelId: 'ab'.repeat(32),
    status: TaskStatus.TASK_STATUS_SETTLED,
    maxFee: { denom: 'uusdc', amount: '150' },
    provider: 'aiprov1p',
    price: '100',
    inputs: [{ dtype: 'float32', shape: [1n, 2n], data: new Uint8Array(Float32Array.of(1.5, -2).buffer) }],
    result: {
      tensors: [{ name: 'y', dtype: 'float32', shape: [1n, 2n] }],
      values: [32768n, -65536n],
    },
    settlement: {
      height: 40n,
      outcome: 'correct',
      how: 'verified',
      providerReward: '80',
      validatorsShare: '5',
      modelRoyalty: '5',
      datasetRoyalties: [{ datasetId: 'cd'.repeat(32), owner: 'ai1owner', amount: '0' }],
      communityPool: '15',
      refund: '50',
    },
  });
  const v = taskView(task, 16);
  t.deepEqual(v.inputs, [{ dtype: 'float32', shape: [1, 2], data: [1.5, -2] }], 'inputs in the --input file form');
  t.deepEqual(v.result?.values, ['32768', '-65536'], 'canonical integers');
  t.deepEqual(v.result?.decoded?.[0].values, [0.5, -1], 'decoded by scale_bits 16');
  t.deepEqual(
    [v.status, v.price, v.settlement?.provider_reward, v.settlement?.refund],
    ['settled', '100uusdc', '80uusdc', '50uusdc'],
    'amounts with their denom',
  );
  const text = taskText(v);
  t.match(text, /task 7 settled \(provider aiprov1p, price 100uusdc\)/, 'a status line');
  t.match(text, /y \[1, 2\]: 0\.5 \(32768\), -1 \(-65536\)/, 'each value decoded beside its integer');
  t.match(
    text,
    /settlement: correct \(verified\), provider 80uusdc, validators 5uusdc, model royalty 5uusdc, dataset cdcdcdcdcdcd… 0uusdc, community pool 15uusdc, refund 50uusdc/,
    'the split',
  );
  t.equal(taskView(task).result?.decoded, undefined, 'no scale_bits, no decoding');
  t.end();
});
