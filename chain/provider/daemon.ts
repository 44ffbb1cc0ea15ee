// The provider daemon's loop. Each round, when the chain has a new block: read the chain (watcher.ts), run the tasks
// it holds CLAIMED and submit their results in one MsgSubmitResults, then claim what the planner picks in one
// MsgClaimTasks; the tasks claimed in a round are run in the next. Nothing but the ids of tasks that failed here is
// kept between rounds, so a restart (even after SIGKILL) starts from what the chain says it holds: tasks found
// CLAIMED at start are finished before anything new is claimed, and none is claimed twice. stop() ends claiming and
// drains what is claimed (bounded), then run() returns.
import type { EncodeObject } from '@cosmjs/proto-signing';
import type { Logger } from '../logger.js';
import { OnnxEnvironmentError } from '../../native/onnx/errors.js';
import { TaskStatus, type Task } from '../../proto/gen/aichain/tasks/v1/types.js';
import type { MsgClaimTasksEncodeObject, MsgSubmitResultsEncodeObject } from '../../modules/tasks/client.js';
import { claimRoom, planClaims, refusal, type ProviderTerms } from './planner.js';
import { engineRefusal, type Worker } from './worker.js';
import { WRONG_SEQUENCE, type TxOutcome, type TxSender } from './submitter.js';
import { Counters } from './counters.js';
import type { ChainView, Snapshot } from './watcher.js';

export interface DaemonOptions {
  /** --models: only these (each must be one the provider serves on chain); undefined: all it serves. */
  models?: string[];
  maxInflight: number;
  pollMs: number;
  progressMs: number;
  /** How long a stop may take to submit what is claimed. */
  drainMs: number;
}

/** A configuration the daemon cannot serve (unknown model, engine not allowed): the CLI prints it and exits 2. */
export class ProviderConfigError extends Error {}

const CLAIMED = TaskStatus.TASK_STATUS_CLAIMED;

export class ProviderDaemon {
  readonly counters = new Counters();
  private terms?: ProviderTerms;
  private stopping = false;
  private readonly failedHere = new Set<bigint>();
  /** Tasks found CLAIMED at start: finished before anything new is claimed. */
  private recovering = new Set<bigint>();
  private lastRoundHeight = -1n;
  private wake: () => void = () => {};

  constructor(
    private readonly view: ChainView,
    private readonly sender: TxSender,
    private readonly worker: Worker,
    private readonly log: Logger,
    private readonly opts: DaemonOptions,
  ) {}

  /** Reads the provider from the chain and settles which models to serve; throws ProviderConfigError when it cannot. */
  async prepare(): Promise<ProviderTerms> {
    const snap = await this.view.snapshot();
    const served = new Set(snap.provider.modelIds);
    const unknown = (this.opts.models ?? []).filter((m) => !served.has(m));
    if (unknown.length)
      throw new ProviderConfigError(
        `${this.view.provider} does not serve ${unknown.join(', ')} (it serves ${[...served].join(', ') || 'nothing'})`,
      );
    const models = new Set<string>();
    for (const id of this.opts.models ?? served) {
      const why = engineRefusal(this.worker.engine, (await this.worker.model(id)).model);
      if (why && this.opts.models) throw new ProviderConfigError(`--engine ${this.worker.engine}: ${why}`);
      if (why) this.log.warn('not serving a model with this engine', { model: id, reason: why });
      else models.add(id);
    }
    if (models.size === 0) throw new ProviderConfigError(`no model to serve with --engine ${this.worker.engine}`);
    const prices = new Map(snap.provider.pricePerTask.map((c) => [c.denom, BigInt(c.amount)]));
    this.terms = { address: this.view.provider, models, prices };
    this.recovering = new Set(snap.held.filter((t) => t.status === CLAIMED).map((t) => t.id));
    this.log.info('provider daemon ready', {
      provider: this.view.provider,
      operator: this.sender.address,
      engine: this.worker.engine,
      models: [...models],
      prices: snap.provider.pricePerTask.map((c) => `${c.amount}${c.denom}`),
      active: snap.standing.active,
      claim_limit: snap.standing.claimLimit,
      held: snap.held.length,
      recovering: [...this.recovering],
      max_inflight: this.opts.maxInflight,
    });
    return this.terms;
  }

  /** Runs rounds until stop(), then drains. Returns whether everything claimed was submitted. */
  async run(): Promise<boolean> {
    if (!this.terms) await this.prepare();
    const progress = setInterval(() => this.log.info('progress', this.counters.snapshot()), this.opts.progressMs);
    try {
      while (!this.stopping) {
        await this.tick();
        await this.sleep(this.opts.pollMs);
      }
      return await this.drain();
    } finally {
      clearInterval(progress);
      this.log.info('progress', this.counters.snapshot());
    }
  }

  /** Stop claiming; finish and submit what is claimed (run() then returns). */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.log.info('stopping: no new claims; submitting what is claimed', { inflight: this.counters.inflight });
    this.wake();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /** One round if the chain moved since the last; a failed read is logged and retried next tick. */
  private async tick(): Promise<void> {
    try {
      if ((await this.view.height()) === this.lastRoundHeight) return;
      await this.round();
    } catch (e) {
      if (e instanceof OnnxEnvironmentError) throw e; // a broken runtime here stops the daemon, loudly
      this.log.error('round failed; retrying', { err: (e as Error).message });
    }
  }

