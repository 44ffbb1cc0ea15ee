// `aichain tx tasks …` and `aichain query tasks …`: post a task from an input file (optionally waiting for its outcome,
// printed decoded to floats beside the canonical integers, with the fee split), cancel, challenge, claim and submit as
// a provider would by hand, and read tasks by id, status, creator, provider or model, page by page.
import { readFileSync } from 'node:fs';
import { parseCoins, QueryClient } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import type { EncodeObject } from '@cosmjs/proto-signing';
import {
  createTaskMsg,
  setupModelsExtension,
  setupTasksExtension,
  taskIdsFromEvents,
  waitForTask,
  FINAL_STATUSES,
  TaskStatus,
  type TasksExtension,
} from '../client/index.js';
import type { Result } from '../../proto/gen/aichain/tasks/v1/types.js';
import { broadcast, signerAddress, txFlags, type AfterInclusion } from './broadcast.js';
import { parseInputJson } from './infer.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';
import { parseStatus, statusName, taskLine, taskText, taskView, type TaskView } from './task-view.js';

const TYPE = '/aichain.tasks.v1.';
const TX_USAGE = `usage: aichain tx tasks ACTION … --from KEY
  create --model MODEL_ID --input FILE.json --fee 100uusdc [--deadline BLOCKS] [--provider aiprov1…]
         [--wait [--timeout SECONDS]]   (--wait: until the task is final; print the result and the fee split)
  cancel TASK_ID                        (an open task of yours: max_fee refunded)
  challenge TASK_ID --bond 1000000uaic  (a submitted result: the chain re-runs the model)
  claim TASK_ID…                        (as a compute provider's operator)
  submit TASK_ID --result FILE.json     (the canonical output, as \`aichain infer --output json\` prints it)
FILE.json (--input): {"dtype":"float32","shape":[1,4],"data":[5.1,3.5,1.4,0.2]}, or a list of those`;
const QUERY_USAGE = `usage: aichain query tasks task TASK_ID
  | list (--status S | --creator ADDR | --provider AIPROV | --model MODEL_ID [--status S]) [--limit N] [--page-key KEY]
  | params | stats
(S: open, claimed, submitted, challenged, settled, rejected, cancelled, expired, failed)`;

const DEFAULT_WAIT_SECONDS = 300;

/** A task id argument: a positive integer. */
export function parseTaskId(s: string | undefined): bigint {
  if (!s || !/^[0-9]+$/.test(s) || BigInt(s) < 1n) throw new UsageError(`${JSON.stringify(s ?? '')} is not a task id`);
  return BigInt(s);
}

function oneCoin(s: string | undefined, what: string) {
  let c;
  try {
    c = parseCoins(s ?? '');
  } catch (e) {
    throw new UsageError(`${what}: ${(e as Error).message}`);
  }
  if (c.length !== 1) throw new UsageError(`${what} must be one amount, e.g. 100uusdc`);
  return c[0];
}

function positiveInt(s: string, what: string): bigint {
  if (!/^[0-9]+$/.test(s) || BigInt(s) < 1n) throw new UsageError(`${what} must be a positive integer`);
  return BigInt(s);
}

/**
 * A result file: the canonical output as `aichain infer --output json` prints it, {"tensors":[{name,dtype,shape}],
 * "values":[…]} with the values as integers or decimal strings (canonical values are int64, beyond a double's range).
 */
export function parseResultJson(text: string): Result {
  let j: { tensors?: unknown; values?: unknown };
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--result is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(j?.tensors) || !Array.isArray(j.values))
    throw new UsageError('--result needs "tensors" [{name, dtype, shape}] and "values" [integers]');
  const tensors = j.tensors.map((t: { name?: unknown; dtype?: unknown; shape?: unknown }, i) => {
    if (typeof t?.name !== 'string' || typeof t.dtype !== 'string' || !Array.isArray(t.shape))
      throw new UsageError(`--result tensor ${i}: needs name, dtype and shape`);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw new UsageError(`--result tensor ${i}: shape must be non-negative integers`);
    return { name: t.name, dtype: t.dtype, shape: (t.shape as number[]).map(BigInt) };
  });
  const values = j.values.map((v, i) => {
    if ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?[0-9]+$/.test(v)))
      return BigInt(v);
    throw new UsageError(`--result value ${i} is not an integer: ${JSON.stringify(v)}`);
  });
  return { tensors, values };
}

