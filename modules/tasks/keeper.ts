// The inference task market: fee escrow in the module account, claims by active providers within their claim limit,
// results, challenges, and settlement. Every state change goes through `put`, which keeps the per-status counts and
// each provider's held-task count in step with the records (the indexes and height-keyed queues are kept by
// IndexedMap from the same write).
//
// Lifecycle (end-block order within a height: claim expiries, then deadlines, then optimistic settlement):
//   OPEN --claim--> CLAIMED --submit--> SUBMITTED --window passes--> SETTLED (fee split)
//     |                |                   '--challenge--> CHALLENGED --re-run--> SETTLED | REJECTED | FAILED
//     |                '--claim deadline--> OPEN (a miss for the provider; too many in the window: jailed)
//     '--cancel--> CANCELLED      OPEN/CLAIMED --deadline--> EXPIRED (refunded)
import { ComparisonRule, Status, type Model } from '../../proto/gen/aichain/models/v1/types.js';
import {
  TaskStatus,
  taskStatusToJSON,
  type Params,
  type Result,
  type RoyaltyPayment,
  type Settlement,
  type Task,
  type Tensor,
} from '../../proto/gen/aichain/tasks/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { moduleAddress, parseAddress, PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { type Amount } from '../../chain/types/coins.js';
import { DEC_ONE, decFromRatio, divRound, formatDec, mulIntDec, parseDec } from '../../chain/types/dec.js';
import { HELD, LIVE, providerBytes, tasksState } from './keys.js';
import type {
  AccountKeeper,
  BankKeeper,
  ChallengeRouting,
  CanonicalResult,
  CompareRule,
  ModelsView,
  ProviderRegistry,
  ProviderSlasher,
  ResultComparer,
  Rewards,
  Verifier,
} from './expected.js';
import { toHex } from '../../chain/store/bytes.js';
import { tasksErrors } from './errors.js';
import { Payouts } from './payouts.js';
import { defaultParams, sharesOf } from './params.js';
import { checkInputs, checkResult, hasBatch } from './validate.js';
import {
  emitCancel,
  emitChallenge,
  emitClaim,
  emitClaimExpired,
  emitCreate,
  emitExpire,
  emitProviderMiss,
  emitRerun,
  emitRerunFallback,
  emitSettle,
  emitSubmit,
} from './events.js';

export const MODULE_NAME = 'tasks';
export const REASON_WRONG_RESULT = 'wrong_inference_result';
const BPS = 10_000n;

const S = TaskStatus;
const show = (a: Amount) => `${a.amount}${a.denom}`;
const statusName = (s: TaskStatus) => taskStatusToJSON(s);

export interface CreateTaskInput {
  creator: string;
  modelId: string;
  inputs: Tensor[];
  maxFee: Amount;
  deadlineBlocks: bigint;
  preferredProvider: string;
}

/** One challenged task whose result the chain re-runs this block, with its model and cost. */
export interface RerunJob {
  task: Task;
  model: Model;
  flops: bigint;
}

export type RerunOutcome = { ok: true; output: CanonicalResult } | { ok: false; code: string; message: string };

export class TasksKeeper {
  readonly state: ReturnType<typeof tasksState>;
  constructor(
    readonly storePrefix: Uint8Array,
    private readonly bank: BankKeeper,
    private readonly accounts: AccountKeeper,
    private readonly models: ModelsView,
    private readonly providers: ProviderRegistry,
    private readonly slasher: ProviderSlasher,
    private readonly rewards: Rewards,
    private readonly comparer: ResultComparer,
    private readonly routing: ChallengeRouting,
  ) {
    this.state = tasksState(storePrefix);
  }

