// What to claim this round: the open tasks this provider may claim (a model it serves and was told to serve, a price
// in the fee's denom within the task's max fee, no preferred provider or itself, enough blocks left to deliver),
// oldest first, as many as its claim limit, --max-inflight and the market's max_batch leave room for. Pure: the chain
// re-checks every condition at the claim, so a stale view costs at most a refused tx, never a wrong claim.
import { TaskStatus, type Task } from '../../proto/gen/aichain/tasks/v1/types.js';

/** A claim needs one block, the result another: a task expiring sooner would be a miss, not a sale. */
export const MIN_BLOCKS_LEFT = 3n;

export interface ProviderTerms {
  /** aiprov1… */
  address: string;
  /** The models it will claim: those it serves on chain ∩ --models (and allowed for the engine). */
  models: ReadonlySet<string>;
  /** Its price per task by denom. */
  prices: ReadonlyMap<string, bigint>;
}

export interface ClaimBudget {
  active: boolean;
  /** Staking's claim limit: how many tasks it may hold (CLAIMED, SUBMITTED, CHALLENGED) at once. */
  claimLimit: bigint;
  /** How many it holds now. */
  held: number;
  /** Claimed and not yet submitted (in flight). */
  inflight: number;
  maxInflight: number;
  /** The market's max_batch: the most ids one MsgClaimTasks may carry. */
  maxBatch: number;
}

/** Why this provider may not claim `t` now, or undefined when it may. */
export function refusal(t: Task, terms: ProviderTerms, height: bigint, skip: ReadonlySet<bigint>): string | undefined {
  if (t.status !== TaskStatus.TASK_STATUS_OPEN) return 'not open';
  if (skip.has(t.id)) return 'failed here before';
  if (!terms.models.has(t.modelId)) return 'model not served';
  if (t.preferredProvider && t.preferredProvider !== terms.address) return 'preferred provider is another';
  const denom = t.maxFee?.denom ?? '';
  const price = terms.prices.get(denom);
  if (price === undefined) return `no price in ${denom}`;
  if (price > BigInt(t.maxFee!.amount)) return 'price above max fee';
  if (t.deadlineHeight < height + MIN_BLOCKS_LEFT) return 'deadline too close';
  return undefined;
}

/** How many tasks may be claimed now. */
export function claimRoom(b: ClaimBudget): number {
  if (!b.active) return 0;
  const byLimit = b.claimLimit - BigInt(b.held);
  const room = Math.min(b.maxInflight - b.inflight, b.maxBatch);
  return Math.max(0, byLimit < BigInt(room) ? Number(byLimit) : room);
}

/** The ids to claim in this round's one MsgClaimTasks, oldest first. */
export function planClaims(
  open: readonly Task[],
  terms: ProviderTerms,
  budget: ClaimBudget,
  height: bigint,
  skip: ReadonlySet<bigint> = new Set(),
): bigint[] {
  const room = claimRoom(budget);
  if (room === 0) return [];
  const seen = new Set<bigint>();
  return open
    .filter((t) => !seen.has(t.id) && seen.add(t.id) && refusal(t, terms, height, skip) === undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, room)
    .map((t) => t.id);
}
