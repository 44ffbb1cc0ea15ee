// The task market's client helpers without a node: inputs to the chain's Tensor bytes, the create message and its
// defaults, the id from the tx's events, createTask's success and failure, waitForTask's polling and timeout.
import test from 'tape';
import type { DeliverTxResponse, SigningStargateClient } from '@cosmjs/stargate';
import {
  createTask,
  createTaskMsg,
  taskIdsFromEvents,
  toTensors,
  waitForTask,
  DEFAULT_DEADLINE_BLOCKS,
  FINAL_STATUSES,
  TaskStatus,
  type TasksExtension,
} from '../../../../modules/tasks/client.js';
import { Task } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { tensorFrom } from '../../../../native/onnx/tensor.js';

const MODEL = 'ab'.repeat(32);
const CREATOR = 'ai12a5csjlxjjcjwezesgzglj72wtyhpekw2fnlg9';

test('toTensors: rows of floats become one float32 [rows, columns] tensor, as tensorFrom encodes it', (t) => {
  const [x] = toTensors([
    [5.1, 3.5, 1.4, 0.2],
    [6.3, 2.9, 5.6, 1.8],
  ]);
  const want = tensorFrom('float32', [2, 4], [5.1, 3.5, 1.4, 0.2, 6.3, 2.9, 5.6, 1.8]);
  t.deepEqual([x.dtype, x.shape], ['float32', [2n, 4n]], 'dtype and shape');
  t.deepEqual(x.data, want.data, 'the same little-endian bytes as native/onnx');
  t.throws(() => toTensors([[1, 2], [3]]), /rows differ/, 'ragged rows are refused');
  t.end();
});

test('toTensors: tensors as float values (float32 or float64) or as bytes, one per model input', (t) => {
  const bytes = tensorFrom('int64', [1, 2], [7n, -1n]);
  const [a, b, c] = toTensors([
    { shape: [1, 3], values: [0.5, -1, 2] },
    { dtype: 'float64', shape: [2n], values: Float64Array.of(0.1, 0.2) },
    bytes,
  ]);
  t.deepEqual(
    a,
    { dtype: 'float32', shape: [1n, 3n], data: tensorFrom('float32', [1, 3], [0.5, -1, 2]).data },
    'float32 by default',
  );
  t.deepEqual(b.data, tensorFrom('float64', [2], [0.1, 0.2]).data, 'float64 when asked');
  t.deepEqual(c, { dtype: 'int64', shape: [1n, 2n], data: bytes.data }, 'bytes kept as they are, shape as uint64');
  t.throws(() => toTensors([{ shape: [2, 2], values: [1, 2, 3] }]), /holds 4 values; got 3/, 'a count off the shape');
  t.end();
});

test('createTaskMsg: a MsgCreateTask with the default deadline and no preferred provider', (t) => {
  const m = createTaskMsg(CREATOR, { modelId: MODEL, inputs: [[1, 2, 3]], fee: { denom: 'uusdc', amount: '100' } });
  t.equal(m.typeUrl, '/aichain.tasks.v1.MsgCreateTask', 'type URL');
  t.deepEqual(
    [m.value.creator, m.value.modelId, m.value.maxFee, m.value.deadlineBlocks, m.value.preferredProvider],
    [CREATOR, MODEL, { denom: 'uusdc', amount: '100' }, DEFAULT_DEADLINE_BLOCKS, ''],
    'fields',
  );
  const n = createTaskMsg(CREATOR, {
    modelId: MODEL,
    inputs: [[1]],
    fee: { denom: 'uaic', amount: '5' },
    deadlineBlocks: 7,
    preferredProvider: 'aiprov1x',
  });
  t.deepEqual([n.value.deadlineBlocks, n.value.preferredProvider], [7n, 'aiprov1x'], 'deadline and provider given');
  t.end();
});

const ev = (type: string, id: string) => ({ type, attributes: [{ key: 'task_id', value: id }] });

test('taskIdsFromEvents: the task_created ids in order, nothing else', (t) => {
  t.deepEqual(
    taskIdsFromEvents([ev('task_created', '4'), ev('task_claimed', '4'), ev('task_created', '5'), ev('message', '9')]),
    [4n, 5n],
    'two creates',
  );
  t.deepEqual(taskIdsFromEvents([]), [], 'none');
  t.end();
});

