// The daemon's view of the chain, read fresh each round over JSON-RPC (the chain is the source of truth; nothing is
// kept across rounds but what failed here): the height, the provider's record and standing, the market's max_batch,
// the tasks it holds, and the open tasks of a model. Held tasks are read by status (CLAIMED, SUBMITTED, CHALLENGED)
// and filtered by provider, not from tasks-by-provider, which lists every task the provider ever claimed: live ones
// are bounded by the providers' claim limits, the history is not.
import { QueryClient } from '@cosmjs/stargate';
import { connectComet, type CometClient } from '@cosmjs/tendermint-rpc';
import { setupTasksExtension, type TasksExtension } from '../../modules/tasks/client.js';
import { setupAichainStakingExtension, type AichainStakingExtension } from '../../modules/staking/client.js';
import { setupModelsExtension, type ModelsExtension } from '../../modules/models/client.js';
import { TaskStatus, type Task } from '../../proto/gen/aichain/tasks/v1/types.js';
import type { Provider } from '../../proto/gen/aichain/staking/v1/types.js';
import type { ProviderStanding } from '../../proto/gen/aichain/staking/v1/query.js';

export type ChainQueries = QueryClient & TasksExtension & AichainStakingExtension & ModelsExtension;

/** Held statuses: they count against the claim limit. */
const HELD = [TaskStatus.TASK_STATUS_CLAIMED, TaskStatus.TASK_STATUS_SUBMITTED, TaskStatus.TASK_STATUS_CHALLENGED];
const PAGE = 100n;

export interface Snapshot {
  height: bigint;
  provider: Provider;
  standing: ProviderStanding;
  maxBatch: number;
  /** The provider's held tasks (with inputs), in id order. */
  held: Task[];
}

export class ChainView {
  private constructor(
    private readonly comet: CometClient,
    readonly q: ChainQueries,
    /** aiprov1… */
    readonly provider: string,
  ) {}

  static async connect(url: string, provider: string): Promise<ChainView> {
    const comet = await connectComet(url);
    const q = QueryClient.withExtensions(
      comet,
      setupTasksExtension,
      setupAichainStakingExtension,
      setupModelsExtension,
    );
    return new ChainView(comet, q, provider);
  }

  async height(): Promise<bigint> {
    return BigInt((await this.comet.status()).syncInfo.latestBlockHeight);
  }

  async snapshot(): Promise<Snapshot> {
    const height = await this.height();
    const [{ provider, standing }, params, ...byStatus] = await Promise.all([
      this.q.aichainStaking.provider(this.provider),
      this.q.tasks.params(),
      ...HELD.map((s) => this.all((key) => this.q.tasks.byStatus(s, { key, limit: PAGE }))),
    ]);
    if (!provider || !standing) throw new Error(`the chain has no provider ${this.provider}`);
    const held = byStatus
      .flat()
      .filter((t) => t.provider === this.provider)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    return { height, provider, standing, maxBatch: params.maxBatch, held };
  }

  /**
   * Open tasks of `modelId`, oldest first, page by page until `enough` says the list is enough (the planner skips
   * some: other providers' preferred tasks, fees below our price) or `maxPages` were read.
   */
  async open(modelId: string, enough: (tasks: Task[]) => boolean, maxPages = 5): Promise<Task[]> {
    const out: Task[] = [];
    let key: Uint8Array = new Uint8Array();
    for (let i = 0; i < maxPages; i++) {
      const r = await this.q.tasks.byModel(modelId, TaskStatus.TASK_STATUS_OPEN, { key, limit: PAGE });
      out.push(...r.tasks);
      key = r.pagination?.nextKey ?? new Uint8Array();
      if (key.length === 0 || enough(out)) break;
    }
    return out;
  }

  /** Every page of a paginated task query. */
  private async all(
    page: (key: Uint8Array) => Promise<{ tasks: Task[]; pagination?: { nextKey: Uint8Array } }>,
  ): Promise<Task[]> {
    const out: Task[] = [];
    let key: Uint8Array = new Uint8Array();
    do {
      const r = await page(key);
      out.push(...r.tasks);
      key = r.pagination?.nextKey ?? new Uint8Array();
    } while (key.length > 0);
    return out;
  }

  disconnect(): void {
    this.comet.disconnect();
  }
}
