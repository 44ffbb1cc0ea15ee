// The task market's messages: validate the stateless fields, name the signer, call the keeper. The batch forms run
// their items in order inside the tx's cached store, so one failure undoes the whole message.
import {
  MsgCancelTask,
  MsgCancelTaskResponse,
  MsgChallengeResult,
  MsgChallengeResultResponse,
  MsgClaimTask,
  MsgClaimTaskResponse,
  MsgClaimTasks,
  MsgClaimTasksResponse,
  MsgCreateTask,
  MsgCreateTaskResponse,
  MsgSubmitResult,
  MsgSubmitResultResponse,
  MsgSubmitResults,
  MsgSubmitResultsResponse,
} from '../../proto/gen/aichain/tasks/v1/tx.js';
import type { Result, Tensor } from '../../proto/gen/aichain/tasks/v1/types.js';
import { MsgUpdateParams, MsgUpdateParamsResponse } from '../../proto/gen/aichain/tasks/v1/tx.js';
import type { Params } from '../../proto/gen/aichain/tasks/v1/types.js';
import { updateParamsService } from '../../chain/types/authority.js';
import { validateParams } from './params.js';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress, PROVIDER_PREFIX } from '../../chain/types/address.js';
import { parseCoins, type Amount } from '../../chain/types/coins.js';
import type { TasksKeeper } from './keeper.js';
import { tasksErrors } from './errors.js';
import { DTYPE_BYTES } from './validate.js';

const TYPE = '/aichain.tasks.v1.';
const MODEL_ID = /^[0-9a-f]{64}$/;
/** A hard bound on a batch before state is read (the param max_batch is checked by the keeper's caller below). */
const MAX_BATCH_CEILING = 10_000;

function requireCoin(
  c: { denom: string; amount: string } | undefined,
  what: string,
  err = tasksErrors.invalidFee,
): Amount {
  if (!c) throw err(`no ${what}`);
  return parseCoins([c])[0];
}

function requireTaskId(id: bigint): void {
  if (id < 1n) throw tasksErrors.unknownTask(`task id ${id}`);
}

function checkTensors(inputs: Tensor[]): void {
  if (inputs.length === 0) throw tasksErrors.badInput('no input tensors');
  if (inputs.length > 16) throw tasksErrors.badInput('more than 16 input tensors');
  for (const t of inputs) {
    if (!(t.dtype in DTYPE_BYTES)) throw tasksErrors.badInput(`unknown dtype ${JSON.stringify(t.dtype.slice(0, 32))}`);
    if (t.shape.length > 8) throw tasksErrors.badInput('rank above 8');
  }
}

function checkResultForm(r: Result | undefined): void {
  if (!r) throw tasksErrors.badResult('no result');
  if (r.tensors.length === 0) throw tasksErrors.badResult('no output tensors');
}

function requireBatch(n: number, ids: bigint[]): void {
  if (n === 0) throw tasksErrors.invalidBatch('empty batch');
  if (n > MAX_BATCH_CEILING) throw tasksErrors.invalidBatch(`more than ${MAX_BATCH_CEILING} items`);
  if (new Set(ids.map(String)).size !== ids.length) throw tasksErrors.invalidBatch('a task is listed twice');
  ids.forEach(requireTaskId);
}