/** Which index `query tasks list` walks, from its flags (one index; the model's may be narrowed by status). */
export function listQuery(f: { status?: string; creator?: string; provider?: string; model?: string }) {
  const given = [f.creator, f.provider, f.model].filter((x) => x !== undefined).length;
  if (given > 1 || (given === 0 && !f.status) || (f.status && (f.creator || f.provider)))
    throw new UsageError(
      `list takes one of --status, --creator, --provider or --model (with --status)\n${QUERY_USAGE}`,
    );
  const status = f.status ? parseStatus(f.status) : undefined;
  if (f.model !== undefined) return { by: 'model' as const, model: f.model, status };
  if (f.creator !== undefined) return { by: 'creator' as const, creator: f.creator };
  if (f.provider !== undefined) return { by: 'provider' as const, provider: f.provider };
  return { by: 'status' as const, status: status! };
}

/** Runs `f` with the tasks and models query extensions over one connection. */
async function withQuery<T>(
  node: string | undefined,
  f: (q: TasksExtension & ReturnType<typeof setupModelsExtension>) => Promise<T>,
): Promise<T> {
  const comet = await connectComet(nodeUrl(node));
  try {
    return await f(QueryClient.withExtensions(comet, setupTasksExtension, setupModelsExtension));
  } finally {
    comet.disconnect();
  }
}

/** The task as printed, with its result decoded by the model's scale_bits. */
async function viewOf(q: TasksExtension & ReturnType<typeof setupModelsExtension>, id: bigint): Promise<TaskView> {
  const task = await q.tasks.task(id);
  const { model } = await q.models.model(task.modelId, false);
  return taskView(task, model?.scaleBits);
}

export async function tasksTx(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    ...txFlags,
    from: { type: 'string' },
    model: { type: 'string' },
    input: { type: 'string' },
    fee: { type: 'string' },
    deadline: { type: 'string' },
    provider: { type: 'string' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    bond: { type: 'string' },
    result: { type: 'string' },
  });
  const [action, ...args] = positionals;
  if (!action || !values.from) throw new UsageError(TX_USAGE);
  // Every argument is checked before the keyring is read: the message is built for the signer afterwards.
  let msg: (me: string) => EncodeObject;
  let extra: Record<string, unknown> = { action };
  let after: AfterInclusion | undefined;
  switch (action) {
    case 'create': {
      if (!values.model || !values.input || !values.fee)
        throw new UsageError(`create needs --model, --input and --fee\n${TX_USAGE}`);
      const options = {
        modelId: values.model,
        fee: oneCoin(values.fee, '--fee'),
        deadlineBlocks: values.deadline === undefined ? undefined : positiveInt(values.deadline, '--deadline'),
        preferredProvider: values.provider,
      };
      const input = parseInputJson(readFileSync(values.input, 'utf8'));
      msg = (me) => createTaskMsg(me, { ...options, inputs: Array.isArray(input) ? input : [input] });
      const timeoutMs =
        Number(values.timeout === undefined ? DEFAULT_WAIT_SECONDS : positiveInt(values.timeout, '--timeout')) * 1000;
      extra = {};
      after = async (res) => {
        const [id] = taskIdsFromEvents(res.events);
        if (!values.wait) return { fields: { task_id: String(id) }, text: `task ${id}` };
        const view = await withQuery(values.node, async (q) => {
          await waitForTask(q, id, { until: FINAL_STATUSES, timeoutMs, pollMs: 500 });
          return viewOf(q, id);
        });
        return { fields: { task_id: String(id), task: view }, text: taskText(view) };
      };
      break;
    }
    case 'cancel': {
      const taskId = parseTaskId(args[0]);
      msg = (me) => ({ typeUrl: `${TYPE}MsgCancelTask`, value: { creator: me, taskId } });
      extra.task_id = String(taskId);
      break;
    }
    case 'challenge': {
      if (!values.bond) throw new UsageError(`challenge needs --bond (e.g. 1000000uaic)\n${TX_USAGE}`);
      const taskId = parseTaskId(args[0]),
        bond = oneCoin(values.bond, '--bond');
      msg = (me) => ({ typeUrl: `${TYPE}MsgChallengeResult`, value: { challenger: me, taskId, bond } });
      extra.task_id = String(taskId);
      break;
    }
    case 'claim': {
      if (args.length === 0) throw new UsageError(`claim needs one or more task ids\n${TX_USAGE}`);
      const ids = args.map(parseTaskId);
      msg = (me) =>
        ids.length === 1
          ? { typeUrl: `${TYPE}MsgClaimTask`, value: { provider: me, taskId: ids[0] } }
          : { typeUrl: `${TYPE}MsgClaimTasks`, value: { provider: me, taskIds: ids } };
      extra.task_ids = args.join(',');
      break;
    }
    case 'submit': {
      if (!values.result) throw new UsageError(`submit needs --result FILE.json\n${TX_USAGE}`);
      const taskId = parseTaskId(args[0]),
        result = parseResultJson(readFileSync(values.result, 'utf8'));
      msg = (me) => ({ typeUrl: `${TYPE}MsgSubmitResult`, value: { provider: me, taskId, result } });
      extra.task_id = String(taskId);
      break;
    }
    default:
      throw new UsageError(TX_USAGE);
  }
  await broadcast(values, values.from, [msg(await signerAddress(values, values.from))], extra, after);
}