  // ---- params and reads ----

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }
  /** The task record (its `inputs` empty: they are stored apart; see withInputs). */
  getTask(ctx: Context, id: bigint): Task | undefined {
    return this.state.tasks.get(ctx, id);
  }
  taskInputs(ctx: Context, id: bigint): Tensor[] {
    const i = this.state.inputs.get(ctx, id);
    if (!i) throw new Error(`tasks: task ${id} has no stored inputs`); // broken state: halt
    return i.inputs;
  }
  /** The task with its inputs, as queries and genesis show it. */
  withInputs(ctx: Context, t: Task): Task {
    return { ...t, inputs: this.taskInputs(ctx, t.id) };
  }
  private mustTask(ctx: Context, id: bigint): Task {
    return this.state.tasks.mustGet(ctx, id, () => tasksErrors.unknownTask(`task ${id}`));
  }
  tasks(ctx: Context): Iterable<Task> {
    return this.state.tasks.values(ctx);
  }
  nextId(ctx: Context): bigint {
    return this.state.nextId.peek(ctx);
  }
  setNextId(ctx: Context, n: bigint): void {
    this.state.nextId.set(ctx, n);
  }
  statusCount(ctx: Context, s: TaskStatus): bigint {
    return this.state.statusCount.get(ctx, s) ?? 0n;
  }
  /** Tasks the provider (operator bytes) holds unsettled: CLAIMED, SUBMITTED or CHALLENGED. */
  held(ctx: Context, operator: Uint8Array): bigint {
    return this.state.held.get(ctx, operator) ?? 0n;
  }
  moduleBalance(ctx: Context, denom: string): bigint {
    return this.bank.getBalance(ctx, moduleAddress(MODULE_NAME), denom);
  }

  /** The one write path: the record (indexes and queues follow), the status counts and the held counts. */
  put(ctx: Context, next: Task, prev: Task | null): void {
    if (prev?.status !== next.status) {
      if (prev) this.bump(ctx, 'status', prev.status, -1n);
      this.bump(ctx, 'status', next.status, 1n);
    }
    const heldBefore = prev && HELD.has(prev.status) ? prev.provider : '';
    const heldAfter = HELD.has(next.status) ? next.provider : '';
    if (heldBefore !== heldAfter) {
      if (heldBefore) this.bump(ctx, 'held', providerBytes(prev!), -1n);
      if (heldAfter) this.bump(ctx, 'held', providerBytes(next), 1n);
    }
    this.state.tasks.set(ctx, next.id, next.inputs.length ? { ...next, inputs: [] } : next, prev);
  }

  private bump(ctx: Context, what: 'status', key: TaskStatus, by: bigint): void;
  private bump(ctx: Context, what: 'held', key: Uint8Array, by: bigint): void;
  private bump(ctx: Context, what: 'status' | 'held', key: TaskStatus | Uint8Array, by: bigint): void {
    const map = (what === 'status' ? this.state.statusCount : this.state.held) as {
      get(c: Context, k: unknown): bigint | undefined;
      set(c: Context, k: unknown, v: bigint): void;
      delete(c: Context, k: unknown): void;
    };
    const n = (map.get(ctx, key) ?? 0n) + by;
    if (n < 0n) throw new Error(`tasks: ${what} count below zero`); // broken state: halt
    if (n === 0n) map.delete(ctx, key);
    else map.set(ctx, key, n);
  }

  private pay(ctx: Context, to: string, a: Amount): void {
    if (a.amount > 0n) this.bank.sendFromModuleToAccount(ctx, MODULE_NAME, parseAddress(to), [a]);
  }

  // ---- messages ----

  createTask(ctx: Context, m: CreateTaskInput): bigint {
    const p = this.getParams(ctx);
    const model = this.models.getModel(ctx, m.modelId);
    if (!model) throw tasksErrors.unknownModel(`model ${m.modelId}`);
    if (model.status !== Status.STATUS_ACTIVE) throw tasksErrors.modelNotActive(`model ${m.modelId}`);
    if (!p.acceptedFeeDenoms.includes(m.maxFee.denom))
      throw tasksErrors.feeDenomNotAccepted(`${m.maxFee.denom} (accepted: ${p.acceptedFeeDenoms.join(', ')})`);
    if (m.deadlineBlocks < p.minDeadlineBlocks || m.deadlineBlocks > p.maxDeadlineBlocks) {
      throw tasksErrors.invalidDeadline(
        `${m.deadlineBlocks} blocks, allowed ${p.minDeadlineBlocks}..${p.maxDeadlineBlocks}`,
      );
    }
    if (
      m.preferredProvider
      && !this.providers.getProvider(ctx, parseAddress(m.preferredProvider, PROVIDER_PREFIX, 'preferred provider'))
    ) {
      throw tasksErrors.notProvider(`preferred provider ${m.preferredProvider} is not registered`);
    }
    const { batch } = checkInputs(model.spec!, m.inputs, p.maxInputBytes);
    this.accounts.ensureModuleAccount(ctx, MODULE_NAME);
    this.bank.sendFromAccountToModule(ctx, parseAddress(m.creator), MODULE_NAME, [m.maxFee]);
    const id = this.state.nextId.next(ctx);
    const deadline = ctx.block.height + m.deadlineBlocks;
    this.state.inputs.set(ctx, id, { inputs: m.inputs });
    this.put(
      ctx,
      {
        id,
        creator: m.creator,
        modelId: m.modelId,
        inputs: [],
        batch: batch ?? 1n,
        maxFee: { denom: m.maxFee.denom, amount: m.maxFee.amount.toString() },
        createdHeight: ctx.block.height,
        deadlineHeight: deadline,
        preferredProvider: m.preferredProvider,
        status: S.TASK_STATUS_OPEN,
        provider: '',
        price: '',
        claimDeadlineHeight: 0n,
        result: undefined,
        submittedHeight: 0n,
        challengeDeadlineHeight: 0n,
        challenge: undefined,
        settlement: undefined,
        misses: 0,
      },
      null,
    );
    emitCreate(ctx, id, { creator: m.creator, model: m.modelId, maxFee: show(m.maxFee), deadline });
    return id;
  }

  /** A claim by the provider run by `operator` (an ai1… account); returns the price and the claim deadline. */
  claimTask(ctx: Context, operator: string, id: bigint): { price: Amount; claimDeadline: bigint } {
    const op = parseAddress(operator, undefined, 'provider');
    const provAddr = toAddress(op, PROVIDER_PREFIX);
    const t = this.mustTask(ctx, id);
    if (t.status !== S.TASK_STATUS_OPEN)
      throw tasksErrors.wrongStatus(`task ${id} is ${statusName(t.status)}, not OPEN`);
    const prov = this.providers.getProvider(ctx, op);
    if (!prov) throw tasksErrors.notProvider(`${operator} runs no provider`);
    const standing = this.providers.standing(ctx, op);
    if (!standing?.active) throw tasksErrors.providerNotActive(provAddr);
    if (!this.providers.serves(ctx, op, t.modelId))
      throw tasksErrors.modelNotServed(`${provAddr} does not serve ${t.modelId}`);
    if (t.preferredProvider && t.preferredProvider !== provAddr)
      throw tasksErrors.notPreferred(`task ${id} is for ${t.preferredProvider}`);
    const model = this.models.getModel(ctx, t.modelId);
    if (model?.status !== Status.STATUS_ACTIVE) throw tasksErrors.modelNotActive(`model ${t.modelId}`);
    const denom = t.maxFee!.denom;
    const priced = prov.pricePerTask.find((c) => c.denom === denom);
    if (!priced) throw tasksErrors.priceAboveFee(`${provAddr} has no price in ${denom}`);
    const price = BigInt(priced.amount);
    if (price > BigInt(t.maxFee!.amount))
      throw tasksErrors.priceAboveFee(`${price}${denom} > ${t.maxFee!.amount}${denom}`);
    const held = this.held(ctx, op);
    if (held + 1n > standing.claimLimit)
      throw tasksErrors.claimLimit(`${provAddr} holds ${held} of ${standing.claimLimit}`);
    const claimDeadline = ctx.block.height + this.getParams(ctx).claimTimeoutBlocks;
    this.put(
      ctx,
      {
        ...t,
        status: S.TASK_STATUS_CLAIMED,
        provider: provAddr,
        price: price.toString(),
        claimDeadlineHeight: claimDeadline,
      },
      t,
    );
    emitClaim(ctx, id, provAddr, `${price}${denom}`, claimDeadline);
    return { price: { denom, amount: price }, claimDeadline };
  }

  /** The claiming provider's canonical output; returns the challenge deadline. */
  submitResult(ctx: Context, operator: string, id: bigint, result: Result | undefined): bigint {
    const provAddr = toAddress(parseAddress(operator, undefined, 'provider'), PROVIDER_PREFIX);
    const t = this.mustTask(ctx, id);
    if (t.status !== S.TASK_STATUS_CLAIMED)
      throw tasksErrors.wrongStatus(`task ${id} is ${statusName(t.status)}, not CLAIMED`);
    if (t.provider !== provAddr) throw tasksErrors.notClaimer(`task ${id} is claimed by ${t.provider}`);
    const model = this.models.getModel(ctx, t.modelId);
    if (!model) throw new Error(`tasks: task ${id} names a missing model ${t.modelId}`); // models are never deleted: halt
    checkResult(model.spec!, hasBatch(model) ? t.batch : undefined, result);
    const deadline = ctx.block.height + this.getParams(ctx).challengeWindowBlocks;
    this.put(
      ctx,
      {
        ...t,
        status: S.TASK_STATUS_SUBMITTED,
        result,
        submittedHeight: ctx.block.height,
        challengeDeadlineHeight: deadline,
      },
      t,
    );
    emitSubmit(ctx, id, provAddr, deadline);
    return deadline;
  }

  cancelTask(ctx: Context, creator: string, id: bigint): Amount {
    const t = this.mustTask(ctx, id);
    if (t.creator !== creator) throw tasksErrors.notCreator(`task ${id} was created by ${t.creator}`);
    if (t.status !== S.TASK_STATUS_OPEN)
      throw tasksErrors.wrongStatus(`task ${id} is ${statusName(t.status)}; only an OPEN task can be cancelled`);
    const refund = { denom: t.maxFee!.denom, amount: BigInt(t.maxFee!.amount) };
    this.pay(ctx, t.creator, refund);
    this.put(
      ctx,
      { ...t, status: S.TASK_STATUS_CANCELLED, settlement: this.record(ctx, 'cancelled', { refund: refund.amount }) },
      t,
    );
    emitCancel(ctx, id, creator, show(refund));
    return refund;
  }

  challengeResult(ctx: Context, challenger: string, id: bigint, bond: Amount): void {
    const t = this.mustTask(ctx, id);
    if (t.status !== S.TASK_STATUS_SUBMITTED) {
      const closed = !LIVE.has(t.status) || t.status === S.TASK_STATUS_CHALLENGED;
      throw (closed ? tasksErrors.challengeWindowClosed : tasksErrors.wrongStatus)(
        `task ${id} is ${statusName(t.status)}`,
      );
    }
    const min = this.getParams(ctx).minChallengeBond!;
    if (bond.denom !== min.denom || bond.amount < BigInt(min.amount))
      throw tasksErrors.bondTooSmall(`${show(bond)} < ${min.amount}${min.denom}`);
    this.accounts.ensureModuleAccount(ctx, MODULE_NAME);
    this.bank.sendFromAccountToModule(ctx, parseAddress(challenger), MODULE_NAME, [bond]);
    this.put(
      ctx,
      {
        ...t,
        status: S.TASK_STATUS_CHALLENGED,
        challenge: {
          challenger,
          bond: { denom: bond.denom, amount: bond.amount.toString() },
          height: ctx.block.height,
          byValidators: this.routing.validatorsVerify(ctx),
        },
      },
      t,
    );
    emitChallenge(ctx, id, challenger, show(bond));
  }

  /** The validators could not settle a challenged result (too little power reported, or it does not fit their
   *  extensions): the chain re-runs it itself, in challenge order. */
  fallBackToRerun(ctx: Context, id: bigint, reason: string): void {
    const t = this.mustTask(ctx, id);
    if (t.status !== S.TASK_STATUS_CHALLENGED || !t.challenge?.byValidators)
      throw tasksErrors.wrongStatus(`task ${id} is not awaiting the validators' verification of a challenge`);
    this.put(ctx, { ...t, challenge: { ...t.challenge, byValidators: false } }, t);
    emitRerunFallback(ctx, id, reason);
  }

  // ---- end block: claim expiry, deadlines, optimistic settlement ----

  endBlock(ctx: Context): void {
    const h = ctx.block.height;
    for (const [, id] of [...this.state.claimQueue.keys(ctx, { through: [h] })])
      this.expireClaim(ctx, this.mustTask(ctx, id));
    for (const [, id] of [...this.state.deadlineQueue.keys(ctx, { through: [h] })])
      this.expireTask(ctx, this.mustTask(ctx, id));
    const due = [...this.state.settleQueue.keys(ctx, { through: [h] })];
    if (due.length === 0) return;
    const batch = { payouts: new Payouts(), models: new Map<string, Model | undefined>() };
    for (const [, id] of due) this.settleCorrect(ctx, this.mustTask(ctx, id), 'optimistic', batch);
    batch.payouts.flush(ctx, MODULE_NAME, this.bank, this.rewards);
  }

  /** A claim ran out without a result: the task is OPEN again and the provider has a miss. */
  private expireClaim(ctx: Context, t: Task): void {
    const prov = t.provider;
    this.put(
      ctx,
      { ...t, status: S.TASK_STATUS_OPEN, provider: '', price: '', claimDeadlineHeight: 0n, misses: t.misses + 1 },
      t,
    );
    emitClaimExpired(ctx, t.id, prov);
    this.recordMiss(ctx, prov, t.id);
  }

  /** The deadline passed while OPEN or CLAIMED: refunded in full (a claimer that never delivered has a miss). */
  private expireTask(ctx: Context, t: Task): void {
    const refund = { denom: t.maxFee!.denom, amount: BigInt(t.maxFee!.amount) };
    this.pay(ctx, t.creator, refund);
    const missed = t.status === S.TASK_STATUS_CLAIMED ? t.provider : '';
    this.put(
      ctx,
      {
        ...t,
        status: S.TASK_STATUS_EXPIRED,
        misses: t.misses + (missed ? 1 : 0),
        settlement: this.record(ctx, 'expired', { refund: refund.amount }),
      },
      t,
    );
    emitExpire(ctx, t.id, t.creator, show(refund));
    if (missed) this.recordMiss(ctx, missed, t.id);
  }

  /** Counts a miss in the provider's window; over max_misses_per_window jails it (misses start afresh). */
  private recordMiss(ctx: Context, provider: string, id: bigint): void {
    const p = this.getParams(ctx);
    const op = parseAddress(provider, PROVIDER_PREFIX, 'provider');
    const h = ctx.block.height;
    const from = h >= p.missWindowBlocks ? h - p.missWindowBlocks + 1n : 0n;
    for (const k of [...this.state.misses.keys(ctx, { prefix: [op], to: [op, from] })])
      this.state.misses.delete(ctx, k);
    this.state.misses.add(ctx, [op, h, id]);
    const inWindow = [...this.state.misses.keys(ctx, { prefix: [op] })];
    let jailedUntil: bigint | undefined;
    if (inWindow.length > p.maxMissesPerWindow) {
      // A provider removed from staking since its claim cannot be jailed; its misses are simply cleared.
      if (this.providers.getProvider(ctx, op)) {
        jailedUntil = ctx.block.time.seconds + p.missJailSeconds;
        this.slasher.jailProvider(ctx, op, jailedUntil);
      }
      for (const k of inWindow) this.state.misses.delete(ctx, k);
    }
    emitProviderMiss(ctx, id, provider, inWindow.length, jailedUntil);
  }

  *misses(ctx: Context): Iterable<{ provider: string; height: bigint; taskId: bigint }> {
    for (const [op, height, taskId] of this.state.misses.keys(ctx))
      yield { provider: toAddress(op, PROVIDER_PREFIX), height, taskId };
  }

  // ---- settlement ----

  private record(
    ctx: Context,
    outcome: string,
    f: Partial<Omit<Settlement, 'refund'>> & { refund?: bigint },
  ): Settlement {
    return {
      height: ctx.block.height,
      outcome,
      how: '',
      providerReward: '',
      validatorsShare: '',
      modelRoyalty: '',
      datasetRoyalties: [],
      communityPool: '',
      slashed: '',
      challengerReward: '',
      reason: '',
      forfeitedBond: '',
      returnedBond: '',
      ...f,
      refund: f.refund === undefined ? '' : f.refund.toString(),
    };
  }

  /**
   * The verification module's entry point (settlement interface of issue 10): the validators found a SUBMITTED or
   * CHALLENGED result correct or wrong.
   */
  settleVerified(ctx: Context, id: bigint, correct: boolean, reason = '', verifiers: Verifier[] = []): void {
    const t = this.mustTask(ctx, id);
    if (t.status !== S.TASK_STATUS_SUBMITTED && t.status !== S.TASK_STATUS_CHALLENGED) {
      throw tasksErrors.wrongStatus(`task ${id} is ${statusName(t.status)}; only a submitted result can be verified`);
    }
    if (correct) this.settleCorrect(ctx, t, 'verified', undefined, verifiers);
    else this.settleWrong(ctx, t, 'verified', reason);
  }

  /** The verification module's entry point when > 2/3 of the validators found the model fails on this input: no
   *  result can be right, so nobody is slashed and everyone gets their coins back. */
  settleVerifiedFailed(ctx: Context, id: bigint, reason: string): void {
    const t = this.mustTask(ctx, id);
    if (t.status !== S.TASK_STATUS_SUBMITTED && t.status !== S.TASK_STATUS_CHALLENGED) {
      throw tasksErrors.wrongStatus(`task ${id} is ${statusName(t.status)}; only a submitted result can be verified`);
    }
    this.settleFailed(ctx, t, reason, 'verified');
  }

  /**
   * A correct result: the price (the claiming provider's, fixed at the claim) is split — provider share into its
   * rewards (commission to the operator, the rest to its delegators by stake), model owner royalty, dataset
   * royalties by the model's basis points, the validators' share to the verifying validators who agreed (by power;
   * to the community pool for an optimistic settlement), the community share, and every rounding unit to the
   * community pool; max_fee − price goes back to the creator. A challenge bond on a correct result is forfeited to
   * the community pool. Nothing is created or lost: the parts sum to the escrow exactly.
   */
  private settleCorrect(
    ctx: Context,
    t: Task,
    how: 'optimistic' | 'verified' | 'rerun',
    batch?: { payouts: Payouts; models: Map<string, Model | undefined> },
    verifiers: Verifier[] = [],
  ): void {
    const out = batch?.payouts ?? new Payouts();
    const denom = t.maxFee!.denom;
    const maxFee = BigInt(t.maxFee!.amount),
      price = BigInt(t.price);
    const shares = sharesOf(this.getParams(ctx));
    const coin = (amount: bigint): Amount => ({ denom, amount });
    let providerReward = mulIntDec(price, shares.provider, 'floor');
    const validators = mulIntDec(price, shares.validators, 'floor');
    let model = batch?.models.get(t.modelId);
    if (!model) {
      model = this.models.getModel(ctx, t.modelId);
      batch?.models.set(t.modelId, model);
    }
    let modelRoyalty = mulIntDec(price, shares.modelRoyalty, 'floor');
    const datasetPool = mulIntDec(price, shares.datasetRoyalty, 'floor');
    const royalties: RoyaltyPayment[] = [];
    let royaltiesPaid = 0n;
    for (const s of model?.datasets ?? []) {
      const owner = this.models.getDataset(ctx, s.datasetId)?.owner;
      const amount = divRound(datasetPool * BigInt(s.shareBps), BPS, 'floor');
      if (!owner || amount === 0n) continue;
      out.toAccount(owner, coin(amount));
      royalties.push({ datasetId: s.datasetId, owner, amount: amount.toString() });
      royaltiesPaid += amount;
    }
    if (model?.owner) out.toAccount(model.owner, coin(modelRoyalty));
    else modelRoyalty = 0n;
    const op = providerBytes(t);
    // A provider removed from staking since its claim has no reward accounting left: its share joins the pool.
    if (providerReward > 0n && this.providers.getProvider(ctx, op)) out.toProvider(t.provider, coin(providerReward));
    else providerReward = 0n;
    const validatorsPaid = this.payVerifiers(ctx, out, coin(validators), verifiers);
    const community = price - providerReward - modelRoyalty - royaltiesPaid - validatorsPaid;
    out.toCommunityPool(coin(community));
    out.toAccount(t.creator, coin(maxFee - price));
    let forfeited = '';
    if (t.challenge) {
      const bond = { denom: t.challenge.bond!.denom, amount: BigInt(t.challenge.bond!.amount) };
      out.toCommunityPool(bond);
      forfeited = show(bond);
    }
    const vol = this.state.volume.get(ctx, denom) ?? { denom, settled: '0', tasks: 0n };
    this.state.volume.set(ctx, denom, {
      denom,
      settled: (BigInt(vol.settled) + price).toString(),
      tasks: vol.tasks + 1n,
    });
    const settlement = this.record(ctx, 'correct', {
      how,
      providerReward: providerReward.toString(),
      validatorsShare: validatorsPaid.toString(),
      modelRoyalty: modelRoyalty.toString(),
      datasetRoyalties: royalties,
      communityPool: community.toString(),
      refund: maxFee - price,
      forfeitedBond: forfeited,
    });
    this.put(ctx, { ...t, status: S.TASK_STATUS_SETTLED, settlement }, t);
    emitSettle(ctx, t.id, [
      ['outcome', 'correct'],
      ['how', how],
      ['provider', t.provider],
      ['price', show(coin(price))],
      ['provider_reward', show(coin(providerReward))],
      ['model_royalty', show(coin(modelRoyalty))],
      ['dataset_royalties', show(coin(royaltiesPaid))],
      ['community_pool', show(coin(community))],
      ['validators_share', show(coin(validatorsPaid))],
      ['validators_share_to_community_pool', show(coin(validators - validatorsPaid))],
      ['refund', show(coin(maxFee - price))],
      ['forfeited_bond', forfeited],
    ]);
    if (!batch) out.flush(ctx, MODULE_NAME, this.bank, this.rewards);
  }

  /**
   * The validators' share of a verified result to the validators whose reports agreed, by power (floor; dust to the
   * community pool). An optimistic settlement has no verifiers, and a validator outside staking (a fixed genesis set)
   * has no rewards to receive: those parts join the community pool. Returns what the validators got.
   */
  private payVerifiers(ctx: Context, out: Payouts, share: Amount, verifiers: Verifier[]): bigint {
    const staked = verifiers
      .map((v) => ({ valoper: this.rewards.validatorByConsensusAddress(ctx, v.consensusAddress), power: v.power }))
      .filter((v): v is { valoper: Uint8Array; power: bigint } => !!v.valoper && v.power > 0n);
    const total = verifiers.reduce((s, v) => s + (v.power > 0n ? v.power : 0n), 0n);
    if (share.amount === 0n || total === 0n) return 0n;
    let paid = 0n;
    for (const v of staked) {
      const amount = (share.amount * v.power) / total;
      out.toValidator(toHex(v.valoper), { denom: share.denom, amount });
      paid += amount;
    }
    return paid;
  }

  /**
   * A wrong result: the creator gets max_fee back, the provider is slashed provider_slash_fraction of its stake (at
   * least the price when the fee is in the bond denom) for a fault at the submission height, and a challenger gets
   * its bond back plus challenger_reward_share of the slash. The slash burns; the reward is minted back out of it,
   * so the net burn is the slash minus the reward and no coin is created.
   */
  private settleWrong(ctx: Context, t: Task, how: 'verified' | 'rerun', reason: string): void {
    const denom = t.maxFee!.denom;
    const maxFee = BigInt(t.maxFee!.amount),
      price = BigInt(t.price);
    this.pay(ctx, t.creator, { denom, amount: maxFee });
    const p = this.getParams(ctx);
    const op = providerBytes(t);
    const bondDenom = this.slasher.bondDenom(ctx);
    let burned = 0n;
    const standing = this.providers.standing(ctx, op);
    if (standing && standing.stake > 0n) {
      let f = parseDec(p.providerSlashFraction);
      if (denom === bondDenom) {
        const atLeastFee = decFromRatio(price, standing.stake, 'ceil');
        if (atLeastFee > f) f = atLeastFee;
      }
      if (f > DEC_ONE) f = DEC_ONE;
      burned = this.slasher.slashProvider(ctx, op, formatDec(f), REASON_WRONG_RESULT, t.submittedHeight);
    }
    let reward = 0n,
      returned = '';
    if (t.challenge) {
      const bond = { denom: t.challenge.bond!.denom, amount: BigInt(t.challenge.bond!.amount) };
      this.pay(ctx, t.challenge.challenger, bond);
      returned = show(bond);
      reward = mulIntDec(burned, parseDec(p.challengerRewardShare), 'floor');
      if (reward > 0n) {
        this.bank.mintCoins(ctx, MODULE_NAME, [{ denom: bondDenom, amount: reward }]);
        this.pay(ctx, t.challenge.challenger, { denom: bondDenom, amount: reward });
      }
    }
    const settlement = this.record(ctx, 'wrong', {
      how,
      refund: maxFee,
      slashed: burned.toString(),
      challengerReward: reward.toString(),
      reason,
      returnedBond: returned,
    });
    this.put(ctx, { ...t, status: S.TASK_STATUS_REJECTED, settlement }, t);
    emitSettle(ctx, t.id, [
      ['outcome', 'wrong'],
      ['how', how],
      ['provider', t.provider],
      ['refund', `${maxFee}${denom}`],
      ['slashed', `${burned}${bondDenom}`],
      ['challenger_reward', `${reward}${bondDenom}`],
      ['reason', reason],
    ]);
  }

  /** The chain's own run of the model failed on this input: no result can be right; everyone gets their coins back. */
  private settleFailed(ctx: Context, t: Task, reason: string, how: 'rerun' | 'verified' = 'rerun'): void {
    const maxFee = { denom: t.maxFee!.denom, amount: BigInt(t.maxFee!.amount) };
    this.pay(ctx, t.creator, maxFee);
    let returned = '';
    if (t.challenge) {
      const bond = { denom: t.challenge.bond!.denom, amount: BigInt(t.challenge.bond!.amount) };
      this.pay(ctx, t.challenge.challenger, bond);
      returned = show(bond);
    }
    this.put(
      ctx,
      {
        ...t,
        status: S.TASK_STATUS_FAILED,
        settlement: this.record(ctx, 'failed', { how, refund: maxFee.amount, reason, returnedBond: returned }),
      },
      t,
    );
    emitSettle(ctx, t.id, [
      ['outcome', 'failed'],
      ['how', how],
      ['refund', show(maxFee)],
      ['reason', reason],
    ]);
  }

  // ---- challenge re-runs (until the verification module replaces them with the validators' votes) ----

  /**
   * The challenged tasks to re-run this block, in queue order (challenge height, id), within the FLOP budget
   * (model FLOPs × batch); the first always runs, so one task above the budget cannot stall the queue.
   */
  dueReruns(ctx: Context): RerunJob[] {
    const budget = this.getParams(ctx).maxRerunFlopsPerBlock;
    const jobs: RerunJob[] = [];
    let used = 0n;
    for (const [, id] of this.state.rerunQueue.keys(ctx)) {
      const task = this.mustTask(ctx, id);
      const model = this.models.getModel(ctx, task.modelId);
      if (!model) throw new Error(`tasks: task ${id} names a missing model ${task.modelId}`);
      const flops = model.flopCount * task.batch;
      if (jobs.length > 0 && used + flops > budget) break;
      jobs.push({ task, model, flops });
      used += flops;
    }
    return jobs;
  }

  modelBytes(ctx: Context, id: string): Uint8Array {
    const b = this.models.getModelBytes(ctx, id);
    if (!b) throw new Error(`tasks: model ${id} has no bytes`); // broken state: halt
    return b;
  }

  /** Settles a challenged task from the chain's re-run: same shapes and within the model's rule, or not. */
  applyRerun(ctx: Context, job: RerunJob, out: RerunOutcome): void {
    const t = this.mustTask(ctx, job.task.id);
    if (t.status !== S.TASK_STATUS_CHALLENGED)
      throw new Error(`tasks: re-run of task ${t.id} in status ${statusName(t.status)}`);
    if (!out.ok) {
      emitRerun(ctx, t.id, 'failed', job.flops, out.code);
      this.settleFailed(ctx, t, `the model run failed: ${out.code}`);
      return;
    }
    const verdict = this.judge(job.model, t.result!, out.output);
    emitRerun(ctx, t.id, verdict.match ? 'correct' : 'wrong', job.flops, verdict.match ? '' : verdict.reason);
    if (verdict.match) this.settleCorrect(ctx, t, 'rerun');
    else this.settleWrong(ctx, t, 'rerun', verdict.reason);
  }

  private judge(model: Model, got: Result, want: CanonicalResult): { match: true } | { match: false; reason: string } {
    if (got.tensors.length !== want.tensors.length)
      return { match: false, reason: `${got.tensors.length} outputs, canonical ${want.tensors.length}` };
    for (let i = 0; i < want.tensors.length; i++) {
      const a = got.tensors[i].shape.join('x'),
        b = want.tensors[i].shape.join('x');
      if (a !== b) return { match: false, reason: `output ${i} shape ${a}, canonical ${b}` };
    }
    return this.comparer.compare(ruleOf(model, want), want.values, got.values);
  }

  // ---- genesis ----

  importTask(ctx: Context, t: Task): void {
    this.state.inputs.set(ctx, t.id, { inputs: t.inputs });
    this.put(ctx, t, null);
  }
  inputCount(ctx: Context): number {
    return [...this.state.inputs.keys(ctx)].length;
  }
  importMiss(ctx: Context, provider: string, height: bigint, taskId: bigint): void {
    this.state.misses.add(ctx, [parseAddress(provider, PROVIDER_PREFIX, 'provider'), height, taskId]);
  }
  volumes(ctx: Context) {
    return [...this.state.volume.values(ctx)];
  }
  importVolume(ctx: Context, v: { denom: string; settled: string; tasks: bigint }): void {
    this.state.volume.set(ctx, v.denom, v);
  }
}

/** The model's comparison rule; argmax compares per row of the single output's last dimension. */
export function ruleOf(model: Model, out: CanonicalResult): CompareRule {
  switch (model.rule) {
    case ComparisonRule.COMPARISON_RULE_TOLERANCE:
      return { kind: 'tolerance', tolerance: model.tolerance };
    case ComparisonRule.COMPARISON_RULE_ARGMAX: {
      const shape = out.tensors.length === 1 ? out.tensors[0].shape : [];
      return shape.length > 1 ? { kind: 'argmax', rowLength: Number(shape[shape.length - 1]) } : { kind: 'argmax' };
    }
    default:
      return { kind: 'exact' };
  }
}
