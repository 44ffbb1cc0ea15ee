// The task market's state: one byte per collection under the module's store prefix (0x08; a retired number is never
// reused; none retired yet). Task ids and heights are u64 big-endian, so every index and queue iterates in numeric
// order. Every index and queue is derived from the task record by IndexedMap, so it cannot drift from it.
import { DenomVolume, Params, Task, TaskInputs, TaskStatus } from '../../proto/gen/aichain/tasks/v1/types.js';
import {
  addressKey,
  hexKey,
  index,
  protoValue,
  Schema,
  stringKey,
  tupleKey,
  u64Key,
  u64Value,
  u8Key,
  type KeySet,
} from '../../chain/store/collections/index.js';
import { parseAddress, PROVIDER_PREFIX } from '../../chain/types/address.js';

export const KEY = {
  task: 0x01, // 0x01 | id(u64) -> aichain.tasks.v1.Task
  nextId: 0x02, // 0x02 -> the next task id (u64)
  params: 0x03, // 0x03 -> aichain.tasks.v1.Params
  byStatus: 0x04, // 0x04 | status(1) | id(u64) -> empty
  byCreator: 0x05, // 0x05 | len(1) creator | id(u64) -> empty
  byProvider: 0x06, // 0x06 | len(1) provider operator bytes | id(u64) -> empty (every task a provider claimed last)
  byModel: 0x07, // 0x07 | model id(32) | status(1) | id(u64) -> empty
  claimQueue: 0x08, // 0x08 | claim_deadline_height(u64) | id(u64) -> empty; CLAIMED tasks
  deadlineQueue: 0x09, // 0x09 | deadline_height(u64) | id(u64) -> empty; OPEN and CLAIMED tasks
  settleQueue: 0x0a, // 0x0a | challenge_deadline_height(u64) | id(u64) -> empty; SUBMITTED tasks
  rerunQueue: 0x0b, // 0x0b | challenge height(u64) | id(u64) -> empty; CHALLENGED tasks the chain re-runs (not by_validators)
  statusCount: 0x0c, // 0x0c | status(1) -> count (u64)
  held: 0x0d, // 0x0d | len(1) provider operator bytes -> tasks it holds unsettled (CLAIMED, SUBMITTED, CHALLENGED)
  misses: 0x0e, // 0x0e | len(1) provider operator bytes | height(u64) | task id(u64) -> empty; expired claims in the window
  volume: 0x0f, // 0x0f | denom -> aichain.tasks.v1.DenomVolume
  inputs: 0x10, // 0x10 | id(u64) -> aichain.tasks.v1.TaskInputs (the record under 0x01 keeps `inputs` empty)
  bySubmitted: 0x11, // 0x11 | submitted_height(u64) | id(u64) -> empty; SUBMITTED tasks (what verification samples)
} as const;

export const MODEL_ID_BYTES = 32;
/** The statuses in which the fee is in escrow (the task is live). */
export const LIVE: ReadonlySet<TaskStatus> = new Set([
  TaskStatus.TASK_STATUS_OPEN,
  TaskStatus.TASK_STATUS_CLAIMED,
  TaskStatus.TASK_STATUS_SUBMITTED,
  TaskStatus.TASK_STATUS_CHALLENGED,
]);
/** The statuses in which a provider holds the task (counted against its claim limit). */
export const HELD: ReadonlySet<TaskStatus> = new Set([
  TaskStatus.TASK_STATUS_CLAIMED,
  TaskStatus.TASK_STATUS_SUBMITTED,
  TaskStatus.TASK_STATUS_CHALLENGED,
]);

export const providerBytes = (t: Task): Uint8Array => parseAddress(t.provider, PROVIDER_PREFIX, 'provider');

export function tasksState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  const byStatus = s.keySet(KEY.byStatus, 'by_status', tupleKey(u8Key, u64Key));
  const byCreator = s.keySet(KEY.byCreator, 'by_creator', tupleKey(addressKey, u64Key));
  const byProvider = s.keySet(KEY.byProvider, 'by_provider', tupleKey(addressKey, u64Key));
  const byModel = s.keySet(KEY.byModel, 'by_model', tupleKey(hexKey(MODEL_ID_BYTES), u8Key, u64Key));
  const claimQueue = s.keySet(KEY.claimQueue, 'claim_queue', tupleKey(u64Key, u64Key));
  const deadlineQueue = s.keySet(KEY.deadlineQueue, 'deadline_queue', tupleKey(u64Key, u64Key));
  const settleQueue = s.keySet(KEY.settleQueue, 'settle_queue', tupleKey(u64Key, u64Key));
  const rerunQueue = s.keySet(KEY.rerunQueue, 'rerun_queue', tupleKey(u64Key, u64Key));
  const bySubmitted = s.keySet(KEY.bySubmitted, 'by_submitted', tupleKey(u64Key, u64Key));
  const when = <K>(set: KeySet<K>, f: (id: bigint, t: Task) => K | undefined) => index(set, f);
  const is = (t: Task, ...st: TaskStatus[]) => st.includes(t.status);
  const S = TaskStatus;
  return {
    tasks: s.indexedMap(KEY.task, 'tasks', u64Key, protoValue(Task), [
      when(byStatus, (id, t): [number, bigint] => [t.status, id]),
      when(byCreator, (id, t) => [parseAddress(t.creator, undefined, 'creator'), id]),
      when(byProvider, (id, t) => (t.provider ? [providerBytes(t), id] : undefined)),
      when(byModel, (id, t): [string, number, bigint] => [t.modelId, t.status, id]),
      when(claimQueue, (id, t) => (is(t, S.TASK_STATUS_CLAIMED) ? [t.claimDeadlineHeight, id] : undefined)),
      when(deadlineQueue, (id, t) =>
        is(t, S.TASK_STATUS_OPEN, S.TASK_STATUS_CLAIMED) ? [t.deadlineHeight, id] : undefined,
      ),
      when(settleQueue, (id, t) => (is(t, S.TASK_STATUS_SUBMITTED) ? [t.challengeDeadlineHeight, id] : undefined)),
      when(bySubmitted, (id, t) => (is(t, S.TASK_STATUS_SUBMITTED) ? [t.submittedHeight, id] : undefined)),
      when(rerunQueue, (id, t) =>
        is(t, S.TASK_STATUS_CHALLENGED) && !t.challenge!.byValidators ? [t.challenge!.height, id] : undefined,
      ),
    ]),
    nextId: s.sequence(KEY.nextId, 'next_id'),
    params: s.item(KEY.params, 'params', protoValue(Params)),
    byStatus,
    byCreator,
    byProvider,
    byModel,
    claimQueue,
    deadlineQueue,
    settleQueue,
    rerunQueue,
    bySubmitted,
    statusCount: s.map(KEY.statusCount, 'status_count', u8Key, u64Value),
    held: s.map(KEY.held, 'held', addressKey, u64Value),
    misses: s.keySet(KEY.misses, 'misses', tupleKey(addressKey, u64Key, u64Key)),
    volume: s.map(KEY.volume, 'volume', stringKey, protoValue(DenomVolume)),
    inputs: s.map(KEY.inputs, 'inputs', u64Key, protoValue(TaskInputs)),
  };
}
export type TasksState = ReturnType<typeof tasksState>;
