// How the CLI shows a task: plain JSON-ready fields (statuses by short name, coins as "12uaic"), inputs as the
// numbers of the input file format, and a result both as the canonical integers and decoded to floats.
import { decodeCanonical, type DecodedTensor } from '../../native/onnx/canonical.js';
import { typedView } from '../../native/onnx/tensor.js';
import { isDType } from '../../native/onnx/dtypes.js';
import { TaskStatus, taskStatusToJSON, type Settlement, type Task } from '../../proto/gen/aichain/tasks/v1/types.js';
import { UsageError } from './args.js';

/** "settled", "open", … for TASK_STATUS_SETTLED, TASK_STATUS_OPEN, … */
export const statusName = (s: TaskStatus) => taskStatusToJSON(s).replace('TASK_STATUS_', '').toLowerCase();

const STATUSES: Record<string, TaskStatus> = Object.fromEntries(
  Object.values(TaskStatus)
    .filter((v): v is TaskStatus => typeof v === 'number' && v > 0)
    .map((v) => [statusName(v), v]),
);

/** --status: a status by its short name (open, claimed, submitted, challenged, settled, rejected, …). */
export function parseStatus(s: string): TaskStatus {
  const v = STATUSES[s.toLowerCase()];
  if (v === undefined) throw new UsageError(`--status must be one of ${Object.keys(STATUSES).join(', ')}`);
  return v;
}

/** A tensor's bytes as numbers (int64 as decimal strings, exactly), the form `--input FILE.json` takes. */
function inputView(t: { dtype: string; shape: bigint[]; data: Uint8Array }) {
  const data = isDType(t.dtype)
    ? Array.from(typedView(t.dtype, t.data) as ArrayLike<number | bigint>, (v) =>
        typeof v === 'bigint' ? v.toString() : v,
      )
    : Buffer.from(t.data).toString('base64');
  return { dtype: t.dtype, shape: t.shape.map(Number), data };
}

export interface ResultView {
  tensors: Array<{ name: string; dtype: string; shape: number[] }>;
  /** The canonical integers as the chain stores them (decimal strings). */
  values: string[];
  /** Each output decoded: floats as value / 2^scale_bits. Absent when the model's scale_bits is unknown. */
  decoded?: DecodedTensor[];
}

const coinView = (c: { denom: string; amount: string } | undefined) => (c ? `${c.amount}${c.denom}` : '');

function settlementView(s: Settlement, denom: string) {
  const amt = (a: string) => (a ? `${a}${denom}` : '');
  return {
    height: String(s.height),
    outcome: s.outcome,
    how: s.how,
    provider_reward: amt(s.providerReward),
    validators_share: amt(s.validatorsShare),
    model_royalty: amt(s.modelRoyalty),
    dataset_royalties: s.datasetRoyalties.map((r) => ({
      dataset_id: r.datasetId,
      owner: r.owner,
      amount: amt(r.amount),
    })),
    community_pool: amt(s.communityPool),
    refund: amt(s.refund),
    slashed: s.slashed,
    challenger_reward: s.challengerReward,
    reason: s.reason,
    forfeited_bond: s.forfeitedBond,
    returned_bond: s.returnedBond,
  };
}

/** The task as printed; `scaleBits` (the model's) adds the decoded result. */
export function taskView(t: Task, scaleBits?: number) {
  const denom = t.maxFee?.denom ?? '';
  let result: ResultView | undefined;
  if (t.result) {
    const tensors = t.result.tensors.map((x) => ({ name: x.name, dtype: x.dtype, shape: x.shape.map(Number) }));
    result = { tensors, values: t.result.values.map(String) };
    if (scaleBits !== undefined) result.decoded = decodeCanonical(tensors, t.result.values, scaleBits);
  }
  return {
    id: String(t.id),
    status: statusName(t.status),
    creator: t.creator,
    model_id: t.modelId,
    max_fee: coinView(t.maxFee),
    batch: String(t.batch),
    created_height: String(t.createdHeight),
    deadline_height: String(t.deadlineHeight),
    preferred_provider: t.preferredProvider,
    provider: t.provider,
    price: t.price ? `${t.price}${denom}` : '',
    claim_deadline_height: String(t.claimDeadlineHeight),
    submitted_height: String(t.submittedHeight),
    challenge_deadline_height: String(t.challengeDeadlineHeight),
    challenge: t.challenge
      ? { challenger: t.challenge.challenger, bond: coinView(t.challenge.bond), height: String(t.challenge.height) }
      : undefined,
    misses: t.misses,
    inputs: t.inputs.map(inputView),
    result,
    settlement: t.settlement ? settlementView(t.settlement, denom) : undefined,
  };
}
export type TaskView = ReturnType<typeof taskView>;

/** One line per task, for `query tasks list`. */
export const taskLine = (v: TaskView) =>
  `${v.id} ${v.status} model ${v.model_id.slice(0, 12)}… creator ${v.creator} max_fee ${v.max_fee}`
  + (v.provider ? ` provider ${v.provider} price ${v.price}` : '');

/** A finished (or current) task in a few readable lines: status, each output decoded beside its integers, the split. */
export function taskText(v: TaskView): string {
  const lines = [`task ${v.id} ${v.status}${v.provider ? ` (provider ${v.provider}, price ${v.price})` : ''}`];
  if (v.result) {
    let at = 0;
    v.result.tensors.forEach((t, i) => {
      const ints = v.result!.values.slice(at, at + t.shape.reduce((a, d) => a * d, 1));
      at += ints.length;
      const floats = v.result!.decoded?.[i].values;
      lines.push(
        `  ${t.name} [${t.shape.join(', ')}]: ${ints.map((n, j) => (floats ? `${floats[j]} (${n})` : n)).join(', ')}`,
      );
    });
  }
  const s = v.settlement;
  if (s) {
    const parts = [`${s.outcome}${s.how ? ` (${s.how})` : ''}`];
    const add = (label: string, x: string) => x && parts.push(`${label} ${x}`);
    add('provider', s.provider_reward);
    add('validators', s.validators_share);
    add('model royalty', s.model_royalty);
    for (const r of s.dataset_royalties) parts.push(`dataset ${r.dataset_id.slice(0, 12)}… ${r.amount}`);
    add('community pool', s.community_pool);
    add('refund', s.refund);
    add('slashed', s.slashed);
    add('challenger reward', s.challenger_reward);
    add('reason', s.reason);
    lines.push(`  settlement: ${parts.join(', ')}`);
  }
  return lines.join('\n');
}