/** A signing client that records what it was asked to sign and answers with `res`. */
function fakeSigner(res: Partial<DeliverTxResponse>) {
  const calls: unknown[][] = [];
  const client = {
    signAndBroadcast: (...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve({
        code: 0,
        height: 12,
        txIndex: 0,
        transactionHash: 'C0FFEE',
        events: [],
        msgResponses: [],
        gasUsed: 1n,
        gasWanted: 2n,
        rawLog: '',
        ...res,
      });
    },
  } as unknown as SigningStargateClient;
  return { client, calls };
}

test('createTask: signs one MsgCreateTask and returns the id from the events', async (t) => {
  const { client, calls } = fakeSigner({ events: [ev('task_created', '42')] });
  const r = await createTask(client, CREATOR, {
    modelId: MODEL,
    inputs: [[1, 2]],
    fee: { denom: 'uaic', amount: '9' },
  });
  t.deepEqual(r, { taskId: 42n, txHash: 'C0FFEE', height: 12 }, 'id, hash, height');
  const [signerAddr, msgs, fee] = calls[0] as [string, Array<{ typeUrl: string }>, unknown];
  t.deepEqual(
    [signerAddr, msgs.map((m) => m.typeUrl), fee],
    [CREATOR, ['/aichain.tasks.v1.MsgCreateTask'], 'auto'],
    'fee auto by default',
  );

  const failed = fakeSigner({ code: 5, rawLog: 'insufficient funds' });
  try {
    await createTask(failed.client, CREATOR, { modelId: MODEL, inputs: [[1]], fee: { denom: 'uaic', amount: '9' } });
    t.fail('a failed tx did not throw');
  } catch (e) {
    t.match((e as Error).message, /insufficient funds/, 'a failed tx throws with its log');
  }
  const silent = fakeSigner({ events: [] });
  try {
    await createTask(silent.client, CREATOR, { modelId: MODEL, inputs: [[1]], fee: { denom: 'uaic', amount: '9' } });
    t.fail('a tx without task_created did not throw');
  } catch (e) {
    t.match((e as Error).message, /without a task_created event/, 'a success without the event throws');
  }
});

/** A query client whose task goes through `statuses`, one per query (the last one repeats). */
function fakeQuery(statuses: TaskStatus[]) {
  let n = 0;
  const q = {
    tasks: {
      task: (id: bigint) =>
        Promise.resolve(Task.fromPartial({ id, status: statuses[Math.min(n++, statuses.length - 1)] })),
    },
  } as unknown as TasksExtension;
  return { q, queries: () => n };
}

test('waitForTask: polls until a final status (or the one asked for); times out naming the last status', async (t) => {
  const S = TaskStatus;
  const a = fakeQuery([S.TASK_STATUS_OPEN, S.TASK_STATUS_CLAIMED, S.TASK_STATUS_SUBMITTED, S.TASK_STATUS_SETTLED]);
  const done = await waitForTask(a.q, 3n, { pollMs: 1 });
  t.deepEqual([done.id, done.status, a.queries()], [3n, S.TASK_STATUS_SETTLED, 4], 'settled on the fourth query');
  t.ok(
    FINAL_STATUSES.includes(S.TASK_STATUS_REJECTED) && !FINAL_STATUSES.includes(S.TASK_STATUS_CHALLENGED),
    'final statuses',
  );

  const b = fakeQuery([S.TASK_STATUS_OPEN, S.TASK_STATUS_CLAIMED, S.TASK_STATUS_SUBMITTED]);
  const claimed = await waitForTask(b.q, 3n, { until: [S.TASK_STATUS_CLAIMED], pollMs: 1 });
  t.equal(claimed.status, S.TASK_STATUS_CLAIMED, 'stops at a status asked for');

  const c = fakeQuery([S.TASK_STATUS_OPEN]);
  try {
    await waitForTask(c.q, 9n, { timeoutMs: 30, pollMs: 5 });
    t.fail('no timeout');
  } catch (e) {
    t.match(
      (e as Error).message,
      /task 9 still TASK_STATUS_OPEN after 30 ms/,
      'the timeout names the task and its status',
    );
  }
});
