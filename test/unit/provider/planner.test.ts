// The daemon's planner: which open tasks it may claim (model, price in the fee's denom, preferred provider, time
// left, failures here) and how many (claim limit, --max-inflight, max_batch), oldest first.
import test from 'tape';
import { DEV_ADDRESSES } from '../../../chain/home/dev.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../../../chain/types/address.js';
import { Task, TaskStatus } from '../../../proto/gen/aichain/tasks/v1/types.js';
import {
  claimRoom,
  MIN_BLOCKS_LEFT,
  planClaims,
  refusal,
  type ClaimBudget,
  type ProviderTerms,
} from '../../../chain/provider/planner.js';

const [ME, OTHER] = [DEV_ADDRESSES[1], DEV_ADDRESSES[0]].map((a) => toAddress(parseAddress(a), PROVIDER_PREFIX));
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const HEIGHT = 100n;

const terms: ProviderTerms = {
  address: ME,
  models: new Set([A]),
  prices: new Map([
    ['uaic', 10n],
    ['uusdc', 1n],
  ]),
};
const open = (id: number, over: Partial<Task> = {}): Task =>
  Task.fromPartial({
    id: BigInt(id),
    modelId: A,
    status: TaskStatus.TASK_STATUS_OPEN,
    maxFee: { denom: 'uaic', amount: '10' },
    deadlineHeight: HEIGHT + 50n,
    ...over,
  });
const budget = (over: Partial<ClaimBudget> = {}): ClaimBudget => ({
  active: true,
  claimLimit: 10n,
  held: 0,
  inflight: 0,
  maxInflight: 16,
  maxBatch: 100,
  ...over,
});

test('planner: a task is claimable only on our terms', (t) => {
  const cases: Array<[string, Task, string | undefined]> = [
    ['open, our model, fee = price', open(1), undefined],
    ['fee above our price in uusdc', open(1, { maxFee: { denom: 'uusdc', amount: '5' } }), undefined],
    ['preferred provider is us', open(1, { preferredProvider: ME }), undefined],
    ['preferred provider is another', open(1, { preferredProvider: OTHER }), 'preferred provider is another'],
    ['fee below our price', open(1, { maxFee: { denom: 'uaic', amount: '9' } }), 'price above max fee'],
    ['a denom we have no price in', open(1, { maxFee: { denom: 'uatom', amount: '1000' } }), 'no price in uatom'],
    ['a model we do not serve', open(1, { modelId: B }), 'model not served'],
    ['already claimed', open(1, { status: TaskStatus.TASK_STATUS_CLAIMED }), 'not open'],
    ['deadline too close to deliver', open(1, { deadlineHeight: HEIGHT + MIN_BLOCKS_LEFT - 1n }), 'deadline too close'],
    ['deadline just far enough', open(1, { deadlineHeight: HEIGHT + MIN_BLOCKS_LEFT }), undefined],
  ];
  for (const [name, task, want] of cases) t.equal(refusal(task, terms, HEIGHT, new Set()), want, name);
  t.equal(refusal(open(7), terms, HEIGHT, new Set([7n])), 'failed here before', 'a task that failed here is skipped');
  t.end();
});

test('planner: room is the least of claim limit − held, max-inflight − in flight, and max_batch', (t) => {
  t.equal(claimRoom(budget()), 10, 'claim limit 10, nothing held');
  t.equal(claimRoom(budget({ held: 7 })), 3, 'held tasks (incl. submitted, unsettled) count against the limit');
  t.equal(claimRoom(budget({ maxInflight: 4, inflight: 1 })), 3, '--max-inflight counts what is claimed, unsubmitted');
  t.equal(claimRoom(budget({ claimLimit: 1000n, maxBatch: 5 })), 5, 'one MsgClaimTasks carries at most max_batch');
  t.equal(claimRoom(budget({ held: 12 })), 0, 'over the limit (it was lowered): no room, never negative');
  t.equal(claimRoom(budget({ inflight: 20 })), 0, 'over --max-inflight: no room');
  t.equal(
    claimRoom(budget({ active: false })),
    0,
    'an inactive (jailed, under-collateralised) provider claims nothing',
  );
  t.end();
});

test('planner: claims the oldest eligible tasks, once each, within the room', (t) => {
  const tasks = [
    open(9),
    open(3, { preferredProvider: OTHER }),
    open(5),
    open(2, { maxFee: { denom: 'uusdc', amount: '1' } }),
    open(5),
    open(4, { modelId: B }),
    open(1, { maxFee: { denom: 'uaic', amount: '1' } }),
    open(8),
  ];
  t.deepEqual(planClaims(tasks, terms, budget(), HEIGHT), [2n, 5n, 8n, 9n], 'eligible ones, in id order, no repeat');
  t.deepEqual(planClaims(tasks, terms, budget({ held: 8 }), HEIGHT), [2n, 5n], 'cut to the room, oldest kept');
  t.deepEqual(planClaims(tasks, terms, budget(), HEIGHT, new Set([5n])), [2n, 8n, 9n], 'failures here left out');
  t.deepEqual(planClaims(tasks, terms, budget({ active: false }), HEIGHT), [], 'no room: nothing');
  t.deepEqual(planClaims([], terms, budget(), HEIGHT), [], 'nothing open: nothing');
  t.end();
});