export function tasksMsgs(k: TasksKeeper, authority: string): MsgService[] {
  const maxBatch = (ctx: Parameters<TasksKeeper['getParams']>[0], n: number) => {
    const max = k.getParams(ctx).maxBatch;
    if (n > max) throw tasksErrors.invalidBatch(`${n} items, max_batch is ${max}`);
  };

  const create = msgService<MsgCreateTask>({
    typeUrl: `${TYPE}MsgCreateTask`,
    responseTypeUrl: `${TYPE}MsgCreateTaskResponse`,
    codec: MsgCreateTask,
    signers: (m) => [m.creator],
    validateBasic(m) {
      parseAddress(m.creator, undefined, 'creator');
      if (!MODEL_ID.test(m.modelId))
        throw tasksErrors.unknownModel(
          `model id ${JSON.stringify(m.modelId.slice(0, 80))} is not 64 lower-case hex characters`,
        );
      checkTensors(m.inputs);
      requireCoin(m.maxFee, 'max fee');
      if (m.deadlineBlocks < 1n) throw tasksErrors.invalidDeadline('deadline_blocks must be positive');
      if (m.preferredProvider) parseAddress(m.preferredProvider, PROVIDER_PREFIX, 'preferred provider');
    },
    handle(ctx, m) {
      const id = k.createTask(ctx, {
        creator: m.creator,
        modelId: m.modelId,
        inputs: m.inputs,
        maxFee: requireCoin(m.maxFee, 'max fee'),
        deadlineBlocks: m.deadlineBlocks,
        preferredProvider: m.preferredProvider,
      });
      return MsgCreateTaskResponse.encode({ id }).finish();
    },
  });

  const claimResponse = (c: { price: Amount; claimDeadline: bigint }): MsgClaimTaskResponse => ({
    price: { denom: c.price.denom, amount: c.price.amount.toString() },
    claimDeadlineHeight: c.claimDeadline,
  });

  const claim = msgService<MsgClaimTask>({
    typeUrl: `${TYPE}MsgClaimTask`,
    responseTypeUrl: `${TYPE}MsgClaimTaskResponse`,
    codec: MsgClaimTask,
    signers: (m) => [m.provider],
    validateBasic(m) {
      parseAddress(m.provider, undefined, 'provider');
      requireTaskId(m.taskId);
    },
    handle(ctx, m) {
      return MsgClaimTaskResponse.encode(claimResponse(k.claimTask(ctx, m.provider, m.taskId))).finish();
    },
  });

  const claimMany = msgService<MsgClaimTasks>({
    typeUrl: `${TYPE}MsgClaimTasks`,
    responseTypeUrl: `${TYPE}MsgClaimTasksResponse`,
    codec: MsgClaimTasks,
    signers: (m) => [m.provider],
    validateBasic(m) {
      parseAddress(m.provider, undefined, 'provider');
      requireBatch(m.taskIds.length, m.taskIds);
    },
    handle(ctx, m) {
      maxBatch(ctx, m.taskIds.length);
      const claims = m.taskIds.map((id) => claimResponse(k.claimTask(ctx, m.provider, id)));
      return MsgClaimTasksResponse.encode({ claims }).finish();
    },
  });

  const submit = msgService<MsgSubmitResult>({
    typeUrl: `${TYPE}MsgSubmitResult`,
    responseTypeUrl: `${TYPE}MsgSubmitResultResponse`,
    codec: MsgSubmitResult,
    signers: (m) => [m.provider],
    validateBasic(m) {
      parseAddress(m.provider, undefined, 'provider');
      requireTaskId(m.taskId);
      checkResultForm(m.result);
    },
    handle(ctx, m) {
      return MsgSubmitResultResponse.encode({
        challengeDeadlineHeight: k.submitResult(ctx, m.provider, m.taskId, m.result),
      }).finish();
    },
  });

  const submitMany = msgService<MsgSubmitResults>({
    typeUrl: `${TYPE}MsgSubmitResults`,
    responseTypeUrl: `${TYPE}MsgSubmitResultsResponse`,
    codec: MsgSubmitResults,
    signers: (m) => [m.provider],
    validateBasic(m) {
      parseAddress(m.provider, undefined, 'provider');
      requireBatch(
        m.results.length,
        m.results.map((r) => r.taskId),
      );
      m.results.forEach((r) => checkResultForm(r.result));
    },
    handle(ctx, m) {
      maxBatch(ctx, m.results.length);
      const challengeDeadlineHeights = m.results.map((r) => k.submitResult(ctx, m.provider, r.taskId, r.result));
      return MsgSubmitResultsResponse.encode({ challengeDeadlineHeights }).finish();
    },
  });

  const cancel = msgService<MsgCancelTask>({
    typeUrl: `${TYPE}MsgCancelTask`,
    responseTypeUrl: `${TYPE}MsgCancelTaskResponse`,
    codec: MsgCancelTask,
    signers: (m) => [m.creator],
    validateBasic(m) {
      parseAddress(m.creator, undefined, 'creator');
      requireTaskId(m.taskId);
    },
    handle(ctx, m) {
      const r = k.cancelTask(ctx, m.creator, m.taskId);
      return MsgCancelTaskResponse.encode({ refund: { denom: r.denom, amount: r.amount.toString() } }).finish();
    },
  });

  const challenge = msgService<MsgChallengeResult>({
    typeUrl: `${TYPE}MsgChallengeResult`,
    responseTypeUrl: `${TYPE}MsgChallengeResultResponse`,
    codec: MsgChallengeResult,
    signers: (m) => [m.challenger],
    validateBasic(m) {
      parseAddress(m.challenger, undefined, 'challenger');
      requireTaskId(m.taskId);
      requireCoin(m.bond, 'bond', tasksErrors.bondTooSmall);
    },
    handle(ctx, m) {
      k.challengeResult(ctx, m.challenger, m.taskId, requireCoin(m.bond, 'bond', tasksErrors.bondTooSmall));
      return MsgChallengeResultResponse.encode({}).finish();
    },
  });

  const updateParams = updateParamsService<Params>({
    pkg: 'aichain.tasks.v1',
    codec: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    authority,
    validate: (p) => validateParams(p),
    set: (ctx, p) => k.setParams(ctx, p),
  });
  return [create, claim, claimMany, submit, submitMany, cancel, challenge, updateParams];
}
