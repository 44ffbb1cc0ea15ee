// Tasks genesis: aichain.tasks.v1.GenesisState (JSON through its generated proto-JSON mapping), checked in one place.
// Counts by status, the providers' held counts and every index and queue are derived from the tasks at import (the
// same write path as a transition), so an export imports to the same app hash.
import { GenesisState } from '../../proto/gen/aichain/tasks/v1/genesis.js';
import { TaskStatus, type Task } from '../../proto/gen/aichain/tasks/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { parseAddress, PROVIDER_PREFIX } from '../../chain/types/address.js';
import { isValidDenom, parseAmount } from '../../chain/types/coins.js';
import { MODULE_NAME, type TasksKeeper } from './keeper.js';
import type { AccountKeeper } from './expected.js';
import { tasksErrors } from './errors.js';
import { defaultParams, validateParams } from './params.js';
import { DTYPE_BYTES } from './validate.js';

export { GenesisState as TasksGenesis };

export const defaultTasksGenesis = (): GenesisState => ({
  params: defaultParams(),
  nextId: 1n,
  tasks: [],
  misses: [],
  volume: [],
});

const fail = (why: string): never => {
  throw new Error(why);
};
const S = TaskStatus;
const MODEL_ID = /^[0-9a-f]{64}$/;

function checkCoin(name: string, c: { denom: string; amount: string } | undefined, positive = true): void {
  field(name, () => {
    if (!c || !isValidDenom(c.denom)) fail('needs a valid denom');
    if (parseAmount(c!.amount, 'amount') === 0n && positive) fail('must be positive');
  });
}

/** The fields a task's status requires (and forbids), so import cannot create a task no transition could. */
function checkTask(t: Task): void {
  field('creator', () => parseAddress(t.creator));
  if (!MODEL_ID.test(t.modelId)) fail('model_id: not 64 lower-case hex characters');
  checkCoin('max_fee', t.maxFee);
  if (t.status < S.TASK_STATUS_OPEN || t.status > S.TASK_STATUS_FAILED) fail(`status: invalid (${t.status})`);
  field('inputs', () =>
    t.inputs.forEach((x, i) => {
      if (!(x.dtype in DTYPE_BYTES)) fail(`[${i}].dtype unknown`);
    }),
  );
  if (t.preferredProvider) field('preferred_provider', () => parseAddress(t.preferredProvider, PROVIDER_PREFIX));
  const claimed =
    t.status === S.TASK_STATUS_CLAIMED
    || t.status === S.TASK_STATUS_SUBMITTED
    || t.status === S.TASK_STATUS_CHALLENGED
    || t.status === S.TASK_STATUS_SETTLED
    || t.status === S.TASK_STATUS_REJECTED;
  if (t.provider) field('provider', () => parseAddress(t.provider, PROVIDER_PREFIX));
  if (claimed) {
    if (!t.provider) fail(`provider: required in status ${t.status}`);
    field('price', () => {
      if (parseAmount(t.price, 'price') > BigInt(t.maxFee!.amount)) fail('above max_fee');
    });
  }
  if (t.status === S.TASK_STATUS_CLAIMED && t.claimDeadlineHeight === 0n)
    fail('claim_deadline_height: required when CLAIMED');
  const submitted = t.status === S.TASK_STATUS_SUBMITTED || t.status === S.TASK_STATUS_CHALLENGED;
  if (submitted && (!t.result || t.challengeDeadlineHeight === 0n))
    fail('result and challenge_deadline_height: required when submitted');
  if (t.status === S.TASK_STATUS_CHALLENGED) {
    if (!t.challenge) fail('challenge: required when CHALLENGED');
    field('challenge', () => {
      parseAddress(t.challenge!.challenger);
      checkCoin('bond', t.challenge!.bond);
    });
  }
  if (t.status === S.TASK_STATUS_OPEN && t.provider) fail('provider: must be empty when OPEN');
  if (t.batch < 1n) fail('batch: must be at least 1');
}

export function validateTasksGenesis(g: GenesisState): void {
  checkGenesis(tasksErrors.invalidGenesis, () => {
    field('params', () => validateParams(g.params ?? defaultParams()));
    if (g.nextId < 1n) fail('next_id: must be at least 1');
    let last = 0n;
    g.tasks.forEach((t, i) =>
      field(`tasks[${i}]`, () => {
        if (t.id <= last) fail(`id ${t.id}: tasks must be in strictly increasing id order, from 1`);
        if (t.id >= g.nextId) fail(`id ${t.id}: not below next_id ${g.nextId}`);
        last = t.id;
        checkTask(t);
      }),
    );
    g.misses.forEach((m, i) =>
      field(`misses[${i}]`, () => {
        parseAddress(m.provider, PROVIDER_PREFIX);
      }),
    );
    const denoms = new Set<string>();
    g.volume.forEach((v, i) =>
      field(`volume[${i}]`, () => {
        if (!isValidDenom(v.denom)) fail('denom: invalid');
        if (denoms.has(v.denom)) fail(`denom ${v.denom} listed twice`);
        denoms.add(v.denom);
        parseAmount(v.settled, 'settled');
      }),
    );
  });
}

export function initTasksGenesis(ctx: Context, k: TasksKeeper, accounts: AccountKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params ?? defaultParams());
  accounts.ensureModuleAccount(ctx, MODULE_NAME);
  k.setNextId(ctx, g.nextId);
  for (const t of g.tasks) k.importTask(ctx, t);
  for (const m of g.misses) k.importMiss(ctx, m.provider, m.height, m.taskId);
  for (const v of g.volume) k.importVolume(ctx, v);
}

export function exportTasksGenesis(ctx: Context, k: TasksKeeper): GenesisState {
  return {
    params: k.getParams(ctx),
    nextId: k.nextId(ctx),
    tasks: [...k.tasks(ctx)].map((t) => k.withInputs(ctx, t)),
    misses: [...k.misses(ctx)],
    volume: k.volumes(ctx),
  };
}