export async function tasksQuery(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    status: { type: 'string' },
    creator: { type: 'string' },
    provider: { type: 'string' },
    model: { type: 'string' },
    limit: { type: 'string' },
    'page-key': { type: 'string' },
  });
  const [what, arg] = positionals;
  if (what === 'task') {
    const id = parseTaskId(arg);
    const view = await withQuery(values.node, (q) => viewOf(q, id));
    print(view, values.output ?? 'text', taskText);
  } else if (what === 'list') {
    const l = listQuery(values);
    const pagination = {
      limit: values.limit === undefined ? 0n : positiveInt(values.limit, '--limit'),
      key: values['page-key'] ? new Uint8Array(Buffer.from(values['page-key'], 'base64')) : new Uint8Array(),
    };
    const r = await withQuery(values.node, (q) =>
      l.by === 'model'
        ? q.tasks.byModel(l.model, l.status ?? TaskStatus.TASK_STATUS_UNSPECIFIED, pagination)
        : l.by === 'creator'
          ? q.tasks.byCreator(l.creator, pagination)
          : l.by === 'provider'
            ? q.tasks.byProvider(l.provider, pagination)
            : q.tasks.byStatus(l.status, pagination),
    );
    const nextKey = r.pagination?.nextKey?.length ? Buffer.from(r.pagination.nextKey).toString('base64') : '';
    print(
      { tasks: r.tasks.map((t) => taskView(t)), next_key: nextKey },
      values.output,
      (v: { tasks: TaskView[]; next_key: string }) =>
        (v.tasks.map(taskLine).join('\n') || '(none)') + (v.next_key ? `\nnext page: --page-key ${v.next_key}` : ''),
    );
  } else if (what === 'params') {
    print(await withQuery(values.node, (q) => q.tasks.params()), values.output);
  } else if (what === 'stats') {
    const s = await withQuery(values.node, (q) => q.tasks.stats());
    print(
      {
        counts: s.counts.map((c) => ({ status: statusName(c.status), count: String(c.count) })),
        volume: s.volume.map((v) => ({ denom: v.denom, settled: v.settled, tasks: String(v.tasks) })),
        next_id: String(s.nextId),
      },
      values.output,
    );
  } else {
    throw new UsageError(QUERY_USAGE);
  }
}