  private async round(): Promise<void> {
    const snap = await this.view.snapshot();
    this.lastRoundHeight = snap.height;
    this.counters.rounds++;
    this.counters.lastHeight = snap.height;
    this.counters.held = snap.held.length;
    const claimed = snap.held.filter((t) => t.status === CLAIMED);
    for (const id of this.recovering) if (!claimed.some((t) => t.id === id)) this.recovering.delete(id);
    const submitted = await this.runAndSubmit(
      claimed.filter((t) => !this.failedHere.has(t.id)),
      snap,
    );
    this.counters.inflight = claimed.length - submitted;
    if (this.stopping) return;
    if (this.recovering.size > 0) {
      this.log.info('finishing tasks claimed before the start before claiming more', {
        tasks: [...this.recovering],
      });
      return;
    }
    await this.claim(snap);
  }

  /** Runs `tasks` (at most max_batch, oldest first) and submits the results in one message; returns how many. */
  private async runAndSubmit(tasks: Task[], snap: Snapshot): Promise<number> {
    const batch = tasks.slice(0, snap.maxBatch);
    if (batch.length === 0) return 0;
    const outcomes = await this.worker.run(batch, snap.maxBatch);
    const results = [];
    for (const o of outcomes) {
      if (o.ok) results.push({ taskId: o.task.id, result: o.result });
      else {
        this.failedHere.add(o.task.id);
        this.counters.failed++;
        this.log.error('task failed here; not submitting it', { task: o.task.id, code: o.code, message: o.message });
      }
    }
    if (results.length === 0) return 0;
    const msg: MsgSubmitResultsEncodeObject = {
      typeUrl: '/aichain.tasks.v1.MsgSubmitResults',
      value: { provider: this.sender.address, results },
    };
    const ids = results.map((r) => r.taskId);
    const out = await this.sender.send([msg]);
    if (!out.ok) {
      this.refused('submit', ids, out);
      return 0;
    }
    this.counters.submitted += ids.length;
    for (const id of ids) this.recovering.delete(id);
    this.log.info('submitted', { tasks: ids, height: out.height, txhash: out.txhash });
    return ids.length;
  }

  private async claim(snap: Snapshot): Promise<void> {
    const terms = this.terms!;
    const budget = {
      active: snap.standing.active,
      claimLimit: snap.standing.claimLimit,
      held: snap.held.length,
      inflight: this.counters.inflight,
      maxInflight: this.opts.maxInflight,
      maxBatch: snap.maxBatch,
    };
    const room = claimRoom(budget);
    if (room === 0) return;
    const enough = (ts: Task[]) =>
      ts.filter((t) => refusal(t, terms, snap.height, this.failedHere) === undefined).length >= room;
    const open: Task[] = [];
    for (const model of terms.models) open.push(...(await this.view.open(model, enough)));
    const ids = planClaims(open, terms, budget, snap.height, this.failedHere);
    if (ids.length === 0) return;
    const msg: MsgClaimTasksEncodeObject = {
      typeUrl: '/aichain.tasks.v1.MsgClaimTasks',
      value: { provider: this.sender.address, taskIds: ids },
    };
    const out = await this.sender.send([msg as EncodeObject]);
    if (!out.ok) {
      this.refused('claim', ids, out);
      return;
    }
    this.counters.claimed += ids.length;
    this.counters.inflight += ids.length;
    this.counters.held += ids.length;
    this.log.info('claimed', { tasks: ids, height: out.height, txhash: out.txhash });
  }

  private refused(what: 'claim' | 'submit', ids: bigint[], out: Extract<TxOutcome, { ok: false }>): void {
    this.counters.refused++;
    const why =
      out.code === WRONG_SEQUENCE && out.codespace === 'sdk'
        ? 'account sequence mismatch (another tx of this key?)'
        : out.stage === 'broadcast'
          ? 'not confirmed (node unreachable or slow)'
          : 'refused by the chain (e.g. another provider claimed first)';
    this.log.warn(`${what} ${why}; re-reading the chain next round`, {
      tasks: ids,
      stage: out.stage,
      code: out.code,
      codespace: out.codespace,
      log: out.log,
      txhash: out.txhash,
    });
  }

  /** After stop(): rounds (no claims) until nothing we can submit is CLAIMED, or drainMs passed. */
  private async drain(): Promise<boolean> {
    const until = performance.now() + this.opts.drainMs;
    for (;;) {
      try {
        const snap = await this.view.snapshot();
        const left = snap.held.filter((t) => t.status === CLAIMED && !this.failedHere.has(t.id));
        if (left.length === 0) return true;
        if (performance.now() >= until) {
          this.log.warn('stopped with tasks still claimed (a restart finishes them)', {
            tasks: left.map((t) => t.id),
          });
          return false;
        }
        if (snap.height !== this.lastRoundHeight) await this.round();
      } catch (e) {
        this.log.error('drain round failed', { err: (e as Error).message });
        if (performance.now() >= until) return false;
      }
      await new Promise((r) => setTimeout(r, this.opts.pollMs));
    }
  }
}
